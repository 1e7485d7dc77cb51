package org.migstat.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.migstat.lakehouse.RunLock;
import org.migstat.pipeline.Progress;
import org.migstat.schedule.Backfill;
import org.migstat.schedule.RunJobAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "backfill", mixinStandardHelpOptions = true,
    description = {
        "Recompute a range of reference dates: one pipeline run per date, oldest first, each under the "
            + "lakehouse lock. Idempotent: running the same range again commits nothing new.",
        ""})
public final class BackfillCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--from", paramLabel = "DATE", required = true, description = "First reference date (yyyy-MM-dd).")
  LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", required = true, description = "Last reference date (yyyy-MM-dd).")
  LocalDate to;

  @Option(names = "--input", paramLabel = "DIR", defaultValue = "data-samples",
      description = "Folder of extracts with one sub-folder per source (default: ${DEFAULT-VALUE}).")
  String input;

  @Option(names = "--key-file", paramLabel = "FILE", description = "Pseudonymisation key file (as for `run`).")
  Path keyFile;

  @Option(names = "--first-permit-same-reason", description = "National variant of the first-permit rule (as for `run`).")
  boolean sameReason;

  @Option(names = "--lock-wait-seconds", paramLabel = "S", defaultValue = "600",
      description = "How long each date waits for another run on the lakehouse to finish (default: ${DEFAULT-VALUE}).")
  int lockWaitSeconds;

  @Override
  public Integer call() {
    Backfill.dates(from, to); // a bad range fails before Spark starts
    String lakehouse = common.lakehouseRoot();
    SparkSession spark = Spark.start("backfill", common.verbose);
    try {
      String inputRoot = ScheduleCommand.absolute(input);
      var action = Spark.sizingEachRun(spark, inputRoot, lakehouse,
          new RunJobAction(spark, inputRoot, lakehouse, keyFile, sameReason, new Progress(System.out)));
      Backfill.run(from, to, action, spark.sparkContext().hadoopConfiguration(), lakehouse,
          Duration.ofSeconds(lockWaitSeconds), RunLock.DEFAULT_STALE_AFTER, System.out);
      return 0;
    } finally {
      spark.stop();
    }
  }
}
