package org.migstat.publish;

/** What the publish step did with a cell. */
public enum Disposition {
  /** Shown with its value. */
  PUBLISHED,
  /** Hidden because the cell itself is unsafe (a small count, or a ratio over one). */
  PRIMARY,
  /** Hidden to protect another hidden cell (or a ratio whose numerator or denominator is hidden). */
  SECONDARY,
  /** Hidden because its whole table could not be protected. */
  WITHHELD;

  public boolean hidden() {
    return this != PUBLISHED;
  }

  /** From an audit rule as the disclosure engine writes it ({@code primary:...}, {@code secondary:...}). */
  static Disposition ofRule(String rule) {
    if (rule == null || rule.startsWith("withheld")) {
      return WITHHELD;
    }
    return rule.startsWith("primary") ? PRIMARY : SECONDARY;
  }
}
