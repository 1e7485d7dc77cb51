package org.migstat.disclosure;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attacker's program in Google OR-Tools' GLOP (a revised simplex): the variables, their bounds and the
 * constraints are built once, then each {@link #solve} only changes the objective, and GLOP starts from the
 * previous optimal basis. The auditor asks hundreds of min/max questions of the same constraints; solved
 * from scratch each time (ojAlgo's dense simplex) they took a second or more apiece on the residence tables'
 * programs of 1,000-4,000 hidden counts, warm-started here a few milliseconds.
 *
 * <p>Native code: where it does not load (an unsupported platform), {@link #available()} is false and
 * {@link Lp} solves with ojAlgo alone. Not thread-safe; close it to free the native model.
 */
final class Glop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Glop.class);
  private static final boolean AVAILABLE = load();

  private final MPSolver solver;
  private final MPVariable[] x;
  private final MPObjective objective;

  private static boolean load() {
    if (Boolean.getBoolean("migstat.lp.ojalgo")) {
      return false; // a switch to compare the two solvers
    }
    try {
      Loader.loadNativeLibraries();
      MPSolver probe = MPSolver.createSolver("GLOP");
      if (probe == null) {
        LOG.warn("OR-Tools has no GLOP solver here; the disclosure audit solves with ojAlgo (slower)");
        return false;
      }
      probe.delete();
      return true;
    } catch (Throwable e) { // UnsatisfiedLinkError and friends: the platform's native code did not load
      LOG.warn("OR-Tools' native code did not load ({}); the disclosure audit solves with ojAlgo (slower)",
          e.toString());
      return false;
    }
  }

  static boolean available() {
    return AVAILABLE;
  }

  /**
   * Variables {@code lo[i] <= x[i] <= hi[i]}; row k is {@code sum(val[k][j] * x[idx[k][j]])} equal to (or at
   * most) {@code rhs[k]}.
   */
  Glop(double[] lo, double[] hi, List<int[]> idx, List<double[]> val, double[] rhs, boolean[] equality) {
    solver = MPSolver.createSolver("GLOP");
    // Without presolve GLOP re-solves from the previous basis (with it, each solve starts over): on the
    // residence programs the first solve costs more, every later one a fraction.
    solver.setSolverSpecificParametersAsString("use_preprocessing: false");
    x = new MPVariable[lo.length];
    for (int i = 0; i < lo.length; i++) {
      x[i] = solver.makeNumVar(lo[i], hi[i], "x" + i);
    }
    double inf = MPSolver.infinity();
    for (int k = 0; k < rhs.length; k++) {
      MPConstraint c = solver.makeConstraint(equality[k] ? rhs[k] : -inf, rhs[k]);
      int[] ix = idx.get(k);
      double[] a = val.get(k);
      for (int j = 0; j < ix.length; j++) {
        c.setCoefficient(x[ix[j]], a[j]);
      }
    }
    objective = solver.objective();
  }

  /** The optimal point of max (or min) {@code weights . x}; null unless GLOP reports it optimal. */
  double[] solve(double[] weights, boolean maximise) {
    objective.clear();
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] != 0) {
        objective.setCoefficient(x[i], weights[i]);
      }
    }
    if (maximise) {
      objective.setMaximization();
    } else {
      objective.setMinimization();
    }
    if (solver.solve() != MPSolver.ResultStatus.OPTIMAL) {
      return null;
    }
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i].solutionValue();
    }
    return out;
  }

  @Override
  public void close() {
    solver.delete();
  }
}
