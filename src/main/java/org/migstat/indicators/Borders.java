package org.migstat.indicators;

import static org.apache.spark.sql.functions.*;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Border crossing indicators. Pure transforms over frames shaped like silver.crossings; periods and
 * the observation date are passed in.
 */
public final class Borders {
  private Borders() {}

  /** Days a tourist entrant has to leave: an exit on day {@value} after the entry day is in time. */
  public static final int OVERSTAY_DAYS = 60;
  /** Visa classes the overstay indicator follows: tourist visas (T, VOA, EVISA). */
  public static final List<String> TOURIST_CLASSES = List.of("Tourist");

  /**
   * gold.border_flows: entry and exit events in each period by citizenship, checkpoint and visa
   * type. A flow counts events, not persons. A blank visa (exits mostly) is classed 'unknown'.
   */
  public static Dataset<Row> flows(Dataset<Row> crossings, Dataset<Row> periods) {
    return crossings
        .join(broadcast(periods), col("event_date").between(col("period_start"), col("period_end")))
        .withColumn("visa_type", coalesce(col("visa_type"), lit("unknown")))
        .withColumn("visa_class", coalesce(col("visa_class"), lit("unknown")))
        .groupBy("period_start", "period_end", "citizenship", "checkpoint", "checkpoint_type", "visa_type", "visa_class")
        .agg(count(when(col("direction").equalTo("IN"), lit(1))).as("entries"),
            count(when(col("direction").equalTo("OUT"), lit(1))).as("exits"))
        .withColumn("net_entries", col("entries").minus(col("exits")));
  }

  /**
   * Every tourist-visa entry observed up to {@code observedTo}, with the day the stay ended and its
   * verdict. The stay started by an entry on day D ends at the person's first exit after it — or,
   * when that exit was never recorded, at their next entry (nobody re-enters without having left).
   * Verdict: {@code left} when the stay ended on or before D + 60 (an exit on day 60 is in time),
   * {@code pending} when D + 60 is after observedTo and the stay has not ended, else
   * {@code overstayed} (ended on day 61 or later, or not ended by observedTo).
   */
  public static Dataset<Row> touristStays(Dataset<Row> crossings, LocalDate observedTo, List<String> visaClasses) {
    Date to = Date.valueOf(observedTo);
    WindowSpec after = Window.partitionBy(col("person_id"))
        .orderBy(col("event_time"), col("event_id"))
        .rowsBetween(1, Window.unboundedFollowing());
    Column deadline = date_add(col("event_date"), OVERSTAY_DAYS);
    return crossings
        .filter(col("event_date").leq(lit(to)))
        .withColumn("next_exit", min(when(col("direction").equalTo("OUT"), col("event_date"))).over(after))
        .withColumn("next_entry", min(when(col("direction").equalTo("IN"), col("event_date"))).over(after))
        .filter(col("direction").equalTo("IN").and(col("visa_class").isin(visaClasses.toArray())))
        .withColumn("stay_ended", least(col("next_exit"), col("next_entry")))
        .withColumn("deadline", deadline)
        .withColumn("verdict",
            when(col("stay_ended").isNotNull().and(col("stay_ended").leq(col("deadline"))), lit("left"))
                .when(col("deadline").gt(lit(to)), lit("pending"))
                .otherwise(lit("overstayed")))
        .select("person_id", "citizenship", "event_id", "event_date", "deadline", "stay_ended", "verdict");
  }

  /**
   * The ends of the entry periods gold.overstay covers, like the other flow tables: every month end from the
   * month of {@code first} to the month of {@code last} (the border data's span), and every as-of date on or
   * after {@code first}, whose entry period is its month to date (2024-03-01..2024-03-13 for an as-of date of
   * 2024-03-13). Each period starts on the first day of its end's month. Sorted, without duplicates.
   */
  public static List<LocalDate> entryPeriodEnds(LocalDate first, LocalDate last,
                                                java.util.Collection<LocalDate> asOfDates) {
    java.util.TreeSet<LocalDate> ends = new java.util.TreeSet<>();
    for (java.time.YearMonth m = java.time.YearMonth.from(first); !m.isAfter(java.time.YearMonth.from(last));
         m = m.plusMonths(1)) {
      ends.add(m.atEndOfMonth());
    }
    asOfDates.stream().filter(d -> !d.isBefore(first)).forEach(ends::add);
    return List.copyOf(ends);
  }

  /**
   * The last day whose events a month's verdicts read: the observation date, or — once every entry of the month
   * has had its {@value #OVERSTAY_DAYS} days — the month's end plus those days; later events cannot change them.
   * So a month stays as it was when the observation date moves on, and only the months still open are
   * recomputed (and the date says which months are final).
   */
  public static Column observedTo(Column periodEnd, LocalDate observedTo) {
    return least(lit(Date.valueOf(observedTo)), date_add(periodEnd, OVERSTAY_DAYS));
  }

  /** gold.overstay with the tourist visa classes (T, VOA, EVISA). */
  public static Dataset<Row> overstay(Dataset<Row> crossings, Dataset<Row> periods, LocalDate observedTo) {
    return overstay(crossings, periods, observedTo, TOURIST_CLASSES);
  }

  /**
   * gold.overstay: persons who entered on a visa of {@code visaClasses} in each period (the entry
   * month), by citizenship: left in time, overstayed, pending (see {@link #touristStays}). A person
   * with several such entries in the period counts once: overstayed if any entry overstayed, else
   * pending if any is pending, else left in time.
   */
  public static Dataset<Row> overstay(Dataset<Row> crossings, Dataset<Row> periods, LocalDate observedTo,
                                      List<String> visaClasses) {
    Column rank = when(col("verdict").equalTo("overstayed"), lit(3)).when(col("verdict").equalTo("pending"), lit(2))
        .otherwise(lit(1));
    // An entry's verdict reads only the events after it: the periods asked for need none before the first of
    // them (a daily run asks for the last months, and need not sort every person's crossings since 2012).
    Column firstDay = periods.agg(min(col("period_start"))).scalar();
    Dataset<Row> persons = touristStays(crossings.filter(col("event_date").geq(firstDay)), observedTo, visaClasses)
        .join(broadcast(periods), col("event_date").between(col("period_start"), col("period_end")))
        .groupBy("period_start", "period_end", "citizenship", "person_id")
        .agg(max(rank).as("_worst"));
    return persons
        .groupBy("period_start", "period_end", "citizenship")
        .agg(count(lit(1)).as("tourist_entrants"),
            count(when(col("_worst").equalTo(1), lit(1))).as("left_in_time"),
            count(when(col("_worst").equalTo(3), lit(1))).as("overstayed"),
            count(when(col("_worst").equalTo(2), lit(1))).as("pending"))
        .withColumn("observed_to", observedTo(col("period_end"), observedTo))
        .withColumn("overstay_pct", when(col("left_in_time").plus(col("overstayed")).gt(0),
            round(col("overstayed").multiply(100.0).divide(col("left_in_time").plus(col("overstayed"))), 2)))
        .select("period_start", "period_end", "citizenship", "observed_to", "tourist_entrants", "left_in_time",
            "overstayed", "pending", "overstay_pct");
  }
}
