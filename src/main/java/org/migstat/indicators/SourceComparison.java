package org.migstat.indicators;

import static org.apache.spark.sql.functions.*;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.source_comparison: each source's own figure for a citizenship and month end, side by side in
 * long format (one row per source) — never blended into one number (definitions.md). The ratio to
 * host-registry residents is there to compare scales, not to estimate anything. Pure.
 */
public final class SourceComparison {
  private SourceComparison() {}

  public static final String RESIDENTS = "host_registry_residents";
  public static final String PERMIT_HOLDERS = "work_permit_holders";
  public static final String EMBASSY = "embassy_registrations";
  public static final String BORDER = "border_net_entries";
  public static final String CASES = "protection_cases";

  static final String RESIDENTS_DEF = "distinct persons registered as residents in the host registry on ref_date";
  static final String PERMIT_HOLDERS_DEF =
      "distinct persons holding a valid work permit (3 months or more) on ref_date, resident or not";
  static final String EMBASSY_DEF =
      "self-registrations with the embassy from the start of the register to ref_date (registrations, not persons; deleted ones excluded)";
  static final String BORDER_DEF = "entry events minus exit events from period_start (the base date) to ref_date";
  static final String CASES_DEF = "protection cases reported in the calendar month ending on ref_date (entered-in-error excluded)";

  /**
   * @param coverage  shaped like gold.permit_coverage (ref_date, citizenship, residents, permit_holders, ...)
   * @param embassy   shaped like silver.embassy_registrations
   * @param crossings shaped like silver.crossings
   * @param cases     shaped like silver.cases
   * @param monthEnds one column {@code ref_date}: the month ends to compare on
   * @param borderBase first day counted in the net border entries
   */
  public static Dataset<Row> compare(Dataset<Row> coverage, Dataset<Row> embassy, Dataset<Row> crossings,
                                     Dataset<Row> cases, Dataset<Row> monthEnds, LocalDate borderBase) {
    Column nullDate = lit(null).cast("date");
    Column refDate = col("ref_date");
    Dataset<Row> dates = broadcast(monthEnds.select(refDate).distinct());

    Dataset<Row> stocks = coverage.join(dates, "ref_date");
    Dataset<Row> residents = stocks.select(refDate, col("citizenship"), lit(RESIDENTS).as("source"),
        lit(RESIDENTS_DEF).as("definition"), nullDate.as("period_start"), refDate.as("period_end"),
        col("residents").cast("long").as("value"));
    Dataset<Row> holders = stocks.select(refDate, col("citizenship"), lit(PERMIT_HOLDERS).as("source"),
        lit(PERMIT_HOLDERS_DEF).as("definition"), nullDate.as("period_start"), refDate.as("period_end"),
        col("permit_holders").cast("long").as("value"));

    Dataset<Row> registrations = embassy.filter(not(col("is_deleted")))
        .groupBy("citizenship", "registration_date").agg(count(lit(1)).as("_n"))
        .join(dates, col("registration_date").leq(refDate))
        .groupBy(refDate, col("citizenship"))
        .agg(sum(col("_n")).cast("long").as("value"))
        .select(refDate, col("citizenship"), lit(EMBASSY).as("source"), lit(EMBASSY_DEF).as("definition"),
            nullDate.as("period_start"), refDate.as("period_end"), col("value"));

    Date base = Date.valueOf(borderBase);
    Dataset<Row> border = crossings.filter(col("event_date").geq(lit(base)))
        .groupBy("citizenship", "event_date")
        .agg(sum(when(col("direction").equalTo("IN"), lit(1L)).when(col("direction").equalTo("OUT"), lit(-1L))
            .otherwise(lit(0L))).as("_net"))
        .join(dates.filter(refDate.geq(lit(base))), col("event_date").leq(refDate))
        .groupBy(refDate, col("citizenship"))
        .agg(sum(col("_net")).cast("long").as("value"))
        .select(refDate, col("citizenship"), lit(BORDER).as("source"), lit(BORDER_DEF).as("definition"),
            lit(base).as("period_start"), refDate.as("period_end"), col("value"));

    Dataset<Row> protection = cases.filter(not(col("is_deleted")))
        .join(dates, col("reported_date").between(trunc(refDate, "month"), refDate))
        .groupBy(refDate, col("citizenship"))
        .agg(count(lit(1)).as("value"))
        .select(refDate, col("citizenship"), lit(CASES).as("source"), lit(CASES_DEF).as("definition"),
            trunc(refDate, "month").as("period_start"), refDate.as("period_end"), col("value"));

    Dataset<Row> residentsOnDate = stocks.select(refDate, col("citizenship"), col("residents").cast("long").as("residents"));
    return residents.unionByName(holders).unionByName(registrations).unionByName(border).unionByName(protection)
        .join(residentsOnDate, new String[] {"ref_date", "citizenship"}, "left")
        .withColumn("ratio_to_residents", when(col("residents").gt(0),
            round(col("value").cast("double").divide(col("residents")), 4)))
        .select("ref_date", "citizenship", "source", "definition", "period_start", "period_end", "value", "residents",
            "ratio_to_residents");
  }
}
