package org.migstat.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.migstat.catalog.Indicator;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.catalog.RelationCatalog;
import org.migstat.catalog.RelationCatalog.Declaration;
import org.migstat.catalog.RelationCatalog.Measure;
import org.migstat.catalog.RelationCatalog.MeasureKind;
import org.migstat.catalog.TableDef;
import org.migstat.catalog.Tables;

/** The catalogue of relations is complete: every published number is declared, and every pair a reader can set side by side. */
class RelationCatalogTest {

  @Test
  void everyPublishedIndicatorHasOneDeclarationWhoseGoldColumnsExist() {
    Set<String> declared = new TreeSet<>();
    RelationCatalog.declarations().forEach(d -> declared.add(d.indicator().id()));
    Set<String> published = new TreeSet<>();
    IndicatorCatalog.INDICATORS.forEach(i -> published.add(i.id()));
    assertEquals(published, declared);
    for (Declaration d : RelationCatalog.declarations()) {
      for (Measure m : d.measures()) {
        TableDef gold = Tables.ALL.stream().filter(t -> t.qualifiedName().equals(m.goldTable())).findFirst()
            .orElseThrow(() -> new AssertionError(m + ": no gold table " + m.goldTable()));
        assertTrue(Arrays.asList(gold.columnNames()).contains(m.goldColumn()), m + ": no column " + m.goldColumn());
        assertTrue(d.indicator().sourceTables().contains(m.goldTable()), m + " is not from the indicator's sources");
        assertEquals(m.kind() == MeasureKind.COUNT, m.population() != null, m + ": a count has a population");
      }
    }
  }

  @Test
  void everyRelationNamesDeclaredMeasures() {
    Set<String> measures = new HashSet<>();
    Set<String> populations = new HashSet<>(List.of("population:*", "population:context"));
    for (Declaration d : RelationCatalog.declarations()) {
      for (Measure m : d.measures()) {
        measures.add(m.indicator() + "." + m.name());
        if (m.population() != null) {
          populations.add("population:" + m.population());
        }
      }
    }
    for (RelationCatalog.Relation r : RelationCatalog.RELATIONS) {
      for (String m : r.measures()) {
        assertTrue(measures.contains(m) || populations.contains(m), r.id() + " names an unknown " + m);
      }
    }
  }

  /**
   * For every pair of published numbers that share coordinates (the same indicator, or two indicators of the same
   * kind one of whose breakdowns contains the other's), the catalogue relates them — the same population, a
   * declared relation (directly, or through a measure of the same population), or a declared independence.
   */
  @Test
  void everyPairOfPublishedNumbersSharingCoordinatesIsRelatedOrDeclaredIndependent() {
    List<Measure> all = new ArrayList<>();
    RelationCatalog.declarations().forEach(d -> all.addAll(d.measures()));
    List<String> missing = new ArrayList<>();
    int pairs = 0;
    for (int i = 0; i < all.size(); i++) {
      for (int j = i + 1; j < all.size(); j++) {
        Measure a = all.get(i);
        Measure b = all.get(j);
        if (!shareCoordinates(a, b)) {
          continue;
        }
        pairs++;
        if (!related(a, b, all)) {
          missing.add(key(a) + " ~ " + key(b));
        }
      }
    }
    assertEquals(List.of(), missing, "pairs with no declared relation or independence");
    assertTrue(pairs > 40, "pairs checked: " + pairs);
  }

  static boolean shareCoordinates(Measure a, Measure b) {
    Indicator ia = IndicatorCatalog.find(a.indicator()).orElseThrow();
    Indicator ib = IndicatorCatalog.find(b.indicator()).orElseThrow();
    if (ia == ib) {
      return true;
    }
    if (ia.kind() != ib.kind()) {
      return false;
    }
    return ia.dimensions().containsAll(ib.dimensions()) || ib.dimensions().containsAll(ia.dimensions());
  }

  static String key(Measure m) {
    return m.indicator() + "." + m.name();
  }

  static String population(Measure m) {
    return m.kind() == MeasureKind.CONTEXT ? "context" : m.population();
  }

  /**
   * Related: in one component of the graph whose edges are the declared relations (a side with fixed coordinates,
   * such as one source of the comparison, is its own node) and same populations; the linear programs follow such
   * chains. Otherwise independent: some pair of their components is declared independent.
   */
  static boolean related(Measure a, Measure b, List<Measure> all) {
    Map<String, String> parent = new java.util.HashMap<>();
    for (Measure m : all) {
      union(parent, key(m), "population:" + population(m));
    }
    for (RelationCatalog.Relation r : RelationCatalog.RELATIONS) {
      List<String> nodes = r.measures();
      if (r instanceof RelationCatalog.SameQuantity q) {
        nodes = List.of(node(q.indicatorA(), q.measureA(), q.atA()), node(q.indicatorB(), q.measureB(), q.atB()));
      } else if (r instanceof RelationCatalog.Subset q) {
        nodes = List.of(node(q.indicator(), q.part(), q.partAt()), node(q.indicator(), q.whole(), q.wholeAt()));
      } else if (r instanceof RelationCatalog.Independent) {
        nodes = List.of();
      }
      for (int i = 1; i < nodes.size(); i++) {
        union(parent, nodes.get(0), nodes.get(i));
      }
    }
    Set<String> ca = components(parent, a);
    Set<String> cb = components(parent, b);
    for (String c : ca) {
      if (cb.contains(c)) {
        return true;
      }
    }
    for (RelationCatalog.Independent r : RelationCatalog.relations(RelationCatalog.Independent.class)) {
      String x = find(parent, r.a());
      String y = find(parent, r.b());
      boolean anyX = r.a().equals("population:*");
      boolean anyY = r.b().equals("population:*");
      if (((anyX || ca.contains(x)) && (anyY || cb.contains(y))) || ((anyX || cb.contains(x)) && (anyY || ca.contains(y)))) {
        return true;
      }
    }
    return false;
  }

  static String node(String indicator, String measure, Map<String, String> at) {
    return indicator + "." + measure + (at.isEmpty() ? "" : new java.util.TreeMap<>(at).toString());
  }

  /** The components of the measure's node and of every fixed-coordinate node of it. */
  static Set<String> components(Map<String, String> parent, Measure m) {
    Set<String> out = new HashSet<>();
    for (String n : new ArrayList<>(parent.keySet())) {
      if (n.equals(key(m)) || n.startsWith(key(m) + "{")) {
        out.add(find(parent, n));
      }
    }
    return out;
  }

  static String find(Map<String, String> parent, String n) {
    String p = parent.getOrDefault(n, n);
    if (p.equals(n)) {
      parent.putIfAbsent(n, n);
      return n;
    }
    String root = find(parent, p);
    parent.put(n, root);
    return root;
  }

  static void union(Map<String, String> parent, String a, String b) {
    String ra = find(parent, a);
    String rb = find(parent, b);
    if (!ra.equals(rb)) {
      parent.put(ra, rb);
    }
  }

  @Test
  void declaredDimensionsAreTheIndicatorsOwn() {
    for (Declaration d : RelationCatalog.declarations()) {
      assertEquals(d.indicator().dimensions(), List.copyOf(d.dimensions().keySet()), d.indicator().id());
      assertEquals(d.indicator().measures(), d.measures().stream().map(Measure::name).toList(), d.indicator().id());
      assertTrue(Map.of("residence", 1, "cases", 1, "border", 1, "comparison", 1, "context", 1)
          .containsKey(d.family()), d.family());
    }
  }

  /**
   * A split (a gold code published one level down, issue 15's 5-years class in 12 months or more) names a gold
   * column of every count it splits, and codes the catalogue labels; its parent stays a child of the total.
   */
  @Test
  void everySplitNamesAGoldColumnAndCataloguedCodes() {
    int splits = 0;
    for (Declaration d : RelationCatalog.declarations()) {
      for (RelationCatalog.Split s : d.splits()) {
        splits++;
        for (Measure m : d.measures()) {
          TableDef gold = Tables.ALL.stream().filter(t -> t.qualifiedName().equals(m.goldTable())).findFirst()
              .orElseThrow();
          assertTrue(Arrays.asList(gold.columnNames()).contains(s.partColumn()), m + ": no column " + s.partColumn());
        }
        Map<String, ?> codes = IndicatorCatalog.DIMENSIONS.get(s.dimension()).codes();
        for (String code : List.of(s.code(), s.rest(), s.part())) {
          assertTrue(codes.containsKey(code), d.indicator().id() + ": " + code + " is not a catalogue code");
        }
        assertEquals(Map.of(s.rest(), s.code(), s.part(), s.code()), d.parents(s.dimension()));
      }
    }
    assertEquals(List.of(RelationCatalog.VALIDITY_5Y), RelationCatalog.of("permit_holders_by_reason").splits());
    assertEquals(1, splits);
  }
}
