package org.migstat.publish;

import static org.apache.spark.sql.functions.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.migstat.catalog.Indicator;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.catalog.TableDef;
import org.migstat.catalog.Tables;
import org.migstat.disclosure.AuditEntry;
import org.migstat.disclosure.Cell;
import org.migstat.disclosure.CellFrames;
import org.migstat.disclosure.CellRef;
import org.migstat.disclosure.CellTable;
import org.migstat.disclosure.Flag;
import org.migstat.disclosure.Ratio;
import org.migstat.disclosure.RatioSpec;
import org.migstat.disclosure.Release;
import org.migstat.disclosure.Suppression;
import org.migstat.disclosure.Suppressor;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.pipeline.Concurrently;
import org.migstat.pipeline.Progress;

/**
 * Gold to publish.*: the only tables exports and dashboards read. A run publishes one release at a time (a public
 * release of a calendar entry, or an internal view): the periods it shows end on or before its reference date
 * ({@link ReleasePlan#shows}); for every reference period of the release, its tables are protected together —
 * primary suppression by family policy, secondary suppression across every margin and across tables that count the
 * same population, ratios suppressed with their numerator or denominator, an audit row for every hidden cell. A cell
 * whose value differs from the previous public release carries {@code [r]}. The release's rows are added to
 * publish.* under its {@code release_id} (earlier releases' rows are never touched) and a public release is listed
 * in ops.releases. Deterministic: the same gold gives the same cells.
 */
public final class PublishJob {
  private PublishJob() {}

  public static final TableDef DISCLOSURE_AUDIT = new TableDef("ops", "disclosure_audit",
      "Every cell suppressed in the latest release: rule, true value and the cells a secondary suppression protects. "
          + "Holds unpublished values: restricted. Replaced whole by each publish.",
      CellFrames.AUDIT_DDL, List.of());

  /** Published, primary- and secondary-suppressed (withheld included) cell counts of one table. */
  public record TableFigures(long published, long primary, long secondary) {
    static TableFigures of(EnumMap<Disposition, Long> m) {
      return new TableFigures(m.getOrDefault(Disposition.PUBLISHED, 0L), m.getOrDefault(Disposition.PRIMARY, 0L),
          m.getOrDefault(Disposition.SECONDARY, 0L) + m.getOrDefault(Disposition.WITHHELD, 0L));
    }
  }

  public record Result(ReleasePlan plan, Map<String, TableFigures> tables, int unresolved, long cells,
                       long revisedCells, double seconds) {}

  public static List<TableDef> tables() {
    List<TableDef> t = new ArrayList<>();
    IndicatorCatalog.INDICATORS.forEach(i -> t.add(IndicatorCatalog.publishTable(i)));
    t.add(DISCLOSURE_AUDIT);
    t.add(ProtectedPeriods.TABLE);
    t.add(Tables.RELEASES);
    return t;
  }

  public static Result publish(Lakehouse lh, ReleasePlan plan, Progress progress) {
    long t0 = System.nanoTime();
    lh.ensure(tables());
    Map<String, Long> inputVersions = lh.versions(Tables.ALL.stream().filter(t -> t.layer().equals("gold")).toList());
    progress.say("publish", "%s release %s (reference date %s)", plan.internal() ? "internal" : "public",
        plan.releaseId(), plan.referenceDate());
    ReleaseSink sink = new ReleaseSink(plan);
    // The earlier public releases' rows, one query per publish table: every cell enters this release's problems fixed,
    // and the previous release's rows are what [r] compares with and what an unchanged period republishes.
    Map<String, List<PublishedRow>> previous = new LinkedHashMap<>();
    sink.earlier = earlier(lh, plan, previous);
    int unresolved = residence(lh, sink, previous, progress);
    long tCases = System.nanoTime();
    if (!"false".equals(System.getProperty("migstat.publish.cases", System.getenv().getOrDefault("MIGSTAT_PUBLISH_CASES", "true")))) {
      unresolved += CaseRelease.publish(lh, sink, progress);
    }
    progress.say("publish", "cases, border, source comparison and UNODC tables in %.1f s", (System.nanoTime() - tCases) / 1e9);

    // ---- revisions against the previous public release -----------------------------------------------
    Map<String, List<PublishedRow>> rows = sink.rows();
    long[] revised = new long[1];
    previous.forEach((id, before) -> {
      List<PublishedRow> flagged = Revisions.flag(rows.get(id), before);
      revised[0] += Revisions.count(flagged);
      rows.put(id, flagged);
    });

    // ---- write: this release's rows only ----------------------------------------------------------------
    Concurrently.forEach(IndicatorCatalog.INDICATORS, ind -> write(lh, ind, plan, rows.get(ind.id())));
    CellFrames.auditRows(lh.spark(), sink.audit).coalesce(1).write().format("delta").mode("overwrite")
        .save(lh.path(DISCLOSURE_AUDIT));
    long cells = rows.values().stream().mapToLong(List::size).sum();
    if (!plan.internal()) {
      Map<String, Long> outputVersions = new LinkedHashMap<>();
      IndicatorCatalog.INDICATORS.forEach(ind -> {
        TableDef t = IndicatorCatalog.publishTable(ind);
        outputVersions.put(t.qualifiedName(), lh.version(t));
      });
      ReleaseLedger.append(lh, new ReleaseRecord(plan.releaseId(), plan.referenceDate(), Instant.now(), plan.runId(),
          dataCutoff(lh), plan.calendarEntry(), plan.previous().map(ReleaseRecord::releaseId).orElse(null),
          inputVersions, outputVersions, cells, revised[0]));
    }
    Map<String, TableFigures> result = new LinkedHashMap<>();
    sink.figures().forEach((k, v) -> result.put(k, TableFigures.of(v)));
    double seconds = (System.nanoTime() - t0) / 1e9;
    progress.say("publish", "release %s: %d cells, %d suppressed (%d unprotectable, their tables withheld), %d revised "
            + "since %s, in %.1f s", plan.releaseId(), cells, sink.audit.size(), unresolved, revised[0],
        plan.previous().map(ReleaseRecord::releaseId).orElse("(no earlier release)"), seconds);
    return new Result(plan, result, unresolved, cells, revised[0], seconds);
  }

  /**
   * Every cell of the public releases already out before this one, as a reader downloaded them (the publish rows
   * they carry under their release_id; internal views are not public and are not read); and into {@code previous},
   * per indicator id, the rows of the latest of them (nothing without an earlier release). One read of each publish
   * table serves both: reading them twice cost a second pass of as many queries (about 7 s of the benchmark's daily
   * run).
   */
  static List<org.migstat.disclosure.PublishedCell> earlier(Lakehouse lh, ReleasePlan plan,
                                                            Map<String, List<PublishedRow>> previous) {
    Set<String> ids = new java.util.HashSet<>();
    plan.earlier().forEach(r -> ids.add(r.releaseId()));
    if (ids.isEmpty()) {
      return List.of();
    }
    String latest = plan.previous().get().releaseId();
    List<Indicator> inds = IndicatorCatalog.INDICATORS;
    List<List<Row>> rows = Concurrently.map(inds, ind -> PublishedRows.releaseRows(lh, ind, ids));
    List<org.migstat.disclosure.PublishedCell> cells = new ArrayList<>();
    for (int i = 0; i < inds.size(); i++) {
      Indicator ind = inds.get(i);
      List<PublishedRow> before = new ArrayList<>();
      for (Row r : rows.get(i)) {
        cells.add(PublishedRows.typed(ind, r, true).cell());
        if (latest.equals(r.getString(r.fieldIndex("release_id")))) {
          before.add(PublishedRow.of(ind, r));
        }
      }
      previous.put(ind.id(), before);
    }
    return cells;
  }

  /** Adds (or, for an internal view, replaces) the release's rows; other releases' rows stay as they are. */
  private static void write(Lakehouse lh, Indicator ind, ReleasePlan plan, List<PublishedRow> rows) {
    TableDef t = IndicatorCatalog.publishTable(ind);
    if (rows.isEmpty() && !plan.internal()) {
      return; // nothing of this indicator in the release: no empty commit
    }
    var df = lh.spark().createDataFrame(rows.stream().map(r -> r.toRow(ind)).toList(), t.schema()).coalesce(1);
    boolean versioned = Set.of(lh.read(t).columns()).contains("release_id");
    if (versioned) {
      df.write().format("delta").mode("overwrite")
          .option("replaceWhere", "release_id = '" + plan.releaseId().replace("'", "''") + "'")
          .save(lh.path(t));
    } else { // a publish table from before releases were kept: its rows belong to no release
      df.write().format("delta").mode("overwrite").option("overwriteSchema", "true").save(lh.path(t));
    }
  }

  /** The extract date of the newest extract file ingested so far. */
  public static LocalDate dataCutoff(Lakehouse lh) {
    if (!lh.exists(Tables.INGESTED_FILES)) {
      return null;
    }
    Row r = lh.read(Tables.INGESTED_FILES).filter(col("status").equalTo("ingested"))
        .agg(max(col("extract_date"))).first();
    return r.isNullAt(0) ? null : r.getDate(0).toLocalDate();
  }

  // ---- residence and permits: every reference period its own release ------------------------------

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

  /** A period protected by this release ({@code suppression}), or published again as the previous one did. */
  private record PeriodRelease(Period period, Map<String, Publication.Part> partById, Suppression suppression,
                               String fingerprint, ProtectedPeriods.Decision reused) {}

  private static int residence(Lakehouse lh, ReleaseSink sink, Map<String, List<PublishedRow>> previousRelease,
                               Progress progress) {
    List<Publication.Part> parts = Publication.parts();
    TreeMap<Period, Map<Publication.Part, List<Row>>> byPeriod = new TreeMap<>();
    // Each part is a small query of its own gold table: read several at once.
    List<List<Row>> details = Concurrently.map(parts, part -> Publication.detail(part, lh.read(part.gold())).collectAsList());
    for (int pi = 0; pi < parts.size(); pi++) {
      Publication.Part part = parts.get(pi);
      for (Row r : details.get(pi)) {
        Period p = new Period(r.getDate(0).toLocalDate(), r.getDate(1).toLocalDate());
        if (sink.shows(p.start(), p.end())) {
          byPeriod.computeIfAbsent(p, k -> new LinkedHashMap<>()).computeIfAbsent(part, k -> new ArrayList<>()).add(r);
        }
      }
    }
    // A period the previous public release showed, with the same gold cells: published again as it was (issue 13:
    // only the periods whose gold changed are protected again). The decisions and rows of that release are read once.
    Map<Period, String> fingerprints = new HashMap<>();
    byPeriod.forEach((p, cells) -> fingerprints.put(p, ProtectedPeriods.fingerprint(cells)));
    Map<List<LocalDate>, ProtectedPeriods.Decision> previous = sink.plan.previous()
        .map(prev -> ProtectedPeriods.of(lh, prev.releaseId())).orElse(Map.of());
    Map<Period, ProtectedPeriods.Decision> reuse = new HashMap<>();
    byPeriod.keySet().forEach(p -> ProtectedPeriods.reusable(previous, p.start(), p.end(), fingerprints.get(p))
        .ifPresent(d -> reuse.put(p, d))); // the previous release recorded exactly the periods it showed
    Map<List<LocalDate>, List<PublishedRow>> previousRows = new HashMap<>();
    parts.stream().map(part -> part.indicator().id()).distinct()
        .forEach(id -> previousRelease.getOrDefault(id, List.of()).forEach(r -> previousRows
            .computeIfAbsent(List.of(r.periodStart(), r.periodEnd()), k -> new ArrayList<>()).add(r)));
    // The earlier cells a period's problem can use share its start (ResidenceRelease.relevantVintages): grouped once,
    // not filtered out of every earlier release's cells again for each period.
    Map<LocalDate, List<org.migstat.disclosure.PublishedCell>> earlierByStart = new HashMap<>();
    sink.earlier.forEach(c -> earlierByStart.computeIfAbsent(c.key().start(), k -> new ArrayList<>()).add(c));
    progress.say("publish", "residence and permits: %d periods to protect%s", byPeriod.size() - reuse.size(),
        reuse.isEmpty() ? "" : String.format(", %d more as release %s published them (their gold did not change)",
            reuse.size(), sink.plan.previous().get().releaseId()));
    // Each period is protected on its own (pure CPU, a core each), assembled in order.
    List<PeriodRelease> protectedPeriods = Concurrently.map(List.copyOf(byPeriod.entrySet()), e -> {
      Period period = e.getKey();
      if (reuse.containsKey(period)) {
        return new PeriodRelease(period, Map.of(), null, fingerprints.get(period), reuse.get(period));
      }
      Release.Builder release = Release.builder(sink.tag() + "@" + period.start() + ".." + period.end());
      Map<String, Publication.Part> partById = new LinkedHashMap<>();
      for (Map.Entry<Publication.Part, List<Row>> pe : e.getValue().entrySet()) {
        Publication.Part part = pe.getKey();
        List<String> dims = part.indicator().dimensions();
        CellTable.Builder cells = CellTable.builder(Publication.spec(part));
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
          ResidenceRelease.protect(release.build(), period.start(), period.end(), sink.plan.referenceDate(),
              earlierByStart.getOrDefault(period.start(), List.of())),
          fingerprints.get(period), null);
    });
    int unresolved = 0;
    List<ProtectedPeriods.Decision> decisions = new ArrayList<>();
    for (PeriodRelease pr : protectedPeriods) {
      Period period = pr.period();
      if (pr.reused() != null) {
        unresolved += pr.reused().unresolved();
        republish(sink, pr.reused(), previousRows.getOrDefault(List.of(period.start(), period.end()), List.of()));
        decisions.add(pr.reused());
        continue;
      }
      Suppression s = pr.suppression();
      unresolved += s.unresolved().size();
      sink.audit.addAll(s.audit());
      Map<CellRef, Disposition> hidden = new HashMap<>();
      s.audit().forEach(a -> hidden.put(CellRef.of(a.tableId(), a.coordinates()), Disposition.ofRule(a.rule())));
      // Tables the suppressor could not protect (tiny counts) are withheld whole: every cell [c].
      Set<String> withheld = new TreeSet<>();
      s.unresolved().forEach(f -> withheld.add(f.table()));
      if (!withheld.isEmpty()) {
        progress.say("publish", "%s: withholding %s whole (%d cells could not be protected)", period.end(), withheld,
            s.unresolved().size());
      }
      decisions.add(new ProtectedPeriods.Decision(period.start(), period.end(), pr.fingerprint(), List.copyOf(withheld),
          s.unresolved().size(), s.audit()));
      for (CellTable t : s.published().tables()) {
        Publication.Part part = pr.partById().get(t.id());
        boolean whole = withheld.contains(t.id());
        for (Cell c : t.cells()) {
          Disposition d = c.suppressed() ? hidden.getOrDefault(c.ref(), Disposition.SECONDARY)
              : whole ? Disposition.WITHHELD : Disposition.PUBLISHED;
          Long v = d.hidden() ? null : t.publishedValue(c);
          sink.add(part.indicator(), period.label(part.indicator().kind()), period.start(), period.end(),
              c.coordinates(), part.measure(), v == null ? null : v.doubleValue(),
              d.hidden() ? Flag.CONFIDENTIAL.code() : c.flag() == null ? null : c.flag().code(), d);
        }
      }
      for (Ratio r : s.published().ratios()) {
        String id = r.spec().id();
        String measure = id.substring(id.indexOf('.') + 1, id.indexOf('|'));
        Publication.Part den = pr.partById().get(r.spec().denominator().tableId());
        boolean hide = r.flag() == Flag.CONFIDENTIAL || withheld.contains(den.tableId());
        sink.add(den.indicator(), period.label(den.indicator().kind()), period.start(), period.end(),
            r.spec().denominator().coordinates(), measure, hide ? null : r.value(),
            hide ? Flag.CONFIDENTIAL.code() : r.flag() == null ? null : r.flag().code(),
            hide ? Disposition.SECONDARY : Disposition.PUBLISHED);
      }
    }
    if (!sink.plan.internal()) {
      ProtectedPeriods.write(lh, sink.plan.releaseId(), decisions);
    }
    return unresolved;
  }

  /**
   * A period published again as the previous release published it: its rows (values and flags, without that
   * release's revision marks), its audit rows, and the same dispositions as the protection that decided them.
   */
  private static void republish(ReleaseSink sink, ProtectedPeriods.Decision d, List<PublishedRow> rows) {
    Map<CellRef, String> rules = new HashMap<>();
    for (AuditEntry a : d.audit()) {
      AuditEntry again = new AuditEntry(sink.tag() + "@" + d.start() + ".." + d.end(), a.tableId(), a.coordinates(),
          a.value(), a.rule(), a.protects());
      sink.audit.add(again);
      rules.put(CellRef.of(a.tableId(), a.coordinates()), a.rule());
    }
    Set<String> ratios = Publication.RATIOS.keySet();
    for (PublishedRow r : rows) {
      Indicator ind = IndicatorCatalog.find(r.indicator()).orElseThrow();
      String table = Publication.tableId(ind, r.measure());
      String flag = ProtectedPeriods.unrevised(r.flag());
      boolean hidden = flag != null && flag.contains(Flag.CONFIDENTIAL.code());
      Disposition disposition;
      if (ratios.contains(ind.id() + "." + r.measure())) {
        disposition = hidden ? Disposition.SECONDARY : Disposition.PUBLISHED;
      } else if (d.withheld().contains(table) && !rules.containsKey(CellRef.of(table, r.dims()))) {
        disposition = Disposition.WITHHELD;
      } else {
        disposition = hidden ? Disposition.ofRule(rules.getOrDefault(CellRef.of(table, r.dims()), "secondary"))
            : Disposition.PUBLISHED;
      }
      sink.add(ind, r.timePeriod(), r.periodStart(), r.periodEnd(), r.dims(), r.measure(), r.value(), flag,
          disposition);
    }
  }
}
