package org.migstat.publish;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.migstat.catalog.RelationCatalog;
import org.migstat.catalog.RelationCatalog.Declaration;
import org.migstat.catalog.RelationCatalog.Measure;
import org.migstat.catalog.RelationCatalog.MeasureKind;
import org.migstat.disclosure.Auditor;
import org.migstat.disclosure.Cell;
import org.migstat.disclosure.Disposition;
import org.migstat.disclosure.CellKey;
import org.migstat.disclosure.CellRef;
import org.migstat.disclosure.CellTable;
import org.migstat.disclosure.Finding;
import org.migstat.disclosure.Flag;
import org.migstat.disclosure.Hierarchy;
import org.migstat.disclosure.Identity;
import org.migstat.disclosure.Link;
import org.migstat.disclosure.Policy;
import org.migstat.disclosure.PublishedCell;
import org.migstat.disclosure.Ratio;
import org.migstat.disclosure.RatioSpec;
import org.migstat.disclosure.Release;
import org.migstat.disclosure.TableSpec;

/**
 * The outside attacker of issue 12: every published cell of every release, as downloaded, and every relation the
 * {@link RelationCatalog} declares — margins, identities, shares, subsets, the same number in two tables, periods
 * that tile a longer one, nested periods (year to date at two dates, a month to date and its month) and vintages of
 * one number — in one linear problem. The {@link Auditor} then bounds every hidden cell and every difference a
 * reader can form; differences of two published cells are checked directly. Pure: typed cells in, findings out.
 *
 * <p>The same model, with the current release's true counts in place of a reader's view, is the problem {@link
 * ResidenceRelease} protects: earlier releases enter fixed.
 */
public final class HistoryAudit {
  private HistoryAudit() {}

  /**
   * Disclosure policy per family as a reader's model uses it. The source comparison republishes the figures of
   * other tables with their flags (its cells are those tables' cells, protected there) and hides embassy
   * registrations under 10 on their own, so it adds no threshold of its own.
   */
  static Policy policy(String family) {
    return switch (family) {
      case "residence" -> Policy.residence();
      case "cases" -> CasePublication.CASES;
      case "border" -> CasePublication.BORDER;
      case "comparison", "context" -> new Policy(family, 0, false, 0, 0, 0, false);
      default -> throw new IllegalArgumentException("no disclosure policy for family " + family);
    };
  }

  /** Findings over the whole release history: differences of published cells first, then the linear programs. */
  public static List<Finding> audit(List<PublishedCell> cells) {
    Model m = new Model(null);
    cells.forEach(m::add);
    m.relate();
    List<Finding> out = new ArrayList<>(m.directDifferences());
    out.addAll(Auditor.audit(m.build()));
    return out;
  }


  /**
   * The cells with every release whose cells are the same as an earlier release's (every key, value and
   * disposition: the same cells published again unchanged) left out, releases taken in order of reference date.
   * An identical copy tells a reader nothing the first did not: any point of a problem without it extends to one
   * with it, the copy equal to its twin. Without this a problem would grow by a copy with every release, however
   * little changed (issue 13: a year of monthly releases republishes the past years twelve times).
   */
  public static List<PublishedCell> distinctVintages(List<PublishedCell> cells) {
    Map<String, List<PublishedCell>> byRelease = new TreeMap<>();
    for (PublishedCell c : cells) {
      byRelease.computeIfAbsent(c.release(), k -> new ArrayList<>()).add(c);
    }
    List<Map.Entry<String, List<PublishedCell>>> releases = new ArrayList<>(byRelease.entrySet());
    releases.sort(Comparator.comparing((Map.Entry<String, List<PublishedCell>> e) ->
        e.getValue().get(0).referenceDate()).thenComparing(Map.Entry::getKey));
    java.util.Set<java.util.Set<List<Object>>> seen = new java.util.HashSet<>();
    List<PublishedCell> out = new ArrayList<>();
    for (Map.Entry<String, List<PublishedCell>> e : releases) {
      java.util.Set<List<Object>> content = new java.util.HashSet<>();
      e.getValue().forEach(c -> content.add(java.util.Arrays.asList(c.key(), c.value(), c.disposition())));
      if (seen.add(content)) {
        out.addAll(e.getValue());
      }
    }
    return out;
  }

  /** The reader's spec of a measure's table: the declared dimensions, their additivity and intermediate levels. */
  static TableSpec spec(String tableId, Declaration d, Measure m, String release, String period) {
    TableSpec.Builder b = TableSpec.builder(tableId, policy(d.family()))
        .population(m.population() + "@" + release + "@" + period);
    d.dimensions().forEach((dim, add) -> b.dimension(dim, switch (add) {
      case SUM -> Hierarchy.withParents(d.parents(dim));
      case MULTI_VALUED -> Hierarchy.flat().asMultiValued();
      case NONE -> Hierarchy.noTotal();
    }));
    return b.build();
  }

  /** The problem under construction: tables per release, measure and period, then the relations between them. */
  static final class Model {
    /** The release being protected (its tables keep the publish plan's ids), or null for a reader's view. */
    private final String current;
    private final Map<String, LocalDate> releaseDates = new HashMap<>();
    /** release -> key -> cell, counts only. */
    final Map<String, Map<CellKey, PublishedCell>> counts = new HashMap<>();
    private final Map<String, Map<CellKey, PublishedCell>> percents = new HashMap<>();
    private final Map<String, TableSpec> specs = new TreeMap<>();
    private final Map<String, List<Cell>> cells = new TreeMap<>();
    /** Tables whose cells hold true counts (the release being protected), by id. */
    private final Map<String, Boolean> truth = new HashMap<>();
    private final List<Identity> identities = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private final List<Ratio> ratios = new ArrayList<>();
    private final List<RatioSpec> ratioSpecs = new ArrayList<>();
    /** Cells of the release being protected that live in the caller's own tables (the case period layout). */
    private final Map<CellKey, CellRef> external = new HashMap<>();

    Model(String current) {
      this.current = current;
    }

    /**
     * Engine table id of a measure's cells of one release and period: the publish plan's id (indicator, or
     * indicator.measure) for the release being protected, prefixed by release and suffixed by period otherwise.
     */
    String tableId(String release, CellKey key) {
      Declaration d = RelationCatalog.of(key.indicator());
      String plain = d.measure(key.measure()).tableId(d);
      return release.equals(current) ? plain : release + ":" + plain + "@" + key.period();
    }

    /** A published cell of an earlier release (or of the history a reader holds). */
    void add(PublishedCell c) {
      add(c, null);
    }

    /**
     * A cell; {@code trueCount} non-null for a cell of the release being protected (its disposition is then
     * decided by the suppressor).
     */
    void add(PublishedCell c, Long trueCount) {
      Declaration d = RelationCatalog.find(c.key().indicator()).orElse(null);
      if (d == null) {
        return;
      }
      Measure m = d.measure(c.key().measure());
      releaseDates.merge(c.release(), c.referenceDate(), (a, b) -> a.isAfter(b) ? a : b);
      if (m.kind() == MeasureKind.PERCENT) {
        percents.computeIfAbsent(c.release(), k -> new HashMap<>()).put(c.key(), c);
        return;
      }
      if (m.kind() != MeasureKind.COUNT || (trueCount == null && !c.disposition().hidden() && !c.disposition().shown())) {
        return; // medians, UNODC context, cells not available
      }
      counts.computeIfAbsent(c.release(), k -> new HashMap<>()).put(c.key(), c);
      String id = tableId(c.release(), c.key());
      specs.computeIfAbsent(id, k -> spec(k, d, m, c.release(), c.key().period()));
      long value = trueCount != null ? trueCount : c.value() == null ? 0 : Math.max(0, Math.round(c.value()));
      Flag flag = trueCount == null && c.disposition().hidden() ? Flag.CONFIDENTIAL : null;
      cells.computeIfAbsent(id, k -> new ArrayList<>()).add(new Cell(id, c.key().coordinates(), value, flag));
      truth.merge(id, trueCount != null, Boolean::logicalOr);
    }

    /**
     * A cell of the release being protected that the caller keeps in its own table ({@code ref}), with its true
     * count: related to the earlier releases' cells by {@link #addTo}, not rebuilt here.
     */
    void current(CellKey key, CellRef ref, long trueCount, LocalDate referenceDate) {
      releaseDates.merge(current, referenceDate, (a, b) -> a.isAfter(b) ? a : b);
      counts.computeIfAbsent(current, k -> new HashMap<>()).put(key,
          new PublishedCell(current, referenceDate, key, (double) trueCount, Disposition.PUBLISHED));
      external.put(key, ref);
    }

    CellRef ref(String release, CellKey key) {
      if (release.equals(current) && external.containsKey(key)) {
        return external.get(key);
      }
      Map<CellKey, PublishedCell> r = counts.get(release);
      return r == null || !r.containsKey(key) ? null : CellRef.of(tableId(release, key), key.coordinates());
    }

    /**
     * Releases by reference date, the release being protected last whatever date its cells carry: it comes after
     * every release already out. (The residence publication used to pass a period's end as its cells' reference
     * date; by date, the current release then sorted before the earlier releases of an old period, its cells were
     * linked to the first vintage instead of the last one, and revisions of 1 since the previous release went out.)
     */
    List<String> releasesInOrder() {
      return releaseDates.keySet().stream()
          .sorted(Comparator.comparing((String r) -> r.equals(current))
              .thenComparing((String r) -> releaseDates.get(r)).thenComparing(r -> r)).toList();
    }

    /** Every declared relation, within each release and across releases. */
    void relate() {
      for (String r : releasesInOrder()) {
        Map<CellKey, PublishedCell> rc = counts.getOrDefault(r, Map.of());
        for (CellKey k : rc.keySet()) {
          for (RelationCatalog.Identity i : RelationCatalog.relations(RelationCatalog.Identity.class)) {
            if (i.indicator().equals(k.indicator()) && i.total().equals(k.measure())) {
              List<CellRef> parts = i.parts().stream().map(p -> ref(r, k.measure(p))).toList();
              if (!parts.contains(null)) {
                identities.add(new Identity(i.id(), ref(r, k), parts));
              }
            }
          }
          for (RelationCatalog.Subset s : RelationCatalog.relations(RelationCatalog.Subset.class)) {
            if (s.indicator().equals(k.indicator()) && s.whole().equals(k.measure()) && matches(k, s.wholeAt())) {
              CellRef part = ref(r, k.measure(s.part()).at(s.partAt()));
              if (part != null) {
                links.add(new Link(part, ref(r, k), Link.Kind.NESTED));
              }
            }
          }
          for (RelationCatalog.SameQuantity q : RelationCatalog.relations(RelationCatalog.SameQuantity.class)) {
            if (q.indicatorA().equals(k.indicator()) && q.measureA().equals(k.measure()) && matches(k, q.atA())) {
              Map<String, String> coords = new TreeMap<>(k.coordinates());
              q.atA().keySet().forEach(coords::remove);
              coords.putAll(q.atB());
              LocalDate start = q.period() == RelationCatalog.PeriodMap.MONTH_TO_DATE ? k.end().withDayOfMonth(1)
                  : k.start();
              CellRef b = ref(r, new CellKey(q.indicatorB(), q.measureB(), start, k.end(), coords));
              if (b != null) {
                identities.add(new Identity(q.id(), ref(r, k), List.of(b)));
              }
            }
          }
        }
        for (PublishedCell p : percents.getOrDefault(r, Map.of()).values()) {
          CellKey k = p.key();
          for (RelationCatalog.Share s : RelationCatalog.relations(RelationCatalog.Share.class)) {
            if (s.indicator().equals(k.indicator()) && s.measure().equals(k.measure())) {
              CellRef num = ref(r, k.measure(s.numerator()));
              CellRef den = ref(r, k.measure(s.denominator()).at(s.denominatorAt()));
              if (num != null && den != null) {
                RatioSpec spec = new RatioSpec(k.indicator() + "." + k.measure() + "|" + r + "|" + k, num, den,
                    s.scale(), s.decimals());
                ratios.add(new Ratio(spec, p.disposition().shown() ? p.value() : null,
                    p.disposition().hidden() ? Flag.CONFIDENTIAL : p.disposition().shown() ? null : Flag.NOT_APPLICABLE));
              }
            }
          }
        }
      }
      periods();
    }

    /**
     * Periods: within a release, a count additive in time is the sum of the published periods that tile its period;
     * across all releases, a count over a period contains the count over a shorter one with the same start (the
     * latest vintage of the longest shorter period), and two vintages of one cell are linked.
     */
    private void periods() {
      List<String> order = releasesInOrder();
      Map<String, Integer> rank = new HashMap<>();
      for (int i = 0; i < order.size(); i++) {
        rank.put(order.get(i), i);
      }
      // (indicator.measure, coordinates, start) -> end -> releases in order
      Map<List<Object>, TreeMap<LocalDate, List<String>>> chains = new HashMap<>();
      // (release, indicator.measure) -> periods
      Map<List<String>, List<LocalDate[]>> periodsOf = new HashMap<>();
      for (String r : order) {
        for (CellKey k : counts.getOrDefault(r, Map.of()).keySet()) {
          List<Object> chain = List.of(k.indicator(), k.measure(), k.coordinates(), k.start());
          chains.computeIfAbsent(chain, x -> new TreeMap<>()).computeIfAbsent(k.end(), x -> new ArrayList<>()).add(r);
          List<LocalDate[]> ps = periodsOf.computeIfAbsent(List.of(r, k.indicator(), k.measure()), x -> new ArrayList<>());
          if (ps.stream().noneMatch(p -> p[0].equals(k.start()) && p[1].equals(k.end()))) {
            ps.add(new LocalDate[] {k.start(), k.end()});
          }
        }
      }
      for (Map.Entry<List<Object>, TreeMap<LocalDate, List<String>>> e : chains.entrySet()) {
        String ind = (String) e.getKey().get(0);
        String measure = (String) e.getKey().get(1);
        @SuppressWarnings("unchecked")
        Map<String, String> coords = (Map<String, String>) e.getKey().get(2);
        LocalDate start = (LocalDate) e.getKey().get(3);
        boolean flow = !RelationCatalog.of(ind).stock();
        LocalDate prevEnd = null;
        for (Map.Entry<LocalDate, List<String>> byEnd : e.getValue().entrySet()) {
          List<String> vintages = byEnd.getValue();
          vintages.sort(Comparator.comparing(rank::get));
          CellKey key = new CellKey(ind, measure, start, byEnd.getKey(), coords);
          for (int i = 1; i < vintages.size(); i++) {
            links.add(new Link(ref(vintages.get(i - 1), key), ref(vintages.get(i), key), Link.Kind.VINTAGE));
          }
          linkToEveryPublishedVintage(key, vintages);
          if (flow && prevEnd != null) {
            List<String> before = e.getValue().get(prevEnd);
            CellKey shorter = key.over(start, prevEnd);
            CellRef from = ref(before.get(before.size() - 1), shorter);
            for (String r : vintages) {
              links.add(new Link(from, ref(r, key), Link.Kind.NESTED));
            }
          }
          prevEnd = byEnd.getKey();
        }
      }
      for (Map.Entry<List<String>, List<LocalDate[]>> e : periodsOf.entrySet()) {
        String r = e.getKey().get(0);
        String ind = e.getKey().get(1);
        String measure = e.getKey().get(2);
        Declaration d = RelationCatalog.of(ind);
        if (d.stock() || !d.measure(measure).timeAdditive()) {
          continue;
        }
        for (LocalDate[] p : e.getValue()) {
          List<LocalDate[]> tiles = tiling(p, e.getValue());
          if (tiles == null) {
            continue;
          }
          for (CellKey k : counts.get(r).keySet()) {
            if (!k.indicator().equals(ind) || !k.measure().equals(measure) || !k.start().equals(p[0])
                || !k.end().equals(p[1])) {
              continue;
            }
            List<CellRef> parts = tiles.stream().map(t -> ref(r, k.over(t[0], t[1]))).toList();
            if (!parts.contains(null)) {
              identities.add(new Identity("periods", ref(r, k), parts));
            }
          }
        }
      }
    }

    /**
     * The cell being protected linked ({@link Link.Kind#REVISION}) to every earlier vintage that published a value of
     * its own, not only to the previous vintage: a reader subtracts any two published vintages. Linked to the
     * previous one alone, a cell published as 10 in a first release, hidden in a second (revised by 2), and published
     * as 12 in a third gave the revision of 2 away (issue 13: a release stays safe with every earlier release, over
     * a sequence of them). One link per distinct earlier value: equal values give the same difference.
     */
    private void linkToEveryPublishedVintage(CellKey key, List<String> vintages) {
      int last = vintages.size() - 1;
      if (current == null || last < 2 || !vintages.get(last).equals(current)) {
        return;
      }
      java.util.Set<Long> linked = new java.util.HashSet<>();
      PublishedCell previous = counts.get(vintages.get(last - 1)).get(key);
      if (previous.disposition().shown() && previous.value() != null) {
        linked.add(Math.round(previous.value()));
      }
      for (int i = last - 2; i >= 0; i--) {
        PublishedCell c = counts.get(vintages.get(i)).get(key);
        if (c.disposition().shown() && c.value() != null && linked.add(Math.round(c.value()))) {
          links.add(new Link(ref(vintages.get(i), key), ref(current, key), Link.Kind.REVISION));
        }
      }
    }

    /** The finest tiling of a period by other periods (shortest first, with backtracking), or null. */
    static List<LocalDate[]> tiling(LocalDate[] period, List<LocalDate[]> all) {
      List<LocalDate[]> inside = new ArrayList<>();
      for (LocalDate[] p : all) {
        boolean same = p[0].equals(period[0]) && p[1].equals(period[1]);
        if (!same && !p[0].isBefore(period[0]) && !p[1].isAfter(period[1])) {
          inside.add(p);
        }
      }
      inside.sort(Comparator.comparing((LocalDate[] p) -> p[0]).thenComparing(p -> p[1]));
      List<LocalDate[]> out = new ArrayList<>();
      return tile(period[0], period[1], inside, out) ? out : null;
    }

    private static boolean tile(LocalDate from, LocalDate to, List<LocalDate[]> inside, List<LocalDate[]> out) {
      if (from.isAfter(to)) {
        return true;
      }
      for (LocalDate[] p : inside) {
        if (p[0].equals(from)) {
          out.add(p);
          if (tile(p[1].plusDays(1), to, inside, out)) {
            return true;
          }
          out.remove(out.size() - 1);
        }
      }
      return false;
    }

    static boolean matches(CellKey k, Map<String, String> at) {
      for (Map.Entry<String, String> e : at.entrySet()) {
        if (!e.getValue().equals(k.coordinates().get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }

    /**
     * Differences of two published cells a reader subtracts without any solver: same number in two vintages, or
     * two periods with the same start; a finding when the difference is a count of 1..n-1 in a family that
     * suppresses.
     */
    List<Finding> directDifferences() {
      Map<List<Object>, List<PublishedCell>> groups = new HashMap<>();
      for (Map<CellKey, PublishedCell> rc : counts.values()) {
        for (PublishedCell c : rc.values()) {
          if (c.disposition().shown()) {
            CellKey k = c.key();
            groups.computeIfAbsent(List.of(k.indicator(), k.measure(), k.coordinates(), k.start()), x -> new ArrayList<>())
                .add(c);
          }
        }
      }
      List<Finding> out = new ArrayList<>();
      for (List<PublishedCell> g : groups.values()) {
        Declaration d = RelationCatalog.of(g.get(0).key().indicator());
        Policy pol = policy(d.family());
        if (!pol.suppresses(d.dimensions().size())) {
          continue;
        }
        g.sort(Comparator.comparing((PublishedCell c) -> c.key().end()).thenComparing(PublishedCell::referenceDate)
            .thenComparing(PublishedCell::release));
        for (int i = 0; i < g.size(); i++) {
          for (int j = i + 1; j < g.size(); j++) {
            PublishedCell a = g.get(i);
            PublishedCell b = g.get(j);
            boolean vintage = a.key().end().equals(b.key().end());
            long diff = Math.round(b.value()) - Math.round(a.value());
            if (!vintage && d.stock()) {
              continue;
            }
            long n = vintage ? Math.abs(diff) : diff;
            boolean announced = pol.keepGrandTotal() && b.key().coordinates().values().stream().allMatch("_T"::equals);
            if (pol.unsafe(n) && !announced) {
              out.add(new Finding(tableId(b.release(), b.key()), b.key().coordinates(), n, n,
                  (vintage ? "revision since release " + a.release() : "difference with " + a.key().period()
                      + " of release " + a.release()) + " is a count of " + n + " (threshold " + pol.threshold() + ")"));
            }
          }
        }
      }
      out.sort(Comparator.comparing(Finding::toString));
      return out;
    }

    /** The problem: every table (earlier releases fixed, the current one with true counts), every relation. */
    Release build() {
      Release.Builder b = Release.builder("history");
      boolean protecting = truth.containsValue(true);
      for (Map.Entry<String, List<Cell>> e : cells.entrySet()) {
        TableSpec spec = specs.get(e.getKey());
        if (truth.get(e.getKey())) {
          b.table(CellTable.asGiven(spec, e.getValue()));
        } else if (protecting) {
          b.fixedTable(CellTable.asPublished(spec, e.getValue()));
        } else {
          b.table(CellTable.asPublished(spec, e.getValue()));
        }
      }
      identities.forEach(b::identity);
      links.forEach(b::link);
      ratios.forEach(b::publishedRatio);
      ratioSpecs.forEach(b::ratio);
      return b.build();
    }

    /**
     * Adds the earlier releases to a problem whose current tables the caller built: their tables fixed, their
     * published shares, and every identity and link that involves an earlier cell (those among current cells are
     * the caller's own layout).
     */
    void addTo(Release.Builder b) {
      for (Map.Entry<String, List<Cell>> e : cells.entrySet()) {
        b.fixedTable(CellTable.asPublished(specs.get(e.getKey()), e.getValue()));
      }
      for (Identity i : identities) {
        List<CellRef> all = new ArrayList<>(i.parts());
        all.add(i.total());
        if (!all.stream().allMatch(external::containsValue)) {
          b.identity(i);
        }
      }
      for (Link l : links) {
        if (!(external.containsValue(l.earlier()) && external.containsValue(l.later()))) {
          b.link(l);
        }
      }
      ratios.forEach(b::publishedRatio);
    }

    /** Share specs of the current release (evaluated by the suppressor's rule) instead of published ratios. */
    void shareSpecs(String release) {
      for (CellKey k : counts.getOrDefault(release, Map.of()).keySet()) {
        for (RelationCatalog.Share s : RelationCatalog.relations(RelationCatalog.Share.class)) {
          if (s.indicator().equals(k.indicator()) && s.denominator().equals(k.measure()) && matches(k, s.denominatorAt())
              && (s.denominatorAt().isEmpty() || !s.numerator().equals(s.denominator()))) {
            CellRef num = ref(release, k.measure(s.numerator()));
            if (num != null) {
              ratioSpecs.add(new RatioSpec(k.indicator() + "." + s.measure() + "|" + k.coordinates(), num,
                  ref(release, k), s.scale(), s.decimals()));
            }
          }
        }
      }
    }
  }
}
