package org.migstat.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.year;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.ResolverStyle;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.migstat.catalog.CaseTables;
import org.migstat.conform.Batch;
import org.migstat.conform.EmbassyConform;
import org.migstat.conform.Mappings;
import org.migstat.generate.CaseGeneratorTest.RawFiles;
import org.migstat.testing.SparkExtension;

/** The bundled embassy self-registrations (data-samples/embassy): 2,332 in 2020 and 17,212 in 2023, exactly. */
@ExtendWith(SparkExtension.class)
public class EmbassyGeneratorTest {
  static final Map<Integer, Long> EXPECTED = Map.of(2020, 2_332L, 2021, 4_105L, 2022, 10_460L, 2023, 17_212L, 2024, 18_940L);

  @Test
  void calibrationByAPlainRecountOfTheRawFiles() throws IOException {
    assertEquals(EXPECTED, recount(CaseGeneratorTest.SAMPLES.resolve("embassy")));
  }

  /** Registrations by year of registration (latest valid version, deleted ones excluded), with no pipeline code. */
  public static Map<Integer, Long> recount(Path folder) throws IOException {
    Set<String> sexes = RawFiles.variants("htcds_gender.csv");
    Set<String> origins = RawFiles.variants("htcds_province_id.csv");
    Set<String> countries = RawFiles.variants("htcds_citizenship.csv");
    countries.addAll(RawFiles.variantsOf("citizenship.csv", "variant"));
    Set<String> provinces = RawFiles.variantsOf("province.csv", "variant");
    Set<String> active = Set.of("aktif", "a", "masih di kamboja", "pulang", "kembali ke indonesia", "sudah pulang");
    Set<String> deleted = Set.of("batal", "dihapus", "duplikat");
    DateTimeFormatter day = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    DateTimeFormatter time = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
    Map<String, LocalDate> registered = new HashMap<>();
    Map<String, LocalDateTime> at = new HashMap<>();
    Map<String, Boolean> isDeleted = new HashMap<>();
    RawFiles.read(folder, (header, v) -> {
      Map<String, String> f = RawFiles.byName(header, v);
      if (f == null) {
        return;
      }
      LocalDate d = RawFiles.date(f.get("tanggal_registrasi"), day);
      LocalDateTime t = RawFiles.time(f.get("terakhir_diperbarui"), time);
      String status = Mappings.normalise(f.get("status"));
      boolean valid = d != null && t != null && !d.isAfter(t.toLocalDate()) && !f.get("no_paspor").isBlank()
          && (f.get("jenis_kelamin").isBlank() || sexes.contains(Mappings.normalise(f.get("jenis_kelamin"))))
          && (f.get("provinsi_asal").isBlank() || origins.contains(Mappings.normalise(f.get("provinsi_asal"))))
          && (f.get("alamat_kh_provinsi").isBlank() || provinces.contains(Mappings.normalise(f.get("alamat_kh_provinsi"))))
          && countries.contains(Mappings.normalise(f.get("negara_penerbit")))
          && (active.contains(status) || deleted.contains(status));
      if (!valid) {
        return;
      }
      String key = f.get("no_registrasi").strip().toUpperCase(Locale.ROOT);
      if (!at.containsKey(key) || !t.isBefore(at.get(key))) {
        at.put(key, t);
        registered.put(key, d);
        isDeleted.put(key, deleted.contains(status));
      }
    });
    Map<Integer, Long> byYear = new TreeMap<>();
    registered.forEach((k, d) -> {
      if (!isDeleted.get(k)) {
        byYear.merge(d.getYear(), 1L, Long::sum);
      }
    });
    return byYear;
  }

  @Test
  void calibrationAfterTheQualityRules(SparkSession spark) throws IOException {
    Dataset<Row> bronze = RawFiles.bronze(spark, CaseGeneratorTest.SAMPLES.resolve("embassy"), CaseTables.BRONZE_EMBASSY,
        EmbassyConform.RAW);
    Dataset<Row> classified = Batch.classify(EmbassyConform.conform(bronze, RawFiles.demoKey()),
        spark.createDataFrame(List.of(), CaseTables.SILVER_EMBASSY_REGISTRATIONS.schema()), CaseTables.EMBASSY_KEY);
    Map<Integer, Long> byYear = new TreeMap<>();
    for (Row y : Batch.latestAccepted(classified, CaseTables.EMBASSY_KEY).filter("NOT is_deleted")
        .groupBy(year(col("registration_date"))).count().collectAsList()) {
      byYear.put(y.getInt(0), y.getLong(1));
    }
    assertEquals(EXPECTED, byYear);
    assertTrue(byYear.get(2020) < byYear.get(2023) / 5, "registrations rise sharply");
  }
}
