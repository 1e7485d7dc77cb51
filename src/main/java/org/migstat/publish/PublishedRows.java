package org.migstat.publish;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.migstat.catalog.Indicator;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.catalog.TableDef;
import org.migstat.disclosure.CellKey;
import org.migstat.disclosure.Disposition;
import org.migstat.disclosure.PublishedCell;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.pipeline.Concurrently;

/**
 * The published files as a reader downloads them, read back as typed cells: one {@link PublishedCell} per row of
 * every {@code publish.<indicator>} table, its disposition read from the value and flag columns. Rows carry their
 * release ({@code release_id}, {@code reference_date}) when the publish tables keep every release; a table without
 * those columns holds one release, named {@link #SINGLE} and dated by its latest period end.
 */
public final class PublishedRows {
  private PublishedRows() {}

  /** Release id of publish tables that keep only the latest release. */
  public static final String SINGLE = "published";

  /** A row as read: the typed cell and its time_period label. */
  public record Read(PublishedCell cell, String timePeriod) {}

  /** The publish tables as they are now. */
  public static List<Read> read(Lakehouse lh) {
    return read(lh, null);
  }

  /**
   * The publish tables at the Delta versions a run left them ({@code ops.runs.output_versions}, keyed by qualified
   * name; null: the latest): what a reader downloaded after that run.
   */
  public static List<Read> read(Lakehouse lh, Map<String, Long> versions) {
    // one small query per publish table, several at once
    List<List<Read>> perTable = Concurrently.map(IndicatorCatalog.INDICATORS, ind -> {
      Stored s = stored(lh, ind, versions, null);
      return s.rows().stream().map(r -> typed(ind, r, s.dated())).toList();
    });
    List<Read> out = new ArrayList<>();
    LocalDate latest = LocalDate.MIN;
    List<Integer> undated = new ArrayList<>();
    for (List<Read> rows : perTable) {
      for (Read r : rows) {
        if (r.cell().release().equals(SINGLE)) {
          undated.add(out.size());
          latest = r.cell().key().end().isAfter(latest) ? r.cell().key().end() : latest;
        }
        out.add(r);
      }
    }
    for (int i : undated) {
      PublishedCell c = out.get(i).cell();
      out.set(i, new Read(new PublishedCell(c.release(), latest, c.key(), c.value(), c.disposition()),
          out.get(i).timePeriod()));
    }
    return out;
  }

  /**
   * The rows of these releases in an indicator's publish table, as stored (filtered in Spark, so a lakehouse holding
   * a year of releases does not bring the others to the driver): none where the table does not exist or keeps no
   * release_id (one undated release, never among the releases asked for).
   */
  static List<Row> releaseRows(Lakehouse lh, Indicator ind, Set<String> releases) {
    return stored(lh, ind, null, releases).rows();
  }

  /** An indicator's publish table as stored, and whether its rows carry their release_id and reference_date. */
  private record Stored(List<Row> rows, boolean dated) {}

  /** At the version {@code versions} names (null: the latest), of {@code releases} only (null: every release). */
  private static Stored stored(Lakehouse lh, Indicator ind, Map<String, Long> versions, Set<String> releases) {
    TableDef t = IndicatorCatalog.publishTable(ind);
    if (!lh.exists(t)) {
      return new Stored(List.of(), false);
    }
    Long version = versions == null ? null : versions.get(t.qualifiedName());
    if (versions != null && version == null) {
      return new Stored(List.of(), false); // not published by that run
    }
    Dataset<Row> df = version == null ? lh.read(t)
        : lh.spark().read().format("delta").option("versionAsOf", version).load(lh.path(t));
    List<String> columns = Arrays.asList(df.columns());
    boolean dated = columns.contains("release_id") && columns.contains("reference_date");
    if (releases != null) {
      if (!dated) {
        return new Stored(List.of(), false); // one undated release, never among the releases asked for
      }
      df = df.where(functions.col("release_id").isin(releases.toArray()));
    }
    return new Stored(df.collectAsList(), dated);
  }

  /** A row of an indicator's publish table (with its release_id and reference_date when {@code dated}), typed. */
  static Read typed(Indicator ind, Row r, boolean dated) {
    Map<String, String> dims = new LinkedHashMap<>();
    ind.dimensions().forEach(d -> dims.put(d, r.getString(r.fieldIndex(d))));
    LocalDate start = r.getDate(r.fieldIndex("period_start")).toLocalDate();
    LocalDate end = r.getDate(r.fieldIndex("period_end")).toLocalDate();
    Double value = r.isNullAt(r.fieldIndex("value")) ? null : r.getDouble(r.fieldIndex("value"));
    Disposition d = Disposition.read(value, r.getString(r.fieldIndex("flag")));
    String release = dated ? r.getString(r.fieldIndex("release_id")) : SINGLE;
    LocalDate ref = dated ? r.getDate(r.fieldIndex("reference_date")).toLocalDate() : end;
    return new Read(new PublishedCell(release, ref, new CellKey(ind.id(), r.getString(r.fieldIndex("measure")),
        start, end, dims), d.shown() ? value : null, d), r.getString(r.fieldIndex("time_period")));
  }
}
