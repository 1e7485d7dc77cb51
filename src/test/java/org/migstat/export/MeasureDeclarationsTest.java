package org.migstat.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.migstat.catalog.Indicator;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.catalog.RelationCatalog;

/**
 * Issue 12 §1: a published measure is declared once, in the catalogue ({@link RelationCatalog}: labels in both
 * languages, unit, kind), and the export reads it from there — {@link Measures} (the data files' labels and units,
 * the dashboard's measure labels and formats), {@link Headlines} (the tiles) and dashboard.js (which names no
 * measure and reads labels from the model, by indicator). Plain Java, no Spark.
 */
class MeasureDeclarationsTest {

  /** Every measure of every published indicator is declared, with both labels and a unit. */
  @Test
  void everyPublishedMeasureIsDeclaredWithLabelsInBothLanguagesAndAUnit() {
    for (Indicator ind : IndicatorCatalog.INDICATORS) {
      RelationCatalog.Declaration d = RelationCatalog.find(ind.id())
          .orElseThrow(() -> new AssertionError("publish." + ind.id() + " has no declaration"));
      assertEquals(ind.measures(), d.measures().stream().map(RelationCatalog.Measure::name).toList(),
          ind.id() + ": the published measures are the declared ones, in order");
      for (String name : ind.measures()) {
        RelationCatalog.Measure m = Measures.of(ind.id(), name);
        assertFalse(m.label().en() == null || m.label().en().isBlank(), ind.id() + "." + name + " English label");
        assertFalse(m.label().id() == null || m.label().id().isBlank(), ind.id() + "." + name + " Indonesian label");
        assertFalse(m.unit() == null || m.unit().isBlank(), ind.id() + "." + name + " unit");
        assertEquals(m.label(), Measures.label(ind.id(), name));
        assertEquals(m.unit(), DataFiles.unitText(ind, name), "the data files' unit is the declared one");
        String format = Measures.format(ind.id(), name);
        assertEquals(m.kind() == RelationCatalog.MeasureKind.PERCENT ? "pct" : "count", format, ind.id() + "." + name);
        assertEquals("pct".equals(format) ? "PC" : "persons".equals(m.unit()) ? "PER" : "NR",
            DataFiles.unitCode(ind, name), ind.id() + "." + name + " SDMX unit");
      }
    }
  }

  /** An undeclared measure cannot be labelled or exported: there is no humanised fallback any more. */
  @Test
  void anUndeclaredMeasureIsRefused() {
    assertTrue(Measures.find("permit_coverage", "residents").isPresent());
    assertTrue(Measures.find("permit_coverage", "residents_per_100k").isEmpty());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Measures.label("permit_coverage", "residents_per_100k"));
    assertTrue(e.getMessage().contains("residents_per_100k"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> Measures.format("no_such_indicator", "persons"));
  }

  /**
   * Every tile names a declared indicator, a measure the catalogue declares for it (a regex must match at least
   * one) and dimensions of that indicator.
   */
  @Test
  void everyTileNamesDeclaredMeasures() {
    for (Headlines.Spec spec : Headlines.SPECS) {
      for (Headlines.Candidate c : spec.candidates()) {
        String where = spec.key() + " -> " + c.indicator() + "." + c.measure();
        RelationCatalog.Declaration d = RelationCatalog.find(c.indicator())
            .orElseThrow(() -> new AssertionError(where + ": no such indicator in the catalogue"));
        List<String> declared = d.measures().stream().map(RelationCatalog.Measure::name).toList();
        if (c.measure() == null) {
          assertFalse(declared.isEmpty(), where);
        } else {
          assertTrue(declared.stream().anyMatch(n -> n.matches(c.measure())), where + " matches none of " + declared);
        }
        for (String dim : c.dims().keySet()) {
          assertTrue(dim.equals("*") || d.indicator().dimensions().contains(dim), where + ": dimension " + dim);
        }
      }
    }
  }

  /** The dashboard's split panels show a declared share with its declared numerator's counts. */
  @Test
  void splitPanelsShowDeclaredShares() {
    assertFalse(Dashboard.SPLITS.isEmpty());
    for (Dashboard.Split s : Dashboard.SPLITS) {
      RelationCatalog.Measure share = Measures.of(s.indicator(), s.measure());
      assertEquals(RelationCatalog.MeasureKind.PERCENT, share.kind(), s.toString());
      assertEquals(RelationCatalog.MeasureKind.COUNT, Measures.of(s.indicator(), s.countMeasure()).kind(), s.toString());
      assertTrue(RelationCatalog.find(s.indicator()).orElseThrow().indicator().dimensions().contains(s.dimension()));
    }
    assertEquals(List.of("share_pct", "persons"),
        List.of(Dashboard.SPLITS.get(0).measure(), Dashboard.SPLITS.get(0).countMeasure()), "case_profile's share");
  }

  /**
   * dashboard.js names no measure: every label and format comes from the model's declared measures, by indicator
   * ({@code DATA.measures[indicator][measure]}). Its string literals may not be a declared measure name, except
   * words it uses for something else: {@code value} (an attribute and an option field) and {@code cases} (the
   * disclosure family).
   */
  @Test
  void dashboardJsNamesNoMeasure() throws IOException {
    String js;
    try (InputStream in = Measures.class.getClassLoader().getResourceAsStream("export/dashboard.js")) {
      js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Set<String> names = new TreeSet<>();
    RelationCatalog.declarations().forEach(d -> d.measures().forEach(m -> names.add(m.name())));
    Set<String> otherUses = Set.of("value", "cases");
    List<String> named = new ArrayList<>();
    Matcher m = Pattern.compile("'([^'\\\\]*)'|\"([^\"\\\\]*)\"").matcher(js);
    while (m.find()) {
      String literal = m.group(1) != null ? m.group(1) : m.group(2);
      if (names.contains(literal) && !otherUses.contains(literal) || literal.matches("[a-z_]+_pct")) {
        named.add(literal);
      }
    }
    assertEquals(List.of(), named, "measure names in dashboard.js");
    assertTrue(js.contains("DATA.measures[typeof ind === 'string' ? ind : ind.id]"),
        "labels and formats are read from the model, by indicator");
  }
}
