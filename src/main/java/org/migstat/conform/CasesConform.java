package org.migstat.conform;

import static org.apache.spark.sql.functions.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.migstat.catalog.CaseTables;
import org.migstat.quality.Rule;
import org.migstat.quality.Rules;

/**
 * Bronze protection-case rows (Indonesian field names and codes) to typed silver candidates in HTCDS
 * value names, with their quality verdicts. Pure. Every code goes through a mapping table in
 * {@code mappings/htcds_*.csv}; a code the table does not know is never turned into "Other": the
 * row fails a named rule and goes to quarantine. Multi-valued fields are split on ';', each value
 * trimmed and mapped; the list fails its rule when any one value is unknown.
 */
public final class CasesConform {
  private CasesConform() {}

  /** The raw columns of the case extract, in declared order. */
  public static final List<String> RAW = List.of(CaseTables.CASE_RAW_COLUMNS.split(","));

  static final String DATE = "dd-MM-yyyy";
  static final String TIMESTAMP = "dd-MM-yyyy HH:mm:ss";
  /** Separator of multi-valued fields; '|' and ',' are read too (a clerk's slip inside a quoted field). */
  static final String LIST_SEPARATOR = "[;|,]";

  /** The HTCDS mapping tables (normalised variant to value), loaded once per JVM. */
  public static final class Htcds {
    private Htcds() {}

    public static final Map<String, String> GENDER = Mappings.dictionary("htcds_gender.csv", "variant", "htcds_value");
    public static final Map<String, String> STATUS = Mappings.dictionary("htcds_trafficking_status.csv", "variant", "htcds_value");
    public static final Map<String, String> ORGANISATION =
        Mappings.dictionary("htcds_deciding_organisation.csv", "variant", "htcds_value");
    public static final Map<String, String> CASE_TYPE = Mappings.dictionary("htcds_case_type.csv", "variant", "htcds_value");
    public static final Map<String, String> RECRUITMENT =
        Mappings.dictionary("htcds_recruitment_method.csv", "variant", "htcds_value");
    public static final Map<String, String> PLATFORM = Mappings.dictionary("htcds_platform.csv", "variant", "htcds_value");
    public static final Map<String, String> LURE_JOB = Mappings.dictionary("htcds_lure_job.csv", "variant", "htcds_value");
    public static final Map<String, String> EXPLOITATION = Mappings.dictionary("htcds_exploitation.csv", "variant", "htcds_value");
    public static final Map<String, String> EXPLOITATION_SUBTYPE =
        Mappings.dictionary("htcds_exploitation.csv", "variant", "subtype");
    public static final Map<String, String> CONTROL = Mappings.dictionary("htcds_control_method.csv", "variant", "htcds_value");
    public static final Map<String, String> ENTRY_VISA = Mappings.dictionary("htcds_entry_visa.csv", "variant", "htcds_value");
    public static final Map<String, String> ENTRY_ROUTE = Mappings.dictionary("htcds_entry_route.csv", "variant", "htcds_value");
    public static final Map<String, String> CASE_STATUS = Mappings.dictionary("htcds_case_status.csv", "variant", "htcds_value");
    public static final Map<String, String> JUSTICE = Mappings.dictionary("htcds_justice_stage.csv", "variant", "htcds_value");
    public static final Map<String, String> CONSENT = Mappings.dictionary("htcds_consent.csv", "variant", "htcds_value");
    public static final Map<String, String> CITIZENSHIP = Mappings.dictionary("htcds_citizenship.csv", "variant", "htcds_value");
    public static final Map<String, String> PROVINCE_ID = Mappings.dictionary("htcds_province_id.csv", "variant", "htcds_value");

    /** The mapping files of the case model, by the raw column they map. */
    public static final Map<String, String> FILES = Map.ofEntries(
        Map.entry("jenis_kelamin", "htcds_gender.csv"),
        Map.entry("status_korban", "htcds_trafficking_status.csv"),
        Map.entry("lembaga_penentu", "htcds_deciding_organisation.csv"),
        Map.entry("jenis_kasus", "htcds_case_type.csv"),
        Map.entry("saluran_rekrutmen", "htcds_recruitment_method.csv"),
        Map.entry("platform", "htcds_platform.csv"),
        Map.entry("pekerjaan_dijanjikan", "htcds_lure_job.csv"),
        Map.entry("bentuk_eksploitasi", "htcds_exploitation.csv"),
        Map.entry("cara_kontrol", "htcds_control_method.csv"),
        Map.entry("visa_masuk", "htcds_entry_visa.csv"),
        Map.entry("jalur", "htcds_entry_route.csv"),
        Map.entry("status_kasus", "htcds_case_status.csv"),
        Map.entry("tahap_hukum", "htcds_justice_stage.csv"),
        Map.entry("persetujuan", "htcds_consent.csv"),
        Map.entry("kewarganegaraan", "htcds_citizenship.csv"),
        Map.entry("provinsi_asal", "htcds_province_id.csv"));

    /** The newest mapping_version in the htcds_*.csv files: stamped on every silver case. */
    public static final String MAPPING_VERSION = FILES.values().stream()
        .flatMap(f -> Mappings.load(f).stream().map(r -> r.get("mapping_version")))
        .max(String::compareTo).orElseThrow();

    /** Citizenship as an Indonesian clerk writes it (WNI, RI, ...), then the ISO spellings of citizenship.csv. */
    public static Column citizenship(Column raw) {
      return coalesce(lookup(CITIZENSHIP, raw), Mappings.citizenship(raw));
    }

    public static Column gender(Column raw) {
      return lookup(GENDER, raw);
    }

    public static Column provinceId(Column raw) {
      return lookup(PROVINCE_ID, raw);
    }

    /**
     * Like {@link Mappings#lookup}, with the table as two array literals (one plan node each rather
     * than one per entry: the case model has sixteen tables). NULL when blank or unknown.
     */
    public static Column lookup(Map<String, String> dictionary, Column raw) {
      return try_element_at(map_from_arrays(lit(dictionary.keySet().toArray(String[]::new)),
          lit(dictionary.values().toArray(String[]::new))), Mappings.normalised(raw));
    }
  }

  // ---- multi-valued fields ------------------------------------------------------------------------

  /** The non-blank, trimmed values of a delimited raw field (empty array when blank). */
  public static Column values(String rawColumn) {
    Column parts = split(coalesce(col(rawColumn), lit("")), LIST_SEPARATOR);
    return filter(transform(parts, x -> trim(x)), x -> x.notEqual(lit("")));
  }

  /** Each value mapped; an unknown value stays in the array as NULL so the rule can see it. */
  public static Column mappedValues(Map<String, String> dictionary, String rawColumn) {
    return transform(values(rawColumn), x -> Htcds.lookup(dictionary, x));
  }

  /** A single-valued optional code: blank, or a known value. */
  private static Column blankOrKnown(String rawColumn, String typedColumn) {
    return Parse.blank(rawColumn).or(col(typedColumn).isNotNull());
  }

  private static Column dateRule(String rawColumn, String typedColumn) {
    return Parse.blank(rawColumn).or(col(typedColumn).geq(col("reported_date")));
  }

  public static final List<Rule> RULES = List.of(
      Rule.error("line_parseable", "the line could be split into the declared fields", col("_parse_error").isNull()),
      Rule.error("case_no_present", "no_kasus is not blank, invisible characters only or a placeholder",
          col("case_no").isNotNull()),
      Rule.error("document_number_real", "no_paspor, when given, is not invisible characters only nor a placeholder"
          + " (N/A, NONE, 0, repeated characters: mappings/identifier_placeholders.csv)",
          Identifiers.documentNumberReal(col("_raw.no_paspor"))),
      Rule.error("reported_date_not_after_extract",
          "tanggal_lapor is not after the file's extract date (plus the tolerance of mappings/plausibility.csv)",
          Plausibility.notAfterExtract(col("reported_date"))),
      Rule.error("birth_date_plausible", "tanggal_lahir is not before 1900 (mappings/plausibility.csv)",
          Plausibility.bornAfterEarliest(col("birth_date"))),
      Rule.error("last_updated_not_after_extract",
          "terakhir_diperbarui is not after the file's extract date (plus the tolerance of mappings/plausibility.csv)",
          Plausibility.notAfterExtract(col("updated_at"))),
      Rule.error("document_identifiable", "jenis_dokumen, negara_penerbit and no_paspor are present and known",
          col("person_id").isNotNull()),
      Rule.error("citizenship_known", "kewarganegaraan maps to an ISO 3166 alpha-3 code", col("citizenship").isNotNull()),
      Rule.error("gender_known", "jenis_kelamin is blank or in htcds_gender.csv", blankOrKnown("_raw.jenis_kelamin", "gender")),
      Rule.error("birth_date_valid", "tanggal_lahir is blank, or a real dd-MM-yyyy date not after tanggal_lapor",
          Parse.blank("_raw.tanggal_lahir").or(col("birth_date").leq(col("reported_date")))),
      Rule.error("origin_province_known", "provinsi_asal is blank or in htcds_province_id.csv",
          blankOrKnown("_raw.provinsi_asal", "origin_province")),
      Rule.error("case_type_known", "jenis_kasus is in htcds_case_type.csv", col("case_type").isNotNull()),
      Rule.error("trafficking_status_known", "status_korban is in htcds_trafficking_status.csv",
          col("trafficking_status").isNotNull()),
      Rule.error("deciding_organisation_known", "lembaga_penentu is blank or in htcds_deciding_organisation.csv",
          blankOrKnown("_raw.lembaga_penentu", "deciding_organisation")),
      Rule.error("recruitment_methods_known", "every value of saluran_rekrutmen is in htcds_recruitment_method.csv",
          known("_m_recruitment")),
      Rule.error("recruitment_platforms_known", "every value of platform is in htcds_platform.csv",
          known("_m_platform")),
      Rule.error("lure_job_known", "pekerjaan_dijanjikan is blank or in htcds_lure_job.csv",
          blankOrKnown("_raw.pekerjaan_dijanjikan", "lure_job")),
      Rule.error("exploitation_types_known", "every value of bentuk_eksploitasi is in htcds_exploitation.csv",
          known("_m_exploitation")),
      Rule.error("control_methods_known", "every value of cara_kontrol is in htcds_control_method.csv",
          known("_m_control")),
      Rule.error("entry_visa_known", "visa_masuk is blank or in htcds_entry_visa.csv", blankOrKnown("_raw.visa_masuk", "entry_visa")),
      Rule.error("entry_route_known", "jalur is blank or in htcds_entry_route.csv", blankOrKnown("_raw.jalur", "entry_route")),
      Rule.error("exploitation_province_known", "provinsi_eksploitasi is blank or a known spelling of a Cambodian province",
          blankOrKnown("_raw.provinsi_eksploitasi", "exploitation_province")),
      Rule.error("reported_date_valid", "tanggal_lapor is a real dd-MM-yyyy date not after terakhir_diperbarui",
          col("reported_date").leq(to_date(col("updated_at")))),
      Rule.error("identified_date_valid", "tanggal_identifikasi is blank, or a real date not before tanggal_lapor",
          dateRule("_raw.tanggal_identifikasi", "identified_date")),
      Rule.error("released_date_valid", "tanggal_bebas is blank, or a real date not before tanggal_lapor",
          dateRule("_raw.tanggal_bebas", "released_date")),
      Rule.error("repatriated_date_valid",
          "tanggal_pulang is blank, or a real date not before tanggal_lapor nor before tanggal_bebas",
          dateRule("_raw.tanggal_pulang", "repatriated_date")
              .and(col("released_date").isNull().or(Parse.blank("_raw.tanggal_pulang"))
                  .or(col("repatriated_date").geq(col("released_date"))))),
      Rule.error("case_status_known", "status_kasus is in htcds_case_status.csv", col("case_status").isNotNull()),
      Rule.error("justice_stage_known", "tahap_hukum is blank or in htcds_justice_stage.csv",
          blankOrKnown("_raw.tahap_hukum", "justice_stage")),
      Rule.error("consent_known", "persetujuan is blank or in htcds_consent.csv", blankOrKnown("_raw.persetujuan", "consent")),
      Rule.error("last_updated_valid", "terakhir_diperbarui is a real dd-MM-yyyy HH:mm:ss time", col("updated_at").isNotNull()),
      Rule.warn("sex_recorded", "jenis_kelamin is recorded", col("sex").isin("M", "F")),
      Rule.warn("birth_date_recorded", "tanggal_lahir is recorded", Parse.blank("_raw.tanggal_lahir").equalTo(false)),
      Rule.warn("consent_recorded", "persetujuan is recorded", Parse.blank("_raw.persetujuan").equalTo(false)));

  /** Working columns: the mapped values of each multi-valued field, computed once (NULL marks an unknown value). */
  private static final String[] MAPPED = {"_m_recruitment", "_m_platform", "_m_exploitation", "_m_subtype", "_m_control"};

  /** The mapped list as silver holds it: distinct values, sorted; NULL when nothing was recorded. */
  private static Column silverList(String mapped) {
    return when(size(col(mapped)).gt(0), array_sort(array_distinct(array_compact(col(mapped)))));
  }

  private static Column known(String mapped) {
    return forall(col(mapped), x -> x.isNotNull());
  }

  /** Adds the typed silver columns, the record hash and the rule verdicts to bronze rows. */
  public static Dataset<Row> conform(Dataset<Row> bronze, Pseudonymizer pseudonyms) {
    Column docCountry = Htcds.citizenship(col("_raw.negara_penerbit"));
    Column documentKey = Pseudonymizer.documentKey(col("_raw.jenis_dokumen"), docCountry, col("_raw.no_paspor"));
    // Columns are added in a few batches (each withColumns is one analysis of the plan), in dependency order.
    Map<String, Column> fromRaw = new LinkedHashMap<>();
    fromRaw.put("_m_recruitment", mappedValues(Htcds.RECRUITMENT, "_raw.saluran_rekrutmen"));
    fromRaw.put("_m_platform", mappedValues(Htcds.PLATFORM, "_raw.platform"));
    fromRaw.put("_m_exploitation", mappedValues(Htcds.EXPLOITATION, "_raw.bentuk_eksploitasi"));
    // Types without a subtype map to "" in the subtype column of htcds_exploitation.csv.
    fromRaw.put("_m_subtype", filter(mappedValues(Htcds.EXPLOITATION_SUBTYPE, "_raw.bentuk_eksploitasi"),
        x -> x.isNotNull().and(x.notEqual(lit("")))));
    fromRaw.put("_m_control", mappedValues(Htcds.CONTROL, "_raw.cara_kontrol"));
    fromRaw.put("record_hash", Parse.recordHash(RAW));
    fromRaw.put("person_id", pseudonyms.pseudonymOf(documentKey));
    fromRaw.put("key_version", lit(pseudonyms.keyVersion()));
    fromRaw.put("case_no", upper(Identifiers.recordKey(col("_raw.no_kasus"))));
    fromRaw.put("citizenship", Htcds.citizenship(col("_raw.kewarganegaraan")));
    fromRaw.put("gender", when(Parse.blank("_raw.jenis_kelamin"), lit("NonSpecifiedUnknown"))
        .otherwise(Htcds.gender(col("_raw.jenis_kelamin"))));
    fromRaw.put("birth_date", Parse.date("_raw.tanggal_lahir", DATE));
    fromRaw.put("origin_province", Htcds.provinceId(col("_raw.provinsi_asal")));
    fromRaw.put("case_type", Htcds.lookup(Htcds.CASE_TYPE, col("_raw.jenis_kasus")));
    fromRaw.put("trafficking_status", Htcds.lookup(Htcds.STATUS, col("_raw.status_korban")));
    fromRaw.put("deciding_organisation", Htcds.lookup(Htcds.ORGANISATION, col("_raw.lembaga_penentu")));
    fromRaw.put("lure_job", Htcds.lookup(Htcds.LURE_JOB, col("_raw.pekerjaan_dijanjikan")));
    fromRaw.put("entry_visa", Htcds.lookup(Htcds.ENTRY_VISA, col("_raw.visa_masuk")));
    fromRaw.put("entry_route", Htcds.lookup(Htcds.ENTRY_ROUTE, col("_raw.jalur")));
    fromRaw.put("exploitation_province", Mappings.province(col("_raw.provinsi_eksploitasi")));
    fromRaw.put("reported_date", Parse.date("_raw.tanggal_lapor", DATE));
    fromRaw.put("identified_date", Parse.date("_raw.tanggal_identifikasi", DATE));
    fromRaw.put("released_date", Parse.date("_raw.tanggal_bebas", DATE));
    fromRaw.put("repatriated_date", Parse.date("_raw.tanggal_pulang", DATE));
    fromRaw.put("case_status", Htcds.lookup(Htcds.CASE_STATUS, col("_raw.status_kasus")));
    fromRaw.put("justice_stage", Htcds.lookup(Htcds.JUSTICE, col("_raw.tahap_hukum")));
    fromRaw.put("consent", Htcds.lookup(Htcds.CONSENT, col("_raw.persetujuan")).cast("boolean"));
    fromRaw.put("mapping_version", lit(Htcds.MAPPING_VERSION));
    fromRaw.put("updated_at", Parse.timestamp("_raw.terakhir_diperbarui", TIMESTAMP));
    fromRaw.put("source_file", col("_file_name"));
    fromRaw.put("source_line", col("_line"));
    fromRaw.put("run_id", col("_ingest_run_id"));

    Map<String, Column> derived = new LinkedHashMap<>();
    derived.put("sex", when(col("gender").equalTo("Masculine"), lit("M"))
        .when(col("gender").equalTo("Feminine"), lit("F")).otherwise(lit("U")));
    derived.put("age_at_report", floor(months_between(col("reported_date"), col("birth_date")).divide(12)).cast("int"));
    derived.put("recruitment_methods", silverList("_m_recruitment"));
    derived.put("recruitment_platforms", silverList("_m_platform"));
    derived.put("exploitation_types", silverList("_m_exploitation"));
    derived.put("exploitation_subtype", when(size(col("_m_subtype")).gt(0), array_min(col("_m_subtype"))));
    derived.put("control_methods", silverList("_m_control"));
    derived.put("is_deleted", coalesce(col("case_status").equalTo("Cancelled"), lit(false)));

    Map<String, Column> last = new LinkedHashMap<>();
    last.put("age_group", when(col("age_at_report").isNull().or(col("age_at_report").lt(0)), lit("unknown"))
        .when(col("age_at_report").lt(18), lit("0-17")).otherwise(lit("18+")));
    last.put("scam_related", coalesce(col("case_type").equalTo("OnlineScamWork"), lit(false))
        .or(coalesce(col("exploitation_subtype").equalTo("OnlineScam"), lit(false))));

    Dataset<Row> typed = bronze
        .withColumn("_raw", Parse.rawStruct(RAW))
        .withColumns(fromRaw)
        .withColumns(derived)
        .withColumns(last);
    return Rules.evaluate(typed, RULES).drop(MAPPED);
  }

}
