package org.migstat.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.migstat.catalog.IndicatorCatalog;

/** How the case tiles pick their year to date and what they compare it with (plain Java, no Spark). */
class HeadlinesTest {
  static final LocalDate AS_OF = LocalDate.of(2024, 3, 13);

  /** cases_by_month cells for IDN, all case types: period, start, end, cases (null: hidden [c]). */
  static PublishedCell cases(String tp, String start, String end, Double value) {
    return new PublishedCell("cases_by_month", tp, LocalDate.parse(start), LocalDate.parse(end), List.of("IDN", "_T"),
        "cases", value, value == null ? "[c]" : null, "v", "run");
  }

  static Headlines.Tile casesTile(PublishedCell... cells) {
    return casesTile(AS_OF, cells);
  }

  static Headlines.Tile casesTile(LocalDate asOf, PublishedCell... cells) {
    PublishedTable t = new PublishedTable(IndicatorCatalog.find("cases_by_month").orElseThrow(), "p", 1, true,
        new ArrayList<>(List.of(cells)));
    Headlines.Spec spec = Headlines.SPECS.stream().filter(s -> s.key().equals("cases_ytd")).findFirst().orElseThrow();
    return Headlines.compute(spec, List.of(t), asOf);
  }

  static final PublishedCell JAN = cases("2024-01", "2024-01-01", "2024-01-31", 206.0);
  static final PublishedCell FEB = cases("2024-02", "2024-02-01", "2024-02-29", 227.0);
  static final PublishedCell YTD_FEB = cases("2024-01-01..2024-02-29", "2024-01-01", "2024-02-29", 433.0);
  static final PublishedCell YTD_FEB_2023 = cases("2023-01-01..2023-02-28", "2023-01-01", "2023-02-28", 234.0);
  static final PublishedCell YTD_MAR_2023 = cases("2023-01-01..2023-03-31", "2023-01-01", "2023-03-31", 366.0);

  @Test
  void aPublishedYearToDateOnTheAsOfDateComparesWithThePreviousMonthsEnd() {
    PublishedCell ytd = cases("2024-01-01..2024-03-13", "2024-01-01", "2024-03-13", 540.0);
    Headlines.Tile t = casesTile(JAN, FEB, YTD_FEB, ytd, YTD_FEB_2023, YTD_MAR_2023);
    assertEquals(ytd, t.cell());
    assertEquals(YTD_FEB, t.prevMonth().cell());
    assertEquals(107.0, t.prevMonth().change());
    // a year earlier, 1 January to 13 March is not 1 January to 31 March: nothing to compare with
    assertNull(t.prevYear());
  }

  @Test
  void aHiddenYearToDateGivesWayToTheLatestPublishedOne() {
    PublishedCell hidden = cases("2024-01-01..2024-03-13", "2024-01-01", "2024-03-13", null);
    Headlines.Tile t = casesTile(JAN, FEB, YTD_FEB, hidden, YTD_FEB_2023, YTD_MAR_2023);
    assertEquals(YTD_FEB, t.cell(), "the year to date at the previous month's end");
    assertEquals(JAN, t.prevMonth().cell(), "January is the year to date at January's end");
    assertEquals(227.0, t.prevMonth().change());
    assertEquals(YTD_FEB_2023, t.prevYear().cell(), "the same span a year earlier (29 vs 28 February)");
    assertEquals(199.0, t.prevYear().change());
  }

  @Test
  void onAMonthEndTheYearToDateComparesWithThePreviousMonthEndAndTheSameMonthEndAYearEarlier() {
    PublishedCell ytdMar = cases("2024-01-01..2024-03-31", "2024-01-01", "2024-03-31", 680.0);
    Headlines.Tile t = casesTile(LocalDate.of(2024, 3, 31), JAN, FEB, YTD_FEB, ytdMar, YTD_FEB_2023, YTD_MAR_2023);
    assertEquals(ytdMar, t.cell());
    assertEquals(YTD_FEB, t.prevMonth().cell());
    assertEquals(247.0, t.prevMonth().change());
    assertEquals(YTD_MAR_2023, t.prevYear().cell());
    assertEquals(314.0, t.prevYear().change());
  }

  @Test
  void aLeapDayComparesWithTheEndOfFebruaryAYearEarlier() {
    PublishedCell ytdFeb2025 = cases("2025-01-01..2025-02-28", "2025-01-01", "2025-02-28", 450.0);
    Headlines.Tile t = casesTile(LocalDate.of(2025, 2, 28), ytdFeb2025, YTD_FEB, JAN);
    assertEquals(YTD_FEB, t.prevYear().cell(), "1 January to 29 February 2024: the same span");
    assertEquals(17.0, t.prevYear().change());
  }

  @Test
  void withNothingPublishedTheTileShowsTheHiddenCellsFlag() {
    PublishedCell hidden = cases("2024-01-01..2024-03-13", "2024-01-01", "2024-03-13", null);
    Headlines.Tile t = casesTile(JAN, FEB, hidden);
    assertEquals(hidden, t.cell());
    assertNull(t.prevMonth(), "no year to date at February's end is published");
  }

  @Test
  void aHiddenEarlierCellGivesNoChange() {
    PublishedCell ytd = cases("2024-01-01..2024-02-29", "2024-01-01", "2024-02-29", 433.0);
    PublishedCell hiddenJan = cases("2024-01", "2024-01-01", "2024-01-31", null);
    Headlines.Tile t = casesTile(hiddenJan, ytd);
    assertEquals(hiddenJan, t.prevMonth().cell());
    assertNull(t.prevMonth().change(), "a change is given only between two published numbers");
  }
}
