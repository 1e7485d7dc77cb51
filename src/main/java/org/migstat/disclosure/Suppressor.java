package org.migstat.disclosure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.migstat.disclosure.Problem.Con;
import org.migstat.disclosure.Problem.Kind;
import org.migstat.disclosure.Problem.Q;

/**
 * Cell suppression for a release, deterministic (everything is ordered by table and coordinates).
 *
 * <ol>
 *   <li>Primary: every cell with 0 &lt; value &lt; n in a table whose policy suppresses is flagged
 *       {@code [c]} ({@code primary:threshold<n}); linked copies of a cell go with it.
 *   <li>Secondary, greedy: in every relation (row, column, hierarchy level, linked margin, differencing)
 *       with exactly one hidden cell that needs protection, hide the cheapest other cell; where the
 *       total is published and the hidden parts add up to less than the margin (the singleton trap: a
 *       hidden 1 next to a hidden 0), hide more. Cheapest: non-zero first, big enough to give the
 *       margin, detail before totals, smallest value.
 *   <li>Verify: the {@link Auditor}'s linear programs bound every hidden cell; for each one still
 *       exposed, hide the cheapest published cell sharing a relation with it (or with the hidden cells
 *       around it), then run the greedy step again, until every hidden cell passes. Hiding more never
 *       narrows an interval, so a cell that passed stays passed.
 * </ol>
 * Earlier releases (differencing) are fixed: only the current release's cells can be hidden.
 */
public final class Suppressor {
  private Suppressor() {}

  /** Suppression with every suppressed cell protected (the stricter scope). */
  public static Suppression suppress(Release release) {
    return suppress(release, Auditor.Scope.ALL_SUPPRESSED);
  }

  public static Suppression suppress(Release release, Auditor.Scope scope) {
    for (CellTable t : release.tables()) {
      if (!t.truthKnown() && !release.isFixed(t.id())) {
        throw new IllegalArgumentException("table " + t.id() + " is a reader's view; suppression needs true counts");
      }
    }
    Problem p = Problem.of(release, true);
    List<Finding> unresolved = new ArrayList<>();
    Set<Q> excluded = outOfReach(p);
    if (release.previous() != null) {
      // what the earlier releases already give away is beyond repair here: report it, do not chase it
      Problem history = Problem.of(release.previous(), false);
      Map<String, Q> byKey = new HashMap<>();
      for (Q q : p.qs) {
        byKey.put(q.key, q);
      }
      for (Map.Entry<Q, Finding> e : Auditor.failing(history, scope).entrySet()) {
        Finding f = e.getValue();
        unresolved.add(new Finding(f.table(), f.coordinates(), f.lo(), f.hi(),
            "already disclosed by earlier releases: " + f.reason()));
        Q mine = byKey.get(e.getKey().key);
        if (mine != null) {
          excluded.add(mine);
        }
      }
    }
    if (release.tables().stream().anyMatch(t -> release.isFixed(t.id()))) {
      // what the earlier releases give away even with every current cell hidden is beyond repair here
      List<Q> opened = new ArrayList<>();
      for (Q q : p.qs) {
        if (q.hideable()) {
          q.hidden = true;
          opened.add(q);
        }
      }
      List<Q> old = p.qs.stream().filter(q -> !q.current && p.needsAudit(q, scope) && !excluded.contains(q)).toList();
      Map<Q, Interval> bounds = Lp.bounds(p, old, false);
      opened.forEach(q -> q.hidden = false);
      for (Map.Entry<Q, Interval> e : bounds.entrySet()) {
        Finding f = p.finding(e.getKey(), e.getValue().lo(), e.getValue().hi());
        if (f != null && excluded.add(e.getKey())) {
          unresolved.add(new Finding(f.table(), f.coordinates(), f.lo(), f.hi(),
              "already disclosed by earlier releases: " + f.reason()));
        }
      }
    }
    for (Q q : p.qs) {
      if (q.current && q.kind == Kind.CELL && q.sensitive && !q.hidden) {
        q.hidden = true;
      }
    }
    greedy(p, scope);
    Set<Q> passed = new HashSet<>();
    while (true) {
      List<Q> targets = p.qs.stream()
          .filter(q -> p.needsAudit(q, scope) && !passed.contains(q) && !excluded.contains(q)).toList();
      if (targets.isEmpty()) {
        break;
      }
      Map<Q, Interval> bounds = Lp.bounds(p, targets, false);
      Map<Q, Finding> failing = new LinkedHashMap<>();
      for (Q t : targets) {
        Interval iv = bounds.get(t);
        Finding f = iv == null ? null : p.finding(t, iv.lo(), iv.hi());
        if (f == null) {
          passed.add(t);
        } else {
          failing.put(t, f);
        }
      }
      if (failing.isEmpty()) {
        break;
      }
      boolean progress = false;
      List<Con> active = p.activeCons();
      Map<Integer, List<Con>> consOf = index(p, active);
      for (Map.Entry<Q, Finding> e : failing.entrySet()) {
        Q f = e.getKey();
        Interval iv = bounds.get(f);
        long need = (long) Math.max(1, f.margin - (Double.isInfinite(iv.hi()) ? f.margin : iv.width()));
        Q c = nearestCandidate(p, consOf, f, need);
        if (c != null) {
          hide(c, f);
          progress = true;
        }
      }
      if (!progress) {
        unresolved.addAll(failing.values());
        break;
      }
      greedy(p, scope);
    }
    return new Suppression(publish(release, p), auditEntries(release, p), unresolved);
  }

  /**
   * Quantities of earlier releases (fixed tables) in no relation with a cell of this release, directly or through
   * other counts a reader does not know: nothing this release hides or shows changes a reader's interval for them
   * (the linear program splits into independent parts), so auditing them again would only repeat what their own
   * release's protection found. Most hidden cells of earlier vintages of a stock are such (a vintage is related to
   * the current cell only where both are published); without this, every release of a period audited every
   * earlier vintage's hidden cells again, a cost growing with each monthly release (issue 13). A cell of this
   * release counts as unknown here whatever the suppressor decides for it.
   */
  static Set<Q> outOfReach(Problem p) {
    int[] parent = new int[p.qs.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    java.util.function.IntPredicate unknown = i -> {
      Q q = p.qs.get(i);
      return (q.current && q.kind == Kind.CELL) || Lp.isVariable(q);
    };
    for (Con c : p.cons) {
      int first = -1;
      for (int qi : c.q()) {
        if (unknown.test(qi)) {
          if (first < 0) {
            first = qi;
          } else {
            Problem.union(parent, first, qi);
          }
        }
      }
    }
    for (Problem.RatioCon rc : p.ratios) {
      if (unknown.test(rc.num().id) && unknown.test(rc.den().id)) {
        Problem.union(parent, rc.num().id, rc.den().id);
      }
    }
    Set<Integer> reached = new HashSet<>();
    for (Q q : p.qs) {
      if (q.current && q.kind == Kind.CELL) {
        reached.add(Problem.find(parent, q.id));
      }
    }
    Set<Q> out = new HashSet<>();
    for (Q q : p.qs) {
      if (!q.current && !reached.contains(Problem.find(parent, q.id))) {
        out.add(q);
      }
    }
    return out;
  }

  /** Relations with one exposed hidden cell, and published totals over too little hidden mass. */
  private static void greedy(Problem p, Auditor.Scope scope) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Con c : p.cons) {
        if (!c.equality()) {
          continue;
        }
        List<Q> hidden = new ArrayList<>();
        for (int qi : c.q()) {
          Q q = p.qs.get(qi);
          if (q.hidden) {
            hidden.add(q);
          }
        }
        if (hidden.size() == 1) {
          // a hidden cell alone in a relation is recovered exactly, whatever the scope: give it a partner
          Q h = hidden.get(0);
          if (h.kind != Kind.CELL && !h.sensitive) {
            continue;
          }
          Q cand = cheapest(p, c, h.margin - h.value, false);
          if (cand != null) {
            hide(cand, h);
            changed = true;
          }
        } else if (hidden.size() >= 2 && c.parent() >= 0 && !p.qs.get(c.q()[c.parent()]).hidden) {
          long mass = 0;
          int margin = 0;
          Q protect = null;
          for (Q h : hidden) {
            mass += h.value;
            if (p.needsAudit(h, scope) && h.margin > margin) {
              margin = h.margin;
              protect = h;
            }
          }
          if (protect != null && mass < margin) {
            Q cand = cheapest(p, c, margin - mass, true); // a hidden zero adds no mass: non-zero parts only
            if (cand == null) {
              Q total = p.qs.get(c.q()[c.parent()]);
              cand = total.hideable() ? total : null;
            }
            if (cand != null) {
              hide(cand, protect);
              changed = true;
            }
          }
        }
      }
    }
  }

  /** The cheapest hideable member of a relation; with {@code massOnly}, non-zero parts only. */
  private static Q cheapest(Problem p, Con c, long need, boolean massOnly) {
    List<Q> cands = new ArrayList<>();
    for (int i = 0; i < c.q().length; i++) {
      Q q = p.qs.get(c.q()[i]);
      if (q.hideable() && !(massOnly && (i == c.parent() || q.value == 0))) {
        cands.add(q);
      }
    }
    return cands.stream().min(cost(need)).orElse(null);
  }

  /**
   * For an exposed cell: the cheapest hideable cell in a relation with it; failing that, in a relation
   * with the hidden cells next to it, and so on outwards.
   */
  private static Q nearestCandidate(Problem p, Map<Integer, List<Con>> consOf, Q start, long need) {
    Set<Integer> visited = new HashSet<>();
    Set<Con> seenCons = new HashSet<>();
    Deque<Q> frontier = new ArrayDeque<>(List.of(start));
    visited.add(start.id);
    while (!frontier.isEmpty()) {
      List<Q> cands = new ArrayList<>();
      List<Q> next = new ArrayList<>();
      for (Q q : frontier) {
        for (Con c : consOf.getOrDefault(q.id, List.of())) {
          if (!seenCons.add(c)) {
            continue;
          }
          for (int qi : c.q()) {
            Q m = p.qs.get(qi);
            if (m.hideable()) {
              cands.add(m);
            } else if (m.hidden && visited.add(m.id)) {
              next.add(m);
            }
          }
        }
      }
      if (!cands.isEmpty()) {
        return cands.stream().min(cost(need)).orElseThrow();
      }
      next.sort(Comparator.comparingInt(q -> q.id));
      frontier = new ArrayDeque<>(next);
    }
    return null;
  }

  /** Non-zero first, then big enough for {@code need}, detail before totals, then smallest value. */
  private static Comparator<Q> cost(long need) {
    return Comparator.<Q>comparingInt(q -> q.value == 0 ? 1 : 0)
        .thenComparingInt(q -> q.value >= need ? 0 : 1)
        .thenComparingInt(q -> q.level)
        .thenComparingLong(q -> q.value >= need ? q.value : -q.value)
        .thenComparingInt(q -> q.id);
  }

  private static void hide(Q q, Q protecting) {
    if (!q.hidden) {
      q.hidden = true;
      q.rule = "secondary";
    }
    if ("secondary".equals(q.rule)) {
      q.protects.add(protecting.label());
    }
  }

  private static Map<Integer, List<Con>> index(Problem p, List<Con> cons) {
    Map<Integer, List<Con>> out = new HashMap<>();
    for (Con c : cons) {
      for (int qi : c.q()) {
        out.computeIfAbsent(qi, k -> new ArrayList<>()).add(c);
      }
    }
    return out;
  }

  private static Release publish(Release release, Problem p) {
    List<CellTable> tables = new ArrayList<>();
    for (CellTable t : release.tables()) {
      if (release.isFixed(t.id())) {
        continue;
      }
      tables.add(t.withFlags(c -> {
        Q q = p.quantity(release.id(), c.ref());
        if (q.hidden) {
          return Flag.CONFIDENTIAL;
        }
        return c.flag() == Flag.CONFIDENTIAL ? null : c.flag();
      }));
    }
    return release.withTables(tables);
  }

  private static List<AuditEntry> auditEntries(Release release, Problem p) {
    List<AuditEntry> out = new ArrayList<>();
    for (CellTable t : release.tables()) {
      if (release.isFixed(t.id())) {
        continue;
      }
      for (Cell c : t.cells()) {
        Q q = p.quantity(release.id(), c.ref());
        if (!q.hidden) {
          continue;
        }
        String rule = q.rule == null ? "secondary" : q.rule;
        out.add(new AuditEntry(release.id(), c.tableId(), c.coordinates(), c.value(), rule,
            rule.equals("secondary") ? List.copyOf(q.protects) : List.of()));
      }
    }
    return out;
  }
}
