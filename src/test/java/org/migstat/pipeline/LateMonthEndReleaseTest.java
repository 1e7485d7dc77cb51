package org.migstat.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.notebook.LakehouseFixture;
import org.migstat.publish.ReleaseCalendar;
import org.migstat.publish.ReleaseLedger;
import org.migstat.testing.SparkExtension;

/**
 * A month-end release published by a later run: with two days' lag, the release of 29 February 2024 is due on
 * 2 March, and the run as of 2 March publishes it. Gold must hold that release's own year to date (1 January to 29
 * February) for the case tables, although no run was ever as of 29 February; the next run with nothing new must
 * find everything up to date, and a rebuild must give the same tables.
 */
@ExtendWith(SparkExtension.class)
class LateMonthEndReleaseTest {
  static final LocalDate FEB = LocalDate.of(2024, 2, 29);
  static final LocalDate RUN_DAY = LocalDate.of(2024, 3, 2);
  static final String CASES_HEADER = "no_kasus,jenis_dokumen,no_paspor,negara_penerbit,nama,jenis_kelamin,"
      + "tanggal_lahir,kewarganegaraan,provinsi_asal,jenis_kasus,status_korban,lembaga_penentu,saluran_rekrutmen,"
      + "platform,pekerjaan_dijanjikan,bentuk_eksploitasi,cara_kontrol,visa_masuk,jalur,provinsi_eksploitasi,"
      + "tanggal_lapor,tanggal_identifikasi,tanggal_bebas,tanggal_pulang,status_kasus,tahap_hukum,persetujuan,"
      + "keterangan,terakhir_diperbarui";

  @Test
  void aMonthEndReleasePublishedLaterCarriesItsOwnCaseYearToDate(SparkSession spark, @TempDir Path dir)
      throws IOException {
    Path input = dir.resolve("input");
    Path root = dir.resolve("lakehouse");
    LakehouseFixture.writeJanuaryFebruary(input);
    cases(input, "cases_2024-01.csv.gz", 1, 14);
    cases(input, "cases_2024-02.csv.gz", 2, 16);
    Files.writeString(input.resolve(ReleaseCalendar.FILE), "{\"month_ends\": true, \"lag_days\": 2}");

    RunJob.Result first = Deliveries.run(spark, input, root, RUN_DAY);
    assertTrue(first.committed());
    Lakehouse lh = new Lakehouse(spark, root.toString());
    assertEquals(List.of(FEB), ReleaseLedger.all(lh).stream().map(r -> r.referenceDate()).toList(),
        "the run of 2 March publishes the release of 29 February, due that day");

    String ytd = "2024-01-01..2024-02-29";
    TreeSet<String> periods = periods(lh, "case_profile", FEB.toString());
    assertTrue(periods.contains(ytd), "the case profile of the release of 29 February shows its year to date: "
        + periods);
    assertTrue(periods(lh, "case_outcomes", FEB.toString()).contains(ytd),
        "... and so do the case outcomes: " + periods(lh, "case_outcomes", FEB.toString()));
    assertTrue(periods.stream().allMatch(p -> !p.contains("..") || p.endsWith("2024-02-29")),
        "nothing of the run's own day (2 March) in the release: " + periods);

    Map<String, Long> versions = lh.versions(RunJob.lineageTables());
    RunJob.Result again = Deliveries.run(spark, input, root, RUN_DAY); // a rerun of the day
    assertFalse(again.committed(), "the next run, with nothing new, finds gold up to date with the release's dates");
    assertEquals(versions, lh.versions(RunJob.lineageTables()), "... and commits nothing");

    Map<String, List<String>> incremental = Deliveries.content(lh);
    Path copyInput = dir.resolve("rebuild/input");
    Path copyRoot = dir.resolve("rebuild/lakehouse");
    LakehouseFixture.copyTree(input, copyInput);
    LakehouseFixture.copyTree(root, copyRoot);
    Deliveries.assertSameContent(incremental, Deliveries.rebuilt(spark, copyInput, copyRoot, RUN_DAY),
        "a rebuild of the lakehouse");
  }

  /** The periods (time_period) an indicator's publish table shows in a release. */
  private static TreeSet<String> periods(Lakehouse lh, String indicator, String releaseId) {
    TreeSet<String> out = new TreeSet<>();
    for (Row r : ReleaseLedger.rows(lh, IndicatorCatalog.find(indicator).orElseThrow(), releaseId)
        .select(col("time_period")).distinct().collectAsList()) {
      out.add(r.getString(0));
    }
    return out;
  }

  /** A cases extract of {@code n} Indonesian victims reported in a month of 2024, one line each. */
  private static void cases(Path input, String name, int month, int n) throws IOException {
    List<String> lines = new ArrayList<>(List.of(CASES_HEADER));
    for (int i = 1; i <= n; i++) {
      String no = String.format("KBRI-PNH/2024/%02d%03d", month, i);
      String reported = String.format("%02d-%02d-2024", 1 + (i % 27), month);
      String identified = String.format("%02d-%02d-2024", 2 + (i % 27), month);
      lines.add(String.join(",", no, "PASPOR", String.format("T%02d%05d", month, i), "IDN", "PERSON " + no,
          i % 2 == 0 ? "P" : "L", "05-10-1993", "IDN", "RIAU", "TPPO", "TERIDENTIFIKASI", "KBRI", "MEDSOS", "TELEGRAM",
          "CS", "PENIPUAN_DARING", "PASPOR_DITAHAN", "TURIS", "NONPROSEDURAL", "Phnom Penh", reported, identified, "",
          "", "AKTIF", "", "Y", "", identified + " 10:00:00"));
    }
    Deliveries.gz(input.resolve("cases").resolve(name), String.join("\n", lines) + "\n");
  }
}
