package org.migstat.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.migstat.catalog.IndicatorCatalog;

/**
 * The "headline figure of each published indicator" table: a published table shows a published figure, never
 * [x], even where a dimension has no total (the case profile, UNODC by country) or the latest cell is hidden.
 * Plain Java.
 */
class HeadlineTableTest {
  static final LocalDate AS_OF = LocalDate.of(2024, 3, 13);

  static PublishedCell cell(String ind, String tp, String start, String end, List<String> dims, String measure,
                            Double value, String flag) {
    return new PublishedCell(ind, tp, LocalDate.parse(start), LocalDate.parse(end), dims, measure, value, flag, "v", "r");
  }

  static Map<String, Object> row(String ind, PublishedCell... cells) {
    PublishedTable t = new PublishedTable(IndicatorCatalog.find(ind).orElseThrow(), "p", 1, true,
        new ArrayList<>(List.of(cells)));
    return Dashboard.sourceRow(t, AS_OF, "IDN");
  }

  @Test
  void aDimensionWithoutATotalTakesItsFirstPublishedCodeInCatalogueOrder() {
    Map<String, Object> r = row("case_profile",
        cell("case_profile", "2024", "2024-01-01", "2024-03-13", List.of("platform", "Facebook"), "persons", null, "[c]"),
        cell("case_profile", "2024", "2024-01-01", "2024-03-13", List.of("platform", "Telegram"), "persons", 12.0, null),
        cell("case_profile", "2024", "2024-01-01", "2024-03-13", List.of("lure_job", "Casino"), "persons", 30.0, null),
        cell("case_profile", "2024", "2024-01-01", "2024-03-13", List.of("recruitment_method", "Friend"), "persons", null, "[c]"));
    assertEquals(Map.of("attribute", "platform", "category", "Telegram"), r.get("dims"),
        "recruitment_method comes first in the catalogue but shows no figure");
    assertEquals(12.0, r.get("value"));
    assertEquals(null, r.get("flag"));
  }

  @Test
  void theReportingCountryIsTheCitizenshipShownAndSexTheTotal() {
    Map<String, Object> r = row("glotip_context",
        cell("glotip_context", "2022", "2022-01-01", "2022-12-31", List.of("KHM", "_T"), "detected_victims", 80.0, null),
        cell("glotip_context", "2022", "2022-01-01", "2022-12-31", List.of("IDN", "F"), "detected_victims", 300.0, null),
        cell("glotip_context", "2022", "2022-01-01", "2022-12-31", List.of("IDN", "_T"), "detected_victims", 500.0, null));
    assertEquals(Map.of("country", "IDN", "sex", "_T"), r.get("dims"));
    assertEquals(500.0, r.get("value"));
  }

  @Test
  void aHiddenLatestCellGivesWayToTheLatestPublishedOne() {
    List<String> idn = List.of("IDN", "host_registry_residents");
    Map<String, Object> r = row("source_comparison",
        cell("source_comparison", "2024-02-29", "2024-02-29", "2024-02-29", idn, "value", 72480.0, null),
        cell("source_comparison", "2024-03-13", "2024-03-13", "2024-03-13", idn, "value", null, "[c]"),
        cell("source_comparison", "2024-03-31", "2024-03-31", "2024-03-31", idn, "value", 1.0, null));
    assertEquals(72480.0, r.get("value"), "29 February, not the hidden 13 March nor 31 March (after the as-of date)");
    assertEquals("2024-02-29", ((Map<?, ?>) r.get("period")).get("tp"));
  }

  @Test
  void everyCellHiddenShowsTheLatestFlag() {
    List<String> idn = List.of("IDN", "border_net_entries");
    Map<String, Object> r = row("source_comparison",
        cell("source_comparison", "2024-02-29", "2024-02-29", "2024-02-29", idn, "value", null, "[c]"),
        cell("source_comparison", "2024-03-13", "2024-03-13", "2024-03-13", idn, "value", null, "[c]"));
    assertEquals("[c]", r.get("flag"));
    assertEquals("2024-03-13", ((Map<?, ?>) r.get("period")).get("tp"));
  }
}
