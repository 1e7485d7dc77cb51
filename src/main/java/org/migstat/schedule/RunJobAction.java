package org.migstat.schedule;

import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import org.migstat.pipeline.Progress;
import org.migstat.pipeline.RunConfig;
import org.migstat.pipeline.RunJob;

/** The production action: a real {@link RunJob} with the given as-of date, printing its progress. */
public final class RunJobAction implements PipelineAction {
  private final SparkSession spark;
  private final String input;
  private final String lakehouse;
  private final Path keyFile;
  private final boolean firstPermitSameReason;
  private final Progress progress;

  public RunJobAction(SparkSession spark, String input, String lakehouse, Path keyFile,
                      boolean firstPermitSameReason, Progress progress) {
    this.spark = spark;
    this.input = input;
    this.lakehouse = lakehouse;
    this.keyFile = keyFile;
    this.firstPermitSameReason = firstPermitSameReason;
    this.progress = progress;
  }

  public static RunJobAction of(SparkSession spark, ScheduleConfig cfg, Progress progress) {
    return new RunJobAction(spark, cfg.input(), cfg.lakehouse(), cfg.keyFile(), cfg.firstPermitSameReason(), progress);
  }

  @Override
  public Outcome run(LocalDate asOf, String command) {
    RunConfig cfg = new RunConfig(asOf, input, lakehouse, false, keyFile, command, firstPermitSameReason);
    RunJob.Result r = new RunJob(spark, cfg, progress).run();
    return new Outcome(r.runId(), r.committed(), r.committed()
        ? String.format("run %s committed (%d new files, %d re-sent skipped)", r.runId(), r.filesNew(), r.filesSkipped())
        : "nothing new: no table changed");
  }

  /** Cancels the Spark jobs in flight: the run fails at its next action and records itself as failed. */
  @Override
  public void abandon() {
    spark.sparkContext().cancelAllJobs();
  }
}
