package org.migstat.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.migstat.catalog.Tables;
import org.migstat.ingest.IngestException;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.pipeline.Progress;
import org.migstat.publish.PublishJob;
import org.migstat.publish.ReleaseCalendar;
import org.migstat.publish.ReleaseLedger;
import org.migstat.publish.ReleasePlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "publish", mixinStandardHelpOptions = true,
    description = {"Turn gold into a release in publish.* with disclosure control (also the last step of `run`).",
        "A release-calendar date gives a public release (listed in ops.releases, never overwritten); any other date an "
            + "internal view, marked \"internal — not for publication\". Every suppressed cell is explained in "
            + "ops.disclosure_audit."})
public final class PublishCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--as-of", paramLabel = "DATE", required = true,
      description = "Reference date (yyyy-MM-dd) of the release.")
  LocalDate asOf;

  @Option(names = "--input", paramLabel = "DIR", defaultValue = "data-samples",
      description = "Folder of extracts whose " + ReleaseCalendar.FILE + " is the release calendar "
          + "(default: ${DEFAULT-VALUE}; without one: every month end).")
  String input;

  @Override
  public Integer call() {
    SparkSession spark = Spark.start("publish", common.verbose);
    try (ProgressTicker ticker = ProgressTicker.start(System.out, spark)) {
      Lakehouse lh = new Lakehouse(spark, common.lakehouseRoot());
      if (!lh.exists(Tables.PERMIT_COVERAGE)) {
        throw new IngestException("no gold tables at " + lh.root() + ": run `bin/migstat run` first");
      }
      ReleaseCalendar calendar = ReleaseCalendar.find(spark.sparkContext().hadoopConfiguration(), input, lh.root());
      String runId = "publish-" + System.currentTimeMillis();
      ReleasePlan plan;
      if (calendar.entry(asOf).isPresent()) {
        if (ReleaseLedger.ofDate(lh, asOf).isPresent()) {
          throw new IngestException("the release of " + asOf + " is already public; releases are never overwritten "
              + "(bin/migstat export --release " + ReleaseLedger.ofDate(lh, asOf).get().releaseId() + ")");
        }
        plan = ReleasePlan.publicRelease(lh, calendar.entry(asOf).get(), runId);
      } else {
        plan = ReleasePlan.internalView(lh, asOf, runId);
      }
      PublishJob.Result r = PublishJob.publish(lh, plan, new Progress(ticker.out()));
      System.out.printf("%n%s %s%n", plan.internal() ? "Internal view (not for publication)" : "Public release",
          plan.releaseId());
      System.out.printf("%n%-40s %10s %10s %10s%n", "published table", "cells", "primary", "secondary");
      r.tables().forEach((t, f) -> System.out.printf("%-40s %,10d %,10d %,10d%n", t, f.published() + f.primary()
          + f.secondary(), f.primary(), f.secondary()));
      return 0;
    } finally {
      spark.stop();
    }
  }

}
