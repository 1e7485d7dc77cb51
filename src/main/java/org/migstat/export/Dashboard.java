package org.migstat.export;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.migstat.catalog.Dimension;
import org.migstat.catalog.Indicator;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.catalog.RelationCatalog;
import org.migstat.catalog.Text;
import org.migstat.indicators.Definitions;

/**
 * The policymakers' dashboard: one self-contained HTML file (no server, no network) with ECharts inlined from
 * its WebJar, the published cells and the catalogue embedded as JSON, and a small script that draws everything
 * with {@code textContent} (never {@code innerHTML}). A Content-Security-Policy allows only the page's own two
 * scripts (by hash) and no network at all.
 */
final class Dashboard {
  private Dashboard() {}

  static final String ECHARTS_VERSION = "5.3.1";
  static final String ECHARTS = "META-INF/resources/webjars/echarts/" + ECHARTS_VERSION + "/dist/echarts.min.js";
  static final String DEFAULT_CITIZENSHIP = "IDN";

  /**
   * An indicator drawn as one panel per listed code of a dimension, then one panel for its other codes: the case
   * profile's four breakdowns of the brief (recruitment platform, lure job, form of exploitation, means of control)
   * each get their own chart, shown as shares of persons with the counts.
   */
  record Split(String indicator, String dimension, List<String> codes, String measure, String countMeasure) {}

  static final List<Split> SPLITS = List.of(split("case_profile", "attribute",
      List.of("platform", "lure_job", "exploitation_type", "control_method")));

  /** A split panel shows the indicator's declared share, with its numerator's counts beside it. */
  private static Split split(String indicator, String dimension, List<String> codes) {
    RelationCatalog.Share share = RelationCatalog.relations(RelationCatalog.Share.class).stream()
        .filter(s -> s.indicator().equals(indicator)).findFirst()
        .orElseThrow(() -> new IllegalStateException(indicator + " declares no share"));
    return new Split(indicator, dimension, codes, share.measure(), share.numerator());
  }

  // ---- the embedded data ------------------------------------------------------------------------

  /** Everything the page shows, as plain maps and lists (serialised with {@link #json(Object)}). */
  static Map<String, Object> model(List<PublishedTable> tables, BuildStamp stamp, DataOrigin origin,
                                   Map<String, Map<String, Text>> labels, List<Headlines.Tile> tiles) {
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("asOf", stamp.asOf().toString());
    meta.put("runId", stamp.runId());
    meta.put("runAsOf", stamp.runAsOf() == null ? null : stamp.runAsOf().toString());
    meta.put("runEndedAt", stamp.runEndedAt() == null ? null : stamp.runEndedAt().toString());
    meta.put("generatedAt", stamp.generatedAt().toString());
    meta.put("definitionVersion", Definitions.VERSION);
    meta.put("synthetic", origin.synthetic());
    meta.put("releaseId", stamp.releaseId());
    meta.put("internal", stamp.internal());
    meta.put("dataCutoff", stamp.dataCutoff() == null ? null : stamp.dataCutoff().toString());
    List<Map<String, Object>> versions = new ArrayList<>();
    for (PublishedTable t : tables) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("table", t.table());
      v.put("version", t.version());
      v.put("pinned", t.pinned());
      v.put("rows", t.cells().size());
      versions.add(v);
    }
    meta.put("tables", versions);
    m.put("meta", meta);
    m.put("defaultLanguage", "id");
    m.put("ui", UiText.TEXT);

    if (origin.synthetic()) {
      m.put("notice", Map.of("title", DataOrigin.NOTICE, "detail", DataOrigin.NOTICE_DETAIL));
    }

    // The legend explains the flags this release uses, and [x], which the page itself shows for a missing cell.
    Map<String, Long> flagCounts = Flags.counts(tables);
    List<Map<String, Object>> flags = new ArrayList<>();
    for (Flags.Flag f : Flags.LEGEND) {
      if (flagCounts.containsKey(f.token()) || f.equals(Flags.NOT_AVAILABLE)) {
        flags.add(Map.of("flag", f.token(), "meaning", f.meaning()));
      }
    }
    m.put("flags", flags);

    Map<String, Object> dims = new LinkedHashMap<>();
    labels.forEach((dim, codes) -> {
      Dimension d = IndicatorCatalog.DIMENSIONS.get(dim);
      boolean ordered = d != null && d.codes() != null && !d.codes().isEmpty();
      List<String> order = new ArrayList<>(codes.keySet());
      if (ordered) {
        List<String> catalogueOrder = new ArrayList<>(d.codes().keySet());
        order.sort(Comparator.comparingInt((String c) -> c.equals(Dimension.TOTAL) ? -1
            : catalogueOrder.contains(c) ? catalogueOrder.indexOf(c) : catalogueOrder.size()).thenComparing(c -> c));
      } else {
        order.sort(Comparator.comparing((String c) -> !c.equals(Dimension.TOTAL))
            .thenComparing(c -> codes.get(c).en().toLowerCase(java.util.Locale.ROOT)).thenComparing(c -> c));
      }
      Map<String, Object> dm = new LinkedHashMap<>();
      dm.put("label", Labels.dimensionLabel(dim));
      dm.put("codes", codes);
      dm.put("ordered", ordered);
      dm.put("order", order);
      dims.put(dim, dm);
    });
    m.put("dimensions", dims);

    // Each indicator's measures as the catalogue declares them (label, format), by indicator: the same name can be
    // residents in one table and permit holders in another.
    Map<String, Object> measures = new LinkedHashMap<>();
    for (PublishedTable t : tables) {
      Set<String> names = new LinkedHashSet<>(t.indicator().measures());
      t.cells().forEach(c -> names.add(c.measure()));
      Map<String, Object> declared = new LinkedHashMap<>();
      for (String name : names) {
        String id = t.indicator().id();
        declared.put(name, Map.of("label", Measures.label(id, name), "format", Measures.format(id, name)));
      }
      measures.put(t.indicator().id(), declared);
    }
    m.put("measures", measures);

    boolean hasIdn = tables.stream().anyMatch(t -> t.codes("citizenship").contains(DEFAULT_CITIZENSHIP));
    m.put("defaultCitizenship", hasIdn ? DEFAULT_CITIZENSHIP : Dimension.TOTAL);

    List<Map<String, Object>> indicators = new ArrayList<>();
    List<Map<String, Object>> sources = new ArrayList<>();
    for (PublishedTable t : tables) {
      indicators.add(indicator(t, stamp.asOf()));
      Map<String, Object> s = sourceRow(t, stamp.asOf(), hasIdn ? DEFAULT_CITIZENSHIP : Dimension.TOTAL);
      if (s != null) {
        sources.add(s);
      }
    }
    m.put("indicators", indicators);
    m.put("sources", sources);
    m.put("sourceFigures", sourceFigures(tables, stamp.asOf(), hasIdn ? DEFAULT_CITIZENSHIP : Dimension.TOTAL));
    m.put("usualResidents", usualResidents(stamp.asOf()));

    List<Map<String, Object>> tileModels = new ArrayList<>();
    for (Headlines.Tile tile : tiles) {
      tileModels.add(tile(tile, tables));
    }
    m.put("tiles", tileModels);
    return m;
  }

  private static Map<String, Object> indicator(PublishedTable t, LocalDate asOf) {
    Indicator ind = t.indicator();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ind.id());
    m.put("table", t.table());
    m.put("available", t.available());
    m.put("version", t.version());
    m.put("pinned", t.pinned());
    m.put("title", ind.title());
    m.put("description", ind.description());
    m.put("kind", String.valueOf(ind.kind()));
    m.put("unit", ind.unit());
    m.put("grain", ind.grain());
    m.put("dimensions", ind.dimensions());
    List<String> measureNames = new ArrayList<>(ind.measures());
    t.cells().forEach(c -> {
      if (!measureNames.contains(c.measure())) {
        measureNames.add(c.measure());
      }
    });
    m.put("measures", measureNames);
    m.put("family", ind.family());
    m.put("sourceTables", ind.sourceTables());
    m.put("definitionVersion", ind.definitionVersion());
    m.put("caveats", ind.caveats());
    for (Split s : SPLITS) {
      if (s.indicator().equals(ind.id())) {
        Map<String, Object> sm = new LinkedHashMap<>();
        sm.put("dimension", s.dimension());
        sm.put("codes", s.codes());
        sm.put("measure", s.measure());
        sm.put("countMeasure", s.countMeasure());
        sm.put("note", UiText.TEXT.get("splitNote"));
        sm.put("otherTitle", UiText.TEXT.get("splitOther"));
        m.put("split", sm);
      }
    }

    List<PublishedCell.Period> periods = periods(t);
    Map<PublishedCell.Period, Integer> index = new HashMap<>();
    List<Map<String, Object>> pm = new ArrayList<>();
    for (PublishedCell.Period p : periods) {
      index.put(p, pm.size());
      pm.add(period(p));
    }
    m.put("periods", pm);
    PublishedCell.Period current = current(periods, asOf, publishable(t));
    m.put("current", current == null ? -1 : index.get(current));
    // Says why the panel opens where it does when that is not the reference date's own period.
    m.put("currentIsLatestPublishable", current != null && !current.equals(current(periods, asOf, p -> true)));

    List<List<Object>> rows = new ArrayList<>();
    for (PublishedCell c : t.cells()) {
      List<Object> r = new ArrayList<>(c.dims().size() + 4);
      r.add(index.get(c.period()));
      r.addAll(c.dims());
      r.add(measureNames.indexOf(c.measure()));
      r.add(c.value());
      r.add(c.flag());
      rows.add(r);
    }
    m.put("rows", rows);
    return m;
  }

  static Map<String, Object> period(PublishedCell.Period p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tp", p.timePeriod());
    m.put("start", p.start() == null ? null : p.start().toString());
    m.put("end", p.end() == null ? null : p.end().toString());
    return m;
  }

  /** Distinct periods, oldest first. */
  static List<PublishedCell.Period> periods(PublishedTable t) {
    Set<PublishedCell.Period> set = new LinkedHashSet<>();
    t.cells().forEach(c -> set.add(c.period()));
    List<PublishedCell.Period> list = new ArrayList<>(set);
    list.sort(Comparator.comparing(PublishedCell.Period::end, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(PublishedCell.Period::start, Comparator.nullsFirst(Comparator.reverseOrder()))
        .thenComparing(p -> String.valueOf(p.timePeriod())));
    return list;
  }

  /** Periods with at least one published figure (not every cell hidden, censored or missing). */
  static java.util.function.Predicate<PublishedCell.Period> publishable(PublishedTable t) {
    Set<PublishedCell.Period> with = new java.util.HashSet<>();
    t.cells().forEach(c -> {
      if (c.value() != null && !Flags.hidesValue(c.flag())) {
        with.add(c.period());
      }
    });
    return with::contains;
  }

  /**
   * The period a panel opens on: the latest period, ending by the as-of date, that has publishable figures — the
   * as-of date itself, else the latest period ending by it (shortest first). A period with every figure hidden is
   * skipped (a panel never opens on an empty chart); when none has any, the rule without that condition.
   */
  static PublishedCell.Period current(List<PublishedCell.Period> periods, LocalDate asOf,
                                      java.util.function.Predicate<PublishedCell.Period> publishable) {
    List<PublishedCell.Period> candidates = periods.stream().filter(publishable).toList();
    return current(candidates.isEmpty() ? periods : candidates, asOf);
  }

  static PublishedCell.Period current(List<PublishedCell.Period> periods, LocalDate asOf) {
    PublishedCell.Period best = null;
    for (PublishedCell.Period p : periods) {
      if (p.isDate() && asOf.equals(p.start())) {
        return p;
      }
    }
    for (PublishedCell.Period p : periods) {
      if (p.end() != null && !p.end().isAfter(asOf)) {
        if (best == null || p.end().isAfter(best.end())
            || (p.end().equals(best.end()) && p.start() != null && best.start() != null && p.start().isAfter(best.start()))) {
          best = p;
        }
      }
    }
    if (best == null && !periods.isEmpty()) {
      best = periods.get(periods.size() - 1);
    }
    return best;
  }

  /**
   * The headline cell of a table for the "headline figure of each indicator" table: its first measure, for the
   * citizenship (or reporting country) shown, totals elsewhere — where a dimension has no total, its first code
   * in catalogue order ("all" cases first) — on the latest period by the as-of date where that cell is a
   * published number. Codes are chosen among cells that show a number when any does, so a table that publishes
   * figures is never shown as hidden or missing; a table whose every such cell is hidden shows the latest one's
   * flag.
   */
  static Map<String, Object> sourceRow(PublishedTable t, LocalDate asOf, String citizenship) {
    if (!t.available()) {
      return null;
    }
    Indicator ind = t.indicator();
    String measure = ind.measures().isEmpty() ? null : ind.measures().get(0);
    List<PublishedCell> candidates = t.cells().stream().filter(c -> c.measure().equals(measure)
        && c.periodEnd() != null && !c.periodEnd().isAfter(asOf)).toList();
    boolean anyShown = candidates.stream().anyMatch(Dashboard::shown);
    Comparator<List<String>> byPreference = (a, b) -> {
      for (int i = 0; i < a.size(); i++) {
        int c = Integer.compare(codeRank(ind.dimensions().get(i), a.get(i), citizenship),
            codeRank(ind.dimensions().get(i), b.get(i), citizenship));
        if (c != 0) {
          return c;
        }
      }
      return String.join("|", a).compareTo(String.join("|", b));
    };
    List<String> codes = candidates.stream().filter(c -> !anyShown || shown(c)).map(PublishedCell::dims)
        .min(byPreference).orElse(null);
    PublishedCell hit = codes == null ? null : candidates.stream().filter(c -> c.dims().equals(codes))
        .max(Comparator.comparing(Dashboard::shown)
            .thenComparing(PublishedCell::periodEnd)
            .thenComparing(PublishedCell::periodStart, Comparator.nullsFirst(Comparator.naturalOrder())))
        .orElse(null);
    Map<String, String> dims = new LinkedHashMap<>();
    for (int i = 0; i < ind.dimensions().size(); i++) {
      String d = ind.dimensions().get(i);
      dims.put(d, codes != null ? codes.get(i) : d.equals("citizenship") ? citizenship : Dimension.TOTAL);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("indicator", ind.id());
    m.put("measure", measure);
    m.put("dims", dims);
    m.put("period", hit == null ? null : period(hit.period()));
    m.put("value", hit == null ? null : hit.value());
    m.put("flag", hit == null ? Flags.NOT_AVAILABLE.token() : hit.flag());
    return m;
  }

  private static boolean shown(PublishedCell c) {
    return c.value() != null && !Flags.hidesValue(c.flag());
  }

  /** 0 for the code a headline prefers in a dimension (the citizenship shown, the total, all cases), else its order. */
  private static int codeRank(String dimension, String code, String citizenship) {
    if ((dimension.equals("citizenship") || dimension.equals("country")) && code.equals(citizenship)) {
      return 0;
    }
    if (Dimension.TOTAL.equals(code)) {
      return 1;
    }
    if (code.equals("all")) {
      return 2;
    }
    Dimension d = IndicatorCatalog.DIMENSIONS.get(dimension);
    if (d != null && d.codes() != null && d.codes().containsKey(code)) {
      return 3 + new ArrayList<>(d.codes().keySet()).indexOf(code);
    }
    return Integer.MAX_VALUE;
  }

  /**
   * The side-by-side panel: each source's figure from publish.source_comparison on the latest reference date
   * by the as-of date, with the catalogue's definition of the source; null when the table is not published.
   */
  static Map<String, Object> sourceFigures(List<PublishedTable> tables, LocalDate asOf, String citizenship) {
    PublishedTable t = tables.stream().filter(x -> x.indicator().id().equals("source_comparison") && x.available())
        .findFirst().orElse(null);
    if (t == null) {
      return null;
    }
    int ci = t.indicator().dimensions().indexOf("citizenship");
    int si = t.indicator().dimensions().indexOf("source");
    LocalDate date = null;
    for (PublishedCell c : t.cells()) {
      if (c.periodEnd() != null && !c.periodEnd().isAfter(asOf) && citizenship.equals(c.dims().get(ci))
          && (date == null || c.periodEnd().isAfter(date))) {
        date = c.periodEnd();
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("date", date == null ? null : date.toString());
    m.put("citizenship", citizenship);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map.Entry<String, Text> e : IndicatorCatalog.SOURCE_DEFINITIONS.entrySet()) {
      PublishedCell hit = null;
      for (PublishedCell c : t.cells()) {
        if (date != null && date.equals(c.periodEnd()) && citizenship.equals(c.dims().get(ci))
            && e.getKey().equals(c.dims().get(si))) {
          hit = c;
          break;
        }
      }
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("source", e.getKey());
      r.put("label", IndicatorCatalog.DIMENSIONS.get("source").codes().get(e.getKey()));
      r.put("definition", e.getValue());
      r.put("date", hit == null ? null : hit.timePeriod());
      r.put("value", hit == null ? null : hit.value());
      r.put("flag", hit == null ? Flags.NOT_AVAILABLE.token() : hit.flag());
      rows.add(r);
    }
    m.put("rows", rows);
    return m;
  }

  /**
   * The registered and usual residents block (issue 15): the catalogue's two definitions and the groups that make
   * up their difference, each with the code of {@code publish.usual_residents} whose cell on the reference date the
   * page shows beside it (for the citizenship chosen; a hidden cell by its flag). The page adds nothing up.
   */
  static Map<String, Object> usualResidents(LocalDate asOf) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("indicator", IndicatorCatalog.RESIDENCE_DEFINITIONS_INDICATOR);
    m.put("dimension", IndicatorCatalog.RESIDENCE_DEFINITIONS_DIMENSION);
    m.put("measure", IndicatorCatalog.find(IndicatorCatalog.RESIDENCE_DEFINITIONS_INDICATOR).orElseThrow()
        .measures().get(0));
    m.put("date", asOf.toString());
    m.put("difference", IndicatorCatalog.USUAL_RESIDENCE_CAVEAT);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (IndicatorCatalog.ResidenceDefinition d : IndicatorCatalog.RESIDENCE_DEFINITIONS) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("code", d.code());
      r.put("label", d.label());
      r.put("definition", d.definition());
      rows.add(r);
    }
    m.put("rows", rows);
    return m;
  }

  private static Map<String, Object> tile(Headlines.Tile tile, List<PublishedTable> tables) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", tile.spec().key());
    m.put("label", tile.spec().label());
    if (tile.spec().note() != null) {
      m.put("note", tile.spec().note());
    }
    m.put("indicator", tile.indicator());
    m.put("measure", tile.measure());
    m.put("format", tile.format());
    m.put("yearToDate", tile.yearToDate());
    PublishedCell c = tile.cell();
    if (c == null) {
      m.put("available", false);
      m.put("flag", Flags.NOT_AVAILABLE.token());
      return m;
    }
    Indicator ind = tables.stream().filter(t -> t.indicator().id().equals(tile.indicator())).findFirst()
        .orElseThrow().indicator();
    m.put("available", true);
    m.put("dims", Headlines.dims(ind, c));
    m.put("period", period(c.period()));
    m.put("value", c.value());
    m.put("flag", c.flag());
    List<Map<String, Object>> cmps = new ArrayList<>();
    tile.comparisons().forEach(x -> cmps.add(comparison(x)));
    m.put("comparisons", cmps);
    return m;
  }

  private static Map<String, Object> comparison(Headlines.Comparison cmp) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("against", cmp.against() == Headlines.Against.PREVIOUS_MONTH ? "month" : "year");
    m.put("base", period(cmp.base().period()));
    m.put("baseValue", cmp.base().value());
    if (cmp.cell() == null) {
      return m;
    }
    m.put("period", period(cmp.cell().period()));
    m.put("value", cmp.cell().value());
    m.put("flag", cmp.cell().flag());
    m.put("change", cmp.change());
    m.put("changePct", cmp.changePct());
    return m;
  }

  // ---- the HTML file ----------------------------------------------------------------------------

  static String html(Map<String, Object> model) throws IOException {
    String template = resource("export/dashboard.html");
    String css = resource("export/dashboard.css");
    String app = resource("export/dashboard.js");
    String echarts = resource(ECHARTS);
    // Inside a <script> element only "</script" and "<!--" can end or confuse it; ECharts has neither, but be sure.
    echarts = scriptSafe(echarts);
    app = scriptSafe(app);
    String data = json(model);
    String csp = String.join("; ",
        "default-src 'none'",
        "script-src " + hash(echarts) + " " + hash(app),
        "style-src 'unsafe-inline'",
        "img-src data: blob:",
        "font-src 'none'",
        "connect-src 'none'",
        "media-src 'none'",
        "object-src 'none'",
        "frame-src 'none'",
        "worker-src 'none'",
        "base-uri 'none'",
        "form-action 'none'");
    Map<String, String> parts = new LinkedHashMap<>();
    parts.put("@@CSP@@", csp);
    parts.put("@@TITLE@@", escapeHtml(title(model)));
    parts.put("@@NOTICE@@", notice(model));
    parts.put("@@CSS@@", css);
    parts.put("@@DATA@@", data);
    parts.put("@@ECHARTS@@", echarts);
    parts.put("@@APP@@", app);
    return fill(template, parts);
  }

  /** The page title as first served (Indonesian, the default language), marked when the data are synthetic. */
  static String title(Map<String, Object> model) {
    String t = UiText.TEXT.get("title").id();
    return model.containsKey("notice") ? UiText.TEXT.get("syntheticTag").id() + " " + t : t;
  }

  /**
   * The synthetic-data banner, in the page itself (so it shows, in both languages, before any script runs and in
   * the file's text); the script only puts the reader's language first. Empty for a release of real data.
   */
  @SuppressWarnings("unchecked")
  static String notice(Map<String, Object> model) {
    Map<String, Text> n = (Map<String, Text>) model.get("notice");
    if (n == null) {
      return "";
    }
    Text title = n.get("title");
    Text detail = n.get("detail");
    return "<div class=\"notice\" id=\"synthetic-notice\" role=\"note\" aria-labelledby=\"notice-title\">"
        + "<p class=\"notice-title\" id=\"notice-title\"><strong lang=\"id\">" + escapeHtml(title.id()) + "</strong>"
        + " <span class=\"notice-other\" lang=\"en\">" + escapeHtml(title.en()) + "</span></p>"
        + "<p class=\"notice-detail\" lang=\"id\">" + escapeHtml(detail.id()) + "</p></div>";
  }

  /** Replaces each marker of the template once; inserted text is never scanned for markers again. */
  static String fill(String template, Map<String, String> parts) {
    StringBuilder out = new StringBuilder(template.length() + parts.values().stream().mapToInt(String::length).sum());
    int pos = 0;
    while (true) {
      int next = -1;
      String marker = null;
      for (String k : parts.keySet()) {
        int i = template.indexOf(k, pos);
        if (i >= 0 && (next < 0 || i < next)) {
          next = i;
          marker = k;
        }
      }
      if (marker == null) {
        out.append(template, pos, template.length());
        return out.toString();
      }
      out.append(template, pos, next).append(parts.get(marker));
      pos = next + marker.length();
    }
  }

  static String scriptSafe(String js) {
    return js.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT").replace("<!--", "<\\!--");
  }

  static String hash(String script) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
      return "'sha256-" + Base64.getEncoder().encodeToString(d) + "'";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String escapeHtml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  static String resource(String name) throws IOException {
    ClassLoader cl = Dashboard.class.getClassLoader();
    try (InputStream in = cl.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing from the classpath"
            + (name.contains("echarts") ? " (dependency org.webjars.npm:echarts:" + ECHARTS_VERSION + ")" : ""));
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * JSON safe to embed in an HTML {@code <script type="application/json">}: every {@code <}, {@code >} and
   * {@code &} is written as a {@code \}{@code u} escape, so neither {@code </script>} nor {@code <!--} can
   * appear, whatever a label holds; U+2028/2029 are escaped too.
   */
  static String json(Object value) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    mapper.getFactory().setCharacterEscapes(new HtmlSafeEscapes());
    return mapper.writeValueAsString(value);
  }

  private static final class HtmlSafeEscapes extends CharacterEscapes {
    private final int[] ascii;

    HtmlSafeEscapes() {
      ascii = CharacterEscapes.standardAsciiEscapesForJSON();
      ascii['<'] = CharacterEscapes.ESCAPE_STANDARD;
      ascii['>'] = CharacterEscapes.ESCAPE_STANDARD;
      ascii['&'] = CharacterEscapes.ESCAPE_STANDARD;
      ascii['\''] = CharacterEscapes.ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (ch == 0x2028) {
        return new SerializedString("\\u2028");
      }
      if (ch == 0x2029) {
        return new SerializedString("\\u2029");
      }
      return null;
    }
  }

  static void write(Path file, Map<String, Object> model) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, html(model), StandardCharsets.UTF_8);
  }
}
