package org.migstat.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.migstat.disclosure.Auditor;
import org.migstat.disclosure.Finding;
import org.migstat.disclosure.PublishedCell;
import org.migstat.disclosure.Release;
import org.migstat.lakehouse.Lakehouse;

/**
 * The outside attacker of the whole release history: reads publish.* back exactly as a reader downloads it
 * (suppressed cells have no value), every release the tables hold, and attacks it with every relation the catalogue
 * declares ({@link HistoryAudit}: margins, identities, shares, the same number in two tables, periods, nested periods
 * and vintages across releases). The case tables are also rebuilt per release with their period layout and shares
 * ({@link CasePublication#readerReleases}).
 */
public final class AuditJob {
  private AuditJob() {}

  /**
   * @param periods    releases x periods attacked
   * @param releases   releases in the files
   * @param tables     per publish table and measure ({@code indicator.measure}): {cells, suppressed [c]}
   * @param auditRules per table id of ops.disclosure_audit (period suffixes dropped): {primary, other}
   */
  public record Result(int periods, int suppressedCells, List<Finding> findings, double seconds,
                       Map<String, long[]> tables, Map<String, long[]> auditRules, int releases) {}

  public static Result audit(Lakehouse lh) {
    long t0 = System.nanoTime();
    List<PublishedRows.Read> rows = PublishedRows.read(lh);
    List<PublishedCell> cells = new ArrayList<>();
    Map<String, long[]> tables = new TreeMap<>();
    Set<String> periods = new TreeSet<>();
    Set<String> releases = new TreeSet<>();
    int suppressed = 0;
    // per release, the case rows in the shape of the case layout
    Map<String, Map<String, List<CasePublication.Published>>> caseRows = new LinkedHashMap<>();
    for (PublishedRows.Read r : rows) {
      PublishedCell c = r.cell();
      cells.add(c);
      boolean hidden = c.disposition().hidden();
      long[] f = tables.computeIfAbsent(c.key().indicator() + "." + c.key().measure(), k -> new long[2]);
      f[0]++;
      f[1] += hidden ? 1 : 0;
      suppressed += hidden ? 1 : 0;
      periods.add(c.release() + "@" + c.key().period());
      releases.add(c.release());
      if (CasePublication.INDICATORS.contains(c.key().indicator())) {
        caseRows.computeIfAbsent(c.release(), k -> new LinkedHashMap<>())
            .computeIfAbsent(c.key().indicator(), k -> new ArrayList<>())
            .add(CasePublication.Published.of(c, r.timePeriod()));
      }
    }
    List<Finding> findings = new ArrayList<>(HistoryAudit.audit(cells));
    for (Map<String, List<CasePublication.Published>> release : caseRows.values()) {
      for (Release r : CasePublication.readerReleases(release)) {
        findings.addAll(Auditor.audit(r));
      }
    }
    Map<String, long[]> rules = new TreeMap<>();
    if (lh.exists(PublishJob.DISCLOSURE_AUDIT)) {
      for (Row r : lh.read(PublishJob.DISCLOSURE_AUDIT).select("table_id", "rule").collectAsList()) {
        String id = r.getString(0);
        int cut = id.indexOf('#');
        long[] f = rules.computeIfAbsent(cut >= 0 ? id.substring(0, cut) : id, k -> new long[2]);
        f[r.getString(1).startsWith("primary") ? 0 : 1]++;
      }
    }
    return new Result(periods.size(), suppressed, findings, (System.nanoTime() - t0) / 1e9, tables, rules,
        releases.size());
  }
}
