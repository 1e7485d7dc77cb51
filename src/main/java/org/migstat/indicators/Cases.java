package org.migstat.indicators;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Protection and trafficking case indicators (definitions.md: counts of detected / identified victims
 * measure the work of the authorities, not prevalence). Pure transforms over frames shaped like
 * silver.cases; periods come in as a frame with {@code period_start} and {@code period_end}
 * (inclusive), so no clock is read here. Cases entered in error ({@code is_deleted}) never count.
 */
public final class Cases {
  private Cases() {}

  /** The attributes of gold.case_profile and the silver columns they come from (as arrays). */
  public static final Map<String, Column> PROFILE_ATTRIBUTES = profileAttributes();

  private static Map<String, Column> profileAttributes() {
    Map<String, Column> m = new LinkedHashMap<>();
    m.put("recruitment_method", col("recruitment_methods"));
    m.put("platform", col("recruitment_platforms"));
    m.put("lure_job", single(col("lure_job")));
    m.put("exploitation_type", col("exploitation_types"));
    // The subtype is known wherever the forms of exploitation are: a person without OnlineScam counts in the denominator.
    m.put("exploitation_subtype", when(col("exploitation_types").isNotNull(),
        when(col("exploitation_subtype").isNotNull(), array(col("exploitation_subtype")))
            .otherwise(array().cast("array<string>"))));
    m.put("control_method", col("control_methods"));
    m.put("entry_visa", single(col("entry_visa")));
    m.put("entry_route", single(col("entry_route")));
    return m;
  }

  private static Column single(Column c) {
    return when(c.isNotNull(), array(c));
  }

  private static Dataset<Row> live(Dataset<Row> cases) {
    return cases.filter(not(col("is_deleted")));
  }

  private static Dataset<Row> reportedIn(Dataset<Row> cases, Dataset<Row> periods) {
    return live(cases).join(broadcast(periods), col("reported_date").between(col("period_start"), col("period_end")));
  }

  /**
   * gold.cases_by_month: cases and distinct persons reported in each period by citizenship, case
   * type, sex, age group (0-17, 18+ on the reported date) and identification status. Persons do not
   * add up across cells: a person with two cases of different types is in both.
   */
  public static Dataset<Row> byMonth(Dataset<Row> cases, Dataset<Row> periods) {
    return reportedIn(cases, periods)
        .groupBy("period_start", "period_end", "citizenship", "case_type", "sex", "age_group", "trafficking_status")
        .agg(count(lit(1)).as("cases"),
            count_distinct(col("person_id")).as("persons"),
            count(when(col("scam_related"), lit(1))).as("scam_related_cases"),
            count_distinct(when(col("scam_related"), col("person_id"))).as("scam_related_persons"));
  }

  /**
   * gold.case_profile: for each period, attribute and value, the persons with that value among the
   * persons with the attribute recorded. The unit is the person: a person's values are the union over
   * their cases reported in the period, and a person counts once per value. Multi-valued attributes
   * (recruitment methods, platforms, forms of exploitation, means of control) give shares that do not
   * sum to 100. Only cases with consent to data use are profiled (a non-statutory output).
   */
  public static Dataset<Row> profile(Dataset<Row> cases, Dataset<Row> periods) {
    Dataset<Row> consenting = reportedIn(cases.filter(coalesce(col("consent"), lit(false))), periods);
    List<Dataset<Row>> parts = new ArrayList<>();
    for (Map.Entry<String, Column> a : PROFILE_ATTRIBUTES.entrySet()) {
      parts.add(consenting.select(col("period_start"), col("period_end"), col("person_id"),
          lit(a.getKey()).as("attribute"), a.getValue().as("values")));
    }
    Dataset<Row> longForm = parts.stream().reduce(Dataset::unionByName).orElseThrow()
        .filter(col("values").isNotNull());
    Dataset<Row> known = longForm
        .groupBy("period_start", "period_end", "attribute")
        .agg(count_distinct(col("person_id")).as("persons_known"));
    Dataset<Row> withValue = longForm
        .select(col("period_start"), col("period_end"), col("attribute"), col("person_id"), explode(col("values")).as("value"))
        .groupBy("period_start", "period_end", "attribute", "value")
        .agg(count_distinct(col("person_id")).as("persons"));
    Dataset<Row> inPeriod = consenting
        .groupBy("period_start", "period_end")
        .agg(count_distinct(col("person_id")).as("persons_in_period"));
    return withValue
        .join(known, new String[] {"period_start", "period_end", "attribute"})
        .join(inPeriod, new String[] {"period_start", "period_end"})
        .withColumn("share_pct", round(col("persons").multiply(100.0).divide(col("persons_known")), 2))
        .select("period_start", "period_end", "attribute", "value", "persons", "persons_known", "persons_in_period",
            "share_pct");
  }

  /**
   * gold.case_outcomes: the cohort of cases reported in each period, followed until period_end.
   * Funnel in distinct persons: reported, identified (as an actual victim, identified_date on or
   * before period_end), released, repatriated (dates on or before period_end). Medians in days
   * between consecutive stages over the cases that reached both by period_end. Justice stages are
   * counted as reached-at-least: a conviction also counts as prosecuted and suspected. One row per
   * period for all cases, and one for the scam-related ones.
   */
  public static Dataset<Row> outcomes(Dataset<Row> cases, Dataset<Row> periods) {
    Dataset<Row> cohort = reportedIn(cases, periods);
    Dataset<Row> scoped = cohort.withColumn("scope", lit("all"))
        .unionByName(cohort.filter(col("scam_related")).withColumn("scope", lit("scam_related")));
    Column end = col("period_end");
    Column identified = col("trafficking_status").equalTo("ActualVictimOfTrafficking")
        .and(col("identified_date").leq(end));
    Column stage = col("justice_stage");
    Dataset<Row> flagged = scoped
        .withColumn("_identified", coalesce(identified, lit(false)))
        .withColumn("_released", coalesce(col("released_date").leq(end), lit(false)))
        .withColumn("_repatriated", coalesce(col("repatriated_date").leq(end), lit(false)))
        .withColumn("_stage", when(stage.equalTo("Convicted"), lit(3)).when(stage.equalTo("Prosecuted"), lit(2))
            .when(stage.equalTo("Suspected"), lit(1)).otherwise(lit(0)));
    String[] key = {"period_start", "period_end", "scope"};
    // Medians over cases ...
    Dataset<Row> byCase = flagged.groupBy(key[0], key[1], key[2])
        .agg(count(lit(1)).as("cases_reported"),
            median(when(col("_identified"), datediff(col("identified_date"), col("reported_date"))))
                .as("median_days_reported_to_identified"),
            median(when(col("_identified").and(col("_released")), datediff(col("released_date"), col("identified_date"))))
                .as("median_days_identified_to_released"),
            median(when(col("_released").and(col("_repatriated")), datediff(col("repatriated_date"), col("released_date"))))
                .as("median_days_released_to_repatriated"));
    // ... and the funnel over persons: a person reaches a stage when any of their cases in the cohort does.
    Dataset<Row> byPerson = flagged.groupBy(key[0], key[1], key[2], "person_id")
        .agg(max(col("_identified").cast("int")).as("_i"), max(col("_released").cast("int")).as("_r"),
            max(col("_repatriated").cast("int")).as("_p"), max(col("_stage")).as("_s"))
        .groupBy(key[0], key[1], key[2])
        .agg(count(lit(1)).as("persons_reported"),
            sum(col("_i")).cast("long").as("persons_identified"),
            sum(col("_r")).cast("long").as("persons_released"),
            sum(col("_p")).cast("long").as("persons_repatriated"),
            count(when(col("_s").geq(1), lit(1))).as("persons_suspected"),
            count(when(col("_s").geq(2), lit(1))).as("persons_prosecuted"),
            count(when(col("_s").geq(3), lit(1))).as("persons_convicted"));
    return byCase.join(byPerson, key)
        .select("period_start", "period_end", "scope", "cases_reported", "persons_reported", "persons_identified",
            "persons_released", "persons_repatriated", "median_days_reported_to_identified",
            "median_days_identified_to_released", "median_days_released_to_repatriated", "persons_suspected",
            "persons_prosecuted", "persons_convicted");
  }

  /**
   * gold.cases_per_100k: cases and persons reported in each period per 100,000 residents of the same
   * citizenship. {@code residentsStock} is shaped like gold.residents_stock (ref_date, citizenship,
   * ..., persons); the denominator is its total on the last ref_date inside the period (NULL when the
   * period holds none). Only citizenships with cases in the period get a row.
   */
  public static Dataset<Row> per100k(Dataset<Row> cases, Dataset<Row> residentsStock, Dataset<Row> periods) {
    Dataset<Row> counts = reportedIn(cases, periods)
        .groupBy("period_start", "period_end", "citizenship")
        .agg(count(lit(1)).as("cases"), count_distinct(col("person_id")).as("persons"));
    Dataset<Row> lastStockDate = residentsStock.select("ref_date").distinct()
        .join(broadcast(periods), col("ref_date").between(col("period_start"), col("period_end")))
        .groupBy("period_start", "period_end")
        .agg(max(col("ref_date")).as("residents_ref_date"));
    Dataset<Row> residents = residentsStock
        .groupBy(col("ref_date").as("residents_ref_date"), col("citizenship"))
        .agg(sum(col("persons")).cast("long").as("_residents"));
    Column rate100k = lit(100_000.0);
    return counts
        .join(lastStockDate, new String[] {"period_start", "period_end"}, "left")
        .join(residents, new String[] {"residents_ref_date", "citizenship"}, "left")
        .withColumn("residents", when(col("residents_ref_date").isNotNull(), coalesce(col("_residents"), lit(0L))))
        .withColumn("cases_per_100k", when(col("residents").gt(0),
            round(col("cases").multiply(rate100k).divide(col("residents")), 2)))
        .withColumn("persons_per_100k", when(col("residents").gt(0),
            round(col("persons").multiply(rate100k).divide(col("residents")), 2)))
        .select("period_start", "period_end", "citizenship", "cases", "persons", "residents", "residents_ref_date",
            "cases_per_100k", "persons_per_100k");
  }
}
