package org.migstat.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The release calendar and the periods a release may show: pure rules, no Spark. */
class ReleaseCalendarTest {
  private static LocalDate d(String s) {
    return LocalDate.parse(s);
  }

  private static ReleaseCalendar parse(String json) throws Exception {
    return ReleaseCalendar.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test");
  }

  @Test
  void theSamplesCalendarHasEveryMonthEndAndTheBriefingDate() throws Exception {
    ReleaseCalendar cal;
    try (var in = Files.newInputStream(Path.of("data-samples", ReleaseCalendar.FILE))) {
      cal = ReleaseCalendar.parse(in, "data-samples");
    }
    assertTrue(cal.entry(d("2024-03-13")).isPresent(), "the bilateral briefing date is a release");
    assertTrue(cal.entry(d("2024-02-29")).isPresent());
    assertTrue(cal.entry(d("2023-06-30")).isPresent());
    assertFalse(cal.entry(d("2024-03-14")).isPresent());
    assertFalse(cal.entry(d("2023-06-15")).isPresent());
    assertEquals(d("2024-03-13"), cal.latestDue(d("2024-03-13")).orElseThrow().referenceDate());
    assertEquals(d("2024-03-13"), cal.latestDue(d("2024-03-30")).orElseThrow().referenceDate(),
        "between two release dates the last one stays the due one (already out: nothing to publish)");
    assertEquals(d("2024-03-31"), cal.latestDue(d("2024-03-31")).orElseThrow().referenceDate());
    assertEquals(d("2024-02-29"), cal.latestDue(d("2024-03-12")).orElseThrow().referenceDate());
  }

  @Test
  void aLagMakesAMonthEndDueLater() throws Exception {
    ReleaseCalendar cal = parse("{\"month_ends\": true, \"lag_days\": 10, \"dates\": ["
        + "{\"reference_date\": \"2024-03-13\", \"publish_on\": \"2024-03-15\", \"note\": \"briefing\"}]}");
    assertEquals(d("2024-04-10"), cal.entry(d("2024-03-31")).orElseThrow().publishOn());
    assertEquals(d("2024-02-29"), cal.latestDue(d("2024-03-14")).orElseThrow().referenceDate(),
        "2024-03-13 is not due before 2024-03-15; 2024-02-29 was due on 2024-03-10");
    assertEquals(d("2024-03-13"), cal.latestDue(d("2024-03-15")).orElseThrow().referenceDate());
    assertEquals(d("2024-03-13"), cal.latestDue(d("2024-04-09")).orElseThrow().referenceDate());
    assertEquals(d("2024-03-31"), cal.latestDue(d("2024-04-10")).orElseThrow().referenceDate());
    assertEquals(Optional.empty(), parse("{\"month_ends\": false}").latestDue(d("2024-04-10")));
  }

  @Test
  void badCalendarsSayWhatIsWrongInOneSentence() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> parse("{\"dates\": [{\"reference_date\": \"13/03/2024\"}]}"));
    assertTrue(e.getMessage().contains("2024-03-13") && e.getMessage().contains("13/03/2024"), e.getMessage());
    e = assertThrows(IllegalStateException.class,
        () -> parse("{\"dates\": [{\"reference_date\": \"2024-03-13\", \"publish_on\": \"2024-03-01\"}]}"));
    assertTrue(e.getMessage().contains("before its reference date"), e.getMessage());
  }

  @Test
  void aReleaseShowsNoPeriodEndingAfterItsReferenceDate() {
    LocalDate ref = d("2024-03-13");
    assertTrue(ReleasePlan.shows(ref, ref, ref), "the stock on the reference date");
    assertTrue(ReleasePlan.shows(ref, d("2024-03-01"), ref), "the month to date");
    assertTrue(ReleasePlan.shows(ref, d("2024-01-01"), ref), "the year to date");
    assertTrue(ReleasePlan.shows(ref, d("2024-02-01"), d("2024-02-29")), "a complete month before it");
    assertTrue(ReleasePlan.shows(ref, d("2024-01-01"), d("2024-02-29")), "the year to date at the last month end");
    assertTrue(ReleasePlan.shows(ref, d("2023-01-01"), d("2023-12-31")), "a complete year");
    assertTrue(ReleasePlan.shows(ref, d("2024-02-29"), d("2024-02-29")), "the stock at a month end");
    assertFalse(ReleasePlan.shows(ref, d("2024-03-01"), d("2024-03-31")), "the whole of March");
    assertFalse(ReleasePlan.shows(ref, d("2024-01-01"), d("2024-12-31")), "the whole of 2024");
    assertFalse(ReleasePlan.shows(ref, d("2024-03-31"), d("2024-03-31")), "the stock at the month end after it");
    assertFalse(ReleasePlan.shows(ref, d("2024-02-01"), d("2024-02-14")), "another day's month to date");
    assertFalse(ReleasePlan.shows(ref, d("2024-03-12"), d("2024-03-12")), "the day before's stock");
  }

  @Test
  void revisionsFlagExactlyTheCellsWhosePublishedValueChanged() {
    var idn = new java.util.LinkedHashMap<String, String>();
    idn.put("citizenship", "IDN");
    var chn = new java.util.LinkedHashMap<String, String>();
    chn.put("citizenship", "CHN");
    var vnm = new java.util.LinkedHashMap<String, String>();
    vnm.put("citizenship", "VNM");
    List<PublishedRow> before = List.of(row(idn, 10.0, null, "r1"), row(chn, 7.0, null, "r1"), row(vnm, null, "[c]", "r1"));
    List<PublishedRow> now = List.of(row(idn, 11.0, null, "r2"), row(chn, 7.0, null, "r2"), row(vnm, 12.0, null, "r2"),
        new PublishedRow("i", "2024-02-29", d("2024-02-29"), d("2024-02-29"), idn, "persons", 3.0, null, "v", "run",
            "r2", d("2024-03-31")));
    List<PublishedRow> flagged = Revisions.flag(now, before);
    assertEquals("[r]", flagged.get(0).flag(), "a published value that changed");
    assertEquals(null, flagged.get(1).flag(), "unchanged");
    assertEquals(null, flagged.get(2).flag(), "hidden before: not a revision a reader can see");
    assertEquals(null, flagged.get(3).flag(), "another period: nothing to compare with");
    assertEquals(1, Revisions.count(flagged));
    assertEquals("[c][r]", row(idn, 1.0, "[c]", "x").revised().flag());
  }

  @Test
  void theRevisionTriangleHoldsEveryVintageOfTheRevisedCellsOnly() {
    var idn = new java.util.LinkedHashMap<String, String>();
    idn.put("citizenship", "IDN");
    var chn = new java.util.LinkedHashMap<String, String>();
    chn.put("citizenship", "CHN");
    List<PublishedRow> rows = List.of(row(idn, 10.0, null, "r1"), row(idn, 10.0, null, "r2"), row(idn, 9.0, "[r]", "r3"),
        row(chn, 7.0, null, "r1"), row(chn, 7.0, null, "r3"));
    List<Revisions.Vintages> t = Revisions.triangle(List.of("r1", "r2", "r3"), rows);
    assertEquals(1, t.size(), "CHN was never revised");
    assertEquals(List.of("IDN"), t.get(0).key().coords());
    assertEquals(List.of("r1", "r2", "r3"), List.copyOf(t.get(0).byRelease().keySet()));
    assertEquals(9.0, t.get(0).byRelease().get("r3").value());
    assertTrue(Revisions.triangle(List.of("r1", "r2"), rows).isEmpty(), "no revision up to r2");
  }

  private static PublishedRow row(java.util.Map<String, String> dims, Double value, String flag, String release) {
    return new PublishedRow("i", "2024-01-31", d("2024-01-31"), d("2024-01-31"), dims, "persons", value, flag, "v",
        "run", release, d("2024-01-31"));
  }
}
