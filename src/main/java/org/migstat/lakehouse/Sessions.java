package org.migstat.lakehouse;

import org.apache.spark.sql.SparkSession;

/**
 * Builds the one SparkSession a command uses. The master is left to the launcher (spark-submit sets
 * spark.master); only when nothing set it do we fall back to embedded local Spark, so the same jar
 * runs on a laptop and on a cluster.
 */
public final class Sessions {
  private Sessions() {}

  public static SparkSession.Builder builder(String appName) {
    SparkSession.Builder b = SparkSession.builder()
        .appName(appName)
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.session.timeZone", "UTC")
        // Spark's 200 default suits clusters, not 2 cores; AQE coalesces further.
        .config("spark.sql.shuffle.partitions", System.getProperty("migstat.shuffle.partitions", "8"))
        .config("spark.sql.adaptive.enabled", "true")
        // Delta rebuilds a table's file list (its "state") in a Spark job per snapshot, and every scan runs a job
        // over it: one partition is one task each instead of two, each task generating the projection of
        // Delta's log schema again. A lakehouse's logs hold hundreds of actions, not millions.
        .config("spark.databricks.delta.snapshotPartitions", "1")
        // Compiled classes are cached by their code; Spark keeps 100, and a run's ~1,000 queries need more, so
        // it compiled the same code again and again (JFR of a run on a few hundred rows: 14 % of the executors'
        // samples in Janino). The tiny run 121.5 s -> 107.6 s wall, CPU 221 s -> 197 s.
        .config("spark.sql.codegen.cache.maxEntries", "4000")
        // A join on (date, person) of two frames already partitioned by person needs no new shuffle (gold's
        // person-date frame, pipeline/SharedPersonDates): Spark 3.2's rule, before it asked for every key.
        .config("spark.sql.requireAllClusterKeysForCoPartition", "false")
        // Works around UNBOUND_SQL_PARAMETER with Delta's extension (platform-notes.md).
        .config("spark.sql.legacy.parameterSubstitution.constantsOnly", "true")
        .config("spark.ui.showConsoleProgress", "false");
    if (System.getProperty("spark.master") == null && System.getenv("SPARK_MASTER") == null) {
      b = b.master("local[*]")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1");
    }
    return b;
  }
}
