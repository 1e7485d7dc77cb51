package org.migstat.publish;

import static org.apache.spark.sql.functions.*;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.migstat.catalog.Indicator;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.catalog.TableDef;
import org.migstat.disclosure.AuditEntry;
import org.migstat.disclosure.Cell;
import org.migstat.disclosure.CellFrames;
import org.migstat.disclosure.CellRef;
import org.migstat.disclosure.CellTable;
import org.migstat.disclosure.Ratio;
import org.migstat.disclosure.RatioSpec;
import org.migstat.disclosure.Release;
import org.migstat.disclosure.Suppression;
import org.migstat.disclosure.Suppressor;
import org.migstat.disclosure.TableSpec;
import org.migstat.indicators.Definitions;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.pipeline.Concurrently;
import org.migstat.pipeline.Progress;

/**
 * Gold to publish.*: the only tables exports and dashboards read. For every reference period, the
 * tables of that period form one release: primary suppression by family policy, secondary
 * suppression across every margin and across tables that count the same population, ratios
 * suppressed with their numerator or denominator, and an audit row for every hidden cell.
 * Deterministic: the same gold gives the same cells.
 */
public final class PublishJob {
  private PublishJob() {}

  public static final TableDef DISCLOSURE_AUDIT = new TableDef("ops", "disclosure_audit",
      "Every cell suppressed in the latest release: rule, true value and the cells a secondary suppression protects. "
          + "Holds unpublished values: restricted. Replaced whole by each publish.",
      CellFrames.AUDIT_DDL, List.of());

  /** Published, primary- and secondary-suppressed cell counts of one table. */
  public record TableFigures(long published, long primary, long secondary) {}

  public record Result(Map<String, TableFigures> tables, int unresolved, double seconds) {}

  public static List<TableDef> tables() {
    List<TableDef> t = new ArrayList<>();
    IndicatorCatalog.INDICATORS.forEach(i -> t.add(IndicatorCatalog.publishTable(i)));
    t.add(DISCLOSURE_AUDIT);
    return t;
  }

  private record Period(LocalDate start, LocalDate end) implements Comparable<Period> {
    @Override
    public int compareTo(Period o) {
      int c = end.compareTo(o.end);
      return c != 0 ? c : start.compareTo(o.start);
    }

    String label(Indicator.Kind kind) {
      if (kind == Indicator.Kind.STOCK) {
        return end.toString();
      }
      return start.getDayOfMonth() == 1 && end.equals(start.withDayOfMonth(start.lengthOfMonth()))
          ? start.toString().substring(0, 7) : start + ".." + end;
    }
  }

  private record PeriodRelease(Period period, Map<String, Publication.Part> partById, Suppression suppression) {}

  public static Result publish(Lakehouse lh, String runId, Progress progress) {
    long t0 = System.nanoTime();
    lh.ensure(tables());
    List<Publication.Part> parts = Publication.parts();
    // period -> part -> detail cells
    TreeMap<Period, Map<Publication.Part, List<Row>>> byPeriod = new TreeMap<>();
    // Each part is a small query of its own gold table: read several at once.
    List<List<Row>> details = Concurrently.map(parts, part -> Publication.detail(part, lh.read(part.gold())).collectAsList());
    for (int pi = 0; pi < parts.size(); pi++) {
      Publication.Part part = parts.get(pi);
      for (Row r : details.get(pi)) {
        Period p = new Period(r.getDate(0).toLocalDate(), r.getDate(1).toLocalDate());
        byPeriod.computeIfAbsent(p, k -> new LinkedHashMap<>()).computeIfAbsent(part, k -> new ArrayList<>()).add(r);
      }
    }
    Map<String, List<Row>> out = new LinkedHashMap<>();
    IndicatorCatalog.INDICATORS.forEach(i -> out.put(i.id(), new ArrayList<>()));
    List<AuditEntry> audit = new ArrayList<>();
    Map<String, long[]> figures = new TreeMap<>();
    int unresolved = 0;
    // Each period is its own release: protected independently (pure CPU, a core each), assembled in order.
    List<PeriodRelease> protectedPeriods = Concurrently.map(List.copyOf(byPeriod.entrySet()), e -> {
      Period period = e.getKey();
      Release.Builder release = Release.builder(runId + "@" + period.start() + ".." + period.end());
      Map<String, Publication.Part> partById = new LinkedHashMap<>();
      for (Map.Entry<Publication.Part, List<Row>> pe : e.getValue().entrySet()) {
        Publication.Part part = pe.getKey();
        List<String> dims = part.indicator().dimensions();
        CellTable.Builder cells = CellTable.builder(spec(part));
        for (Row r : pe.getValue()) {
          Map<String, String> coords = new LinkedHashMap<>();
          for (int i = 0; i < dims.size(); i++) {
            coords.put(dims.get(i), r.isNullAt(2 + i) ? "unknown" : r.getString(2 + i));
          }
          cells.add(coords, r.getLong(2 + dims.size()));
        }
        release.table(cells.detail());
        partById.put(part.tableId(), part);
      }
      for (Map.Entry<String, String[]> ratio : Publication.RATIOS.entrySet()) {
        String indicator = ratio.getKey().substring(0, ratio.getKey().indexOf('.'));
        String num = indicator + "." + ratio.getValue()[0];
        String den = indicator + "." + ratio.getValue()[1];
        if (partById.containsKey(num) && partById.containsKey(den)) {
          Release draft = release.build();
          for (Cell c : draft.table(den).cells()) {
            release.ratio(RatioSpec.percent(ratio.getKey() + "|" + c.coordinates(), CellRef.of(num, c.coordinates()),
                CellRef.of(den, c.coordinates())));
          }
        }
      }
      // one linked problem with the catalogue's relations; earlier releases' cells of the period enter fixed
      // (the release model passes them: ResidenceRelease.cells of the releases already out)
      return new PeriodRelease(period, partById,
          ResidenceRelease.protect(release.build(), period.start(), period.end(), period.end(), List.of()));
    });
    for (PeriodRelease pr : protectedPeriods) {
      Period period = pr.period();
      Map<String, Publication.Part> partById = pr.partById();
      Suppression s = pr.suppression();
      unresolved += s.unresolved().size();
      audit.addAll(s.audit());
      // Tables the suppressor could not protect (tiny counts) are withheld whole: every cell [c].
      java.util.Set<String> withheld = new java.util.TreeSet<>();
      s.unresolved().forEach(f -> withheld.add(f.table()));
      if (!withheld.isEmpty()) {
        progress.say("publish", "%s: withholding %s whole (%d cells could not be protected)", period.end(), withheld,
            s.unresolved().size());
      }
      for (CellTable published : s.published().tables()) {
        CellTable t = withheld.contains(published.id())
            ? published.withFlags(c -> org.migstat.disclosure.Flag.CONFIDENTIAL) : published;
        Publication.Part part = partById.get(t.id());
        long[] f = figures.computeIfAbsent(t.id(), k -> new long[3]);
        for (Cell c : t.cells()) {
          Long v = t.publishedValue(c);
          out.get(part.indicator().id()).add(row(part.indicator(), period, c.coordinates(), part.measure(),
              v == null ? null : v.doubleValue(), c.flag() == null ? null : c.flag().code(), runId));
          f[c.suppressed() ? 1 : 0]++;
        }
      }
      for (AuditEntry a : s.audit()) {
        if (!a.primary()) {
          figures.get(a.tableId())[2]++;
          figures.get(a.tableId())[1]--;
        }
      }
      for (Ratio r : s.published().ratios()) {
        String id = r.spec().id();
        String measure = id.substring(id.indexOf('.') + 1, id.indexOf('|'));
        Publication.Part den = partById.get(r.spec().denominator().tableId());
        out.get(den.indicator().id()).add(row(den.indicator(), period, r.spec().denominator().coordinates(), measure,
            r.value(), r.flag() == null ? null : r.flag().code(), runId));
      }
    }
    long tCases = System.nanoTime();
    CaseRelease.Sink sink = new CaseRelease.Sink(out, audit, figures, runId);
    if (!"false".equals(System.getProperty("migstat.publish.cases", System.getenv().getOrDefault("MIGSTAT_PUBLISH_CASES", "true")))) {
      CaseRelease.publish(lh, sink, progress);
    }
    progress.say("publish", "cases, border, source comparison and UNODC tables in %.1f s", (System.nanoTime() - tCases) / 1e9);
    Concurrently.forEach(IndicatorCatalog.INDICATORS, ind -> {
      TableDef t = IndicatorCatalog.publishTable(ind);
      if (out.get(ind.id()).isEmpty() && lh.version(t) == 0) {
        return; // nothing to publish and nothing ever published: no empty commit
      }
      lh.spark().createDataFrame(out.get(ind.id()), t.schema()).coalesce(1)
          .write().format("delta").mode("overwrite").save(lh.path(t));
    });
    CellFrames.auditRows(lh.spark(), audit).coalesce(1).write().format("delta").mode("overwrite")
        .save(lh.path(DISCLOSURE_AUDIT));
    Map<String, TableFigures> result = new LinkedHashMap<>();
    figures.forEach((k, v) -> result.put(k, new TableFigures(v[0], v[1], v[2])));
    double seconds = (System.nanoTime() - t0) / 1e9;
    progress.say("publish", "%d periods, %d tables, %d cells suppressed (%d unprotectable, their tables withheld) in %.1f s", byPeriod.size(),
        result.size(), audit.size(), unresolved, seconds);
    return new Result(result, unresolved, seconds);
  }

  /** The disclosure engine's view of a published part. */
  static TableSpec spec(Publication.Part part) {
    TableSpec.Builder spec = TableSpec.builder(part.tableId(), part.policy()).population(part.population());
    part.indicator().dimensions().forEach(spec::dimension);
    return spec.build();
  }

  private static Row row(Indicator ind, Period p, Map<String, String> coords, String measure, Double value, String flag,
                         String runId) {
    Object[] v = new Object[4 + ind.dimensions().size() + 5];
    int i = 0;
    v[i++] = ind.id();
    v[i++] = p.label(ind.kind());
    v[i++] = Date.valueOf(p.start());
    v[i++] = Date.valueOf(p.end());
    for (String d : ind.dimensions()) {
      v[i++] = coords.get(d);
    }
    v[i++] = measure;
    v[i++] = value;
    v[i++] = flag;
    v[i++] = Definitions.VERSION;
    v[i] = runId;
    return RowFactory.create(v);
  }
}
