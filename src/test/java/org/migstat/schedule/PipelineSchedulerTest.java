package org.migstat.schedule;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migstat.lakehouse.RunLock;

/** The Quartz-driven scheduler with fake actions: never overlapping, and stopping cleanly. */
class PipelineSchedulerTest {
  @TempDir Path dir;
  final Configuration conf = new Configuration();
  final ByteArrayOutputStream log = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

  ScheduleConfig config(Map<String, String> extra) {
    Map<String, String> o = new HashMap<>(Map.of("lakehouse", dir.resolve("lakehouse").toString(),
        "input", dir.resolve("input").toString(), "time_zone", "UTC", "max_retries", "0",
        "lock_wait_seconds", "20"));
    o.putAll(extra);
    return ScheduleConfig.load(null, o);
  }

  Path lockFile() {
    return dir.resolve("lakehouse").resolve(RunLock.LOCK_DIR).resolve(RunLock.LOCK_FILE);
  }

  record Span(String who, long start, long end) {}

  @Test
  void twoSchedulersOnOneLakehouseNeverOverlap() throws Exception {
    List<Span> spans = Collections.synchronizedList(new ArrayList<>());
    ScheduleConfig everySecond = config(Map.of("cron", "0/1 * * * * ?"));
    List<PipelineScheduler> schedulers = new ArrayList<>();
    for (String who : List.of("A", "B")) {
      PipelineAction slow = (asOf, command) -> {
        long start = System.nanoTime();
        Thread.sleep(300);
        spans.add(new Span(who, start, System.nanoTime()));
        return new PipelineAction.Outcome(who, true, "slept");
      };
      schedulers.add(new PipelineScheduler(everySecond, slow, AttemptLedger.NONE,
          ScheduleState.fileOnly(conf, everySecond.lakehouse()), conf, out));
    }
    schedulers.forEach(PipelineScheduler::start);
    Thread.sleep(4_500);
    schedulers.forEach(s -> assertTrue(s.shutdown(Duration.ofSeconds(10))));

    List<Span> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparingLong(Span::start));
    assertTrue(sorted.stream().anyMatch(s -> s.who().equals("A")) && sorted.stream().anyMatch(s -> s.who().equals("B")),
        "both schedulers ran: " + sorted);
    assertTrue(sorted.size() >= 6, "runs: " + sorted.size());
    for (int i = 1; i < sorted.size(); i++) {
      assertTrue(sorted.get(i).start() >= sorted.get(i - 1).end(),
          "run " + sorted.get(i) + " started before " + sorted.get(i - 1) + " ended");
    }
    assertFalse(Files.exists(lockFile()), "no lock left behind");
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("next run: "), log::toString);
  }

  @Test
  void stoppingLetsTheCurrentRunFinishWithinTheGracePeriod() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean finished = new AtomicBoolean();
    PipelineAction run = (asOf, command) -> {
      started.countDown();
      Thread.sleep(600);
      finished.set(true);
      return new PipelineAction.Outcome("run-1", true, "ok");
    };
    ScheduleConfig cfg = config(Map.of());
    PipelineScheduler s = new PipelineScheduler(cfg, run, AttemptLedger.NONE,
        ScheduleState.fileOnly(conf, cfg.lakehouse()), conf, out);
    ExecutorService worker = Executors.newSingleThreadExecutor();
    try {
      Future<PipelineScheduler.DateResult> r = worker.submit(() -> s.runDate(LocalDate.of(2024, 3, 1)));
      assertTrue(started.await(10, TimeUnit.SECONDS));
      assertTrue(Files.exists(lockFile()));
      assertTrue(s.shutdown(Duration.ofSeconds(10)), "finished within the grace period");
      assertTrue(finished.get());
      assertTrue(r.get(10, TimeUnit.SECONDS).succeeded());
      assertFalse(Files.exists(lockFile()));
      assertEquals(LocalDate.of(2024, 3, 1),
          ScheduleState.fileOnly(conf, cfg.lakehouse()).lastSucceeded().orElseThrow());
    } finally {
      worker.shutdownNow();
    }
  }

  @Test
  void aRunThatOutlastsTheGracePeriodIsAbandonedAndTheLockReleased() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean abandoned = new AtomicBoolean();
    CountDownLatch cancelled = new CountDownLatch(1);
    PipelineAction slow = new PipelineAction() {
      @Override
      public Outcome run(LocalDate asOf, String command) throws Exception {
        started.countDown();
        if (cancelled.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("Job 7 cancelled because SparkContext.cancelAllJobs was called");
        }
        return new Outcome("never", true, "not cancelled");
      }

      @Override
      public void abandon() { // as RunJobAction does: Spark cancels the jobs, the run fails at once
        abandoned.set(true);
        cancelled.countDown();
      }
    };
    ScheduleConfig cfg = config(Map.of("max_retries", "3"));
    PipelineScheduler s = new PipelineScheduler(cfg, slow, AttemptLedger.NONE,
        ScheduleState.fileOnly(conf, cfg.lakehouse()), conf, out);
    ExecutorService worker = Executors.newSingleThreadExecutor();
    try {
      Future<PipelineScheduler.DateResult> r = worker.submit(() -> s.runDate(LocalDate.of(2024, 3, 1)));
      assertTrue(started.await(10, TimeUnit.SECONDS));
      long t0 = System.nanoTime();
      assertFalse(s.shutdown(Duration.ofMillis(300)), "abandoned");
      assertTrue((System.nanoTime() - t0) / 1e9 < 8, "shutdown took too long");
      assertTrue(abandoned.get(), "the action was told to stop");
      assertFalse(Files.exists(lockFile()), "the lock is released");
      PipelineScheduler.DateResult result = r.get(10, TimeUnit.SECONDS);
      assertFalse(result.succeeded());
      assertEquals(1, result.attempts().size(), "no retry while stopping");
      assertTrue(result.attempts().get(0).detail().contains("cancelled"), result.toString());
      assertTrue(ScheduleState.fileOnly(conf, cfg.lakehouse()).lastSucceeded().isEmpty());
      assertTrue(log.toString(StandardCharsets.UTF_8).contains("abandoning the run as of 2024-03-01"), log::toString);
    } finally {
      worker.shutdownNow();
    }
  }

  @Test
  void sigtermDuringARunStopsTheProcessAndReleasesTheLock() throws Exception {
    Path childLog = dir.resolve("scheduler.log");
    // A run takes 30 s, the grace period is 1 s: SIGTERM abandons it.
    Process child = ChildJvm.start(childLog, "schedule", dir.resolve("lakehouse").toString(), "1", "30000");
    try {
      ChildJvm.awaitOutput(child, childLog, "RUNNING", Duration.ofSeconds(60));
      assertTrue(Files.exists(lockFile()), "the running scheduler holds the lock");
      child.destroy(); // SIGTERM
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the scheduler exits after SIGTERM");
    } finally {
      child.destroyForcibly();
    }
    String text = Files.readString(childLog, StandardCharsets.UTF_8);
    assertTrue(text.contains("abandoning the run as of"), text);
    assertTrue(text.contains("CANCELLED"), text);
    assertTrue(text.contains("stopped"), text);
    assertFalse(text.contains("FINISHED"), text);
    assertFalse(Files.exists(lockFile()), "the lock is released:\n" + text);
  }
}
