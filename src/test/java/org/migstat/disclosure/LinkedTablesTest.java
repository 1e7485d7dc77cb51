package org.migstat.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.migstat.disclosure.Fixtures.suppressed;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tables published together that share a margin: one quantity, hidden in every table or in none. */
class LinkedTablesTest {
  static final String[] MONTHS = {"2024-01", "2024-02", "2024-03"};

  /** Permits by month x citizenship: two dimensions, so the residence policy publishes exact counts. */
  static CellTable permitsByCitizenship() {
    TableSpec spec = TableSpec.builder("permits_month_citizenship", Policy.residence())
        .dimension("month").dimension("citizenship").population("work_permit_holders").build();
    return CellTable.builder(spec)
        .add(50, MONTHS[0], "IDN").add(25, MONTHS[0], "CHN").add(15, MONTHS[0], "THA")
        .add(3, MONTHS[1], "IDN").add(1, MONTHS[1], "CHN").add(0, MONTHS[1], "THA")
        .add(60, MONTHS[2], "IDN").add(30, MONTHS[2], "CHN").add(10, MONTHS[2], "THA")
        .detail();
  }

  /** Permits by month x sex x sector: three dimensions, so cells under 5 are suppressed. */
  static CellTable permitsBySexSector() {
    TableSpec spec = TableSpec.builder("permits_month_sex_sector", Policy.residence())
        .dimension("month").dimension("sex").dimension("sector").population("work_permit_holders").build();
    return CellTable.builder(spec)
        .add(20, MONTHS[0], "F", "AGR").add(15, MONTHS[0], "F", "CON").add(30, MONTHS[0], "M", "AGR")
        .add(25, MONTHS[0], "M", "CON")
        .add(1, MONTHS[1], "F", "AGR").add(0, MONTHS[1], "F", "CON").add(2, MONTHS[1], "M", "AGR")
        .add(1, MONTHS[1], "M", "CON")
        .add(22, MONTHS[2], "F", "AGR").add(18, MONTHS[2], "F", "CON").add(27, MONTHS[2], "M", "AGR")
        .add(33, MONTHS[2], "M", "CON")
        .detail();
  }

  @Test
  void tablesOfOnePopulationAreLinkedOnTheirCommonDimensions() {
    Release r = Release.builder("R").table(permitsByCitizenship()).table(permitsBySexSector()).build();
    assertEquals(List.of(new SharedMargin("permits_month_citizenship", "permits_month_sex_sector", List.of("month"))),
        r.sharedMargins());
  }

  @Test
  void suppressingOneTableWithoutTheOtherLeaksTheEngineHidesBothCopies() {
    // February has 4 permit holders: unsafe in the three-dimensional table, published exactly in the other
    Release alone = Release.builder("R").table(permitsBySexSector()).build();
    CellTable naive = Suppressor.suppress(alone).published().table("permits_month_sex_sector");
    assertTrue(naive.cell(MONTHS[1], "_T", "_T").suppressed());
    Release naiveRelease = Release.builder("R").table(naive).table(permitsByCitizenship()).build();
    List<Finding> leaks = Auditor.audit(naiveRelease);
    assertFalse(leaks.isEmpty());
    assertTrue(leaks.stream().anyMatch(f -> f.coordinates().get("month").equals(MONTHS[1])
        && f.reason().contains("published in linked")), leaks.toString());

    Release together = Release.builder("R").table(permitsByCitizenship()).table(permitsBySexSector()).build();
    Suppression s = Suppressor.suppress(together);
    CellTable exact = s.published().table("permits_month_citizenship");
    CellTable three = s.published().table("permits_month_sex_sector");
    for (String m : List.of(MONTHS[0], MONTHS[1], MONTHS[2], "_T")) {
      assertEquals(three.cell(m, "_T", "_T").suppressed(), exact.cell(m, "_T").suppressed(), "month " + m);
    }
    assertTrue(exact.cell(MONTHS[1], "_T").suppressed(), "the linked copy in the exact table is hidden too");
    assertTrue(exact.suppressedCells().size() > 1, "and enough of its row to keep the sum hidden");
    assertFalse(exact.cell("_T", "_T").suppressed(), "the announced national total stays");
    assertTrue(s.unresolved().isEmpty());
    assertTrue(Auditor.audit(s.published()).isEmpty());
    // one audit row per copy of the shared cell
    long copies = s.audit().stream().filter(e -> e.coordinates().get("month").equals(MONTHS[1])
        && e.coordinates().values().stream().filter("_T"::equals).count() == e.coordinates().size() - 1).count();
    assertEquals(2, copies);
  }

  static CellTable casesBySex() {
    TableSpec spec = TableSpec.builder("cases_month_sex", Policy.protection())
        .dimension("month").dimension("sex").population("trafficking_victims").build();
    return CellTable.builder(spec)
        .add(30, MONTHS[0], "F").add(25, MONTHS[0], "M")
        .add(4, MONTHS[1], "F").add(3, MONTHS[1], "M")
        .add(40, MONTHS[2], "F").add(22, MONTHS[2], "M")
        .detail();
  }

  static CellTable casesByType() {
    TableSpec spec = TableSpec.builder("cases_month_type", Policy.protection())
        .dimension("month").dimension("case_type").population("trafficking_victims").build();
    return CellTable.builder(spec)
        .add(35, MONTHS[0], "labour").add(20, MONTHS[0], "sexual")
        .add(5, MONTHS[1], "labour").add(2, MONTHS[1], "sexual")
        .add(38, MONTHS[2], "labour").add(24, MONTHS[2], "sexual")
        .detail();
  }

  @Test
  void sharedMonthMarginIsOneQuantityAndABadPatternIsCaught() {
    Release r = Release.builder("R").table(casesBySex()).table(casesByType()).build();
    Suppression s = Suppressor.suppress(r);
    CellTable bySex = s.published().table("cases_month_sex");
    CellTable byType = s.published().table("cases_month_type");
    for (String m : List.of(MONTHS[0], MONTHS[1], MONTHS[2], "_T")) {
      assertEquals(bySex.cell(m, "_T").suppressed(), byType.cell(m, "_T").suppressed(), "month " + m);
    }
    assertTrue(bySex.cell(MONTHS[1], "_T").suppressed());
    assertTrue(Auditor.audit(s.published()).isEmpty());

    // deliberately bad: the February margin published in the case-type table only
    Set<String> hidden = new HashSet<>(suppressed(byType));
    hidden.remove("cases_month_type{month=2024-02, case_type=_T}");
    Release bad = Release.builder("R").table(bySex).table(Fixtures.withSuppressed(byType, hidden)).build();
    List<Finding> findings = Auditor.audit(bad);
    assertTrue(findings.stream().anyMatch(f -> f.label().equals("cases_month_sex{month=2024-02, sex=_T}")),
        findings.toString());
    // and February's split by sex is now pinned down by the attacker
    Interval feb = Auditor.interval(bad, new CellRef("cases_month_sex", Map.of("month", MONTHS[1], "sex", "F")));
    assertTrue(feb.width() < 10, feb.toString());
  }
}
