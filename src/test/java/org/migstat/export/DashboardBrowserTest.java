package org.migstat.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.migstat.catalog.Indicator;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.testing.SparkExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's Chromium, headless, driven by Debian's chromedriver through Selenium
 * (both binaries given explicitly, so Selenium Manager never downloads anything), with the network switched off.
 * Fails — does not skip — when Chromium is missing: CI installs it (.ci/run).
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.MethodName.class)
class DashboardBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SHOTS = Path.of(System.getProperty("basedir", "."), "target", "dashboard-screenshots");

  /** Runs before any page script: records alerts, errors and CSP violations instead of letting them pass unseen. */
  static final String TRAP = String.join("\n",
      "window.__alerts = []; window.__errors = [];",
      "['alert', 'confirm', 'prompt'].forEach(function (n) {",
      "  window[n] = function (m) { window.__alerts.push(n + ': ' + m); };",
      "});",
      "window.addEventListener('error', function (e) {",
      "  window.__errors.push('error: ' + (e.message || (e.target && (e.target.src || e.target.tagName)) || e.type));",
      "}, true);",
      "window.addEventListener('securitypolicyviolation', function (e) {",
      "  window.__errors.push('csp: ' + e.violatedDirective + ' ' + e.blockedURI);",
      "});",
      "(function () { var ce = console.error, cw = console.warn;",
      "  console.error = function () { window.__errors.push('console.error: ' + Array.prototype.join.call(arguments, ' ')); return ce.apply(console, arguments); };",
      "  console.warn = function () { window.__errors.push('console.warn: ' + Array.prototype.join.call(arguments, ' ')); return cw.apply(console, arguments); };",
      "}());");

  private ExportFixture.Built fx;
  private ChromeDriverService service;
  private ChromeDriver driver;
  private Path profile;
  private SparkSession spark;

  @BeforeAll
  void startBrowser(SparkSession spark) throws Exception {
    assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER + "): the dashboard test needs a real browser. "
            + "Install it with `apt-get update && apt-get install -y chromium chromium-driver` (.ci/run does this in CI).");
    this.spark = spark;
    fx = ExportFixture.get();
    profile = Files.createTempDirectory("migstat-chromium-profile");
    service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        "--user-data-dir=" + profile, "--window-size=1400,1000");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    driver = new ChromeDriver(service, options);
    driver.executeCdpCommand("Network.enable", Map.of());
    driver.executeCdpCommand("Network.emulateNetworkConditions",
        Map.of("offline", true, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", TRAP));
    // Keep the page the tests looked at next to the screenshots.
    Files.createDirectories(SHOTS);
    Files.copy(fx.out().resolve("dashboard/index.html"), SHOTS.resolve("index.html"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @AfterAll
  void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
    if (service != null) {
      service.stop();
    }
    if (profile != null) {
      try (Stream<Path> s = Files.walk(profile)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (Exception ignored) {
        // a leftover temp profile is harmless
      }
    }
  }

  private void open() {
    driver.get(fx.out().resolve("dashboard/index.html").toUri().toString());
    waitReady("id");
  }

  private void waitReady(String lang) {
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(d ->
        lang.equals(((ChromeDriver) d).executeScript("return document.documentElement.getAttribute('data-ready')")));
  }

  private Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  @SuppressWarnings("unchecked")
  private List<String> pageErrors() {
    return (List<String>) js("return window.__errors || ['trap not installed']");
  }

  @Test
  @SuppressWarnings("unchecked")
  void a_loadsOfflineWithoutErrorsRequestsOrInjectedScripts() throws Exception {
    driver.get("about:blank");
    driver.manage().logs().get(LogType.PERFORMANCE); // drain the browser's own start-up requests (new-tab page)
    open();
    assertEquals(List.of(), pageErrors(), "console errors, warnings or CSP violations");
    assertEquals(List.of(), js("return window.__alerts"), "no alert ran");
    assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
    List<String> severe = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
        severe.add(e.getMessage());
      }
    }
    assertEquals(List.of(), severe, "browser console");

    List<String> requests = new ArrayList<>();
    ObjectMapper om = new ObjectMapper();
    for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
      JsonNode m = om.readTree(e.getMessage()).path("message");
      if (m.path("method").asText().equals("Network.requestWillBeSent")) {
        requests.add(m.path("params").path("request").path("url").asText());
      }
    }
    assertFalse(requests.isEmpty(), "the performance log records requests");
    for (String url : requests) {
      assertTrue(url.startsWith("file:") || url.startsWith("data:"), "request to " + url);
    }
    for (Object name : (List<Object>) js("return performance.getEntriesByType('resource').map(function (e) { return e.name; })")) {
      assertTrue(name.toString().startsWith("file:") || name.toString().startsWith("data:"), "resource " + name);
    }

    assertEquals(3L, js("return document.scripts.length"), "no script was injected by a label");
    assertEquals(0L, js("return document.querySelectorAll('img, iframe, object, embed').length"));
    String text = (String) js("return document.body.innerText");
    assertTrue(text.contains(ExportFixture.HOSTILE), "the hostile label is shown as text");
    assertTrue(text.contains(ExportFixture.HOSTILE_IMG));
    assertTrue(text.contains(ExportFixture.FORMULA));
  }

  @Test
  @SuppressWarnings("unchecked")
  void b_rendersEveryChart() {
    open();
    List<Map<String, Object>> charts = (List<Map<String, Object>>) js(String.join("\n",
        "return Array.prototype.map.call(document.querySelectorAll('.chart'), function (c) {",
        "  var svg = c.querySelector('svg'); var box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};",
        "  return {indicator: c.getAttribute('data-indicator'), kind: c.getAttribute('data-kind'),",
        "    points: +c.getAttribute('data-points'), width: box.width, height: box.height,",
        "    paths: svg ? svg.querySelectorAll('path').length : 0, texts: svg ? svg.querySelectorAll('text').length : 0};",
        "});"));
    List<String> indicators = IndicatorCatalog.INDICATORS.stream().map(Indicator::id).toList();
    for (String id : indicators) {
      assertTrue(charts.stream().anyMatch(c -> id.equals(c.get("indicator")) && "breakdown".equals(c.get("kind"))),
          "breakdown chart of " + id);
      assertTrue(charts.stream().anyMatch(c -> id.equals(c.get("indicator")) && "trend".equals(c.get("kind"))),
          "trend chart of " + id);
    }
    for (Map<String, Object> c : charts) {
      String what = c.get("indicator") + "/" + c.get("kind");
      assertTrue(((Number) c.get("points")).intValue() > 0, what + " plots published values");
      assertTrue(((Number) c.get("width")).doubleValue() > 100 && ((Number) c.get("height")).doubleValue() > 100, what);
      assertTrue(((Number) c.get("paths")).intValue() > 3, what + " has drawn shapes");
      assertTrue(((Number) c.get("texts")).intValue() > 3, what + " has labels");
    }
    assertEquals(List.of(), pageErrors());
  }

  /** Every headline tile equals the publish cell it names, on the as-of date; language formats numbers. */
  @Test
  void c_headlineTilesEqualThePublishedCells() {
    open();
    checkTiles("id");
    Map<String, String> idn = tileTexts();
    assertEquals("73.012", idn.get("residents"));
    assertEquals("58.307", idn.get("permit_holders"));
    assertEquals("14.705", idn.get("documentation_gap"));
    assertEquals("79,9%", idn.get("coverage").replace('\u00a0', ' ').replace(" ", ""));
    WebElement residents = driver.findElement(By.cssSelector("article.tile[data-tile='residents']"));
    List<WebElement> changes = residents.findElements(By.cssSelector(".tile-change"));
    assertEquals("2024-02-29", changes.get(0).getAttribute("data-compare"), "vs the previous month's end");
    assertTrue(changes.get(0).getText().contains("+532"), changes.get(0).getText());
    assertEquals("2023-03-31", changes.get(1).getAttribute("data-compare"), "vs the same month a year earlier");
    assertTrue(changes.get(1).getText().contains("+7.782"), changes.get(1).getText());
  }

  private Map<String, String> tileTexts() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (WebElement t : driver.findElements(By.cssSelector("article.tile"))) {
      m.put(t.getAttribute("data-tile"), t.findElement(By.cssSelector(".tile-value")).getText());
    }
    return m;
  }

  private void checkTiles(String lang) {
    List<WebElement> tiles = driver.findElements(By.cssSelector("article.tile"));
    assertEquals(Headlines.SPECS.size(), tiles.size());
    int checked = 0;
    for (WebElement t : tiles) {
      String shown = t.findElement(By.cssSelector(".tile-value")).getText();
      String period = t.getAttribute("data-time-period");
      String indicator = t.getAttribute("data-indicator");
      if (period == null) {
        assertEquals("[x]", shown, t.getAttribute("data-tile") + " is not available and says so");
        continue;
      }
      String measure = t.getAttribute("data-measure");
      Map<String, String> dims = new java.util.LinkedHashMap<>();
      for (String kv : t.getAttribute("data-dims").split(";")) {
        String[] p = kv.split("=", 2);
        dims.put(p[0], p[1]);
      }
      List<Row> rows = fx.published(spark, indicator).stream()
          .filter(r -> period.equals(r.getAs("time_period")) && measure.equals(r.getAs("measure"))
              && dims.entrySet().stream().allMatch(e -> e.getValue().equals(r.getAs(e.getKey()))))
          .toList();
      assertEquals(1, rows.size(), "one published cell behind tile " + t.getAttribute("data-tile"));
      Double value = rows.get(0).getAs("value");
      if (value == null) {
        assertEquals(rows.get(0).getAs("flag"), shown);
      } else {
        assertEquals(value, Double.parseDouble(t.getAttribute("data-value")), 0.0);
        boolean pct = "pct".equals(t.getAttribute("data-format"));
        double expected = pct ? Math.round(value * 10) / 10.0 : value;
        assertEquals(expected, parseLocalised(shown, lang), 1e-9, "tile " + t.getAttribute("data-tile") + ": " + shown);
      }
      if (t.getAttribute("data-tile").equals("residents")) {
        assertEquals(ExportFixture.AS_OF.toString(), period, "the residents tile is the stock on the as-of date");
      }
      checked++;
    }
    assertTrue(checked >= 4, "the four residence tiles are published in the fixture");
  }

  static double parseLocalised(String text, String lang) {
    String s = text.replaceAll("\\[[^\\]]*\\]", "").replace("%", "").replace("\u00a0", "").replace("\u202f", "")
        .replace(" ", "").replace("\u2212", "-");
    s = lang.equals("id") ? s.replace(".", "").replace(",", ".") : s.replace(",", "");
    return Double.parseDouble(s);
  }

  @Test
  void d_switchingLanguageChangesLabelsAndNumberFormats() throws Exception {
    open();
    Indicator coverage = IndicatorCatalog.find("permit_coverage").orElseThrow();
    assertEquals("id", js("return document.documentElement.lang"));
    assertEquals(UiText.TEXT.get("title").id(), driver.findElement(By.id("page-title")).getText());
    assertEquals(coverage.title().id(), driver.findElement(By.id("h-permit_coverage")).getText());
    assertEquals("13 Maret 2024", driver.findElement(By.id("stamp-as-of")).getText());
    screenshot("id");

    WebElement lang = driver.findElement(By.id("lang-select"));
    assertEquals("select", lang.getTagName(), "a native control, usable with the keyboard");
    new Select(lang).selectByValue("en");
    waitReady("en");
    assertEquals("en", js("return document.documentElement.lang"));
    assertEquals(UiText.TEXT.get("title").en(), driver.findElement(By.id("page-title")).getText());
    assertEquals(coverage.title().en(), driver.findElement(By.id("h-permit_coverage")).getText());
    assertEquals("13 March 2024", driver.findElement(By.id("stamp-as-of")).getText());
    Map<String, String> en = tileTexts();
    assertEquals("73,012", en.get("residents"));
    assertEquals("58,307", en.get("permit_holders"));
    assertEquals("79.9%", en.get("coverage").replace("\u00a0", "").replace(" ", ""));
    checkTiles("en");
    assertTrue(((String) js("return document.body.innerText")).contains("Flags used in this dashboard"));
    screenshot("en");

    // Back with the keyboard alone: focus the control and press a key.
    lang = driver.findElement(By.id("lang-select"));
    js("arguments[0].focus()", lang);
    lang.sendKeys(Keys.ARROW_UP);
    waitReady("id");
    assertEquals("73.012", tileTexts().get("residents"));
    assertEquals(List.of(), pageErrors());
  }

  private void screenshot(String lang) throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> metrics = (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
    double w = ((Number) size.get("width")).doubleValue();
    double h = Math.min(((Number) size.get("height")).doubleValue(), 16_000);
    Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
        "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", w, "height", h, "scale", 1)));
    Path file = SHOTS.resolve("dashboard-" + lang + ".png");
    Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    assertTrue(Files.size(file) > 20_000, "a real screenshot: " + file);
  }

  @Test
  void e_suppressedAndCensoredCellsShowTheirFlags() {
    open();
    WebElement vnm = driver.findElement(By.cssSelector(
        "#panel-permit_coverage table.breakdown tr[data-key='citizenship=" + ExportFixture.SUPPRESSED + "'] td[data-measure='residents']"));
    assertEquals("[c]", vnm.getAttribute("textContent"), "a suppressed cell shows its flag, not a number");
    WebElement chn = driver.findElement(By.cssSelector(
        "#panel-permit_coverage table.breakdown tr[data-key='citizenship=CHN'] td[data-measure='documentation_gap']"));
    assertEquals("-12 [e]", chn.getAttribute("textContent"), "an estimate keeps its flag; a negative stays negative");
    String svgText = (String) js("var s = document.querySelector(\"#panel-permit_coverage .chart[data-kind='breakdown'] svg\");"
        + " return s ? s.textContent : ''");
    assertTrue(svgText.contains("[c]"), "the chart labels the hidden bar with its flag");
    String legend = driver.findElement(By.id("sec-legend")).getText();
    assertTrue(legend.contains("[c]") && legend.contains("[x]") && legend.contains("<5"), legend);

    // The global citizenship filter only picks published cells: the censored cell shows as "<5".
    new Select(driver.findElement(By.id("citizenship-select"))).selectByValue(ExportFixture.SUPPRESSED);
    waitReady("id");
    WebElement feb = driver.findElement(By.cssSelector("#panel-first_permits table.trend tr[data-period='2024-02']"));
    List<String> cells = feb.findElements(By.tagName("td")).stream().map(e -> e.getAttribute("textContent")).toList();
    assertTrue(cells.contains("<5"), "censored cell shown as <5: " + cells);
    assertNotEquals("0", cells.get(0));
    assertEquals(List.of(), pageErrors());
  }

  @Test
  void f_everyPanelOffersDefinitionCaveatsAndItsDataTable() {
    open();
    for (Indicator ind : IndicatorCatalog.INDICATORS) {
      WebElement panel = driver.findElement(By.id("panel-" + ind.id()));
      WebElement about = panel.findElement(By.cssSelector("details.about"));
      about.findElement(By.tagName("summary")).click();
      String text = about.getText();
      assertTrue(text.contains(ind.description().id()), ind.id() + " definition");
      assertTrue(text.contains(ind.definitionVersion()), ind.id() + " definition version");
      for (var caveat : ind.caveats()) {
        assertTrue(panel.findElement(By.cssSelector("ul.caveats")).getText().contains(caveat.id()), ind.id() + " caveat");
      }
      WebElement data = panel.findElement(By.cssSelector("details.data"));
      data.findElement(By.tagName("summary")).click();
      assertFalse(data.findElements(By.cssSelector("table.breakdown tbody tr")).isEmpty(), ind.id() + " data table");
      assertNotNull(data.findElement(By.tagName("caption")));
    }
    WebElement sources = driver.findElement(By.id("sources-table"));
    assertTrue(sources.findElements(By.cssSelector("tbody tr")).size() >= IndicatorCatalog.INDICATORS.size());
    assertTrue(driver.findElement(By.id("sec-comparison")).getText().contains(UiText.TEXT.get("sourcesWhy").id()));
    if (pageErrors().size() > 0) {
      fail(String.valueOf(pageErrors()));
    }
  }
}
