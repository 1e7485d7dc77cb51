package org.migstat.disclosure;

/**
 * A published ratio or percentage of two cells. It is published as {@code round(scale * num / den,
 * decimals)} and suppressed ({@code [c]}) when either cell is unsafe (1..n-1 by its table's threshold,
 * whether or not the table suppresses) or suppressed: a share over a small denominator is as revealing
 * as the count.
 *
 * @param id          ratio id (e.g. {@code coverage_pct:IDN})
 * @param numerator   the numerator cell
 * @param denominator the denominator cell
 * @param scale       1 for a ratio, 100 for a percentage
 * @param decimals    decimals published; negative for unrounded
 */
public record RatioSpec(String id, CellRef numerator, CellRef denominator, double scale, int decimals) {

  /** A plain ratio num / den, published unrounded. */
  public static RatioSpec of(String id, CellRef numerator, CellRef denominator) {
    return new RatioSpec(id, numerator, denominator, 1.0, -1);
  }

  /** A percentage with two decimals, as the coverage tables publish it. */
  public static RatioSpec percent(String id, CellRef numerator, CellRef denominator) {
    return new RatioSpec(id, numerator, denominator, 100.0, 2);
  }

  /** Half the published precision: the true ratio lies within value +- this. */
  double halfUnit() {
    return decimals < 0 ? 1e-9 : 0.5 * Math.pow(10, -decimals);
  }

  Double compute(long num, long den) {
    if (den == 0) {
      return null;
    }
    double r = scale * num / den;
    if (decimals < 0) {
      return r;
    }
    return java.math.BigDecimal.valueOf(r).setScale(decimals, java.math.RoundingMode.HALF_UP).doubleValue();
  }
}
