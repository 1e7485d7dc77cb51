package org.migstat.disclosure;

/** The attacker's feasible interval for a count; {@code hi} is infinite when nothing bounds it. */
public record Interval(double lo, double hi) {
  public double width() {
    return hi - lo;
  }

  public boolean contains(long v) {
    return lo <= v && v <= hi;
  }

  static String format(double v) {
    if (Double.isInfinite(v)) {
      return "inf";
    }
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  @Override
  public String toString() {
    return "[" + format(lo) + ", " + format(hi) + "]";
  }
}
