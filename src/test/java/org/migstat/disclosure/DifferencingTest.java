package org.migstat.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Year-to-date tables released a month apart: later = earlier + November, and November's count for
 * women in labour exploitation is 3. Published both months in full, the reader subtracts.
 */
class DifferencingTest {
  static final TableSpec YTD = TableSpec.builder("victims_ytd", Policy.protection())
      .dimension("sex").dimension("case_type").build();

  static CellTable janToOct() {
    return CellTable.builder(YTD)
        .add(25, "F", "labour").add(40, "F", "sexual")
        .add(30, "M", "labour").add(12, "M", "sexual")
        .detail();
  }

  static CellTable janToNov() {
    return CellTable.builder(YTD)
        .add(28, "F", "labour").add(40, "F", "sexual")   // +3: November's small count
        .add(45, "M", "labour").add(12, "M", "sexual")   // +15, +0
        .detail();
  }

  @Test
  void novembersSmallCountIsNotRecoverable() {
    Suppression oct = Suppressor.suppress(Release.builder("2024-10").table(janToOct()).build());
    assertTrue(oct.audit().isEmpty(), "nothing small up to October");

    // naive: November suppressed on its own, then set beside October
    Release naive = Suppressor.suppress(Release.builder("2024-11").table(janToNov()).build()).published();
    assertTrue(naive.table("victims_ytd").suppressedCells().isEmpty());
    Release naiveWithHistory = Release.builder("2024-11").table(naive.table("victims_ytd"))
        .previous(oct.published(), "victims_ytd").build();
    List<Finding> leaks = Auditor.audit(naiveWithHistory);
    Finding labourF = leaks.stream().filter(f -> f.label().equals("victims_ytd{sex=F, case_type=labour}"))
        .findFirst().orElseThrow(() -> new AssertionError(leaks.toString()));
    assertEquals(3.0, labourF.lo());
    assertEquals(3.0, labourF.hi());
    assertTrue(labourF.reason().contains("increment since release 2024-10"), labourF.reason());

    // the engine, told about October, suppresses so that the increment stays wide
    Release nov = Release.builder("2024-11").table(janToNov()).previous(oct.published(), "victims_ytd").build();
    Suppression s = Suppressor.suppress(nov);
    assertTrue(s.unresolved().isEmpty(), s.unresolved().toString());
    assertTrue(s.published().table("victims_ytd").cell("F", "labour").suppressed());
    assertTrue(Auditor.audit(s.published()).isEmpty());
    assertFalse(s.audit().isEmpty());
    assertTrue(s.audit().stream().anyMatch(e -> e.protects().stream().anyMatch(p -> p.contains("increment"))),
        s.audit().toString());
    // October is untouched: what is out is out
    assertEquals(oct.published().table("victims_ytd").cells(),
        s.published().previous().table("victims_ytd").cells());
  }

  @Test
  void aCumulativeTableThatShrinksIsRejected() {
    CellTable lower = CellTable.builder(YTD).add(20, "F", "labour").add(40, "F", "sexual")
        .add(30, "M", "labour").add(12, "M", "sexual").detail();
    Release oct = Release.builder("2024-10").table(janToOct()).build();
    Release nov = Release.builder("2024-11").table(lower).previous(oct, "victims_ytd").build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Suppressor.suppress(nov));
    assertTrue(e.getMessage().contains("not cumulative"), e.getMessage());
  }
}
