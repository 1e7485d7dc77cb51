package org.migstat.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.migstat.catalog.CaseTables;
import org.migstat.testing.SparkExtension;

/** Embassy self-registrations: Indonesian codes, deletions, and what is quarantined. */
@ExtendWith(SparkExtension.class)
class EmbassyConformTest {
  static Pseudonymizer pseudonyms;

  @BeforeAll
  static void key(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("key.txt");
    Files.writeString(key, "test-1:0123456789abcdef0123456789abcdef\n");
    pseudonyms = Pseudonymizer.fromKeyFile(key);
  }

  static Map<String, String> registration(String no) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("no_registrasi", no);
    v.put("jenis_dokumen", "PASPOR");
    v.put("no_paspor", "C7654321");
    v.put("negara_penerbit", "INDONESIA");
    v.put("nama", "Budi Santoso");
    v.put("jenis_kelamin", "Laki-laki");
    v.put("tanggal_lahir", "1990-07-15");
    v.put("provinsi_asal", "SUMUT");
    v.put("alamat_kh", "#12, St. 310, Sangkat Boeung Keng Kang 1\nKhan Chamkar Mon");
    v.put("alamat_kh_provinsi", "PHNOM PENH ");
    v.put("pekerjaan", " Karyawan  swasta");
    v.put("tanggal_registrasi", "2023-05-02");
    v.put("status", "AKTIF");
    v.put("terakhir_diperbarui", "2023-05-02 19:44:01");
    return v;
  }

  @Test
  void registrationsAreTypedAndDeletionsAreTombstones(SparkSession spark) {
    Map<String, String> returned = registration("R-2");
    returned.put("status", "Sudah Pulang");
    returned.put("jenis_kelamin", "");
    Map<String, String> deleted = registration("R-3");
    deleted.put("status", "dihapus");
    Dataset<Row> conformed = EmbassyConform.conform(CasesConformTest.bronze(spark, CaseTables.BRONZE_EMBASSY,
        EmbassyConform.RAW, List.of(registration("R-1"))), pseudonyms);
    assertEquals(CaseTables.SILVER_EMBASSY_REGISTRATIONS.schema().simpleString(),
        org.migstat.lakehouse.Lakehouse.conformTo(conformed, CaseTables.SILVER_EMBASSY_REGISTRATIONS).schema().simpleString());
    Map<String, String> got = new HashMap<>();
    for (Row r : EmbassyConform.conform(CasesConformTest.bronze(spark, CaseTables.BRONZE_EMBASSY, EmbassyConform.RAW,
        List.of(registration("R-1"), returned, deleted)), pseudonyms).collectAsList()) {
      got.put(r.getAs("registration_no"), r.getAs("citizenship") + "/" + r.getAs("sex") + "/" + r.getAs("origin_province")
          + "/" + r.getAs("residence_province") + "/" + r.getAs("occupation") + "/" + r.getAs("registration_date") + "/"
          + r.getAs("status") + "/" + r.getAs("is_deleted") + "/" + r.getList(r.fieldIndex("quality_failures")));
    }
    assertEquals(Map.of(
        "R-1", "IDN/M/ID-SU/KH-12/KARYAWAN SWASTA/2023-05-02/Active/false/[]",
        "R-2", "IDN/U/ID-SU/KH-12/KARYAWAN SWASTA/2023-05-02/Returned/false/[]",
        "R-3", "IDN/M/ID-SU/KH-12/KARYAWAN SWASTA/2023-05-02/Deleted/true/[]"), got);
  }

  @Test
  void unknownCodesAreQuarantinedUnderTheirRule(SparkSession spark) {
    Object[][] cases = {
        {"jenis_kelamin", "X", "gender_known"},
        {"provinsi_asal", "JAWA", "origin_province_known"},
        {"alamat_kh_provinsi", "Bangkok", "residence_province_known"},
        {"negara_penerbit", "INA", "citizenship_known"},
        {"tanggal_registrasi", "2023-02-29", "registration_date_valid"},
        {"status", "MENUNGGU", "status_known"},
        {"no_paspor", " ", "document_identifiable"}};
    List<Map<String, String>> rows = new java.util.ArrayList<>();
    for (int i = 0; i < cases.length; i++) {
      Map<String, String> r = registration("Q-" + i);
      r.put((String) cases[i][0], (String) cases[i][1]);
      rows.add(r);
    }
    Map<String, List<String>> failed = new HashMap<>();
    for (Row r : EmbassyConform.conform(CasesConformTest.bronze(spark, CaseTables.BRONZE_EMBASSY, EmbassyConform.RAW, rows),
        pseudonyms).collectAsList()) {
      failed.put(r.getAs("registration_no"), r.getList(r.fieldIndex("quality_failures")));
    }
    for (int i = 0; i < cases.length; i++) {
      List<String> f = failed.get("Q-" + i);
      assertEquals(true, f.contains((String) cases[i][2]), cases[i][0] + " failed " + f);
    }
  }
}
