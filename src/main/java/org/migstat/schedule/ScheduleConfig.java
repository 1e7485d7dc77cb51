package org.migstat.schedule;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.quartz.CronExpression;

/**
 * What {@code migstat schedule} does, read from a small properties file ({@code --config FILE}) with
 * command-line overrides. Every key is optional:
 *
 * <pre>
 * cron = 0 0 2 * * ?            # Quartz cron (seconds first); default daily at 02:00
 * time_zone = Asia/Phnom_Penh   # zone of the cron and of the as-of dates; default the system zone
 * input = data-samples          # folder of extracts
 * lakehouse = lakehouse         # lakehouse root
 * catch_up = all                # after downtime: all missed as-of dates in order, or only the latest
 * max_retries = 3               # retries after a failed attempt (0 = none)
 * retry_backoff_seconds = 60    # first retry delay; doubles with each retry (at most 1 hour)
 * lock_timeout_seconds = 60     # a lock whose heartbeat is older than this is stale
 * lock_wait_seconds = 600       # how long an attempt waits for another run (e.g. a manual one) to finish
 * grace_period_seconds = 60     # on SIGTERM: how long the current run may take to finish
 * key_file =                    # pseudonymisation key file (environment variables take precedence)
 * first_permit_same_reason = false
 * </pre>
 *
 * @param cron         Quartz cron expression
 * @param timeZone     zone of the cron and of the as-of dates (a tick's as-of date is its local date)
 * @param catchUp      what to run for fire times missed while the scheduler was down
 * @param maxRetries   retries after a failed attempt; every attempt is a row in ops.runs
 * @param retryBackoff delay before the first retry; doubled for each further retry, capped at one hour
 * @param lockTimeout  heartbeat age after which a lakehouse lock is stale
 * @param lockWait     how long an attempt waits for the lakehouse lock
 * @param gracePeriod  how long a stopping scheduler lets the current run finish before abandoning it
 * @param keyFile      pseudonymisation key file, or null
 */
public record ScheduleConfig(String cron, ZoneId timeZone, String input, String lakehouse, CatchUp catchUp,
                             int maxRetries, Duration retryBackoff, Duration lockTimeout, Duration lockWait,
                             Duration gracePeriod, Path keyFile, boolean firstPermitSameReason) {

  /** What to run after downtime. */
  public enum CatchUp {
    /** Every missed as-of date, oldest first. */
    ALL,
    /** Only the newest missed as-of date. */
    LATEST
  }

  public static final String DEFAULT_CRON = "0 0 2 * * ?";
  public static final Duration MAX_BACKOFF = Duration.ofHours(1);

  /** The keys a config file may hold, with their defaults (null = none). */
  public static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("cron", DEFAULT_CRON);
    d.put("time_zone", null);
    d.put("input", "data-samples");
    d.put("lakehouse", "lakehouse");
    d.put("catch_up", "all");
    d.put("max_retries", "3");
    d.put("retry_backoff_seconds", "60");
    d.put("lock_timeout_seconds", "60");
    d.put("lock_wait_seconds", "600");
    d.put("grace_period_seconds", "60");
    d.put("key_file", null);
    d.put("first_permit_same_reason", "false");
    return java.util.Collections.unmodifiableMap(d);
  }

  public ScheduleConfig {
    if (!CronExpression.isValidExpression(cron)) {
      throw new IllegalArgumentException("invalid cron expression '" + cron + "': " + cronError(cron)
          + " (Quartz syntax, seconds first: e.g. '0 0 2 * * ?' = daily at 02:00)");
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("max_retries must be 0 or more, not " + maxRetries);
    }
    for (Duration d : List.of(retryBackoff, lockTimeout, lockWait, gracePeriod)) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("durations must not be negative: " + d);
      }
    }
    if (lockTimeout.isZero()) {
      throw new IllegalArgumentException("lock_timeout_seconds must be more than 0");
    }
  }

  /** Defaults only: a daily 02:00 run in the system zone on ./data-samples into ./lakehouse. */
  public static ScheduleConfig defaults(String input, String lakehouse) {
    return load(null, Map.of("input", input, "lakehouse", lakehouse));
  }

  /**
   * Reads a config file (null = defaults only) and applies overrides (keys as in the file; null values
   * are ignored, so unset command-line options keep the file's value).
   */
  public static ScheduleConfig load(Path file, Map<String, String> overrides) {
    Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
    String origin = file == null ? "the defaults" : file.toString();
    if (file != null) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the schedule config " + file + ": " + e.getMessage(), e);
      }
      for (String k : p.stringPropertyNames()) {
        if (!DEFAULTS.containsKey(k)) {
          throw new IllegalArgumentException("unknown setting '" + k + "' in " + file + " (known: "
              + String.join(", ", DEFAULTS.keySet()) + ")");
        }
        String value = p.getProperty(k).strip();
        v.put(k, value.isEmpty() ? null : value);
      }
    }
    overrides.forEach((k, value) -> {
      if (!DEFAULTS.containsKey(k)) {
        throw new IllegalArgumentException("unknown schedule setting '" + k + "'");
      }
      if (value != null) {
        v.put(k, value);
      }
    });
    try {
      return new ScheduleConfig(
          v.get("cron"),
          v.get("time_zone") == null ? ZoneId.systemDefault() : ZoneId.of(v.get("time_zone")),
          required(v, "input"),
          required(v, "lakehouse"),
          catchUp(v.get("catch_up")),
          integer(v, "max_retries"),
          Duration.ofSeconds(integer(v, "retry_backoff_seconds")),
          Duration.ofSeconds(integer(v, "lock_timeout_seconds")),
          Duration.ofSeconds(integer(v, "lock_wait_seconds")),
          Duration.ofSeconds(integer(v, "grace_period_seconds")),
          v.get("key_file") == null ? null : Path.of(v.get("key_file")),
          bool(v, "first_permit_same_reason"));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("unknown time_zone '" + v.get("time_zone") + "' in " + origin
          + " (use a region such as Asia/Phnom_Penh or UTC)", e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (in " + origin + ")", e);
    }
  }

  private static String required(Map<String, String> v, String key) {
    String s = v.get(key);
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(key + " must be set");
    }
    return s;
  }

  private static int integer(Map<String, String> v, String key) {
    try {
      return Integer.parseInt(required(v, key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, not '" + v.get(key) + "'");
    }
  }

  private static boolean bool(Map<String, String> v, String key) {
    String s = required(v, key).toLowerCase(Locale.ROOT);
    if (!s.equals("true") && !s.equals("false")) {
      throw new IllegalArgumentException(key + " must be true or false, not '" + s + "'");
    }
    return Boolean.parseBoolean(s);
  }

  private static CatchUp catchUp(String s) {
    try {
      return CatchUp.valueOf(s.strip().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("catch_up must be all or latest, not '" + s + "'");
    }
  }

  private static String cronError(String cron) {
    try {
      CronExpression.validateExpression(cron);
      return "not valid";
    } catch (java.text.ParseException e) {
      return e.getMessage();
    }
  }

  /** The cron schedule in its zone. */
  public CronSchedule schedule() {
    return new CronSchedule(cron, timeZone);
  }

  /** Retry delay before attempt {@code failedAttempt + 1}: backoff x 2^(failedAttempt - 1), capped at one hour. */
  public Duration backoffAfter(int failedAttempt) {
    Duration d = retryBackoff;
    for (int i = 1; i < failedAttempt && d.compareTo(MAX_BACKOFF) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  /** One line per setting, for the scheduler's start-up banner. */
  public String describe() {
    return String.join(System.lineSeparator(),
        "  cron:        " + cron + "  (" + timeZone + ")",
        "  input:       " + input,
        "  lakehouse:   " + lakehouse,
        "  catch-up:    " + catchUp.name().toLowerCase(Locale.ROOT),
        "  retries:     " + maxRetries + " (backoff " + retryBackoff.toSeconds() + " s, doubling)",
        "  lock:        stale after " + lockTimeout.toSeconds() + " s without heartbeat; wait up to "
            + lockWait.toSeconds() + " s",
        "  on SIGTERM:  let the current run finish for up to " + gracePeriod.toSeconds() + " s");
  }
}
