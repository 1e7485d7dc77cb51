package org.migstat.publish;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.migstat.lakehouse.Lakehouse;

/**
 * One release to publish: a public release of a calendar entry, or an internal view of a date for statisticians
 * (marked "internal — not for publication", never in ops.releases).
 *
 * @param releaseId     the {@code release_id} its rows carry
 * @param referenceDate no period it shows ends after this date
 * @param runId         the run publishing it
 * @param calendarEntry the calendar entry that made it due (null for an internal view)
 * @param earlier       the public releases already out with an earlier reference date, oldest first: their cells are
 *                      public and fixed when this release is protected, and the last one is what {@code [r]} compares with
 */
public record ReleasePlan(String releaseId, LocalDate referenceDate, boolean internal, String runId,
                          String calendarEntry, List<ReleaseRecord> earlier) {

  public ReleasePlan {
    earlier = List.copyOf(earlier);
  }

  /** The release revisions are measured against: the latest earlier public release. */
  public Optional<ReleaseRecord> previous() {
    return earlier.isEmpty() ? Optional.empty() : Optional.of(earlier.get(earlier.size() - 1));
  }

  /**
   * Whether the release shows a period: it ends on or before the reference date, and it is either a month-end period
   * (a stock at a month end, a complete month, a year or a year to date at a month end) or ends on the reference
   * date itself (the stock, month to date and year to date of a mid-month reference date). Periods of other dates
   * (ad-hoc runs of other days) belong to other releases.
   */
  public boolean shows(LocalDate start, LocalDate end) {
    return shows(referenceDate, start, end);
  }

  public static boolean shows(LocalDate referenceDate, LocalDate start, LocalDate end) {
    if (end == null || end.isAfter(referenceDate) || (start != null && start.isAfter(end))) {
      return false;
    }
    return end.equals(referenceDate) || end.equals(YearMonth.from(end).atEndOfMonth());
  }

  /** A public release for a calendar entry. */
  public static ReleasePlan publicRelease(Lakehouse lh, ReleaseCalendar.Entry entry, String runId) {
    return new ReleasePlan(ReleaseRecord.publicId(entry.referenceDate()), entry.referenceDate(), false, runId,
        entry.describe(), ReleaseLedger.earlierThan(lh, entry.referenceDate()));
  }

  /** An internal view of a date that is not a release date. */
  public static ReleasePlan internalView(Lakehouse lh, LocalDate date, String runId) {
    return new ReleasePlan(ReleaseRecord.internalId(date), date, true, runId, null,
        ReleaseLedger.earlierThan(lh, date));
  }

  /**
   * What a run as of {@code asOf} publishes: the latest calendar entry due by then, unless it (or a later one) is
   * already out; and, when asked for and {@code asOf} is not a release date, an internal view of {@code asOf}.
   * A daily run between release dates publishes nothing.
   */
  public static List<ReleasePlan> due(Lakehouse lh, ReleaseCalendar calendar, LocalDate asOf, boolean internalView,
                                      String runId) {
    List<ReleasePlan> plans = new ArrayList<>();
    Optional<ReleaseRecord> latest = ReleaseLedger.latest(lh);
    calendar.latestDue(asOf)
        .filter(e -> latest.isEmpty() || latest.get().referenceDate().isBefore(e.referenceDate()))
        .ifPresent(e -> plans.add(publicRelease(lh, e, runId)));
    if (internalView && calendar.entry(asOf).isEmpty()) {
      plans.add(internalView(lh, asOf, runId));
    }
    return plans;
  }
}
