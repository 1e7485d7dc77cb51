package org.migstat.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.migstat.catalog.Dimension;
import org.migstat.disclosure.Auditor;
import org.migstat.disclosure.Cell;
import org.migstat.disclosure.CellTable;
import org.migstat.disclosure.Ratio;
import org.migstat.disclosure.Release;
import org.migstat.disclosure.Suppression;

/**
 * The year to date at month ends (the case tiles' "vs previous month"): a small table per month end of the latest
 * two years, by citizenship and the scam-related split (all case types), in the release of the months it sums.
 * Plain Java: gold rows are given as {@link CasePublication.Detail}s.
 */
class CasePublicationTest {
  static final CasePublication.Monthly CASES = CasePublication.monthly().get(0);
  static final List<String> TYPES = List.of("HumanTrafficking", "OnlineScamWork", "Overstay");

  /**
   * IDN cases by type, January 2024 to 13 March 2024: {scam-related, not scam-related}. In February only 7 cases
   * are scam-related (3 + 4), under the threshold of 10.
   */
  static Map<CasePublication.Monthly, List<CasePublication.Detail>> details() {
    List<CasePublication.Detail> d = new ArrayList<>();
    for (YearMonth m : List.of(YearMonth.of(2024, 1), YearMonth.of(2024, 2))) {
      boolean feb = m.getMonthValue() == 2;
      d.add(detail(m.atDay(1), m.atEndOfMonth(), "HumanTrafficking", feb ? 3 : 12, feb ? 32 : 31));
      d.add(detail(m.atDay(1), m.atEndOfMonth(), "OnlineScamWork", feb ? 4 : 61, feb ? 50 : 0));
      d.add(detail(m.atDay(1), m.atEndOfMonth(), "Overstay", 0, feb ? 27 : 26));
    }
    d.add(detail(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 13), "HumanTrafficking", 11, 14));
    d.add(detail(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 13), "OnlineScamWork", 31, 0));
    d.add(detail(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 13), "Overstay", 0, 12));
    return Map.of(CASES, d);
  }

  static CasePublication.Detail detail(LocalDate start, LocalDate end, String type, long scam, long other) {
    return new CasePublication.Detail(start, end, List.of("IDN", type), new long[] {scam, other});
  }

  static CellTable table(List<CasePublication.YearTable> tables, String id) {
    return tables.stream().map(CasePublication.YearTable::table).filter(t -> t.id().equals(id)).findFirst().orElse(null);
  }

  @Test
  void theMonthEndYearToDateIsTheMonthsSummedOverCaseTypes() {
    List<CasePublication.YearTable> tables = CasePublication.trueTables(2024, List.of(CASES), details(), true);
    CellTable ytd = table(tables, "cases_by_month#ytd2024-02-29");
    assertNotNull(ytd, tables.stream().map(t -> t.table().id()).toList().toString());
    assertEquals(List.of("period", "citizenship", "case_type", "scam"), ytd.spec().dimensions());
    assertEquals(Set.of(Dimension.TOTAL), ytd.cells().stream().map(c -> c.coordinates().get("case_type"))
        .collect(Collectors.toSet()), "all case types only: its months are the full table's case-type totals");
    String code = "2024-01-01..2024-02-29";
    String all = Dimension.TOTAL;
    // all cases: (12 + 31) + 61 + 26 in January, (3 + 32) + (4 + 50) + 27 in February
    assertEquals(130 + 116, ytd.cell(code, "IDN", all, all).value());
    assertEquals(12 + 61 + 3 + 4, ytd.cell(code, "IDN", all, "scam_related").value());
    CellTable full = table(tables, "cases_by_month");
    for (String month : List.of("2024-01", "2024-02")) {
      for (String split : List.of(all, "scam_related", "not_scam_related")) {
        assertEquals(full.cell(month, "IDN", all, split).value(), ytd.cell(month, "IDN", all, split).value(),
            month + " " + split);
      }
    }
    assertEquals(ytd.cell(code, "IDN", all, all).value(), ytd.cell(code, all, all, all).value());
    // the release links the months to the full table's cells at all case types (same population, same coordinates)
    Release.Builder linked = Release.builder("links");
    tables.forEach(t -> linked.table(t.table()));
    assertTrue(linked.build().sharedMargins().stream().anyMatch(m -> m.tableA().equals("cases_by_month")
        && m.tableB().equals("cases_by_month#ytd2024-02-29")
        && m.dimensions().equals(List.of("period", "citizenship", "case_type", "scam"))));
    // a table of the year to date on the as-of date (mid-month) is there as before, with every case type
    assertTrue(table(tables, "cases_by_month#ytd2024-03-13").spec().dimensions().contains("case_type"));

    List<CasePublication.YearTable> without = CasePublication.trueTables(2024, List.of(CASES), details(), false);
    assertEquals(null, table(without, "cases_by_month#ytd2024-02-29"), "not in years before the latest two");
    assertEquals(tables.size() - 1, without.size());
  }

  @Test
  void onlyTheLatestTwoYearsPublishTheirMonthEnds() {
    assertTrue(CasePublication.monthEndYtdYear(2024, 2024));
    assertTrue(CasePublication.monthEndYtdYear(2023, 2024));
    assertFalse(CasePublication.monthEndYtdYear(2022, 2024));
  }

  /**
   * Suppressed as the publish step does it (one release for the year, with the scam-related shares), the year to
   * date at February's end cannot give away February's 7 scam-related cases: the auditor finds no hidden cell
   * narrowed below its protection, and January's published count and the year to date are never both shown. The
   * count of all cases, whose months are published, stays published (the tile's figure), and so does its share.
   */
  @Test
  void theYearToDateIsProtectedWithTheMonthsItSums() {
    List<CasePublication.YearTable> tables = CasePublication.trueTables(2024, List.of(CASES), details(), true);
    Suppression s = CasePublication.protect("test@cases@2024", tables);
    assertTrue(s.safe(), s.unresolved().toString());
    assertEquals(List.of(), Auditor.audit(s.published()));

    CellTable ytd = s.published().table("cases_by_month#ytd2024-02-29");
    String code = "2024-01-01..2024-02-29";
    String all = Dimension.TOTAL;
    assertTrue(ytd.cell("2024-02", "IDN", all, "scam_related").suppressed(), "7 is under 10");
    assertFalse(!ytd.cell("2024-01", "IDN", all, "scam_related").suppressed()
        && !ytd.cell(code, "IDN", all, "scam_related").suppressed(), "January and the year to date would give February");
    assertFalse(ytd.cell(code, "IDN", all, all).suppressed(), "all cases to February's end: " + s.audit());
    assertEquals(246, ytd.cell(code, "IDN", all, all).value());
    Ratio share = s.published().ratios().stream()
        .filter(r -> r.spec().denominator().equals(ytd.cell(code, "IDN", all, all).ref())).findFirst().orElseThrow();
    Cell scam = ytd.cell(code, "IDN", all, "scam_related");
    if (scam.suppressed()) {
      assertNull(share.value(), "no share over a hidden numerator");
    } else {
      assertEquals(100.0 * scam.value() / 246, share.value(), 0.005, "the share of a published numerator");
    }
    // every hidden year to date is in the audit, as a secondary suppression of the hidden months it sums
    for (Cell c : ytd.cells()) {
      if (c.suppressed() && c.coordinates().get("period").equals(code)) {
        assertTrue(s.audit().stream().anyMatch(a -> a.tableId().equals(ytd.id()) && a.coordinates().equals(c.coordinates())
            && a.rule().equals("secondary") && !a.protects().isEmpty()), c.label());
      }
    }
  }

  /**
   * A year to date adds nothing a reader does not know: the full table, the year to date on the as-of date and
   * the rest-of-month table are suppressed exactly as without it (no month or case type hidden for the tiles).
   */
  @Test
  void theYearToDateHidesNoOtherCell() {
    List<CasePublication.YearTable> with = CasePublication.trueTables(2024, List.of(CASES), details(), true);
    List<CasePublication.YearTable> without = CasePublication.trueTables(2024, List.of(CASES), details(), false);
    Release published = CasePublication.protect("test@cases@2024", with).published();
    Release before = CasePublication.protect("test@cases@2024", without).published();
    for (CellTable t : before.tables()) {
      assertEquals(t.suppressedCells(), published.table(t.id()).suppressedCells(), t.id());
    }
  }
}
