package org.migstat.cli;

import org.apache.spark.sql.SparkSession;
import org.migstat.lakehouse.Sessions;

/** The session a CLI command uses, built once and stopped when the command ends. */
final class Spark {
  private Spark() {}

  static SparkSession start(String command, boolean verbose) {
    SparkSession spark = Sessions.builder("migstat " + command).getOrCreate();
    // Without --verbose and with a log file (Logs), warnings go to that file, never to the terminal.
    spark.sparkContext().setLogLevel(verbose || Logs.file() != null ? "WARN" : "ERROR");
    return spark;
  }
}
