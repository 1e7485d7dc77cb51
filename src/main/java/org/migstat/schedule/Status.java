package org.migstat.schedule;

import static org.apache.spark.sql.functions.*;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.migstat.catalog.Tables;
import org.migstat.ingest.Source;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.lakehouse.RunLock;
import org.migstat.ops.IngestLedger;

/**
 * {@code migstat status}: the last runs, the failures not yet followed by a success, data freshness per
 * source, the lock, and the next scheduled run. Reads only; never creates a table.
 */
public final class Status {
  private Status() {}

  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

  /** One ops.runs row. */
  public record RunRow(String runId, String command, LocalDate asOf, Instant startedAt, Instant endedAt,
                       String status, String error) {}

  /** Newest extract of a source; newest = null when the source never delivered a file. */
  public record Freshness(String source, LocalDate newestExtract, Long ageDays, long files, Instant lastIngested) {}

  /**
   * @param lastRuns     newest first
   * @param openFailures failed runs with no later successful run for the same as-of date, newest first
   * @param lastScheduledAsOf the scheduler's watermark (state file, else ops.runs)
   * @param nextRun      next fire time of the configured cron
   * @param lock         the lakehouse lock if held, with why it is stale (null = live)
   */
  public record Report(String lakehouse, Instant now, List<RunRow> lastRuns, List<RunRow> openFailures,
                       List<Freshness> freshness, Optional<LocalDate> lastScheduledAsOf, CronSchedule cron,
                       Optional<Instant> nextRun, Optional<RunLock.Observed> lock) {}

  public static Report collect(Lakehouse lh, ScheduleConfig cfg, Configuration hadoopConf, Clock clock, int lastN) {
    Instant now = clock.instant();
    List<RunRow> all = new ArrayList<>();
    if (lh.exists(Tables.RUNS)) {
      for (Row r : lh.read(Tables.RUNS)
          .select("run_id", "command", "as_of", "started_at", "ended_at", "status", "error")
          .orderBy(col("started_at").desc()).limit(5000).collectAsList()) {
        all.add(new RunRow(r.getString(0), r.getString(1), r.isNullAt(2) ? null : r.getDate(2).toLocalDate(),
            r.getTimestamp(3).toInstant(), r.isNullAt(4) ? null : r.getTimestamp(4).toInstant(), r.getString(5),
            r.getString(6)));
      }
    }
    List<RunRow> open = new ArrayList<>();
    Set<LocalDate> succeededLater = new HashSet<>();
    boolean anySuccessLater = false;
    for (RunRow r : all) { // newest first
      if ("succeeded".equals(r.status())) {
        succeededLater.add(r.asOf());
        anySuccessLater = true;
      } else if (r.asOf() != null ? !succeededLater.contains(r.asOf()) : !anySuccessLater) {
        open.add(r);
      }
    }

    Map<String, Freshness> fresh = new LinkedHashMap<>();
    for (Source s : Source.values()) {
      fresh.put(s.id(), new Freshness(s.id(), null, null, 0, null));
    }
    if (lh.exists(Tables.INGESTED_FILES)) {
      LocalDate today = now.atZone(cfg.timeZone()).toLocalDate();
      for (Row r : lh.read(Tables.INGESTED_FILES).filter(col("status").notEqual(IngestLedger.RESENT))
          .groupBy("source").agg(max("extract_date"), count(lit(1)), max("recorded_at"))
          .orderBy("source").collectAsList()) {
        LocalDate newest = r.getDate(1).toLocalDate();
        fresh.put(r.getString(0), new Freshness(r.getString(0), newest, ChronoUnit.DAYS.between(newest, today),
            r.getLong(2), r.isNullAt(3) ? null : r.getTimestamp(3).toInstant()));
      }
    }
    OpsRunsLedger runs = new OpsRunsLedger(lh);
    ScheduleState state = new ScheduleState(hadoopConf, lh.root(), runs::lastScheduledSuccess);
    CronSchedule cron = cfg.schedule();
    return new Report(lh.root(), now, all.subList(0, Math.min(lastN, all.size())),
        open.subList(0, Math.min(lastN, open.size())), new ArrayList<>(fresh.values()), state.lastSucceeded(), cron,
        cron.nextAfter(now), RunLock.observe(hadoopConf, lh.root(), cfg.lockTimeout()));
  }

  public static void print(Report r, PrintStream out) {
    out.printf("migstat status: lakehouse %s, %s%n%n", r.lakehouse(), LOCAL.format(r.cron().local(r.now())));
    out.println("Last runs (newest first; times UTC):");
    if (r.lastRuns().isEmpty()) {
      out.println("  (none yet: run `bin/migstat run` or `bin/migstat schedule`)");
    } else {
      out.printf("  %-19s %-10s %-9s %7s  %s%n", "started", "as of", "status", "minutes", "command");
      for (RunRow x : r.lastRuns()) {
        out.printf("  %-19s %-10s %-9s %7s  %s%n", UTC.format(x.startedAt()), x.asOf() == null ? "-" : x.asOf(),
            x.status(), x.endedAt() == null ? "-"
                : String.format("%.1f", (x.endedAt().toEpochMilli() - x.startedAt().toEpochMilli()) / 60000.0),
            x.command());
      }
    }
    out.println();
    out.println("Failures not yet followed by a success for the same as-of date:");
    if (r.openFailures().isEmpty()) {
      out.println("  (none)");
    }
    for (RunRow x : r.openFailures()) {
      out.printf("  %s  as of %s  %s%n      why: %s%n", UTC.format(x.startedAt()), x.asOf() == null ? "-" : x.asOf(),
          x.command(), x.error() == null ? "(no reason recorded)" : x.error());
    }
    out.println();
    out.println("Data freshness (newest extract date per source, age in days):");
    out.printf("  %-12s %-14s %5s %6s  %s%n", "source", "newest", "age", "files", "last ingested (UTC)");
    for (Freshness f : r.freshness()) {
      if (f.newestExtract() == null) {
        out.printf("  %-12s %-14s %5s %6d  %s%n", f.source(), "never", "-", 0, "-");
      } else {
        out.printf("  %-12s %-14s %5d %6d  %s%n", f.source(), f.newestExtract(), f.ageDays(), f.files(),
            f.lastIngested() == null ? "-" : UTC.format(f.lastIngested()));
      }
    }
    out.println();
    out.println("Schedule:");
    out.printf("  cron %s; next run %s%n", r.cron(), r.nextRun()
        .map(t -> LOCAL.format(r.cron().local(t)) + " (as of " + r.cron().asOf(t) + ")").orElse("never"));
    out.printf("  last completed scheduled run: %s%n",
        r.lastScheduledAsOf().map(d -> "as of " + d).orElse("none recorded"));
    out.printf("  lock: %s%n", r.lock().map(o -> o.holder() == null ? "an unreadable lock file"
        + (o.staleReason() == null ? "" : " (stale: " + o.staleReason() + ")")
        : (o.staleReason() == null ? "held by " : "stale (" + o.staleReason() + "), left by ")
        + o.holder().describe(r.now())).orElse("free"));
    out.flush();
  }
}
