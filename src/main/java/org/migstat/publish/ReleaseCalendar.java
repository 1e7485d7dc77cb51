package org.migstat.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Which reference dates become public releases, and on which day each is due. Read from {@value #FILE} beside the
 * input extracts (or at the lakehouse root); without a file, every month end is a release, due the same day.
 *
 * <pre>{@code
 * {
 *   "month_ends": true,            // every month end is a reference date
 *   "lag_days": 0,                 // ... due this many days after it
 *   "dates": [                     // extra reference dates
 *     {"reference_date": "2024-03-13", "publish_on": "2024-03-13", "note": "bilateral briefing"}
 *   ]
 * }
 * }</pre>
 *
 * An entry is due on a day when its publication day has come; a run publishes the latest due entry that has no public
 * release yet (never an earlier one once a later one is out).
 */
public final class ReleaseCalendar {
  public static final String FILE = "release-calendar.json";

  /** One entry: the reference date, the day it is published, and where it comes from. */
  public record Entry(LocalDate referenceDate, LocalDate publishOn, String note) {
    /** How ops.releases names it. */
    public String describe() {
      return referenceDate + " (" + note + "; due " + publishOn + ")";
    }
  }

  private final boolean monthEnds;
  private final int lagDays;
  private final TreeMap<LocalDate, Entry> dates;
  private final String source;

  public ReleaseCalendar(boolean monthEnds, int lagDays, List<Entry> dates, String source) {
    if (lagDays < 0) {
      throw new IllegalArgumentException("release calendar " + source + ": lag_days must be 0 or more");
    }
    this.monthEnds = monthEnds;
    this.lagDays = lagDays;
    this.dates = new TreeMap<>();
    dates.forEach(e -> this.dates.put(e.referenceDate(), e));
    this.source = source;
  }

  /** Month ends, due {@code lagDays} later, and nothing else. */
  public static ReleaseCalendar monthEnds(int lagDays) {
    return new ReleaseCalendar(true, lagDays, List.of(), "default (every month end)");
  }

  public String source() {
    return source;
  }

  /** The entry of a reference date, if the calendar has one. */
  public Optional<Entry> entry(LocalDate referenceDate) {
    Entry listed = dates.get(referenceDate);
    if (listed != null) {
      return Optional.of(listed);
    }
    if (monthEnds && referenceDate.equals(YearMonth.from(referenceDate).atEndOfMonth())) {
      return Optional.of(new Entry(referenceDate, referenceDate.plusDays(lagDays),
          "month end" + (lagDays == 0 ? "" : ", published " + lagDays + " days later")));
    }
    return Optional.empty();
  }

  /** The latest entry whose publication day is on or before {@code day} (and whose reference date is too). */
  public Optional<Entry> latestDue(LocalDate day) {
    List<Entry> candidates = new ArrayList<>();
    dates.values().stream().filter(e -> !e.publishOn().isAfter(day) && !e.referenceDate().isAfter(day))
        .forEach(candidates::add);
    if (monthEnds) {
      YearMonth m = YearMonth.from(day.minusDays(lagDays));
      LocalDate end = m.atEndOfMonth();
      if (end.plusDays(lagDays).isAfter(day)) {
        end = m.minusMonths(1).atEndOfMonth();
      }
      entry(end).ifPresent(candidates::add);
    }
    return candidates.stream().max(Comparator.comparing(Entry::referenceDate));
  }

  /** The calendar beside the input, else at the lakehouse root, else {@link #monthEnds(int) monthEnds(0)}. */
  public static ReleaseCalendar find(Configuration conf, String input, String lakehouse) {
    for (String dir : new String[] {input, lakehouse}) {
      if (dir == null) {
        continue;
      }
      try {
        Path p = new Path(dir, FILE);
        FileSystem fs = p.getFileSystem(conf);
        if (fs.exists(p)) {
          try (InputStream in = fs.open(p)) {
            return parse(in, p.toString());
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the release calendar in " + dir + ": " + e.getMessage(), e);
      }
    }
    return monthEnds(0);
  }

  static ReleaseCalendar parse(InputStream in, String source) throws IOException {
    JsonNode doc;
    try {
      doc = new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("release calendar " + source + " is not valid JSON: " + e.getMessage(), e);
    }
    boolean monthEnds = doc.path("month_ends").asBoolean(true);
    int lag = doc.path("lag_days").asInt(0);
    List<Entry> entries = new ArrayList<>();
    for (JsonNode d : doc.path("dates")) {
      try {
        LocalDate ref = LocalDate.parse(d.path("reference_date").asText());
        LocalDate on = d.hasNonNull("publish_on") ? LocalDate.parse(d.get("publish_on").asText()) : ref.plusDays(lag);
        if (on.isBefore(ref)) {
          throw new IllegalStateException("release calendar " + source + ": " + ref + " cannot be published on "
              + on + ", before its reference date");
        }
        entries.add(new Entry(ref, on, d.path("note").asText("listed date")));
      } catch (DateTimeParseException e) {
        throw new IllegalStateException("release calendar " + source + ": dates must look like 2024-03-13 (got "
            + e.getParsedString() + ")", e);
      }
    }
    return new ReleaseCalendar(monthEnds, lag, entries, source);
  }
}
