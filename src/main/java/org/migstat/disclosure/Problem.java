package org.migstat.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The attacker's view of a release as linear algebra: one {@link Q quantity} per distinct count (linked
 * cells merged, earlier releases and differencing increments included) and homogeneous linear
 * constraints over them (additivity, differencing, published ratios). Shared by the suppressor, which
 * changes which quantities are hidden, and the auditor, which bounds the hidden ones.
 */
final class Problem {
  enum Kind { CELL, INCREMENT }

  /** A count the attacker reasons about. */
  static final class Q {
    final int id;
    final Kind kind;
    final String release;
    final boolean current;
    final List<Cell> cells = new ArrayList<>();
    final List<CellTable> tables = new ArrayList<>();
    final String key;
    long value;
    /** Whether {@code value} is the true count (false for hidden cells of a reader's view). */
    boolean known;
    boolean hidden;
    boolean pinned;
    boolean sensitive;
    boolean mixedFlags;
    int margin;
    int threshold;
    int level;
    long pubLo;
    long pubHi;
    String rule;
    final Set<String> protects = new LinkedHashSet<>();
    String incrementTable;
    Map<String, String> incrementCoords;
    String incrementFrom;
    /** For an increment of a declared {@link Link}: its kind; null for a differencing chain. */
    Link.Kind linkKind;

    Q(int id, Kind kind, String release, boolean current, String key) {
      this.id = id;
      this.kind = kind;
      this.release = release;
      this.current = current;
      this.key = key;
    }

    /** Label used in audit rows and findings. */
    String label() {
      if (kind == Kind.INCREMENT) {
        return CellRef.label(incrementTable, incrementCoords) + " increment " + incrementFrom + "->" + release;
      }
      String l = cells.get(0).label();
      return current ? l : release + ":" + l;
    }

    boolean hideable() {
      return kind == Kind.CELL && current && !hidden && !pinned;
    }

    @Override
    public String toString() {
      return label() + "=" + value + (hidden ? "[c]" : "");
    }
  }

  /** {@code sum(a[i] * x[q[i]]) == 0} (or {@code <= 0}); {@code parent} indexes the total, -1 if none. */
  record Con(int[] q, double[] a, boolean equality, int parent) {}

  /** A ratio; {@code given} is fixed as published, otherwise it follows the publication rule. */
  record RatioCon(RatioSpec spec, Q num, Q den, boolean numUnsafe, boolean denUnsafe, Ratio given) {}

  final List<Q> qs = new ArrayList<>();
  final List<Con> cons = new ArrayList<>();
  final List<RatioCon> ratios = new ArrayList<>();
  private final Map<String, Q> byCell = new HashMap<>();
  private final Set<String> conSignatures = new HashSet<>();
  private final Set<String> fixedTables = new HashSet<>();

  private Problem() {}

  /**
   * The problem for a release and its history. {@code suppressing}: the current release's cells are
   * hidden when any linked copy is flagged [c] (a manual request) and its ratios follow the rule;
   * otherwise everything is taken as published (hidden only when every copy is flagged [c]).
   */
  static Problem of(Release release, boolean suppressing) {
    Problem p = new Problem();
    List<Release> chain = new ArrayList<>();
    for (Release r = release; r != null; r = r.previous()) {
      chain.add(r);
    }
    for (int k = 0; k < chain.size(); k++) {
      p.addRelease(chain.get(k), k == 0, k == 0 && suppressing);
    }
    for (int k = 0; k + 1 < chain.size(); k++) {
      p.addDifferencing(chain.get(k), chain.get(k + 1));
    }
    for (Identity i : release.identities()) {
      p.addIdentity(release, i);
    }
    for (Link l : release.links()) {
      p.addLink(release, l);
    }
    for (RatioSpec s : release.ratioSpecs()) {
      p.addRatio(release, Ratio.evaluate(s, release), suppressing);
    }
    for (Ratio r : release.givenRatios()) {
      p.addRatio(release, r, false);
    }
    return p;
  }

  Q quantity(String releaseId, CellRef ref) {
    return byCell.get(releaseId + "|" + ref.tableId() + "|" + canonical(ref.coordinates()));
  }

  private static String canonical(Map<String, String> coords) {
    return new TreeMap<>(coords).toString();
  }

  private static String cellKey(String releaseId, Cell c) {
    return releaseId + "|" + c.tableId() + "|" + canonical(c.coordinates());
  }

  private void addRelease(Release r, boolean current, boolean suppressing) {
    // union-find over the cells of this release, merging the copies of shared margins
    List<Cell> all = new ArrayList<>();
    Map<String, Integer> idx = new HashMap<>();
    Map<String, CellTable> tableOf = new HashMap<>();
    for (CellTable t : r.tables()) {
      for (Cell c : t.cells()) {
        idx.put(cellKey(r.id(), c), all.size());
        all.add(c);
        tableOf.put(t.id(), t);
      }
    }
    int[] parent = new int[all.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    for (SharedMargin m : r.sharedMargins()) {
      CellTable a = r.table(m.tableA());
      CellTable b = r.table(m.tableB());
      Map<Map<String, String>, Cell> marginOfA = marginCells(a, m.dimensions());
      for (Map.Entry<Map<String, String>, Cell> e : marginCells(b, m.dimensions()).entrySet()) {
        Cell ca = marginOfA.get(e.getKey());
        if (ca == null) {
          continue;
        }
        Cell cb = e.getValue();
        if (a.valueKnown(ca) && b.valueKnown(cb) && ca.value() != cb.value()) {
          throw new IllegalArgumentException("release " + r.id() + ": linked cells differ: " + ca.label() + " = "
              + ca.value() + " but " + cb.label() + " = " + cb.value());
        }
        union(parent, idx.get(cellKey(r.id(), ca)), idx.get(cellKey(r.id(), cb)));
      }
    }
    Map<Integer, Q> byRoot = new TreeMap<>();
    for (int i = 0; i < all.size(); i++) {
      int root = find(parent, i);
      Cell c = all.get(i);
      Q q = byRoot.get(root);
      if (q == null) {
        q = new Q(qs.size(), Kind.CELL, r.id(), current && !r.isFixed(c.tableId()), r.id() + "|" + c.label());
        q.level = Integer.MAX_VALUE;
        q.pubLo = 0;
        q.pubHi = Long.MAX_VALUE;
        byRoot.put(root, q);
        qs.add(q);
      }
      q.cells.add(c);
      q.tables.add(tableOf.get(c.tableId()));
      byCell.put(cellKey(r.id(), c), q);
    }
    for (CellTable t : r.tables()) {
      if (r.isFixed(t.id())) {
        fixedTables.add(t.id());
      }
    }
    for (Q q : byRoot.values()) {
      initialise(q, suppressing);
    }
    for (CellTable t : r.tables()) {
      for (Relation rel : t.relations()) {
        Q total = quantity(r.id(), rel.total());
        List<Q> parts = rel.parts().stream().map(p -> quantity(r.id(), p)).toList();
        if (rel.kind() == Relation.Kind.SUM) {
          List<Q> members = new ArrayList<>();
          List<Double> coefs = new ArrayList<>();
          members.add(total);
          coefs.add(1.0);
          for (Q p : parts) {
            members.add(p);
            coefs.add(-1.0);
          }
          addCon(members, coefs, true, total);
        } else {
          for (Q p : parts) {
            addCon(List.of(p, total), List.of(1.0, -1.0), false, null);
          }
          List<Q> members = new ArrayList<>(List.of(total));
          List<Double> coefs = new ArrayList<>(List.of(1.0));
          for (Q p : parts) {
            members.add(p);
            coefs.add(-1.0);
          }
          addCon(members, coefs, false, null);
        }
      }
    }
  }

  private void initialise(Q q, boolean suppressing) {
    boolean anyHidden = false;
    boolean allHidden = true;
    int marginAll = 0;
    int thresholdAll = 0;
    for (int i = 0; i < q.cells.size(); i++) {
      Cell c = q.cells.get(i);
      CellTable t = q.tables.get(i);
      Policy pol = t.spec().policy();
      anyHidden |= c.suppressed();
      allHidden &= c.suppressed();
      boolean known = t.valueKnown(c);
      if (known && !q.known) {
        q.known = true;
        q.value = c.value();
      }
      q.level = Math.min(q.level, t.level(c));
      q.pinned |= fixedTables.contains(t.id());
      marginAll = Math.max(marginAll, pol.margin());
      thresholdAll = Math.max(thresholdAll, pol.threshold());
      if (t.spec().suppresses()) {
        q.margin = Math.max(q.margin, pol.margin());
        q.threshold = Math.max(q.threshold, pol.threshold());
        if (known && pol.unsafe(c.value()) && !q.sensitive) {
          q.sensitive = true;
          q.rule = pol.primaryRule();
        }
      }
      if (pol.keepGrandTotal() && t.isGrandTotal(c)) {
        q.pinned = true;
      }
      if (!c.suppressed()) {
        long shown = pol.round(c.value());
        q.pubLo = Math.max(q.pubLo, pol.roundedLow(shown));
        q.pubHi = Math.min(q.pubHi, pol.roundedHigh(shown));
      }
    }
    if (q.margin == 0 && q.threshold == 0) {
      q.margin = marginAll;
      q.threshold = thresholdAll;
    }
    if (!q.sensitive) {
      q.rule = null;
    }
    q.pinned |= !q.current;
    if (suppressing) {
      q.hidden = anyHidden;
      if (anyHidden && !q.sensitive) {
        q.rule = "primary:manual";
      }
    } else {
      q.hidden = allHidden;
      q.mixedFlags = anyHidden && !allHidden;
    }
    if (q.pubHi == Long.MAX_VALUE) {
      q.pubLo = q.value;
      q.pubHi = q.value;
    }
  }

  private static Map<Map<String, String>, Cell> marginCells(CellTable t, List<String> shared) {
    Map<Map<String, String>, Cell> out = new HashMap<>();
    TableSpec s = t.spec();
    for (Cell c : t.cells()) {
      boolean margin = true;
      for (String d : s.dimensions()) {
        if (!shared.contains(d)) {
          Hierarchy h = s.hierarchy(d);
          margin &= h.hasTotal() && h.total().equals(c.coordinates().get(d));
        }
      }
      if (margin) {
        Map<String, String> k = new TreeMap<>();
        for (String d : shared) {
          k.put(d, c.coordinates().get(d));
        }
        out.put(k, c);
      }
    }
    return out;
  }

  private void addDifferencing(Release later, Release earlier) {
    for (String tableId : later.cumulativeTables()) {
      CellTable lt = later.table(tableId);
      CellTable et = earlier.table(tableId);
      Map<String, Map<String, String>> coords = new TreeMap<>();
      Map<String, Cell> lc = new HashMap<>();
      Map<String, Cell> ec = new HashMap<>();
      for (Cell c : lt.cells()) {
        coords.put(c.label(), c.coordinates());
        lc.put(c.label(), c);
      }
      for (Cell c : et.cells()) {
        Map<String, String> normal = new java.util.LinkedHashMap<>();
        for (String d : lt.spec().dimensions()) {
          normal.put(d, c.coordinates().get(d));
        }
        String label = CellRef.label(tableId, normal);
        coords.putIfAbsent(label, normal);
        ec.put(label, c);
      }
      Policy pol = lt.spec().policy();
      for (Map.Entry<String, Map<String, String>> e : coords.entrySet()) {
        Cell l = lc.get(e.getKey());
        Cell ear = ec.get(e.getKey());
        boolean known = (l == null || lt.valueKnown(l)) && (ear == null || et.valueKnown(ear));
        long inc = known ? (l == null ? 0 : l.value()) - (ear == null ? 0 : ear.value()) : 0;
        if (inc < 0) {
          throw new IllegalArgumentException("table " + tableId + " is not cumulative from release " + earlier.id()
              + " to " + later.id() + ": " + e.getKey() + " went down by " + (-inc));
        }
        Q q = new Q(qs.size(), Kind.INCREMENT, later.id(), false, later.id() + "|" + e.getKey() + "|increment");
        q.value = inc;
        q.known = known;
        q.hidden = true;
        q.pinned = true;
        q.margin = pol.margin();
        q.threshold = pol.threshold();
        q.sensitive = known && lt.spec().suppresses() && pol.unsafe(inc);
        q.incrementTable = tableId;
        q.incrementCoords = e.getValue();
        q.incrementFrom = earlier.id();
        q.level = l == null ? 0 : lt.level(l);
        qs.add(q);
        List<Q> members = new ArrayList<>();
        List<Double> coefs = new ArrayList<>();
        Q ql = l == null ? null : byCell.get(cellKey(later.id(), l));
        if (ql != null) {
          members.add(ql);
          coefs.add(1.0);
        }
        if (ear != null) {
          members.add(byCell.get(cellKey(earlier.id(), ear)));
          coefs.add(-1.0);
        }
        members.add(q);
        coefs.add(-1.0);
        addCon(members, coefs, true, ql);
      }
    }
  }

  private void addIdentity(Release r, Identity identity) {
    Q total = quantity(r.id(), identity.total());
    List<Q> members = new ArrayList<>(List.of(total));
    List<Double> coefs = new ArrayList<>(List.of(1.0));
    long sum = 0;
    boolean known = total.known;
    for (CellRef part : identity.parts()) {
      Q q = quantity(r.id(), part);
      members.add(q);
      coefs.add(-1.0);
      sum += q.value;
      known &= q.known;
    }
    if (known && sum != total.value) {
      throw new IllegalArgumentException("release " + r.id() + ": identity " + identity.id() + " does not hold at "
          + identity.total().label() + ": " + total.value + " but the parts sum to " + sum);
    }
    addCon(members, coefs, true, total);
  }

  /**
   * A difference a reader can form. Nested periods: later = earlier + increment (at least 0). Vintages: the
   * difference in the direction the true counts give; skipped when a value is unknown (then one of the two cells
   * is hidden, and its own interval is checked against a margin at least the threshold, which bounds the
   * difference too) or when the cell did not change.
   */
  private void addLink(Release r, Link link) {
    Q later = quantity(r.id(), link.later());
    Q earlier = quantity(r.id(), link.earlier());
    boolean known = later.known && earlier.known;
    long d = later.value - earlier.value;
    if (link.kind() == Link.Kind.REVISION) {
      CellTable lt = r.table(link.later().tableId());
      Policy pol = lt.spec().policy();
      boolean announced = pol.keepGrandTotal() && lt.isGrandTotal(r.cell(link.later()));
      if (known && later.current && d != 0 && lt.spec().suppresses() && pol.unsafe(Math.abs(d)) && !announced) {
        later.sensitive = true;
        later.margin = Math.max(later.margin, pol.margin());
        later.threshold = Math.max(later.threshold, pol.threshold());
        if (later.rule == null) {
          later.rule = "secondary";
        }
        if ("secondary".equals(later.rule)) {
          later.protects.add("revision since " + link.earlier().label());
        }
      }
      return;
    }
    int sign = 1;
    if (link.kind() == Link.Kind.NESTED) {
      if (known && d < 0) {
        return; // shrank by a revision: not a count of persons in between
      }
    } else {
      if (!known || d == 0) {
        return;
      }
      sign = d > 0 ? 1 : -1;
    }
    CellTable lt = r.table(link.later().tableId());
    Policy pol = lt.spec().policy();
    long inc = known ? Math.abs(d) : 0;
    Q q = new Q(qs.size(), Kind.INCREMENT, r.id(), false,
        r.id() + "|" + link.earlier().label() + "->" + link.later().label() + "|" + link.kind());
    q.value = inc;
    q.known = known;
    q.hidden = true;
    q.pinned = true;
    q.margin = pol.margin();
    q.threshold = pol.threshold();
    // an announced grand total stays exact in every vintage: its revision is published as such ([r])
    boolean announced = pol.keepGrandTotal() && lt.isGrandTotal(r.cell(link.later()));
    q.sensitive = known && lt.spec().suppresses() && pol.unsafe(inc) && !announced;
    q.incrementTable = link.later().tableId();
    q.incrementCoords = link.later().coordinates();
    q.incrementFrom = link.earlier().label();
    q.linkKind = link.kind();
    q.level = later.level;
    qs.add(q);
    addCon(List.of(later, earlier, q), List.of((double) sign, (double) -sign, -1.0), true, later);
  }

  private void addRatio(Release r, Ratio ratio, boolean dynamic) {
    RatioSpec s = ratio.spec();
    Cell num = r.cell(s.numerator());
    Cell den = r.cell(s.denominator());
    CellTable nt = r.table(s.numerator().tableId());
    CellTable dt = r.table(s.denominator().tableId());
    boolean numUnsafe = nt.valueKnown(num) && nt.spec().policy().unsafe(num.value());
    boolean denUnsafe = dt.valueKnown(den) && dt.spec().policy().unsafe(den.value());
    ratios.add(new RatioCon(s, byCell.get(cellKey(r.id(), num)), byCell.get(cellKey(r.id(), den)), numUnsafe,
        denUnsafe, dynamic ? null : ratio));
  }

  private void addCon(List<Q> members, List<Double> coefs, boolean equality, Q parentQ) {
    TreeMap<Integer, Double> terms = new TreeMap<>();
    for (int i = 0; i < members.size(); i++) {
      terms.merge(members.get(i).id, coefs.get(i), Double::sum);
    }
    terms.values().removeIf(v -> v == 0.0);
    if (terms.isEmpty()) {
      return;
    }
    String sig = (equality ? "=" : "<") + terms;
    if (!conSignatures.add(sig)) {
      return;
    }
    int[] q = new int[terms.size()];
    double[] a = new double[terms.size()];
    int i = 0;
    int parentIdx = -1;
    for (Map.Entry<Integer, Double> e : terms.entrySet()) {
      q[i] = e.getKey();
      a[i] = e.getValue();
      if (parentQ != null && e.getKey() == parentQ.id) {
        parentIdx = i;
      }
      i++;
    }
    cons.add(new Con(q, a, equality, parentIdx));
  }

  /** Constraints in force now: additivity and differencing, plus the ratios a reader sees. */
  List<Con> activeCons() {
    List<Con> out = new ArrayList<>(cons);
    for (RatioCon rc : ratios) {
      Double value = publishedRatio(rc);
      if (value == null) {
        continue;
      }
      double h = rc.spec().halfUnit();
      double s = rc.spec().scale();
      // s*num/den within value +- h, i.e. s*num - (value+h)*den <= 0 and (value-h)*den - s*num <= 0
      out.add(ratioCon(rc, s, -(value + h)));
      out.add(ratioCon(rc, -s, value - h));
    }
    return out;
  }

  private static Con ratioCon(RatioCon rc, double numCoef, double denCoef) {
    if (rc.num().id == rc.den().id) {
      return new Con(new int[] {rc.num().id}, new double[] {numCoef + denCoef}, false, -1);
    }
    return new Con(new int[] {rc.num().id, rc.den().id}, new double[] {numCoef, denCoef}, false, -1);
  }

  /** The ratio's value as a reader sees it now, or null when it is suppressed or not applicable. */
  Double publishedRatio(RatioCon rc) {
    if (rc.given() != null) {
      return rc.given().published() ? rc.given().value() : null;
    }
    if (rc.num().hidden || rc.den().hidden || rc.numUnsafe() || rc.denUnsafe() || rc.den().value == 0) {
      return null;
    }
    return rc.spec().compute(rc.num().value, rc.den().value);
  }

  /**
   * Whether the attacker's interval of a hidden quantity must be checked: unsafe counts always, every
   * suppressed cell in the stricter scope, and whatever the auditor cannot tell safe or not (a hidden
   * count whose true value it does not know).
   */
  boolean needsAudit(Q q, Auditor.Scope scope) {
    return q.hidden && (q.sensitive || !q.known || (scope == Auditor.Scope.ALL_SUPPRESSED && q.kind == Kind.CELL));
  }

  List<Q> targets(Auditor.Scope scope) {
    return qs.stream().filter(q -> needsAudit(q, scope)).toList();
  }

  /**
   * True when an interval containing [lo, hi] can raise no finding for q (a wider interval never
   * raises more). Known small and non-zero is a finding for every hidden count; narrower than the
   * margin is one for hidden cells and unsafe increments, not for an increment of unknown size (a
   * reader-view audit cannot tell an exact increment of 15, which is fine, from one of 3).
   */
  static boolean provablySafe(Q q, double lo, double hi) {
    return !(lo >= 1 && hi < q.threshold) && !(narrowMatters(q) && hi - lo < q.margin);
  }

  private static boolean narrowMatters(Q q) {
    return q.kind == Kind.CELL || q.sensitive;
  }

  /** The finding for q if its exact interval is [lo, hi], or null. */
  Finding finding(Q q, double lo, double hi) {
    String what;
    if (lo >= 1 && hi < q.threshold) {
      what = "known to be small and non-zero (between " + Interval.format(lo) + " and " + Interval.format(hi)
          + ", threshold " + q.threshold + ")";
    } else if (narrowMatters(q) && hi - lo < q.margin) {
      what = "narrowed to an interval of width " + Interval.format(hi - lo) + ", less than the protection margin "
          + q.margin;
    } else {
      return null;
    }
    return finding(q, lo, hi, what);
  }

  Finding finding(Q q, double lo, double hi, String what) {
    if (q.kind == Kind.INCREMENT) {
      if (q.linkKind != null) {
        return new Finding(q.incrementTable, q.incrementCoords, lo, hi, (q.linkKind == Link.Kind.NESTED
            ? "increment over the nested period " : "revision since the earlier vintage ") + q.incrementFrom + " " + what);
      }
      return new Finding(q.incrementTable, q.incrementCoords, lo, hi,
          "increment since release " + q.incrementFrom + " (differencing with release " + q.release + ") " + what);
    }
    Cell c = q.cells.get(0);
    String where = (q.hidden ? "suppressed cell" : "cell") + (q.current ? "" : " of earlier release " + q.release);
    if (q.cells.size() > 1) {
      where += " (also in " + String.join(", ", q.cells.subList(1, q.cells.size()).stream().map(Cell::tableId)
          .toList()) + ")";
    }
    return new Finding(c.tableId(), c.coordinates(), lo, hi, where + " " + what);
  }

  /** Union-find over quantity or cell indices (roots are the smallest index), shared with {@link Lp} and the suppressor. */
  static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}
