package org.migstat.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;
import org.ojalgo.optimisation.linear.LinearSolver;
import org.migstat.disclosure.Problem.Con;
import org.migstat.disclosure.Problem.Q;

/**
 * The attacker's linear programs: min and max of a hidden count subject to every
 * active constraint, published counts fixed at their value (or within their rounding interval), hidden
 * ones at least 0 (and below a cap far above any true count, so that no program is unbounded; a bound
 * beyond half the cap is reported as infinite).
 *
 * <p>Hidden counts fall into independent components (linked by shared constraints); each is its own
 * program. Every solution is checked against every constraint before it is used, so each bound comes
 * from a real feasible point: a reported interval lies inside the attacker's true one, and a solver
 * error can only make the audit stricter, never let a leak through. Every feasible point also widens
 * the range of values seen for every count of the component; a count whose seen range is already wide
 * enough needs no program of its own. To get there cheaply, a few programs per component first push all
 * open targets at once (their sum up, then down, then seeded random signs), which in practice proves
 * most hidden cells safe; only the rest get their own min and max.
 *
 * <p>A component's program is built once ({@link Program}) and solved with {@link Glop} from the previous
 * basis, objective after objective; ojAlgo solves where GLOP is unavailable or its point fails the check.
 */
final class Lp {
  private static final double EPS = 1e-6;

  static {
    // ojAlgo prints a hardware-profile notice to stdout on first use unless this is set
    if (System.getProperty("shut.up.ojAlgo") == null) {
      System.setProperty("shut.up.ojAlgo", "true");
    }
  }
  /** At most this many shared programs per component and audit... */
  private static final int SPREAD_ROUNDS = 24;
  /** ...stopping after this many in a row prove nothing new. */
  private static final int SPREAD_IDLE = 3;

  private final List<Q> qs;
  private final int[] var;
  private final List<Q> vars = new ArrayList<>();
  private final List<Con> active = new ArrayList<>();
  private final List<List<Integer>> consOfVar = new ArrayList<>();
  private final int[] component;
  private final double cap;
  private final double[] seenMin;
  private final double[] seenMax;
  private final Map<Integer, Program> programs = new HashMap<>();
  private int solves;
  private boolean useGlop;

  private Lp(Problem p) {
    this.qs = p.qs;
    double c = 1000;
    for (Q q : qs) {
      c = Math.max(c, 4.0 * Math.max(q.value, q.pubHi) + 1000);
    }
    cap = c;
    var = new int[qs.size()];
    for (Q q : qs) {
      if (isVariable(q)) {
        var[q.id] = vars.size();
        vars.add(q);
        consOfVar.add(new ArrayList<>());
      } else {
        var[q.id] = -1;
      }
    }
    int[] parent = new int[vars.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    for (Con con : p.activeCons()) {
      int first = -1;
      for (int qi : con.q()) {
        int v = var[qi];
        if (v < 0) {
          continue;
        }
        if (first < 0) {
          first = v;
          active.add(con);
        } else {
          Problem.union(parent, first, v);
        }
        List<Integer> list = consOfVar.get(v);
        if (list.isEmpty() || list.get(list.size() - 1) != active.size() - 1) {
          list.add(active.size() - 1);
        }
      }
    }
    component = new int[vars.size()];
    for (int i = 0; i < component.length; i++) {
      component[i] = Problem.find(parent, i);
    }
    seenMin = new double[vars.size()];
    seenMax = new double[vars.size()];
    boolean truth = vars.stream().allMatch(q -> q.known);
    for (int i = 0; i < vars.size(); i++) {
      // the true counts are a feasible point, when they are known (not in a reader's view)
      seenMin[i] = truth ? vars.get(i).value : Double.POSITIVE_INFINITY;
      seenMax[i] = truth ? vars.get(i).value : Double.NEGATIVE_INFINITY;
    }
  }

  /**
   * Intervals of the targets, snapped to whole counts. With {@code exact} false, targets proven safe
   * are left out of the result and every other one gets its exact interval; with {@code exact} true,
   * every target gets its exact interval.
   */
  static Map<Q, Interval> bounds(Problem p, Collection<Q> targets, boolean exact) {
    return bounds(p, targets, exact, Glop.available());
  }

  /** As {@link #bounds(Problem, Collection, boolean)}, with GLOP or with ojAlgo alone (to compare the two). */
  static Map<Q, Interval> bounds(Problem p, Collection<Q> targets, boolean exact, boolean glop) {
    Lp lp = new Lp(p);
    lp.useGlop = glop;
    long t0 = System.nanoTime();
    try {
      return lp.bounds(targets, exact);
    } finally {
      if (TRACE) {
        System.err.printf("lp-trace bounds targets=%d exact=%s vars=%d programs=%d solves=%d ms=%.0f%n",
            targets.size(), exact, lp.vars.size(), lp.programs.size(), lp.solves, (System.nanoTime() - t0) / 1e6);
      }
      lp.programs.values().forEach(Program::close);
    }
  }

  static final boolean TRACE = Boolean.getBoolean("migstat.lp.trace");

  private Map<Q, Interval> bounds(Collection<Q> targets, boolean exact) {
    List<Q> sorted = new ArrayList<>();
    for (Q t : targets) {
      if (isVariable(t)) {
        sorted.add(t);
      }
    }
    sorted.sort((a, b) -> Integer.compare(a.id, b.id));
    if (!exact) {
      spread(sorted);
    }
    Map<Q, Interval> out = new LinkedHashMap<>();
    for (Q t : sorted) {
      if (!exact && certified(t)) {
        continue;
      }
      Program program = program(t);
      int at = program.local[var[t.id]];
      double hi = solve(program, Map.of(t, 1.0), true)[at];
      if (!exact && certified(t)) {
        continue;
      }
      double lo = solve(program, Map.of(t, 1.0), false)[at];
      Interval iv = new Interval(Math.max(0, Math.ceil(lo - EPS)),
          hi > cap / 2 ? Double.POSITIVE_INFINITY : Math.floor(hi + EPS));
      if (exact || !Problem.provablySafe(t, iv.lo(), iv.hi())) {
        out.put(t, iv);
      }
    }
    return out;
  }

  /** Published exactly: a constant. Hidden, or published rounded: a variable. */
  static boolean isVariable(Q q) {
    return q.hidden || q.pubLo < q.pubHi;
  }

  /** Shared programs that push many open targets at once; see the class comment. */
  private void spread(List<Q> targets) {
    Map<Integer, List<Q>> open = new TreeMap<>();
    for (Q t : targets) {
      if (!certified(t)) {
        open.computeIfAbsent(component[var[t.id]], k -> new ArrayList<>()).add(t);
      }
    }
    for (List<Q> ts : open.values()) {
      Random random = new Random(ts.get(0).id);
      Program program = program(ts.get(0));
      int idle = 0;
      for (int round = 0; round < SPREAD_ROUNDS && ts.size() > 2 && idle < SPREAD_IDLE; round++) {
        Map<Q, Double> w = new LinkedHashMap<>();
        for (Q q : ts) {
          w.put(q, round < 2 || random.nextBoolean() ? 1.0 : -1.0);
        }
        solve(program, w, round != 1);
        int before = ts.size();
        ts.removeIf(this::certified);
        idle = ts.size() == before ? idle + 1 : 0;
      }
    }
  }

  /** Proven safe by values seen at feasible points, snapped inwards to whole counts. */
  private boolean certified(Q q) {
    int i = var[q.id];
    return Problem.provablySafe(q, Math.ceil(seenMin[i] - EPS), Math.floor(seenMax[i] + EPS));
  }

  private List<Integer> componentOf(Q t) {
    int c = component[var[t.id]];
    List<Integer> out = new ArrayList<>();
    for (int v = 0; v < vars.size(); v++) {
      if (component[v] == c) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * One component's program: its free counts, their bounds and every active constraint that touches them,
   * with the fixed counts folded into the right-hand side. Built once per component and audit, and solved for
   * many objectives.
   */
  private final class Program implements AutoCloseable {
    final List<Integer> free;
    final int[] local;
    final int n;
    final double[] lo;
    final double[] hi;
    final boolean[] hidden;
    final List<int[]> idx = new ArrayList<>();
    final List<double[]> val = new ArrayList<>();
    final double[] rhs;
    final boolean[] equality;
    private Glop glop;
    private boolean glopFailed;

    Program(List<Integer> free) {
      this.free = free;
      n = free.size();
      local = new int[vars.size()];
      Arrays.fill(local, -1);
      for (int i = 0; i < n; i++) {
        local[free.get(i)] = i;
      }
      lo = new double[n];
      hi = new double[n];
      hidden = new boolean[n];
      for (int i = 0; i < n; i++) {
        Q q = vars.get(free.get(i));
        hidden[i] = q.hidden;
        lo[i] = q.hidden ? 0 : q.pubLo;
        hi[i] = q.hidden ? cap : q.pubHi;
      }
      List<Double> rhsList = new ArrayList<>();
      List<Boolean> eqList = new ArrayList<>();
      boolean[] used = new boolean[active.size()];
      for (int f : free) {
        for (int ci : consOfVar.get(f)) {
          if (used[ci]) {
            continue;
          }
          used[ci] = true;
          Con c = active.get(ci);
          Map<Integer, Double> row = new TreeMap<>();
          double constant = 0;
          for (int j = 0; j < c.q().length; j++) {
            Q q = qs.get(c.q()[j]);
            int v = var[q.id];
            if (v >= 0 && local[v] >= 0) {
              row.merge(local[v], c.a()[j], Double::sum);
            } else {
              constant += c.a()[j] * (v >= 0 ? q.value : q.pubLo);
            }
          }
          idx.add(row.keySet().stream().mapToInt(Integer::intValue).toArray());
          val.add(row.values().stream().mapToDouble(Double::doubleValue).toArray());
          rhsList.add(-constant);
          eqList.add(c.equality());
        }
      }
      rhs = rhsList.stream().mapToDouble(Double::doubleValue).toArray();
      equality = new boolean[eqList.size()];
      for (int k = 0; k < equality.length; k++) {
        equality[k] = eqList.get(k);
      }
    }

    /** GLOP warm-started from the previous basis; ojAlgo where GLOP is unavailable or its point fails the check. */
    double[] solve(double[] obj, boolean maximise) {
      if (!glopFailed && useGlop) {
        try {
          if (glop == null) {
            glop = new Glop(lo, hi, idx, val, rhs, equality);
          }
          double[] x = check(glop.solve(obj, maximise));
          if (x != null) {
            return x;
          }
        } catch (RuntimeException e) {
          glopFailed = true;
        }
      }
      List<double[]> rows = new ArrayList<>();
      List<Double> rhsList = new ArrayList<>();
      List<Boolean> eqList = new ArrayList<>();
      for (int k = 0; k < rhs.length; k++) {
        double[] row = new double[n];
        int[] ix = idx.get(k);
        for (int j = 0; j < ix.length; j++) {
          row[ix[j]] = val.get(k)[j];
        }
        rows.add(row);
        rhsList.add(rhs[k]);
        eqList.add(equality[k]);
      }
      double[] x = null;
      for (int attempt = 0; attempt < 3 && x == null; attempt++) {
        x = check(attempt(attempt, n, lo, hi, hidden, rows, rhsList, eqList, obj, maximise));
      }
      return x;
    }

    /** The point clamped into its bounds, or null unless it lies within every bound and constraint. */
    private double[] check(double[] point) {
      if (point == null || point.length < n) {
        return null;
      }
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = point[i];
        double tol = EPS * (1 + Math.abs(x[i]));
        if (!(x[i] >= lo[i] - tol && x[i] <= hi[i] + tol)) {
          return null;
        }
        x[i] = Math.min(hi[i], Math.max(lo[i], x[i]));
      }
      for (int k = 0; k < rhs.length; k++) {
        int[] ix = idx.get(k);
        double[] a = val.get(k);
        double lhs = 0;
        double scale = 1 + Math.abs(rhs[k]);
        for (int j = 0; j < ix.length; j++) {
          lhs += a[j] * x[ix[j]];
          scale += Math.abs(a[j] * x[ix[j]]);
        }
        double gap = lhs - rhs[k];
        if (gap > EPS * scale || (equality[k] && gap < -EPS * scale)) {
          return null;
        }
      }
      return x;
    }

    @Override
    public void close() {
      if (glop != null) {
        glop.close();
        glop = null;
      }
    }
  }

  /** The component's program, built on first use. */
  private Program program(Q t) {
    return programs.computeIfAbsent(component[var[t.id]], c -> new Program(componentOf(t)));
  }

  /**
   * Max (or min) of sum(weight * count) over the component of the weighted counts, every other count at its
   * published (or true) value. Widens the values seen; returns the solution, indexed like {@code
   * program.free}.
   */
  private double[] solve(Program program, Map<Q, Double> weights, boolean maximise) {
    double[] obj = new double[program.n];
    for (Map.Entry<Q, Double> w : weights.entrySet()) {
      obj[program.local[var[w.getKey().id]]] = w.getValue();
    }
    long t0 = System.nanoTime();
    solves++;
    double[] x = program.solve(obj, maximise);
    if (x == null) {
      throw new IllegalStateException("no solver returned a feasible point for a program over " + program.n
          + " hidden counts and " + program.rhs.length + " constraints, although the true counts are one");
    }
    if (TRACE) {
      System.err.printf("lp-trace solve n=%d rows=%d ms=%.1f%n", program.n, program.rhs.length,
          (System.nanoTime() - t0) / 1e6);
    }
    for (int i = 0; i < program.n; i++) {
      int v = program.free.get(i);
      seenMin[v] = Math.min(seenMin[v], x[i]);
      seenMax[v] = Math.max(seenMax[v], x[i]);
    }
    return x;
  }

  /**
   * One solver configuration: ojAlgo's LinearSolver (dense simplex, the fastest here), then
   * ExpressionsBasedModel (experimental, then sparse; its default dense path once reported a feasible
   * program infeasible). Null unless it reports an optimum; the caller checks the point.
   */
  private static double[] attempt(int which, int n, double[] lo, double[] hi, boolean[] hidden, List<double[]> rows,
      List<Double> rhs, List<Boolean> equality, double[] weights, boolean maximise) {
    Optimisation.Result r;
    try {
      if (which == 0) {
        // The builder takes every variable as >= 0 and its solver disregards lower()/upper() (ojAlgo
        // discussion #495): shift each variable to its lower bound, give published (rounded) ones an
        // explicit upper row, and bound the hidden ones together, far above any count, so that no
        // program is unbounded.
        LinearSolver.Builder b = LinearSolver.newBuilder();
        double[] obj = new double[n];
        for (int i = 0; i < n; i++) {
          obj[i] = maximise ? -weights[i] : weights[i]; // the builder minimises
        }
        b.objective(obj);
        for (int k = 0; k < rows.size(); k++) {
          double[] row = rows.get(k);
          double shifted = rhs.get(k);
          for (int i = 0; i < n; i++) {
            shifted -= row[i] * lo[i];
          }
          if (equality.get(k)) {
            b.equality(shifted, row);
          } else {
            b.inequality(shifted, row);
          }
        }
        double[] all = new double[n];
        double budget = 0;
        for (int i = 0; i < n; i++) {
          if (hidden[i]) {
            all[i] = 1;
            budget += hi[i];
          } else {
            double[] unit = new double[n];
            unit[i] = 1;
            b.inequality(hi[i] - lo[i], unit);
          }
        }
        if (budget > 0) {
          b.inequality(budget, all);
        }
        r = b.solve();
        if (r != null && r.getState().isOptimal() && r.size() >= n) {
          double[] x = new double[n];
          for (int i = 0; i < n; i++) {
            x[i] = r.doubleValue(i) + lo[i];
          }
          r = Optimisation.Result.of(r.getValue(), r.getState(), x);
        }
      } else {
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        if (which == 1) {
          model.options.experimental = true;
        } else {
          model.options.sparse = true;
        }
        Variable[] v = new Variable[n];
        for (int i = 0; i < n; i++) {
          v[i] = model.addVariable("x" + i).lower(lo[i]).upper(hi[i]);
          if (weights[i] != 0) {
            v[i].weight(weights[i]);
          }
        }
        for (int k = 0; k < rows.size(); k++) {
          Expression e = model.addExpression("c" + k);
          double[] row = rows.get(k);
          for (int i = 0; i < n; i++) {
            if (row[i] != 0) {
              e.set(v[i], row[i]);
            }
          }
          if (equality.get(k)) {
            e.level(rhs.get(k));
          } else {
            e.upper(rhs.get(k));
          }
        }
        r = maximise ? model.maximise() : model.minimise();
      }
    } catch (RuntimeException e) {
      return null;
    }
    if (r == null || !r.getState().isOptimal() || r.size() < n) {
      return null;
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.doubleValue(i);
    }
    return x;
  }
}
