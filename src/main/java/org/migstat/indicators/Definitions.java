package org.migstat.indicators;

/** Version of the indicator definitions; bump when a rule changes meaning (stamped on every gold row). */
public final class Definitions {
  private Definitions() {}

  public static final String VERSION = "2024.1";
  /** First-permit rule: a gap of at least this many months after the previous permit's expiry. */
  public static final int FIRST_PERMIT_GAP_MONTHS = 6;
}
