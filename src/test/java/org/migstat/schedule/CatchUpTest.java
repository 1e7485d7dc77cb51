package org.migstat.schedule;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which as-of dates the scheduler owes after downtime, and that it runs them in order. */
class CatchUpTest {
  static final ZoneId PHNOM_PENH = ZoneId.of("Asia/Phnom_Penh");
  static final LocalDate MAR_1 = LocalDate.of(2024, 3, 1);

  @TempDir Path dir;
  final Configuration conf = new Configuration();
  final ByteArrayOutputStream log = new ByteArrayOutputStream();
  final List<LocalDate> ran = new ArrayList<>();

  static Instant at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(PHNOM_PENH).toInstant();
  }

  // ---- the cron's as-of dates (pure) -----------------------------------------------------------

  @Test
  void theAsOfDatesAreTheLocalDatesOfTheFireTimesAfterTheWatermark() {
    CronSchedule daily = new CronSchedule("0 0 2 * * ?", PHNOM_PENH);
    assertEquals(List.of(MAR_1.plusDays(1), MAR_1.plusDays(2), MAR_1.plusDays(3)),
        daily.datesAfter(MAR_1, at("2024-03-04T10:00:00")));
    // 01:59 on the 4th: that day's run is not due yet.
    assertEquals(List.of(MAR_1.plusDays(1), MAR_1.plusDays(2)), daily.datesAfter(MAR_1, at("2024-03-04T01:59:59")));
    // Exactly at the fire time it is.
    assertEquals(3, daily.datesAfter(MAR_1, at("2024-03-04T02:00:00")).size());
    // 02:00 in Phnom Penh is 19:00 UTC the day before: the as-of date is the local one.
    assertEquals(MAR_1, daily.asOf(Instant.parse("2024-02-29T19:00:00Z")));
  }

  @Test
  void anHourlyCronOwesOneAsOfDatePerDayAndMidnightCountsForItsDay() {
    assertEquals(List.of(MAR_1.plusDays(1), MAR_1.plusDays(2)),
        new CronSchedule("0 0 * * * ?", PHNOM_PENH).datesAfter(MAR_1, at("2024-03-03T05:00:00")));
    assertEquals(List.of(MAR_1.plusDays(1), MAR_1.plusDays(2)),
        new CronSchedule("0 0 0 * * ?", PHNOM_PENH).datesAfter(MAR_1, at("2024-03-03T00:00:00")));
  }

  @Test
  void aWeekdayCronSkipsTheWeekend() {
    // 2024-03-01 is a Friday: the next weekday runs are Monday 4th and Tuesday 5th.
    assertEquals(List.of(LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 5)),
        new CronSchedule("0 0 2 ? * MON-FRI", PHNOM_PENH).datesAfter(MAR_1, at("2024-03-05T12:00:00")));
  }

  // ---- the scheduler's catch-up with a fake action ---------------------------------------------

  PipelineScheduler scheduler(String catchUp, MutableClock clock, PipelineAction action, int maxRetries) {
    Map<String, String> o = new HashMap<>(Map.of("lakehouse", dir.resolve("lakehouse").toString(),
        "input", dir.resolve("input").toString(), "time_zone", PHNOM_PENH.getId(), "catch_up", catchUp,
        "max_retries", Integer.toString(maxRetries), "retry_backoff_seconds", "30"));
    ScheduleConfig cfg = ScheduleConfig.load(null, o);
    return new PipelineScheduler(cfg, action, AttemptLedger.NONE,
        ScheduleState.fileOnly(conf, cfg.lakehouse()), conf, new PrintStream(log, true, StandardCharsets.UTF_8))
        .withClock(clock).withSleeper(d -> {});
  }

  PipelineAction recording() {
    return (asOf, command) -> {
      ran.add(asOf);
      return new PipelineAction.Outcome("run-" + asOf, true, "ok");
    };
  }

  @Test
  void afterThreeDaysDownTheMissedDatesRunInOrder() {
    MutableClock clock = new MutableClock(at("2024-03-01T02:00:03"), PHNOM_PENH);
    PipelineScheduler first = scheduler("all", clock, recording(), 0);
    assertTrue(first.catchUpDates().isEmpty(), "nothing recorded yet: nothing owed");
    first.tick(at("2024-03-01T02:00:00"));
    assertEquals(List.of(MAR_1), ran);
    first.shutdown(Duration.ZERO);

    // Down from the 1st until the morning of the 4th.
    clock.set(at("2024-03-04T09:30:00"));
    PipelineScheduler restarted = scheduler("all", clock, recording(), 0);
    List<LocalDate> missed = List.of(MAR_1.plusDays(1), MAR_1.plusDays(2), MAR_1.plusDays(3));
    assertEquals(missed, restarted.catchUpDates());
    List<PipelineScheduler.DateResult> results = restarted.catchUp();
    assertEquals(missed, results.stream().map(PipelineScheduler.DateResult::asOf).toList());
    assertTrue(results.stream().allMatch(PipelineScheduler.DateResult::succeeded));
    assertEquals(List.of(MAR_1, MAR_1.plusDays(1), MAR_1.plusDays(2), MAR_1.plusDays(3)), ran);
    assertTrue(restarted.catchUpDates().isEmpty(), "caught up");
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("catching up (all) after downtime"), log::toString);
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("next run: 2024-03-05 02:00:00 +07:00 (as of 2024-03-05)"),
        log::toString);
  }

  @Test
  void catchUpLatestRunsOnlyTheNewestMissedDate() {
    MutableClock clock = new MutableClock(at("2024-03-01T02:00:03"), PHNOM_PENH);
    scheduler("latest", clock, recording(), 0).tick(at("2024-03-01T02:00:00"));
    clock.set(at("2024-03-04T09:30:00"));
    PipelineScheduler restarted = scheduler("latest", clock, recording(), 0);
    assertEquals(List.of(MAR_1.plusDays(3)), restarted.catchUpDates());
    restarted.catchUp();
    assertEquals(List.of(MAR_1, MAR_1.plusDays(3)), ran);
  }

  @Test
  void aDateThatKeepsFailingStopsTheSequenceAndComesFirstNextTime() {
    MutableClock clock = new MutableClock(at("2024-03-01T02:00:03"), PHNOM_PENH);
    scheduler("all", clock, recording(), 0).tick(at("2024-03-01T02:00:00"));
    clock.set(at("2024-03-04T09:30:00"));
    LocalDate bad = MAR_1.plusDays(2);
    List<Duration> sleeps = new ArrayList<>();
    PipelineAction failsOnThe3rd = (asOf, command) -> {
      ran.add(asOf);
      if (asOf.equals(bad)) {
        throw new IllegalStateException("the permits extract of " + asOf + " is truncated");
      }
      return new PipelineAction.Outcome("run-" + asOf, true, "ok");
    };
    PipelineScheduler s = scheduler("all", clock, failsOnThe3rd, 2).withSleeper(sleeps::add);
    List<PipelineScheduler.DateResult> results = s.catchUp();
    // 2nd succeeds; the 3rd fails three times (two retries, 30 s then 60 s apart); the 4th waits.
    assertEquals(List.of(MAR_1, MAR_1.plusDays(1), bad, bad, bad), ran);
    assertEquals(List.of(Duration.ofSeconds(30), Duration.ofSeconds(60)), sleeps);
    assertEquals(2, results.size());
    assertFalse(results.get(1).succeeded());
    assertEquals(3, results.get(1).attempts().size());
    assertTrue(results.get(1).attempts().get(2).detail().contains("truncated"));
    assertEquals(List.of(bad, MAR_1.plusDays(3)), s.catchUpDates(), "the failed date comes first next time");

    // The next day's tick runs the owed dates first, then its own.
    ran.clear();
    clock.set(at("2024-03-05T02:00:01"));
    scheduler("all", clock, recording(), 0).tick(at("2024-03-05T02:00:00"));
    assertEquals(List.of(bad, MAR_1.plusDays(3), MAR_1.plusDays(4)), ran);
  }
}
