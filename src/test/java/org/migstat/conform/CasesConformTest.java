package org.migstat.conform;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.migstat.catalog.CaseTables;
import org.migstat.catalog.TableDef;
import org.migstat.testing.SparkExtension;

/**
 * The case model's mapping tables: every Indonesian code and spelling variant in
 * mappings/htcds_*.csv lands on its HTCDS value, and a code the tables do not know sends the row to
 * quarantine under a named rule — never to "Other".
 */
@ExtendWith(SparkExtension.class)
class CasesConformTest {
  static Pseudonymizer pseudonyms;

  @BeforeAll
  static void key(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("key.txt");
    Files.writeString(key, "test-1:0123456789abcdef0123456789abcdef\n");
    pseudonyms = Pseudonymizer.fromKeyFile(key);
  }

  /** A case that passes every rule. */
  static Map<String, String> validCase(String no) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("no_kasus", no);
    v.put("jenis_dokumen", "PASPOR");
    v.put("no_paspor", "B1234567");
    v.put("negara_penerbit", "IDN");
    v.put("nama", "SITI AMINAH");
    v.put("jenis_kelamin", "P");
    v.put("tanggal_lahir", "01-02-1995");
    v.put("kewarganegaraan", "WNI");
    v.put("provinsi_asal", "JAWA BARAT");
    v.put("jenis_kasus", "PENIPUAN_DARING");
    v.put("status_korban", "TERIDENTIFIKASI");
    v.put("lembaga_penentu", "KBRI");
    v.put("saluran_rekrutmen", "MEDSOS");
    v.put("platform", "TELEGRAM");
    v.put("pekerjaan_dijanjikan", "CS");
    v.put("bentuk_eksploitasi", "PENIPUAN_DARING");
    v.put("cara_kontrol", "PASPOR_DITAHAN");
    v.put("visa_masuk", "TURIS");
    v.put("jalur", "NONPROSEDURAL");
    v.put("provinsi_eksploitasi", "Preah Sihanouk");
    v.put("tanggal_lapor", "05-03-2024");
    v.put("tanggal_identifikasi", "10-03-2024");
    v.put("tanggal_bebas", "20-03-2024");
    v.put("tanggal_pulang", "01-04-2024");
    v.put("status_kasus", "SELESAI");
    v.put("tahap_hukum", "DISIDIK");
    v.put("persetujuan", "Y");
    v.put("keterangan", "Dilaporkan keluarga, via hotline");
    v.put("terakhir_diperbarui", "01-04-2024 10:00:00");
    return v;
  }

  /** Bronze rows of a source: raw values by column name (missing = NULL), lineage filled in. */
  static Dataset<Row> bronze(SparkSession spark, TableDef def, List<String> raw, List<Map<String, String>> rows) {
    List<Row> out = new ArrayList<>();
    int line = 2;
    for (Map<String, String> r : rows) {
      Object[] v = new Object[raw.size() + 7];
      for (int i = 0; i < raw.size(); i++) {
        v[i] = r.get(raw.get(i));
      }
      int i = raw.size();
      v[i] = "test.csv";
      v[i + 1] = "checksum";
      v[i + 2] = line++;
      v[i + 3] = Date.valueOf("2024-04-30");
      v[i + 4] = null;
      v[i + 5] = null;
      v[i + 6] = "run-test";
      out.add(RowFactory.create(v));
    }
    return spark.createDataFrame(out, def.schema());
  }

  static Dataset<Row> conform(SparkSession spark, List<Map<String, String>> rows) {
    return CasesConform.conform(bronze(spark, CaseTables.BRONZE_CASES, CasesConform.RAW, rows), pseudonyms);
  }

  /** The silver column (and how to read it) each mapped raw column lands in. */
  static final Map<String, String> TARGET = Map.ofEntries(
      Map.entry("jenis_kelamin", "gender"),
      Map.entry("status_korban", "trafficking_status"),
      Map.entry("lembaga_penentu", "deciding_organisation"),
      Map.entry("jenis_kasus", "case_type"),
      Map.entry("saluran_rekrutmen", "recruitment_methods"),
      Map.entry("platform", "recruitment_platforms"),
      Map.entry("pekerjaan_dijanjikan", "lure_job"),
      Map.entry("bentuk_eksploitasi", "exploitation_types"),
      Map.entry("cara_kontrol", "control_methods"),
      Map.entry("visa_masuk", "entry_visa"),
      Map.entry("jalur", "entry_route"),
      Map.entry("status_kasus", "case_status"),
      Map.entry("tahap_hukum", "justice_stage"),
      Map.entry("persetujuan", "consent"),
      Map.entry("kewarganegaraan", "citizenship"),
      Map.entry("provinsi_asal", "origin_province"));

  @Test
  void everyIndonesianCodeAndVariantMapsToItsHtcdsValue(SparkSession spark) {
    List<Map<String, String>> rows = new ArrayList<>();
    Map<String, String[]> expected = new HashMap<>();
    for (Map.Entry<String, String> e : CasesConform.Htcds.FILES.entrySet()) {
      int i = 0;
      for (Map<String, String> m : Mappings.load(e.getValue())) {
        String no = ("T-" + e.getKey() + "-" + i++).toUpperCase(java.util.Locale.ROOT);
        Map<String, String> row = validCase(no);
        row.put(e.getKey(), m.get("variant"));
        rows.add(row);
        String subtype = m.getOrDefault("subtype", "");
        expected.put(no, new String[] {e.getKey(), m.get("variant"), m.get("htcds_value"), subtype, m.get("mapping_version")});
      }
    }
    assertTrue(rows.size() > 250, "mapping rows read: " + rows.size());
    Dataset<Row> out = conform(spark, rows).cache();
    List<String> problems = new ArrayList<>();
    for (Row r : out.collectAsList()) {
      String no = r.getAs("case_no");
      String[] exp = expected.get(no);
      String column = TARGET.get(exp[0]);
      Object actual = r.getAs(column);
      String value = actual instanceof scala.collection.Seq<?> seq ? String.valueOf(seq.head())
          : actual instanceof List<?> list ? String.valueOf(list.get(0)) : String.valueOf(actual);
      if (!value.equals(exp[2])) {
        problems.add(exp[0] + " '" + exp[1] + "' -> " + value + ", expected " + exp[2]);
      }
      List<String> failed = r.getList(r.fieldIndex("quality_failures"));
      if (!failed.isEmpty()) {
        problems.add(exp[0] + " '" + exp[1] + "' failed " + failed);
      }
      if (exp[0].equals("bentuk_eksploitasi")) {
        Object subtype = r.getAs("exploitation_subtype");
        if (!String.valueOf(subtype == null ? "" : subtype).equals(exp[3])) {
          problems.add("subtype of '" + exp[1] + "' is " + subtype + ", expected " + exp[3]);
        }
      }
      if (!"htcds-2024.1".equals(r.getAs("mapping_version"))) {
        problems.add(no + " mapping_version " + r.getAs("mapping_version"));
      }
    }
    assertEquals(List.of(), problems);
    assertEquals(rows.size(), out.count());
  }

  @Test
  void unknownCodesAreQuarantinedUnderTheirRuleNeverMappedToOther(SparkSession spark) {
    Map<String, String> base = validCase("U-0");
    Object[][] cases = {
        {"jenis_kasus", "SCAMMER", "case_type_known"},
        {"platform", "TELEGRAM;MICHAT", "recruitment_platforms_known"},
        {"cara_kontrol", "PASPOR_DITAHAN; DIKURUNG", "control_methods_known"},
        {"saluran_rekrutmen", "MEDSOS;BURSA KERJA", "recruitment_methods_known"},
        {"bentuk_eksploitasi", "KERJA_PAKSA;ORGAN", "exploitation_types_known"},
        {"pekerjaan_dijanjikan", "MODEL", "lure_job_known"},
        {"status_korban", "PROSES", "trafficking_status_known"},
        {"status_kasus", "PENDING", "case_status_known"},
        {"jenis_kelamin", "X", "gender_known"},
        {"kewarganegaraan", "INDONESIAA", "citizenship_known"},
        {"provinsi_asal", "JAWA", "origin_province_known"},
        {"provinsi_eksploitasi", "Bangkok", "exploitation_province_known"},
        {"tanggal_lapor", "31-04-2024", "reported_date_valid"},
        {"tanggal_pulang", "01-03-2024", "repatriated_date_valid"},
        {"no_paspor", "", "document_identifiable"}};
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 0; i < cases.length; i++) {
      Map<String, String> row = new LinkedHashMap<>(base);
      row.put("no_kasus", "U-" + i);
      row.put((String) cases[i][0], (String) cases[i][1]);
      rows.add(row);
    }
    Dataset<Row> evaluated = conform(spark, rows);
    Dataset<Row> classified = Batch.classify(evaluated,
        spark.createDataFrame(List.of(), CaseTables.SILVER_CASES.schema()), CaseTables.CASE_KEY);
    Map<String, List<String>> quarantined = new HashMap<>();
    for (Row r : Batch.quarantine(classified, "cases", CasesConform.RAW).collectAsList()) {
      quarantined.put(r.<String, String>getJavaMap(r.fieldIndex("raw_values")).get("no_kasus"),
          r.getList(r.fieldIndex("failed_rules")));
    }
    for (int i = 0; i < cases.length; i++) {
      List<String> failed = quarantined.get("U-" + i);
      assertTrue(failed != null && failed.contains((String) cases[i][2]),
          cases[i][0] + "=" + cases[i][1] + " should fail " + cases[i][2] + ", failed " + failed);
    }
    // Where a list held an unknown value, nothing became "Other".
    for (Row r : evaluated.select("recruitment_platforms", "control_methods", "exploitation_types", "lure_job")
        .collectAsList()) {
      assertFalse(r.toString().contains("Other"), r.toString());
    }
  }

  @Test
  void listsAreSplitTrimmedDeduplicatedAndBlankIsUnknown(SparkSession spark) {
    Map<String, String> a = validCase("L-1");
    a.put("saluran_rekrutmen", "MEDSOS; medsos ;IKLAN_ONLINE;");
    a.put("platform", "WA;Telegram|FB");
    a.put("bentuk_eksploitasi", "kerja paksa;Penipuan-Daring");
    a.put("cara_kontrol", "");
    a.put("jenis_kelamin", "");
    Dataset<Row> conformed = conform(spark, List.of(a));
    // Every silver column is produced, with a type that casts to the declared one.
    assertEquals(CaseTables.SILVER_CASES.schema().simpleString(),
        org.migstat.lakehouse.Lakehouse.conformTo(conformed, CaseTables.SILVER_CASES).schema().simpleString());
    Row r = conformed.first();
    assertEquals(List.of("ThroughAnOnlineAdvertisement", "ThroughOnlineSocialNetworks"),
        r.getList(r.fieldIndex("recruitment_methods")));
    assertEquals(List.of("Facebook", "Telegram", "WhatsApp"), r.getList(r.fieldIndex("recruitment_platforms")));
    assertEquals(List.of("ForcedCriminality", "ForcedLabour"), r.getList(r.fieldIndex("exploitation_types")));
    assertEquals("OnlineScam", r.getAs("exploitation_subtype"));
    assertNull(r.getAs("control_methods"), "a blank list is unknown, not empty");
    assertEquals("NonSpecifiedUnknown", r.getAs("gender"));
    assertEquals("U", r.getAs("sex"));
    assertEquals(Boolean.TRUE, r.getAs("scam_related"));
    assertEquals(List.of(), r.getList(r.fieldIndex("quality_failures")));
    assertEquals(List.of("sex_recorded"), r.getList(r.fieldIndex("quality_warnings")));
  }

  @Test
  void aCaseLinksToTheResidentWithTheSamePassport(SparkSession spark) {
    Map<String, String> c = validCase("P-1");
    c.put("jenis_dokumen", "Paspor");
    c.put("no_paspor", "b 1234567 ");
    c.put("negara_penerbit", "RI");
    Map<String, String> resident = new HashMap<>(Map.of("record_id", "KH-R-1", "doc_type", "P", "doc_number", "B1234567",
        "doc_country", "IDN", "citizenship", "IDN", "registration_date", "01/01/2023", "record_status", "A",
        "province", "Phnom Penh", "last_updated", "01/01/2023 10:00:00"));
    String casePerson = conform(spark, List.of(c)).first().getAs("person_id");
    Dataset<Row> res = ResidentsConform.conform(
        bronze(spark, org.migstat.catalog.Tables.BRONZE_RESIDENTS, ResidentsConform.RAW, List.of(resident)), pseudonyms);
    assertEquals(res.first().<String>getAs("person_id"), casePerson);
  }

  @Test
  void ageGroupOnTheReportedDateAndCancelledCasesAreTombstones(SparkSession spark) {
    Map<String, String> adult = validCase("A-18");
    adult.put("tanggal_lahir", "05-03-2006");
    Map<String, String> minor = validCase("A-17");
    minor.put("tanggal_lahir", "06-03-2006");
    Map<String, String> unknown = validCase("A-U");
    unknown.put("tanggal_lahir", "");
    Map<String, String> cancelled = validCase("A-C");
    cancelled.put("status_kasus", "duplikat");
    Map<String, String> got = new HashMap<>();
    for (Row r : conform(spark, List.of(adult, minor, unknown, cancelled))
        .select(col("case_no"), col("age_group"), col("is_deleted")).collectAsList()) {
      got.put(r.getString(0), r.getString(1) + "/" + r.getBoolean(2));
    }
    assertEquals(Map.of("A-18", "18+/false", "A-17", "0-17/false", "A-U", "unknown/false", "A-C", "18+/true"), got);
  }
}
