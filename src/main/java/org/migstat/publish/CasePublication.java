package org.migstat.publish;

import static org.apache.spark.sql.functions.*;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.migstat.catalog.CaseTables;
import org.migstat.catalog.Dimension;
import org.migstat.catalog.Indicator;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.catalog.TableDef;
import org.migstat.disclosure.AuditEntry;
import org.migstat.disclosure.Auditor;
import org.migstat.disclosure.Cell;
import org.migstat.disclosure.CellKey;
import org.migstat.disclosure.CellRef;
import org.migstat.disclosure.CellTable;
import org.migstat.disclosure.Disposition;
import org.migstat.disclosure.Finding;
import org.migstat.disclosure.Flag;
import org.migstat.disclosure.Hierarchy;
import org.migstat.disclosure.Policy;
import org.migstat.disclosure.PublishedCell;
import org.migstat.disclosure.Ratio;
import org.migstat.disclosure.RatioSpec;
import org.migstat.disclosure.Release;
import org.migstat.disclosure.Suppression;
import org.migstat.disclosure.Suppressor;
import org.migstat.disclosure.TableSpec;

/**
 * What the protection-case, border, source-comparison and UNODC indicators publish, and how their cells
 * are tied together for disclosure control. Pure: gold rows in, tables and releases out; the jobs read and
 * write.
 *
 * <p>Monthly flows ({@link Monthly}) are published for every month, the calendar year and the periods to
 * date, and protected one calendar year at a time with {@link PeriodLayout} (months add up to the year).
 * The case tables of a year form one release: the three breakdowns of cases share their month x citizenship
 * margins (same population), and scam-related cases are an internal split of every case cell (scam-related
 * plus not scam-related = all; the second part is never published), so that neither the difference nor the
 * share can reveal a hidden count. Profiles and outcomes (persons over a year or year to date) are one
 * release per period, each differenced against the shorter period of the same year before it.
 *
 * <p>The year to date at each month end (what the dashboard's case tiles compare with "vs previous month" and,
 * a year earlier, "vs previous year") is published for all case types, by citizenship, with its scam-related
 * part, in the latest two years: a small table per month end, its months and their total, in the release of its
 * year with the months it sums. It is published only where it gives nothing away ({@link #protect}): no other
 * cell is hidden for it. Full tables per month end (every case type, every year) suppressed with the rest made
 * the release's linear programs too slow, and hid months to keep running totals.
 */
public final class CasePublication {
  private CasePublication() {}

  /** Border crossings: event counts under 5 suppressed in every table, with secondary suppression. */
  public static final Policy BORDER = Policy.threshold("border", 5);
  /** Protection cases (disclosure.md): cells under 10 suppressed, margin 10. */
  public static final Policy CASES = Policy.protection();

  static final String PERIOD = "period";
  static final String SPLIT = "scam";

  /**
   * A monthly count published with its year and periods to date.
   *
   * @param group       release group: tables of one group and year are suppressed together
   * @param goldColumns gold column of each catalogue dimension, in dimension order
   * @param split       internal split of every cell (code to gold value expression) with the measure each
   *                    code publishes as ({@code _T}: the cell itself); null: one value column, {@code measure}
   * @param ytdDims     dimensions of the year to date published at every month end of the latest two years (the
   *                    other dimensions at their total); null: no month-end year to date
   */
  record Monthly(String group, Indicator indicator, TableDef gold, List<String> goldColumns, String valueColumn,
                 String measure, Map<String, String> split, Map<String, String> splitMeasures, Policy policy,
                 String population, List<String> ytdDims, boolean annualOnly) {
    String tableId() {
      return split == null ? indicator.id() + "." + measure : indicator.id();
    }

    boolean monthEndYtd() {
      return ytdDims != null;
    }

    List<String> splitCodes() {
      return split == null ? List.of() : List.copyOf(split.keySet());
    }
  }

  static Indicator ind(String id) {
    return IndicatorCatalog.find(id).orElseThrow();
  }

  /** The monthly parts, cases first. */
  static List<Monthly> monthly() {
    Map<String, String> split = new LinkedHashMap<>();
    split.put("scam_related", "scam_related_cases");
    split.put("not_scam_related", "cases - scam_related_cases");
    Map<String, String> splitMeasures = Map.of(Dimension.TOTAL, "cases", "scam_related", "scam_related_cases");
    return List.of(
        new Monthly("cases", ind("cases_by_month"), CaseTables.CASES_BY_MONTH, List.of("citizenship", "case_type"),
            "cases", "cases", split, splitMeasures, CASES, "cases", List.of("citizenship"), false),
        new Monthly("cases", ind("cases_by_sex_age"), CaseTables.CASES_BY_MONTH,
            List.of("citizenship", "sex", "age_group"), "cases", "cases", null, null, CASES, "cases", null, true),
        new Monthly("cases", ind("cases_by_status"), CaseTables.CASES_BY_MONTH,
            List.of("citizenship", "trafficking_status"), "cases", "cases", null, null, CASES, "cases", null, true),
        new Monthly("border", ind("border_crossings"), CaseTables.BORDER_FLOWS, List.of("citizenship"),
            "entries", "entries", null, null, BORDER, "border_entries", null, false),
        new Monthly("border", ind("border_crossings"), CaseTables.BORDER_FLOWS, List.of("citizenship"),
            "exits", "exits", null, null, BORDER, "border_exits", null, false));
  }

  /**
   * Whether a year gets the month-end year to date: the latest year with data (normally the as-of year) and the one
   * before it, so that the tiles can compare with the previous month and with the same month a year earlier.
   */
  static boolean monthEndYtdYear(int year, int latestYear) {
    return year >= latestYear - 1;
  }

  /** Ids of the indicators this class publishes. */
  static final List<String> INDICATORS = List.of("cases_by_month", "cases_by_sex_age", "cases_by_status",
      "case_profile", "case_outcomes", "border_crossings", "source_comparison", "glotip_context");

  // ---- detail rows from gold ------------------------------------------------------------------------

  /** One gold aggregate: period, coordinates in dimension order, and a value per split code (or one). */
  record Detail(LocalDate start, LocalDate end, List<String> coords, long[] values) {}

  /** Summed to the published dimensions; NULL codes become "unknown". */
  static Dataset<Row> detailFrame(Monthly m, Dataset<Row> gold) {
    List<Column> keys = new ArrayList<>(List.of(col("period_start"), col("period_end")));
    for (int i = 0; i < m.goldColumns().size(); i++) {
      keys.add(coalesce(col(m.goldColumns().get(i)).cast("string"), lit("unknown")).as("d" + i));
    }
    List<Column> aggs = new ArrayList<>();
    if (m.split() == null) {
      aggs.add(sum(col(m.valueColumn())).cast("long"));
    } else {
      m.split().values().forEach(e -> aggs.add(sum(expr(e)).cast("long")));
    }
    return gold.groupBy(keys.toArray(Column[]::new))
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
  }

  static List<Detail> details(Monthly m, List<Row> rows) {
    int nd = m.goldColumns().size();
    int nv = m.split() == null ? 1 : m.split().size();
    List<Detail> out = new ArrayList<>();
    for (Row r : rows) {
      List<String> coords = new ArrayList<>();
      for (int i = 0; i < nd; i++) {
        coords.add(r.getString(2 + i));
      }
      long[] v = new long[nv];
      for (int i = 0; i < nv; i++) {
        v[i] = r.isNullAt(2 + nd + i) ? 0 : r.getLong(2 + nd + i);
      }
      out.add(new Detail(r.getDate(0).toLocalDate(), r.getDate(1).toLocalDate(), List.copyOf(coords), v));
    }
    return out;
  }

  // ---- monthly tables of one group and year ----------------------------------------------------------

  /** The published or protected tables of one year of a monthly part, and which period codes each publishes. */
  record YearTable(Monthly part, PeriodLayout.Part layout, CellTable table) {}

  /** The layout of a group's year, from the periods any of its parts has. */
  static List<PeriodLayout.Part> layoutOf(int year, Iterable<LocalDate[]> periods, boolean monthEndYtd,
                                          boolean withRest) {
    Set<YearMonth> full = new TreeSet<>();
    Set<LocalDate> mtd = new TreeSet<>();
    for (LocalDate[] p : periods) {
      if (p[0].getYear() != year) {
        continue;
      }
      if (PeriodLayout.isFullMonth(p[0], p[1])) {
        full.add(YearMonth.from(p[0]));
      } else if (PeriodLayout.isMonthToDate(p[0], p[1])) {
        mtd.add(p[1]);
      }
    }
    return PeriodLayout.layout(year, full, mtd, monthEndYtd, withRest);
  }

  static TableSpec spec(Monthly m, PeriodLayout.Part layout, Map<String, Set<String>> codes, boolean truth) {
    TableSpec.Builder b = TableSpec.builder(m.tableId() + layout.suffix(), m.policy()).population(m.population());
    b.dimension(PERIOD, layout.hierarchy());
    for (String d : m.indicator().dimensions()) {
      Hierarchy h = Hierarchy.flat();
      b.dimension(d, truth ? h.withCodes(List.copyOf(codes.getOrDefault(d, Set.of()))) : h);
    }
    if (m.split() != null && truth) {
      b.dimension(SPLIT, Hierarchy.flat().withCodes(m.splitCodes()));
    }
    return b.build();
  }

  /**
   * True-count tables of one group and year (with the internal rest-of-month tables).
   *
   * @param monthEnds whether this year publishes the year to date at its month ends ({@link #monthEndYtdYear})
   */
  static List<YearTable> trueTables(int year, List<Monthly> parts, Map<Monthly, List<Detail>> details,
                                    boolean monthEnds) {
    List<LocalDate[]> periods = new ArrayList<>();
    Map<String, Set<String>> codes = new HashMap<>();
    boolean monthEndYtd = false;
    for (Monthly m : parts) {
      monthEndYtd |= monthEnds && m.monthEndYtd();
      for (Detail d : details.get(m)) {
        if (d.start().getYear() != year) {
          continue;
        }
        periods.add(new LocalDate[] {d.start(), d.end()});
        for (int i = 0; i < d.coords().size(); i++) {
          codes.computeIfAbsent(m.indicator().dimensions().get(i), k -> new TreeSet<>()).add(d.coords().get(i));
        }
      }
    }
    List<PeriodLayout.Part> layout = layoutOf(year, periods, monthEndYtd, true);
    List<YearTable> out = new ArrayList<>();
    for (Monthly m : parts) {
      Map<String, Map<List<String>, long[]>> byPeriod = new HashMap<>();
      for (Detail d : details.get(m)) {
        if (d.start().getYear() == year) {
          byPeriod.computeIfAbsent(PeriodLayout.code(d.start(), d.end()), k -> new HashMap<>()).put(d.coords(), d.values());
        }
      }
      List<PeriodLayout.Part> partLayout = layout;
      if (m.annualOnly()) {
        partLayout = annualLayout(year, layout, true);
        addAnnual(byPeriod, partLayout, layout);
      }
      for (PeriodLayout.Part lp : partLayout) {
        if (isMonthEndYtd(lp)) {
          if (m.monthEndYtd()) { // by the cases_by_month part only, over its ytdDims
            out.add(new YearTable(m, lp, monthEndYtdTable(m, lp, byPeriod, codes)));
          }
          continue;
        }
        Map<String, Map<List<String>, long[]>> cells = new HashMap<>();
        boolean ok = true;
        for (String child : lp.children()) {
          Map<List<String>, long[]> rows = byPeriod.get(child);
          if (rows == null && lp.internalRest() && child.equals(lp.children().get(1))) {
            rows = rest(byPeriod.get(lp.total()), byPeriod.get(lp.children().get(0)));
            ok = rows != null;
          }
          cells.put(child, rows == null ? Map.of() : rows);
        }
        if (!ok) {
          continue; // a month to date larger than its month somewhere: no consistent rest to protect
        }
        CellTable.Builder b = CellTable.builder(spec(m, lp, codes, true));
        for (Map.Entry<String, Map<List<String>, long[]>> e : cells.entrySet()) {
          for (Map.Entry<List<String>, long[]> r : e.getValue().entrySet()) {
            Map<String, String> c = new LinkedHashMap<>();
            c.put(PERIOD, e.getKey());
            for (int i = 0; i < r.getKey().size(); i++) {
              c.put(m.indicator().dimensions().get(i), r.getKey().get(i));
            }
            if (m.split() == null) {
              b.add(c, r.getValue()[0]);
            } else {
              List<String> sc = m.splitCodes();
              for (int i = 0; i < sc.size(); i++) {
                Map<String, String> cs = new LinkedHashMap<>(c);
                cs.put(SPLIT, sc.get(i));
                b.add(cs, r.getValue()[i]);
              }
            }
          }
        }
        out.add(new YearTable(m, lp, b.detail()));
      }
    }
    return out;
  }

  /**
   * The year to date at a month end, by the part's {@code ytdDims} (its other dimensions at their total only): the
   * months from January and their total, with the internal split. It has every dimension of the part's full table,
   * so its month cells are the full table's cells at those totals (same coordinates and population: the release
   * links them); the months add up to the year to date, and nothing else is new.
   */
  static CellTable monthEndYtdTable(Monthly m, PeriodLayout.Part lp, Map<String, Map<List<String>, long[]>> byPeriod,
                                    Map<String, Set<String>> codes) {
    // summed over the other dimensions in a table of the ytdDims alone, which fills in the zeros and totals
    TableSpec.Builder sb = TableSpec.builder(m.tableId() + lp.suffix(), m.policy()).dimension(PERIOD, lp.hierarchy());
    for (String d : m.ytdDims()) {
      sb.dimension(d, Hierarchy.flat().withCodes(List.copyOf(codes.getOrDefault(d, Set.of()))));
    }
    if (m.split() != null) {
      sb.dimension(SPLIT, Hierarchy.flat().withCodes(m.splitCodes()));
    }
    List<Integer> kept = m.ytdDims().stream().map(d -> m.indicator().dimensions().indexOf(d)).toList();
    Map<List<String>, long[]> sums = new HashMap<>();
    for (String month : lp.children()) {
      for (Map.Entry<List<String>, long[]> e : byPeriod.getOrDefault(month, Map.of()).entrySet()) {
        List<String> key = new ArrayList<>(List.of(month));
        kept.forEach(i -> key.add(e.getKey().get(i)));
        long[] acc = sums.computeIfAbsent(key, k -> new long[e.getValue().length]);
        for (int i = 0; i < acc.length; i++) {
          acc[i] += e.getValue()[i];
        }
      }
    }
    CellTable.Builder b = CellTable.builder(sb.build());
    for (Map.Entry<List<String>, long[]> e : sums.entrySet()) {
      Map<String, String> c = new LinkedHashMap<>();
      c.put(PERIOD, e.getKey().get(0));
      for (int i = 0; i < m.ytdDims().size(); i++) {
        c.put(m.ytdDims().get(i), e.getKey().get(1 + i));
      }
      if (m.split() == null) {
        b.add(c, e.getValue()[0]);
      } else {
        for (int i = 0; i < m.splitCodes().size(); i++) {
          Map<String, String> cs = new LinkedHashMap<>(c);
          cs.put(SPLIT, m.splitCodes().get(i));
          b.add(cs, e.getValue()[i]);
        }
      }
    }
    // the same cells with the other dimensions at their total
    Map<String, Set<String>> ytdCodes = new HashMap<>();
    m.ytdDims().forEach(d -> ytdCodes.put(d, codes.getOrDefault(d, Set.of())));
    TableSpec spec = spec(m, lp, ytdCodes, true);
    List<Cell> cells = new ArrayList<>();
    for (Cell c : b.detail().cells()) {
      Map<String, String> coords = new LinkedHashMap<>();
      for (String d : spec.dimensions()) {
        coords.put(d, c.coordinates().getOrDefault(d, Dimension.TOTAL));
      }
      cells.add(new Cell(spec.id(), coords, c.value(), null));
    }
    return CellTable.asGiven(spec, cells);
  }

  /**
   * For a breakdown published by year and year to date only (no months): the year is the year to date
   * plus the rest of the year (internal, never published: the difference of the two cannot be a small
   * count either). Periods are those of the monthly layout's totals, so the cells link to them.
   */
  static List<PeriodLayout.Part> annualLayout(int year, List<PeriodLayout.Part> monthly, boolean withRest) {
    String yearCode = Integer.toString(year);
    boolean wholeYear = monthly.stream().anyMatch(p -> p.suffix().isEmpty() && p.published().contains(yearCode));
    String ytd = null;
    for (PeriodLayout.Part p : monthly) {
      if (p.suffix().startsWith("#ytd") && !isMonthEndYtd(p)) {
        ytd = p.total(); // the latest year to date ending mid-month
      }
    }
    List<PeriodLayout.Part> out = new ArrayList<>();
    if (wholeYear && ytd != null && withRest) {
      String rest = PeriodLayout.code(PeriodLayout.period(ytd).end().plusDays(1), LocalDate.of(year, 12, 31));
      out.add(new PeriodLayout.Part("#y", yearCode, List.of(ytd, rest), Set.of(yearCode, ytd), false));
    } else {
      List<String> codes = new ArrayList<>();
      if (wholeYear) {
        codes.add(yearCode);
      }
      if (ytd != null) {
        codes.add(ytd);
      }
      if (!codes.isEmpty()) {
        out.add(new PeriodLayout.Part("#y", null, codes, Set.copyOf(codes), false));
      }
    }
    return out;
  }

  /** Adds year, year-to-date and rest-of-year sums of the months to a part's cells by period. */
  private static void addAnnual(Map<String, Map<List<String>, long[]>> byPeriod, List<PeriodLayout.Part> annual,
                                List<PeriodLayout.Part> monthly) {
    for (PeriodLayout.Part a : annual) {
      for (String code : a.codes()) {
        PeriodLayout.Part source = monthly.stream().filter(p -> code.equals(p.total())).findFirst().orElse(null);
        Map<List<String>, long[]> sum = new HashMap<>();
        if (source != null) {
          for (String child : source.children()) {
            byPeriod.getOrDefault(child, Map.of()).forEach((k, v) -> {
              long[] acc = sum.computeIfAbsent(k, x -> new long[v.length]);
              for (int i = 0; i < v.length; i++) {
                acc[i] += v[i];
              }
            });
          }
          byPeriod.put(code, sum);
        }
      }
      if (a.total() != null) { // rest of the year = year - year to date
        Map<List<String>, long[]> rest = rest(byPeriod.get(a.total()), byPeriod.get(a.children().get(0)));
        if (rest != null) {
          byPeriod.put(a.children().get(1), rest);
        }
      }
    }
  }

  static boolean isMonthEndYtd(PeriodLayout.Part lp) {
    if (!lp.suffix().startsWith("#ytd") || lp.total() == null) {
      return false;
    }
    LocalDate end = PeriodLayout.period(lp.total()).end();
    return PeriodLayout.isFullMonth(end.withDayOfMonth(1), end);
  }

  /** Full month minus month to date, per cell; null when negative anywhere. */
  private static Map<List<String>, long[]> rest(Map<List<String>, long[]> full, Map<List<String>, long[]> mtd) {
    if (full == null) {
      return null;
    }
    Map<List<String>, long[]> out = new HashMap<>();
    for (Map.Entry<List<String>, long[]> e : full.entrySet()) {
      long[] part = mtd == null ? null : mtd.get(e.getKey());
      long[] v = e.getValue().clone();
      for (int i = 0; i < v.length; i++) {
        v[i] -= part == null ? 0 : part[i];
        if (v[i] < 0) {
          return null;
        }
      }
      out.put(e.getKey(), v);
    }
    if (mtd != null) {
      for (List<String> k : mtd.keySet()) {
        if (!full.containsKey(k)) {
          return null;
        }
      }
    }
    return out;
  }

  /**
   * Suppresses a group's year. Its tables without the month-end years to date are suppressed as before; then a
   * month-end year to date adds nothing a reader does not already know. Each of its cells is published where the
   * release's published cells determine it exactly (the sum of published months, or the auditor's interval for
   * it is one value, a safe count), and otherwise hidden, the auditor having found it protected; a month end
   * where some cell is neither (narrowed, not exact) publishes no year to date at all. Its months are the
   * full table's cells, linked to them, with their flags. So no cell is hidden for a year to date, and the months
   * and case types publish what they did without it (suppressed together, the engine hid months, small detail
   * cells, to keep running totals). Returns the whole release as published, the audit (a hidden year to date as a
   * secondary cell protecting the hidden months it sums) and what the suppressor could not resolve.
   */
  static Suppression protect(String releaseId, List<YearTable> tables) {
    return protect(releaseId, tables, List.of(), null);
  }

  /**
   * As {@link #protect(String, List)}, with the cells earlier releases published ({@code earlier}, any indicator;
   * those of these tables' indicators are used) fixed in the problem: a cell published before is known, the same
   * cell now is a vintage of it, and a period with the same start and an earlier end contains fewer persons (the
   * difference a reader forms between the year to date of two releases, or a month to date and its month).
   */
  static Suppression protect(String releaseId, List<YearTable> tables, List<PublishedCell> earlier,
                             LocalDate referenceDate) {
    List<YearTable> base = tables.stream().filter(t -> !isMonthEndYtd(t.layout())).toList();
    List<YearTable> ytd = tables.stream().filter(t -> isMonthEndYtd(t.layout())).toList();
    Release.Builder first = Release.builder(releaseId);
    base.forEach(t -> first.table(t.table()));
    scamShares(base).forEach(first::ratio);
    if (!earlier.isEmpty()) {
      history(releaseId, base, earlier, referenceDate).addTo(first);
    }
    Suppression settled = withoutHistory(Suppressor.suppress(first.build()), base);
    if (ytd.isEmpty()) {
      return settled;
    }
    // the months with their flags, a year to date published when its months are (their sum), else hidden:
    // what does a reader know of the hidden ones?
    Release.Builder probe = Release.builder(releaseId);
    settled.published().tables().forEach(probe::table);
    scamShares(base).forEach(probe::ratio);
    List<YearTable> hidden = new ArrayList<>();
    for (YearTable t : ytd) {
      CellTable months = settled.published().table(t.part().tableId());
      CellTable h = t.table().withFlags(c -> {
        if (!t.layout().published().contains(c.coordinates().get(PERIOD))) {
          return months.cell(c.coordinates()).suppressed() ? Flag.CONFIDENTIAL : null;
        }
        Map<String, String> m = new LinkedHashMap<>(c.coordinates());
        for (String month : t.layout().children()) {
          m.put(PERIOD, month);
          if (months.cell(m).suppressed()) {
            return Flag.CONFIDENTIAL;
          }
        }
        return null;
      });
      hidden.add(new YearTable(t.part(), t.layout(), h));
      probe.table(h);
    }
    List<CellRef> hiddenTotals = new ArrayList<>();
    for (YearTable t : hidden) {
      for (Cell c : t.table().cells()) {
        if (c.suppressed() && t.layout().published().contains(c.coordinates().get(PERIOD))) {
          hiddenTotals.add(c.ref());
        }
      }
    }
    Map<CellRef, Finding> narrowed = new HashMap<>();
    for (Finding f : Auditor.auditCells(probe.build(), hiddenTotals)) {
      narrowed.put(CellRef.of(f.table(), f.coordinates()), f);
    }
    Release.Builder out = Release.builder(releaseId);
    settled.published().tables().forEach(out::table);
    List<YearTable> done = new ArrayList<>(base);
    List<AuditEntry> audit = new ArrayList<>(settled.audit());
    for (YearTable t : hidden) {
      List<Cell> months = new ArrayList<>();
      List<Cell> totals = new ArrayList<>();
      List<AuditEntry> hiddenEntries = new ArrayList<>();
      boolean whole = true;
      for (Cell c : t.table().cells()) {
        if (!t.layout().published().contains(c.coordinates().get(PERIOD))) {
          months.add(c);
          continue;
        }
        Finding f = narrowed.get(c.ref());
        if (!c.suppressed()) {
          totals.add(c); // the sum of published months
        } else if (f == null) {
          totals.add(c);
          hiddenEntries.add(new AuditEntry(releaseId, c.tableId(), c.coordinates(), c.value(), "secondary",
              hiddenMonths(t, c)));
        } else if (f.lo() == f.hi() && !t.table().spec().policy().unsafe(c.value())) {
          totals.add(c.withFlag(null));
        } else {
          whole = false;
        }
      }
      if (whole) {
        months.addAll(totals);
        audit.addAll(hiddenEntries);
      }
      CellTable kept = CellTable.asGiven(t.table().spec(), months);
      done.add(new YearTable(t.part(), t.layout(), kept));
      out.table(kept);
    }
    scamShares(done).forEach(out::ratio);
    return new Suppression(out.build(), audit, settled.unresolved());
  }

  /** The earlier releases' cells these tables relate to ({@link #relevantEarlier}), related to the current cells. */
  private static HistoryAudit.Model history(String releaseId, List<YearTable> base, List<PublishedCell> earlier,
                                            LocalDate referenceDate) {
    HistoryAudit.Model m = new HistoryAudit.Model(releaseId);
    LocalDate ref = referenceDate;
    for (YearTable t : base) {
      for (Cell c : t.table().cells()) {
        CellKey k = key(t, c);
        if (k != null) {
          ref = ref == null || k.end().isAfter(ref) ? k.end() : ref;
        }
      }
    }
    relevantEarlier(releaseId, base, earlier).forEach(m::add);
    for (YearTable t : base) {
      for (Cell c : t.table().cells()) {
        CellKey k = key(t, c);
        if (k != null) {
          m.current(k, c.ref(), c.value(), ref);
        }
      }
    }
    m.relate();
    return m;
  }

  /**
   * The earlier releases' cells a group's year is protected with: those of its indicators whose period starts in
   * one of its years (every relation of a case cell — months tiling the year, periods with the same start,
   * vintages — stays within its calendar year, so another year's cells are a separate problem), each set of
   * cells published again unchanged by a later release taken once ({@link HistoryAudit#distinctVintages}). Without
   * both, every year's problem held every release's cells of every year: after a year of monthly releases,
   * twelve copies of each past year, all audited again in each year's problem.
   */
  static List<PublishedCell> relevantEarlier(String releaseId, List<YearTable> base, List<PublishedCell> earlier) {
    Set<String> indicators = new java.util.HashSet<>();
    Set<Integer> years = new java.util.HashSet<>();
    for (YearTable t : base) {
      indicators.add(t.part().indicator().id());
      for (Cell c : t.table().cells()) {
        CellKey k = key(t, c);
        if (k != null) {
          years.add(k.start().getYear());
        }
      }
    }
    List<PublishedCell> relevant = new ArrayList<>();
    for (PublishedCell c : earlier) {
      if (indicators.contains(c.key().indicator()) && years.contains(c.key().start().getYear())
          && !c.release().equals(releaseId)) {
        relevant.add(c);
      }
    }
    return HistoryAudit.distinctVintages(relevant);
  }

  /** The published key of a cell of a layout table; null for internal cells (rest of a period, not scam-related). */
  static CellKey key(YearTable t, Cell c) {
    String code = c.coordinates().get(PERIOD);
    if (!t.layout().published().contains(code)) {
      return null;
    }
    String measure = t.part().measure();
    if (t.part().split() != null) {
      measure = t.part().splitMeasures().get(c.coordinates().get(SPLIT));
      if (measure == null) {
        return null;
      }
    }
    Map<String, String> coords = new LinkedHashMap<>(c.coordinates());
    coords.remove(PERIOD);
    coords.remove(SPLIT);
    PeriodLayout.Period p = PeriodLayout.period(code);
    return new CellKey(t.part().indicator().id(), measure, p.start(), p.end(), coords);
  }

  /** The suppression of the current tables alone (the earlier releases' fixed tables dropped). */
  private static Suppression withoutHistory(Suppression s, List<YearTable> base) {
    Release r = s.published();
    if (r.tables().stream().noneMatch(t -> r.isFixed(t.id()))) {
      return s;
    }
    Release.Builder out = Release.builder(r.id());
    r.tables().stream().filter(t -> !r.isFixed(t.id())).forEach(out::table);
    scamShares(base).forEach(out::ratio);
    return new Suppression(out.build(), s.audit(), s.unresolved());
  }

  /** The hidden months of a year-to-date cell (same coordinates otherwise). */
  private static List<String> hiddenMonths(YearTable t, Cell ytd) {
    List<String> out = new ArrayList<>();
    for (String month : t.layout().children()) {
      Map<String, String> c = new LinkedHashMap<>(ytd.coordinates());
      c.put(PERIOD, month);
      Cell m = t.table().cell(c);
      if (m != null && m.suppressed()) {
        out.add(m.label());
      }
    }
    return out;
  }

  /** The scam-related share of every published case cell (A and B tables), as ratios of the split. */
  static List<RatioSpec> scamShares(List<YearTable> tables) {
    List<RatioSpec> out = new ArrayList<>();
    for (YearTable t : tables) {
      if (t.part().split() == null || t.layout().internalRest()) {
        continue;
      }
      for (Cell c : t.table().cells()) {
        if (!Dimension.TOTAL.equals(c.coordinates().get(SPLIT)) || !t.layout().published().contains(c.coordinates().get(PERIOD))) {
          continue;
        }
        Map<String, String> num = new LinkedHashMap<>(c.coordinates());
        num.put(SPLIT, "scam_related");
        out.add(RatioSpec.percent(shareId(t.table().id(), c.coordinates()), CellRef.of(t.table().id(), num),
            CellRef.of(t.table().id(), c.coordinates())));
      }
    }
    return out;
  }

  static String shareId(String tableId, Map<String, String> coords) {
    return tableId + ".scam_related_share_pct|" + new TreeMap<>(coords);
  }

  // ---- profile and outcomes: one release per period --------------------------------------------------

  static final String PROFILE_TABLE = "case_profile.persons";
  static final String OUTCOMES_TABLE = "case_outcomes.persons";
  static final List<String> STAGES = List.of("reported", "identified", "released", "repatriated", "suspected",
      "prosecuted", "convicted");
  static final Map<String, String> MEDIANS = new LinkedHashMap<>();

  static {
    MEDIANS.put("reported_to_identified", "identified");
    MEDIANS.put("identified_to_released", "released");
    MEDIANS.put("released_to_repatriated", "repatriated");
  }

  static TableSpec profileSpec() {
    return TableSpec.builder(PROFILE_TABLE, CASES).dimension("attribute", Hierarchy.noTotal())
        .dimension("category", Hierarchy.flat().asMultiValued()).build();
  }

  static TableSpec outcomesSpec(boolean truth) {
    Hierarchy scope = truth ? new Hierarchy("all", Map.of(), List.of("scam_related", "not_scam_related"), false)
        : Hierarchy.noTotal();
    return TableSpec.builder(OUTCOMES_TABLE, CASES).dimension("scope", scope)
        .dimension("stage", Hierarchy.noTotal().withCodes(STAGES)).build();
  }

  /** gold.case_profile rows of one period to cells (the online-scam subtype is a category of exploitation). */
  static CellTable profileTable(List<Row> rows) {
    CellTable.Builder b = CellTable.builder(profileSpec());
    Map<String, Long> known = new TreeMap<>();
    Set<String> seen = new java.util.HashSet<>();
    for (Row r : rows) {
      String attribute = r.getAs("attribute");
      String category = r.getAs("value");
      if ("exploitation_subtype".equals(attribute)) {
        attribute = "exploitation_type";
      } else {
        known.put(attribute, ((Number) r.getAs("persons_known")).longValue());
      }
      if (seen.add(attribute + "|" + category)) {
        b.add(Map.of("attribute", attribute, "category", category), ((Number) r.getAs("persons")).longValue());
      }
    }
    known.forEach((a, v) -> b.add(Map.of("attribute", a, "category", Dimension.TOTAL), v));
    return b.asGiven();
  }

  /** gold.case_outcomes rows of one period (scopes all and scam_related) to cells, with the internal complement. */
  static CellTable outcomesTable(List<Row> rows) {
    Map<String, Row> byScope = new HashMap<>();
    rows.forEach(r -> byScope.put(r.getAs("scope"), r));
    Row all = byScope.get("all");
    Row scam = byScope.get("scam_related");
    CellTable.Builder b = CellTable.builder(outcomesSpec(true));
    for (String stage : STAGES) {
      long a = all == null ? 0 : persons(all, stage);
      long s = scam == null ? 0 : persons(scam, stage);
      b.add(Map.of("scope", "scam_related", "stage", stage), s);
      b.add(Map.of("scope", "not_scam_related", "stage", stage), Math.max(0, a - s));
    }
    return b.detail();
  }

  static long persons(Row r, String stage) {
    Object v = r.getAs(stage.equals("reported") ? "persons_reported" : "persons_" + stage);
    return v == null ? 0 : ((Number) v).longValue();
  }

  // ---- UNODC ----------------------------------------------------------------------------------------

  static final Map<String, String> GLOTIP_MEASURES = Map.of("Detected trafficking victims", "detected_victims",
      "Persons prosecuted", "persons_prosecuted", "Persons convicted", "persons_convicted");
  static final Map<String, String> GLOTIP_SEX = Map.of("Total", Dimension.TOTAL, "Female", "F", "Male", "M",
      "Other", "O", "Unknown", "U");

  // ---- reader's view (audit) -------------------------------------------------------------------------

  /** A published row of one of these tables, as read back. */
  record Published(String indicator, String period, LocalDate start, LocalDate end, Map<String, String> dims,
                   String measure, Double value, Disposition disposition) {
    /** From a typed published cell; {@code period} is its time_period label. */
    static Published of(PublishedCell c, String period) {
      return new Published(c.key().indicator(), period, c.key().start(), c.key().end(), c.key().coordinates(),
          c.key().measure(), c.value(), c.disposition());
    }

    /** The ratio flag a reader reads: [c] when withheld, [z] when not applicable, none when shown. */
    Flag ratioFlag() {
      return disposition.hidden() ? Flag.CONFIDENTIAL : value == null ? Flag.NOT_APPLICABLE : null;
    }
  }

  static Cell readerCell(String tableId, Map<String, String> coords, Published p) {
    Flag f = p.disposition().hidden() ? Flag.CONFIDENTIAL : null;
    long v = p.value() == null ? 0 : Math.max(0, Math.round(p.value()));
    return new Cell(tableId, coords, v, f);
  }

  /**
   * The releases a reader can attack: per group and year the monthly tables (A and B layouts, linked, with
   * the published scam shares), and the profile and outcome chains. Rest-of-month cells are not published,
   * so they are not in the reader's view.
   */
  static List<Release> readerReleases(Map<String, List<Published>> rowsByIndicator) {
    List<Release> out = new ArrayList<>();
    // monthly groups
    Map<String, List<Monthly>> groups = new LinkedHashMap<>();
    for (Monthly m : monthly()) {
      groups.computeIfAbsent(m.group(), k -> new ArrayList<>()).add(m);
    }
    for (Map.Entry<String, List<Monthly>> g : groups.entrySet()) {
      // reader tables: one per published measure (the split is not visible), keyed by table id
      record ReaderPart(Monthly m, String measure, String tableId, String population) {}
      List<ReaderPart> rparts = new ArrayList<>();
      for (Monthly m : g.getValue()) {
        if (m.split() == null) {
          rparts.add(new ReaderPart(m, m.measure(), m.tableId(), m.population()));
        } else {
          rparts.add(new ReaderPart(m, "cases", m.indicator().id() + ".cases", m.population()));
          rparts.add(new ReaderPart(m, "scam_related_cases", m.indicator().id() + ".scam_related_cases",
              m.population() + "_scam_related"));
        }
      }
      TreeMap<Integer, List<LocalDate[]>> years = new TreeMap<>();
      for (ReaderPart rp : rparts) {
        for (Published p : rowsByIndicator.getOrDefault(rp.m().indicator().id(), List.of())) {
          years.computeIfAbsent(p.start().getYear(), k -> new ArrayList<>()).add(new LocalDate[] {p.start(), p.end()});
        }
      }
      int latest = years.isEmpty() ? 0 : years.lastKey();
      for (Map.Entry<Integer, List<LocalDate[]>> y : years.entrySet()) {
        boolean monthEndYtd = monthEndYtdYear(y.getKey(), latest) && g.getValue().stream().anyMatch(Monthly::monthEndYtd);
        List<PeriodLayout.Part> layout = layoutOf(y.getKey(), y.getValue(), monthEndYtd, false);
        Release.Builder release = Release.builder("audit:" + g.getKey() + "@" + y.getKey());
        Map<String, CellTable> built = new LinkedHashMap<>();
        for (ReaderPart rp : rparts) {
          Map<String, List<Published>> byPeriod = new HashMap<>();
          for (Published p : rowsByIndicator.getOrDefault(rp.m().indicator().id(), List.of())) {
            if (p.measure().equals(rp.measure()) && p.start().getYear() == y.getKey()) {
              byPeriod.computeIfAbsent(p.period(), k -> new ArrayList<>()).add(p);
            }
          }
          for (PeriodLayout.Part lp : rp.m().annualOnly() ? annualLayout(y.getKey(), layout, false) : layout) {
            if (!rp.m().monthEndYtd() && isMonthEndYtd(lp)) {
              continue;
            }
            TableSpec.Builder sb = TableSpec.builder(rp.tableId() + lp.suffix(), rp.m().policy())
                .population(rp.population()).dimension(PERIOD, lp.hierarchy());
            rp.m().indicator().dimensions().forEach(sb::dimension);
            TableSpec spec = sb.build();
            List<Cell> cells = new ArrayList<>();
            for (String code : lp.codes()) {
              for (Published p : byPeriod.getOrDefault(code, List.of())) {
                Map<String, String> c = new LinkedHashMap<>();
                c.put(PERIOD, code);
                c.putAll(p.dims());
                cells.add(readerCell(spec.id(), c, p));
              }
            }
            if (!cells.isEmpty() && !built.containsKey(spec.id())) {
              CellTable t = CellTable.asPublished(spec, cells);
              built.put(spec.id(), t);
              release.table(t);
            }
          }
        }
        // published scam shares
        for (Published p : rowsByIndicator.getOrDefault("cases_by_month", List.of())) {
          if (!p.measure().equals("scam_related_share_pct") || p.start().getYear() != y.getKey()) {
            continue;
          }
          for (PeriodLayout.Part lp : layout) {
            String den = "cases_by_month.cases" + lp.suffix();
            String num = "cases_by_month.scam_related_cases" + lp.suffix();
            if (!lp.published().contains(p.period()) || !built.containsKey(den) || !built.containsKey(num)) {
              continue;
            }
            Map<String, String> c = new LinkedHashMap<>();
            c.put(PERIOD, p.period());
            c.putAll(p.dims());
            if (built.get(den).cell(c) != null && built.get(num).cell(c) != null) {
              RatioSpec spec = RatioSpec.percent(shareId(den, c), CellRef.of(num, c), CellRef.of(den, c));
              release.publishedRatio(new Ratio(spec, p.value(), p.ratioFlag()));
            }
            break;
          }
        }
        if (!built.isEmpty()) {
          out.add(release.build());
        }
      }
    }
    out.addAll(readerChain(rowsByIndicator.getOrDefault("case_profile", List.of()), "persons", PROFILE_TABLE,
        profileSpec(), "case_profile"));
    out.addAll(readerChain(rowsByIndicator.getOrDefault("case_outcomes", List.of()), "persons", OUTCOMES_TABLE,
        outcomesSpec(false), "case_outcomes"));
    return out;
  }

  /** Releases per period, each differenced against the previous period of the same start (a chain per year). */
  private static List<Release> readerChain(List<Published> rows, String measure, String tableId, TableSpec spec,
                                           String indicator) {
    TreeMap<LocalDate, TreeMap<LocalDate, List<Published>>> byStart = new TreeMap<>();
    for (Published p : rows) {
      if (p.measure().equals(measure) || p.measure().equals("share_pct")) {
        byStart.computeIfAbsent(p.start(), k -> new TreeMap<>()).computeIfAbsent(p.end(), k -> new ArrayList<>()).add(p);
      }
    }
    List<Release> out = new ArrayList<>();
    for (TreeMap<LocalDate, List<Published>> chain : byStart.values()) {
      Release previous = null;
      for (Map.Entry<LocalDate, List<Published>> e : chain.entrySet()) {
        List<Cell> cells = new ArrayList<>();
        List<Published> shares = new ArrayList<>();
        for (Published p : e.getValue()) {
          if (p.measure().equals(measure)) {
            cells.add(readerCell(tableId, p.dims(), p));
          } else {
            shares.add(p);
          }
        }
        CellTable t = CellTable.asPublished(spec, cells);
        Release.Builder b = Release.builder("audit:" + indicator + "@" + e.getValue().get(0).period()).table(t);
        for (Published s : shares) {
          Map<String, String> den = new LinkedHashMap<>(s.dims());
          den.put("category", Dimension.TOTAL);
          if (t.cell(s.dims()) != null && t.cell(den) != null) {
            b.publishedRatio(new Ratio(RatioSpec.percent("case_profile.share_pct|" + s.dims(),
                CellRef.of(tableId, s.dims()), CellRef.of(tableId, den)), s.value(),
                s.disposition().hidden() ? Flag.CONFIDENTIAL : null));
          }
        }
        if (previous != null) {
          b.previous(previous, tableId);
        }
        Release r = b.build();
        out.add(r);
        previous = r;
      }
    }
    return out;
  }
}
