package org.migstat.indicators;

import static org.apache.spark.sql.functions.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.migstat.testing.Frames.row;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.conform.Mappings;
import org.migstat.conform.PermitsConform;
import org.migstat.testing.Frames;
import org.migstat.testing.SparkExtension;

/**
 * The official definitions of issue 15: usual residence beside registration, stay category and country of birth,
 * the 5-year permit class nested in "12 months or more", permit holders by reason, sex and age, the 29 February
 * birthday, and overstay for the as-of entry period.
 */
@ExtendWith(SparkExtension.class)
class OfficialDefinitionsTest {
  static final String RESIDENTS = "record_id STRING, person_id STRING, citizenship STRING, province STRING, sex STRING, "
      + "birth_date DATE, registration_date DATE, deregistration_date DATE, is_deleted BOOLEAN, "
      + "country_of_birth STRING, stay_category STRING";
  static final String PERMITS = "permit_no STRING, person_id STRING, citizenship STRING, sector STRING, reason STRING, "
      + "valid_from DATE, valid_to DATE, revoked_on DATE, is_deleted BOOLEAN";

  private static Dataset<Row> dates(SparkSession spark, String... dates) {
    Object[][] rows = new Object[dates.length][];
    for (int i = 0; i < dates.length; i++) {
      rows[i] = new Object[] {dates[i]};
    }
    return Frames.of(spark, "ref_date DATE", rows);
  }

  /** silver.permits' validity columns, derived from valid_from and valid_to by the conform rule itself. */
  private static Dataset<Row> withValidity(Dataset<Row> permits) {
    return permits
        .withColumn("validity_class", PermitsConform.validityClass(col("valid_from"), col("valid_to")))
        .withColumn("in_scope", col("validity_class").notEqual("<3m"));
  }

  @Test
  void lengthOfResidenceCountsCalendarMonthsFromRegistration(SparkSession spark) {
    Dataset<Row> residents = Frames.of(spark, RESIDENTS,
        new Object[] {"r1", "p1", "IDN", "KH-12", "F", null, "2024-03-13", null, false, "IDN", "EB"},  // that day
        new Object[] {"r2", "p2", "IDN", "KH-12", "F", null, "2023-12-14", null, false, "IDN", "EB"},  // 3 months less a day
        new Object[] {"r3", "p3", "IDN", "KH-12", "F", null, "2023-12-13", null, false, "IDN", "EB"},  // 3 months
        new Object[] {"r4", "p4", "IDN", "KH-12", "F", null, "2023-03-14", null, false, "IDN", "EB"},  // 12 months less a day
        new Object[] {"r5", "p5", "IDN", "KH-12", "F", null, "2023-03-13", null, false, "IDN", "EB"},  // 12 months
        // two records: the record that places the person (registered last) gives the duration
        new Object[] {"r6", "p6", "IDN", "KH-12", "F", null, "2015-01-01", null, false, "IDN", "EB"},
        new Object[] {"r7", "p6", "IDN", "KH-12", "F", null, "2024-01-02", null, false, "IDN", "EB"});
    Frames.assertSameRows(List.of(row("p1", "lt_3m"), row("p2", "lt_3m"), row("p3", "3_11m"), row("p4", "3_11m"),
            row("p5", "12m_plus"), row("p6", "lt_3m")),
        Stocks.residentsOnDates(residents, dates(spark, "2024-03-13")).select("person_id", "residence_duration"));
    // From 29 February, a year back is 28 February: registered then, 12 months are complete.
    Frames.assertSameRows(List.of(row("2023-02-28", "12m_plus"), row("2023-03-01", "3_11m")),
        Frames.of(spark, "registration_date DATE", new Object[] {"2023-02-28"}, new Object[] {"2023-03-01"})
            .select(col("registration_date").cast("string"),
                Residence.duration(col("registration_date"), lit(Date.valueOf("2024-02-29")))));
  }

  @Test
  void stayCategoryAndCountryOfBirthAreMappedNeverGuessed(SparkSession spark) {
    Dataset<Row> residents = Frames.of(spark, RESIDENTS,
        new Object[] {"r1", "p1", "IDN", "KH-12", "M", null, "2020-01-01", null, false, "IDN", "EB"},
        new Object[] {"r2", "p2", "IDN", "KH-12", "M", null, "2020-01-01", null, false, "MYS", "t"},
        new Object[] {"r3", "p3", "IDN", "KH-12", "M", null, "2020-01-01", null, false, null, "ZZ"},
        new Object[] {"r4", "p4", "CHN", "KH-12", "M", null, "2020-01-01", null, false, null, null});
    Frames.assertSameRows(List.of(row("p1", "IDN", "employment"), row("p2", "MYS", "tourist"), row("p3", "_U", "_U"),
            row("p4", "_U", "_U")),
        Stocks.residentsOnDates(residents, dates(spark, "2024-03-13"))
            .select("person_id", "country_of_birth", "stay_category"));
  }

  @Test
  void everyStayCategoryOfTheMappingIsDeclaredInTheCatalogue() {
    var declared = IndicatorCatalog.DIMENSIONS.get("stay_category").codes().keySet();
    List<Map<String, String>> rows = Mappings.load("stay_category.csv");
    assertTrue(rows.size() >= 6, "the registry's six categories are mapped");
    for (Map<String, String> r : rows) {
      assertTrue(declared.contains(r.get("stay_category")), r.get("stay_category") + " has no catalogue label");
    }
    assertTrue(declared.contains(Residence.UNKNOWN));
    assertEquals(Residence.DURATIONS, List.copyOf(IndicatorCatalog.DIMENSIONS.get("residence_duration").codes().keySet()));
  }

  @Test
  void a29FebruaryBirthdayIsReachedOn1MarchInACommonYear(SparkSession spark) {
    Dataset<Row> on = Frames.of(spark, "on_date DATE",
        new Object[] {"2023-02-28"}, new Object[] {"2023-03-01"}, new Object[] {"2024-02-28"}, new Object[] {"2024-02-29"});
    // Born 2008-02-29: 15 on 1 March 2023, not on 28 February 2023; 16 on 29 February 2024.
    Frames.assertSameRows(List.of(
            row("2023-02-28", 14, "0-14"), row("2023-03-01", 15, "15-24"),
            row("2024-02-28", 15, "15-24"), row("2024-02-29", 16, "15-24")),
        on.select(col("on_date").cast("string"),
            Stocks.ageInYears(lit(Date.valueOf("2008-02-29")), col("on_date")),
            Stocks.ageGroup(lit(Date.valueOf("2008-02-29")), col("on_date"))));
    // Every other birthday is reached on its own day, 28 February included.
    Frames.assertSameRows(List.of(row("2023-02-27", 24), row("2023-02-28", 25)),
        Frames.of(spark, "on_date DATE", new Object[] {"2023-02-27"}, new Object[] {"2023-02-28"})
            .select(col("on_date").cast("string"), Stocks.ageInYears(lit(Date.valueOf("1998-02-28")), col("on_date"))));
  }

  /**
   * A registry of a few hundred persons with every complication the breakdowns must survive (several records,
   * deletions, deregistrations, blank and unknown codes, 29 February birthdays, overlapping, revoked and 5-year
   * permits, holders who are not residents), on 15 reference dates. Fixed seed.
   */
  private record Registry(Dataset<Row> residents, Dataset<Row> permits, Dataset<Row> dates) {}

  private static Registry registry(SparkSession spark) {
    Random r = new Random(15);
    String[] citizenships = {"IDN", "IDN", "IDN", "CHN", "AUS"};
    String[] stays = {"EB", "EB", "EG", "ES", "ER", "K", "T", "", "XX"};
    List<Object[]> residents = new ArrayList<>();
    for (int p = 0; p < 400; p++) {
      String cit = citizenships[r.nextInt(citizenships.length)];
      LocalDate registered = LocalDate.of(2021, 1, 1).plusDays(r.nextInt(1200));
      LocalDate left = r.nextInt(5) == 0 ? registered.plusDays(30 + r.nextInt(400)) : null;
      LocalDate birth = r.nextInt(10) == 0 ? null
          : r.nextInt(8) == 0 ? LocalDate.of(1980 + 4 * r.nextInt(8), 2, 29) : LocalDate.of(1960, 1, 1).plusDays(r.nextInt(20000));
      String cob = r.nextInt(6) == 0 ? null : r.nextInt(5) == 0 ? "MYS" : cit;
      String sex = r.nextInt(20) == 0 ? "U" : r.nextBoolean() ? "M" : "F";
      residents.add(new Object[] {"r" + p, "p" + p, cit, "KH-1" + r.nextInt(3), sex, birth, registered, left,
          r.nextInt(40) == 0, cob, stays[r.nextInt(stays.length)]});
      if (r.nextInt(10) == 0) { // a second record of the same person, registered later
        residents.add(new Object[] {"s" + p, "p" + p, cit, "KH-13", sex, birth, registered.plusDays(1 + r.nextInt(300)), null,
            false, cob, stays[r.nextInt(stays.length)]});
      }
    }
    String[] reasons = {"Employment", "Employment", "Family", "Education", "Other"};
    int[] months = {2, 4, 8, 12, 24, 59, 60, 61, 120};
    List<Object[]> permits = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      int person = r.nextInt(480); // persons 400..479 are holders without a resident record
      LocalDate from = LocalDate.of(2019, 1, 1).plusDays(r.nextInt(1900));
      LocalDate to = from.plusMonths(months[r.nextInt(months.length)]).minusDays(r.nextInt(3));
      LocalDate revoked = r.nextInt(15) == 0 ? from.plusDays(r.nextInt(200)) : null;
      permits.add(new Object[] {"w" + i, "p" + person, person < 400 ? null : "IDN", "C", reasons[r.nextInt(reasons.length)],
          from, to, revoked, r.nextInt(50) == 0});
    }
    Dataset<Row> res = Frames.of(spark, RESIDENTS, residents.toArray(Object[][]::new));
    // A holder's document country is their citizenship here; holders without a resident record are IDN.
    Dataset<Row> perm = withValidity(Frames.of(spark, PERMITS, permits.toArray(Object[][]::new)))
        .drop("citizenship")
        .join(res.select("person_id", "citizenship").dropDuplicates("person_id"), new String[] {"person_id"}, "left")
        .withColumn("citizenship", coalesce(col("citizenship"), lit("IDN")));
    List<String> refDates = new ArrayList<>();
    for (int i = 0; i < 14; i++) { // the month ends of 2023-01 .. 2024-02 (2023-02-28 among them), and an as-of date
      refDates.add(java.time.YearMonth.of(2023, 1).plusMonths(i).atEndOfMonth().toString());
    }
    refDates.add("2024-03-13");
    return new Registry(res, perm, dates(spark, refDates.toArray(String[]::new)));
  }

  /** Rows collected once; the sums below are plain Java over them (one Spark job per frame). */
  private record Collected(List<Row> rows) {
    static Collected of(Dataset<Row> frame) {
      return new Collected(frame.collectAsList());
    }

    /** Sum of a numeric column by the string values of the key columns, over the rows the filter keeps. */
    Map<String, Long> sum(String value, java.util.function.Predicate<Row> keep, String... keys) {
      Map<String, Long> m = new java.util.TreeMap<>();
      for (Row row : rows) {
        if (!keep.test(row)) {
          continue;
        }
        StringBuilder key = new StringBuilder();
        for (String k : keys) {
          key.append(String.valueOf((Object) row.getAs(k))).append('|');
        }
        m.merge(key.toString(), ((Number) row.getAs(value)).longValue(), Long::sum);
      }
      return m;
    }

    Map<String, Long> sum(String value, String... keys) {
      return sum(value, row -> true, keys);
    }
  }

  private static java.util.function.Predicate<Row> is(String column, String value) {
    return row -> value.equals(row.getAs(column));
  }

  @Test
  void theNewBreakdownsAddUpToTheStocksOnEveryDate(SparkSession spark) {
    Registry reg = registry(spark);
    Dataset<Row> residents = Stocks.residentsOnDates(reg.residents(), reg.dates()).cache();
    Dataset<Row> holders = Stocks.permitHoldersOnDates(reg.permits(), reg.dates()).cache();
    try {
      Collected stock = Collected.of(Stocks.residentsStock(residents));
      Dataset<Row> byStayFrame = Residence.residentsByStay(residents);
      Collected byStay = Collected.of(byStayFrame);
      Collected usual = Collected.of(Residence.usualResidents(byStayFrame));
      Collected personDates = Collected.of(residents.groupBy("ref_date", "residence_duration").count());
      Collected holdersStock = Collected.of(Stocks.permitHoldersStock(holders));
      Collected holdersByReason = Collected.of(holders.groupBy("ref_date", "citizenship", "reason").count());
      Collected profile = Collected.of(Stocks.permitHoldersProfile(holders, residents));
      Collected coverage = Collected.of(Stocks.coverage(residents, holders));

      Map<String, Long> registered = stock.sum("persons", "ref_date", "citizenship");
      assertEquals(45, registered.size(), "15 dates x 3 citizenships");
      assertEquals(registered, byStay.sum("persons", "ref_date", "citizenship"));
      assertEquals(registered, usual.sum("registered_residents", "ref_date", "citizenship"));

      // usual + temporary + short stays = registered; usual residents are fewer than registered ones on every date,
      // and exactly the person-dates registered 12 months or more earlier
      Map<String, Long> reg12 = personDates.sum("count", is("residence_duration", "12m_plus"), "ref_date");
      Map<String, Long> all = usual.sum("registered_residents", "ref_date");
      Map<String, Long> us = usual.sum("usual_residents", "ref_date");
      Map<String, Long> temp = usual.sum("temporary_residents", "ref_date");
      Map<String, Long> shortStays = usual.sum("short_stay_residents", "ref_date");
      assertEquals(15, all.size());
      assertEquals(reg12, us);
      for (String d : all.keySet()) {
        assertEquals(all.get(d), us.get(d) + temp.get(d) + shortStays.get(d), "on " + d);
        assertTrue(us.get(d) > 0 && us.get(d) < all.get(d), "0 < usual < registered on " + d);
      }
      assertTrue(byStay.sum("persons", is("country_of_birth", "_U")).size() > 0);
      assertTrue(byStay.sum("persons", is("stay_category", "_U")).size() > 0);

      // permit holders by reason, sex and age add up to the holders, by citizenship and validity class and by reason
      assertEquals(holdersStock.sum("persons", "ref_date", "citizenship", "validity_class"),
          profile.sum("persons", "ref_date", "citizenship", "validity_class"));
      assertEquals(holdersByReason.sum("count", "ref_date", "citizenship", "reason"),
          profile.sum("persons", "ref_date", "citizenship", "reason"));
      // holders with a sex from a resident record are exactly the residents holding a permit (coverage)
      Map<String, Long> linked = profile.sum("persons", row -> !"_U".equals(row.getAs("sex")), "ref_date", "citizenship");
      Map<String, Long> residentHolders = coverage.sum("permit_holders_resident",
          row -> ((Number) row.getAs("permit_holders_resident")).longValue() > 0, "ref_date", "citizenship");
      assertEquals(residentHolders, linked);
      assertTrue(profile.sum("persons", is("sex", "_U")).values().stream().mapToLong(Long::longValue).sum() > 0,
          "some holders have no resident record");
      assertEquals(Map.of(), profile.sum("persons", row -> "_U".equals(row.getAs("sex")) != "_U".equals(row.getAs("age_group"))));

      // the 5-year class nests in 12 months or more
      assertEquals(Map.of(), profile.sum("long_term_persons",
          row -> ((Number) row.getAs("long_term_persons")).longValue() > 0 && !"12m+".equals(row.getAs("validity_class"))));
      for (Row row : profile.rows()) {
        assertTrue(row.<Long>getAs("long_term_persons") <= row.<Long>getAs("persons"));
      }
      long longTerm = profile.sum("long_term_persons").values().stream().mapToLong(Long::longValue).sum();
      long twelvePlus = profile.sum("persons", is("validity_class", "12m+")).values().stream().mapToLong(Long::longValue).sum();
      assertTrue(longTerm > 0 && longTerm < twelvePlus, longTerm + " long-term of " + twelvePlus + " in 12m+");
      // ... and is published so: permit_holders_by_reason's detail has 12-59m and 5y_plus in place of 12m+, adding up
      // to gold's 12m+ on every date, citizenship and reason (the suppressor adds them back up to 12m+)
      org.migstat.publish.Publication.Part byReason = org.migstat.publish.Publication.parts().stream()
          .filter(p -> p.indicator().id().equals("permit_holders_by_reason")).findFirst().orElseThrow();
      Collected published = Collected.of(org.migstat.publish.Publication.detail(byReason,
          Stocks.permitHoldersProfile(holders, residents)).withColumnRenamed("period_start", "ref_date"));
      assertEquals(Map.of(), published.sum("value", is("validity_class", "12m+")));
      assertEquals(profile.sum("persons", is("validity_class", "12m+"), "ref_date", "citizenship", "reason"),
          published.sum("value", row -> List.of("12-59m", "5y_plus").contains(row.getAs("validity_class")),
              "ref_date", "citizenship", "reason"));
      assertEquals(profile.sum("long_term_persons", "ref_date", "citizenship", "reason"),
          published.sum("value", is("validity_class", "5y_plus"), "ref_date", "citizenship", "reason"));
      assertEquals(profile.sum("persons", "ref_date", "citizenship"), published.sum("value", "ref_date", "citizenship"));
    } finally {
      residents.unpersist();
      holders.unpersist();
    }
  }

  @Test
  void aPermitOfFiveYearsLessADayIsNotLongTerm(SparkSession spark) {
    Frames.assertSameRows(List.of(row("2019-01-01", "2023-12-30", false, "12m+"), row("2019-01-01", "2023-12-31", true, "12m+")),
        Frames.of(spark, "valid_from DATE, valid_to DATE", new Object[] {"2019-01-01", "2023-12-30"},
                new Object[] {"2019-01-01", "2023-12-31"})
            .select(col("valid_from").cast("string"), col("valid_to").cast("string"),
                Stocks.longTerm(col("valid_from"), col("valid_to")),
                PermitsConform.validityClass(col("valid_from"), col("valid_to"))));
  }

  @Test
  void overstayHasTheAsOfEntryPeriodLikeTheOtherFlowTables(SparkSession spark) {
    List<LocalDate> ends = Borders.entryPeriodEnds(LocalDate.of(2024, 1, 5), LocalDate.of(2024, 3, 13),
        List.of(LocalDate.of(2023, 12, 31), LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 13)));
    assertEquals(List.of(LocalDate.of(2024, 1, 31), LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 13),
        LocalDate.of(2024, 3, 31)), ends);
    Dataset<Row> crossings = Frames.of(spark, BordersTest.CROSSINGS,
        new Object[] {"e1", "p1", "IDN", "IN", "PNH", "airport", "2024-03-02 10:00:00", "2024-03-02", "T", "Tourist"},
        new Object[] {"e2", "p2", "IDN", "IN", "PNH", "airport", "2024-03-12 10:00:00", "2024-03-12", "T", "Tourist"},
        new Object[] {"e3", "p2", "IDN", "OUT", "PNH", "airport", "2024-03-13 10:00:00", "2024-03-13", null, null},
        new Object[] {"e4", "p3", "IDN", "IN", "PNH", "airport", "2024-01-10 10:00:00", "2024-01-10", "T", "Tourist"});
    Dataset<Row> periods = Frames.of(spark, "period_start DATE, period_end DATE",
        ends.stream().map(d -> new Object[] {d.withDayOfMonth(1).toString(), d.toString()}).toArray(Object[][]::new));
    Frames.assertSameRows(List.of(
            row("2024-01-01", "2024-01-31", 1, 0, 1, 0),   // entered 10 January, no exit by 13 March: overstayed
            row("2024-03-01", "2024-03-13", 2, 1, 0, 1),   // the month to date of the as-of date
            row("2024-03-01", "2024-03-31", 2, 1, 0, 1)),
        Borders.overstay(crossings, periods, LocalDate.of(2024, 3, 13))
            .select(col("period_start").cast("string"), col("period_end").cast("string"), col("tourist_entrants"),
                col("left_in_time"), col("overstayed"), col("pending")));
  }
}
