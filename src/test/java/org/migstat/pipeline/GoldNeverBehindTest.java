package org.migstat.pipeline;

import static org.apache.spark.sql.functions.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.migstat.catalog.Tables;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.testing.SparkExtension;

/**
 * The two ways an incremental run used to leave gold behind a rebuild (issue 13): a run that died after its
 * silver MERGE committed (the rerun found nothing new in its batch), and a delivery of one registry that
 * widened the date span of the other registry's tables.
 */
@ExtendWith(SparkExtension.class)
class GoldNeverBehindTest {
  private static final LocalDate APRIL_END = LocalDate.of(2024, 4, 30);

  @Test
  void aRunThatDiedAfterSilverCommittedIsFinishedByTheNextRun(SparkSession spark, @TempDir Path dir) throws Exception {
    Path input = dir.resolve("input");
    Path root = dir.resolve("lakehouse");
    Lakehouse lh = Deliveries.copyOfTheSharedFixture(spark, input, root);
    long idnBefore = residents(lh, "2024-03-31", "IDN");
    // April: the only row deletes a March resident (KH-R-10, registered 2 March).
    Deliveries.residents(input, "residents_2024-04_delta.csv.gz",
        "KH-R-10,PASSPORT,G3330001,IDN,Putri Ayu,IDN,IDN,F,12/12/2001,Phnom Penh,Khan Sen Sok,EB,02/03/2024,,D,"
            + "02/04/2024 08:00:00");
    long silverBefore = lh.version(Tables.SILVER_RESIDENTS);

    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Progress dying = Progress.haltingAt(new PrintStream(log, true, StandardCharsets.UTF_8), "gold");
    assertThrows(Progress.Halted.class, () -> Deliveries.run(spark, input, root, null, dying));
    assertTrue(lh.version(Tables.SILVER_RESIDENTS) > silverBefore, "silver committed before the crash:\n" + log);
    assertEquals(idnBefore, residents(lh, "2024-03-31", "IDN"), "gold untouched by the dead run");

    RunJob.Result rerun = Deliveries.run(spark, input, root, null);
    assertTrue(rerun.committed());
    assertEquals(idnBefore - 1, residents(lh, "2024-03-31", "IDN"), "the deletion reaches gold");
    assertFalse(lh.read(Tables.RESIDENTS_STOCK).filter(col("ref_date").equalTo(Date.valueOf(APRIL_END))).isEmpty());
    Map<String, List<String>> incremental = Deliveries.content(lh);
    Deliveries.assertSameContent(Deliveries.rebuilt(spark, input, root, null), incremental, "rerun vs rebuild");
  }

  @Test
  void aResidentsOnlyDeliveryExtendsThePermitTablesToTheNewMonthEnd(SparkSession spark, @TempDir Path dir)
      throws Exception {
    Path input = dir.resolve("input");
    Path root = dir.resolve("lakehouse");
    Lakehouse lh = Deliveries.copyOfTheSharedFixture(spark, input, root);
    Deliveries.residents(input, "residents_2024-04_delta.csv.gz",
        "KH-R-11,PASSPORT,K5550001,IDN,Sri Wahyuni,IDN,IDN,F,03/05/1995,Phnom Penh,Khan Chamkar Mon,EB,02/04/2024,,A,"
            + "02/04/2024 08:00:00");

    // As of a date gold already holds: only the extract span says that April exists.
    Deliveries.run(spark, input, root, LocalDate.of(2024, 3, 31));
    for (var t : List.of(Tables.RESIDENTS_STOCK, Tables.PERMIT_HOLDERS_STOCK, Tables.PERMIT_COVERAGE)) {
      assertFalse(lh.read(t).filter(col("ref_date").equalTo(Date.valueOf(APRIL_END))).isEmpty(),
          t.qualifiedName() + " has the new month end");
    }
    Map<String, List<String>> incremental = Deliveries.content(lh);
    Deliveries.assertSameContent(Deliveries.rebuilt(spark, input, root, LocalDate.of(2024, 3, 31)), incremental,
        "incremental vs rebuild");
  }

  private static long residents(Lakehouse lh, String date, String citizenship) {
    return lh.read(Tables.RESIDENTS_STOCK).filter(col("ref_date").equalTo(Date.valueOf(date))
        .and(col("citizenship").equalTo(citizenship))).agg(sum("persons")).first().getLong(0);
  }
}
