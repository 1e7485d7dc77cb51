package org.migstat.schedule;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.migstat.lakehouse.RunLock;

/**
 * {@code migstat backfill}: recomputes a range of reference dates, one pipeline run per date, oldest first,
 * each under the lakehouse lock. Idempotent because each run is: a second pass over the same range finds
 * nothing new and commits nothing.
 */
public final class Backfill {
  /** Ten years of days: a larger range is almost certainly a typo. */
  public static final int MAX_DAYS = 3660;

  private Backfill() {}

  /** A date that completed. */
  public record DayResult(LocalDate asOf, PipelineAction.Outcome outcome, double seconds) {}

  /** The dates of a range, checked: from &lt;= to and at most {@link #MAX_DAYS} days. */
  public static List<LocalDate> dates(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("--to " + to + " is before --from " + from);
    }
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    if (days > MAX_DAYS) {
      throw new IllegalArgumentException("the range " + from + " .. " + to + " holds " + days
          + " dates; backfill at most " + MAX_DAYS + " at a time");
    }
    return from.datesUntil(to.plusDays(1)).toList();
  }

  /**
   * Runs each date of the range. Stops at the first failure (later dates are left for a re-run, so dates
   * complete in order) with a message that names the command to resume.
   */
  public static List<DayResult> run(LocalDate from, LocalDate to, PipelineAction action, Configuration hadoopConf,
                                    String lakehouse, Duration lockWait, Duration lockTimeout, PrintStream out) {
    List<LocalDate> dates = dates(from, to);
    List<DayResult> done = new ArrayList<>();
    out.printf("backfill: %d reference dates, %s .. %s, into %s%n", dates.size(), from, to, lakehouse);
    for (LocalDate d : dates) {
      String command = "migstat backfill --from " + from + " --to " + to + " (as of " + d + ")";
      long t0 = System.nanoTime();
      try (RunLock lock = RunLock.acquire(hadoopConf, lakehouse, "backfill as of " + d, lockWait, lockTimeout)) {
        PipelineAction.Outcome o = action.run(d, command);
        double s = (System.nanoTime() - t0) / 1e9;
        done.add(new DayResult(d, o, s));
        out.printf("backfill: %s done in %.1f s: %s%n", d, s, o.summary());
        out.flush();
      } catch (Exception e) {
        String finished = d.equals(from) ? "No date is done" : "Dates " + from + " .. " + d.minusDays(1) + " are done";
        throw new IllegalStateException("backfill stopped at " + d + ": " + PipelineScheduler.sentence(e) + ". "
            + finished + "; resume with `migstat backfill --from " + d + " --to " + to + "`", e);
      }
    }
    long committed = done.stream().filter(r -> r.outcome().committed()).count();
    out.printf("backfill: %d dates, %d committed changes, %d had nothing new%n", done.size(), committed,
        done.size() - committed);
    return done;
  }
}
