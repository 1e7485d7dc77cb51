package org.migstat.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.migstat.catalog.Dimension;
import org.migstat.catalog.Indicator;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.catalog.Text;

/**
 * The registered and usual residents block of the dashboard (issue 15) reads published cells the catalogue
 * declares: every definition names a code of the indicator's length-of-residence dimension (or its total), and
 * every text is there in both languages. Plain Java.
 */
class ResidenceDefinitionsTest {

  @Test
  void everyDefinitionNamesAPublishedCodeAndIsStatedInBothLanguages() {
    Indicator ind = IndicatorCatalog.find(IndicatorCatalog.RESIDENCE_DEFINITIONS_INDICATOR).orElseThrow();
    assertTrue(ind.dimensions().contains(IndicatorCatalog.RESIDENCE_DEFINITIONS_DIMENSION), ind.dimensions().toString());
    Map<String, Text> codes = IndicatorCatalog.DIMENSIONS.get(IndicatorCatalog.RESIDENCE_DEFINITIONS_DIMENSION).codes();
    List<String> defined = IndicatorCatalog.RESIDENCE_DEFINITIONS.stream()
        .map(IndicatorCatalog.ResidenceDefinition::code).toList();
    // registered (the total) and usual residents first, then every other length of residence: the whole difference
    assertEquals(Dimension.TOTAL, defined.get(0));
    assertEquals("12m_plus", defined.get(1));
    assertEquals(codes.keySet(), new java.util.HashSet<>(defined.subList(1, defined.size())));
    for (IndicatorCatalog.ResidenceDefinition d : IndicatorCatalog.RESIDENCE_DEFINITIONS) {
      for (Text t : List.of(d.label(), d.definition())) {
        assertFalse(t.en().isBlank() || t.id().isBlank() || t.en().equals(t.id()), d.code() + ": " + t);
      }
    }
    Text difference = IndicatorCatalog.USUAL_RESIDENCE_CAVEAT;
    assertTrue(difference.en().contains("3 to 11 months") && difference.en().contains("under 3 months"), difference.en());
    assertTrue(difference.id().contains("3 sampai 11 bulan") && difference.id().contains("kurang dari 3 bulan"),
        difference.id());
    assertTrue(ind.caveats().contains(difference), "the indicator's own caveat");
  }

  @Test
  void theDashboardModelNamesTheIndicatorMeasureAndReferenceDate() {
    Map<String, Object> m = Dashboard.usualResidents(LocalDate.of(2024, 3, 13));
    assertEquals("usual_residents", m.get("indicator"));
    assertEquals("residence_duration", m.get("dimension"));
    assertEquals("persons", m.get("measure"));
    assertEquals("2024-03-13", m.get("date"));
    assertEquals(IndicatorCatalog.RESIDENCE_DEFINITIONS.size(), ((List<?>) m.get("rows")).size());
  }
}
