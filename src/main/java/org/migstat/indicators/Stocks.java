package org.migstat.indicators;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Stocks on reference dates (UN stock concept: persons at a point in time). Every transform takes the
 * reference dates as a frame with one column {@code ref_date}; no clock is read here.
 */
public final class Stocks {
  private Stocks() {}

  /**
   * Residents registered on each reference date, one row per (ref_date, person_id): registered on or
   * before the date and not deregistered on or before it; deleted records never count. A person with
   * several records is placed by the record registered last.
   */
  public static Dataset<Row> residentsOnDates(Dataset<Row> residents, Dataset<Row> refDates) {
    Column d = col("ref_date");
    Dataset<Row> live = residents.filter(not(col("is_deleted")))
        .select("person_id", "record_id", "registration_date", "deregistration_date", "citizenship", "province",
            "sex", "birth_date");
    Column onDate = col("registration_date").leq(d)
        .and(col("deregistration_date").isNull().or(col("deregistration_date").gt(d)));
    // The record registered last (ties: the larger record_id) places a person with several records.
    return onePerPerson(live, refDates, onDate,
        struct(col("citizenship"), col("province"), col("sex"), col("birth_date")),
        struct(col("registration_date"), col("record_id")))
        .select(d, col("person_id"), col("_v.citizenship").as("citizenship"), col("_v.province").as("province"),
            col("_v.sex").as("sex"), ageGroup(col("_v.birth_date"), d).as("age_group"));
  }

  /**
   * One row per (ref_date, person_id) with the values ({@code _v}) of the person's record that is greatest by
   * {@code order} among those {@code onDate} holds for. Most persons have one record: their rows come straight
   * from the date join; only persons with several records go through the (sort-based) max_by aggregation, so a
   * stock over many dates does not sort every person-date.
   */
  static Dataset<Row> onePerPerson(Dataset<Row> records, Dataset<Row> refDates, Column onDate, Column values,
                                   Column order) {
    Column d = col("ref_date");
    Dataset<Row> counted = records.withColumn("_records", count(lit(1)).over(Window.partitionBy("person_id")));
    Dataset<Row> onDates = counted.join(broadcast(refDates), onDate);
    Dataset<Row> single = onDates.filter(col("_records").equalTo(1))
        .select(d, col("person_id"), values.as("_v"));
    Dataset<Row> several = onDates.filter(col("_records").gt(1))
        .groupBy(d, col("person_id"))
        .agg(max_by(values, order).as("_v"));
    return single.unionByName(several);
  }

  /** Age on the date in the bands the stock tables publish; "unknown" when no birth date. */
  public static Column ageGroup(Column birthDate, Column onDate) {
    Column age = floor(months_between(onDate, birthDate).divide(12));
    return when(birthDate.isNull().or(age.lt(0)), lit("unknown"))
        .when(age.lt(15), lit("0-14"))
        .when(age.lt(25), lit("15-24"))
        .when(age.lt(35), lit("25-34"))
        .when(age.lt(45), lit("35-44"))
        .when(age.lt(55), lit("45-54"))
        .when(age.lt(65), lit("55-64"))
        .otherwise(lit("65+"));
  }

  /**
   * Persons holding a valid work permit on each reference date, one row per (ref_date, person_id).
   * Valid: in scope (at least 3 months), valid_from <= date <= valid_to, not cancelled, and not
   * revoked before the date. Unit is the person: with overlapping permits, the one that started last
   * gives the breakdown.
   */
  public static Dataset<Row> permitHoldersOnDates(Dataset<Row> permits, Dataset<Row> refDates) {
    Column d = col("ref_date");
    Dataset<Row> valid = permits.filter(not(col("is_deleted")).and(col("in_scope")))
        .select("person_id", "permit_no", "valid_from", "valid_to", "revoked_on", "citizenship", "sector",
            "validity_class");
    Column onDate = col("valid_from").leq(d).and(col("valid_to").geq(d))
        .and(col("revoked_on").isNull().or(col("revoked_on").geq(d)));
    return onePerPerson(valid, refDates, onDate,
        struct(col("citizenship"), col("sector"), col("validity_class")),
        struct(col("valid_from"), col("permit_no")))
        .select(d, col("person_id"), col("_v.citizenship").as("citizenship"), col("_v.sector").as("sector"),
            col("_v.validity_class").as("validity_class"));
  }

  /** Persons by breakdown; the input has one row per (ref_date, person_id), so a row count is a person count. */
  public static Dataset<Row> residentsStock(Dataset<Row> residentsOnDates) {
    return residentsOnDates
        .groupBy("ref_date", "citizenship", "province", "sex", "age_group")
        .agg(count(lit(1)).as("persons"));
  }

  /** Persons by breakdown; one row per (ref_date, person_id) in, as for {@link #residentsStock}. */
  public static Dataset<Row> permitHoldersStock(Dataset<Row> holdersOnDates) {
    return holdersOnDates
        .groupBy("ref_date", "citizenship", "sector", "validity_class")
        .agg(count(lit(1)).as("persons"));
  }

  /**
   * Coverage by citizenship and date: residents, permit holders (resident or not), residents holding a
   * permit, the percentage, and the documentation gap (residents without a valid permit). Residents are
   * classed by their registry citizenship, holders by their document's country.
   */
  public static Dataset<Row> coverage(Dataset<Row> residentsOnDates, Dataset<Row> holdersOnDates) {
    Dataset<Row> residents = residentsOnDates.groupBy("ref_date", "citizenship").agg(count("*").as("residents"));
    Dataset<Row> holders = holdersOnDates.groupBy("ref_date", "citizenship").agg(count("*").as("permit_holders"));
    Dataset<Row> residentHolders = residentsOnDates.select("ref_date", "person_id", "citizenship")
        .join(holdersOnDates.select("ref_date", "person_id"), new String[] {"ref_date", "person_id"}, "left_semi")
        .groupBy("ref_date", "citizenship").agg(count("*").as("permit_holders_resident"));
    return residents
        .join(holders, new String[] {"ref_date", "citizenship"}, "full_outer")
        .join(residentHolders, new String[] {"ref_date", "citizenship"}, "left")
        .na().fill(0L, new String[] {"residents", "permit_holders", "permit_holders_resident"})
        .withColumn("coverage_pct", when(col("residents").gt(0),
            round(col("permit_holders_resident").multiply(100.0).divide(col("residents")), 2)))
        .withColumn("documentation_gap", col("residents").minus(col("permit_holders_resident")));
  }
}
