package org.migstat.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.notebook.LakehouseFixture;
import org.migstat.testing.SparkExtension;

/**
 * A real `migstat run` in its own JVM, halted as {@code kill -9} would (Runtime.halt: no finally block, no
 * shutdown hook, the lock left behind) at each stage of a delivery that lands on the two-delivery test
 * lakehouse: bronze, silver, between silver and gold, gold, publish, and before the export. The next run
 * must end with exactly the tables of an uninterrupted run followed by {@code --rebuild}: gold and publish.*.
 *
 * <p>The delivery deletes a March resident and adds an April one (a residents-only delivery that widens the
 * span of the permit tables), and corrects a January permit (a late correction of an old month).
 */
@ExtendWith(SparkExtension.class)
class KillAtEveryStageTest {
  private static Map<String, List<String>> expected;

  @BeforeAll
  static void uninterrupted(SparkSession spark, @TempDir Path dir) throws IOException {
    Path input = dir.resolve("input");
    Path root = dir.resolve("lakehouse");
    Deliveries.copyOfTheSharedFixture(spark, input, root);
    deliver(input);
    Deliveries.run(spark, input, root, null);
    Map<String, List<String>> clean = Deliveries.content(new Lakehouse(spark, root.toString()));
    expected = Deliveries.rebuilt(spark, input, root, null);
    Deliveries.assertSameContent(expected, clean, "an uninterrupted incremental run vs the rebuild");
  }

  static void deliver(Path input) throws IOException {
    Deliveries.residents(input, "residents_2024-04_delta.csv.gz",
        "KH-R-10,PASSPORT,G3330001,IDN,Putri Ayu,IDN,IDN,F,12/12/2001,Phnom Penh,Khan Sen Sok,EB,02/03/2024,,D,"
            + "02/04/2024 08:00:00",
        "KH-R-11,PASSPORT,K5550001,IDN,Sri Wahyuni,IDN,IDN,F,03/05/1995,Phnom Penh,Khan Chamkar Mon,EB,02/04/2024,,A,"
            + "02/04/2024 08:00:00");
    // WP-1 (Siti Aminah, valid since June 2023) was issued a month later than first recorded.
    Deliveries.permits(input, "permits_2024-03_b.jsonl.gz",
        Deliveries.permit("WP-1", "B1234567", "EMPLOYMENT", "2023-07-01", "2024-06-30", "ISSUED", null,
            "2024-03-20T09:00:00"));
  }

  @ParameterizedTest(name = "killed at {0}")
  @ValueSource(strings = {"bronze", "silver/merged", "gold", "gold/written", "publish", "done"})
  void theNextRunEndsWithTheRebuildsTables(String stage, SparkSession spark, @TempDir Path dir) throws Exception {
    Path input = dir.resolve("input");
    Path root = dir.resolve("lakehouse");
    Lakehouse lh = Deliveries.copyOfTheSharedFixture(spark, input, root);
    deliver(input);

    Path log = dir.resolve("killed.log");
    Process child = start(log, dir, stage, "run", "--input", input.toString(), "--lakehouse", root.toString(),
        "--out", dir.resolve("out").toString());
    try {
      assertTrue(child.waitFor(6, TimeUnit.MINUTES), "the child run did not end");
    } finally {
      child.destroyForcibly();
    }
    String printed = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(137, child.exitValue(), printed);
    assertTrue(printed.contains("HALT at " + stage), printed);

    RunJob.Result next = Deliveries.run(spark, input, root, null);
    assertEquals(!stage.equals("done"), next.committed(), "only a run killed after it committed has nothing to do");
    Deliveries.assertSameContent(expected, Deliveries.content(lh), "after a kill at " + stage);
  }

  /** {@code migstat} in a new JVM with this JVM's Spark flags and class path, halting at a stage. */
  private static Process start(Path log, Path workDir, String haltAt, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognized") || a.startsWith("-Djdk.reflect")
          || a.startsWith("-Dio.netty")) {
        cmd.add(a);
      }
    }
    cmd.add("-Xmx1g");
    cmd.add("-Dmigstat.test.haltAt=" + haltAt);
    cmd.add("-cp");
    cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    cmd.add("org.migstat.cli.Main");
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
  }
}
