package org.migstat.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
      CellTable table = b.detail();
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
}
