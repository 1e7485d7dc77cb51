package org.migstat.export;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.migstat.catalog.Dimension;
import org.migstat.catalog.Indicator;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.catalog.RelationCatalog;
import org.migstat.catalog.Text;

/**
 * The headline tiles: named published cells looked up by indicator id, measure and dimension codes, with the
 * published cells a month and a year earlier. A tile never computes a figure from hidden cells: when its cell
 * is missing it says {@code [x]}; a change is given only when both cells are published numbers.
 */
public final class Headlines {
  private Headlines() {}

  /** How a tile picks its period. */
  public enum Rule {
    /** the stock on the as-of date itself */
    STOCK_AS_OF,
    /**
     * a published year-to-date period: from 1 January of the as-of year to the as-of date, or to the previous
     * month's end when the year to date on the as-of date is hidden (its month to date can be, when small)
     */
    YEAR_TO_DATE,
    /** year to date when published, else the latest published period ending on or before the as-of date */
    YEAR_TO_DATE_OR_LATEST
  }

  /**
   * Where a tile may find its cell.
   *
   * @param measure  regex on the measure name; null = the indicator's headline (first) measure
   * @param dims     dimension → regex its code must match; key {@code *}: some dimension's code matches
   * @param free     regex on dimension names that may hold any code (e.g. the "attribute" of a profile table);
   *                 every other dimension must be the total {@code _T}
   */
  public record Candidate(String indicator, String measure, Map<String, String> dims, String free) {}

  /**
   * A tile: its key, heading, period rule and where to find its cell.
   *
   * @param note what the figure counts, shown under it when the heading alone cannot say it (null: none)
   */
  public record Spec(String key, Text label, Rule rule, List<Candidate> candidates, Text note) {
    public Spec(String key, Text label, Rule rule, List<Candidate> candidates) {
      this(key, label, rule, candidates, null);
    }
  }

  /** What a comparison line compares with. */
  public enum Against {
    /** a stock a month earlier */
    PREVIOUS_MONTH,
    /** the same date, or the same span, a year earlier */
    PREVIOUS_YEAR
  }

  /**
   * A comparison line: the later cell ({@code base}, usually the tile's own), the earlier one ({@code cell}; null
   * when none is published) and the change between them (null unless both are published numbers). Both periods
   * are shown, so the reader sees what is compared with what ("Jan–Feb 2024 vs Jan–Feb 2023").
   */
  public record Comparison(Against against, PublishedCell base, PublishedCell cell, Double change, Double changePct) {}

  /**
   * A tile as shown: the spec, the cell found (null: not available), and its comparisons, each of like with like:
   * a stock with the stock a month and a year earlier; a year to date with the same span a year earlier only (a
   * year to date is never compared with a shorter one) — and, when that span was not published a year earlier,
   * the latest year to date at a month end with its own span a year earlier.
   */
  public record Tile(Spec spec, String indicator, String measure, PublishedCell cell, List<Comparison> comparisons,
                     String format, boolean yearToDate) {}

  private static final String CASE_IDS = "cases_by_month";
  private static final String SCAM = "(?i).*scam.*";
  private static final String ATTRIBUTE_DIMS = "(?i)attribute|variable|characteristic|profile|field|breakdown";
  /** A measure that is itself the scam-related share (for example {@code scam_related_share_pct}). */
  private static final String SCAM_SHARE = "(?i)(.*scam.*(share|pct|percent).*)|(.*(share|pct|percent).*scam.*)";

  /**
   * The tiles of the brief, in display order: the six of the first dashboard, the usual residents beside the
   * registered ones (issue 15: two definitions, never blended; the page explains the difference below the tiles),
   * and the long-term residents beside the permit holders.
   */
  public static final List<Spec> SPECS = List.of(
      new Spec("residents", Text.of("Registered Indonesian residents", "Penduduk WNI terdaftar"), Rule.STOCK_AS_OF, List.of(
          new Candidate("permit_coverage", "residents", Map.of("citizenship", "IDN"), null),
          new Candidate("residents_by_citizenship", null, Map.of("citizenship", "IDN"), null))),
      new Spec("usual_residents", Text.of("Usual Indonesian residents (UN: 12 months or more)",
          "Penduduk WNI biasa (PBB: 12 bulan atau lebih)"), Rule.STOCK_AS_OF, List.of(
          new Candidate("usual_residents", "persons", Map.of("citizenship", "IDN", "residence_duration", "12m_plus"),
              null))),
      new Spec("permit_holders", Text.of("Work-permit holders among them", "Pemegang izin kerja di antaranya"),
          Rule.STOCK_AS_OF, List.of(
          new Candidate("permit_coverage", "permit_holders_resident", Map.of("citizenship", "IDN"), null))),
      longTermResidents(),
      new Spec("coverage", Text.of("Work-permit coverage", "Cakupan izin kerja"), Rule.STOCK_AS_OF, List.of(
          new Candidate("permit_coverage", "coverage_pct", Map.of("citizenship", "IDN"), null))),
      new Spec("documentation_gap", Text.of("Documentation gap (residents without a work permit)",
          "Kesenjangan dokumen (penduduk tanpa izin kerja)"), Rule.STOCK_AS_OF, List.of(
          new Candidate("permit_coverage", "documentation_gap", Map.of("citizenship", "IDN"), null))),
      new Spec("cases_ytd", Text.of("Protection cases this year", "Kasus pelindungan tahun ini"), Rule.YEAR_TO_DATE,
          List.of(
              new Candidate(CASE_IDS, "cases", Map.of("citizenship", "IDN"), null),
              new Candidate(CASE_IDS, "cases", Map.of(), null))),
      new Spec("scam_share", Text.of("Share related to online-scam work", "Persentase terkait kerja penipuan daring"),
          Rule.YEAR_TO_DATE_OR_LATEST, List.of(
          new Candidate(CASE_IDS, SCAM_SHARE, Map.of("citizenship", "IDN"), null),
          new Candidate(CASE_IDS, SCAM_SHARE, Map.of(), null),
          new Candidate("case_profile", "(?i).*(share|pct|percent).*", Map.of("*", SCAM), ATTRIBUTE_DIMS))));

  /**
   * Long-term residents (issue 15): the published cell of the catalogue's nested class ({@link
   * IndicatorCatalog#LONG_TERM_RESIDENTS}, Eurostat's valid 5 years or more) for IDN, every reason; its note says
   * it is a subset of the holders valid 12 months or more.
   */
  private static Spec longTermResidents() {
    IndicatorCatalog.NestedClass lt = IndicatorCatalog.LONG_TERM_RESIDENTS;
    RelationCatalog.Split split = RelationCatalog.VALIDITY_5Y;
    return new Spec("long_term_residents", lt.label(), Rule.STOCK_AS_OF, List.of(new Candidate(lt.indicator(), null,
        Map.of("citizenship", "IDN", split.dimension(), Pattern.quote(split.part())), null)), lt.definition());
  }

  public static List<Tile> compute(List<PublishedTable> tables, LocalDate asOf) {
    List<Tile> tiles = new ArrayList<>();
    for (Spec spec : SPECS) {
      tiles.add(compute(spec, tables, asOf));
    }
    return tiles;
  }

  static Tile compute(Spec spec, List<PublishedTable> tables, LocalDate asOf) {
    for (Candidate c : spec.candidates()) {
      Optional<PublishedTable> t = tables.stream().filter(x -> x.indicator().id().equals(c.indicator()) && x.available())
          .findFirst();
      if (t.isEmpty()) {
        continue;
      }
      Indicator ind = t.get().indicator();
      String measureRegex = c.measure() == null ? Pattern.quote(ind.measures().get(0)) : c.measure();
      // Series: the matching cells, grouped by measure and dimension codes (one series per published cell key).
      Map<String, List<PublishedCell>> series = new LinkedHashMap<>();
      for (PublishedCell cell : t.get().cells()) {
        if (cell.measure() != null && cell.measure().matches(measureRegex) && dimsMatch(ind, cell, c)) {
          series.computeIfAbsent(cell.measure() + "|" + cell.dims(), k -> new ArrayList<>()).add(cell);
        }
      }
      for (List<PublishedCell> s : series.values()) {
        PublishedCell cur = pick(s, spec.rule(), asOf);
        boolean ytd = cur != null && isYearToDate(cur, asOf);
        if (spec.rule() == Rule.YEAR_TO_DATE && !ytd) {
          cur = null;
        }
        if (cur != null) {
          String format = Measures.format(ind.id(), cur.measure());
          return new Tile(spec, ind.id(), cur.measure(), cur, comparisons(s, cur, ytd, format), format, ytd);
        }
      }
    }
    Candidate first = spec.candidates().get(0);
    String measure = first.measure() == null ? IndicatorCatalog.find(first.indicator()).orElseThrow().measures().get(0)
        : first.measure().matches("[a-z0-9_]+") ? first.measure() : null;
    return new Tile(spec, first.indicator(), measure, null, List.of(),
        measure == null ? (spec.key().contains("share") ? "pct" : "count") : Measures.format(first.indicator(), measure),
        false);
  }

  static List<Comparison> comparisons(List<PublishedCell> s, PublishedCell cur, boolean ytd, String format) {
    List<Comparison> out = new ArrayList<>();
    if (!ytd) {
      out.add(orEmpty(Against.PREVIOUS_MONTH, cur, compare(s, cur, false, false, format)));
      out.add(orEmpty(Against.PREVIOUS_YEAR, cur, compare(s, cur, true, false, format)));
      return out;
    }
    Comparison year = compare(s, cur, true, true, format);
    out.add(orEmpty(Against.PREVIOUS_YEAR, cur, year));
    if (year == null || year.change() == null) {
      // 1 January to 13 March is seldom published a year earlier: compare the latest month-end year to date
      // instead (Jan–Feb 2024 vs Jan–Feb 2023), when both are published numbers.
      s.stream().filter(c -> c != cur && shown(c) && c.periodStart() != null && c.periodStart().equals(cur.periodStart())
              && c.periodEnd() != null && c.periodEnd().isBefore(cur.periodEnd())
              && c.periodEnd().equals(YearMonth.from(c.periodEnd()).atEndOfMonth()))
          .max(Comparator.comparing(PublishedCell::periodEnd))
          .map(monthEnd -> compare(s, monthEnd, true, true, format))
          .filter(c -> c.change() != null)
          .ifPresent(out::add);
    }
    return out;
  }

  private static Comparison orEmpty(Against against, PublishedCell base, Comparison c) {
    return c != null ? c : new Comparison(against, base, null, null, null);
  }

  static boolean dimsMatch(Indicator ind, PublishedCell cell, Candidate c) {
    String anyRegex = c.dims().get("*");
    int anyHit = -1;
    if (anyRegex != null) {
      for (int i = 0; i < cell.dims().size(); i++) {
        if (cell.dims().get(i) != null && cell.dims().get(i).matches(anyRegex)) {
          anyHit = i;
          break;
        }
      }
      if (anyHit < 0) {
        return false;
      }
    }
    for (int i = 0; i < ind.dimensions().size(); i++) {
      String dim = ind.dimensions().get(i);
      String code = cell.dims().get(i);
      String want = c.dims().get(dim);
      if (i == anyHit) {
        continue;
      }
      if (want != null) {
        if (code == null || !code.matches(want)) {
          return false;
        }
      } else if (c.free() != null && dim.matches(c.free())) {
        continue;
      } else if (!Dimension.TOTAL.equals(code)) {
        return false;
      }
    }
    return true;
  }

  static PublishedCell pick(List<PublishedCell> s, Rule rule, LocalDate asOf) {
    if (rule == Rule.STOCK_AS_OF) {
      return s.stream().filter(c -> c.period().isDate() && asOf.equals(c.periodStart())).findFirst().orElse(null);
    }
    // the latest year to date with a published value, else the latest (to show its flag)
    Comparator<PublishedCell> latestShown = Comparator.comparing((PublishedCell c) -> shown(c))
        .thenComparing(PublishedCell::periodEnd);
    Optional<PublishedCell> ytd = s.stream().filter(c -> isYearToDate(c, asOf)).max(latestShown);
    if (ytd.isPresent() || rule == Rule.YEAR_TO_DATE) {
      return ytd.orElse(null);
    }
    return s.stream().filter(c -> c.periodEnd() != null && !c.periodEnd().isAfter(asOf))
        .max(Comparator.comparing(PublishedCell::periodEnd)
            .thenComparing(PublishedCell::periodStart, Comparator.nullsFirst(Comparator.naturalOrder())))
        .orElse(null);
  }

  private static boolean shown(PublishedCell c) {
    return c.value() != null && !Flags.hidesValue(c.flag());
  }

  /** From 1 January of the as-of year to the as-of date, or to the end of the month before it. */
  static boolean isYearToDate(PublishedCell c, LocalDate asOf) {
    if (c.periodStart() == null || c.periodEnd() == null) {
      return false;
    }
    return c.periodStart().equals(LocalDate.of(asOf.getYear(), 1, 1))
        && !c.periodEnd().isAfter(asOf)
        && !c.periodEnd().isBefore(asOf.withDayOfMonth(1).minusDays(1))
        && !c.periodEnd().isBefore(c.periodStart());
  }

  /**
   * The published cell of the same series a month (or a year) earlier: for a stock, the date one month (year)
   * before if published, else the latest published date in that calendar month; for a period, the period
   * shifted by a month (year) — a year-to-date keeps its 1 January start when shifted by a month, and is then
   * compared with the latest one published in that month (the year to date at the previous month's end). A year
   * earlier, a period must cover the same span: the same end day, or a month end for a month end (1 January to
   * 13 March is not compared with 1 January to 31 March).
   */
  static Comparison compare(List<PublishedCell> s, PublishedCell cur, boolean year, boolean ytd, String format) {
    LocalDate start = cur.periodStart();
    LocalDate end = cur.periodEnd();
    if (start == null || end == null) {
      return null;
    }
    LocalDate targetEnd = year ? end.minusYears(1) : end.minusMonths(1);
    YearMonth month = YearMonth.from(targetEnd);
    List<PublishedCell> candidates;
    if (cur.period().isDate()) {
      candidates = s.stream().filter(c -> c.period().isDate() && YearMonth.from(c.periodStart()).equals(month)).toList();
    } else {
      LocalDate targetStart = ytd && !year ? start : year ? start.minusYears(1) : start.minusMonths(1);
      if (ytd && targetStart.getYear() != targetEnd.getYear()) {
        return null;
      }
      candidates = s.stream().filter(c -> !c.period().isDate() && targetStart.equals(c.periodStart())
          && c.periodEnd() != null && YearMonth.from(c.periodEnd()).equals(month)).toList();
    }
    List<PublishedCell> comparable = candidates;
    if (year && !cur.period().isDate()) {
      boolean monthEnd = end.equals(YearMonth.from(end).atEndOfMonth());
      comparable = candidates.stream().filter(c -> targetEnd.equals(c.periodEnd())
          || monthEnd && c.periodEnd().equals(month.atEndOfMonth())).toList();
    }
    List<PublishedCell> pool = comparable;
    PublishedCell prev = pool.stream().filter(c -> targetEnd.equals(c.periodEnd())).findFirst()
        .orElseGet(() -> pool.stream().max(Comparator.comparing(PublishedCell::periodEnd)).orElse(null));
    if (prev == null) {
      return null;
    }
    Double change = null;
    Double pct = null;
    if (cur.value() != null && prev.value() != null && !Flags.hidesValue(cur.flag()) && !Flags.hidesValue(prev.flag())) {
      change = cur.value() - prev.value();
      if (!"pct".equals(format) && prev.value() != 0) {
        pct = 100.0 * change / prev.value();
      }
    }
    return new Comparison(year ? Against.PREVIOUS_YEAR : Against.PREVIOUS_MONTH, cur, prev, change, pct);
  }

  /** Dimensions a tile fixed, for display and for tests ({@code citizenship=IDN}, others total). */
  static Map<String, String> dims(Indicator ind, PublishedCell cell) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < ind.dimensions().size(); i++) {
      m.put(ind.dimensions().get(i), cell.dims().get(i));
    }
    return m;
  }
}
