package org.migstat.disclosure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.migstat.disclosure.Problem.Q;

/**
 * The attacker. Given everything a release publishes (all its tables with their published values,
 * rounded where the policy rounds; their additivity relations; the margins they share; published
 * ratios; and the earlier releases a reader holds), it solves for every hidden cell the two linear
 * programs min and max of the cell subject to all of it, published cells fixed at their value (or
 * within their rounding interval) and every count at least 0.
 *
 * <p>A finding is raised when the feasible interval of a hidden cell is narrower than the protection
 * margin, or shows the cell is small and non-zero (lo &ge; 1 and hi &lt; threshold); when an unsafe
 * count is published outright; when a cell is hidden in one table but published in a table linked to
 * it; and when a published ratio stands on an unsafe count. With a previous release, increments of
 * cumulative tables (later = earlier + increment) of 1..n-1 persons are checked like hidden cells, and
 * so are the earlier releases' hidden cells. No findings: the release is safe.
 *
 * <p>Given true counts (tables built from detail or as given), the auditor uses them only to know which
 * cells are unsafe (and as one feasible point); a hidden cell's bounds come from published figures
 * alone. Given a reader's view ({@link CellTable#asPublished}, read back from the publish tables), it
 * checks every hidden cell against both rules, since it cannot tell which ones are unsafe. Bounds are those of the
 * linear relaxation, snapped to whole numbers, as in tau-ARGUS and sdcTable; an attacker solving the
 * integer problem can occasionally do better.
 */
public final class Auditor {
  /** Which hidden cells must keep a wide interval. */
  public enum Scope {
    /** Every suppressed cell, primary or secondary (disclosure.md: "for each hidden cell"). */
    ALL_SUPPRESSED,
    /** Only the unsafe counts themselves (primary cells and small increments), as tau-ARGUS does. */
    SENSITIVE
  }

  private Auditor() {}

  public static List<Finding> audit(Release published) {
    return audit(published, Scope.ALL_SUPPRESSED);
  }

  public static List<Finding> audit(Release published, Scope scope) {
    Problem p = Problem.of(published, false);
    List<Finding> out = new ArrayList<>();
    for (Q q : p.qs) {
      if (publishedUnsafe(q)) {
        out.add(publishedUnsafeFinding(p, q));
      }
      if (q.mixedFlags) {
        List<String> shown = new ArrayList<>();
        List<String> hidden = new ArrayList<>();
        for (Cell c : q.cells) {
          (c.suppressed() ? hidden : shown).add(c.tableId());
        }
        Cell c = q.cells.get(0);
        out.add(new Finding(c.tableId(), c.coordinates(), q.pubLo, q.pubHi,
            "suppressed in " + hidden + " but published in linked " + shown));
      }
    }
    for (Problem.RatioCon rc : p.ratios) {
      if (p.publishedRatio(rc) != null && (rc.numUnsafe() || rc.denUnsafe())) {
        Q q = rc.denUnsafe() ? rc.den() : rc.num();
        Interval iv = q.hidden ? Lp.bounds(p, List.of(q), true).get(q) : new Interval(q.pubLo, q.pubHi);
        Cell c = q.cells.get(0);
        out.add(new Finding(c.tableId(), c.coordinates(), iv.lo(), iv.hi(), "ratio " + rc.spec().id()
            + " is published over an unsafe " + (rc.denUnsafe() ? "denominator" : "numerator")
            + " (1.." + (q.threshold - 1) + ")"));
      }
    }
    out.addAll(findings(p, scope));
    return out;
  }

  /**
   * The findings of {@link #audit(Release)} about these cells only: each hidden one is bounded in the whole
   * release, but only they are (the linear programs of a few cells, not of every hidden cell); a published one
   * is checked for an unsafe count. Ratios are not checked. For cells added to a release whose other cells are
   * known to pass.
   */
  public static List<Finding> auditCells(Release published, Collection<CellRef> cells) {
    Problem p = Problem.of(published, false);
    Set<Q> targets = new LinkedHashSet<>();
    List<Finding> out = new ArrayList<>();
    for (CellRef ref : cells) {
      Q q = p.quantity(published.id(), ref);
      if (q == null) {
        throw new IllegalArgumentException("release " + published.id() + " has no cell " + ref.label());
      }
      if (publishedUnsafe(q)) {
        out.add(publishedUnsafeFinding(p, q));
      }
      if (p.needsAudit(q, Scope.ALL_SUPPRESSED)) {
        targets.add(q);
      }
    }
    out.addAll(failing(p, targets).values());
    return out;
  }

  private static boolean publishedUnsafe(Q q) {
    return q.kind == Problem.Kind.CELL && !q.hidden && q.sensitive;
  }

  private static Finding publishedUnsafeFinding(Problem p, Q q) {
    return p.finding(q, q.pubLo, q.pubHi, "published although unsafe (1.." + (q.threshold - 1) + " persons)");
  }

  /**
   * The attacker's exact interval for one cell of the release: the LP bounds when it is hidden, its
   * rounding interval (or value) when published.
   */
  public static Interval interval(Release published, CellRef cell) {
    Problem p = Problem.of(published, false);
    Q q = p.quantity(published.id(), cell);
    if (q == null) {
      throw new IllegalArgumentException("release " + published.id() + " has no cell " + cell.label());
    }
    if (!Lp.isVariable(q)) {
      return new Interval(q.pubLo, q.pubHi);
    }
    return Lp.bounds(p, List.of(q), true).get(q);
  }

  static List<Finding> findings(Problem p, Scope scope) {
    return new ArrayList<>(failing(p, scope).values());
  }

  /** The hidden counts the linear programs expose, with their findings, in quantity order. */
  static Map<Q, Finding> failing(Problem p, Scope scope) {
    return failing(p, p.targets(scope));
  }

  /** The findings of these hidden counts' linear programs, in the order given. */
  private static Map<Q, Finding> failing(Problem p, Collection<Q> targets) {
    Map<Q, Finding> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<Q, Interval> e : Lp.bounds(p, targets, false).entrySet()) {
      Finding f = p.finding(e.getKey(), e.getValue().lo(), e.getValue().hi());
      if (f != null) {
        out.put(e.getKey(), f);
      }
    }
    return out;
  }
}
