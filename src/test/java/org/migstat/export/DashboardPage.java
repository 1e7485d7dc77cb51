package org.migstat.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.migstat.testing.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The exported dashboard as the browser tests read it: open it, switch language, read tiles and charts. */
final class DashboardPage {
  private final Chromium browser;
  private final Path index;

  DashboardPage(Chromium browser, Path index) {
    this.browser = browser;
    this.index = index;
  }

  /** Opens the page and waits until it has drawn itself in its default language (Bahasa Indonesia). */
  void open() {
    browser.open(index);
    waitReady("id");
  }

  /** The page marks {@code <html data-ready=LANG>} once every panel is drawn in that language. */
  void waitReady(String lang) {
    try {
      browser.waitUntil("return document.documentElement.getAttribute('data-ready')", lang, Duration.ofSeconds(60));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("the page did not finish drawing in " + lang + "; its errors: " + browser.pageErrors(), e);
    }
  }

  void switchLanguage(String lang) {
    new Select(browser.driver().findElement(By.id("lang-select"))).selectByValue(lang);
    waitReady(lang);
  }

  Object js(String script, Object... args) {
    return browser.js(script, args);
  }

  WebElement find(String css) {
    return browser.driver().findElement(By.cssSelector(css));
  }

  List<WebElement> findAll(String css) {
    return browser.driver().findElements(By.cssSelector(css));
  }

  /**
   * Loads the page from a clean log and checks it ran cleanly and offline: nothing in the trap (errors,
   * console warnings, CSP violations), no alert, nothing at WARNING in the browser console, and every request
   * to a file: or data: URL (the performance log must have seen requests, or the check proves nothing).
   */
  void assertLoadsCleanOffline() {
    browser.resetLogs();
    open();
    assertEquals(List.of(), browser.pageErrors(), "console errors, warnings or CSP violations");
    assertEquals(List.of(), browser.alerts(), "no alert ran");
    assertThrows(NoAlertPresentException.class, () -> browser.driver().switchTo().alert());
    assertEquals(List.of(), browser.consoleProblems(), "browser console");
    List<String> requests = browser.requests();
    assertFalse(requests.isEmpty(), "the performance log records requests");
    for (String url : requests) {
      assertTrue(url.startsWith("file:") || url.startsWith("data:"), "request to " + url);
    }
    for (String name : browser.pageResources()) {
      assertTrue(name.startsWith("file:") || name.startsWith("data:"), "resource " + name);
    }
  }

  /** Every {@code .chart}: its indicator, kind, published points plotted, drawn size and SVG shapes. */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> charts() {
    return (List<Map<String, Object>>) js(String.join("\n",
        "return Array.prototype.map.call(document.querySelectorAll('.chart'), function (c) {",
        "  var svg = c.querySelector('svg'); var box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};",
        "  var panel = c.closest('section.panel');",
        "  return {panel: panel ? panel.id : null, indicator: c.getAttribute('data-indicator'), kind: c.getAttribute('data-kind'),",
        "    points: +c.getAttribute('data-points'), width: box.width, height: box.height,",
        "    paths: svg ? svg.querySelectorAll('path').length : 0, texts: svg ? svg.querySelectorAll('text').length : 0,",
        "    flagged: svg ? Array.prototype.filter.call(svg.querySelectorAll('text'), function (t) {",
        "      return /^(\\[[^\\]]+\\]|<\\d+)/.test(t.textContent.trim()); }).length : 0};",
        "});"));
  }

  /** Asserts a chart is drawn: published values plotted, a real size, shapes and labels in its SVG. */
  static void assertDrawn(Map<String, Object> c) {
    String what = c.get("panel") + "/" + c.get("kind");
    assertTrue(((Number) c.get("points")).intValue() > 0, what + " plots published values");
    assertDrawnShapes(c);
  }

  /**
   * Asserts a chart is drawn with published values, or — where every cell of the selection is hidden (real
   * releases have such selections) — with a flag label on each placeholder instead.
   */
  static void assertDrawnOrFlagged(Map<String, Object> c) {
    String what = c.get("panel") + "/" + c.get("kind");
    assertTrue(((Number) c.get("points")).intValue() > 0 || ((Number) c.get("flagged")).intValue() > 0,
        what + " plots published values or labels its hidden ones with their flags");
    assertDrawnShapes(c);
  }

  private static void assertDrawnShapes(Map<String, Object> c) {
    String what = c.get("panel") + "/" + c.get("kind");
    assertTrue(((Number) c.get("width")).doubleValue() > 100 && ((Number) c.get("height")).doubleValue() > 100, what);
    assertTrue(((Number) c.get("paths")).intValue() > 3, what + " has drawn shapes");
    assertTrue(((Number) c.get("texts")).intValue() > 3, what + " has labels");
  }

  /**
   * A panel is readable without its chart: its caveats listed (on a case panel, that identified victims are not
   * prevalence), the indicator's definition, version and source one click away, and the data table behind the
   * chart, with a caption, one click away too. Returns the panel's breakdown table.
   */
  WebElement assertAccessiblePanel(WebElement panel, org.migstat.catalog.Indicator ind) {
    String id = panel.getAttribute("id");
    String caveats = panel.findElement(By.cssSelector("ul.caveats")).getAttribute("textContent");
    for (var caveat : ind.caveats()) {
      assertTrue(caveats.contains(caveat.id()) || caveats.contains(caveat.en()), id + " caveat " + caveat.en());
    }
    if (ind.family().equals("cases")) {
      assertTrue(caveats.toLowerCase(java.util.Locale.ROOT).contains("prevalen"), // prevalence, prevalensi
          id + " says identified victims are not prevalence");
    }
    WebElement about = panel.findElement(By.cssSelector("details.about"));
    about.findElement(By.tagName("summary")).click();
    String text = about.getText();
    assertTrue(text.contains(ind.description().id()) || text.contains(ind.description().en()), id + " definition");
    assertTrue(text.contains(ind.definitionVersion()), id + " definition version");
    WebElement data = panel.findElement(By.cssSelector("details.data"));
    data.findElement(By.tagName("summary")).click();
    WebElement table = data.findElement(By.cssSelector("table.breakdown"));
    assertFalse(table.findElements(By.cssSelector("tbody tr")).isEmpty(), id + " data table");
    assertFalse(table.findElement(By.tagName("caption")).getText().isBlank(), id + " data table caption");
    return table;
  }

  /**
   * Every figure of a breakdown data table is the published cell at the table's period, the row's codes and the
   * column's measure: its value formatted in {@code lang} (with its flag), the flag alone when hidden ({@code <5}
   * when censored), {@code [x]} when no such cell is published. Returns the number of figures checked.
   */
  static int assertTableShowsPublished(WebElement table, List<Row> published, String lang) {
    String period = table.getAttribute("data-period");
    int n = 0;
    for (WebElement tr : table.findElements(By.cssSelector("tbody tr"))) {
      Map<String, String> key = new LinkedHashMap<>();
      for (String kv : tr.getAttribute("data-key").split(";")) {
        key.put(kv.split("=", 2)[0], kv.split("=", 2)[1]);
      }
      for (WebElement td : tr.findElements(By.cssSelector("td[data-measure]"))) {
        String measure = td.getAttribute("data-measure");
        String shown = td.getAttribute("textContent");
        String what = period + " " + key + " " + measure;
        java.util.Optional<Row> cell = published.stream().filter(r -> period.equals(r.getAs("time_period"))
            && measure.equals(r.getAs("measure"))
            && key.entrySet().stream().allMatch(e -> e.getValue().equals(r.getAs(e.getKey())))).findFirst();
        n++;
        if (cell.isEmpty()) {
          assertEquals("[x]", shown, what + " is not published");
          continue;
        }
        Double value = cell.get().getAs("value");
        String flag = cell.get().getAs("flag");
        if (value == null) {
          assertEquals(flag.matches("\\[<\\d+\\]") ? flag.substring(1, flag.length() - 1) : flag, shown, what);
          continue;
        }
        String format = Measures.format(cell.get().getAs("indicator"), measure);
        double expected = format.equals("pct") ? Math.round(value * 10) / 10.0
            : format.equals("rate") ? Math.round(value * 100) / 100.0
            : value == Math.rint(value) ? value : Math.round(value * 10) / 10.0;
        assertEquals(expected, parseLocalised(shown, lang), 1e-9, what + ": " + shown);
        if (flag != null) {
          assertTrue(shown.endsWith(flag), what + " keeps its flag: " + shown);
        }
      }
    }
    return n;
  }

  /** Tile key to the text of its value, in page order. */
  Map<String, String> tileTexts() {
    Map<String, String> m = new LinkedHashMap<>();
    for (WebElement t : findAll("article.tile")) {
      m.put(t.getAttribute("data-tile"), t.findElement(By.cssSelector(".tile-value")).getText());
    }
    return m;
  }

  /**
   * Every headline tile equals the one published cell it names (indicator, measure, period, dimension codes),
   * read independently by {@code published} (indicator id to its publish rows); a tile without a cell says
   * {@code [x]}. Returns the tiles that showed a published cell, by key.
   */
  Map<String, WebElement> checkTiles(String lang, Function<String, List<Row>> published, LocalDate asOf) {
    List<WebElement> tiles = findAll("article.tile");
    assertEquals(Headlines.SPECS.size(), tiles.size());
    Map<String, WebElement> checked = new LinkedHashMap<>();
    for (WebElement t : tiles) {
      String key = t.getAttribute("data-tile");
      String shown = t.findElement(By.cssSelector(".tile-value")).getText();
      String period = t.getAttribute("data-time-period");
      String indicator = t.getAttribute("data-indicator");
      if (period == null) {
        assertEquals("[x]", shown, key + " is not available and says so");
        continue;
      }
      String measure = t.getAttribute("data-measure");
      Map<String, String> dims = dims(t);
      List<Row> rows = published.apply(indicator).stream()
          .filter(r -> period.equals(r.getAs("time_period")) && measure.equals(r.getAs("measure"))
              && dims.entrySet().stream().allMatch(e -> e.getValue().equals(r.getAs(e.getKey()))))
          .toList();
      assertEquals(1, rows.size(), "one published cell behind tile " + key);
      Double value = rows.get(0).getAs("value");
      if (value == null) {
        assertEquals(rows.get(0).getAs("flag"), shown);
      } else {
        assertEquals(value, Double.parseDouble(t.getAttribute("data-value")), 0.0);
        boolean pct = "pct".equals(t.getAttribute("data-format"));
        double expected = pct ? Math.round(value * 10) / 10.0 : value;
        assertEquals(expected, parseLocalised(shown, lang), 1e-9, "tile " + key + ": " + shown);
      }
      if (key.equals("residents")) {
        assertEquals(asOf.toString(), period, "the residents tile is the stock on the as-of date");
      }
      checked.put(key, t);
    }
    return checked;
  }

  /** The change a tile's i-th change line shows, parsed in {@code lang}. */
  static double change(WebElement tile, int i, String lang) {
    String text = tile.findElements(By.cssSelector(".tile-change")).get(i).getText();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("[+\\-\u2212]?[0-9][0-9.,]*")
        .matcher(text.substring(text.lastIndexOf(": ") + 2));
    assertTrue(m.find(), "a change: " + text);
    return parseLocalised(m.group(), lang);
  }

  /**
   * A tile's i-th change line compares two published cells of the tile's series — the later one ({@code
   * data-base}, the tile's own cell or an earlier year to date) and the earlier one ({@code data-compare}) —
   * and shows the later value minus the earlier. Returns the compared (earlier) period.
   */
  static String assertChangeFromPublished(WebElement tile, int i, Function<String, List<Row>> published, String lang) {
    WebElement line = tile.findElements(By.cssSelector(".tile-change")).get(i);
    String period = line.getAttribute("data-compare");
    String base = line.getAttribute("data-base");
    assertTrue(period != null && base != null, tile.getAttribute("data-tile") + " has a comparison: " + line.getText());
    Double earlier = publishedValue(tile, period, published);
    Double later = publishedValue(tile, base, published);
    assertTrue(earlier != null && later != null, "compared two published numbers: " + line.getText());
    if (base.equals(tile.getAttribute("data-time-period"))) {
      assertEquals(Double.parseDouble(tile.getAttribute("data-value")), later, 0.0);
    }
    double expected = later - earlier;
    boolean pct = "pct".equals(tile.getAttribute("data-format"));
    assertEquals(pct ? Math.round(expected * 10) / 10.0 : expected, change(tile, i, lang), pct ? 0.051 : 1e-9,
        tile.getAttribute("data-tile") + " vs " + period);
    return period;
  }

  /** The published value of a tile's series (its indicator, measure and codes) in {@code period}. */
  static Double publishedValue(WebElement tile, String period, Function<String, List<Row>> published) {
    Map<String, String> dims = dims(tile);
    String measure = tile.getAttribute("data-measure");
    List<Row> rows = published.apply(tile.getAttribute("data-indicator")).stream()
        .filter(r -> period.equals(r.getAs("time_period")) && measure.equals(r.getAs("measure"))
            && dims.entrySet().stream().allMatch(e -> e.getValue().equals(r.getAs(e.getKey()))))
        .toList();
    assertEquals(1, rows.size(), "one published cell behind the comparison " + period);
    return rows.get(0).getAs("value");
  }

  /** A tile's dimension codes ({@code data-dims="citizenship=IDN;case_type=_T"}). */
  static Map<String, String> dims(WebElement tile) {
    Map<String, String> dims = new LinkedHashMap<>();
    for (String kv : tile.getAttribute("data-dims").split(";")) {
      String[] p = kv.split("=", 2);
      dims.put(p[0], p[1]);
    }
    return dims;
  }

  static double parseLocalised(String text, String lang) {
    String s = text.replaceAll("\\[[^\\]]*\\]", "").replace("%", "").replace("\u00a0", "").replace("\u202f", "")
        .replace(" ", "").replace("\u2212", "-");
    s = lang.equals("id") ? s.replace(".", "").replace(",", ".") : s.replace(",", "");
    return Double.parseDouble(s);
  }
}
