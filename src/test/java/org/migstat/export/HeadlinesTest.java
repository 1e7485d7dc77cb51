package org.migstat.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  static final PublishedCell YTD_MAR13_2023 = cases("2023-01-01..2023-03-13", "2023-01-01", "2023-03-13", 300.0);

  static Headlines.Comparison only(Headlines.Tile t) {
    assertEquals(1, t.comparisons().size(), String.valueOf(t.comparisons()));
    return t.comparisons().get(0);
  }

  @Test
  void aYearToDateIsComparedWithTheSameSpanAYearEarlierNeverWithAShorterOne() {
    PublishedCell ytd = cases("2024-01-01..2024-03-13", "2024-01-01", "2024-03-13", 540.0);
    Headlines.Tile t = casesTile(JAN, FEB, YTD_FEB, ytd, YTD_FEB_2023, YTD_MAR_2023, YTD_MAR13_2023);
    assertEquals(ytd, t.cell());
    Headlines.Comparison c = only(t);
    assertEquals(Headlines.Against.PREVIOUS_YEAR, c.against());
    assertEquals(ytd, c.base());
    assertEquals(YTD_MAR13_2023, c.cell(), "1 January to 13 March, a year earlier");
    assertEquals(240.0, c.change());
    assertTrue(t.comparisons().stream().noneMatch(x -> YTD_FEB.equals(x.cell())), "not vs the shorter year to date");
  }

  @Test
  void withoutTheSameSpanAYearEarlierTheLatestMonthEndYearToDateIsComparedInstead() {
    PublishedCell ytd = cases("2024-01-01..2024-03-13", "2024-01-01", "2024-03-13", 540.0);
    Headlines.Tile t = casesTile(JAN, FEB, YTD_FEB, ytd, YTD_FEB_2023, YTD_MAR_2023);
    assertEquals(2, t.comparisons().size());
    // 1 January to 13 March is not 1 January to 31 March: nothing to compare the tile's own cell with
    assertNull(t.comparisons().get(0).cell());
    Headlines.Comparison monthEnd = t.comparisons().get(1);
    assertEquals(YTD_FEB, monthEnd.base(), "Jan–Feb 2024");
    assertEquals(YTD_FEB_2023, monthEnd.cell(), "vs Jan–Feb 2023");
    assertEquals(199.0, monthEnd.change());
  }

  @Test
  void aHiddenYearToDateGivesWayToTheLatestPublishedOne() {
    PublishedCell hidden = cases("2024-01-01..2024-03-13", "2024-01-01", "2024-03-13", null);
    Headlines.Tile t = casesTile(JAN, FEB, YTD_FEB, hidden, YTD_FEB_2023, YTD_MAR_2023);
    assertEquals(YTD_FEB, t.cell(), "the year to date at the previous month's end");
    Headlines.Comparison c = only(t);
    assertEquals(YTD_FEB_2023, c.cell(), "the same span a year earlier (29 vs 28 February), not January alone");
    assertEquals(199.0, c.change());
  }

  @Test
  void onAMonthEndTheYearToDateComparesWithTheSameMonthEndAYearEarlier() {
    PublishedCell ytdMar = cases("2024-01-01..2024-03-31", "2024-01-01", "2024-03-31", 680.0);
    Headlines.Tile t = casesTile(LocalDate.of(2024, 3, 31), JAN, FEB, YTD_FEB, ytdMar, YTD_FEB_2023, YTD_MAR_2023);
    assertEquals(ytdMar, t.cell());
    Headlines.Comparison c = only(t);
    assertEquals(YTD_MAR_2023, c.cell());
    assertEquals(314.0, c.change());
  }

  @Test
  void aLeapDayComparesWithTheEndOfFebruaryAYearEarlier() {
    PublishedCell ytdFeb2025 = cases("2025-01-01..2025-02-28", "2025-01-01", "2025-02-28", 450.0);
    Headlines.Tile t = casesTile(LocalDate.of(2025, 2, 28), ytdFeb2025, YTD_FEB, JAN);
    assertEquals(YTD_FEB, t.comparisons().get(0).cell(), "1 January to 29 February 2024: the same span");
    assertEquals(17.0, t.comparisons().get(0).change());
  }

  @Test
  void withNothingPublishedTheTileShowsTheHiddenCellsFlag() {
    PublishedCell hidden = cases("2024-01-01..2024-03-13", "2024-01-01", "2024-03-13", null);
    Headlines.Tile t = casesTile(JAN, FEB, hidden);
    assertEquals(hidden, t.cell());
    assertNull(only(t).cell(), "no year to date a year earlier is published");
  }

  @Test
  void aHiddenEarlierCellGivesNoChange() {
    PublishedCell ytd = cases("2024-01-01..2024-02-29", "2024-01-01", "2024-02-29", 433.0);
    PublishedCell hidden2023 = cases("2023-01-01..2023-02-28", "2023-01-01", "2023-02-28", null);
    Headlines.Tile t = casesTile(LocalDate.of(2024, 2, 29), hidden2023, ytd);
    assertEquals(hidden2023, t.comparisons().get(0).cell());
    assertNull(t.comparisons().get(0).change(), "a change is given only between two published numbers");
  }

  /** permit_holders_by_reason cells on a date: citizenship, reason, validity class, persons (null: hidden [c]). */
  static PublishedCell holders(String date, String citizenship, String reason, String validity, Double value) {
    return new PublishedCell("permit_holders_by_reason", date, LocalDate.parse(date), LocalDate.parse(date),
        List.of(citizenship, reason, validity), "persons", value, value == null ? "[c]" : null, "v", "run");
  }

  static Headlines.Tile longTermTile(PublishedCell... cells) {
    PublishedTable t = new PublishedTable(IndicatorCatalog.find("permit_holders_by_reason").orElseThrow(), "p", 1,
        true, new ArrayList<>(List.of(cells)));
    Headlines.Spec spec = Headlines.SPECS.stream().filter(s -> s.key().equals("long_term_residents")).findFirst()
        .orElseThrow();
    return Headlines.compute(spec, List.of(t), AS_OF);
  }

  /**
   * Issue 15: the long-term residents tile is the published 5-years-or-more cell (IDN, every reason) on the as-of
   * date, beside the permit holders' tile, never the 12-months-or-more cell it nests in nor one reason's cell, and
   * it says what it counts.
   */
  @Test
  void theLongTermResidentsTileIsThePublishedFiveYearCellNestedInTwelveMonthsOrMore() {
    PublishedCell fiveYears = holders("2024-03-13", "IDN", "_T", "5y_plus", 2_514.0);
    PublishedCell twelveMonths = holders("2024-03-13", "IDN", "_T", "12m+", 41_230.0);
    PublishedCell earlier = holders("2024-02-29", "IDN", "_T", "5y_plus", 2_460.0);
    Headlines.Tile t = longTermTile(twelveMonths, holders("2024-03-13", "IDN", "Employment", "5y_plus", 2_001.0),
        holders("2024-03-13", "IDN", "_T", "12-59m", 38_716.0), fiveYears, earlier);
    assertEquals(fiveYears, t.cell());
    assertEquals("persons", t.measure(), "the indicator's headline measure");
    assertTrue(t.cell().value() <= twelveMonths.value(), "a subset of 12 months or more");
    assertEquals(earlier, t.comparisons().get(0).cell());
    assertEquals(54.0, t.comparisons().get(0).change());
    List<String> keys = Headlines.SPECS.stream().map(Headlines.Spec::key).toList();
    assertEquals(keys.indexOf("permit_holders") + 1, keys.indexOf("long_term_residents"), "beside the holders");
    Headlines.Spec spec = t.spec();
    assertEquals(IndicatorCatalog.LONG_TERM_RESIDENTS.definition(), spec.note());
    for (String text : List.of(spec.note().en(), spec.label().en())) {
      assertTrue(text.contains("5 years or more"), text);
    }
    assertTrue(spec.note().en().contains("12 months or more") && spec.note().id().contains("12 bulan atau lebih"),
        "the note says it is a subset of 12 months or more, in both languages");
    assertTrue(spec.label().id().contains("5 tahun atau lebih"), spec.label().id());
  }

  /** A suppressed 5-year cell is shown by its flag: the tile never falls back to another cell or a number. */
  @Test
  void aHiddenFiveYearCellShowsItsFlag() {
    PublishedCell hidden = holders("2024-03-13", "IDN", "_T", "5y_plus", null);
    Headlines.Tile t = longTermTile(holders("2024-03-13", "IDN", "_T", "12m+", 41_230.0),
        holders("2024-02-29", "IDN", "_T", "5y_plus", 2_460.0), hidden);
    assertEquals(hidden, t.cell());
    assertNull(t.cell().value());
    assertEquals("[c]", t.cell().flag());
    assertNull(t.comparisons().get(0).change(), "no change from a hidden cell");
  }

  /** The tile's cell is the one RelationCatalog declares nested in 12m+, as catalog.json states it. */
  @Test
  void theLongTermTileReadsTheCataloguesNesting() throws Exception {
    com.fasterxml.jackson.databind.JsonNode lt = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(IndicatorCatalog.toJson()).get("long_term_residents");
    org.migstat.catalog.RelationCatalog.Split split = org.migstat.catalog.RelationCatalog.VALIDITY_5Y;
    assertEquals("permit_holders_by_reason", lt.get("indicator").asText());
    assertEquals(List.of(split.dimension(), split.part(), split.code()),
        List.of(lt.get("dimension").asText(), lt.get("code").asText(), lt.get("within").asText()));
    assertEquals(List.of("validity_class", "5y_plus", "12m+"), List.of(split.dimension(), split.part(), split.code()));
    assertEquals(IndicatorCatalog.LONG_TERM_RESIDENTS.definition().id(), lt.get("definition").get("id").asText());
  }
}
