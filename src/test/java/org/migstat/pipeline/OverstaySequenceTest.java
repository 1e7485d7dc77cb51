package org.migstat.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.migstat.catalog.CaseTables;
import org.migstat.indicators.Borders;
import org.migstat.ops.GoldLedger;
import org.migstat.testing.Frames;
import org.migstat.testing.SparkExtension;

/**
 * gold.overstay over a sequence of border deliveries, as a daily run keeps it: after each delivery only the slices
 * {@link GoldScope#plan} names are recomputed (from the changed events and the moved observation date) and the
 * others kept; the table must then equal the whole table computed afresh — figures and observed_to alike. Random
 * trips of a few dozen persons, delivered month by month with some events a delivery late, the observation date
 * moving to month ends and to as-of dates within a month, once back to an earlier date (a backfill). Without
 * Delta: the rule under test is the scope and the builder, which the pipeline calls the same way (RunJob).
 */
@ExtendWith(SparkExtension.class)
class OverstaySequenceTest {
  private static final String CROSSINGS = "event_id STRING, person_id STRING, citizenship STRING, direction STRING, "
      + "checkpoint STRING, checkpoint_type STRING, event_time TIMESTAMP, event_date DATE, visa_type STRING, "
      + "visa_class STRING";
  private static final GoldGraph.Node OVERSTAY = GoldGraph.node(CaseTables.OVERSTAY);

  @Test
  void keepingTheSlicesTheScopeLeavesOutEqualsTheWholeTableAfterEveryDelivery(SparkSession spark) {
    int recomputedLess = 0;
    for (long seed = 1; seed <= 3; seed++) {
      Random r = new Random(seed);
      List<Object[]> trips = trips(r);
      List<LocalDate> observations = observations(r);
      TreeSet<LocalDate> asOfDates = new TreeSet<>();
      List<Object[]> delivered = new ArrayList<>();
      List<Object[]> late = new ArrayList<>();
      Dataset<Row> kept = null;
      GoldLedger.Build last = null;
      long version = 0;
      LocalDate lastExtract = null;
      for (LocalDate obs : observations) {
        asOfDates.add(obs);
        // this delivery: the events up to the observation date not delivered yet, some held back to the next one
        List<Object[]> now = new ArrayList<>(late);
        late.clear();
        for (Object[] e : trips) {
          if (!delivered.contains(e) && !now.contains(e) && !date(e).isAfter(obs)) {
            (r.nextInt(8) == 0 ? late : now).add(e);
          }
        }
        delivered.addAll(now);
        Dataset<Row> crossings = Frames.of(spark, CROSSINGS, delivered.toArray(Object[][]::new));
        LocalDate first = delivered.stream().map(OverstaySequenceTest::date).min(LocalDate::compareTo).orElseThrow();
        lastExtract = lastExtract == null || obs.isAfter(lastExtract) ? obs : lastExtract; // never moves back
        List<LocalDate> domain = Borders.entryPeriodEnds(first, lastExtract, asOfDates);
        GoldGraph.Calendar cal = new GoldGraph.Calendar(List.of(), List.of(), List.of(), domain, Set.copyOf(asOfDates),
            obs, first.withDayOfMonth(1), null, false);
        Dataset<Row> whole = Borders.overstay(crossings, OVERSTAY.slices().frame(spark, domain), obs);
        if (last == null) {
          kept = whole;
        } else {
          // the change feed of this delivery: the earliest event it brings, as GoldScope.earliestAffected reads it
          LocalDate changedFrom = now.stream().map(e -> date(e).minusDays(Borders.OVERSTAY_DAYS + 1))
              .min(LocalDate::compareTo).orElse(null);
          long was = version;
          GoldScope.TableScope scope = GoldScope.plan(List.of(OVERSTAY), Map.of(OVERSTAY.table().qualifiedName(), last),
              cal, Map.of(CaseTables.SILVER_CROSSINGS.qualifiedName(), now.isEmpty() ? was : was + 1),
              (t, v) -> changedFrom, false).get(OVERSTAY);
          List<LocalDate> slices = scope.select(domain);
          Dataset<Row> recomputed = Borders.overstay(crossings, OVERSTAY.slices().frame(spark, slices), obs);
          List<Date> replaced = slices.stream().map(Date::valueOf).toList();
          kept = kept.filter(not(col("period_end").isin(replaced.toArray()))).unionByName(recomputed);
          kept = spark.createDataFrame(kept.collectAsList(), whole.schema()); // keep the plans short
          assertEquals(rows(whole), rows(kept), "seed " + seed + ", observed to " + obs + ", recomputed " + scope);
          recomputedLess += slices.size() < domain.size() ? 1 : 0;
        }
        version += now.isEmpty() ? 0 : 1;
        last = new GoldLedger.Build(OVERSTAY.table().qualifiedName(),
            Map.of(CaseTables.SILVER_CROSSINGS.qualifiedName(), version), domain, obs, "r", Instant.EPOCH);
      }
    }
    assertTrue(recomputedLess > 5, "the scope left months out only " + recomputedLess + " times");
  }

  private static List<String> rows(Dataset<Row> d) {
    return d.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private static LocalDate date(Object[] e) {
    return LocalDate.parse((String) e[7]);
  }

  /** Trips of 40 persons in 2024: entries on a tourist or business visa, most followed by an exit 5..120 days on. */
  private static List<Object[]> trips(Random r) {
    List<Object[]> events = new ArrayList<>();
    for (int p = 0; p < 40; p++) {
      LocalDate d = LocalDate.of(2024, 1, 1).plusDays(r.nextInt(60));
      while (d.getYear() == 2024) {
        boolean tourist = r.nextInt(4) > 0;
        events.add(event(events.size(), "p" + p, "IN", d, tourist ? "T" : "E", tourist ? "Tourist" : "Business"));
        d = d.plusDays(5 + r.nextInt(116));
        if (r.nextInt(6) > 0 && d.getYear() == 2024) { // sometimes the exit is never recorded
          events.add(event(events.size(), "p" + p, "OUT", d, null, null));
        }
        d = d.plusDays(1 + r.nextInt(40));
      }
    }
    return events;
  }

  private static Object[] event(int id, String person, String direction, LocalDate d, String visa, String visaClass) {
    return new Object[] {"e" + id, person, person.hashCode() % 2 == 0 ? "IDN" : "CHN", direction, "PNH", "airport",
        d + (direction.equals("IN") ? " 10:00:00" : " 18:00:00"), d.toString(), visa, visaClass};
  }

  /** Month ends of 2024 from March, an as-of date within some months, and once an earlier date again. */
  private static List<LocalDate> observations(Random r) {
    List<LocalDate> dates = new ArrayList<>();
    for (int m = 3; m <= 12; m++) {
      LocalDate end = LocalDate.of(2024, m, 1).withDayOfMonth(LocalDate.of(2024, m, 1).lengthOfMonth());
      if (r.nextInt(3) == 0) {
        dates.add(end.withDayOfMonth(5 + r.nextInt(20)));
      }
      dates.add(end);
      if (m == 8) {
        dates.add(end.minusDays(40)); // a backfill: an earlier observation date than the last run's
      }
    }
    return dates;
  }
}
