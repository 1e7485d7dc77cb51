package org.migstat.publish;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.migstat.catalog.Indicator;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.catalog.TableDef;
import org.migstat.disclosure.CellKey;
import org.migstat.disclosure.Disposition;
import org.migstat.disclosure.PublishedCell;
import org.migstat.lakehouse.Lakehouse;

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
    List<Read> out = new ArrayList<>();
    LocalDate latest = LocalDate.MIN;
    List<Integer> undated = new ArrayList<>();
    for (Indicator ind : IndicatorCatalog.INDICATORS) {
      TableDef t = IndicatorCatalog.publishTable(ind);
      if (!lh.exists(t)) {
        continue;
      }
      Long version = versions == null ? null : versions.get(t.qualifiedName());
      if (versions != null && version == null) {
        continue; // not published by that run
      }
      Dataset<Row> df = version == null ? lh.read(t)
          : lh.spark().read().format("delta").option("versionAsOf", version).load(lh.path(t));
      List<String> columns = Arrays.asList(df.columns());
      boolean releases = columns.contains("release_id") && columns.contains("reference_date");
      for (Row r : df.collectAsList()) {
        Map<String, String> dims = new LinkedHashMap<>();
        ind.dimensions().forEach(d -> dims.put(d, r.getString(r.fieldIndex(d))));
        LocalDate start = r.getDate(r.fieldIndex("period_start")).toLocalDate();
        LocalDate end = r.getDate(r.fieldIndex("period_end")).toLocalDate();
        Double value = r.isNullAt(r.fieldIndex("value")) ? null : r.getDouble(r.fieldIndex("value"));
        Disposition d = Disposition.read(value, r.getString(r.fieldIndex("flag")));
        String release = releases ? r.getString(r.fieldIndex("release_id")) : SINGLE;
        LocalDate ref = releases ? r.getDate(r.fieldIndex("reference_date")).toLocalDate() : end;
        if (!releases) {
          undated.add(out.size());
          latest = end.isAfter(latest) ? end : latest;
        }
        out.add(new Read(new PublishedCell(release, ref, new CellKey(ind.id(), r.getString(r.fieldIndex("measure")),
            start, end, dims), d.shown() ? value : null, d), r.getString(r.fieldIndex("time_period"))));
      }
    }
    for (int i : undated) {
      PublishedCell c = out.get(i).cell();
      out.set(i, new Read(new PublishedCell(c.release(), latest, c.key(), c.value(), c.disposition()),
          out.get(i).timePeriod()));
    }
    return out;
  }
}
