package org.migstat.disclosure;

/**
 * Two cells a reader can subtract: the difference is itself a count and is protected like one.
 *
 * @param earlier the cell published first (or the shorter period)
 * @param later   the cell published later (or the longer period)
 * @param kind    what the difference means
 */
public record Link(CellRef earlier, CellRef later, Kind kind) {
  public enum Kind {
    /**
     * Nested periods with the same start (year to date at two dates, a month to date and its month): later =
     * earlier + the persons counted in between, at least 0.
     */
    NESTED,
    /**
     * The same cell in two vintages (a revision): the difference is the net number of records added or
     * removed in between; its sign is known only from the true counts.
     */
    VINTAGE,
    /**
     * The same cell published by an earlier vintage that is not the previous one (the cell hidden in between, or
     * published again unchanged): a reader subtracts any two published vintages. Not an increment of known sign
     * (several of them would sandwich the cell between old values no reader can order): when the difference of the
     * true counts is a count the policy protects (1..n-1), the later cell is hidden and protected like a primary
     * cell, so that whatever it shows, the difference is never exact.
     */
    REVISION
  }
}
