package org.migstat.publish;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.migstat.catalog.Indicator;

/**
 * One row of a {@code publish.<indicator>} table, by name: the layout of {@code IndicatorCatalog.publishDdl}.
 *
 * @param dims      the cell's code per dimension of the indicator, in catalogue order
 * @param value     the published value; null when hidden or not available ({@code flag} says why)
 * @param flag      the flag tokens ({@code [c]}, {@code [r]}, ...); null when none
 * @param releaseId the release it belongs to; {@code referenceDate} that release's reference date
 */
public record PublishedRow(String indicator, String timePeriod, LocalDate periodStart, LocalDate periodEnd,
                           Map<String, String> dims, String measure, Double value, String flag,
                           String definitionVersion, String runId, String releaseId, LocalDate referenceDate) {

  /** Token a cell carries when its value differs from the previous release's (see export.Flags). */
  public static final String REVISED = "[r]";

  public PublishedRow {
    dims = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dims));
  }

  /** Identifies a cell across releases: indicator, period, coordinates and measure. */
  public record Key(String indicator, String timePeriod, List<String> coords, String measure) {}

  public Key key() {
    return new Key(indicator, timePeriod, List.copyOf(dims.values()), measure);
  }

  /** The same row with {@code [r]} added to its flag. */
  public PublishedRow revised() {
    String f = flag == null ? REVISED : flag.contains(REVISED) ? flag : flag + REVISED;
    return new PublishedRow(indicator, timePeriod, periodStart, periodEnd, dims, measure, value, f, definitionVersion,
        runId, releaseId, referenceDate);
  }

  /** The Spark row, in the column order of the indicator's publish table. */
  public Row toRow(Indicator ind) {
    List<Object> v = new ArrayList<>();
    v.add(indicator);
    v.add(timePeriod);
    v.add(periodStart == null ? null : Date.valueOf(periodStart));
    v.add(periodEnd == null ? null : Date.valueOf(periodEnd));
    for (String d : ind.dimensions()) {
      v.add(dims.get(d));
    }
    v.add(measure);
    v.add(value);
    v.add(flag);
    v.add(definitionVersion);
    v.add(runId);
    v.add(releaseId);
    v.add(referenceDate == null ? null : Date.valueOf(referenceDate));
    return RowFactory.create(v.toArray());
  }

  /** A row read back from a publish table, by column name. */
  public static PublishedRow of(Indicator ind, Row r) {
    Map<String, String> dims = new LinkedHashMap<>();
    for (String d : ind.dimensions()) {
      dims.put(d, r.getAs(d));
    }
    Object v = r.getAs("value");
    return new PublishedRow(r.getAs("indicator"), r.getAs("time_period"), date(r.getAs("period_start")),
        date(r.getAs("period_end")), dims, r.getAs("measure"), v == null ? null : ((Number) v).doubleValue(),
        r.getAs("flag"), r.getAs("definition_version"), r.getAs("run_id"), r.getAs("release_id"),
        date(r.getAs("reference_date")));
  }

  private static LocalDate date(Object o) {
    return o == null ? null : o instanceof Date d ? d.toLocalDate() : (LocalDate) o;
  }
}
