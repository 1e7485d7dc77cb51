package org.migstat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.migstat.testing.SparkExtension;

/**
 * A run over little data interprets projections and runs without adaptive execution on one shuffle partition; a
 * larger or unknown one gets the session's own settings (here those of a session as the CLI builds it).
 */
@ExtendWith(SparkExtension.class)
class SmallRunSessionTest {
  static final String FACTORY = Spark.FACTORY_MODE;
  /** The settings of a session as {@code Sessions} builds it (the test session's own are those of a small run). */
  static final SparkConf BUILT = new SparkConf(false).set(Spark.ADAPTIVE, "true").set(Spark.SHUFFLE_PARTITIONS, "8");

  @TempDir Path tmp;

  /** A session of its own (shared context, own SQL conf): the shared test session is never changed. */
  static SparkSession own(SparkSession spark) {
    SparkSession s = spark.newSession();
    s.conf().set(FACTORY, "FALLBACK");
    s.conf().set(Spark.ADAPTIVE, "true");
    s.conf().set(Spark.SHUFFLE_PARTITIONS, "8");
    return s;
  }

  @Test
  void aFewKilobytesOfExtractsAndNoLakehouseYetAreInterpreted(SparkSession spark) throws Exception {
    Path input = Files.createDirectories(tmp.resolve("in/residents"));
    Files.writeString(input.resolve("residents_2024-12.csv"), "record_id,citizenship\n1,IDN\n");
    SparkSession s = own(spark);
    assertTrue(Spark.sizeForTheRun(s, tmp.resolve("in").toString(), tmp.resolve("lakehouse").toString(), BUILT));
    assertEquals(java.util.List.of("NO_CODEGEN", "false", "1"), settings(s));
  }

  @Test
  void extractsAndSilverTogetherOverTheBoundKeepGeneratedCode(SparkSession spark) throws Exception {
    // Each folder alone is under the bound; together they are over it.
    int half = (int) (SqlSession.SMALL_READ_BYTES / 2) + 1024;
    byte[] bytes = new byte[half];
    new Random(7).nextBytes(bytes);
    Files.write(Files.createDirectories(tmp.resolve("in/permits")).resolve("permits.jsonl.gz"), bytes);
    Files.write(Files.createDirectories(tmp.resolve("lakehouse/silver/permits")).resolve("part-0.parquet"), bytes);
    SparkSession s = own(spark);
    assertFalse(Spark.sizeForTheRun(s, tmp.resolve("in").toString(), tmp.resolve("lakehouse").toString(), BUILT));
    assertEquals(java.util.List.of("FALLBACK", "true", "8"), settings(s));
  }

  @Test
  void aFolderThatCannotBeSizedKeepsGeneratedCode(SparkSession spark) {
    SparkSession s = own(spark);
    assertFalse(Spark.sizeForTheRun(s, "nosuchscheme://extracts", tmp.resolve("lakehouse").toString(), BUILT));
    assertEquals(java.util.List.of("FALLBACK", "true", "8"), settings(s));
  }

  @Test
  void aLongLivedCommandSizesEachRunAsItStarts(SparkSession spark) throws Exception {
    Files.writeString(Files.createDirectories(tmp.resolve("in/residents")).resolve("residents.csv"), "record_id\n1\n");
    SparkSession s = own(spark);
    java.util.List<String> seen = new java.util.ArrayList<>();
    org.migstat.schedule.PipelineAction action = Spark.sizingEachRun(s, tmp.resolve("in").toString(),
        tmp.resolve("lakehouse").toString(), (asOf, command) -> {
          seen.add(s.conf().get(FACTORY));
          return new org.migstat.schedule.PipelineAction.Outcome("run-" + seen.size(), true, "");
        });
    action.run(java.time.LocalDate.of(2024, 1, 31), "first");
    // The lakehouse has grown past the bound since: the next run generates code again.
    byte[] bytes = new byte[(int) SqlSession.SMALL_READ_BYTES];
    new Random(11).nextBytes(bytes);
    Files.write(Files.createDirectories(tmp.resolve("lakehouse/silver/crossings")).resolve("part-0.parquet"), bytes);
    action.run(java.time.LocalDate.of(2024, 2, 29), "second");
    assertEquals(java.util.List.of("NO_CODEGEN", "FALLBACK"), seen);
  }

  static java.util.List<String> settings(SparkSession s) {
    return java.util.List.of(s.conf().get(FACTORY), s.conf().get(Spark.ADAPTIVE), s.conf().get(Spark.SHUFFLE_PARTITIONS));
  }
}
