package org.migstat.quality;

import static org.apache.spark.sql.functions.*;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Evaluates a rule list on every row; each row lists all the rules it failed. */
public final class Rules {
  public static final String FAILURES = "quality_failures";
  public static final String WARNINGS = "quality_warnings";

  private Rules() {}

  /** Name of the rule that a record could be read at all; when it fails, the other rules say nothing useful. */
  public static final String PARSEABLE = "line_parseable";

  /**
   * Adds {@value #FAILURES} and {@value #WARNINGS}: arrays of the names of failed rules (empty when none).
   * A record that failed {@value #PARSEABLE} lists that rule alone: its fields are empty because the line
   * could not be split, not because each field is wrong.
   */
  public static Dataset<Row> evaluate(Dataset<Row> rows, List<Rule> rules) {
    Column errors = failed(rules, Rule.Severity.ERROR);
    Column warnings = failed(rules, Rule.Severity.WARN);
    java.util.Optional<Rule> parseable = rules.stream().filter(r -> r.name().equals(PARSEABLE)).findFirst();
    if (parseable.isPresent()) {
      Column unreadable = not(coalesce(parseable.get().predicate(), lit(false)));
      errors = when(unreadable, array(lit(PARSEABLE))).otherwise(errors);
      warnings = when(unreadable, array().cast("array<string>")).otherwise(warnings);
    }
    return rows.withColumn(FAILURES, errors).withColumn(WARNINGS, warnings);
  }

  private static Column failed(List<Rule> rules, Rule.Severity severity) {
    Column[] checks = rules.stream()
        .filter(r -> r.severity() == severity)
        // coalesce(..., false): NULL fails the rule.
        .map(r -> when(coalesce(r.predicate(), lit(false)), lit(null).cast("string")).otherwise(lit(r.name())))
        .toArray(Column[]::new);
    if (checks.length == 0) {
      return array().cast("array<string>");
    }
    return array_compact(array(checks));
  }

  /** TRUE for rows that failed no ERROR rule. Never NULL. */
  public static Column passed() {
    return size(col(FAILURES)).equalTo(0);
  }
}
