package org.migstat.generate;

import java.time.LocalDate;

/**
 * How registration dates spread over a window. A group's k-th of n members registers on the
 * (k + 0.5)/n quantile, so dates rise with k: persons can then be visited in registration order
 * (and numbered like a registry numbers its records) by merging the groups. StrictMath keeps the
 * quantiles identical on every JVM.
 */
enum Curve {
  /** Evenly over the window. */
  UNIFORM,
  /** Denser towards the end of the window: arrivals speed up. */
  ACCELERATING,
  /** Residents already there at the initial load: many recent, a tail back ten years. */
  INITIAL_LOAD;

  private static final double MEAN_YEARS_BACK_DAYS = 900;
  private static final int INITIAL_LOAD_DEPTH_DAYS = 3650;

  LocalDate date(LocalDate from, LocalDate to, long k, long n) {
    double u = (k + 0.5) / n;
    if (this == INITIAL_LOAD) {
      double tail = 1 - StrictMath.exp(-INITIAL_LOAD_DEPTH_DAYS / MEAN_YEARS_BACK_DAYS);
      long back = (long) StrictMath.floor(-MEAN_YEARS_BACK_DAYS * StrictMath.log(1 - (1 - u) * tail));
      return Span.INITIAL_LOAD.minusDays(Math.min(back, INITIAL_LOAD_DEPTH_DAYS));
    }
    long span = to.toEpochDay() - from.toEpochDay();
    double x = this == ACCELERATING ? StrictMath.pow(u, 0.75) : u;
    long offset = Math.min(span, (long) StrictMath.floor(x * (span + 1)));
    return from.plusDays(offset);
  }
}
