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
 * Bronze embassy self-registration rows (Indonesian field names) to typed silver candidates with
 * their quality verdicts. Pure. Sex and province of origin use the same mapping tables as the case
 * model ({@code htcds_gender.csv}, {@code htcds_province_id.csv}); the address in Cambodia uses the
 * host registry's {@code province.csv}.
 */
public final class EmbassyConform {
  private EmbassyConform() {}

  /** The raw columns of the self-registration extract, in declared order. */
  public static final List<String> RAW = List.of(CaseTables.EMBASSY_RAW_COLUMNS.split(","));

  static final String DATE = "yyyy-MM-dd";
  static final String TIMESTAMP = "yyyy-MM-dd HH:mm:ss";

  /** Registration status codes of the portal: still abroad, gone home, or entered in error. */
  public static final Map<String, String> STATUSES = statuses();

  private static Map<String, String> statuses() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String s : List.of("AKTIF", "A", "MASIH DI KAMBOJA")) {
      m.put(Mappings.normalise(s), "Active");
    }
    for (String s : List.of("PULANG", "KEMBALI KE INDONESIA", "SUDAH PULANG")) {
      m.put(Mappings.normalise(s), "Returned");
    }
    for (String s : List.of("BATAL", "DIHAPUS", "DUPLIKAT")) {
      m.put(Mappings.normalise(s), "Deleted");
    }
    return m;
  }

  public static final List<Rule> RULES = List.of(
      Rule.error("line_parseable", "the line could be split into the declared fields", col("_parse_error").isNull()),
      Rule.error("registration_no_present", "no_registrasi is not blank, invisible characters only or a placeholder",
          col("registration_no").isNotNull()),
      Rule.error("document_number_real", "no_paspor, when given, is not invisible characters only nor a placeholder"
          + " (N/A, NONE, 0, repeated characters: mappings/identifier_placeholders.csv)",
          Identifiers.documentNumberReal(col("_raw.no_paspor"))),
      Rule.error("registration_date_not_after_extract",
          "tanggal_registrasi is not after the file's extract date (plus the tolerance of mappings/plausibility.csv)",
          Plausibility.notAfterExtract(col("registration_date"))),
      Rule.error("birth_date_plausible", "tanggal_lahir is not before 1900 (mappings/plausibility.csv)",
          Plausibility.bornAfterEarliest(col("birth_date"))),
      Rule.error("last_updated_not_after_extract",
          "terakhir_diperbarui is not after the file's extract date (plus the tolerance of mappings/plausibility.csv)",
          Plausibility.notAfterExtract(col("updated_at"))),
      Rule.error("document_identifiable", "jenis_dokumen, negara_penerbit and no_paspor are present and known",
          col("person_id").isNotNull()),
      Rule.error("citizenship_known", "negara_penerbit maps to an ISO 3166 alpha-3 code", col("citizenship").isNotNull()),
      Rule.error("gender_known", "jenis_kelamin is blank or in htcds_gender.csv",
          Parse.blank("_raw.jenis_kelamin").or(CasesConform.Htcds.gender(col("_raw.jenis_kelamin")).isNotNull())),
      Rule.error("birth_date_valid", "tanggal_lahir is blank, or a real yyyy-MM-dd date not after tanggal_registrasi",
          Parse.blank("_raw.tanggal_lahir").or(col("birth_date").leq(col("registration_date")))),
      Rule.error("origin_province_known", "provinsi_asal is blank or in htcds_province_id.csv",
          Parse.blank("_raw.provinsi_asal").or(col("origin_province").isNotNull())),
      Rule.error("residence_province_known", "alamat_kh_provinsi is blank or a known spelling of a Cambodian province",
          Parse.blank("_raw.alamat_kh_provinsi").or(col("residence_province").isNotNull())),
      Rule.error("registration_date_valid", "tanggal_registrasi is a real yyyy-MM-dd date not after terakhir_diperbarui",
          col("registration_date").leq(to_date(col("updated_at")))),
      Rule.error("status_known", "status is AKTIF, PULANG or BATAL (or a known spelling)", col("status").isNotNull()),
      Rule.error("last_updated_valid", "terakhir_diperbarui is a real yyyy-MM-dd HH:mm:ss time", col("updated_at").isNotNull()),
      Rule.warn("sex_recorded", "jenis_kelamin is L or P", col("sex").isin("M", "F")),
      Rule.warn("birth_date_recorded", "tanggal_lahir is recorded", Parse.blank("_raw.tanggal_lahir").equalTo(false)));

  public static Dataset<Row> conform(Dataset<Row> bronze, Pseudonymizer pseudonyms) {
    Column docCountry = CasesConform.Htcds.citizenship(col("_raw.negara_penerbit"));
    Column documentKey = Pseudonymizer.documentKey(col("_raw.jenis_dokumen"), docCountry, col("_raw.no_paspor"));
    Column gender = CasesConform.Htcds.gender(col("_raw.jenis_kelamin"));
    Map<String, Column> fromRaw = new LinkedHashMap<>();
    fromRaw.put("record_hash", Parse.recordHash(RAW));
    fromRaw.put("person_id", pseudonyms.pseudonymOf(documentKey));
    fromRaw.put("key_version", lit(pseudonyms.keyVersion()));
    fromRaw.put("registration_no", upper(Identifiers.recordKey(col("_raw.no_registrasi"))));
    fromRaw.put("citizenship", docCountry);
    fromRaw.put("sex", when(gender.equalTo("Masculine"), lit("M")).when(gender.equalTo("Feminine"), lit("F"))
        .otherwise(lit("U")));
    fromRaw.put("birth_date", Parse.date("_raw.tanggal_lahir", DATE));
    fromRaw.put("origin_province", CasesConform.Htcds.provinceId(col("_raw.provinsi_asal")));
    fromRaw.put("residence_province", Mappings.province(col("_raw.alamat_kh_provinsi")));
    fromRaw.put("occupation", upper(regexp_replace(Parse.text("_raw.pekerjaan"), "\\s+", " ")));
    fromRaw.put("registration_date", Parse.date("_raw.tanggal_registrasi", DATE));
    fromRaw.put("status", CasesConform.Htcds.lookup(STATUSES, col("_raw.status")));
    fromRaw.put("updated_at", Parse.timestamp("_raw.terakhir_diperbarui", TIMESTAMP));
    fromRaw.put("source_file", col("_file_name"));
    fromRaw.put("source_line", col("_line"));
    fromRaw.put("run_id", col("_ingest_run_id"));
    Dataset<Row> typed = bronze
        .withColumn("_raw", Parse.rawStruct(RAW))
        .withColumns(fromRaw)
        .withColumn("is_deleted", coalesce(col("status").equalTo("Deleted"), lit(false)));
    return Rules.evaluate(typed, RULES);
  }
}
