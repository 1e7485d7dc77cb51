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

  /** Adds {@value #FAILURES} and {@value #WARNINGS}: arrays of the names of failed rules (empty when none). */
  public static Dataset<Row> evaluate(Dataset<Row> rows, List<Rule> rules) {
    return rows
        .withColumn(FAILURES, failed(rules, Rule.Severity.ERROR))
        .withColumn(WARNINGS, failed(rules, Rule.Severity.WARN));
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
