package org.migstat.publish;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.disclosure.Auditor;
import org.migstat.disclosure.Cell;
import org.migstat.disclosure.CellTable;
import org.migstat.disclosure.Finding;
import org.migstat.disclosure.Flag;
import org.migstat.disclosure.Release;
import org.migstat.lakehouse.Lakehouse;

/**
 * The attacker's view of a release: reads publish.* back exactly as a reader would get it (suppressed
 * cells have no value), rebuilds every period's tables with their margins, and asks the auditor, for
 * each suppressed cell, how narrowly linear programming can pin it down.
 */
public final class AuditJob {
  private AuditJob() {}

  public record Result(int periods, int suppressedCells, List<Finding> findings, double seconds) {}

  public static Result audit(Lakehouse lh) {
    long t0 = System.nanoTime();
    // period label -> table id -> cells as published
    TreeMap<String, Map<Publication.Part, List<Cell>>> periods = new TreeMap<>();
    int suppressed = 0;
    for (Publication.Part part : Publication.parts()) {
      var t = IndicatorCatalog.publishTable(part.indicator());
      if (!lh.exists(t)) {
        continue;
      }
      List<String> dims = part.indicator().dimensions();
      for (Row r : lh.read(t).filter(col("measure").equalTo(part.measure())).collectAsList()) {
        Map<String, String> coords = new LinkedHashMap<>();
        dims.forEach(d -> coords.put(d, r.getString(r.fieldIndex(d))));
        String flagCode = r.getString(r.fieldIndex("flag"));
        Flag flag = flagCode == null ? null : Flag.ofCode(flagCode);
        boolean hidden = r.isNullAt(r.fieldIndex("value"));
        suppressed += hidden ? 1 : 0;
        // A reader does not know a hidden value: the auditor only uses published ones.
        long value = hidden ? 0 : Math.round(r.getDouble(r.fieldIndex("value")));
        String period = r.getString(r.fieldIndex("time_period"));
        periods.computeIfAbsent(period, k -> new LinkedHashMap<>()).computeIfAbsent(part, k -> new ArrayList<>())
            .add(new Cell(part.tableId(), coords, value, flag));
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (Map.Entry<String, Map<Publication.Part, List<Cell>>> e : periods.entrySet()) {
      Release.Builder release = Release.builder("audit@" + e.getKey());
      e.getValue().forEach((part, cells) -> release.table(CellTable.asPublished(PublishJob.spec(part), cells)));
      findings.addAll(Auditor.audit(release.build()));
    }
    return new Result(periods.size(), suppressed, findings, (System.nanoTime() - t0) / 1e9);
  }
}
