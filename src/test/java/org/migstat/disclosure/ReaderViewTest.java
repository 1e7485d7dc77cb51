package org.migstat.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.migstat.disclosure.Fixtures.ref;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Auditing what is already out, as a reader: only published values (rounded where rounded) and flags,
 * no true counts behind the suppressed cells.
 */
class ReaderViewTest {
  /** The table as a reader gets it back from the publish tables: suppressed values unknown (0 here). */
  static CellTable readBack(CellTable published) {
    List<Cell> cells = new ArrayList<>();
    for (Cell c : published.cells()) {
      Long shown = published.publishedValue(c);
      cells.add(new Cell(c.tableId(), c.coordinates(), shown == null ? 0 : shown, c.flag()));
    }
    return CellTable.asPublished(published.spec(), cells);
  }

  @Test
  void theEnginesOutputReadBackPassesAndGivesTheSameIntervals() {
    Suppression s = Suppressor.suppress(Release.builder("R").table(SuppressorTest.textbook()).build());
    CellTable back = readBack(s.published().table("t"));
    Release asRead = Release.builder("R").table(back).build();
    assertTrue(Auditor.audit(asRead).isEmpty());
    assertEquals(new Interval(0, 10), Auditor.interval(asRead, ref("t", "row", "r1", "col", "c1")));
    assertThrows(IllegalArgumentException.class, () -> Suppressor.suppress(asRead));
  }

  @Test
  void aBadPatternReadBackIsCaughtWithoutTheTrueCounts() {
    CellTable bad = Fixtures.withSuppressed(SuppressorTest.textbook(), Set.of("t{row=r1, col=c1}"));
    List<Finding> findings = Auditor.audit(Release.builder("R").table(readBack(bad)).build());
    assertEquals(1, findings.size());
    assertEquals(new Interval(3, 3), new Interval(findings.get(0).lo(), findings.get(0).hi()));
    assertTrue(findings.get(0).reason().contains("small and non-zero"), findings.get(0).reason());
  }

  @Test
  void aPreviousReleaseReadBackStillStopsDifferencing() {
    Suppression oct = Suppressor.suppress(Release.builder("2024-10").table(DifferencingTest.janToOct()).build());
    Release octAsRead = Release.builder("2024-10").table(readBack(oct.published().table("victims_ytd"))).build();
    Release nov = Release.builder("2024-11").table(DifferencingTest.janToNov())
        .previous(octAsRead, "victims_ytd").build();
    Suppression s = Suppressor.suppress(nov);
    assertTrue(s.unresolved().isEmpty(), s.unresolved().toString());
    assertTrue(s.published().table("victims_ytd").cell("F", "labour").suppressed());
    assertTrue(Auditor.audit(s.published()).isEmpty());
    Release withTruth = s.published().withPrevious(oct.published());
    assertTrue(Auditor.audit(withTruth).isEmpty(), "as safe against October's true counts");
  }
}
