package org.migstat.indicators;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.List;
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
   * several records is placed by the record registered last. Besides citizenship, province, sex and age
   * group, each person-date carries the residence definitions of {@link Residence}: {@code country_of_birth}
   * ({@value Residence#UNKNOWN} when not recorded), {@code stay_category} (the registry's category on the
   * harmonised code list) and {@code residence_duration} (since the placing record's registration).
   */
  public static Dataset<Row> residentsOnDates(Dataset<Row> residents, Dataset<Row> refDates) {
    Column d = col("ref_date");
    Dataset<Row> live = residents.filter(not(col("is_deleted")))
        .select("person_id", "record_id", "registration_date", "deregistration_date", "citizenship", "province",
            "sex", "birth_date", "country_of_birth", "stay_category");
    Column onDate = col("registration_date").leq(d)
        .and(col("deregistration_date").isNull().or(col("deregistration_date").gt(d)));
    // The record registered last (ties: the larger record_id) places a person with several records.
    return onePerPerson(live, refDates, onDate,
        struct(col("citizenship"), col("province"), col("sex"), col("birth_date"), col("country_of_birth"),
            col("stay_category"), col("registration_date")),
        struct(col("registration_date"), col("record_id")))
        .select(d, col("person_id"), col("_v.citizenship").as("citizenship"), col("_v.province").as("province"),
            col("_v.sex").as("sex"), ageGroup(col("_v.birth_date"), d).as("age_group"),
            Residence.countryOfBirth(col("_v.country_of_birth")).as("country_of_birth"),
            Residence.stayCategory(col("_v.stay_category")).as("stay_category"),
            Residence.duration(col("_v.registration_date"), d).as("residence_duration"));
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
    Column age = ageInYears(birthDate, onDate);
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
   * Completed years of age on a date: the years between the two dates, less one when the date falls before
   * the birthday's month and day. A person born on 29 February therefore reaches the next age on
   * <b>1 March</b> in a common year (on 28 February they are still the younger age): a full year has
   * passed only when the calendar has gone beyond 28 February. This is the statutory rule of, for example,
   * the Maryland Code, General Provisions § 1-303(b) ("An individual born on February 29 attains a specified
   * age on March 1 of any year that is not a leap year"), and the result of ISO-8601 calendar arithmetic
   * ({@code java.time.Period.between(2000-02-29, 2023-02-28)} is 22 years, 11 months, 30 days). Until
   * definition version 2024.2 the age came from {@code months_between}, which counts 28 February as the
   * anniversary (both days end their month). NULL when the birth date is NULL.
   */
  public static Column ageInYears(Column birthDate, Column onDate) {
    Column beforeBirthday = month(onDate).lt(month(birthDate))
        .or(month(onDate).equalTo(month(birthDate)).and(dayofmonth(onDate).lt(dayofmonth(birthDate))));
    return year(onDate).minus(year(birthDate)).minus(when(beforeBirthday, lit(1)).otherwise(lit(0)));
  }

  /**
   * Persons holding a valid work permit on each reference date, one row per (ref_date, person_id).
   * Valid: in scope (at least 3 months), valid_from <= date <= valid_to, not cancelled, and not
   * revoked before the date. Unit is the person: with overlapping permits, the one that started last
   * gives the breakdown, its reason, and whether it is valid {@value #LONG_TERM_MONTHS} months or more
   * ({@code long_term}: Eurostat's "5 years or more" class, a subset of "12 months or more").
   */
  public static Dataset<Row> permitHoldersOnDates(Dataset<Row> permits, Dataset<Row> refDates) {
    Column d = col("ref_date");
    Dataset<Row> valid = permits.filter(not(col("is_deleted")).and(col("in_scope")))
        .select("person_id", "permit_no", "valid_from", "valid_to", "revoked_on", "citizenship", "sector",
            "validity_class", "reason");
    Column onDate = col("valid_from").leq(d).and(col("valid_to").geq(d))
        .and(col("revoked_on").isNull().or(col("revoked_on").geq(d)));
    return onePerPerson(valid, refDates, onDate,
        struct(col("citizenship"), col("sector"), col("validity_class"), col("reason"),
            longTerm(col("valid_from"), col("valid_to")).as("long_term")),
        struct(col("valid_from"), col("permit_no")))
        .select(d, col("person_id"), col("_v.citizenship").as("citizenship"), col("_v.sector").as("sector"),
            col("_v.validity_class").as("validity_class"),
            coalesce(col("_v.reason"), lit(Residence.UNKNOWN)).as("reason"), col("_v.long_term").as("long_term"));
  }

  /** Months of validity from which a permit is a long-term one (Eurostat: 5 years or more). */
  public static final int LONG_TERM_MONTHS = 60;

  /**
   * Valid {@value #LONG_TERM_MONTHS} months or more, measured as the validity classes are
   * ({@code PermitsConform.validityClass}: valid_to on or after valid_from + N months - 1 day), so every
   * long-term permit is also in "12m+": the 5-year class nests in the 12-month class.
   */
  public static Column longTerm(Column validFrom, Column validTo) {
    return validTo.geq(date_sub(add_months(validFrom, LONG_TERM_MONTHS), 1));
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
   * gold.permit_holders_profile: permit holders by citizenship (holder document), reason, validity class, sex
   * and age group, with {@code long_term_persons}, those of them whose permit is valid
   * {@value #LONG_TERM_MONTHS} months or more (non-zero only in "12m+" rows). Sex and age group come from the
   * holder's resident record, linked through the pseudonymised person on the same reference date (the record
   * that places the person in {@link #residentsOnDates}, so the holders with a known sex are exactly the
   * resident permit holders of {@link #coverage}). A holder not registered as a resident on the date has sex
   * and age group {@value Residence#UNKNOWN} (no resident record), kept apart from "U" and "unknown" (a resident
   * record that does not record them). Linking on the date also keeps the table's dependency date-local: a
   * resident record can move it only from its registration date on, as it moves residents_stock. One row per
   * (ref_date, person_id) in each input, so the rows of a date add up to the holders of
   * {@link #permitHoldersStock}.
   */
  public static Dataset<Row> permitHoldersProfile(Dataset<Row> holdersOnDates, Dataset<Row> residentsOnDates) {
    return permitHoldersProfile(personDates(residentsOnDates, holdersOnDates));
  }

  /** {@link #permitHoldersProfile(Dataset, Dataset)} from the {@link #personDates} of its two inputs. */
  public static Dataset<Row> permitHoldersProfile(Dataset<Row> personDates) {
    Column notLinked = not(col("is_resident"));
    return personDates.filter(col("is_holder"))
        .select(col("ref_date"), col("holder_citizenship").as("citizenship"), col("reason"), col("validity_class"),
            col("long_term"),
            when(notLinked, lit(Residence.UNKNOWN)).otherwise(col("sex")).as("sex"),
            when(notLinked, lit(Residence.UNKNOWN)).otherwise(col("age_group")).as("age_group"))
        .groupBy("ref_date", "citizenship", "reason", "validity_class", "sex", "age_group")
        .agg(count(lit(1)).as("persons"), count(when(col("long_term"), lit(1))).as("long_term_persons"));
  }

  /** The columns of {@link #permitHoldersOnDates} a {@link #personDates} frame keeps (citizenship as holder_citizenship). */
  private static final String[] HOLDER_COLUMNS = {"sector", "validity_class", "reason", "long_term"};

  /**
   * Residents and permit holders on each date in one frame: one row per (ref_date, person) registered as a
   * resident or holding a valid permit on the date (the full outer join of {@link #residentsOnDates} and
   * {@link #permitHoldersOnDates} on the pair), with {@code is_resident} and {@code is_holder}, the resident's
   * columns (null when not a resident), the holder's ({@code holder_citizenship}: the document's country; null
   * when no valid permit). The person itself is dropped once joined: every table of the two stocks is a count
   * of such rows, so one join serves them all (coverage and the profile link residents and holders by it).
   */
  public static Dataset<Row> personDates(Dataset<Row> residentsOnDates, Dataset<Row> holdersOnDates) {
    Dataset<Row> residents = residentsOnDates.withColumn("is_resident", lit(true));
    List<Column> holder = new ArrayList<>(List.of(col("ref_date"), col("person_id"),
        col("citizenship").as("holder_citizenship")));
    List<String> present = List.of(holdersOnDates.columns());
    for (String c : HOLDER_COLUMNS) {
      if (present.contains(c)) { // coverage alone needs none of them
        holder.add(col(c));
      }
    }
    holder.add(lit(true).as("is_holder"));
    return residents.join(holdersOnDates.select(holder.toArray(Column[]::new)), new String[] {"ref_date", "person_id"},
            "full_outer")
        .drop("person_id")
        .na().fill(false, new String[] {"is_resident", "is_holder"});
  }

  /** The residents of a {@link #personDates} frame, as {@link #residentsOnDates} gives them (without the person). */
  public static Dataset<Row> residentsOf(Dataset<Row> personDates) {
    return personDates.filter(col("is_resident")).select("ref_date", "citizenship", "province", "sex", "age_group",
        "country_of_birth", "stay_category", "residence_duration");
  }

  /** The permit holders of a {@link #personDates} frame, as {@link #permitHoldersOnDates} gives them (without the person). */
  public static Dataset<Row> holdersOf(Dataset<Row> personDates) {
    List<Column> c = new ArrayList<>(List.of(col("ref_date"), col("holder_citizenship").as("citizenship")));
    for (String h : HOLDER_COLUMNS) {
      c.add(col(h));
    }
    return personDates.filter(col("is_holder")).select(c.toArray(Column[]::new));
  }

  /**
   * Coverage by citizenship and date: residents, permit holders (resident or not), residents holding a
   * permit, the percentage, and the documentation gap (residents without a valid permit). Residents are
   * classed by their registry citizenship, holders by their document's country.
   */
  public static Dataset<Row> coverage(Dataset<Row> residentsOnDates, Dataset<Row> holdersOnDates) {
    return coverage(personDates(residentsOnDates, holdersOnDates));
  }

  /** {@link #coverage(Dataset, Dataset)} from the {@link #personDates} of its two inputs. */
  public static Dataset<Row> coverage(Dataset<Row> personDates) {
    Dataset<Row> residents = personDates.filter(col("is_resident")).groupBy("ref_date", "citizenship")
        .agg(count(lit(1)).as("residents"), count(when(col("is_holder"), lit(1))).as("permit_holders_resident"));
    Dataset<Row> holders = personDates.filter(col("is_holder"))
        .groupBy(col("ref_date"), col("holder_citizenship").as("citizenship")).agg(count(lit(1)).as("permit_holders"));
    return coverageRatios(residents
        .join(holders, new String[] {"ref_date", "citizenship"}, "full_outer")
        .na().fill(0L, new String[] {"residents", "permit_holders", "permit_holders_resident"}));
  }

  /** The columns of coverage computed from its three counts: the percentage and the documentation gap. */
  public static Dataset<Row> coverageRatios(Dataset<Row> counts) {
    return counts
        .withColumn("coverage_pct", when(col("residents").gt(0),
            round(col("permit_holders_resident").multiply(100.0).divide(col("residents")), 2)))
        .withColumn("documentation_gap", col("residents").minus(col("permit_holders_resident")));
  }
}
