package org.migstat.testing;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One SparkSession per test JVM (house style 8). Tests ask for it as a parameter:
 * {@code @ExtendWith(SparkExtension.class) class FooTest { @Test void t(SparkSession spark) {...} } }.
 * The session is stopped by a JVM shutdown hook, after the last test class.
 */
public final class SparkExtension implements ParameterResolver {
  private static SparkSession session;

  public static synchronized SparkSession spark() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("migstat-tests")
          .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
          .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
          // One shuffle partition and no adaptive execution: the tests' tables are a few dozen rows, where a second
          // partition is only a second task on every stage, and adaptive execution runs every query stage by stage
          // as its own job and plans it again; results do not depend on either (Spark's contract). One run of the
          // small lakehouse's input (LakehouseFixture.writeAll), warm JVM, alternating settings, load 14-17: 2
          // partitions with AQE 111 s and 92 s (CPU 63 s, 58 s), 1 partition without 72 s and 77 s (CPU 53 s, 46 s).
          // The samples lakehouse (1.7 million records) is built with both (SampleLakehouse).
          .config("spark.sql.shuffle.partitions", "1")
          .config("spark.default.parallelism", "2")
          .config("spark.sql.adaptive.enabled", "false")
          .config("spark.sql.requireAllClusterKeysForCoPartition", "false") // as Sessions
          .config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.sql.session.timeZone", "UTC")
          .config("spark.databricks.delta.snapshotPartitions", "1")
          .config("spark.sql.codegen.cache.maxEntries", "4000") // as Sessions: whole-stage code compiled once
          // Projections outside whole-stage code (most of them Delta's own, over its log actions) are
          // interpreted, not generated per task: on the tests' tiny tables generating and compiling that code
          // was most of the executors' time (JFR of a fixture run), and a run took a quarter longer. Results
          // are the same by Spark's contract (its own suites run both modes); whole-stage code is still
          // generated, and the samples lakehouse is built with Spark's default (SampleLakehouse).
          .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
          .config("spark.sql.legacy.parameterSubstitution.constantsOnly", "true")
          .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/migstat-test-warehouse")
          .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return spark();
  }
}
