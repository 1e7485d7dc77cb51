package org.migstat.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.migstat.catalog.TableDef;
import org.migstat.catalog.Tables;
import org.migstat.ingest.IngestException;
import org.migstat.lakehouse.Lakehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "tables", mixinStandardHelpOptions = true,
    description = "List the lakehouse tables with row count, Delta version and a one-line description.")
public final class TablesCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    SparkSession spark = Spark.start("tables", common.verbose);
    try {
      Lakehouse lh = new Lakehouse(spark, common.lakehouseRoot());
      if (!lh.exists(Tables.RUNS)) {
        throw new IngestException("no lakehouse at " + lh.root() + " yet: run `bin/migstat run` first");
      }
      System.out.printf("%-28s %12s %8s  %s%n", "table", "rows", "version", "description");
      for (TableDef t : Tables.ALL) {
        if (!lh.exists(t)) {
          System.out.printf("%-28s %12s %8s  %s%n", t.qualifiedName(), "-", "-", "(not created yet)");
          continue;
        }
        String firstSentence = t.comment().split("(?<=\\.)\\s", 2)[0];
        System.out.printf("%-28s %,12d %8d  %s%n", t.qualifiedName(), lh.read(t).count(), lh.version(t), firstSentence);
      }
      return 0;
    } finally {
      spark.stop();
    }
  }
}
