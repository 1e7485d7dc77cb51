package org.migstat.schedule;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The scheduler's watermark: the newest as-of date a scheduled run completed, kept in
 * {@code <lakehouse>/_schedule/state.properties}. ops.runs alone is not enough: a run with nothing new
 * commits nothing and leaves no row there. The newer of the file and the fallback (ops.runs in
 * production) wins, so a lost or stale file costs at most a re-run that commits nothing.
 *
 * <p>Written only while the writer holds the pipeline lock, so two schedulers never interleave updates.
 */
public final class ScheduleState {
  public static final String DIR = "_schedule";
  public static final String FILE = "state.properties";

  private final Configuration conf;
  private final Path file;
  private final Supplier<Optional<LocalDate>> fallback;

  public ScheduleState(Configuration conf, String lakehouseRoot, Supplier<Optional<LocalDate>> fallback) {
    this.conf = conf;
    this.file = new Path(new Path(new Path(lakehouseRoot), DIR), FILE);
    this.fallback = fallback;
  }

  /** A state kept in the file only (tests, and lakehouses without ops.runs). */
  public static ScheduleState fileOnly(Configuration conf, String lakehouseRoot) {
    return new ScheduleState(conf, lakehouseRoot, Optional::empty);
  }

  /** The newest as-of date of a successful scheduled run; empty when the scheduler never completed one. */
  public synchronized Optional<LocalDate> lastSucceeded() {
    Optional<LocalDate> fromFile = read().map(p -> p.getProperty("last_succeeded_as_of")).flatMap(s -> {
      try {
        return Optional.of(LocalDate.parse(s));
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    });
    Optional<LocalDate> other = fallback.get();
    if (fromFile.isEmpty()) {
      return other;
    }
    return other.isPresent() && other.get().isAfter(fromFile.get()) ? other : fromFile;
  }

  /** Records a completed as-of date; the watermark never moves back (a late backfill-like run keeps it). */
  public synchronized void succeeded(LocalDate asOf, String runId, Instant at) {
    Optional<LocalDate> now = lastSucceeded();
    if (now.isPresent() && now.get().isAfter(asOf)) {
      return;
    }
    String text = "# migstat schedule state: the newest as-of date a scheduled run completed.\n"
        + "# Catch-up after downtime runs the cron's dates after it. Safe to delete (ops.runs is the fallback).\n"
        + "last_succeeded_as_of=" + asOf + "\n"
        + "last_run_id=" + (runId == null ? "" : runId) + "\n"
        + "updated_at=" + at + "\n";
    try {
      FileSystem fs = file.getFileSystem(conf);
      fs.mkdirs(file.getParent());
      try (OutputStream out = fs.create(file, true)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the schedule state " + file + ": " + e.getMessage(), e);
    }
  }

  private Optional<Properties> read() {
    try {
      FileSystem fs = file.getFileSystem(conf);
      try (InputStream in = fs.open(file)) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        Properties p = new Properties();
        p.load(new StringReader(buf.toString(StandardCharsets.UTF_8)));
        return Optional.of(p);
      }
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      // A damaged file is not fatal: the fallback still knows the last scheduled success.
      System.err.printf("migstat: ignoring the unreadable schedule state %s: %s%n", file, e.getMessage());
      return Optional.empty();
    }
  }

  public String location() {
    return file.toString();
  }
}
