package org.migstat.cli;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.migstat.lakehouse.Sessions;
import org.migstat.schedule.PipelineAction;

/** The session a CLI command uses, built once and stopped when the command ends. */
final class Spark {
  private Spark() {}

  static SparkSession start(String command, boolean verbose) {
    SparkSession spark = Sessions.builder("migstat " + command).getOrCreate();
    // Without --verbose and with a log file (Logs), warnings go to that file, never to the terminal.
    spark.sparkContext().setLogLevel(verbose || Logs.file() != null ? "WARN" : "ERROR");
    return spark;
  }

  /**
   * For a run over little data — the input folder and the lakehouse's silver together under
   * {@link SqlSession#SMALL_READ_BYTES} — projections outside whole-stage code are interpreted instead of
   * generated and compiled in every task. On a few hundred rows that generation is most of the executors'
   * work (JFR: 40 % of their samples, most of it over Delta's log schema): such a run took 94 s instead of
   * 77 s (CPU 172 s against 140 s). Over real volumes generated code wins (the samples' daily run, 52 MB of
   * extracts: gold 62 s generated, 87 s interpreted), so anything larger, or of unknown size, keeps Spark's
   * default. Results are the same either way (Spark's contract; its own suites run both). Sets session
   * configuration (either way, so a long-lived command can size each run again): only on the command's own
   * session. Returns whether the run is small.
   */
  static boolean interpretWhenSmall(SparkSession spark, String input, String lakehouse) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    long extracts = SqlSession.bytesUnder(conf, input);
    long silver = SqlSession.bytesUnder(conf, lakehouse + "/silver");
    boolean small = extracts >= 0 && silver >= 0 && extracts + silver < SqlSession.SMALL_READ_BYTES;
    spark.conf().set("spark.sql.codegen.factoryMode", small ? "NO_CODEGEN" : "FALLBACK");
    return small;
  }

  /** The action of a long-lived command (schedule, backfill): each run is sized as it starts; the lakehouse grows. */
  static PipelineAction sizingEachRun(SparkSession spark, String input, String lakehouse, PipelineAction action) {
    return new PipelineAction() {
      @Override
      public Outcome run(java.time.LocalDate asOf, String command) throws Exception {
        interpretWhenSmall(spark, input, lakehouse);
        return action.run(asOf, command);
      }

      @Override
      public void abandon() {
        action.abandon();
      }
    };
  }
}
