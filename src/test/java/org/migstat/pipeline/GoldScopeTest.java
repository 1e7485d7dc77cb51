package org.migstat.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.migstat.catalog.CaseTables;
import org.migstat.catalog.TableDef;
import org.migstat.catalog.Tables;
import org.migstat.ops.GoldLedger;

/** The scope walk over the gold graph, without Spark: what each table recomputes given its last build. */
class GoldScopeTest {
  private static final LocalDate JAN = LocalDate.of(2024, 1, 31);
  private static final LocalDate FEB = LocalDate.of(2024, 2, 29);
  private static final LocalDate MAR = LocalDate.of(2024, 3, 31);
  private static final LocalDate APR = LocalDate.of(2024, 4, 30);

  private static GoldGraph.Calendar calendar(List<LocalDate> registry, LocalDate observedTo) {
    return new GoldGraph.Calendar(registry, List.of(MAR), List.of(MAR), List.of(JAN, FEB, MAR), Set.of(MAR),
        observedTo, JAN.withDayOfMonth(1), null, false);
  }

  /** Every table built from version 5 of every input, holding its whole domain. */
  private static Map<String, GoldLedger.Build> builtFrom(GoldGraph.Calendar cal, LocalDate observedTo) {
    Map<String, GoldLedger.Build> built = new LinkedHashMap<>();
    for (GoldGraph.Node n : GoldGraph.NODES) {
      Map<String, Long> v = new HashMap<>();
      n.inputs().forEach(t -> v.put(t.qualifiedName(), 5L));
      built.put(n.table().qualifiedName(), new GoldLedger.Build(n.table().qualifiedName(), v,
          n.slices() == GoldGraph.Slices.WHOLE ? null : n.domain().apply(cal),
          n.table().equals(CaseTables.OVERSTAY) ? observedTo : n.parameter().apply(cal), "r", Instant.EPOCH));
    }
    return built;
  }

  private static Map<String, Long> versions(Map<TableDef, Long> changed) {
    Map<String, Long> v = new HashMap<>();
    GoldGraph.NODES.forEach(n -> n.inputs().forEach(t -> v.put(t.qualifiedName(), changed.getOrDefault(t, 5L))));
    return v;
  }

  private static Map<TableDef, GoldScope.TableScope> byTable(Map<GoldGraph.Node, GoldScope.TableScope> plan) {
    Map<TableDef, GoldScope.TableScope> out = new LinkedHashMap<>();
    plan.forEach((n, s) -> out.put(n.table(), s));
    return out;
  }

  private static final GoldScope.Changes NO_FEED = (t, v) -> {
    throw new AssertionError("no change feed should be read for " + t.qualifiedName());
  };

  @Test
  void aNewLakehouseAndARebuildRecomputeEverything() {
    GoldGraph.Calendar cal = calendar(List.of(JAN, FEB, MAR), MAR);
    assertTrue(GoldScope.plan(GoldGraph.NODES, Map.of(), cal, versions(Map.of()), NO_FEED, false).values().stream()
        .allMatch(GoldScope.TableScope::whole));
    assertTrue(GoldScope.plan(GoldGraph.NODES, builtFrom(cal, MAR), cal, versions(Map.of()), NO_FEED, true).values()
        .stream().allMatch(GoldScope.TableScope::whole));
  }

  @Test
  void nothingChangedNothingToDo() {
    GoldGraph.Calendar cal = calendar(List.of(JAN, FEB, MAR), MAR);
    assertTrue(GoldScope.plan(GoldGraph.NODES, builtFrom(cal, MAR), cal, versions(Map.of()), NO_FEED, false).values()
        .stream().allMatch(GoldScope.TableScope::isEmpty));
  }

  @Test
  void aResidentsChangeReachesEveryTableThatReadsResidentsDirectlyOrThroughGold() {
    GoldGraph.Calendar cal = calendar(List.of(JAN, FEB, MAR), MAR);
    LocalDate changed = LocalDate.of(2024, 2, 10);
    Map<TableDef, GoldScope.TableScope> plan = byTable(GoldScope.plan(GoldGraph.NODES, builtFrom(cal, MAR), cal,
        versions(Map.of(Tables.SILVER_RESIDENTS, 7L)), (t, v) -> {
          assertEquals(Tables.SILVER_RESIDENTS, t);
          assertEquals(5L, v);
          return changed;
        }, false));
    for (TableDef t : List.of(Tables.RESIDENTS_STOCK, Tables.PERMIT_COVERAGE, CaseTables.CASES_PER_100K,
        CaseTables.SOURCE_COMPARISON)) {
      assertEquals(changed, plan.get(t).from(), t.name());
    }
    assertEquals(List.of(FEB, MAR), plan.get(Tables.RESIDENTS_STOCK).select(List.of(JAN, FEB, MAR)));
    for (TableDef t : List.of(Tables.PERMIT_HOLDERS_STOCK, Tables.FIRST_PERMITS, CaseTables.CASES_BY_MONTH,
        CaseTables.BORDER_FLOWS, CaseTables.OVERSTAY, Tables.GLOTIP_CONTEXT)) {
      assertTrue(plan.get(t).isEmpty(), t.name());
    }
  }

  @Test
  void aWiderSpanAddsTheNewMonthEndToEveryRegistryTableWhateverSourceWidenedIt() {
    GoldGraph.Calendar before = calendar(List.of(JAN, FEB, MAR), MAR);
    GoldGraph.Calendar after = calendar(List.of(JAN, FEB, MAR, APR), MAR);
    Map<TableDef, GoldScope.TableScope> plan = byTable(GoldScope.plan(GoldGraph.NODES, builtFrom(before, MAR), after,
        versions(Map.of()), NO_FEED, false));
    for (TableDef t : List.of(Tables.RESIDENTS_STOCK, Tables.PERMIT_HOLDERS_STOCK, Tables.PERMIT_COVERAGE,
        Tables.FIRST_PERMITS)) {
      assertNull(plan.get(t).from(), t.name());
      assertEquals(new TreeSet<>(List.of(APR)), plan.get(t).added(), t.name());
      assertEquals("ref_date IN (DATE'2024-04-30')", plan.get(t).predicate("ref_date"));
    }
    // The tables that read them recompute every slice the new one can reach (periods containing it, or later).
    assertEquals(APR, plan.get(CaseTables.CASES_PER_100K).from());
    assertEquals(APR, plan.get(CaseTables.SOURCE_COMPARISON).from());
    assertEquals(List.of(APR), plan.get(CaseTables.SOURCE_COMPARISON).select(List.of(JAN, FEB, MAR, APR)));
  }

  @Test
  void aLaterObservationDateRewritesTheEntryMonthsStillOpenOfOverstayAndNothingElse() {
    // observed to 31 March, now to 30 April: January's entrants all had their 60 days by 31 March (its row is
    // final, observed_to 31 March both times); February's last entrant's day 60 is 29 April, so February moves.
    Map<TableDef, GoldScope.TableScope> plan = byTable(GoldScope.plan(GoldGraph.NODES,
        builtFrom(calendar(List.of(JAN, FEB, MAR), MAR), MAR), calendar(List.of(JAN, FEB, MAR), APR),
        versions(Map.of()), NO_FEED, false));
    GoldScope.TableScope overstay = plan.get(CaseTables.OVERSTAY);
    assertEquals(List.of(FEB, MAR), overstay.select(List.of(JAN, FEB, MAR)), overstay.toString());
    assertTrue(plan.get(CaseTables.BORDER_FLOWS).isEmpty());
    // an earlier observation date (a backfill) reaches back from the earlier date the same way
    plan = byTable(GoldScope.plan(GoldGraph.NODES, builtFrom(calendar(List.of(JAN, FEB, MAR), APR), APR),
        calendar(List.of(JAN, FEB, MAR), FEB), versions(Map.of()), NO_FEED, false));
    assertEquals(List.of(JAN, FEB, MAR), plan.get(CaseTables.OVERSTAY).select(List.of(JAN, FEB, MAR)));
  }

  @Test
  void aChangeFeedThatCannotBeReadMeansEverySliceOfItsReaders() {
    GoldGraph.Calendar cal = calendar(List.of(JAN, FEB, MAR), MAR);
    Map<TableDef, GoldScope.TableScope> plan = byTable(GoldScope.plan(GoldGraph.NODES, builtFrom(cal, MAR), cal,
        versions(Map.of(Tables.SILVER_PERMITS, 6L)), (t, v) -> GoldScope.ALL_DATES, false));
    assertTrue(plan.get(Tables.PERMIT_HOLDERS_STOCK).whole());
    assertTrue(plan.get(CaseTables.SOURCE_COMPARISON).whole(), "through permit_coverage");
    assertTrue(plan.get(Tables.RESIDENTS_STOCK).isEmpty());
  }
}
