package org.migstat.cli;

import org.apache.spark.sql.SparkSession;
import org.migstat.lakehouse.Sessions;

/** The session a CLI command uses, built once and stopped when the command ends. */
final class Spark {
  private Spark() {}

  static SparkSession start(String command, boolean verbose) {
    SparkSession spark = Sessions.builder("migstat " + command).getOrCreate();
    spark.sparkContext().setLogLevel(verbose ? "WARN" : "ERROR");
    return spark;
  }
}
