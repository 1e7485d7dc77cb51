package org.migstat.disclosure;

/**
 * What became of a published cell. The protecting side knows why a cell is hidden ({@link #PRIMARY},
 * {@link #SECONDARY}); a reader of the files sees only that it is ({@link #SUPPRESSED}).
 */
public enum Disposition {
  /** The value is published. */
  PUBLISHED,
  /** Hidden: an unsafe count (1..n-1) or a manual request. */
  PRIMARY,
  /** Hidden so that a primary cell (or a small difference) cannot be worked out. */
  SECONDARY,
  /** Hidden, reason not published ({@code [c]} as a reader reads it). */
  SUPPRESSED,
  /** {@code [z]}: not applicable (a share over zero). */
  NOT_APPLICABLE,
  /** {@code [x]}: not available. */
  NOT_AVAILABLE,
  /** {@code [<5]}: published elsewhere only as a bound (UNODC), never as a number. */
  CENSORED;

  /** Whether the cell's value is withheld by disclosure control. */
  public boolean hidden() {
    return this == PRIMARY || this == SECONDARY || this == SUPPRESSED;
  }

  /** Whether a reader sees a value. */
  public boolean shown() {
    return this == PUBLISHED;
  }

  /**
   * The disposition a reader reads from a published row: its value (null when withheld) and flag column, which
   * holds flag codes such as {@code [c]} or {@code [r]} (several may follow one another); null or blank: none.
   */
  public static Disposition read(Double value, String flags) {
    boolean confidential = false;
    boolean notApplicable = false;
    boolean censored = false;
    if (flags != null && !flags.isBlank()) {
      for (String token : flags.trim().split("(?<=\\])")) {
        String code = token.trim();
        if (code.isEmpty()) {
          continue;
        }
        if (code.equals("[<5]")) {
          censored = true;
          continue;
        }
        Flag f = Flag.ofCode(code);
        confidential |= f == Flag.CONFIDENTIAL;
        notApplicable |= f == Flag.NOT_APPLICABLE;
      }
    }
    if (confidential) {
      return SUPPRESSED;
    }
    if (censored) {
      return CENSORED;
    }
    if (notApplicable) {
      return NOT_APPLICABLE;
    }
    return value == null ? NOT_AVAILABLE : PUBLISHED;
  }

  /** The disposition of a cell the suppressor returned, with its audit rule (null when not suppressed). */
  public static Disposition of(Cell c, String rule) {
    if (!c.suppressed()) {
      return PUBLISHED;
    }
    return rule != null && rule.startsWith("primary") ? PRIMARY : SECONDARY;
  }
}
