package org.migstat.disclosure;

/**
 * A ratio as published: its value (null when suppressed or not applicable) and flag ({@code [c]} when
 * suppressed, {@code [z]} when the denominator is zero).
 */
public record Ratio(RatioSpec spec, Double value, Flag flag) {

  /** Whether a reader sees the value. */
  public boolean published() {
    return value != null && flag != Flag.CONFIDENTIAL;
  }

  /** The ratio as migstat publishes it, given the release's cells and their flags. */
  static Ratio evaluate(RatioSpec spec, Release release) {
    Cell num = release.cell(spec.numerator());
    Cell den = release.cell(spec.denominator());
    Policy pn = release.table(spec.numerator().tableId()).spec().policy();
    Policy pd = release.table(spec.denominator().tableId()).spec().policy();
    if (num.suppressed() || den.suppressed() || pn.unsafe(num.value()) || pd.unsafe(den.value())) {
      return new Ratio(spec, null, Flag.CONFIDENTIAL);
    }
    if (den.value() == 0) {
      return new Ratio(spec, null, Flag.NOT_APPLICABLE);
    }
    return new Ratio(spec, spec.compute(num.value(), den.value()), null);
  }
}
