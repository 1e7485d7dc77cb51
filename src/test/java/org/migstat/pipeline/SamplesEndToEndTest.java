package org.migstat.pipeline;

import static org.apache.spark.sql.functions.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintStream;
import java.sql.Date;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.migstat.catalog.Tables;
import org.migstat.generate.RawRecount;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.testing.SampleLakehouse;
import org.migstat.testing.SparkExtension;

/** The acceptance run: the bundled samples at 2024-03-13, checked against the calibration and an independent recount. */
@ExtendWith(SparkExtension.class)
class SamplesEndToEndTest {

  @Test
  void calibrationFiguresOnTheReferenceDate() {
    RunJob.Result r = SampleLakehouse.result();
    assertEquals(58_307, r.indonesia().permitHoldersResident());
    assertEquals(58_307, r.indonesia().permitHolders());
    assertTrue(r.indonesia().residents() > 73_000, "Indonesian residents: " + r.indonesia().residents());
  }

  @Test
  void goldAgreesWithAnIndependentRecountOfTheRawExtracts() {
    Lakehouse lh = SampleLakehouse.lakehouse();
    RawRecount.Counts raw = RawRecount.recount(SampleLakehouse.samples(), SampleLakehouse.AS_OF);
    Map<String, Row> gold = new java.util.HashMap<>();
    for (Row row : lh.read(Tables.PERMIT_COVERAGE).filter(col("ref_date").equalTo(Date.valueOf(SampleLakehouse.AS_OF)))
        .collectAsList()) {
      gold.put(row.getString(row.fieldIndex("citizenship")), row);
    }
    assertFalse(raw.residents().isEmpty());
    for (String c : raw.residents().keySet()) {
      Row g = gold.get(c);
      assertNotNull(g, "no gold row for " + c);
      assertEquals(raw.residents(c), g.getLong(g.fieldIndex("residents")), "residents " + c);
      assertEquals(raw.residentsHoldingPermit(c), g.getLong(g.fieldIndex("permit_holders_resident")), "holders " + c);
    }
    for (String c : raw.permitHolders().keySet()) {
      Row g = gold.get(c);
      assertEquals(raw.permitHolders(c), g.getLong(g.fieldIndex("permit_holders")), "permit holders " + c);
    }
    long stock = lh.read(Tables.RESIDENTS_STOCK).filter(col("ref_date").equalTo(Date.valueOf(SampleLakehouse.AS_OF)))
        .agg(sum("persons")).first().getLong(0);
    assertEquals(raw.totalResidents(), stock, "residents_stock and the recount");
  }

  @Test
  void everyRunBalances(SparkSession spark) {
    Lakehouse lh = SampleLakehouse.lakehouse();
    Row r = lh.read(Tables.RUNS).agg(count("*"), sum(when(expr("forall(conservation, c -> c.balanced)"), 1).otherwise(0)))
        .first();
    assertTrue(r.getLong(0) >= 1);
    assertEquals(r.getLong(0), r.getLong(1), "every run in ops.runs balances");
  }

  @Test
  void aSecondRunFindsNothingNewAndCommitsNothing(SparkSession spark) {
    Lakehouse lh = SampleLakehouse.lakehouse();
    Map<String, Long> before = lh.versions(RunJob.lineageTables());
    RunConfig cfg = new RunConfig(SampleLakehouse.AS_OF, SampleLakehouse.samples().toString(),
        SampleLakehouse.root().toString(), false, null, "second run", false);
    RunJob.Result again = new RunJob(spark, cfg, new Progress(new PrintStream(java.io.OutputStream.nullOutputStream())))
        .run();
    assertFalse(again.committed());
    assertEquals(before, lh.versions(RunJob.lineageTables()));
    assertEquals(58_307, again.indonesia().permitHolders());
  }
}
