package org.migstat.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.schedule.ScheduleConfig;
import org.migstat.schedule.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = {
        "Show the last runs, the failures not yet followed by a success (and why they failed), data freshness "
            + "per source (newest extract date and its age in days), the lakehouse lock, and the next scheduled run.",
        ""})
public final class StatusCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE",
      description = "The schedule's config file (for its cron, time zone and lakehouse).")
  Path config;

  @Option(names = "--lakehouse", paramLabel = "ROOT", description = "Lakehouse root (default: the config's, else lakehouse).")
  String lakehouse;

  @Option(names = "--cron", paramLabel = "EXPR", description = "Cron to compute the next run from (default: the config's).")
  String cron;

  @Option(names = "--time-zone", paramLabel = "ZONE", description = "Zone for ages and the next run (default: the config's).")
  String timeZone;

  @Option(names = "--last", paramLabel = "N", defaultValue = "10", description = "How many runs to list (default: ${DEFAULT-VALUE}).")
  int last;

  @Option(names = "--verbose", description = "Print stack traces and Spark's own warnings.")
  boolean verbose;

  @Override
  public Integer call() {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("lakehouse", lakehouse);
    o.put("cron", cron);
    o.put("time_zone", timeZone);
    ScheduleConfig cfg = ScheduleCommand.resolvePaths(ScheduleConfig.load(config, o));
    SparkSession spark = Spark.start("status", verbose);
    try {
      Lakehouse lh = new Lakehouse(spark, cfg.lakehouse());
      Status.print(Status.collect(lh, cfg, spark.sparkContext().hadoopConfiguration(), Clock.system(cfg.timeZone()),
          last), System.out);
      return 0;
    } finally {
      spark.stop();
    }
  }
}
