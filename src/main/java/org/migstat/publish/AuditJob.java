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

  /**
   * @param tables per publish table and measure ({@code indicator.measure}): {cells, suppressed [c]}
   * @param auditRules per table id of ops.disclosure_audit (period suffixes dropped): {primary, other}
   */
  public record Result(int periods, int suppressedCells, List<Finding> findings, double seconds,
                       Map<String, long[]> tables, Map<String, long[]> auditRules) {}

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
      for (Row r : ReleaseLedger.latestRows(lh, part.indicator()).filter(col("measure").equalTo(part.measure()))
          .collectAsList()) {
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
    // the case, border and UNODC tables: rebuilt with their period layout, shares and differencing chains
    Map<String, List<CasePublication.Published>> caseRows = new LinkedHashMap<>();
    Map<String, long[]> tables = new java.util.TreeMap<>();
    for (var ind : IndicatorCatalog.INDICATORS) {
      var t = IndicatorCatalog.publishTable(ind);
      if (!lh.exists(t)) {
        continue;
      }
      boolean mine = CasePublication.INDICATORS.contains(ind.id());
      List<CasePublication.Published> list = new ArrayList<>();
      for (Row r : ReleaseLedger.latestRows(lh, ind).collectAsList()) {
        String measure = r.getString(r.fieldIndex("measure"));
        String flag = r.getString(r.fieldIndex("flag"));
        boolean hidden = flag != null && flag.contains("[c]");
        long[] f = tables.computeIfAbsent(ind.id() + "." + measure, k -> new long[2]);
        f[0]++;
        f[1] += hidden ? 1 : 0;
        if (mine) {
          suppressed += hidden ? 1 : 0;
          Map<String, String> dims = new LinkedHashMap<>();
          ind.dimensions().forEach(d -> dims.put(d, r.getString(r.fieldIndex(d))));
          list.add(new CasePublication.Published(ind.id(), r.getString(r.fieldIndex("time_period")),
              r.getDate(r.fieldIndex("period_start")).toLocalDate(), r.getDate(r.fieldIndex("period_end")).toLocalDate(),
              dims, measure, r.isNullAt(r.fieldIndex("value")) ? null : r.getDouble(r.fieldIndex("value")), flag));
        }
      }
      if (mine) {
        caseRows.put(ind.id(), list);
      }
    }
    List<Release> caseReleases = CasePublication.readerReleases(caseRows);
    for (Release r : caseReleases) {
      findings.addAll(Auditor.audit(r));
    }
    Map<String, long[]> rules = new java.util.TreeMap<>();
    if (lh.exists(PublishJob.DISCLOSURE_AUDIT)) {
      for (Row r : lh.read(PublishJob.DISCLOSURE_AUDIT).select("table_id", "rule").collectAsList()) {
        String id = r.getString(0);
        int cut = id.indexOf('#');
        long[] f = rules.computeIfAbsent(cut >= 0 ? id.substring(0, cut) : id, k -> new long[2]);
        f[r.getString(1).startsWith("primary") ? 0 : 1]++;
      }
    }
    return new Result(periods.size() + caseReleases.size(), suppressed, findings, (System.nanoTime() - t0) / 1e9,
        tables, rules);
  }
}
