package org.migstat.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A share over a small denominator is as revealing as the count. */
class RatioTest {
  static final TableSpec RESIDENTS = TableSpec.builder("residents", Policy.residence())
      .dimension("citizenship").build();
  static final TableSpec HOLDERS = TableSpec.builder("residents_with_permit", Policy.residence())
      .dimension("citizenship").build();

  static CellRef at(String table, String citizenship) {
    return new CellRef(table, Map.of("citizenship", citizenship));
  }

  @Test
  void ratioOverAnUnsafeDenominatorIsSuppressedEvenWhenTheCountsAreExact() {
    CellTable residents = CellTable.builder(RESIDENTS).add(50, "IDN").add(3, "CHN").detail();
    CellTable holders = CellTable.builder(HOLDERS).add(40, "IDN").add(2, "CHN").detail();
    Release r = Release.builder("R").table(residents).table(holders)
        .ratio(RatioSpec.percent("coverage_pct:IDN", at("residents_with_permit", "IDN"), at("residents", "IDN")))
        .ratio(RatioSpec.percent("coverage_pct:CHN", at("residents_with_permit", "CHN"), at("residents", "CHN")))
        .build();
    Suppression s = Suppressor.suppress(r);
    List<Ratio> ratios = s.published().ratios();
    assertEquals(80.0, ratios.get(0).value());
    assertNull(ratios.get(0).flag());
    assertNull(ratios.get(1).value());
    assertEquals(Flag.CONFIDENTIAL, ratios.get(1).flag());
    assertTrue(Auditor.audit(s.published()).isEmpty());

    // publishing it anyway is a finding
    Release bad = Release.builder("R").table(residents).table(holders)
        .publishedRatio(new Ratio(RatioSpec.percent("coverage_pct:CHN", at("residents_with_permit", "CHN"),
            at("residents", "CHN")), 66.67, null)).build();
    assertTrue(Auditor.audit(bad).stream().anyMatch(f -> f.reason().contains("unsafe denominator")));
  }

  @Test
  void ratioOverASuppressedCellIsSuppressedAndPublishingItRevealsTheCount() {
    TableSpec spec = TableSpec.builder("victims_by_sex", Policy.protection()).dimension("sex").build();
    CellTable t = CellTable.builder(spec).add(4, "F").add(50, "M").add(60, "X").detail();
    RatioSpec shareF = RatioSpec.percent("share_female", new CellRef("victims_by_sex", Map.of("sex", "F")),
        new CellRef("victims_by_sex", Map.of("sex", "_T")));
    RatioSpec shareM = RatioSpec.percent("share_male", new CellRef("victims_by_sex", Map.of("sex", "M")),
        new CellRef("victims_by_sex", Map.of("sex", "_T")));
    Suppression s = Suppressor.suppress(Release.builder("R").table(t).ratio(shareF).ratio(shareM).build());
    CellTable published = s.published().table("victims_by_sex");
    assertTrue(published.cell("F").suppressed());
    assertTrue(published.cell("M").suppressed(), "the cheapest partner of F in the only relation");
    assertEquals(Flag.CONFIDENTIAL, s.published().ratios().get(0).flag());
    assertEquals(Flag.CONFIDENTIAL, s.published().ratios().get(1).flag(), "M is suppressed, so is its share");
    assertTrue(Auditor.audit(s.published()).isEmpty());

    // a dashboard that shows the share of women anyway: 4 / 114 = 3.51 %, and the total is published
    Release leaky = Release.builder("R").table(published)
        .publishedRatio(new Ratio(shareF, 3.51, null)).build();
    Interval f = Auditor.interval(leaky, shareF.numerator());
    assertEquals(new Interval(4, 4), f);
    assertTrue(Auditor.audit(leaky).stream().anyMatch(x -> x.label().equals("victims_by_sex{sex=F}")));
  }
}
