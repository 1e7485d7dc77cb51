package org.migstat.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.migstat.disclosure.Fixtures.ref;
import static org.migstat.disclosure.Fixtures.suppressed;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Primary and secondary suppression on small tables, checked by the auditor's linear programs. */
class SuppressorTest {
  /** A threshold of 5 so that, in the textbook table, only a = 3 is unsafe. */
  static final Policy TEXTBOOK = Policy.threshold("textbook", 5);

  static TableSpec rowsByCols(String id, Policy policy) {
    return TableSpec.builder(id, policy).dimension("row").dimension("col").build();
  }

  /** a=3 b=7 / c=8 d=12, row totals 10 and 20, column totals 11 and 19, grand total 30. */
  static CellTable textbook() {
    return CellTable.builder(rowsByCols("t", TEXTBOOK))
        .add(3, "r1", "c1").add(7, "r1", "c2")
        .add(8, "r2", "c1").add(12, "r2", "c2")
        .detail();
  }

  @Test
  void textbookTableHidesTheRectangleAndTheAttackerGetsTheHandComputedInterval() {
    Release release = Release.builder("R").table(textbook()).build();
    Suppression s = Suppressor.suppress(release);
    CellTable t = s.published().table("t");

    assertEquals(Set.of("t{row=r1, col=c1}", "t{row=r1, col=c2}", "t{row=r2, col=c1}", "t{row=r2, col=c2}"),
        suppressed(t), "the four inner cells hide, every total is published");
    assertTrue(s.unresolved().isEmpty());
    assertTrue(Auditor.audit(s.published()).isEmpty());

    // by hand: b = T1 - a >= 0, c = C1 - a >= 0, d = C2 - T1 + a >= 0
    long t1 = t.publishedValue(t.cell("r1", "_T"));
    long c1 = t.publishedValue(t.cell("_T", "c1"));
    long c2 = t.publishedValue(t.cell("_T", "c2"));
    Interval a = Auditor.interval(s.published(), ref("t", "row", "r1", "col", "c1"));
    assertEquals(new Interval(Math.max(0, t1 - c2), Math.min(t1, c1)), a);
    assertEquals(new Interval(0, 10), a);
    assertTrue(a.width() >= TEXTBOOK.margin());
    assertTrue(a.contains(3));
  }

  @Test
  void textbookAuditEntriesNameTheRuleAndTheProtectedCell() {
    Suppression s = Suppressor.suppress(Release.builder("R1").table(textbook()).build());
    assertEquals(4, s.audit().size());
    AuditEntry a = s.audit().get(0);
    assertEquals("t{row=r1, col=c1}", CellRef.label(a.tableId(), a.coordinates()));
    assertEquals("primary:threshold<5", a.rule());
    assertEquals(3, a.value());
    assertTrue(a.protects().isEmpty());
    for (AuditEntry e : s.audit().subList(1, 4)) {
      assertEquals("secondary", e.rule());
      assertEquals("R1", e.release());
      assertFalse(e.protects().isEmpty(), "a secondary suppression says what it protects: " + e);
    }
    assertEquals(List.of("t{row=r1, col=c1}"), s.audit().get(1).protects());
  }

  @Test
  void primarySuppressionAloneIsRecoveredByTheAuditor() {
    Release bad = Release.builder("R")
        .table(Fixtures.withSuppressed(textbook(), Set.of("t{row=r1, col=c1}"))).build();
    List<Finding> findings = Auditor.audit(bad);
    assertEquals(1, findings.size());
    assertEquals(3.0, findings.get(0).lo());
    assertEquals(3.0, findings.get(0).hi());

    // a, b hidden: a = C1 - c = 3 exactly, through the column
    Release alsoBad = Release.builder("R")
        .table(Fixtures.withSuppressed(textbook(), Set.of("t{row=r1, col=c1}", "t{row=r1, col=c2}"))).build();
    assertEquals(List.of("t{row=r1, col=c1}", "t{row=r1, col=c2}"), Fixtures.labels(Auditor.audit(alsoBad)));
  }

  /** Row r1: a 1, a 0 and 45. Hiding the 1 with the 0 tells the reader the two add up to 46 - 45 = 1. */
  static CellTable singletonTable() {
    return CellTable.builder(rowsByCols("s", Policy.protection()))
        .add(1, "r1", "c1").add(0, "r1", "c2").add(45, "r1", "c3")
        .add(30, "r2", "c1").add(20, "r2", "c2").add(25, "r2", "c3")
        .add(40, "r3", "c1").add(35, "r3", "c2").add(50, "r3", "c3")
        .detail();
  }

  @Test
  void singletonTrapAHiddenOneNextToAHiddenZeroIsNotSafe() {
    CellTable t = singletonTable();
    Release bad = Release.builder("R").table(Fixtures.withSuppressed(t, Set.of(
        "s{row=r1, col=c1}", "s{row=r1, col=c2}", "s{row=r2, col=c1}", "s{row=r2, col=c2}"))).build();
    Interval a = Auditor.interval(bad, ref("s", "row", "r1", "col", "c1"));
    assertEquals(new Interval(0, 1), a, "hidden 1 + hidden 0 = 46 - 45");
    assertTrue(Fixtures.labels(Auditor.audit(bad)).contains("s{row=r1, col=c1}"));

    Suppression s = Suppressor.suppress(Release.builder("R").table(t).build());
    Set<String> hidden = suppressed(s.published());
    assertTrue(hidden.contains("s{row=r1, col=c1}"));
    assertFalse(hidden.contains("s{row=r1, col=c2}"), "the engine does not pair the 1 with the 0: " + hidden);
    assertTrue(Auditor.audit(s.published()).isEmpty());
    assertTrue(Auditor.interval(s.published(), ref("s", "row", "r1", "col", "c1")).width() >= 10);
  }

  @Test
  void singletonTrapWithARowTotalOfOne() {
    CellTable t = CellTable.builder(rowsByCols("s", Policy.protection()))
        .add(1, "r1", "c1").add(0, "r1", "c2")
        .add(30, "r2", "c1").add(20, "r2", "c2")
        .add(40, "r3", "c1").add(35, "r3", "c2")
        .detail();
    // hiding the 1 and the 0 under a published row total of 1 gives everything away
    Release bad = Release.builder("R")
        .table(Fixtures.withSuppressed(t, Set.of("s{row=r1, col=c1}", "s{row=r1, col=c2}"))).build();
    List<String> found = Fixtures.labels(Auditor.audit(bad));
    assertTrue(found.contains("s{row=r1, col=c1}"), found.toString());
    assertTrue(found.contains("s{row=r1, col=_T}"), "the total of 1 is itself unsafe: " + found);

    Suppression s = Suppressor.suppress(Release.builder("R").table(t).build());
    Set<String> hidden = suppressed(s.published());
    assertTrue(hidden.containsAll(Set.of("s{row=r1, col=c1}", "s{row=r1, col=_T}")), hidden.toString());
    assertTrue(s.unresolved().isEmpty());
    assertTrue(Auditor.audit(s.published()).isEmpty());
  }

  @Test
  void sameInputInAnyOrderGivesTheSameOutput() {
    List<String[]> rows = new ArrayList<>();
    Random random = new Random(11);
    for (String n : List.of("IDN", "CHN", "THA", "VNM", "PHL")) {
      for (String p : List.of("JK", "JB", "KH", "SU")) {
        for (String s : List.of("F", "M")) {
          long v = random.nextInt(4) == 0 ? 0
              : random.nextInt(3) == 0 ? 1 + random.nextInt(9) : 10 + random.nextInt(60);
          rows.add(new String[] {String.valueOf(v), n, p, s});
        }
      }
    }
    TableSpec spec = TableSpec.builder("cases", Policy.protection())
        .dimension("nationality").dimension("province").dimension("sex").build();
    Suppression first = null;
    for (int run = 0; run < 2; run++) {
      List<String[]> shuffled = new ArrayList<>(rows);
      Collections.shuffle(shuffled, new Random(run));
      CellTable.Builder b = CellTable.builder(spec);
      for (String[] r : shuffled) {
        b.add(Long.parseLong(r[0]), r[1], r[2], r[3]);
      }
      Suppression s = Suppressor.suppress(Release.builder("R").table(b.detail()).build());
      if (first == null) {
        first = s;
        assertFalse(s.audit().isEmpty());
      } else {
        assertEquals(first.published().table("cases").cells(), s.published().table("cases").cells());
        assertEquals(first.audit(), s.audit());
        assertEquals(first.unresolved(), s.unresolved());
      }
    }
  }

  @Test
  void sensitiveScopeProtectsTheUnsafeCells() {
    Random random = new Random(5);
    TableSpec spec = TableSpec.builder("cases", Policy.protection())
        .dimension("nationality").dimension("province").dimension("sex").build();
    CellTable.Builder b = CellTable.builder(spec);
    for (String n : List.of("IDN", "CHN", "THA", "VNM")) {
      for (String p : List.of("JK", "JB", "KH")) {
        for (String x : List.of("F", "M")) {
          b.add(random.nextInt(3) == 0 ? 1 + random.nextInt(9) : 10 + random.nextInt(40), n, p, x);
        }
      }
    }
    Release release = Release.builder("R").table(b.detail()).build();
    Suppression all = Suppressor.suppress(release);
    Suppression sensitive = Suppressor.suppress(release, Auditor.Scope.SENSITIVE);
    assertTrue(Auditor.audit(sensitive.published(), Auditor.Scope.SENSITIVE).isEmpty());
    assertTrue(Auditor.audit(all.published()).isEmpty());
    assertTrue(Auditor.audit(all.published(), Auditor.Scope.SENSITIVE).isEmpty(), "the stricter scope implies it");
    for (Cell c : sensitive.published().table("cases").cells()) {
      assertTrue(!Policy.protection().unsafe(c.value()) || c.suppressed(), c.toString());
    }
  }

  @Test
  void aTableWhoseTotalIsUnsafeIsHiddenWhole() {
    CellTable t = CellTable.builder(rowsByCols("tiny", Policy.protection()))
        .add(2, "r1", "c1").add(0, "r1", "c2").add(3, "r2", "c1").add(1, "r2", "c2").detail();
    Suppression s = Suppressor.suppress(Release.builder("R").table(t).build());
    assertEquals(t.cells().stream().filter(c -> c.value() > 0).count(), suppressed(s.published()).size());
    assertTrue(s.unresolved().isEmpty());
    assertTrue(Auditor.audit(s.published()).isEmpty());
    Interval grand = Auditor.interval(s.published(), ref("tiny", "row", "_T", "col", "_T"));
    assertEquals(0.0, grand.lo());
    assertTrue(Double.isInfinite(grand.hi()), grand.toString());
  }

  @Test
  void residenceTablesUnderThreeDimensionsStayExact() {
    TableSpec twoDims = TableSpec.builder("permits_by_sector_sex", Policy.residence())
        .dimension("sector").dimension("sex").build();
    CellTable t = CellTable.builder(twoDims)
        .add(2, "AGR", "F").add(58, "AGR", "M").add(3, "CON", "F").add(90, "CON", "M").detail();
    Suppression s = Suppressor.suppress(Release.builder("R").table(t).build());
    assertTrue(suppressed(s.published()).isEmpty());
    assertTrue(s.audit().isEmpty());

    TableSpec threeDims = TableSpec.builder("permits_by_sector_sex_age", Policy.residence())
        .dimension("sector").dimension("sex").dimension("age").build();
    CellTable t3 = CellTable.builder(threeDims)
        .add(2, "AGR", "F", "15-24").add(20, "AGR", "F", "25-34").add(30, "AGR", "M", "15-24")
        .add(28, "AGR", "M", "25-34").add(3, "CON", "F", "15-24").add(12, "CON", "F", "25-34")
        .add(40, "CON", "M", "15-24").add(50, "CON", "M", "25-34").detail();
    Suppression s3 = Suppressor.suppress(Release.builder("R").table(t3).build());
    assertTrue(suppressed(s3.published()).contains("permits_by_sector_sex_age{sector=AGR, sex=F, age=15-24}"));
    Cell grand = s3.published().table(threeDims.id()).cell("_T", "_T", "_T");
    assertEquals(null, grand.flag(), "the announced national total is never a secondary suppression");
    assertTrue(Auditor.audit(s3.published()).isEmpty());
  }

  @Test
  void aCellFlaggedConfidentialOnInputIsKeptAndProtected() {
    CellTable t = CellTable.builder(rowsByCols("m", Policy.protection()))
        .add(50, "r1", "c1").add(60, "r1", "c2").add(70, "r2", "c1").add(80, "r2", "c2").detail();
    t = t.withFlags(c -> c.label().equals("m{row=r1, col=c1}") ? Flag.CONFIDENTIAL : null);
    Suppression s = Suppressor.suppress(Release.builder("R").table(t).build());
    assertEquals("primary:manual", s.audit().get(0).rule());
    assertEquals(4, suppressed(s.published()).size());
    assertTrue(Auditor.audit(s.published()).isEmpty());
  }

  @Test
  void otherFlagsSurviveSuppression() {
    CellTable t = CellTable.builder(rowsByCols("p", Policy.protection()))
        .add(java.util.Map.of("row", "r1", "col", "c1"), 50, Flag.PROVISIONAL)
        .add(60, "r1", "c2").add(70, "r2", "c1").add(80, "r2", "c2").detail();
    Suppression s = Suppressor.suppress(Release.builder("R").table(t).build());
    assertEquals(Flag.PROVISIONAL, s.published().table("p").cell("r1", "c1").flag());
  }
}
