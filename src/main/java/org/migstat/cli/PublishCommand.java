package org.migstat.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.migstat.catalog.Tables;
import org.migstat.ingest.IngestException;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.pipeline.Progress;
import org.migstat.publish.PublishJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "publish", mixinStandardHelpOptions = true,
    description = {"Turn gold into publish.* tables with disclosure control (also the last step of `run`).",
        "Primary and secondary suppression per family policy; every suppressed cell is explained in ops.disclosure_audit."})
public final class PublishCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    SparkSession spark = Spark.start("publish", common.verbose);
    try (ProgressTicker ticker = ProgressTicker.start(System.out, spark)) {
      Lakehouse lh = new Lakehouse(spark, common.lakehouseRoot());
      if (!lh.exists(Tables.PERMIT_COVERAGE)) {
        throw new IngestException("no gold tables at " + lh.root() + ": run `bin/migstat run` first");
      }
      PublishJob.Result r = PublishJob.publish(lh, "publish-" + System.currentTimeMillis(), new Progress(ticker.out()));
      System.out.printf("%n%-40s %10s %10s %10s%n", "published table", "cells", "primary", "secondary");
      r.tables().forEach((t, f) -> System.out.printf("%-40s %,10d %,10d %,10d%n", t, f.published() + f.primary()
          + f.secondary(), f.primary(), f.secondary()));
      return 0;
    } finally {
      spark.stop();
    }
  }
}
