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
import org.migstat.catalog.CaseTables;
import org.migstat.catalog.Tables;
import org.migstat.generate.BorderGeneratorTest;
import org.migstat.generate.CaseGeneratorTest;
import org.migstat.generate.EmbassyGeneratorTest;
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

  /** Cases, crossings and embassy registrations in gold against plain recounts of their raw extracts. */
  @Test
  void caseBorderAndEmbassyFiguresAgreeWithRecountsOfTheRawExtracts() throws java.io.IOException {
    Lakehouse lh = SampleLakehouse.lakehouse();
    CaseGeneratorTest.CaseCounts cases = CaseGeneratorTest.recount(SampleLakehouse.samples().resolve("cases"));
    Row janNov = lh.read(CaseTables.CASES_BY_MONTH)
        .filter(col("period_start").between(Date.valueOf("2024-01-01"), Date.valueOf("2024-11-01"))
            .and(col("period_end").equalTo(last_day(col("period_start")))))
        .agg(sum("cases"), sum("scam_related_cases")).first();
    assertEquals(2_946L, janNov.getLong(0), "cases reported January-November 2024");
    assertEquals(cases.janNov2024(), janNov.getLong(0));
    assertEquals(2_259L, janNov.getLong(1), "of which online-scam related");
    assertEquals(cases.scamJanNov2024(), janNov.getLong(1));
    for (Map.Entry<Integer, Long> y : cases.byYear().entrySet()) {
      long gold = lh.read(CaseTables.CASES_BY_MONTH)
          .filter(year(col("period_start")).equalTo(y.getKey()).and(col("period_end").equalTo(last_day(col("period_start")))))
          .agg(coalesce(sum("cases"), lit(0L))).first().getLong(0);
      assertEquals(y.getValue(), gold, "cases reported in " + y.getKey());
    }

    BorderGeneratorTest.BorderCounts border = BorderGeneratorTest.recount(SampleLakehouse.samples().resolve("crossings"));
    long entries = lh.read(CaseTables.BORDER_FLOWS)
        .filter(col("citizenship").equalTo("IDN").and(col("period_start").between(Date.valueOf("2024-01-01"),
            Date.valueOf("2024-09-01"))).and(col("period_end").equalTo(last_day(col("period_start")))))
        .agg(sum("entries")).first().getLong(0);
    assertEquals(border.idnEntriesJanSep2024(), entries, "Indonesian entries January-September 2024");
    assertTrue(Math.abs(entries - 123_000) < 2_000, "about 123,000: " + entries);
    assertEquals(border.events(), lh.read(CaseTables.SILVER_CROSSINGS).count(), "distinct valid crossing events");

    Map<Integer, Long> embassy = EmbassyGeneratorTest.recount(SampleLakehouse.samples().resolve("embassy"));
    assertEquals(2_332L, embassy.get(2020));
    assertEquals(17_212L, embassy.get(2023));
    for (Map.Entry<Integer, Long> y : embassy.entrySet()) {
      // Cumulative registrations on 31 December minus those on the year before (source_comparison).
      long gold = embassyCumulative(lh, y.getKey()) - embassyCumulative(lh, y.getKey() - 1);
      assertEquals(y.getValue(), gold, "embassy registrations in " + y.getKey());
    }
  }

  private static long embassyCumulative(Lakehouse lh, int year) {
    Row r = lh.read(CaseTables.SILVER_EMBASSY_REGISTRATIONS)
        .filter(not(col("is_deleted")).and(year(col("registration_date")).leq(year))).agg(count("*")).first();
    long silver = r.getLong(0);
    java.util.List<Row> gold = lh.read(CaseTables.SOURCE_COMPARISON)
        .filter(col("source").equalTo("embassy_registrations").and(col("ref_date").equalTo(Date.valueOf(year + "-12-31"))))
        .agg(sum("value")).collectAsList();
    if (!gold.isEmpty() && !gold.get(0).isNullAt(0)) {
      assertEquals(silver, gold.get(0).getLong(0), "source_comparison embassy registrations on " + year + "-12-31");
    }
    return silver;
  }

  @Test
  void everyNewSourceIsConservedAndNothingRawPassesBronze() {
    Lakehouse lh = SampleLakehouse.lakehouse();
    Row run = lh.read(Tables.RUNS).orderBy(col("started_at")).first();
    java.util.Set<String> sources = new java.util.TreeSet<>();
    for (Row c : run.<Row>getList(run.fieldIndex("conservation"))) {
      sources.add(c.getString(c.fieldIndex("source")));
      assertTrue(c.<Boolean>getAs("balanced"), c.toString());
    }
    assertTrue(sources.containsAll(java.util.List.of("residents", "permits", "cases", "crossings", "embassy", "glotip")),
        sources.toString());
    for (var t : CaseTables.ALL) {
      if (t.layer().equals("bronze")) {
        continue;
      }
      java.util.List<String> columns = java.util.List.of(lh.read(t).columns());
      for (String raw : java.util.List.of("no_paspor", "nama", "doc_number", "passport_no", "name", "full_name")) {
        assertFalse(columns.contains(raw), t.qualifiedName() + " holds a raw identifier column " + raw);
      }
    }
    // A case links to the person's resident record through the same pseudonym.
    long linked = lh.read(CaseTables.SILVER_CASES).select("person_id").distinct()
        .join(lh.read(Tables.SILVER_RESIDENTS).select("person_id").distinct(), "person_id").count();
    assertTrue(linked > 100, "cases linked to residents by pseudonym: " + linked);
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
