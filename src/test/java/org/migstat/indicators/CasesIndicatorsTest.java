package org.migstat.indicators;

import static org.migstat.testing.Frames.row;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.migstat.testing.Frames;
import org.migstat.testing.SparkExtension;

/** Case indicators on tiny fixtures whose answers are worked out by hand in the comments. */
@ExtendWith(SparkExtension.class)
class CasesIndicatorsTest {
  static final String CASES = "case_no STRING, person_id STRING, citizenship STRING, case_type STRING, sex STRING, "
      + "age_group STRING, trafficking_status STRING, scam_related BOOLEAN, consent BOOLEAN, is_deleted BOOLEAN, "
      + "reported_date DATE, identified_date DATE, released_date DATE, repatriated_date DATE, justice_stage STRING, "
      + "recruitment_methods ARRAY<STRING>, recruitment_platforms ARRAY<STRING>, lure_job STRING, "
      + "exploitation_types ARRAY<STRING>, exploitation_subtype STRING, control_methods ARRAY<STRING>, "
      + "entry_visa STRING, entry_route STRING";

  static final Date Y_START = Date.valueOf("2024-01-01");
  static final Date Y_END = Date.valueOf("2024-12-31");

  /** A case with only the profile fields set. */
  static Object[] profiled(String no, String person, boolean consent, boolean deleted, String reported,
                           List<String> recruitment, List<String> platforms, String lure, List<String> exploitation,
                           String subtype, List<String> control, String visa, String route) {
    return new Object[] {no, person, "IDN", "OnlineScamWork", "M", "18+", "ActualVictimOfTrafficking", true, consent,
        deleted, reported, null, null, null, null, arr(recruitment), arr(platforms), lure, arr(exploitation), subtype,
        arr(control), visa, route};
  }

  private static Object arr(List<String> l) {
    return l == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(l).toSeq();
  }

  /** A case with only the outcome fields set. */
  static Object[] outcome(String no, String person, String status, boolean scam, boolean deleted, String reported,
                          String identified, String released, String repatriated, String justice) {
    return new Object[] {no, person, "IDN", scam ? "OnlineScamWork" : "HumanTrafficking", "F", "18+", status, scam, true,
        deleted, reported, identified, released, repatriated, justice, null, null, null, null, null, null, null, null};
  }

  /** The columns a transform must produce: the gold table's, without the stamp the job adds. */
  static List<String> goldColumns(org.migstat.catalog.TableDef t) {
    return java.util.Arrays.stream(t.columnNames()).filter(c -> !c.equals("definition_version") && !c.equals("run_id"))
        .toList();
  }

  private static Dataset<Row> periods(SparkSession spark, String... startEnd) {
    Object[][] rows = new Object[startEnd.length / 2][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new Object[] {startEnd[2 * i], startEnd[2 * i + 1]};
    }
    return Frames.of(spark, "period_start DATE, period_end DATE", rows);
  }

  @Test
  void multiValuedSharesCountPersonsAndDoNotSumTo100(SparkSession spark) {
    String sn = "ThroughOnlineSocialNetworks";
    String ad = "ThroughAnOnlineAdvertisement";
    String fr = "ThroughFriendsOrSocialEvents";
    Dataset<Row> cases = Frames.of(spark, CASES,
        profiled("c1", "p1", true, false, "2024-02-01", List.of(sn, ad), List.of("Facebook", "Telegram"), "CustomerService",
            List.of("ForcedCriminality"), "OnlineScam", List.of("WithholdsDocuments", "DebtBondage"), "Tourist", "NonProcedural"),
        // p1 again: the person's values are the union over the cases of the period
        profiled("c2", "p1", true, false, "2024-06-01", List.of(fr), List.of("WhatsApp"), null, null, null, null, null, null),
        profiled("c3", "p2", true, false, "2024-03-01", List.of(sn), List.of("Telegram"), "InvestmentMarketing",
            List.of("ForcedCriminality", "ForcedLabour"), "OnlineScam", List.of("WithholdsDocuments"), "VisaExempt",
            "NonProcedural"),
        profiled("c4", "p3", true, false, "2024-04-01", List.of(fr), null, null, List.of("ForcedLabour"), null, null,
            "Tourist", null),
        profiled("c5", "p4", false, false, "2024-04-01", List.of(sn), List.of("TikTok"), "CustomerService", null, null,
            null, null, null),                                                                  // no consent
        profiled("c6", "p5", true, false, "2023-12-31", List.of(sn), List.of("TikTok"), null, null, null, null, null, null),
        profiled("c7", "p6", true, true, "2024-05-01", List.of(sn), List.of("TikTok"), null, null, null, null, null, null));
    // Persons in 2024 with consent: p1, p2, p3 (3).
    Frames.assertSameRows(List.of(
            row("recruitment_method", sn, 2, 3, 3, 66.67),       // p1, p2
            row("recruitment_method", ad, 1, 3, 3, 33.33),       // p1
            row("recruitment_method", fr, 2, 3, 3, 66.67),       // p1 (c2), p3 -> the three shares sum to 166.67
            row("platform", "Facebook", 1, 2, 3, 50.0),          // known for p1, p2 only
            row("platform", "Telegram", 2, 2, 3, 100.0),
            row("platform", "WhatsApp", 1, 2, 3, 50.0),
            row("lure_job", "CustomerService", 1, 2, 3, 50.0),
            row("lure_job", "InvestmentMarketing", 1, 2, 3, 50.0),
            row("exploitation_type", "ForcedCriminality", 2, 3, 3, 66.67),
            row("exploitation_type", "ForcedLabour", 2, 3, 3, 66.67),
            row("exploitation_subtype", "OnlineScam", 2, 3, 3, 66.67),  // denominator: exploitation recorded
            row("control_method", "WithholdsDocuments", 2, 2, 3, 100.0),
            row("control_method", "DebtBondage", 1, 2, 3, 50.0),
            row("entry_visa", "Tourist", 2, 3, 3, 66.67),
            row("entry_visa", "VisaExempt", 1, 3, 3, 33.33),
            row("entry_route", "NonProcedural", 2, 2, 3, 100.0)),
        Cases.profile(cases, periods(spark, "2024-01-01", "2024-12-31"))
            .select("attribute", "value", "persons", "persons_known", "persons_in_period", "share_pct"));
  }

  static Dataset<Row> outcomeCases(SparkSession spark) {
    return Frames.of(spark, CASES,
        // report->identified 10, identified->released 10, released->repatriated 30; convicted
        outcome("c1", "p1", "ActualVictimOfTrafficking", true, false, "2024-01-01", "2024-01-11", "2024-01-21", "2024-02-20",
            "Convicted"),
        // 20, 1, 50
        outcome("c2", "p2", "ActualVictimOfTrafficking", true, false, "2024-02-01", "2024-02-21", "2024-02-22", "2024-04-12",
            null),
        // 40, not released
        outcome("c3", "p3", "ActualVictimOfTrafficking", false, false, "2024-03-01", "2024-04-10", null, null, "Suspected"),
        // not identified (possible victim); released -> repatriated 10
        outcome("c4", "p4", "PossibleVictimOfTrafficking", false, false, "2024-03-01", null, "2024-03-10", "2024-03-20", null),
        // stages after the period end do not count
        outcome("c5", "p5", "ActualVictimOfTrafficking", true, false, "2024-06-20", "2024-07-05", "2024-07-10", null,
            "Prosecuted"),
        // screened, not a victim: no identification; the person of c1 again
        outcome("c6", "p1", "NotAVictimOfTrafficking", false, false, "2024-05-01", "2024-05-03", null, null, null),
        outcome("c7", "p7", "ActualVictimOfTrafficking", false, true, "2024-02-01", "2024-02-02", null, null, null),
        outcome("c8", "p8", "ActualVictimOfTrafficking", false, false, "2023-12-31", "2024-01-02", null, null, null));
  }

  @Test
  void outcomesFunnelMediansAndJusticeStages(SparkSession spark) {
    Frames.assertSameRows(List.of(
            // cases, persons, identified, released, repatriated, medians (10,20,40) (10,1) (30,50,10), >=suspected, >=prosecuted, convicted
            row("all", 6, 5, 3, 3, 3, 20.0, 5.5, 30.0, 3, 2, 1),
            row("scam_related", 3, 3, 2, 2, 2, 15.0, 5.5, 40.0, 2, 2, 1)),
        Cases.outcomes(outcomeCases(spark), periods(spark, "2024-01-01", "2024-06-30"))
            .select("scope", "cases_reported", "persons_reported", "persons_identified", "persons_released",
                "persons_repatriated", "median_days_reported_to_identified", "median_days_identified_to_released",
                "median_days_released_to_repatriated", "persons_suspected", "persons_prosecuted", "persons_convicted"));
  }

  @Test
  void transformsProduceTheDeclaredGoldColumns(SparkSession spark) {
    Dataset<Row> cases = outcomeCases(spark);
    Dataset<Row> p = periods(spark, "2024-01-01", "2024-06-30");
    Dataset<Row> stock = Frames.of(spark, "ref_date DATE, citizenship STRING, persons BIGINT", new Object[] {"2024-03-13", "IDN", 1});
    org.junit.jupiter.api.Assertions.assertEquals(goldColumns(org.migstat.catalog.CaseTables.CASES_BY_MONTH),
        List.of(Cases.byMonth(cases, p).columns()));
    org.junit.jupiter.api.Assertions.assertEquals(goldColumns(org.migstat.catalog.CaseTables.CASE_PROFILE),
        List.of(Cases.profile(cases, p).columns()));
    org.junit.jupiter.api.Assertions.assertEquals(goldColumns(org.migstat.catalog.CaseTables.CASE_OUTCOMES),
        List.of(Cases.outcomes(cases, p).columns()));
    org.junit.jupiter.api.Assertions.assertEquals(goldColumns(org.migstat.catalog.CaseTables.CASES_PER_100K),
        List.of(Cases.per100k(cases, stock, p).columns()));
  }

  @Test
  void casesByMonthCountCasesAndDistinctPersons(SparkSession spark) {
    Date jan = Date.valueOf("2024-01-01");
    Frames.assertSameRows(List.of(
            row(jan, "HumanTrafficking", "PossibleVictimOfTrafficking", 1, 1, 0, 0),
            row(jan, "OnlineScamWork", "ActualVictimOfTrafficking", 2, 1, 2, 1)),
        Cases.byMonth(Frames.of(spark, CASES,
                outcome("a", "p1", "ActualVictimOfTrafficking", true, false, "2024-01-03", null, null, null, null),
                outcome("b", "p1", "ActualVictimOfTrafficking", true, false, "2024-01-30", null, null, null, null),
                outcome("c", "p2", "PossibleVictimOfTrafficking", false, false, "2024-01-31", null, null, null, null),
                outcome("d", "p3", "PossibleVictimOfTrafficking", false, true, "2024-01-15", null, null, null, null),
                outcome("e", "p4", "PossibleVictimOfTrafficking", false, false, "2024-02-01", null, null, null, null)),
            periods(spark, "2024-01-01", "2024-01-31"))
            .select("period_start", "case_type", "trafficking_status", "cases", "persons", "scam_related_cases",
                "scam_related_persons"));
  }

  @Test
  void casesPer100kUseTheLastStockOfThePeriod(SparkSession spark) {
    Dataset<Row> stock = Frames.of(spark, "ref_date DATE, citizenship STRING, province STRING, persons BIGINT",
        new Object[] {"2023-06-30", "IDN", "KH-12", 45_000},
        new Object[] {"2023-12-31", "IDN", "KH-12", 40_000},
        new Object[] {"2023-12-31", "IDN", "KH-18", 10_000},
        new Object[] {"2023-12-31", "CHN", "KH-12", 5_000},
        new Object[] {"2024-03-13", "IDN", "KH-12", 73_500});
    Dataset<Row> cases = Frames.of(spark, CASES,
        outcome("a", "p1", "ActualVictimOfTrafficking", true, false, "2023-02-01", null, null, null, null),
        outcome("b", "p1", "ActualVictimOfTrafficking", true, false, "2023-05-01", null, null, null, null),
        outcome("c", "p2", "ActualVictimOfTrafficking", true, false, "2023-11-01", null, null, null, null),
        outcome("d", "p3", "ActualVictimOfTrafficking", true, false, "2024-01-10", null, null, null, null),
        outcome("e", "p4", "ActualVictimOfTrafficking", true, false, "2024-03-01", null, null, null, null),
        outcome("f", "p5", "ActualVictimOfTrafficking", true, false, "2022-03-01", null, null, null, null))
        .unionByName(Frames.of(spark, CASES,
            outcome("g", "p6", "ActualVictimOfTrafficking", true, false, "2023-03-01", null, null, null, null))
            .withColumn("citizenship", org.apache.spark.sql.functions.lit("THA")));
    Frames.assertSameRows(List.of(
            // 3 cases, 2 persons over 50,000 residents on 2023-12-31 (not 45,000 on 2023-06-30)
            row(Date.valueOf("2023-12-31"), "IDN", 3, 2, 50_000, Date.valueOf("2023-12-31"), 6.0, 4.0),
            row(Date.valueOf("2023-12-31"), "THA", 1, 1, 0, Date.valueOf("2023-12-31"), null, null),
            // 2 / 73,500 x 100,000 = 2.72
            row(Date.valueOf("2024-03-31"), "IDN", 2, 2, 73_500, Date.valueOf("2024-03-13"), 2.72, 2.72),
            // no stock in 2022: no denominator
            row(Date.valueOf("2022-12-31"), "IDN", 1, 1, null, null, null, null)),
        Cases.per100k(cases, stock, periods(spark, "2023-01-01", "2023-12-31", "2024-01-01", "2024-03-31",
                "2022-01-01", "2022-12-31"))
            .select("period_end", "citizenship", "cases", "persons", "residents", "residents_ref_date", "cases_per_100k",
                "persons_per_100k"));
  }
}
