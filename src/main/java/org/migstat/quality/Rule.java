package org.migstat.quality;

import org.apache.spark.sql.Column;

/**
 * A named data-quality rule (deequ style: rules are data). A row passes only when {@code predicate}
 * evaluates to TRUE; NULL counts as a failure, because NULL is where pipelines silently lose rows.
 *
 * @param name        stable identifier, stored in quarantine rows and metrics
 * @param severity    ERROR sends the row to quarantine; WARN keeps it and records the warning
 * @param description one sentence a statistician reads in the quarantine table
 * @param predicate   TRUE when the row satisfies the rule
 */
public record Rule(String name, Severity severity, String description, Column predicate) {
  public enum Severity { ERROR, WARN }

  public static Rule error(String name, String description, Column predicate) {
    return new Rule(name, Severity.ERROR, description, predicate);
  }

  public static Rule warn(String name, String description, Column predicate) {
    return new Rule(name, Severity.WARN, description, predicate);
  }
}
