package org.migstat.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.migstat.catalog.Tables;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.notebook.LakehouseFixture;
import org.migstat.publish.AuditJob;
import org.migstat.publish.HistoryAudit;
import org.migstat.publish.Publication;
import org.migstat.publish.ResidenceRelease;
import org.migstat.publish.PublishedRows;
import org.migstat.testing.SparkExtension;

/**
 * The small two-run lakehouse's published files as an outsider downloads them after each run (Delta time travel
 * to each run's output versions): typed back, attacked with every catalogued relation and across the two
 * releases; then the audit command's job on the latest files.
 */
@ExtendWith(SparkExtension.class)
class PublishedFilesTest {

  /**
   * The residence tables of every reference date of the small lakehouse, protected as before issue 12 (each table
   * family with its shared margins and the coverage share, no identity) and as now (one linked problem with the
   * catalogue's relations): the cells suppressed, and what the identity attack finds in each.
   */
  @Test
  void residenceCellsSuppressedBeforeAndAfter(SparkSession spark) {
    Lakehouse lh = new Lakehouse(spark, LakehouseFixture.shared(spark).lakehouse());
    Map<List<LocalDate>, Release.Builder> drafts = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
    for (Publication.Part part : Publication.parts()) {
      List<String> dims = part.indicator().dimensions();
      TableSpec spec = Publication.spec(part); // with the catalogue's levels (12m+ = 12-59m + 5y_plus)
      Map<List<LocalDate>, CellTable.Builder> byPeriod = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
      for (Row r : Publication.detail(part, lh.read(part.gold())).collectAsList()) {
        List<LocalDate> period = List.of(r.getDate(0).toLocalDate(), r.getDate(1).toLocalDate());
        Map<String, String> coords = new java.util.LinkedHashMap<>();
        for (int i = 0; i < dims.size(); i++) {
          coords.put(dims.get(i), r.isNullAt(2 + i) ? "unknown" : r.getString(2 + i));
        }
        byPeriod.computeIfAbsent(period, k -> CellTable.builder(spec)).add(coords, r.getLong(2 + dims.size()));
      }
      byPeriod.forEach((period, b) -> drafts.computeIfAbsent(period, k -> Release.builder("R@" + k)).table(b.detail()));
    }
    int before = 0;
    int after = 0;
    int leaksBefore = 0;
    for (Map.Entry<List<LocalDate>, Release.Builder> e : drafts.entrySet()) {
      LocalDate start = e.getKey().get(0);
      LocalDate end = e.getKey().get(1);
      Release draft = e.getValue().build();
      Release.Builder old = Release.builder(draft.id());
      draft.tables().forEach(old::table);
      if (draft.tables().stream().anyMatch(t -> t.id().equals("permit_coverage.residents"))) {
        for (Cell c : draft.table("permit_coverage.residents").cells()) {
          old.ratio(RatioSpec.percent("permit_coverage.coverage_pct|" + c.coordinates(),
              CellRef.of("permit_coverage.permit_holders_resident", c.coordinates()), c.ref()));
        }
      }
      Suppression b = Suppressor.suppress(old.build());
      Suppression a = ResidenceRelease.protect(draft, start, end, end, List.of());
      before += b.audit().size();
      after += a.audit().size();
      List<Finding> attackOld = HistoryAudit.audit(ResidenceRelease.cells(b, start, end, end));
      leaksBefore += attackOld.stream().filter(PublishedFilesTest::smallCount).count();
      if (a.safe()) {
        assertEquals(List.of(), HistoryAudit.audit(ResidenceRelease.cells(a, start, end, end)).stream()
            .filter(PublishedFilesTest::smallCount).toList(), "period " + e.getKey());
      }
    }
    System.out.printf("residence, %d periods: %d cells suppressed before issue 12, %d after; small counts the "
        + "identity attack recovers before: %d%n", drafts.size(), before, after, leaksBefore);
    assertTrue(after >= before || leaksBefore == 0, "before " + before + ", after " + after);
  }

  /** A finding that pins a count to 1..n-1 of its table's family. */
  static boolean smallCount(Finding f) {
    String t = f.table().substring(f.table().indexOf(':') + 1);
    String indicator = t.split("[.@#]")[0];
    int n = org.migstat.catalog.RelationCatalog.find(indicator)
        .map(d -> d.family().equals("comparison") || d.family().equals("context") ? 10
            : d.family().equals("residence") ? 5 : 10).orElse(10);
    return f.lo() >= 1 && f.hi() < n;
  }

  @Test
  void theFixturesTwoReleasesAttackedFromTheirFilesGiveNothingAway(SparkSession spark) {
    LakehouseFixture.Built built = LakehouseFixture.shared(spark);
    Lakehouse shared = new Lakehouse(spark, built.lakehouse());
    List<PublishedCell> history = new ArrayList<>();
    Map<String, int[]> perRelease = new TreeMap<>();
    for (Row run : shared.read(Tables.RUNS).filter("status = 'succeeded'").orderBy("as_of").collectAsList()) {
      String id = run.getString(run.fieldIndex("run_id"));
      LocalDate asOf = run.getDate(run.fieldIndex("as_of")).toLocalDate();
      Map<String, Long> versions = run.getJavaMap(run.fieldIndex("output_versions"));
      int[] f = perRelease.computeIfAbsent(asOf + " " + id, k -> new int[2]);
      for (PublishedRows.Read r : PublishedRows.read(shared, versions)) {
        PublishedCell c = r.cell();
        history.add(new PublishedCell(id, asOf, c.key(), c.value(), c.disposition()));
        f[0]++;
        f[1] += c.disposition().hidden() ? 1 : 0;
      }
    }
    assertEquals(2, perRelease.size(), perRelease.keySet().toString());
    assertTrue(history.stream().anyMatch(c -> c.disposition().hidden()), "the fixture has suppressed cells");
    long t0 = System.nanoTime();
    List<Finding> findings = HistoryAudit.audit(history);
    double auditSeconds = (System.nanoTime() - t0) / 1e9;
    // No count of 1..n-1 is recoverable, as a hidden cell or a difference. (The tiny fixture has tables the
    // suppressor cannot protect, which the publish job withholds whole: their hidden zeros and a grand total
    // published in a linked table are reported too, and are no count of a person.)
    List<Finding> small = findings.stream().filter(PublishedFilesTest::smallCount).toList();
    assertEquals(List.of(), small);

    AuditJob.Result latest = AuditJob.audit(shared);
    assertEquals(List.of(), latest.findings().stream().filter(PublishedFilesTest::smallCount).toList());
    assertEquals(1, latest.releases());

    perRelease.forEach((r, f) -> System.out.printf("release %s: %d cells, %d suppressed%n", r, f[0], f[1]));
    System.out.printf("history audit: %d findings, none a small count%n", findings.size());
    System.out.printf("history audit %.1f s%n", auditSeconds);
  }
}
