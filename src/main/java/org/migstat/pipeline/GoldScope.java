package org.migstat.pipeline;

import static org.apache.spark.sql.functions.*;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.migstat.indicators.Borders;
import org.migstat.ingest.Source;

/**
 * What part of gold a run recomputes. A daily run brings a few new records; a gold figure for a
 * reference date can only move if a changed record (its new or its old version) counts on or before
 * that date. So each source changed in the run gives the earliest date it can affect, and each gold
 * table is recomputed from the earliest date of the sources it reads — older slices stay as they are,
 * with no new Delta files. {@code --rebuild} and the first run recompute everything.
 */
final class GoldScope {
  /** "Every reference date": the table is replaced whole. */
  static final LocalDate ALL_DATES = LocalDate.MIN;

  private final boolean asOfOnly;
  private final Map<Source, LocalDate> from;
  private final boolean glotip;

  private GoldScope(boolean asOfOnly, Map<Source, LocalDate> from, boolean glotip) {
    this.asOfOnly = asOfOnly;
    this.from = from;
    this.glotip = glotip;
  }

  /** Every table, every date (a rebuild). */
  static GoldScope everything() {
    Map<Source, LocalDate> all = new EnumMap<>(Source.class);
    for (Source s : Source.values()) {
      all.put(s, ALL_DATES);
    }
    return new GoldScope(false, all, true);
  }

  /** No new data: only the as-of date's slice is added to each table. */
  static GoldScope asOfSlice() {
    return new GoldScope(true, everything().from, false);
  }

  /** The sources changed in this run, each with the earliest date it can affect. */
  static GoldScope from(Map<Source, LocalDate> changed, boolean glotipChanged) {
    return new GoldScope(false, new EnumMap<>(changed), glotipChanged);
  }

  boolean asOfOnly() {
    return asOfOnly;
  }

  boolean glotip() {
    return glotip;
  }

  /** The earliest date any of these sources can affect; null when none of them changed. */
  LocalDate from(Source... sources) {
    return Arrays.stream(sources).map(from::get).filter(Objects::nonNull).min(LocalDate::compareTo).orElse(null);
  }

  static List<LocalDate> onOrAfter(List<LocalDate> dates, LocalDate from) {
    return from == null ? List.of() : dates.stream().filter(d -> !d.isBefore(from)).toList();
  }

  /**
   * The earliest date on which the changed records of a batch (their incoming versions, and the
   * versions they replace in silver) can move a gold figure; null when the batch holds no record.
   * Registries: a record counts from its registration, or for a permit from the earliest of its
   * issue, validity, status and revocation dates; the first-permit rule looks at all of a person's
   * permits, so every permit of a person touched by the batch is included. Cases count in the
   * period they were reported. A crossing can end the stay of an entry up to 60 days earlier.
   */
  static LocalDate earliestAffected(Source source, Dataset<Row> incoming, Dataset<Row> silverNow) {
    Column earliest = earliestDate(source);
    String key = source.recordKey;
    Dataset<Row> replaced = silverNow.join(incoming.select(key), silverNow.col(key).equalTo(incoming.col(key)),
        "left_semi");
    Dataset<Row> touched = incoming.select(earliest.as("d"), col("person_id"))
        .unionByName(replaced.select(earliest.as("d"), col("person_id")));
    if (source == Source.PERMITS) {
      touched = touched.unionByName(silverNow.join(touched.select("person_id").distinct(), "person_id")
          .select(earliest.as("d"), col("person_id")));
    }
    Row r = touched.agg(min(col("d"))).first();
    return r.isNullAt(0) ? null : r.getDate(0).toLocalDate();
  }

  private static Column earliestDate(Source source) {
    return switch (source) {
      case RESIDENTS -> least(col("registration_date"), col("deregistration_date"));
      case PERMITS -> least(col("issue_date"), col("valid_from"), col("status_date"), col("revoked_on"));
      case CASES -> least(col("reported_date"), col("identified_date"), col("released_date"), col("repatriated_date"));
      case CROSSINGS -> date_sub(col("event_date"), Borders.OVERSTAY_DAYS + 1);
      case EMBASSY -> col("registration_date");
    };
  }
}
