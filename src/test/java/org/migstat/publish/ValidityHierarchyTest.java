package org.migstat.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.migstat.catalog.Dimension;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.catalog.RelationCatalog;
import org.migstat.catalog.Text;
import org.migstat.disclosure.CellTable;
import org.migstat.disclosure.Hierarchy;
import org.migstat.disclosure.PublishedCell;
import org.migstat.disclosure.Release;
import org.migstat.disclosure.Suppression;
import org.migstat.disclosure.TableSpec;
import org.migstat.testing.Frames;
import org.migstat.testing.SparkExtension;

/**
 * Issue 15: Eurostat's "5 years or more" validity class is published nested in "12 months or more" in
 * permit_holders_by_reason (12m+ = 12-59m + 5y_plus, _T = 3-5m + 6-11m + 12m+), a hierarchy the publish plan's
 * suppressor and the reader's audit both know; gold (permit_holders_profile) keeps its three classes and its
 * long_term_persons.
 */
@ExtendWith(SparkExtension.class)
class ValidityHierarchyTest {
  static final String BY_REASON = "permit_holders_by_reason";
  static final String BY_VALIDITY = "permit_holders_by_validity";
  static final LocalDate D1 = LocalDate.of(2024, 2, 29);
  static final LocalDate D2 = LocalDate.of(2024, 3, 13);
  static final List<String> CLASSES = List.of("3-5m", "6-11m", "12m+");
  static final List<String> REASONS = List.of("Employment", "Family", "Education", "Other");

  static final String PROFILE = "ref_date DATE, citizenship STRING, reason STRING, validity_class STRING, sex STRING, "
      + "age_group STRING, persons BIGINT, long_term_persons BIGINT";

  static Publication.Part part(String indicator) {
    return Publication.parts().stream().filter(p -> p.indicator().id().equals(indicator)).findFirst().orElseThrow();
  }

  @Test
  void theFiveYearClassIsDeclaredUnderTwelveMonthsOrMoreForTheSuppressorAndTheReader() {
    RelationCatalog.Declaration d = RelationCatalog.of(BY_REASON);
    assertEquals(Map.of("12-59m", "12m+", "5y_plus", "12m+"), d.parents("validity_class"));
    assertEquals(Map.of(), d.parents("reason"));
    // the publish plan's spec (suppressor) and the reader's spec (history audit) both nest it
    TableSpec plan = Publication.spec(part(BY_REASON));
    TableSpec reader = HistoryAudit.spec(BY_REASON, d, d.measure("persons"), "R1", "p");
    for (TableSpec spec : List.of(plan, reader)) {
      Hierarchy h = spec.hierarchy("validity_class");
      assertEquals(List.of("5y_plus", "12m+", "_T"), h.selfAndAncestors("5y_plus"), spec.id());
      assertEquals(List.of("12-59m", "12m+", "_T"), h.selfAndAncestors("12-59m"), spec.id());
      assertEquals(List.of("3-5m", "_T"), h.selfAndAncestors("3-5m"), spec.id());
      assertTrue(h.isAggregate("12m+"), spec.id());
    }
    // the tables publishing gold's classes alone stay flat (12m+ is a leaf there)
    assertEquals(Hierarchy.flat(), Publication.spec(part(BY_VALIDITY)).hierarchy("validity_class"));
    assertEquals(Hierarchy.flat(), Publication.spec(part("first_permits")).hierarchy("validity_class"));
    // labels in both languages, from the catalogue the export and the dashboard read, in the catalogue's order
    Dimension validity = IndicatorCatalog.DIMENSIONS.get("validity_class");
    assertEquals(List.of("3-5m", "6-11m", "12m+", "12-59m", "5y_plus"), List.copyOf(validity.codes().keySet()));
    for (String code : List.of("12-59m", "5y_plus")) {
      Text t = validity.codes().get(code);
      assertFalse(t.en().isBlank() || t.id().isBlank() || t.en().equals(t.id()), code + ": " + t);
    }
  }

  @Test
  void detailSplitsTwelveMonthsOrMoreAndKeepsGoldsTotals(SparkSession spark) {
    Dataset<Row> gold = Frames.of(spark, PROFILE,
        new Object[] {"2024-03-13", "IDN", "Employment", "12m+", "M", "25-34", 40L, 15L},
        new Object[] {"2024-03-13", "IDN", "Employment", "12m+", "F", "25-34", 10L, 0L},
        new Object[] {"2024-03-13", "IDN", "Employment", "6-11m", "F", "25-34", 7L, 0L},
        new Object[] {"2024-03-13", "IDN", "Family", "12m+", "F", "_U", 3L, 3L},
        new Object[] {"2024-03-13", "IDN", null, "3-5m", "F", "_U", 2L, 0L});
    Dataset<Row> detail = Publication.detail(part(BY_REASON), gold);
    Frames.assertSameRows(List.of(
            Frames.row("IDN", "Employment", "12-59m", 35L), Frames.row("IDN", "Employment", "5y_plus", 15L),
            Frames.row("IDN", "Employment", "6-11m", 7L), Frames.row("IDN", "Family", "12-59m", 0L),
            Frames.row("IDN", "Family", "5y_plus", 3L), Frames.row("IDN", null, "3-5m", 2L)),
        detail.select("citizenship", "reason", "validity_class", "value"));
    assertEquals(62L, detail.agg(org.apache.spark.sql.functions.sum("value")).first().getLong(0));
    // gold's other readers are not split: holders by sex and age add up to the same 62
    assertEquals(62L, Publication.detail(part("permit_holders_by_sex_age"), gold)
        .agg(org.apache.spark.sql.functions.sum("value")).first().getLong(0));
  }

  /**
   * Two dates of permit holders by reason and validity (with holders by validity, the same population, linked on
   * its margins), some cells small enough to be suppressed: the published cells nest wherever all three are shown,
   * and the reader's audit of the published files finds nothing.
   */
  @Test
  void publishedCellsNestAndTheAuditFindsNothing(SparkSession spark) {
    Random random = new Random(15);
    List<Object[]> rows = new ArrayList<>();
    for (LocalDate date : List.of(D1, D2)) {
      for (String cit : List.of("IDN", "CHN", "VNM", "AUS", "PAK")) {
        boolean small = cit.equals("AUS") || cit.equals("PAK");
        for (String reason : REASONS) {
          for (String cls : CLASSES) {
            long persons = small ? random.nextInt(9) : 3 + random.nextInt(400);
            long longTerm = cls.equals("12m+") ? random.nextInt((int) persons + 1) : 0;
            rows.add(new Object[] {date.toString(), cit, reason, cls, "M", "25-34", persons, longTerm});
          }
        }
      }
    }
    Dataset<Row> gold = Frames.of(spark, PROFILE, rows.toArray(Object[][]::new));
    int checked = 0;
    int hidden = 0;
    List<PublishedCell> files = new ArrayList<>();
    for (LocalDate date : List.of(D1, D2)) {
      Release.Builder draft = Release.builder("R1@" + date + ".." + date);
      for (String indicator : List.of(BY_REASON, BY_VALIDITY)) {
        Publication.Part part = part(indicator);
        // holders by validity from the same gold rows, as permit_holders_stock adds up to them (OfficialDefinitionsTest)
        Dataset<Row> source = indicator.equals(BY_REASON) ? gold : gold.drop("reason");
        List<String> dims = part.indicator().dimensions();
        CellTable.Builder cells = CellTable.builder(Publication.spec(part));
        for (Row r : Publication.detail(part, source)
            .filter(org.apache.spark.sql.functions.col("period_start").equalTo(java.sql.Date.valueOf(date)))
            .collectAsList()) {
          Map<String, String> coords = new LinkedHashMap<>();
          for (int i = 0; i < dims.size(); i++) {
            coords.put(dims.get(i), r.getString(2 + i));
          }
          cells.add(coords, r.getLong(2 + dims.size()));
        }
        draft.table(cells.detail());
      }
      Suppression s = ResidenceRelease.protect(draft.build(), date, date, date, List.of());
      assertTrue(s.safe(), s.unresolved().toString());
      List<PublishedCell> published = ResidenceRelease.cells(s, date, date, date);
      files.addAll(published);
      Map<Map<String, String>, Double> shown = new HashMap<>();
      for (PublishedCell c : published) {
        if (c.key().indicator().equals(BY_REASON)) {
          shown.put(c.key().coordinates(), c.value());
          hidden += c.disposition().shown() ? 0 : 1;
        }
      }
      for (PublishedCell c : published) {
        Map<String, String> k = c.key().coordinates();
        if (!c.key().indicator().equals(BY_REASON) || !"12m+".equals(k.get("validity_class"))) {
          continue;
        }
        Double rest = shown.get(with(k, "12-59m"));
        Double part5 = shown.get(with(k, "5y_plus"));
        assertTrue(shown.containsKey(with(k, "12-59m")) && shown.containsKey(with(k, "5y_plus")), k.toString());
        if (c.value() != null && rest != null && part5 != null) {
          assertEquals(c.value(), rest + part5, 0.0, date + " " + k);
          checked++;
        } else {
          // hidden: never one child alone (the other would be its difference with the shown parent)
          assertFalse(c.value() != null && (rest == null) != (part5 == null), date + " " + k);
        }
        // and 12m+ is still a part of the total: _T = 3-5m + 6-11m + 12m+
        Double total = shown.get(with(k, "_T"));
        Double a = shown.get(with(k, "3-5m"));
        Double b = shown.get(with(k, "6-11m"));
        if (total != null && a != null && b != null && c.value() != null) {
          assertEquals(total, a + b + c.value(), 0.0, date + " " + k);
        }
      }
      // the tables share holders by citizenship x validity class: 12m+ of one is 12m+ of the other
      for (PublishedCell c : published) {
        if (c.key().indicator().equals(BY_VALIDITY) && c.value() != null) {
          Map<String, String> k = new LinkedHashMap<>(c.key().coordinates());
          k.put("reason", "_T");
          Double other = shown.get(Map.of("citizenship", k.get("citizenship"), "reason", "_T", "validity_class",
              k.get("validity_class")));
          if (other != null) {
            assertEquals(c.value(), other, 0.0, k.toString());
          }
        }
      }
      Double national5y = shown.get(Map.of("citizenship", "_T", "reason", "_T", "validity_class", "5y_plus"));
      assertTrue(national5y != null && national5y > 0, "the national long-term holders are published: " + national5y);
    }
    assertTrue(checked > 20, "nesting checked on " + checked + " shown triples");
    assertTrue(hidden > 0, "some cells are suppressed, so the audit has something to attack");
    assertEquals(List.of(), HistoryAudit.audit(files));
  }

  static Map<String, String> with(Map<String, String> k, String validity) {
    Map<String, String> out = new HashMap<>(k);
    out.put("validity_class", validity);
    return out;
  }
}
