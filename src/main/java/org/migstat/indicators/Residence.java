package org.migstat.indicators;

import static org.apache.spark.sql.functions.*;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.migstat.conform.Mappings;

/**
 * Usual residence, length of residence, stay category and country of birth of registered residents
 * (UN Expert Group on Migration Statistics 2021 framework; UN Principles and Recommendations for Population
 * and Housing Censuses, Rev. 3, para. 2.51). Pure transforms over the person-dates of
 * {@link Stocks#residentsOnDates}; the reference date is a column of the input.
 *
 * <p><b>Two definitions, never blended.</b> <i>Registered residents</i> are every person registered on the
 * date (the national figure: 73,500 Indonesians on 2024-03-13 in the samples). <i>Usual residents</i> are
 * those of them registered for at least the last 12 months on the date. The UN lets a country choose between
 * "lived continuously for at least the last 12 months" and "for most of the last 12 months"; the registry
 * records neither absences nor intentions, only when a stay was registered, so migstat applies the first
 * option to the registration date. Stays of 3 to 11 months are temporary mobility and stays under 3 months
 * short stays: both stay in the registered figure, flagged by {@code residence_duration}, never discarded.
 * The stay category does not enter the rule (a tourist-category registration of 12 months or more is a usual
 * residence by duration); {@code gold.residents_by_stay} shows the two side by side.
 */
public final class Residence {
  private Residence() {}

  /** SDMX code of an unknown value: not recorded, or recorded as something the code list does not hold. */
  public static final String UNKNOWN = "_U";

  /** The classes of {@code residence_duration}, shortest first. */
  public static final String LESS_THAN_3_MONTHS = "lt_3m";
  public static final String MONTHS_3_TO_11 = "3_11m";
  public static final String MONTHS_12_OR_MORE = "12m_plus";
  public static final List<String> DURATIONS = List.of(LESS_THAN_3_MONTHS, MONTHS_3_TO_11, MONTHS_12_OR_MORE);

  /** The registry's stay category to the harmonised code list (mappings/stay_category.csv). */
  static final Map<String, String> STAY_CATEGORIES = Mappings.dictionary("stay_category.csv", "registry_code",
      "stay_category");

  /**
   * Length of residence on {@code onDate}, counted in calendar months from {@code registrationDate}:
   * {@code lt_3m} registered after onDate - 3 months; {@code 3_11m} after onDate - 12 months; {@code 12m_plus}
   * on or before onDate - 12 months (registered on 2023-03-13: 12 months completed on 2024-03-13). Month
   * arithmetic is Spark's {@code add_months}: from a 29 February back one year is 28 February.
   */
  public static Column duration(Column registrationDate, Column onDate) {
    return when(registrationDate.gt(add_months(onDate, -3)), lit(LESS_THAN_3_MONTHS))
        .when(registrationDate.gt(add_months(onDate, -12)), lit(MONTHS_3_TO_11))
        .otherwise(lit(MONTHS_12_OR_MORE));
  }

  /** The registry's stay category on the harmonised code list; {@value #UNKNOWN} when blank or not on it. */
  public static Column stayCategory(Column registryCode) {
    return coalesce(Mappings.lookup(STAY_CATEGORIES, registryCode), lit(UNKNOWN));
  }

  /** ISO 3166 alpha-3 as conformed in silver; {@value #UNKNOWN} when not recorded. Never inferred from citizenship. */
  public static Column countryOfBirth(Column conformed) {
    return coalesce(conformed, lit(UNKNOWN));
  }

  /**
   * gold.residents_by_stay: registered residents by citizenship, country of birth, stay category and length of
   * residence; one row per combination present. The input has one row per (ref_date, person_id), so the rows
   * of a date add up to the registered residents of gold.residents_stock.
   */
  public static Dataset<Row> residentsByStay(Dataset<Row> residentsOnDates) {
    return residentsOnDates
        .groupBy("ref_date", "citizenship", "country_of_birth", "stay_category", "residence_duration")
        .agg(count(lit(1)).as("persons"));
  }

  /**
   * gold.usual_residents: per reference date and citizenship, registered residents (the national figure)
   * and, beside it, the usual residents (12 months or more), with the two groups that make up the difference:
   * temporary stays of 3 to 11 months and stays under 3 months. From {@link #residentsByStay} rows.
   */
  public static Dataset<Row> usualResidents(Dataset<Row> residentsByStay) {
    Column persons = col("persons");
    Column duration = col("residence_duration");
    return residentsByStay
        .groupBy("ref_date", "citizenship")
        .agg(sum(persons).cast("long").as("registered_residents"),
            coalesce(sum(when(duration.equalTo(MONTHS_12_OR_MORE), persons)), lit(0L)).cast("long")
                .as("usual_residents"),
            coalesce(sum(when(duration.equalTo(MONTHS_3_TO_11), persons)), lit(0L)).cast("long")
                .as("temporary_residents"),
            coalesce(sum(when(duration.equalTo(LESS_THAN_3_MONTHS), persons)), lit(0L)).cast("long")
                .as("short_stay_residents"));
  }
}
