package org.migstat.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.migstat.testing.Frames.row;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.migstat.testing.Frames;
import org.migstat.testing.SparkExtension;

/**
 * Border flows, and the overstay rule at its edges: an entry on day D is left in time when the stay
 * ends on or before D + 60 (2024-01-01 + 60 days = 2024-03-01, a leap year).
 */
@ExtendWith(SparkExtension.class)
class BordersTest {
  static final String CROSSINGS = "event_id STRING, person_id STRING, citizenship STRING, direction STRING, "
      + "checkpoint STRING, checkpoint_type STRING, event_time TIMESTAMP, event_date DATE, visa_type STRING, visa_class STRING";
  static final LocalDate AS_OF = LocalDate.of(2024, 6, 30);

  private final List<Object[]> events = new ArrayList<>();

  private void in(String person, String day, String visa) {
    String visaClass = visa == null ? null : visa.equals("E") ? "Business" : visa.equals("VE") ? "VisaExempt" : "Tourist";
    events.add(new Object[] {"e" + events.size(), person, "IDN", "IN", "PNH", "airport", day + " 10:00:00", day, visa,
        visaClass});
  }

  private void out(String person, String day) {
    events.add(new Object[] {"e" + events.size(), person, "IDN", "OUT", "PNH", "airport", day + " 18:00:00", day, null,
        null});
  }

  private Dataset<Row> crossings(SparkSession spark) {
    return Frames.of(spark, CROSSINGS, events.toArray(Object[][]::new));
  }

  private Dataset<Row> overstayFixture(SparkSession spark) {
    in("d59", "2024-01-01", "T");
    out("d59", "2024-02-29");          // day 59: left in time
    in("d60", "2024-01-01", "VOA");
    out("d60", "2024-03-01");          // day 60: left in time
    in("d61", "2024-01-01", "EVISA");
    out("d61", "2024-03-02");          // day 61: overstayed
    in("never", "2024-01-01", "T");    // no exit at all: overstayed
    in("reentry", "2024-01-01", "T");
    out("reentry", "2024-01-31");      // left on day 30 ...
    in("reentry", "2024-02-10", "T");  // ... came back and never left: the February entry overstayed
    in("noexit", "2024-01-01", "T");
    in("noexit", "2024-02-15", "T");   // re-entry without a recorded exit: the first stay ended by day 45
    out("before", "2023-12-20");
    in("before", "2024-01-01", "T");   // an exit before the entry does not end the stay: overstayed
    in("business", "2024-01-01", "E"); // not a tourist visa: not followed
    in("twice", "2024-03-01", "T");
    out("twice", "2024-03-05");
    in("twice", "2024-03-20", "T");    // two tourist entries in March, one overstayed: counted once, as overstayed
    in("late", "2024-04-15", "T");
    out("late", "2024-07-10");         // exit after the observation date is not seen: overstayed
    in("pending", "2024-06-01", "T");  // day 60 = 2024-07-31 is after 2024-06-30: pending
    return crossings(spark);
  }

  @Test
  void eachTouristEntryGetsItsVerdict(SparkSession spark) {
    Frames.assertSameRows(List.of(
            row("d59", Date.valueOf("2024-01-01"), Date.valueOf("2024-02-29"), "left"),
            row("d60", Date.valueOf("2024-01-01"), Date.valueOf("2024-03-01"), "left"),
            row("d61", Date.valueOf("2024-01-01"), Date.valueOf("2024-03-02"), "overstayed"),
            row("never", Date.valueOf("2024-01-01"), null, "overstayed"),
            row("reentry", Date.valueOf("2024-01-01"), Date.valueOf("2024-01-31"), "left"),
            row("reentry", Date.valueOf("2024-02-10"), null, "overstayed"),
            row("noexit", Date.valueOf("2024-01-01"), Date.valueOf("2024-02-15"), "left"),
            row("noexit", Date.valueOf("2024-02-15"), null, "overstayed"),
            row("before", Date.valueOf("2024-01-01"), null, "overstayed"),
            row("twice", Date.valueOf("2024-03-01"), Date.valueOf("2024-03-05"), "left"),
            row("twice", Date.valueOf("2024-03-20"), null, "overstayed"),
            row("late", Date.valueOf("2024-04-15"), null, "overstayed"),
            row("pending", Date.valueOf("2024-06-01"), null, "pending")),
        Borders.touristStays(overstayFixture(spark), AS_OF, Borders.TOURIST_CLASSES)
            .select("person_id", "event_date", "stay_ended", "verdict"));
  }

  @Test
  void overstayByEntryMonthCountsPersons(SparkSession spark) {
    Dataset<Row> months = Frames.of(spark, "period_start DATE, period_end DATE",
        new Object[] {"2024-01-01", "2024-01-31"}, new Object[] {"2024-02-01", "2024-02-29"},
        new Object[] {"2024-03-01", "2024-03-31"}, new Object[] {"2024-04-01", "2024-04-30"},
        new Object[] {"2024-06-01", "2024-06-30"});
    Frames.assertSameRows(List.of(
            // January: d59 d60 reentry noexit left; d61 never before overstayed -> 3 / 7 = 42.86
            row(Date.valueOf("2024-01-01"), "IDN", 7, 4, 3, 0, 42.86),
            row(Date.valueOf("2024-02-01"), "IDN", 2, 0, 2, 0, 100.0),
            row(Date.valueOf("2024-03-01"), "IDN", 1, 0, 1, 0, 100.0),
            row(Date.valueOf("2024-04-01"), "IDN", 1, 0, 1, 0, 100.0),
            row(Date.valueOf("2024-06-01"), "IDN", 1, 0, 0, 1, null)),
        Borders.overstay(overstayFixture(spark), months, AS_OF)
            .select("period_start", "citizenship", "tourist_entrants", "left_in_time", "overstayed", "pending",
                "overstay_pct"));
  }

  /**
   * A month is final once every entrant of it has had the 60 days: its row, observed_to included, is the same
   * on any later observation date — which is what lets a daily run leave it alone (GoldGraph) — and a month's
   * row computed alone equals the same month computed with all the others (no event before it is read).
   */
  @Test
  void aMonthIsFinalOnceItsEntrantsHadTheirSixtyDays(SparkSession spark) {
    Dataset<Row> fixture = overstayFixture(spark);
    Dataset<Row> months = Frames.of(spark, "period_start DATE, period_end DATE",
        new Object[] {"2024-01-01", "2024-01-31"}, new Object[] {"2024-02-01", "2024-02-29"},
        new Object[] {"2024-03-01", "2024-03-31"}, new Object[] {"2024-04-01", "2024-04-30"},
        new Object[] {"2024-06-01", "2024-06-30"});
    Dataset<Row> now = Borders.overstay(fixture, months, AS_OF);
    Frames.assertSameRows(List.of(
            row(Date.valueOf("2024-01-01"), Date.valueOf("2024-03-31")),  // 31 January + 60 days
            row(Date.valueOf("2024-02-01"), Date.valueOf("2024-04-29")),
            row(Date.valueOf("2024-03-01"), Date.valueOf("2024-05-30")),
            row(Date.valueOf("2024-04-01"), Date.valueOf("2024-06-29")),
            row(Date.valueOf("2024-06-01"), Date.valueOf(AS_OF))),      // still open: the observation date
        now.select("period_start", "observed_to"));
    Column finalMonths = date_add(col("period_end"), Borders.OVERSTAY_DAYS).leq(lit(Date.valueOf(AS_OF)));
    Dataset<Row> later = Borders.overstay(fixture, months, AS_OF.plusDays(45));
    org.junit.jupiter.api.Assertions.assertEquals(sorted(now.filter(finalMonths)), sorted(later.filter(finalMonths)));
    org.junit.jupiter.api.Assertions.assertNotEquals(sorted(now.filter(not(finalMonths))),
        sorted(later.filter(not(finalMonths))), "June is still open: its pending entrant is judged later");
    Column fromApril = col("period_start").geq(lit(Date.valueOf("2024-04-01")));
    org.junit.jupiter.api.Assertions.assertEquals(sorted(now.filter(fromApril)),
        sorted(Borders.overstay(fixture, months.filter(fromApril), AS_OF)));
  }

  private static List<String> sorted(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  @Test
  void transformsProduceTheDeclaredGoldColumns(SparkSession spark) {
    Dataset<Row> months = Frames.of(spark, "period_start DATE, period_end DATE", new Object[] {"2024-01-01", "2024-01-31"});
    org.junit.jupiter.api.Assertions.assertEquals(
        CasesIndicatorsTest.goldColumns(org.migstat.catalog.CaseTables.BORDER_FLOWS),
        List.of(Borders.flows(overstayFixture(spark), months).columns()));
    org.junit.jupiter.api.Assertions.assertEquals(CasesIndicatorsTest.goldColumns(org.migstat.catalog.CaseTables.OVERSTAY),
        List.of(Borders.overstay(crossings(spark), months, AS_OF).columns()));
  }

  @Test
  void flowsCountEventsByCheckpointAndVisa(SparkSession spark) {
    in("a", "2024-01-05", "T");
    in("b", "2024-01-06", "T");
    out("a", "2024-01-20");
    in("c", "2024-01-31", "E");
    in("d", "2024-02-01", "T");
    Frames.assertSameRows(List.of(
            row("IDN", "PNH", "T", "Tourist", 2, 0, 2),
            row("IDN", "PNH", "E", "Business", 1, 0, 1),
            row("IDN", "PNH", "unknown", "unknown", 0, 1, -1)),
        Borders.flows(crossings(spark), Frames.of(spark, "period_start DATE, period_end DATE",
                new Object[] {"2024-01-01", "2024-01-31"}))
            .select("citizenship", "checkpoint", "visa_type", "visa_class", "entries", "exits", "net_entries"));
  }
}
