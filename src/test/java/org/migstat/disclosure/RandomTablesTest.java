package org.migstat.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Property: for random small three-dimensional tables full of small counts, every unsafe cell is hidden,
 * every hidden cell has an audit row, and the attacker finds nothing.
 */
class RandomTablesTest {
  @Test
  void fiftyRandomTablesPassTheAudit() {
    Random random = new Random(20240601);
    for (int k = 0; k < 50; k++) {
      CellTable table = randomTable(random, k);
      TableSpec spec = table.spec();
      Suppression s = Suppressor.suppress(Release.builder("R").table(table).build());
      String where = "table " + k + " " + table;
      assertTrue(s.unresolved().isEmpty(), where + ": " + s.unresolved());
      CellTable published = s.published().table(spec.id());
      Map<Map<String, String>, AuditEntry> audit = new HashMap<>();
      for (AuditEntry e : s.audit()) {
        audit.put(e.coordinates(), e);
      }
      for (Cell c : published.cells()) {
        if (c.value() > 0 && c.value() < 10) {
          assertTrue(c.suppressed(), where + ": unsafe " + c);
          assertEquals("primary:threshold<10", audit.get(c.coordinates()).rule(), where);
        }
        assertEquals(c.suppressed(), audit.containsKey(c.coordinates()), where + ": audit row for " + c);
      }
      List<Finding> findings = Auditor.audit(s.published());
      assertTrue(findings.isEmpty(), where + ": " + findings);
    }
  }

  /**
   * Auditing some cells finds what the full audit finds about them: suppressed tables with every third hidden
   * secondary cell published again (most of them then expose a neighbour), asked about all cells and about half.
   */
  @Test
  void auditingSomeCellsFindsWhatTheFullAuditFindsAboutThem() {
    Random random = new Random(20240602);
    int exposed = 0;
    for (int k = 0; k < 20; k++) {
      CellTable table = randomTable(random, k);
      Suppression s = Suppressor.suppress(Release.builder("R").table(table).build());
      Set<Map<String, String>> reopened = new HashSet<>();
      int n = 0;
      for (AuditEntry e : s.audit()) {
        if (!e.primary() && n++ % 3 == 0) {
          reopened.add(e.coordinates());
        }
      }
      CellTable leaky = s.published().table(table.id())
          .withFlags(c -> c.suppressed() && !reopened.contains(c.coordinates()) ? Flag.CONFIDENTIAL : null);
      Release release = Release.builder("R").table(leaky).build();
      List<Finding> all = Auditor.audit(release);
      exposed += all.size();
      List<CellRef> half = leaky.cells().stream().filter(c -> random.nextBoolean()).map(Cell::ref).toList();
      Set<String> asked = new HashSet<>();
      half.forEach(r -> asked.add(r.label()));
      assertEquals(new HashSet<>(all), new HashSet<>(Auditor.auditCells(release,
          leaky.cells().stream().map(Cell::ref).toList())), "table " + k);
      assertEquals(all.stream().filter(f -> asked.contains(CellRef.label(f.table(), f.coordinates()))).collect(
          java.util.stream.Collectors.toSet()), new HashSet<>(Auditor.auditCells(release, half)), "table " + k);
    }
    assertTrue(exposed > 20, "the reopened cells expose others: " + exposed);
  }

  /**
   * GLOP (warm-started, the solver the audit uses) and ojAlgo (solved from scratch) give every hidden cell the
   * same exact interval, on releases with narrow intervals (secondary cells published again) and wide ones.
   */
  @Test
  void glopAndOjAlgoGiveTheSameExactIntervals() {
    assertTrue(Glop.available(), "OR-Tools' GLOP loads on this machine (the audit would fall back to ojAlgo)");
    Random random = new Random(20240603);
    int narrow = 0;
    int compared = 0;
    for (int k = 0; k < 20; k++) {
      CellTable table = randomTable(random, k);
      Suppression s = Suppressor.suppress(Release.builder("R").table(table).build());
      Set<Map<String, String>> reopened = new HashSet<>();
      for (AuditEntry e : s.audit()) {
        if (!e.primary() && random.nextInt(3) == 0) {
          reopened.add(e.coordinates());
        }
      }
      CellTable leaky = s.published().table(table.id())
          .withFlags(c -> c.suppressed() && !reopened.contains(c.coordinates()) ? Flag.CONFIDENTIAL : null);
      CellTable view = CellTable.asPublished(leaky.spec(), leaky.cells());
      Problem p = Problem.of(Release.builder("R").table(view).build(), false);
      List<Problem.Q> hidden = p.qs.stream().filter(q -> q.hidden).toList();
      Map<Problem.Q, Interval> glop = Lp.bounds(p, hidden, true, true);
      Map<Problem.Q, Interval> ojAlgo = Lp.bounds(p, hidden, true, false);
      assertEquals(ojAlgo, glop, "table " + k);
      for (Interval iv : glop.values()) {
        narrow += iv.hi() - iv.lo() < 10 ? 1 : 0;
      }
      compared += hidden.size();
    }
    assertTrue(compared > 100 && narrow > 10, "hidden cells compared: " + compared + ", narrow: " + narrow);
  }

  private static CellTable randomTable(Random random, int k) {
    int na = 2 + random.nextInt(3);
    int nb = 2 + random.nextInt(3);
    int nc = 2 + random.nextInt(2);
    Hierarchy first = Hierarchy.flat();
    if (na == 4 && random.nextBoolean()) {
      first = Hierarchy.withParents(Map.of("a0", "g0", "a1", "g0", "a2", "g1", "a3", "g1"));
    }
    TableSpec spec = TableSpec.builder("random_" + k, Policy.protection())
        .dimension("a", first).dimension("b").dimension("c").build();
    CellTable.Builder b = CellTable.builder(spec);
    for (int i = 0; i < na; i++) {
      for (int j = 0; j < nb; j++) {
        for (int l = 0; l < nc; l++) {
          int kind = random.nextInt(3);
          long v = kind == 0 ? 0 : kind == 1 ? 1 + random.nextInt(9) : 10 + random.nextInt(40);
          b.add(v, "a" + i, "b" + j, "c" + l);
        }
      }
    }
    return b.detail();
  }
}
