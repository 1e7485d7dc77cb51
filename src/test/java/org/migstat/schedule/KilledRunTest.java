package org.migstat.schedule;

import static org.junit.jupiter.api.Assertions.*;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.migstat.catalog.TableDef;
import org.migstat.catalog.Tables;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.lakehouse.RunLock;
import org.migstat.notebook.LakehouseFixture;
import org.migstat.ops.Conservation;
import org.migstat.pipeline.Progress;
import org.migstat.pipeline.RunConfig;
import org.migstat.pipeline.RunJob;
import org.migstat.testing.SparkExtension;

/**
 * A `migstat run` killed with SIGKILL in the middle (silver written, gold being computed) leaves its
 * lock behind and its files unrecorded; the next run breaks the dead holder's lock, re-ingests the
 * same files idempotently and ends with exactly the tables an uninterrupted run gives.
 */
@ExtendWith(SparkExtension.class)
class KilledRunTest {

  @Test
  void theRunAfterAKilledRunCompletesItAndGivesTheSameTablesAsACleanRun(SparkSession spark, @TempDir Path dir)
      throws Exception {
    Path input = dir.resolve("input");
    LakehouseFixture.writeAll(input);
    Path killed = dir.resolve("lakehouse-killed");
    Path log = dir.resolve("killed-run.log");
    Process child = ChildJvm.startMain(log, dir, List.of("-Xmx1g", ChildJvm.SMALL_INPUT), "org.migstat.cli.Main",
        "run", "--as-of", LakehouseFixture.AS_OF.toString(), "--input", input.toString(), "--lakehouse",
        killed.toString(), "--no-export");
    try {
      // Killed once silver is written and gold is being computed.
      ChildJvm.awaitOutput(child, log, "] gold", Duration.ofMinutes(8));
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    } finally {
      child.destroyForcibly();
    }
    String printed = Files.readString(log, StandardCharsets.UTF_8);
    assertFalse(printed.contains("succeeded"), printed);
    assertTrue(Files.exists(killed.resolve(RunLock.LOCK_DIR).resolve(RunLock.LOCK_FILE)), "the dead run's lock is left");
    Lakehouse lh = new Lakehouse(spark, killed.toString());
    assertTrue(lh.read(Tables.SILVER_RESIDENTS).count() > 0, "the killed run had written silver:\n" + printed);
    assertEquals(0, lh.read(Tables.INGESTED_FILES).count(), "the ledger commits last: no file counts as ingested");

    RunJob.Result next = run(spark, input, killed);
    assertTrue(next.committed());
    assertTrue(next.conservation().stream().allMatch(Conservation::balanced), next.conservation().toString());
    assertFalse(Files.exists(killed.resolve(RunLock.LOCK_DIR).resolve(RunLock.LOCK_FILE)), "the lock is released");

    // The same tables as the shared fixture: the same files, run uninterrupted (in two deliveries, which
    // IncrementalRunTest shows gives what a single run gives).
    Map<String, List<String>> afterKill = content(lh);
    Map<String, List<String>> clean = content(new Lakehouse(spark, LakehouseFixture.shared(spark).lakehouse()));
    assertEquals(clean.get("gold.permit_coverage"), afterKill.get("gold.permit_coverage"));
    assertEquals(clean, afterKill);
  }

  private static RunJob.Result run(SparkSession spark, Path input, Path lakehouse) {
    return new RunJob(spark, new RunConfig(LakehouseFixture.AS_OF, input.toString(), lakehouse.toString(), false, null,
        "test", false), new Progress(new PrintStream(OutputStream.nullOutputStream()))).run();
  }

  /** Silver and gold without the run ids (and silver without the lineage of which delivery won). */
  private static Map<String, List<String>> content(Lakehouse lh) {
    Map<String, List<String>> out = new TreeMap<>();
    for (TableDef t : Tables.ALL) {
      if (t.layer().equals("silver") || t.layer().equals("gold")) {
        out.put(t.qualifiedName(), lh.read(t).drop("run_id").collectAsList().stream().map(Row::toString).sorted()
            .toList());
      }
    }
    return out;
  }
}
