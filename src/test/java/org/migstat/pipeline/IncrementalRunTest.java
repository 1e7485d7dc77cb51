package org.migstat.pipeline;

import static org.apache.spark.sql.functions.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.migstat.catalog.TableDef;
import org.migstat.catalog.Tables;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.notebook.LakehouseFixture;
import org.migstat.testing.SparkExtension;

/**
 * A daily run with a few new records recomputes only the gold slices those records can move, and
 * what it leaves is exactly what a full rebuild from bronze gives.
 */
@ExtendWith(SparkExtension.class)
class IncrementalRunTest {

  @Test
  void aRunWithNewRecordsRecomputesOnlyTheDatesTheyTouchAndAgreesWithARebuild(SparkSession spark, @TempDir Path dir)
      throws IOException {
    Path input = dir.resolve("input");
    Path root = dir.resolve("lakehouse");
    Lakehouse lh = copyOfTheSharedFixture(spark, input, root);

    // April: one new resident (registered 2 April) with a permit from 5 April; nothing about earlier months.
    gz(input.resolve("residents/residents_2024-04_delta.csv.gz"), "record_id,doc_type,doc_number,doc_country,full_name,"
        + "citizenship,country_of_birth,sex,birth_date,province,district,stay_category,registration_date,"
        + "deregistration_date,record_status,last_updated\n"
        + "KH-R-11,PASSPORT,K5550001,IDN,Sri Wahyuni,IDN,IDN,F,03/05/1995,Phnom Penh,Khan Chamkar Mon,EB,02/04/2024,,A,"
        + "02/04/2024 08:00:00\n");
    gz(input.resolve("permits/permits_2024-04.jsonl.gz"), "{\"permit_no\":\"WP-11\",\"holder_doc_type\":\"PASSPORT\","
        + "\"holder_doc_number\":\"K5550001\",\"holder_doc_country\":\"IDN\",\"holder_name\":\"Someone\","
        + "\"employer\":\"PT Example\",\"sector_isic\":\"47\",\"occupation\":\"Clerk\",\"permit_type\":\"EMPLOYMENT\","
        + "\"issue_date\":\"2024-04-05\",\"valid_from\":\"2024-04-05\",\"valid_to\":\"2025-04-04\",\"status\":\"ISSUED\","
        + "\"status_date\":null,\"last_updated\":\"2024-04-05T09:00:00\"}\n");

    ByteArrayOutputStream log = new ByteArrayOutputStream();
    RunJob.Result daily = new RunJob(spark, new RunConfig(null, input.toString(), root.toString(), false, null,
        "daily", false), new Progress(new PrintStream(log, true, StandardCharsets.UTF_8))).run();
    String printed = log.toString(StandardCharsets.UTF_8);
    assertTrue(daily.committed(), printed);
    assertEquals(java.time.LocalDate.of(2024, 4, 30), daily.asOf());
    assertTrue(printed.contains("residents_stock from 2024-04-02"), printed);

    // Slices before 2 April are the earlier run's rows, untouched; the April slice is new.
    for (TableDef t : List.of(Tables.RESIDENTS_STOCK, Tables.PERMIT_COVERAGE)) {
      Map<String, List<String>> runsByDate = new TreeMap<>();
      for (Row r : lh.read(t).groupBy(col("ref_date").cast("string")).agg(sort_array(collect_set("run_id")))
          .collectAsList()) {
        runsByDate.put(r.getString(0), r.getList(1));
      }
      assertEquals(List.of(daily.runId()), runsByDate.get("2024-04-30"), t.name());
      for (String date : List.of("2024-01-31", "2024-02-29", "2024-03-13", "2024-03-31")) {
        assertFalse(runsByDate.get(date).contains(daily.runId()), t.name() + " " + date + " was rewritten");
      }
    }
    long april = lh.read(Tables.PERMIT_COVERAGE).filter(col("ref_date").equalTo(Date.valueOf("2024-04-30"))
        .and(col("citizenship").equalTo("IDN"))).agg(sum("permit_holders_resident")).first().getLong(0);
    long march = lh.read(Tables.PERMIT_COVERAGE).filter(col("ref_date").equalTo(Date.valueOf("2024-03-31"))
        .and(col("citizenship").equalTo("IDN"))).agg(sum("permit_holders_resident")).first().getLong(0);
    assertEquals(march + 1, april, "the new resident holds a permit at the end of April");

    // The same gold as recomputing everything from bronze.
    Map<String, List<String>> incremental = goldContent(lh);
    new RunJob(spark, new RunConfig(null, input.toString(), root.toString(), true, null, "rebuild", false),
        new Progress(new PrintStream(OutputStream.nullOutputStream()))).run();
    assertEquals(incremental, goldContent(lh));
  }

  /**
   * A correction to a record registered in 2021 and a late record from 2022 reach back years; the person-sum tables
   * take them by difference (their held slices less the changed persons' old rows plus their new rows), and still
   * equal a rebuild — also when the ledger of gold builds is behind the tables, as after a run killed between
   * writing gold and writing the ledger: the difference is taken from the versions the tables' own commits name.
   */
  @Test
  void changesReachingBackYearsAreAddedByDifferenceAndEqualARebuildEvenWithTheLedgerBehind(SparkSession spark,
                                                                                           @TempDir Path dir)
      throws IOException {
    Path input = dir.resolve("input");
    Path root = dir.resolve("lakehouse");
    Lakehouse lh = copyOfTheSharedFixture(spark, input, root);
    long ledgerBefore = lh.version(org.migstat.ops.GoldLedger.TABLE);

    // April: KH-R-4 (registered 2021) moves province, a 2022 registration arrives late, WP-1 is extended.
    gz(input.resolve("residents/residents_2024-04_delta.csv.gz"), "record_id,doc_type,doc_number,doc_country,full_name,"
        + "citizenship,country_of_birth,sex,birth_date,province,district,stay_category,registration_date,"
        + "deregistration_date,record_status,last_updated\n"
        + "KH-R-4,PASSPORT,E5550001,CHN,Wang Wei,CHN,CHN,M,20/11/1980,Siem Reap,Svay Dangkum,EB,01/01/2021,,A,"
        + "03/04/2024 08:00:00\n"
        + "KH-R-12,PASSPORT,K5550002,IDN,Late Comer,IDN,IDN,M,03/05/1975,Kampot,Kampot,EB,15/06/2022,,A,"
        + "04/04/2024 08:00:00\n");
    gz(input.resolve("permits/permits_2024-04.jsonl.gz"), "{\"permit_no\":\"WP-1\",\"holder_doc_type\":\"PASSPORT\","
        + "\"holder_doc_number\":\"B1234567\",\"holder_doc_country\":\"IDN\",\"holder_name\":\"Someone\","
        + "\"employer\":\"PT Example\",\"sector_isic\":\"47\",\"occupation\":\"Clerk\",\"permit_type\":\"EMPLOYMENT\","
        + "\"issue_date\":\"2023-06-01\",\"valid_from\":\"2023-06-01\",\"valid_to\":\"2026-05-31\",\"status\":\"ISSUED\","
        + "\"status_date\":null,\"last_updated\":\"2024-04-05T09:00:00\"}\n");
    String printed = run(spark, input, root, "april");
    for (String t : List.of("residents_stock", "permit_holders_stock", "permit_coverage", "residents_by_stay",
        "permit_holders_profile", "first_permits")) {
      assertTrue(printed.contains("gold." + t + ": ") && printed.matches("(?s).*gold\\." + t + ": \\d+ slices by difference.*"),
          t + " by difference:\n" + printed);
    }
    assertTrue(printed.contains("residents_stock from 2021-01-01"), printed);
    assertEquals(1L, lh.read(Tables.RESIDENTS_STOCK).filter(col("ref_date").equalTo(Date.valueOf("2024-01-31"))
        .and(col("citizenship").equalTo("IDN")).and(col("province").equalTo("KH-7"))).agg(sum("persons")).first()
        .getLong(0), "the late resident (registered June 2022) counts in Kampot on the first reference date");

    // The ledger of gold builds falls back to before April (the tables keep April), then May arrives.
    lh.delta(org.migstat.ops.GoldLedger.TABLE).restoreToVersion(ledgerBefore);
    gz(input.resolve("residents/residents_2024-05_delta.csv.gz"), "record_id,doc_type,doc_number,doc_country,full_name,"
        + "citizenship,country_of_birth,sex,birth_date,province,district,stay_category,registration_date,"
        + "deregistration_date,record_status,last_updated\n"
        + "KH-R-12,PASSPORT,K5550002,IDN,Late Comer,IDN,IDN,M,03/05/1975,Kampot,Kampot,EB,15/06/2022,31/01/2023,A,"
        + "02/05/2024 08:00:00\n");
    printed = run(spark, input, root, "may");
    assertTrue(printed.matches("(?s).*gold\\.residents_stock: \\d+ slices by difference.*"), printed);

    Map<String, List<String>> incremental = goldContent(lh);
    new RunJob(spark, new RunConfig(null, input.toString(), root.toString(), true, null, "rebuild", false),
        new Progress(new PrintStream(OutputStream.nullOutputStream()))).run();
    assertEquals(incremental, goldContent(lh));
  }

  private static String run(SparkSession spark, Path input, Path root, String command) {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    RunJob.Result r = new RunJob(spark, new RunConfig(null, input.toString(), root.toString(), false, null,
        command, false), new Progress(new PrintStream(log, true, StandardCharsets.UTF_8))).goldByDifference(true).run();
    String printed = log.toString(StandardCharsets.UTF_8);
    assertTrue(r.committed(), printed);
    return printed;
  }

  /** A delivery of nothing but an empty file is recorded and changes no table but the ledgers. */
  @Test
  void aDayWithOnlyAnEmptyFileIsRecordedAndChangesNoData(SparkSession spark, @TempDir Path dir) throws IOException {
    Path input = dir.resolve("input");
    Path root = dir.resolve("lakehouse");
    Lakehouse lh = copyOfTheSharedFixture(spark, input, root);
    Files.createFile(input.resolve("residents/residents_2024-03_delta_c.csv"));
    Map<String, List<String>> before = goldContent(lh);
    long silverVersion = lh.version(Tables.SILVER_RESIDENTS);

    RunJob.Result r = new RunJob(spark, new RunConfig(LakehouseFixture.AS_OF, input.toString(), root.toString(), false,
        null, "empty day", false), new Progress(new PrintStream(OutputStream.nullOutputStream()))).run();
    assertEquals(1, r.filesNew());
    assertEquals(List.of("residents"), r.conservation().stream().map(c -> c.source()).toList());
    assertEquals(0, r.conservation().get(0).rowsRead());
    assertEquals(silverVersion, lh.version(Tables.SILVER_RESIDENTS), "silver untouched");
    assertEquals(before, goldContent(lh));
    assertEquals(1, lh.read(Tables.INGESTED_FILES).filter(col("file_name").equalTo("residents_2024-03_delta_c.csv"))
        .count(), "the empty file is in the ledger");
  }

  /** The shared two-delivery lakehouse and its input, copied so that a test can add deliveries. */
  private static Lakehouse copyOfTheSharedFixture(SparkSession spark, Path input, Path root) throws IOException {
    LakehouseFixture.Built shared = LakehouseFixture.shared(spark);
    LakehouseFixture.copyTree(Path.of(shared.input().toString()), input);
    LakehouseFixture.copyTree(Path.of(shared.lakehouse()), root);
    return new Lakehouse(spark, root.toString()).ensure(Tables.ALL);
  }

  private static Map<String, List<String>> goldContent(Lakehouse lh) {
    Map<String, List<String>> out = new TreeMap<>();
    for (TableDef t : Tables.ALL) {
      if (t.layer().equals("gold")) {
        out.put(t.qualifiedName(), lh.read(t).drop("run_id").collectAsList().stream().map(Row::toString).sorted().toList());
      }
    }
    return out;
  }

  private static void gz(Path p, String text) throws IOException {
    Files.createDirectories(p.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
