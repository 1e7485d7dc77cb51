package org.migstat.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Eurostat rounding to base 5: 1-2 round down, 3-4 up; totals are rounded from unrounded data. */
class RoundingTest {
  static final Policy ASYLUM = Policy.threshold("asylum", 5).withoutSuppression().withRounding(5);

  @Test
  void roundsToTheNearestFive() {
    long[][] cases = {{0, 0}, {1, 0}, {2, 0}, {3, 5}, {4, 5}, {5, 5}, {6, 5}, {7, 5}, {8, 10}, {12, 10},
        {13, 15}, {58307, 58305}, {58308, 58310}};
    for (long[] c : cases) {
      assertEquals(c[1], ASYLUM.round(c[0]), "round(" + c[0] + ")");
      assertTrue(ASYLUM.roundedLow(c[1]) <= c[0] && c[0] <= ASYLUM.roundedHigh(c[1]), "interval of " + c[1]);
    }
    assertEquals(7, Policy.protection().round(7), "rounding is off by default");
  }

  @Test
  void totalsAreRoundedFromUnroundedData() {
    TableSpec spec = TableSpec.builder("applicants", ASYLUM).dimension("citizenship").dimension("sex").build();
    CellTable t = CellTable.builder(spec)
        .add(1, "AFG", "F").add(1, "AFG", "M").add(1, "MMR", "F").add(1, "MMR", "M").add(1, "SOM", "F")
        .add(1, "SOM", "M")
        .detail();
    Release r = Suppressor.suppress(Release.builder("R").table(t).build()).published();
    CellTable p = r.table("applicants");
    assertEquals(0L, p.publishedValue(p.cell("AFG", "F")));
    assertEquals(0L, p.publishedValue(p.cell("AFG", "_T")), "2 rounds down");
    assertEquals(5L, p.publishedValue(p.cell("_T", "_T")), "6 rounds to 5, not to the sum of zeros");
    assertEquals(5L, p.publishedValue(p.cell("_T", "F")), "3 rounds up");

    // The attacker reads every published value as an interval (5 means 3..7, 0 means 0..2) and combines
    // them: the three row totals say the grand total is at most 6, the two column totals say at least 6.
    // Conventional rounding is not additive, so the margins give the exact count away.
    Interval grand = Auditor.interval(r, new CellRef("applicants", Map.of("citizenship", "_T", "sex", "_T")));
    assertEquals(new Interval(6, 6), grand);
    assertEquals(new Interval(2, 2), Auditor.interval(r,
        new CellRef("applicants", Map.of("citizenship", "AFG", "sex", "_T"))), "so each row total is exactly 2");
    assertEquals(new Interval(0, 2), Auditor.interval(r,
        new CellRef("applicants", Map.of("citizenship", "AFG", "sex", "F"))));

    // with a single published value nothing can be combined: 5 means 3..7
    TableSpec one = TableSpec.builder("one", ASYLUM).dimension("citizenship").build();
    Release single = Release.builder("R").table(CellTable.builder(one).add(4, "AFG").asGiven()).build();
    assertEquals(new Interval(3, 7), Auditor.interval(single, new CellRef("one", Map.of("citizenship", "AFG"))));
  }

  @Test
  void roundingAndSuppressionTogetherPassTheAudit() {
    Policy both = Policy.threshold("asylum_3d", 5).withRounding(5);
    TableSpec spec = TableSpec.builder("t", both).dimension("row").dimension("col").build();
    CellTable t = CellTable.builder(spec)
        .add(3, "r1", "c1").add(17, "r1", "c2").add(22, "r1", "c3")
        .add(18, "r2", "c1").add(12, "r2", "c2").add(31, "r2", "c3")
        .add(26, "r3", "c1").add(14, "r3", "c2").add(9, "r3", "c3")
        .detail();
    Suppression s = Suppressor.suppress(Release.builder("R").table(t).build());
    assertTrue(s.published().table("t").cell("r1", "c1").suppressed());
    assertTrue(s.unresolved().isEmpty());
    assertTrue(Auditor.audit(s.published()).isEmpty());
  }
}
