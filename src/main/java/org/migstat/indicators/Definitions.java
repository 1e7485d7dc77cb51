package org.migstat.indicators;

/**
 * Version of the indicator definitions; bump when a rule changes meaning (stamped on every gold row).
 * 2024.2: a 29 February birthday is reached on 1 March in a common year ({@link Stocks#ageInYears}); usual
 * residence, stay category and country of birth ({@link Residence}); the 5-year validity class and permit holders
 * by reason, sex and age ({@link Stocks#permitHoldersProfile}); overstay for the as-of entry period.
 */
public final class Definitions {
  private Definitions() {}

  public static final String VERSION = "2024.2";
  /** First-permit rule: a gap of at least this many months after the previous permit's expiry. */
  public static final int FIRST_PERMIT_GAP_MONTHS = 6;
}
