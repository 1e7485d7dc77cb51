package org.migstat.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.notebook.LakehouseFixture;
import org.migstat.testing.SparkExtension;

/**
 * A run that dies at a stage of a delivery, then the next run: it must end with exactly the tables of
 * {@code --rebuild} — gold and publish.*. Every stage is killed once, over two deliveries on top of the shared
 * two-delivery test lakehouse: {@code bronze} (after a source's bronze write), {@code gold} (between silver and
 * gold: the plan printed, no gold table written) and {@code publish} (a release started) in delivery 1;
 * {@code silver/merged} (after a source's silver MERGE committed), {@code gold/written} (after the first gold
 * table's commit) and {@code done} (every ledger committed, before the export) in delivery 2, which lands on
 * the lakehouse as delivery 1 left it.
 *
 * <p>The crash is {@link Progress#haltingAt}: an Error no job catches, thrown in this JVM (one SparkSession for
 * every case; a child JVM per case cost minutes each on two cores). Unlike {@code kill -9} it runs finally
 * blocks, so the lakehouse lock is released; {@code KilledRunTest} kills a real process with SIGKILL and
 * checks the lock left behind is broken and the tables are the same.
 *
 * <p>Delivery 1 deletes a March resident and adds an April one (a new month end, on which a release is due) and
 * corrects a January permit (a late correction of an old month). Delivery 2 is permits alone, in May: a new
 * permit for the April resident, a permit revoked, and a late permit valid since last summer.
 */
@ExtendWith(SparkExtension.class)
class KillAtEveryStageTest {
  /** The input and lakehouse after delivery 1, rebuilt: where the cases of delivery 2 start. */
  private static Path firstDelivered;
  private static Map<String, List<String>> afterFirst;
  private static Map<String, List<String>> afterSecond;

  /** What {@code --rebuild} makes of the shared lakehouse with delivery 1, then with delivery 2 as well. */
  @BeforeAll
  static void rebuilt(SparkSession spark, @TempDir Path dir) throws IOException {
    Path input = dir.resolve("input");
    Path root = dir.resolve("lakehouse");
    Deliveries.copyOfTheSharedFixture(spark, input, root);
    deliver(input, 1);
    afterFirst = Deliveries.rebuilt(spark, input, root, null);
    firstDelivered = dir.resolve("first");
    LakehouseFixture.copyTree(input, firstDelivered.resolve("input"));
    LakehouseFixture.copyTree(root, firstDelivered.resolve("lakehouse"));
    deliver(input, 2);
    afterSecond = Deliveries.rebuilt(spark, input, root, null);
    assertNotEquals(afterFirst, afterSecond, "the second delivery changes gold");
  }

  static void deliver(Path input, int delivery) throws IOException {
    if (delivery == 1) {
      Deliveries.residents(input, "residents_2024-04_delta.csv.gz",
          "KH-R-10,PASSPORT,G3330001,IDN,Putri Ayu,IDN,IDN,F,12/12/2001,Phnom Penh,Khan Sen Sok,EB,02/03/2024,,D,"
              + "02/04/2024 08:00:00",
          "KH-R-11,PASSPORT,K5550001,IDN,Sri Wahyuni,IDN,IDN,F,03/05/1995,Phnom Penh,Khan Chamkar Mon,EB,02/04/2024,,A,"
              + "02/04/2024 08:00:00");
      // WP-1 (Siti Aminah, valid since June 2023) was issued a month later than first recorded.
      Deliveries.permits(input, "permits_2024-03_b.jsonl.gz",
          Deliveries.permit("WP-1", "B1234567", "EMPLOYMENT", "2023-07-01", "2024-06-30", "ISSUED", null,
              "2024-03-20T09:00:00"));
    } else {
      Deliveries.permits(input, "permits_2024-05.jsonl.gz",
          Deliveries.permit("WP-11", "K5550001", "EMPLOYMENT", "2024-05-02", "2025-05-01", "ISSUED", null,
              "2024-05-02T09:00:00"),
          Deliveries.permit("WP-8", "D2220001", "EMPLOYMENT", "2024-03-04", "2025-03-03", "REVOKED", "2024-05-06",
              "2024-05-06T09:00:00"),
          Deliveries.permit("WP-12", "E5550001", "EMPLOYMENT", "2023-08-01", "2024-07-31", "ISSUED", null,
              "2024-05-07T09:00:00"));
    }
  }

  @ParameterizedTest(name = "delivery {0} killed at {1}")
  @CsvSource({"1, bronze", "1, gold", "1, publish", "2, silver/merged", "2, gold/written", "2, done"})
  void theNextRunEndsWithTheRebuildsTables(int delivery, String stage, SparkSession spark, @TempDir Path dir)
      throws Exception {
    Path input = dir.resolve("input");
    Path root = dir.resolve("lakehouse");
    if (delivery == 1) {
      Deliveries.copyOfTheSharedFixture(spark, input, root);
    } else {
      LakehouseFixture.copyTree(firstDelivered.resolve("input"), input);
      LakehouseFixture.copyTree(firstDelivered.resolve("lakehouse"), root);
    }
    deliver(input, delivery);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Progress dying = Progress.haltingAt(new PrintStream(log, true, StandardCharsets.UTF_8), stage);
    assertThrows(Progress.Halted.class, () -> Deliveries.run(spark, input, root, null, dying),
        () -> "delivery " + delivery + " was not killed at " + stage + ":\n" + log);

    ByteArrayOutputStream rerunLog = new ByteArrayOutputStream();
    RunJob.Result next = Deliveries.run(spark, input, root, null,
        new Progress(new PrintStream(rerunLog, true, StandardCharsets.UTF_8)));
    String what = "delivery " + delivery + ", after a kill at " + stage + "\nkilled run:\n" + log + "rerun:\n" + rerunLog;
    assertEquals(!stage.equals("done"), next.committed(), "only a run killed after it committed has nothing left "
        + "to do: " + what);
    Deliveries.assertSameContent(delivery == 1 ? afterFirst : afterSecond,
        Deliveries.content(new Lakehouse(spark, root.toString())), what);
  }
}
