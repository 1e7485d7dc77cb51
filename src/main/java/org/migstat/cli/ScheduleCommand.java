package org.migstat.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.pipeline.Progress;
import org.migstat.schedule.OpsRunsLedger;
import org.migstat.schedule.PipelineScheduler;
import org.migstat.schedule.RunJobAction;
import org.migstat.schedule.ScheduleConfig;
import org.migstat.schedule.ScheduleState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "schedule", mixinStandardHelpOptions = true,
    description = {
        "Run the pipeline on a cron, in this process, until stopped (SIGTERM or Ctrl-C).",
        "",
        "Each tick is one run as of the tick's date. After downtime the missed dates run first (all, oldest "
            + "first, or only the latest). A failed run is retried with exponential backoff; every attempt is a row "
            + "in ops.runs. Never two runs at once on a lakehouse: a lock file under <lakehouse>/_locks.",
        "",
        "Settings come from --config FILE, a properties file with the keys cron, time_zone, input, lakehouse, "
            + "catch_up, max_retries, retry_backoff_seconds, lock_timeout_seconds, lock_wait_seconds, "
            + "grace_period_seconds, key_file. Options given here override the file. "
            + "Default: daily at 02:00 (cron '0 0 2 * * ?').",
        ""})
public final class ScheduleCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", description = "Schedule settings (a properties file).")
  Path config;

  @Option(names = "--cron", paramLabel = "EXPR",
      description = "Quartz cron, seconds first (default '0 0 2 * * ?': daily at 02:00).")
  String cron;

  @Option(names = "--time-zone", paramLabel = "ZONE",
      description = "Zone of the cron and of the as-of dates, e.g. Asia/Phnom_Penh (default: the system zone).")
  String timeZone;

  @Option(names = "--input", paramLabel = "DIR", description = "Folder of extracts (default: data-samples).")
  String input;

  @Option(names = "--lakehouse", paramLabel = "ROOT", description = "Lakehouse root (default: lakehouse).")
  String lakehouse;

  @Option(names = "--catch-up", paramLabel = "all|latest",
      description = "After downtime run every missed as-of date in order, or only the latest (default: all).")
  String catchUp;

  @Option(names = "--max-retries", paramLabel = "N", description = "Retries after a failed attempt (default: 3).")
  Integer maxRetries;

  @Option(names = "--retry-backoff-seconds", paramLabel = "S",
      description = "First retry delay; doubles for each further retry (default: 60).")
  Integer retryBackoffSeconds;

  @Option(names = "--lock-timeout-seconds", paramLabel = "S",
      description = "A lakehouse lock without heartbeat for this long is stale and broken (default: 60).")
  Integer lockTimeoutSeconds;

  @Option(names = "--lock-wait-seconds", paramLabel = "S",
      description = "How long an attempt waits for another run on the lakehouse to finish (default: 600).")
  Integer lockWaitSeconds;

  @Option(names = "--grace-period-seconds", paramLabel = "S",
      description = "On SIGTERM, how long the current run may take to finish before it is abandoned (default: 60).")
  Integer gracePeriodSeconds;

  @Option(names = "--key-file", paramLabel = "FILE", description = "Pseudonymisation key file (as for `run`).")
  Path keyFile;

  @Option(names = "--catch-up-only", description = "Run the missed dates, then exit instead of waiting for the cron.")
  boolean catchUpOnly;

  @Option(names = "--verbose", description = "Print stack traces and Spark's own warnings.")
  boolean verbose;

  @Override
  public Integer call() throws InterruptedException {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("cron", cron);
    o.put("time_zone", timeZone);
    o.put("input", input);
    o.put("lakehouse", lakehouse);
    o.put("catch_up", catchUp);
    o.put("max_retries", maxRetries == null ? null : maxRetries.toString());
    o.put("retry_backoff_seconds", retryBackoffSeconds == null ? null : retryBackoffSeconds.toString());
    o.put("lock_timeout_seconds", lockTimeoutSeconds == null ? null : lockTimeoutSeconds.toString());
    o.put("lock_wait_seconds", lockWaitSeconds == null ? null : lockWaitSeconds.toString());
    o.put("grace_period_seconds", gracePeriodSeconds == null ? null : gracePeriodSeconds.toString());
    o.put("key_file", keyFile == null ? null : keyFile.toString());
    ScheduleConfig cfg = resolvePaths(ScheduleConfig.load(config, o));

    SparkSession spark = Spark.start("schedule", verbose);
    try {
      Lakehouse lh = new Lakehouse(spark, cfg.lakehouse());
      OpsRunsLedger runs = new OpsRunsLedger(lh);
      var hadoopConf = spark.sparkContext().hadoopConfiguration();
      PipelineScheduler scheduler = new PipelineScheduler(cfg, Spark.sizingEachRun(spark, cfg.input(), cfg.lakehouse(),
          RunJobAction.of(spark, cfg, new Progress(System.out))),
          runs, new ScheduleState(hadoopConf, cfg.lakehouse(), runs::lastScheduledSuccess), hadoopConf, System.out)
          .withClock(Clock.system(cfg.timeZone()));
      if (catchUpOnly) {
        List<PipelineScheduler.DateResult> results = scheduler.catchUp();
        return results.stream().allMatch(PipelineScheduler.DateResult::succeeded) ? 0 : 1;
      }
      scheduler.stopOnShutdown();
      scheduler.start();
      scheduler.awaitTermination();
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** Local input and lakehouse paths made absolute, so tables register with a stable location. */
  static ScheduleConfig resolvePaths(ScheduleConfig c) {
    return new ScheduleConfig(c.cron(), c.timeZone(), absolute(c.input()), absolute(c.lakehouse()), c.catchUp(),
        c.maxRetries(), c.retryBackoff(), c.lockTimeout(), c.lockWait(), c.gracePeriod(), c.keyFile(),
        c.firstPermitSameReason());
  }

  static String absolute(String location) {
    if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !location.matches("^[a-zA-Z]:\\\\.*")) {
      return location;
    }
    return Path.of(location).toAbsolutePath().normalize().toString();
  }
}
