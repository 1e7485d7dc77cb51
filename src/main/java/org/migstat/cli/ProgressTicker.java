package org.migstat.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.sql.SparkSession;

/**
 * Keeps a long command talking: when no progress line has been printed for {@link #QUIET_SECONDS}, it
 * prints one saying what is still running — the stage and subject of the last line, how long since,
 * and how far Spark's running stages are — in the same {@code [  12.3s] stage    message} form as
 * {@link org.migstat.pipeline.Progress}. Wraps the stream the progress lines go to; close it at the end.
 */
final class ProgressTicker implements AutoCloseable {
  static final int QUIET_SECONDS = 10;
  private static final Pattern LINE = Pattern.compile("^\\[\\s*[0-9.]+s\\] (\\S+)\\s+(.*)$");

  private final PrintStream target;
  private final PrintStream out;
  private final LongSupplier clock;
  private final long start;
  private final SparkSession spark;
  private final ScheduledExecutorService timer;
  private final StringBuilder partial = new StringBuilder();
  private volatile long lastWrite;
  private volatile String lastLine = "";

  private ProgressTicker(PrintStream target, SparkSession spark, LongSupplier clock, boolean schedule) {
    this.target = target;
    this.spark = spark;
    this.clock = clock;
    this.start = clock.getAsLong();
    this.lastWrite = start;
    this.out = new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        synchronized (ProgressTicker.this) {
          target.write(b, off, len);
          lastWrite = ProgressTicker.this.clock.getAsLong();
          remember(new String(b, off, len, StandardCharsets.UTF_8));
        }
      }

      @Override
      public void flush() {
        target.flush();
      }
    }, true, StandardCharsets.UTF_8);
    if (schedule) {
      timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "migstat-progress-ticker");
        t.setDaemon(true);
        return t;
      });
      timer.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    } else {
      timer = null;
    }
  }

  /** Starts ticking over {@code target}; progress lines must be printed to {@link #out()}. */
  static ProgressTicker start(PrintStream target, SparkSession spark) {
    return new ProgressTicker(target, spark, System::nanoTime, true);
  }

  /** For tests: no timer, the caller's clock (nanoseconds) and {@link #tick()} by hand. */
  static ProgressTicker manual(PrintStream target, LongSupplier clock) {
    return new ProgressTicker(target, null, clock, false);
  }

  PrintStream out() {
    return out;
  }

  private void remember(String text) {
    for (char c : text.toCharArray()) {
      if (c == '\n') {
        if (!partial.toString().isBlank()) {
          lastLine = partial.toString();
        }
        partial.setLength(0);
      } else if (c != '\r') {
        partial.append(c);
      }
    }
  }

  /**
   * Prints a line when the command has been quiet for {@link #QUIET_SECONDS} or more. The line is composed under
   * this ticker's lock and printed after it is released: printing takes the stream's lock, and a progress line
   * printed meanwhile holds the stream's lock while it waits for this one (in {@code out}'s write) — holding both
   * in the other order hung a run (every thread blocked on the two locks, no progress, no error).
   */
  void tick() {
    String line = nextLine();
    if (line != null) {
      out.print(line);
      out.flush();
    }
  }

  private synchronized String nextLine() {
    long now = clock.getAsLong();
    double quiet = (now - lastWrite) / 1e9;
    if (quiet < QUIET_SECONDS) {
      return null;
    }
    Matcher m = LINE.matcher(lastLine);
    String stage = m.matches() ? m.group(1) : "working";
    String subject = m.matches() ? m.group(2) : lastLine;
    // The line the ticker printed itself says "still working after: <subject>": keep the original subject.
    subject = subject.replaceFirst("^still working \\(\\d+ s\\) after: ", "").replaceFirst(" — Spark .*$", "");
    if (subject.length() > 90) {
      subject = subject.substring(0, 89) + "…";
    }
    long sinceSubject = Math.round((now - subjectSince(now)) / 1e9);
    String spark = sparkActivity();
    return String.format("[%6.1fs] %-8s still working (%d s) after: %s%s%n", (now - start) / 1e9, stage,
        sinceSubject, subject, spark.isEmpty() ? "" : " — Spark " + spark);
  }

  private long subjectStart = -1;
  private String subjectLine = null;

  /** When the last line the command itself printed (not a ticker line) was written. */
  private long subjectSince(long now) {
    if (!lastLine.contains("still working (")) {
      if (!lastLine.equals(subjectLine)) {
        subjectLine = lastLine;
        subjectStart = lastWrite;
      }
    }
    return subjectStart < 0 ? now : subjectStart;
  }

  /** "3 of 8 tasks done in 1 running stage", or "" without Spark or without running stages. */
  private String sparkActivity() {
    if (spark == null) {
      return "";
    }
    try {
      SparkStatusTracker tracker = spark.sparkContext().statusTracker();
      int done = 0;
      int total = 0;
      int stages = 0;
      for (int id : tracker.getActiveStageIds()) {
        scala.Option<SparkStageInfo> info = tracker.getStageInfo(id);
        if (info.isDefined()) {
          stages++;
          done += info.get().numCompletedTasks();
          total += info.get().numTasks();
        }
      }
      return stages == 0 ? "" : String.format("%d of %d tasks done in %d running stage%s", done, total, stages,
          stages == 1 ? "" : "s");
    } catch (RuntimeException e) {
      return "";
    }
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    out.flush();
    target.flush();
  }
}
