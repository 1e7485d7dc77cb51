package org.migstat.indicators;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/** Flows over periods (UN flow concept: events in a period). */
public final class Flows {
  private Flows() {}

  /**
   * Marks each in-scope permit with {@code is_first}: the person's first permit ever, or one whose
   * validity starts at least {@value Definitions#FIRST_PERMIT_GAP_MONTHS} months after the expiry of
   * every earlier permit (Eurostat, Reg. 862/2007 as amended). A revoked permit expires on its
   * revocation date. With {@code sameReasonOnly}, only earlier permits for the same reason count (a
   * national variant, off by default).
   */
  public static Dataset<Row> markFirstPermits(Dataset<Row> permits, boolean sameReasonOnly) {
    Column end = least(col("valid_to"), coalesce(col("revoked_on"), col("valid_to")));
    WindowSpec byPerson = (sameReasonOnly
        ? Window.partitionBy(col("person_id"), col("reason"))
        : Window.partitionBy(col("person_id")))
        .orderBy(col("valid_from"), col("issue_date"), col("permit_no"))
        .rowsBetween(Window.unboundedPreceding(), -1);
    Column previousEnd = max(col("_end")).over(byPerson);
    return permits
        .filter(not(col("is_deleted")).and(col("in_scope")))
        .withColumn("_end", end)
        .withColumn("previous_end", previousEnd)
        .withColumn("is_first", col("previous_end").isNull()
            .or(col("valid_from").geq(add_months(col("previous_end"), Definitions.FIRST_PERMIT_GAP_MONTHS))))
        .drop("_end");
  }

  /**
   * First permits issued in each period, by citizenship, reason and validity class. {@code periods}
   * has {@code period_start} and {@code period_end} (inclusive): calendar months, and month-to-date
   * periods ending on a run's as-of date.
   */
  public static Dataset<Row> firstPermits(Dataset<Row> markedPermits, Dataset<Row> periods) {
    return markedPermits
        .filter(col("is_first"))
        .join(broadcast(periods), col("issue_date").between(col("period_start"), col("period_end")))
        .groupBy("period_start", "period_end", "citizenship", "reason", "validity_class")
        .agg(count_distinct(col("person_id")).as("persons"), count("*").as("permits"));
  }
}
