package org.migstat.schedule;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.migstat.lakehouse.RunLock;

/**
 * A second JVM for the tests that need a real process: one that holds the lock and is killed (a crashed
 * holder), and a scheduler that receives SIGTERM in the middle of a run.
 */
public final class ChildJvm {
  private ChildJvm() {}

  public static void main(String[] args) throws Exception {
    Configuration conf = new Configuration();
    switch (args[0]) {
      case "hold-lock" -> {
        // args: lakehouse, stale-after millis
        RunLock.acquire(conf, args[1], "child-holder", Duration.ZERO, Duration.ofMillis(Long.parseLong(args[2])));
        System.out.println("LOCKED");
        Thread.sleep(600_000);
      }
      case "schedule" -> {
        // args: lakehouse, grace seconds, run millis
        ScheduleConfig cfg = ScheduleConfig.load(null, Map.of("lakehouse", args[1], "input", args[1],
            "cron", "0/1 * * * * ?", "grace_period_seconds", args[2], "max_retries", "0", "time_zone", "UTC"));
        long runMillis = Long.parseLong(args[3]);
        CountDownLatch cancelled = new CountDownLatch(1);
        PipelineAction slow = new PipelineAction() {
          @Override
          public Outcome run(LocalDate asOf, String command) throws Exception {
            System.out.println("RUNNING " + asOf);
            if (cancelled.await(runMillis, TimeUnit.MILLISECONDS)) {
              System.out.println("CANCELLED " + asOf);
              throw new IllegalStateException("cancelled");
            }
            System.out.println("FINISHED " + asOf);
            return new Outcome("fake", true, "slept");
          }

          @Override
          public void abandon() { // as Spark's cancelAllJobs: the run fails at once
            cancelled.countDown();
          }
        };
        PipelineScheduler s = new PipelineScheduler(cfg, slow, AttemptLedger.NONE,
            ScheduleState.fileOnly(conf, args[1]), conf, System.out);
        s.stopOnShutdown();
        s.start();
        s.awaitTermination();
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  /** Starts {@code main(args)} in a new JVM with this JVM's flags and class path; output goes to {@code log}. */
  static Process start(Path log, String... args) throws IOException {
    return startMain(log, log.getParent(), List.of("-Xmx256m"), ChildJvm.class.getName(), args);
  }

  /**
   * The options of a child JVM that runs the pipeline on a test's tiny input, besides the heap: two shuffle
   * partitions, as the test JVM's session has (SparkExtension), instead of the CLI's default of 8 — on a few
   * dozen rows each extra partition is only another task to schedule, on every stage of every query.
   */
  static final String SMALL_INPUT = "-Dmigstat.shuffle.partitions=2";

  /**
   * Starts a main class in a new JVM with this JVM's Spark flags (spark.jvm.flags in pom.xml) and class path, in
   * {@code workDir}, with {@code options} (the heap, system properties) before the main class.
   */
  static Process startMain(Path log, Path workDir, List<String> options, String mainClass, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognized") || a.startsWith("-Djdk.reflect")
          || a.startsWith("-Dio.netty") || a.equals("-XX:-DontCompileHugeMethods")) {
        cmd.add(a);
      }
    }
    cmd.addAll(options);
    cmd.add("-cp");
    cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
  }

  /** Waits until the child's output holds {@code text}; fails with the output if it does not in time. */
  static String awaitOutput(Process p, Path log, String text, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String out = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      if (out.contains(text)) {
        return out;
      }
      if (!p.isAlive()) {
        throw new AssertionError("child exited (" + p.exitValue() + ") before printing " + text + ":\n" + out);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("child did not print " + text + " within " + timeout + ":\n"
        + (Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : ""));
  }
}
