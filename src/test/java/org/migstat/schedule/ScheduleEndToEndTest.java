package org.migstat.schedule;

import static org.apache.spark.sql.functions.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.migstat.catalog.TableDef;
import org.migstat.catalog.Tables;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.lakehouse.RunLock;
import org.migstat.pipeline.Progress;
import org.migstat.publish.PublishJob;
import org.migstat.publish.ReleaseLedger;
import org.migstat.publish.ReleaseRecord;
import org.migstat.testing.SparkExtension;

/**
 * The production path end to end: the scheduler's real action runs real pipeline runs. The scheduler ran
 * on 1 March, was down until the 4th, and on restart catches up the three missed days; then a backfill runs
 * twice over another range, and status reports it all.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScheduleEndToEndTest {
  static final ZoneId PHNOM_PENH = ZoneId.of("Asia/Phnom_Penh");
  static final LocalDate MAR_1 = LocalDate.of(2024, 3, 1);

  @TempDir static Path dir;
  SparkSession spark;
  Configuration conf;
  Lakehouse lh;
  ScheduleConfig cfg;
  MutableClock clock;
  final ByteArrayOutputStream log = new ByteArrayOutputStream();

  static Instant at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(PHNOM_PENH).toInstant();
  }

  @BeforeAll
  void setUp() throws Exception {
    spark = SparkExtension.spark();
    conf = spark.sparkContext().hadoopConfiguration();
    ScheduleFixture.writeInput(dir.resolve("input"));
    Map<String, String> o = new HashMap<>(Map.of("lakehouse", dir.resolve("lakehouse").toString(),
        "input", dir.resolve("input").toString(), "time_zone", PHNOM_PENH.getId(), "max_retries", "1",
        "retry_backoff_seconds", "1"));
    cfg = ScheduleConfig.load(null, o);
    lh = new Lakehouse(spark, cfg.lakehouse());
    clock = new MutableClock(at("2024-03-01T02:00:04"), PHNOM_PENH);
  }

  @AfterAll
  void printTheSchedulersLog() {
    System.out.print(log.toString(StandardCharsets.UTF_8)); // what `migstat schedule` would have printed
  }

  /** The scheduler exactly as `migstat schedule` builds it, with a clock the test moves. */
  PipelineScheduler productionScheduler() {
    OpsRunsLedger runs = new OpsRunsLedger(lh);
    PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    return new PipelineScheduler(cfg, RunJobAction.of(spark, cfg, new Progress(out)), runs,
        new ScheduleState(conf, cfg.lakehouse(), runs::lastScheduledSuccess), conf, out).withClock(clock);
  }

  @Test
  @Order(1)
  void afterThreeDaysDownTheRealPipelineRunsTheMissedDaysInOrder() {
    // The scheduler completed its 1 March run, then was down until the morning of the 4th.
    new ScheduleState(conf, cfg.lakehouse(), Optional::empty).succeeded(MAR_1, "run-before-downtime",
        at("2024-03-01T02:05:00"));
    clock.set(at("2024-03-04T09:15:00"));
    PipelineScheduler restarted = productionScheduler();
    List<LocalDate> missed = List.of(MAR_1.plusDays(1), MAR_1.plusDays(2), MAR_1.plusDays(3));
    assertEquals(missed, restarted.catchUpDates());
    List<PipelineScheduler.DateResult> results = restarted.catchUp();
    assertTrue(results.stream().allMatch(PipelineScheduler.DateResult::succeeded), () -> log.toString(StandardCharsets.UTF_8));

    List<Row> runs = lh.read(Tables.RUNS).filter(col("as_of").gt(lit(java.sql.Date.valueOf(MAR_1))))
        .orderBy("started_at").select("as_of", "status", "command").collectAsList();
    assertEquals(missed, runs.stream().map(r -> r.getDate(0).toLocalDate()).toList(), runs.toString());
    assertTrue(runs.stream().allMatch(r -> r.getString(1).equals("succeeded")), runs.toString());
    assertEquals("migstat schedule --as-of 2024-03-02 (attempt 1 of 2)", runs.get(0).getString(2));
    // Each date's stocks are in gold.
    assertEquals(3, lh.read(Tables.PERMIT_COVERAGE).filter(col("ref_date").geq(lit(java.sql.Date.valueOf(MAR_1))))
        .select("ref_date").distinct().count());
    assertTrue(Files.notExists(dir.resolve("lakehouse/_locks/pipeline.lock")));

    // The watermark survives the loss of the state file: ops.runs knows the last scheduled success.
    assertTrue(dir.resolve("lakehouse/_schedule/state.properties").toFile().delete());
    assertTrue(productionScheduler().catchUpDates().isEmpty());
  }

  @Test
  @Order(2)
  void aBackfillRecomputesARangeAndASecondPassCommitsNothing() {
    Map<String, Long> before = lh.versions(Tables.ALL);
    Map<String, Long> publishedBefore = lh.versions(PublishJob.tables());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    RunJobAction production = RunJobAction.of(spark, cfg, Progress.silent());
    Map<LocalDate, Map<String, Long>> after = new HashMap<>(); // each day's table versions once it is done
    PipelineAction action = (asOf, command) -> {
      PipelineAction.Outcome o = production.run(asOf, command);
      after.put(asOf, lh.versions(Tables.ALL));
      return o;
    };
    // 28 February is a new reference date: the first pass adds its stocks (and its case and border slices, empty:
    // the fixture delivers no case or crossing file) and commits. 29 February is a month end and the reference date
    // of the release already out (2024-02-29): its stocks and its as-of slices are in gold since the run that
    // published that release (the run model's GoldGraph.Calendar takes every release's reference date), so the
    // first pass finds nothing new on it. Neither day publishes, and a second pass commits nothing.
    LocalDate from = LocalDate.of(2024, 2, 28);
    LocalDate to = LocalDate.of(2024, 2, 29);
    List<Backfill.DayResult> first = Backfill.run(from, to, action, conf, cfg.lakehouse(), Duration.ZERO,
        RunLock.DEFAULT_STALE_AFTER, print);
    assertEquals(List.of(from, to), first.stream().map(Backfill.DayResult::asOf).toList());
    assertEquals(List.of(true, false), first.stream().map(r -> r.outcome().committed()).toList(), out::toString);
    for (TableDef stock : List.of(Tables.PERMIT_HOLDERS_STOCK, Tables.PERMIT_COVERAGE, Tables.PERMIT_HOLDERS_PROFILE)) {
      String t = stock.qualifiedName();
      assertNotEquals(before.get(t), after.get(from).get(t), t + ": 28 February is a new stock date");
      assertEquals(after.get(from).get(t), after.get(to).get(t), t + ": 29 February was in gold before the backfill");
    }
    assertEquals(2, lh.read(Tables.PERMIT_COVERAGE).filter(col("ref_date").between(lit(java.sql.Date.valueOf(from)),
        lit(java.sql.Date.valueOf(to)))).select("ref_date").distinct().count());
    assertEquals(publishedBefore, lh.versions(PublishJob.tables()),
        "neither date publishes: 28 February is no release date, and the release of 29 February is already out");
    assertEquals(List.of("2024-02-29"), ReleaseLedger.all(lh).stream().map(ReleaseRecord::releaseId).toList());
    long runsAfterFirst = lh.read(Tables.RUNS).count();
    Map<String, Long> afterFirst = lh.versions(Tables.ALL);
    assertNotEquals(before, afterFirst);

    List<Backfill.DayResult> second = Backfill.run(from, to, action, conf, cfg.lakehouse(), Duration.ZERO,
        RunLock.DEFAULT_STALE_AFTER, print);
    assertTrue(second.stream().noneMatch(r -> r.outcome().committed()), out::toString);
    assertEquals(afterFirst, lh.versions(Tables.ALL), "the second pass changed a table");
    assertEquals(publishedBefore, lh.versions(PublishJob.tables()));
    assertEquals(runsAfterFirst, lh.read(Tables.RUNS).count());
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("backfill: 2 dates, 0 committed changes, 2 had nothing new"),
        out::toString);
  }

  @Test
  @Order(3)
  void statusShowsTheRunsFreshnessAndTheNextRun() {
    Status.Report r = Status.collect(lh, cfg, conf, clock, 10);
    assertEquals(4, r.lastRuns().size(), r.lastRuns().toString()); // 3 scheduled + 1 backfill; no-op runs add none
    assertTrue(r.openFailures().isEmpty(), r.openFailures().toString());
    Status.Freshness residents = r.freshness().stream().filter(f -> f.source().equals("residents")).findFirst()
        .orElseThrow();
    assertEquals(LocalDate.of(2024, 2, 29), residents.newestExtract());
    assertEquals(4L, residents.ageDays()); // clock: 4 March
    assertEquals(1, residents.files());
    assertEquals(at("2024-03-05T02:00:00"), r.nextRun().orElseThrow());
    assertEquals(MAR_1.plusDays(3), r.lastScheduledAsOf().orElseThrow());
    assertTrue(r.lock().isEmpty());

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Status.print(r, new PrintStream(out, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("migstat schedule --as-of 2024-03-04 (attempt 1 of 2)"), text);
    assertTrue(text.contains("next run 2024-03-05 02:00:00 +07:00 (as of 2024-03-05)"), text);
    assertTrue(text.contains("residents    2024-02-29"), text);
    assertTrue(text.contains("lock: free"), text);
  }
}
