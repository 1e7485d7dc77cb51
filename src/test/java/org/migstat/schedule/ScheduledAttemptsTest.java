package org.migstat.schedule;

import static org.apache.spark.sql.functions.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.migstat.testing.Frames.row;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.migstat.catalog.Tables;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.lakehouse.RunLock;
import org.migstat.ops.RunLedger;
import org.migstat.testing.Frames;
import org.migstat.testing.SparkExtension;

/** Retries with backoff, and every attempt as one row of a real ops.runs Delta table. */
@ExtendWith(SparkExtension.class)
class ScheduledAttemptsTest {
  static final LocalDate MAR_5 = LocalDate.of(2024, 3, 5);

  @TempDir Path dir;
  final ByteArrayOutputStream log = new ByteArrayOutputStream();
  final List<Duration> sleeps = new ArrayList<>();

  PipelineScheduler scheduler(Lakehouse lh, Configuration conf, PipelineAction action, int maxRetries) {
    Map<String, String> o = new HashMap<>(Map.of("lakehouse", lh.root(), "input", dir.resolve("input").toString(),
        "time_zone", "UTC", "max_retries", Integer.toString(maxRetries), "retry_backoff_seconds", "5",
        "lock_wait_seconds", "0"));
    ScheduleConfig cfg = ScheduleConfig.load(null, o);
    OpsRunsLedger ledger = new OpsRunsLedger(lh);
    return new PipelineScheduler(cfg, action, ledger, new ScheduleState(conf, lh.root(), ledger::lastScheduledSuccess),
        conf, new PrintStream(log, true, StandardCharsets.UTF_8)).withSleeper(sleeps::add);
  }

  /** What RunJob appends when a run succeeds or fails. */
  static void recordAsRunJobDoes(Lakehouse lh, String runId, String command, LocalDate asOf, String status,
                                 String error) {
    RunLedger.append(lh, new RunLedger.RunRecord(runId, command, asOf, Instant.now(), Instant.now(), status, error,
        0, 0, List.of(), Map.of(), Map.of(), Map.of()));
  }

  @Test
  void retriesBackOffExponentiallyThenSucceedAndEveryAttemptIsInOpsRuns(SparkSession spark) {
    Lakehouse lh = new Lakehouse(spark, dir.resolve("lakehouse").toString());
    AtomicInteger calls = new AtomicInteger();
    PipelineAction flaky = (asOf, command) -> {
      int n = calls.incrementAndGet();
      if (n <= 2) {
        // A failure before RunJob could record it: the scheduler records the attempt.
        throw new IllegalStateException("the registry export is not there yet (call " + n + ")");
      }
      recordAsRunJobDoes(lh, "run-ok", command, asOf, "succeeded", null);
      return new PipelineAction.Outcome("run-ok", true, "committed");
    };
    PipelineScheduler s = scheduler(lh, spark.sparkContext().hadoopConfiguration(), flaky, 3);
    PipelineScheduler.DateResult r = s.runDate(MAR_5);

    assertTrue(r.succeeded());
    assertEquals(3, r.attempts().size());
    assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(10)), sleeps, "exponential backoff");
    Frames.assertSameRows(List.of(
            row("migstat schedule --as-of 2024-03-05 (attempt 1 of 4)", "failed", "the registry export is not there yet (call 1)"),
            row("migstat schedule --as-of 2024-03-05 (attempt 2 of 4)", "failed", "the registry export is not there yet (call 2)"),
            row("migstat schedule --as-of 2024-03-05 (attempt 3 of 4)", "succeeded", null)),
        lh.read(Tables.RUNS).filter(col("as_of").equalTo(Date.valueOf(MAR_5))).select("command", "status", "error"));
    assertEquals(MAR_5, new OpsRunsLedger(lh).lastScheduledSuccess().orElseThrow());
    String text = log.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("failed (attempt 1 of 4): the registry export is not there yet (call 1); retrying in 5 s"), text);
    assertTrue(text.contains("run as of 2024-03-05 succeeded"), text);
  }

  @Test
  void anAttemptThatRecordedItsOwnFailureIsNotRecordedTwice(SparkSession spark) {
    Lakehouse lh = new Lakehouse(spark, dir.resolve("lakehouse").toString());
    PipelineAction failsLikeRunJob = (asOf, command) -> {
      recordAsRunJobDoes(lh, "run-self-recorded", command, asOf, "failed", "conservation check failed for permits");
      throw new IllegalStateException("conservation check failed for permits");
    };
    PipelineScheduler.DateResult r = scheduler(lh, spark.sparkContext().hadoopConfiguration(), failsLikeRunJob, 0)
        .runDate(MAR_5);
    assertFalse(r.succeeded());
    Frames.assertSameRows(List.of(row("run-self-recorded", "failed")),
        lh.read(Tables.RUNS).select("run_id", "status"));
    assertTrue(sleeps.isEmpty(), "no retries configured");
  }

  @Test
  void aBusyLakehouseIsARecordedFailedAttemptThatIsRetried(SparkSession spark) throws Exception {
    Lakehouse lh = new Lakehouse(spark, dir.resolve("lakehouse").toString());
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    ExecutorService manual = Executors.newSingleThreadExecutor();
    try {
      // A manual `migstat run` holds the lakehouse when the tick comes.
      RunLock held = manual.submit(() -> RunLock.acquire(conf, lh.root(), "run-manual", Duration.ZERO))
          .get(30, TimeUnit.SECONDS);
      PipelineAction ok = (asOf, command) -> {
        recordAsRunJobDoes(lh, "run-after", command, asOf, "succeeded", null);
        return new PipelineAction.Outcome("run-after", true, "committed");
      };
      PipelineScheduler s = scheduler(lh, conf, ok, 1).withSleeper(d -> {
        sleeps.add(d);
        held.close(); // the manual run ends during the backoff
      });
      assertTrue(s.runDate(MAR_5).succeeded());
      List<org.apache.spark.sql.Row> rows = lh.read(Tables.RUNS).orderBy("command").collectAsList();
      assertEquals(2, rows.size());
      assertEquals("failed", rows.get(0).getAs("status"));
      String error = rows.get(0).getAs("error");
      assertTrue(error.contains("is busy") && error.contains("run-manual"), error);
      assertEquals("succeeded", rows.get(1).getAs("status"));
    } finally {
      manual.shutdownNow();
    }
  }
}
