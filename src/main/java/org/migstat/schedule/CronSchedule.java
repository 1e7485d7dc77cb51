package org.migstat.schedule;

import java.text.ParseException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * A Quartz cron expression in a time zone, and the as-of dates it stands for: a fire time's as-of date is
 * its local date in that zone. Pure: every method takes the instants it needs (no clock inside).
 */
public final class CronSchedule {
  /** Enough fire times to cover years of a per-minute cron; guards against runaway loops. */
  private static final int MAX_FIRE_TIMES = 1_000_000;

  private final String expression;
  private final ZoneId zone;
  private final CronExpression cron;

  public CronSchedule(String expression, ZoneId zone) {
    this.expression = expression;
    this.zone = zone;
    try {
      this.cron = new CronExpression(expression);
    } catch (ParseException e) {
      throw new IllegalArgumentException("invalid cron expression '" + expression + "': " + e.getMessage(), e);
    }
    this.cron.setTimeZone(TimeZone.getTimeZone(zone));
  }

  public String expression() {
    return expression;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The first fire time strictly after {@code t}; empty when the expression never fires again. */
  public synchronized Optional<Instant> nextAfter(Instant t) {
    Date next = cron.getTimeAfter(Date.from(t));
    return Optional.ofNullable(next).map(Date::toInstant);
  }

  /** The as-of date of a fire time: its local date in the schedule's zone. */
  public LocalDate asOf(Instant fireTime) {
    return fireTime.atZone(zone).toLocalDate();
  }

  public ZonedDateTime local(Instant t) {
    return t.atZone(zone);
  }

  /**
   * As-of dates of the fire times up to {@code upTo} (inclusive) that are later than {@code after}, oldest
   * first, each date once (an hourly cron still yields one as-of date per day).
   */
  public List<LocalDate> datesAfter(LocalDate after, Instant upTo) {
    Set<LocalDate> dates = new LinkedHashSet<>();
    // One second before the next day starts: a fire at 00:00:00 counts for that day.
    Instant t = after.plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(1);
    for (int i = 0; i < MAX_FIRE_TIMES; i++) {
      Optional<Instant> next = nextAfter(t);
      if (next.isEmpty() || next.get().isAfter(upTo)) {
        break;
      }
      LocalDate d = asOf(next.get());
      dates.add(d);
      // The rest of that day's fire times map to the same date: jump to the next day.
      t = d.plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(1);
    }
    return new ArrayList<>(dates);
  }

  @Override
  public String toString() {
    return expression + " (" + zone + ")";
  }
}
