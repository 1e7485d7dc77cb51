package org.migstat.cli;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
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
   * {@link SqlSession#SMALL_READ_BYTES} — the settings Spark's own tests use for tiny tables:
   * <ul>
   *   <li>projections outside whole-stage code interpreted instead of generated and compiled in every task. On a
   *       few hundred rows that generation is most of the executors' work (JFR: 40 % of their samples, most of it
   *       over Delta's log schema): such a run took 94 s instead of 77 s (CPU 172 s against 140 s);
   *   <li>no adaptive execution, one shuffle partition: adaptive execution runs every shuffle stage of a query as
   *       a job of its own and plans the rest again after it; over a few hundred rows there is nothing to coalesce
   *       or re-plan. A daily run of 100 new rows on a small lakehouse: 602 Spark jobs -> 335, 73-84 s -> 69-70 s;
   *       a first run of a few hundred rows 83.5 s -> 76.0 s.
   * </ul>
   * Over real volumes Spark's defaults win (the samples' daily run, 52 MB of extracts: gold 62 s generated, 87 s
   * interpreted; without adaptive execution 234 s against 228 s), so anything larger, or of unknown size, gets the
   * session's own settings back (as built or passed to spark-submit). Results are the same either way (Spark's
   * contract; its own suites run both). Sets session configuration (either way, so a long-lived command can size
   * each run again): only on the command's own session. Returns whether the run is small.
   */
  static boolean sizeForTheRun(SparkSession spark, String input, String lakehouse) {
    return sizeForTheRun(spark, input, lakehouse, spark.sparkContext().getConf());
  }

  /** As above, a larger run getting the settings of {@code built}. */
  static boolean sizeForTheRun(SparkSession spark, String input, String lakehouse, SparkConf built) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    long extracts = SqlSession.bytesUnder(conf, input);
    long silver = SqlSession.bytesUnder(conf, lakehouse + "/silver");
    boolean small = extracts >= 0 && silver >= 0 && extracts + silver < SqlSession.SMALL_READ_BYTES;
    spark.conf().set(FACTORY_MODE, small ? "NO_CODEGEN" : "FALLBACK");
    spark.conf().set(ADAPTIVE, small ? "false" : built.get(ADAPTIVE, "true"));
    spark.conf().set(SHUFFLE_PARTITIONS, small ? "1" : built.get(SHUFFLE_PARTITIONS, "200"));
    return small;
  }

  static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";
  static final String ADAPTIVE = "spark.sql.adaptive.enabled";
  static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

  /** The action of a long-lived command (schedule, backfill): each run is sized as it starts; the lakehouse grows. */
  static PipelineAction sizingEachRun(SparkSession spark, String input, String lakehouse, PipelineAction action) {
    return new PipelineAction() {
      @Override
      public Outcome run(java.time.LocalDate asOf, String command) throws Exception {
        sizeForTheRun(spark, input, lakehouse);
        return action.run(asOf, command);
      }

      @Override
      public void abandon() {
        action.abandon();
      }
    };
  }
}
