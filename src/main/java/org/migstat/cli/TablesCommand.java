package org.migstat.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.migstat.catalog.Tables;
import org.migstat.ingest.IngestException;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.notebook.LakehouseCatalog;
import org.migstat.pipeline.Concurrently;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "tables", mixinStandardHelpOptions = true,
    description = {
        "List every lakehouse table (bronze, silver, gold, ops, publish) with its row count, Delta version and",
        "a one-line description. Each is queryable as <layer>.<table> in `migstat sql`."})
public final class TablesCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--layer", paramLabel = "LAYER", description = "Only this layer (bronze, silver, gold, ops or publish).")
  String layer;

  @Option(names = "--no-counts", description = "Skip the row counts (names, versions and descriptions only: instant).")
  boolean noCounts;

  @Override
  public Integer call() {
    if (layer != null && !LakehouseCatalog.LAYERS.contains(layer)) {
      throw new IllegalArgumentException("--layer must be one of " + String.join(", ", LakehouseCatalog.LAYERS));
    }
    // In a JVM that already has a session (tests, an embedding program) that one is used, and not stopped.
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = ownSession ? Spark.start("tables", common.verbose) : SparkSession.getDefaultSession().get();
    try {
      Lakehouse lh = new Lakehouse(spark, common.lakehouseRoot());
      if (!lh.exists(Tables.RUNS)) {
        throw new IngestException("no lakehouse at " + lh.root() + " yet: run `bin/migstat run` first");
      }
      List<LakehouseCatalog.Entry> entries = LakehouseCatalog.list(spark, lh.root()).stream()
          .filter(e -> layer == null || e.layer().equals(layer)).toList();
      // Delta answers a count from the log's file statistics; a few tables at once overlap the log reads.
      List<Long> rows = noCounts ? null : Concurrently.map(entries,
          e -> lh.read(e.table()).count());
      int w = Math.max(28, entries.stream().mapToInt(e -> e.qualifiedName().length()).max().orElse(0));
      System.out.printf("%-" + w + "s %12s %8s  %s%n", "table", "rows", "version", "description");
      for (int i = 0; i < entries.size(); i++) {
        LakehouseCatalog.Entry e = entries.get(i);
        System.out.printf("%-" + w + "s %12s %8d  %s%n", e.qualifiedName(),
            rows == null ? "-" : String.format("%,d", rows.get(i)), lh.version(e.table()), e.description());
      }
      System.out.printf("%d tables in %s%n", entries.size(), lh.root());
      return 0;
    } finally {
      if (ownSession) {
        spark.stop();
      }
    }
  }
}
