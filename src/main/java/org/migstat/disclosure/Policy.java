package org.migstat.disclosure;

/**
 * The disclosure policy of a table family (disclosure.md, "migstat's policy").
 *
 * @param family          name of the family, e.g. {@code protection} or {@code residence}
 * @param threshold       n: a cell counting 1..n-1 persons is unsafe; 0 is safe
 * @param suppress        whether cell suppression applies to the family at all
 * @param minDimensions   suppression applies only to tables with at least this many dimensions
 *                        (0: every table); residence and permit tables use 3
 * @param roundingBase    0: exact counts; 5: Eurostat rounding to the nearest 5 (1-2 down, 3-4 up),
 *                        totals rounded from unrounded data
 * @param margin          protection margin: the attacker's interval for a suppressed cell must be at
 *                        least this wide
 * @param keepGrandTotal  the grand total (every coordinate a total) is announced and never chosen for
 *                        secondary suppression (it is still suppressed when itself unsafe)
 */
public record Policy(String family, int threshold, boolean suppress, int minDimensions, int roundingBase,
    int margin, boolean keepGrandTotal) {

  public Policy {
    if (threshold < 0 || minDimensions < 0 || roundingBase < 0 || margin < 0) {
      throw new IllegalArgumentException("policy numbers must be non-negative");
    }
  }

  /** Trafficking and protection case tables: suppress cells under 10, margin 10, exact counts. */
  public static Policy protection() {
    return new Policy("protection", 10, true, 0, 0, 10, false);
  }

  /**
   * Residence and permit tables: exact counts (national totals appear as announced); cells under 5
   * suppressed only in tables with three or more dimensions; no rounding.
   */
  public static Policy residence() {
    return new Policy("residence", 5, true, 3, 0, 5, true);
  }

  /** A family with the given threshold, suppression always on, margin = threshold, exact counts. */
  public static Policy threshold(String family, int n) {
    return new Policy(family, n, true, 0, 0, n, false);
  }

  public Policy withRounding(int base) {
    return new Policy(family, threshold, suppress, minDimensions, base, margin, keepGrandTotal);
  }

  public Policy withMargin(int m) {
    return new Policy(family, threshold, suppress, minDimensions, roundingBase, m, keepGrandTotal);
  }

  public Policy withoutSuppression() {
    return new Policy(family, threshold, false, minDimensions, roundingBase, margin, keepGrandTotal);
  }

  /** Whether suppression applies to a table with this many dimensions. */
  public boolean suppresses(int dimensionCount) {
    return suppress && threshold > 0 && dimensionCount >= minDimensions;
  }

  /** Unsafe by the threshold rule: 0 < value < threshold (whether or not suppression applies). */
  public boolean unsafe(long value) {
    return value > 0 && value < threshold;
  }

  /** The rule name recorded in the audit table for a primary suppression. */
  public String primaryRule() {
    return "primary:threshold<" + threshold;
  }

  /** The published value: the count itself, or rounded to the nearest multiple of the base, half up. */
  public long round(long value) {
    if (roundingBase <= 1) {
      return value;
    }
    return Math.floorDiv(value + roundingBase / 2, roundingBase) * roundingBase;
  }

  /** Smallest true count that publishes as {@code published} (inverse of {@link #round}). */
  public long roundedLow(long published) {
    return roundingBase <= 1 ? published : Math.max(0, published - roundingBase / 2);
  }

  /** Largest true count that publishes as {@code published}. */
  public long roundedHigh(long published) {
    return roundingBase <= 1 ? published : published + roundingBase - 1 - roundingBase / 2;
  }
}
