package org.migstat.publish;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
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
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.migstat.catalog.CaseTables;
import org.migstat.catalog.Dimension;
import org.migstat.catalog.Indicator;
import org.migstat.catalog.Tables;
import org.migstat.disclosure.AuditEntry;
import org.migstat.disclosure.Cell;
import org.migstat.disclosure.CellTable;
import org.migstat.disclosure.Finding;
import org.migstat.disclosure.Flag;
import org.migstat.disclosure.Policy;
import org.migstat.disclosure.Ratio;
import org.migstat.disclosure.RatioSpec;
import org.migstat.disclosure.Release;
import org.migstat.disclosure.Suppression;
import org.migstat.disclosure.Suppressor;
import org.migstat.indicators.Definitions;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.pipeline.Progress;

/**
 * The publish step for the case, border, source-comparison and UNODC indicators (see {@link
 * CasePublication} for how their cells are tied together). Reads gold, suppresses release by release,
 * and adds the rows, audit entries and per-table figures to those of {@link PublishJob}.
 */
final class CaseRelease {
  private CaseRelease() {}

  /** Adds the release's case, border, source-comparison and UNODC rows; returns the cells it could not protect. */
  static int publish(Lakehouse lh, ReleaseSink sink, Progress progress) {
    int unresolved = 0;
    if (lh.exists(CaseTables.CASES_BY_MONTH) && lh.exists(CaseTables.BORDER_FLOWS)) {
      unresolved += monthly(lh, sink, progress);
    }
    if (lh.exists(CaseTables.CASE_PROFILE)) {
      unresolved += chain(lh, sink, CaseTables.CASE_PROFILE, CasePublication.ind("case_profile"), progress);
    }
    if (lh.exists(CaseTables.CASE_OUTCOMES)) {
      unresolved += chain(lh, sink, CaseTables.CASE_OUTCOMES, CasePublication.ind("case_outcomes"), progress);
    }
    if (lh.exists(CaseTables.SOURCE_COMPARISON)) {
      sources(lh, sink);
    }
    if (lh.exists(Tables.GLOTIP_CONTEXT)) {
      glotip(lh, sink);
    }
    return unresolved;
  }

  // ---- monthly flows ----------------------------------------------------------------------------------

  private static int monthly(Lakehouse lh, ReleaseSink sink, Progress progress) {
    int unresolved = 0;
    Map<String, List<CasePublication.Monthly>> groups = new LinkedHashMap<>();
    Map<CasePublication.Monthly, List<CasePublication.Detail>> details = new HashMap<>();
    TreeMap<String, TreeSet<Integer>> years = new TreeMap<>();
    for (CasePublication.Monthly m : CasePublication.monthly()) {
      groups.computeIfAbsent(m.group(), k -> new ArrayList<>()).add(m);
      List<CasePublication.Detail> d = CasePublication.details(m,
          CasePublication.detailFrame(m, lh.read(m.gold())).collectAsList()).stream()
          .filter(x -> sink.shows(x.start(), x.end())).toList();
      details.put(m, d);
      d.forEach(x -> years.computeIfAbsent(m.group(), k -> new TreeSet<>()).add(x.start().getYear()));
    }
    for (Map.Entry<String, List<CasePublication.Monthly>> g : groups.entrySet()) {
      TreeSet<Integer> groupYears = years.getOrDefault(g.getKey(), new TreeSet<>());
      for (int year : groupYears) {
        List<CasePublication.YearTable> tables = CasePublication.trueTables(year, g.getValue(), details,
            CasePublication.monthEndYtdYear(year, groupYears.last()));
        if (tables.isEmpty()) {
          continue;
        }
        long t0 = System.nanoTime();
        // the cells of the releases already out enter fixed: no difference with them gives a small count away
        Suppression s = CasePublication.protect(sink.tag() + "@" + g.getKey() + "@" + year, tables, sink.earlier,
            sink.plan.referenceDate());
        progress.say("publish", "%s %d: %d tables, %d cells hidden, in %.1f s", g.getKey(), year, tables.size(),
            s.audit().size(), (System.nanoTime() - t0) / 1e9);
        unresolved += s.unresolved().size();
        Set<String> withheld = withheld(s, progress, g.getKey() + " " + year);
        Map<String, String> rules = rules(s);
        sink.audit.addAll(s.audit());
        Map<String, Ratio> ratios = new HashMap<>();
        s.published().ratios().forEach(r -> ratios.put(r.spec().id(), r));
        for (CasePublication.YearTable t : tables) {
          if (t.layout().internalRest()) {
            continue;
          }
          CellTable pub = s.published().table(t.table().id());
          Indicator ind = t.part().indicator();
          for (Cell c : pub.cells()) {
            String code = c.coordinates().get(CasePublication.PERIOD);
            if (!t.layout().published().contains(code)) {
              continue;
            }
            String measure = t.part().split() == null ? t.part().measure()
                : t.part().splitMeasures().get(c.coordinates().get(CasePublication.SPLIT));
            if (measure == null) {
              continue; // the internal complement (not scam-related) is never published
            }
            Map<String, String> dims = new LinkedHashMap<>(c.coordinates());
            dims.remove(CasePublication.PERIOD);
            dims.remove(CasePublication.SPLIT);
            PeriodLayout.Period p = PeriodLayout.period(code);
            boolean hide = c.suppressed() || withheld.contains(ind.id());
            Disposition kind = !hide ? Disposition.PUBLISHED : Disposition.ofRule(rules.get(label(c)));
            if (hide && !c.suppressed()) {
              sink.audit.add(new AuditEntry(s.published().id(), c.tableId(), c.coordinates(), c.value(),
                  "withheld:table could not be protected", List.of()));
            }
            sink.add(ind, code, p.start(), p.end(), dims, measure, hide ? null : (double) c.value(),
                hide ? Flag.CONFIDENTIAL.code() : null, kind);
            if (t.part().split() != null && Dimension.TOTAL.equals(c.coordinates().get(CasePublication.SPLIT))) {
              Ratio r = ratios.get(CasePublication.shareId(t.table().id(), c.coordinates()));
              if (r != null) {
                ratioRow(sink, s, ind, code, p, dims, "scam_related_share_pct", r, withheld.contains(ind.id()));
              }
            }
          }
        }
      }
    }
    return unresolved;
  }

  private static void ratioRow(ReleaseSink sink, Suppression s, Indicator ind, String code, PeriodLayout.Period p,
                               Map<String, String> dims, String measure, Ratio r, boolean withheld) {
    Cell num = s.published().cell(r.spec().numerator());
    Cell den = s.published().cell(r.spec().denominator());
    boolean hidden = withheld || r.flag() == Flag.CONFIDENTIAL;
    Disposition kind = Disposition.PUBLISHED;
    if (hidden) {
      Policy pol = s.published().table(r.spec().numerator().tableId()).spec().policy();
      kind = pol.unsafe(num.value()) || pol.unsafe(den.value()) ? Disposition.PRIMARY : Disposition.SECONDARY;
      sink.audit.add(new AuditEntry(s.published().id(), ind.id() + "." + measure, withPeriod(code, dims), num.value(),
          "ratio:numerator or denominator unsafe or suppressed", List.of(num.label(), den.label())));
    }
    sink.add(ind, code, p.start(), p.end(), dims, measure, hidden ? null : r.value(),
        hidden ? Flag.CONFIDENTIAL.code() : r.flag() == null ? null : r.flag().code(), kind);
  }

  private static Map<String, String> withPeriod(String code, Map<String, String> dims) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(CasePublication.PERIOD, code);
    m.putAll(dims);
    return m;
  }

  private static String label(Cell c) {
    return c.tableId() + new TreeMap<>(c.coordinates());
  }

  private static Map<String, String> rules(Suppression s) {
    Map<String, String> m = new HashMap<>();
    for (AuditEntry a : s.audit()) {
      m.put(a.tableId() + new TreeMap<>(a.coordinates()), a.rule());
    }
    return m;
  }

  /** Indicators of a release the suppressor could not protect: withheld whole, as PublishJob does. */
  private static Set<String> withheld(Suppression s, Progress progress, String what) {
    Set<String> out = new TreeSet<>();
    for (Finding f : s.unresolved()) {
      String t = f.table();
      int cut = t.indexOf('#');
      t = cut >= 0 ? t.substring(0, cut) : t;
      cut = t.indexOf('.');
      out.add(cut >= 0 ? t.substring(0, cut) : t);
    }
    if (!out.isEmpty()) {
      progress.say("publish", "%s: withholding %s whole (%d cells could not be protected)", what, out,
          s.unresolved().size());
    }
    return out;
  }

  // ---- profile and outcomes ---------------------------------------------------------------------------

  private static int chain(Lakehouse lh, ReleaseSink sink, org.migstat.catalog.TableDef gold, Indicator ind,
                           Progress progress) {
    int unresolved = 0;
    boolean profile = ind.id().equals("case_profile");
    TreeMap<LocalDate, TreeMap<LocalDate, List<Row>>> byStart = new TreeMap<>();
    for (Row r : lh.read(gold).orderBy(col("period_start"), col("period_end")).collectAsList()) {
      LocalDate start = ((java.sql.Date) r.getAs("period_start")).toLocalDate();
      LocalDate end = ((java.sql.Date) r.getAs("period_end")).toLocalDate();
      if (!sink.shows(start, end)) {
        continue;
      }
      byStart.computeIfAbsent(start, k -> new TreeMap<>()).computeIfAbsent(end, k -> new ArrayList<>()).add(r);
    }
    String tableId = profile ? CasePublication.PROFILE_TABLE : CasePublication.OUTCOMES_TABLE;
    for (TreeMap<LocalDate, List<Row>> periods : byStart.values()) {
      Release previous = null;
      for (Map.Entry<LocalDate, List<Row>> e : periods.entrySet()) {
        List<Row> rows = e.getValue();
        LocalDate start = periods.firstEntry().getValue().get(0).<java.sql.Date>getAs("period_start").toLocalDate();
        String code = PeriodLayout.code(start, e.getKey());
        CellTable t = profile ? CasePublication.profileTable(rows) : CasePublication.outcomesTable(rows);
        Release.Builder b = Release.builder(sink.tag() + "@" + ind.id() + "@" + code).table(t);
        if (profile) {
          for (Cell c : t.cells()) {
            if (!Dimension.TOTAL.equals(c.coordinates().get("category"))) {
              Map<String, String> den = new LinkedHashMap<>(c.coordinates());
              den.put("category", Dimension.TOTAL);
              b.ratio(RatioSpec.percent("case_profile.share_pct|" + c.coordinates(), c.ref(),
                  org.migstat.disclosure.CellRef.of(tableId, den)));
            }
          }
        }
        if (previous != null) {
          b.previous(previous, tableId);
        }
        Suppression s = Suppressor.suppress(b.build());
        unresolved += s.unresolved().size();
        Set<String> withheld = withheld(s, progress, ind.id() + " " + code);
        boolean hideAll = !withheld.isEmpty();
        Map<String, String> rules = rules(s);
        sink.audit.addAll(s.audit());
        CellTable pub = s.published().table(tableId);
        Map<String, Ratio> ratios = new HashMap<>();
        s.published().ratios().forEach(r -> ratios.put(r.spec().id(), r));
        PeriodLayout.Period p = new PeriodLayout.Period(code, start, e.getKey());
        for (Cell c : pub.cells()) {
          if (!profile && c.coordinates().get("scope").equals("not_scam_related")) {
            continue;
          }
          boolean hide = c.suppressed() || hideAll;
          Disposition kind = !hide ? Disposition.PUBLISHED : Disposition.ofRule(rules.get(label(c)));
          if (hide && !c.suppressed()) {
            sink.audit.add(new AuditEntry(s.published().id(), c.tableId(), c.coordinates(), c.value(),
                "withheld:table could not be protected", List.of()));
          }
          sink.add(ind, code, start, e.getKey(), c.coordinates(), "persons", hide ? null : (double) c.value(),
              hide ? Flag.CONFIDENTIAL.code() : null, kind);
          if (profile && !Dimension.TOTAL.equals(c.coordinates().get("category"))) {
            Ratio r = ratios.get("case_profile.share_pct|" + c.coordinates());
            ratioRow(sink, s, ind, code, p, c.coordinates(), "share_pct", r, hideAll);
          }
        }
        if (!profile) {
          medians(sink, ind, code, start, e.getKey(), rows, pub, hideAll);
        }
        // the next period of the year is differenced against what this one published
        previous = s.published();
      }
    }
    return unresolved;
  }

  /**
   * Median days between stages: published only when the persons who reached the later stage are a safe,
   * published count (a median over a handful of cases describes those cases).
   */
  private static void medians(ReleaseSink sink, Indicator ind, String code, LocalDate start, LocalDate end, List<Row> rows,
                              CellTable pub, boolean hideAll) {
    for (Row r : rows) {
      String scope = r.getAs("scope");
      for (Map.Entry<String, String> m : CasePublication.MEDIANS.entrySet()) {
        Object v = r.getAs("median_days_" + m.getKey());
        if (v == null) {
          continue;
        }
        Cell basis = pub.cell(Map.of("scope", scope, "stage", m.getValue()));
        boolean hide = hideAll || basis == null || basis.suppressed() || CasePublication.CASES.unsafe(basis.value());
        Map<String, String> dims = new LinkedHashMap<>();
        dims.put("scope", scope);
        dims.put("stage", m.getKey());
        if (hide) {
          sink.audit.add(new AuditEntry(sink.tag() + "@" + ind.id() + "@" + code, ind.id() + ".median_days", dims,
              basis == null ? 0 : basis.value(), "median:fewer than 10 persons at the later stage, or their count is hidden",
              basis == null ? List.of() : List.of(basis.label())));
        }
        sink.add(ind, code, start, end, dims, "median_days", hide ? null : ((Number) v).doubleValue(),
            hide ? Flag.CONFIDENTIAL.code() : null, hide ? Disposition.SECONDARY : Disposition.PUBLISHED);
      }
    }
  }

  // ---- the sources side by side -----------------------------------------------------------------------

  /**
   * Each source figure carries the flag of the published cell it equals: residents and permit holders
   * those of the residence tables, protection cases that of cases_by_month (month or month to date, all
   * types), border net entries is hidden unless every monthly entry and exit total it sums is published
   * (otherwise the cumulative sum would reveal a hidden month); embassy registrations under 10 are hidden.
   */
  private static void sources(Lakehouse lh, ReleaseSink sink) {
    Indicator ind = CasePublication.ind("source_comparison");
    List<Row> rows = lh.read(CaseTables.SOURCE_COMPARISON).orderBy(col("ref_date"), col("citizenship"), col("source"))
        .collectAsList();
    for (Row r : rows) {
      LocalDate ref = ((java.sql.Date) r.getAs("ref_date")).toLocalDate();
      if (!sink.shows(ref, ref)) {
        continue;
      }
      String cit = r.getAs("citizenship");
      String source = r.getAs("source");
      Object raw = r.getAs("value");
      if (raw == null) {
        continue;
      }
      long value = ((Number) raw).longValue();
      List<java.util.Optional<ReleaseSink.Placed>> linked = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      switch (source) {
        case "host_registry_residents" -> {
          linked.add(sink.lookup("residents_by_citizenship", ref.toString(), List.of(cit), "persons"));
          labels.add("residents_by_citizenship{" + ref + ", citizenship=" + cit + "}");
        }
        case "work_permit_holders" -> {
          linked.add(sink.lookup("permit_coverage", ref.toString(), List.of(cit), "permit_holders"));
          labels.add("permit_coverage.permit_holders{" + ref + ", citizenship=" + cit + "}");
        }
        case "protection_cases" -> {
          String code = PeriodLayout.code(ref.withDayOfMonth(1), ref);
          linked.add(sink.lookup("cases_by_month", code, List.of(cit, Dimension.TOTAL), "cases"));
          labels.add("cases_by_month.cases{" + code + ", citizenship=" + cit + "}");
        }
        case "border_net_entries" -> {
          Object ps = r.getAs("period_start");
          LocalDate from = ps == null ? ref : ((java.sql.Date) ps).toLocalDate();
          for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(ref)); m = m.plusMonths(1)) {
            LocalDate end = m.equals(YearMonth.from(ref)) ? ref : m.atEndOfMonth();
            String code = PeriodLayout.code(m.atDay(1), end);
            for (String measure : List.of("entries", "exits")) {
              // border_crossings has one dimension (citizenship): its cells are keyed [cit], not [cit, _T]
              linked.add(sink.lookup("border_crossings", code, List.of(cit), measure));
              labels.add("border_crossings." + measure + "{" + code + ", citizenship=" + cit + "}");
            }
          }
        }
        default -> { /* embassy registrations: checked on their own below */ }
      }
      boolean hidden;
      boolean primary = false;
      if (source.equals("embassy_registrations")) {
        hidden = CasePublication.CASES.unsafe(value);
        primary = hidden;
      } else if (linked.isEmpty()) {
        hidden = true;
      } else {
        boolean residence = source.equals("host_registry_residents") || source.equals("work_permit_holders");
        hidden = false;
        for (java.util.Optional<ReleaseSink.Placed> l : linked) {
          if (l.isEmpty()) {
            hidden |= !residence; // a residence figure is exact and public anyway; any other must be published
          } else {
            hidden |= l.get().disposition().hidden() || l.get().row().value() == null;
          }
        }
      }
      Map<String, String> dims = new LinkedHashMap<>();
      dims.put("citizenship", cit);
      dims.put("source", source);
      if (hidden) {
        sink.audit.add(new AuditEntry(sink.tag() + "@source_comparison@" + ref, "source_comparison.value", dims,
            Math.max(0, value), primary ? CasePublication.CASES.primaryRule() : "linked:hidden where it is published",
            primary ? List.of() : labels));
      }
      sink.add(ind, ref.toString(), ref, ref, dims, "value", hidden ? null : (double) value,
          hidden ? Flag.CONFIDENTIAL.code() : null,
          hidden ? (primary ? Disposition.PRIMARY : Disposition.SECONDARY) : Disposition.PUBLISHED);
    }
  }

  // ---- UNODC ------------------------------------------------------------------------------------------

  /** As published by UNODC: no suppression (already public); censored values keep value NULL and flag [<5]. */
  private static void glotip(Lakehouse lh, ReleaseSink sink) {
    Indicator ind = CasePublication.ind("glotip_context");
    Set<String> seen = new java.util.HashSet<>();
    for (Row r : lh.read(Tables.GLOTIP_CONTEXT).orderBy(col("country"), col("indicator"), col("sex"), col("year"))
        .collectAsList()) {
      String measure = CasePublication.GLOTIP_MEASURES.get((String) r.getAs("indicator"));
      String sex = CasePublication.GLOTIP_SEX.get((String) r.getAs("sex"));
      if (measure == null || sex == null) {
        continue;
      }
      int year = ((Number) r.getAs("year")).intValue();
      if (!sink.shows(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31))) {
        continue;
      }
      String country = r.getAs("country");
      if (!seen.add(year + "|" + country + "|" + sex + "|" + measure)) {
        continue;
      }
      boolean censored = Boolean.TRUE.equals(r.getAs("is_censored"));
      Object v = r.getAs("value");
      Map<String, String> dims = new LinkedHashMap<>();
      dims.put("country", country);
      dims.put("sex", sex);
      sink.add(ind, Integer.toString(year), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), dims, measure,
          censored || v == null ? null : ((Number) v).doubleValue(), censored ? "[<5]" : v == null ? "[x]" : null,
          Disposition.PUBLISHED);
    }
  }
}
