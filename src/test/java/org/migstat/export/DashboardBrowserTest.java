package org.migstat.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.migstat.catalog.Indicator;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.catalog.RelationCatalog;
import org.migstat.testing.Chromium;
import org.migstat.testing.Locks;
import org.migstat.testing.SparkExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard of the synthetic fixture ({@link ExportFixture}: hostile labels, suppressed and censored cells) in
 * a real browser with the network switched off ({@link Chromium}).
 */
@ExtendWith(SparkExtension.class)
@ResourceLock(Locks.SPARK_CATALOG)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.MethodName.class)
class DashboardBrowserTest {
  private ExportFixture.Built fx;
  private Chromium browser;
  private DashboardPage page;
  private SparkSession spark;

  @BeforeAll
  void startBrowser(SparkSession spark) throws Exception {
    this.spark = spark;
    fx = ExportFixture.get();
    browser = Chromium.start();
    page = new DashboardPage(browser, fx.out().resolve("dashboard/index.html"));
    // Keep the page the tests looked at next to the screenshots.
    Files.createDirectories(Chromium.SHOTS);
    Files.copy(fx.out().resolve("dashboard/index.html"), Chromium.SHOTS.resolve("index.html"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @AfterAll
  void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  private void open() {
    page.open();
  }

  private Object js(String script, Object... args) {
    return browser.js(script, args);
  }

  private List<String> pageErrors() {
    return browser.pageErrors();
  }

  @Test
  void a_loadsOfflineWithoutErrorsRequestsOrInjectedScripts() {
    page.assertLoadsCleanOffline();
    assertEquals(3L, js("return document.scripts.length"), "no script was injected by a label");
    assertEquals(0L, js("return document.querySelectorAll('img, iframe, object, embed').length"));
    String text = (String) js("return document.body.innerText");
    assertTrue(text.contains(ExportFixture.HOSTILE), "the hostile label is shown as text");
    assertTrue(text.contains(ExportFixture.HOSTILE_IMG));
    assertTrue(text.contains(ExportFixture.FORMULA));
  }

  @Test
  void b_rendersEveryChart() {
    open();
    List<Map<String, Object>> charts = page.charts();
    List<String> indicators = IndicatorCatalog.INDICATORS.stream().map(Indicator::id).toList();
    for (String id : indicators) {
      assertTrue(charts.stream().anyMatch(c -> id.equals(c.get("indicator")) && "breakdown".equals(c.get("kind"))),
          "breakdown chart of " + id);
      assertTrue(charts.stream().anyMatch(c -> id.equals(c.get("indicator")) && "trend".equals(c.get("kind"))),
          "trend chart of " + id);
    }
    charts.forEach(DashboardPage::assertDrawn);
    assertEquals(List.of(), pageErrors());
  }

  /** Every headline tile equals the publish cell it names, on the as-of date; language formats numbers. */
  @Test
  void c_headlineTilesEqualThePublishedCells() {
    open();
    checkTiles("id");
    Map<String, String> idn = page.tileTexts();
    assertEquals("73.012", idn.get("residents"));
    assertEquals("58.307", idn.get("permit_holders"));
    assertEquals("14.705", idn.get("documentation_gap"));
    assertEquals("79,9%", idn.get("coverage").replace('\u00a0', ' ').replace(" ", ""));
    // Issue 15: the usual residents beside the registered ones, two definitions in two tiles, never blended.
    assertEquals(List.of("residents", "usual_residents"), List.copyOf(idn.keySet()).subList(0, 2));
    assertEquals("51.388", idn.get("usual_residents"));
    WebElement usual = driver().findElement(By.cssSelector("article.tile[data-tile='usual_residents']"));
    assertEquals("citizenship=IDN;residence_duration=12m_plus", usual.getAttribute("data-dims"));
    assertEquals(ExportFixture.AS_OF.toString(), usual.getAttribute("data-time-period"));
    assertEquals("2024-02-29", DashboardPage.assertChangeFromPublished(usual, 0, id -> fx.published(spark, id), "id"));
    checkLongTermTile("id");
    checkDeclaredMeasureLabels("id");
    WebElement residents = driver().findElement(By.cssSelector("article.tile[data-tile='residents']"));
    List<WebElement> changes = residents.findElements(By.cssSelector(".tile-change"));
    assertEquals("2024-02-29", changes.get(0).getAttribute("data-compare"), "vs the previous month's end");
    assertEquals("13 Mar 2024 dibanding 29 Feb 2024: +532 (+0,7%)", changes.get(0).getText().replace('\u00a0', ' '),
        "both dates spelled out");
    assertEquals("2023-03-31", changes.get(1).getAttribute("data-compare"), "vs the same month a year earlier");
    assertTrue(changes.get(1).getText().startsWith("13 Mar 2024 dibanding 31 Mar 2023: +7.782"), changes.get(1).getText());

    // The case count of the year to date compares like with like: with the same span a year earlier (1 January to
    // 13 March 2023), never with the shorter year to date at the previous month's end ("cases doubled").
    WebElement cases = driver().findElement(By.cssSelector("article.tile[data-tile='cases_ytd']"));
    assertEquals("2024-01-01..2024-03-13", cases.getAttribute("data-time-period"));
    List<WebElement> caseChanges = cases.findElements(By.cssSelector(".tile-change"));
    assertEquals(1, caseChanges.size(), "one comparison: " + cases.getText());
    assertEquals("2023-01-01..2023-03-13",
        DashboardPage.assertChangeFromPublished(cases, 0, id -> fx.published(spark, id), "id"));
    assertTrue(caseChanges.get(0).getText().startsWith("1 Jan 2024 – 13 Mar 2024 dibanding 1 Jan 2023 – 13 Mar 2023: "),
        caseChanges.get(0).getText());
  }

  /**
   * Issue 15: the long-term residents tile, beside the permit holders', shows the published 5-years-or-more cell
   * (IDN, every reason; checkTiles compares it with the publish row), which is at most the published 12-months-or-more
   * cell it nests in, and says what it counts in the page's language.
   */
  private void checkLongTermTile(String lang) {
    List<String> keys = List.copyOf(page.tileTexts().keySet());
    assertEquals(keys.indexOf("permit_holders") + 1, keys.indexOf("long_term_residents"), keys.toString());
    WebElement tile = driver().findElement(By.cssSelector("article.tile[data-tile='long_term_residents']"));
    assertEquals("citizenship=IDN;reason=_T;validity_class=5y_plus", tile.getAttribute("data-dims"));
    assertEquals(ExportFixture.AS_OF.toString(), tile.getAttribute("data-time-period"));
    assertEquals(IndicatorCatalog.LONG_TERM_RESIDENTS.label().in(lang), tile.findElement(By.tagName("h3")).getText());
    assertEquals(IndicatorCatalog.LONG_TERM_RESIDENTS.definition().in(lang),
        tile.findElement(By.cssSelector(".tile-note")).getText());
    Map<String, Double> published = new java.util.HashMap<>();
    for (Row r : fx.published(spark, "permit_holders_by_reason")) {
      if (ExportFixture.AS_OF.toString().equals(r.getAs("time_period")) && "IDN".equals(r.getAs("citizenship"))
          && "_T".equals(r.getAs("reason")) && "persons".equals(r.getAs("measure"))) {
        published.put(r.getAs("validity_class"), r.getAs("value"));
      }
    }
    double shown = Double.parseDouble(tile.getAttribute("data-value"));
    assertEquals(published.get("5y_plus"), shown, 0.0, "the tile is the published cell");
    assertEquals(2_514.0, shown, 0.0);
    assertTrue(shown <= published.get("12m+"), "nested in 12 months or more: " + published);
    assertEquals(lang.equals("id") ? "2.514" : "2,514", page.tileTexts().get("long_term_residents"));
    assertEquals("2024-02-29", DashboardPage.assertChangeFromPublished(tile, 0, id -> fx.published(spark, id), lang));
  }

  /**
   * Issue 12 §1: measure labels come from the catalogue's one declaration, by indicator — the measure control of a
   * panel and a tile's source line show the declared labels in the page's language.
   */
  private void checkDeclaredMeasureLabels(String lang) {
    Select measures = new Select(driver().findElement(By.cssSelector("#panel-permit_coverage select[id^='m-']")));
    assertEquals(RelationCatalog.of("permit_coverage").measures().stream().map(m -> m.label().in(lang)).toList(),
        measures.getOptions().stream().map(WebElement::getText).toList());
    WebElement holders = driver().findElement(By.cssSelector("article.tile[data-tile='permit_holders'] .tile-source"));
    String label = Measures.label("permit_coverage", "permit_holders_resident").in(lang);
    assertTrue(holders.getText().endsWith(" — " + label), holders.getText());
  }

  private ChromeDriver driver() {
    return browser.driver();
  }

  private void checkTiles(String lang) {
    int checked = page.checkTiles(lang, id -> fx.published(spark, id), ExportFixture.AS_OF).size();
    assertTrue(checked >= 4, "the four residence tiles are published in the fixture");
  }

  @Test
  void d_switchingLanguageChangesLabelsAndNumberFormats() throws Exception {
    open();
    Indicator coverage = IndicatorCatalog.find("permit_coverage").orElseThrow();
    assertEquals("id", js("return document.documentElement.lang"));
    assertEquals(UiText.TEXT.get("title").id(), driver().findElement(By.id("page-title")).getText());
    assertEquals(coverage.title().id(), driver().findElement(By.id("h-permit_coverage")).getText());
    assertEquals("13 Maret 2024", driver().findElement(By.id("stamp-as-of")).getText());
    screenshot("id");

    WebElement lang = driver().findElement(By.id("lang-select"));
    assertEquals("select", lang.getTagName(), "a native control, usable with the keyboard");
    new Select(lang).selectByValue("en");
    page.waitReady("en");
    assertEquals("en", js("return document.documentElement.lang"));
    assertEquals(UiText.TEXT.get("title").en(), driver().findElement(By.id("page-title")).getText());
    assertEquals(coverage.title().en(), driver().findElement(By.id("h-permit_coverage")).getText());
    assertEquals("13 March 2024", driver().findElement(By.id("stamp-as-of")).getText());
    Map<String, String> en = page.tileTexts();
    assertEquals("73,012", en.get("residents"));
    assertEquals("58,307", en.get("permit_holders"));
    assertEquals("79.9%", en.get("coverage").replace("\u00a0", "").replace(" ", ""));
    assertEquals("51,388", en.get("usual_residents"));
    checkTiles("en");
    checkLongTermTile("en");
    checkDeclaredMeasureLabels("en");
    assertTrue(((String) js("return document.body.innerText")).contains("Flags used in this dashboard"));
    screenshot("en");

    // Back with the keyboard alone: focus the control and press a key.
    lang = driver().findElement(By.id("lang-select"));
    js("arguments[0].focus()", lang);
    lang.sendKeys(Keys.ARROW_UP);
    page.waitReady("id");
    assertEquals("73.012", page.tileTexts().get("residents"));
    assertEquals(List.of(), pageErrors());
  }

  private void screenshot(String lang) throws Exception {
    browser.screenshot("dashboard-" + lang);
  }

  @Test
  void e_suppressedAndCensoredCellsShowTheirFlags() {
    open();
    WebElement vnm = driver().findElement(By.cssSelector(
        "#panel-permit_coverage table.breakdown tr[data-key='citizenship=" + ExportFixture.SUPPRESSED + "'] td[data-measure='residents']"));
    assertEquals("[c]", vnm.getAttribute("textContent"), "a suppressed cell shows its flag, not a number");
    WebElement chn = driver().findElement(By.cssSelector(
        "#panel-permit_coverage table.breakdown tr[data-key='citizenship=CHN'] td[data-measure='documentation_gap']"));
    assertEquals("-12 [e]", chn.getAttribute("textContent"), "an estimate keeps its flag; a negative stays negative");
    String svgText = (String) js("var s = document.querySelector(\"#panel-permit_coverage .chart[data-kind='breakdown'] svg\");"
        + " return s ? s.textContent : ''");
    assertTrue(svgText.contains("[c]"), "the chart labels the hidden bar with its flag");
    String legend = driver().findElement(By.id("sec-legend")).getText();
    assertTrue(legend.contains("[c]") && legend.contains("[x]") && legend.contains("<5"), legend);

    // The global citizenship filter only picks published cells: the censored cell shows as "<5".
    new Select(driver().findElement(By.id("citizenship-select"))).selectByValue(ExportFixture.SUPPRESSED);
    page.waitReady("id");
    WebElement feb = driver().findElement(By.cssSelector("#panel-first_permits table.trend tr[data-period='2024-02']"));
    List<String> cells = feb.findElements(By.tagName("td")).stream().map(e -> e.getAttribute("textContent")).toList();
    assertTrue(cells.contains("<5"), "censored cell shown as <5: " + cells);
    assertNotEquals("0", cells.get(0));
    assertEquals(List.of(), pageErrors());
  }

  @Test
  void f_everyPanelOffersDefinitionCaveatsAndItsDataTable() {
    open();
    for (Indicator ind : IndicatorCatalog.INDICATORS) {
      List<WebElement> panels = page.findAll("section.panel[data-indicator='" + ind.id() + "']");
      assertFalse(panels.isEmpty(), ind.id() + " has a panel");
      for (WebElement panel : panels) {
        page.assertAccessiblePanel(panel, ind);
      }
    }
    WebElement sources = driver().findElement(By.id("sources-table"));
    assertTrue(sources.findElements(By.cssSelector("tbody tr")).size() >= IndicatorCatalog.INDICATORS.size());
    assertTrue(driver().findElement(By.id("sec-comparison")).getText().contains(UiText.TEXT.get("sourcesWhy").id()));
    if (pageErrors().size() > 0) {
      fail(String.valueOf(pageErrors()));
    }
  }

  /**
   * The case profile: one panel each for recruitment platform, lure job, form of exploitation and means of control
   * (the characteristic fixed, its categories side by side as shares of persons, each bar labelled with its count),
   * then the other characteristics together behind a selector. Every figure shown is the published cell.
   */
  @Test
  void g_caseProfileBreakdownsAreFourPanelsOfSharesWithCounts() {
    open();
    Indicator profile = IndicatorCatalog.find("case_profile").orElseThrow();
    var attributes = IndicatorCatalog.DIMENSIONS.get("attribute").codes();
    List<String> four = List.of("platform", "lure_job", "exploitation_type", "control_method");
    List<String> ids = page.findAll("section.panel[data-indicator='case_profile']").stream()
        .map(e -> e.getAttribute("id")).toList();
    assertEquals(List.of("panel-case_profile-platform", "panel-case_profile-lure_job",
        "panel-case_profile-exploitation_type", "panel-case_profile-control_method", "panel-case_profile-other"), ids);
    List<Row> published = fx.published(spark, "case_profile");
    for (String attribute : four) {
      WebElement panel = driver().findElement(By.id("panel-case_profile-" + attribute));
      assertEquals(attributes.get(attribute).id(), panel.findElement(By.tagName("h3")).getText());
      assertTrue(panel.findElements(By.id("f-case_profile-" + attribute + "-attribute")).isEmpty(),
          "the characteristic is fixed: no selector for it");
      assertEquals("1", new Select(panel.findElement(By.id("m-case_profile-" + attribute))).getFirstSelectedOption()
          .getAttribute("value"), "shares of persons first");
      Map<String, Object> chart = page.charts().stream()
          .filter(c -> ("panel-case_profile-" + attribute).equals(c.get("panel"))).findFirst().orElseThrow();
      DashboardPage.assertDrawn(chart);
      String svg = panel.findElement(By.cssSelector(".chart[data-kind='breakdown'] svg")).getAttribute("textContent");
      assertTrue(svg.matches("(?s).*%\\s*\\([0-9.]+\\).*"), attribute + ": a share labelled with its count: " + svg);

      WebElement table = page.assertAccessiblePanel(panel, profile);
      List<String> keys = table.findElements(By.cssSelector("tbody tr")).stream().map(tr -> tr.getAttribute("data-key")).toList();
      assertTrue(keys.size() >= 2 && keys.stream().allMatch(k -> k.startsWith("attribute=" + attribute + ";")),
          "only this characteristic's categories: " + keys);
      assertEquals(List.of("persons", "share_pct"), table.findElements(By.cssSelector("tbody tr:first-child td[data-measure]"))
          .stream().map(td -> td.getAttribute("data-measure")).toList(), "counts and shares side by side");
      assertTrue(DashboardPage.assertTableShowsPublished(table, published, "id") >= 4, attribute);
    }
    WebElement other = driver().findElement(By.id("panel-case_profile-other"));
    List<String> rest = new Select(other.findElement(By.id("f-case_profile-other-attribute"))).getOptions().stream()
        .map(o -> o.getAttribute("value")).toList();
    assertEquals(attributes.keySet().stream().filter(a -> !four.contains(a)).toList(), rest,
        "the other characteristics, one at a time");
    page.assertAccessiblePanel(other, profile);
    assertEquals(List.of(), pageErrors());
  }

  /**
   * The fixture's run is recorded as synthetic: the page says "synthetic demonstration data — not official
   * statistics" in both languages before any script runs (in the file itself), in a banner at the top, the title,
   * the footer and a tag on every chart caption; the reader's language comes first.
   */
  @Test
  void h_saysTheDataAreSyntheticInBothLanguages() throws Exception {
    String html = Files.readString(fx.out().resolve("dashboard/index.html"));
    assertTrue(html.contains(DataOrigin.NOTICE.en()) && html.contains(DataOrigin.NOTICE.id()), "in the file's text");
    open();
    assertEquals(UiText.TEXT.get("subtitleSynthetic").id(), driver().findElement(By.id("page-subtitle")).getText(),
        "never called official statistics");
    WebElement notice = driver().findElement(By.id("synthetic-notice"));
    assertTrue(notice.isDisplayed());
    assertEquals("id", notice.findElement(By.tagName("strong")).getAttribute("lang"));
    assertEquals(DataOrigin.NOTICE.id().toUpperCase(java.util.Locale.ROOT),
        notice.findElement(By.tagName("strong")).getText().toUpperCase(java.util.Locale.ROOT));
    assertTrue(notice.getText().contains(DataOrigin.NOTICE.en()), "the other language too: " + notice.getText());
    assertTrue(((String) js("return document.title")).startsWith(UiText.TEXT.get("syntheticTag").id()));
    assertTrue(driver().findElement(By.cssSelector("footer.foot")).getText().contains(DataOrigin.NOTICE.id()));
    // a chart or the headline figures cut out of the page still carry the tag
    long captions = (Long) js("return document.querySelectorAll('figcaption').length");
    assertEquals(captions, js("return document.querySelectorAll('figcaption .synthetic-tag').length"), "every chart caption");
    assertEquals(UiText.TEXT.get("syntheticTag").id(),
        driver().findElement(By.cssSelector("#h-headlines .synthetic-tag")).getText());

    page.switchLanguage("en");
    notice = driver().findElement(By.id("synthetic-notice"));
    assertEquals("en", notice.findElement(By.tagName("strong")).getAttribute("lang"));
    assertTrue(notice.getText().toUpperCase(java.util.Locale.ROOT).startsWith(
        DataOrigin.NOTICE.en().toUpperCase(java.util.Locale.ROOT)), notice.getText());
    assertTrue(notice.getText().contains(DataOrigin.NOTICE.id()));
    assertTrue(notice.getText().contains(DataOrigin.NOTICE_DETAIL.en()));
    assertTrue(((String) js("return document.title")).startsWith(UiText.TEXT.get("syntheticTag").en()));
    assertEquals(List.of(), pageErrors());
  }

  /**
   * WCAG 2.2 AA as axe-core checks it (every rule tagged A or AA in WCAG 2.0, 2.1 and 2.2), with every details
   * element open so the data tables are checked too: no violation, in either language.
   */
  @Test
  void i_meetsWcag22AaByAxeCoreInBothLanguages() throws Exception {
    for (String lang : List.of("id", "en")) {
      open();
      if (lang.equals("en")) {
        page.switchLanguage("en");
      }
      js("document.querySelectorAll('details').forEach(function (d) { d.open = true; })");
      List<String> violations = browser.axeViolations(Chromium.WCAG22_AA);
      assertEquals(List.of(), violations, "axe-core " + js("return window.__axeVersion") + " in " + lang);
    }
  }

  /**
   * Every control — links, selects, the summaries that open definitions and data tables, the boxes that scroll wide
   * tables — is reached with the Tab key alone, in page order, shows where the focus is and is scrolled into view,
   * uncovered; a select changed with the arrow keys keeps the focus after its panel redraws.
   */
  @Test
  void j_everyControlIsReachedWithTheKeyboard() {
    open();
    long controls = (Long) js(String.join("\n",
        "var all = document.querySelectorAll('a[href], select, summary, button, input, [tabindex]:not([tabindex=\"-1\"])');",
        "var n = 0; all.forEach(function (e) { if (e.checkVisibility()) { e.setAttribute('data-kbd', String(n++)); } });",
        "return n;"));
    // (controls inside a closed details element are not rendered, so not reachable until it is opened)
    assertTrue(controls > 50, "the page has its controls: " + controls);
    js("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
    java.util.List<String> problems = new java.util.ArrayList<>();
    int expected = 0;
    org.openqa.selenium.interactions.Actions tab = new org.openqa.selenium.interactions.Actions(driver());
    for (int i = 0; i < controls + 5 && expected < controls; i++) {
      tab.sendKeys(Keys.TAB).perform();
      @SuppressWarnings("unchecked")
      Map<String, Object> f = (Map<String, Object>) js(String.join("\n",
          "var e = document.activeElement; var r = e.getBoundingClientRect(); var cs = getComputedStyle(e);",
          "var hit = document.elementFromPoint(Math.max(r.left, 0) + Math.min(r.width / 2, 8),",
          "  Math.max(r.top, 0) + Math.min(r.height / 2, 8));",
          "return {kbd: e.getAttribute('data-kbd'), tag: e.tagName, id: e.id,",
          "  outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2,",
          "  visible: hit !== null && (hit === e || e.contains(hit) || hit.contains(e))};"));
      if (f.get("kbd") == null) {
        continue; // a focusable element the browser adds (none expected), or the page itself
      }
      int k = Integer.parseInt((String) f.get("kbd"));
      if (k != expected) {
        problems.add("expected control " + expected + ", focus went to " + k + " " + f);
      }
      if (!Boolean.TRUE.equals(f.get("outline"))) {
        problems.add("no visible focus outline on " + f);
      }
      if (!Boolean.TRUE.equals(f.get("visible"))) {
        problems.add("focused control not in view or covered by something else: " + f);
      }
      expected = k + 1;
    }
    assertEquals(controls, expected, "every control reached: " + problems);
    assertEquals(List.of(), problems);

    WebElement period = driver().findElement(By.id("p-permit_coverage"));
    js("arguments[0].focus()", period);
    String before = period.getAttribute("value");
    period.sendKeys(Keys.ARROW_DOWN);
    page.waitReady("id");
    assertEquals("p-permit_coverage", js("return document.activeElement.id"), "the focus stays on the select");
    assertNotEquals(before, js("return document.activeElement.value"), "the arrow key changed the period");
    WebElement summary = driver().findElement(By.cssSelector("#panel-permit_coverage details.data summary"));
    js("arguments[0].focus()", summary);
    summary.sendKeys(Keys.ENTER);
    assertEquals(Boolean.TRUE, js("return document.querySelector('#panel-permit_coverage details.data').open"),
        "Enter opens the data table");
    assertEquals(List.of(), pageErrors());
  }

  /**
   * Issue 15: registered and usual residents side by side on the reference date, each beside the catalogue's
   * definition, with the one sentence that explains the difference (the persons registered under 12 months: temporary
   * stays of 3 to 11 months and stays under 3 months), in both languages. Every figure is the published cell of
   * publish.usual_residents; a suppressed one shows its flag.
   */
  @Test
  void l_usualResidentsBesideRegisteredResidentsWithTheDifferenceExplained() {
    open();
    List<Row> published = fx.published(spark, "usual_residents");
    List<String> codes = IndicatorCatalog.RESIDENCE_DEFINITIONS.stream().map(IndicatorCatalog.ResidenceDefinition::code)
        .toList();
    assertEquals(List.of("_T", "12m_plus", "3_11m", "lt_3m"), codes);
    for (String lang : List.of("id", "en")) {
      if (lang.equals("en")) {
        page.switchLanguage("en");
      }
      WebElement block = driver().findElement(By.id("sec-usual"));
      assertEquals(UiText.TEXT.get("usualResidents").in(lang), block.findElement(By.tagName("h2")).getText());
      assertEquals(IndicatorCatalog.USUAL_RESIDENCE_CAVEAT.in(lang), driver().findElement(By.id("usual-difference")).getText(),
          "the difference explained in " + lang);
      WebElement table = driver().findElement(By.id("usual-residents"));
      assertEquals(ExportFixture.AS_OF.toString(), table.getAttribute("data-period"), "the reference date");
      assertEquals("IDN", table.getAttribute("data-citizenship"));
      List<WebElement> rows = table.findElements(By.cssSelector("tbody tr"));
      assertEquals(codes, rows.stream().map(r -> r.getAttribute("data-code")).toList());
      Map<String, Double> shown = new java.util.LinkedHashMap<>();
      for (int i = 0; i < rows.size(); i++) {
        IndicatorCatalog.ResidenceDefinition d = IndicatorCatalog.RESIDENCE_DEFINITIONS.get(i);
        assertEquals(d.label().in(lang), rows.get(i).findElement(By.tagName("th")).getText());
        List<WebElement> tds = rows.get(i).findElements(By.tagName("td"));
        assertEquals(d.definition().in(lang), tds.get(0).getText(), "the catalogue's definition of " + d.code());
        shown.put(d.code(), DashboardPage.parseLocalised(tds.get(1).getText(), lang));
      }
      assertEquals(4, DashboardPage.assertTableShowsPublished(table, published, lang), "every figure is its publish cell");
      assertEquals(Map.of("_T", 73_012.0, "12m_plus", 51_388.0, "3_11m", 16_204.0, "lt_3m", 5_420.0), shown);
      assertTrue(shown.get("12m_plus") < shown.get("_T"), "usual residents < registered residents");
      // the two groups the sentence names are the whole difference (published cells; the page adds nothing up)
      assertEquals(shown.get("_T") - shown.get("12m_plus"), shown.get("3_11m") + shown.get("lt_3m"), 0.0);
      // the registered residents are the registered residents tile: one figure, whichever table shows it
      assertEquals(page.tileTexts().get("residents"), rows.get(0).findElements(By.tagName("td")).get(1).getText());
      assertEquals("#panel-usual_residents", block.findElement(By.cssSelector("a")).getAttribute("hash"),
          "by citizenship and over time: the indicator's panel");
    }
    // Another citizenship: its cells; the suppressed ones by their flag, never a number.
    new Select(driver().findElement(By.id("citizenship-select"))).selectByValue(ExportFixture.SUPPRESSED);
    page.waitReady("en");
    WebElement table = driver().findElement(By.id("usual-residents"));
    assertEquals(ExportFixture.SUPPRESSED, table.getAttribute("data-citizenship"));
    assertEquals("[c]", table.findElement(By.cssSelector("tr[data-code='12m_plus'] td.num")).getText());
    assertEquals("[c]", table.findElement(By.cssSelector("tr[data-code='lt_3m'] td.num")).getText());
    assertEquals(4, DashboardPage.assertTableShowsPublished(table, published, "en"));
    assertEquals(List.of(), pageErrors());
  }

  /** Every chart has a data table with the same caption: the text alternative holds what the chart draws. */
  @Test
  void k_everyChartHasItsDataTable() {
    open();
    @SuppressWarnings("unchecked")
    List<String> missing = (List<String>) js(String.join("\n",
        "var out = [];",
        "document.querySelectorAll('figure').forEach(function (fig) {",
        "  var kind = fig.querySelector('.chart').getAttribute('data-kind');",
        "  var panel = fig.closest('section.panel');",
        "  var cap = fig.querySelector('figcaption').textContent;",
        "  var tables = panel.querySelectorAll('details.data table.' + kind);",
        "  var ok = Array.prototype.some.call(tables, function (t) {",
        "    var c = t.querySelector('caption').textContent; return cap.indexOf(c) === 0 && t.querySelectorAll('tbody tr').length > 0; });",
        "  if (!ok) { out.push(panel.id + ' ' + kind + ': ' + cap); }",
        "});",
        "return out;"));
    assertEquals(List.of(), missing);
    assertTrue(page.charts().size() >= 2 * IndicatorCatalog.INDICATORS.size(), "the charts were found");
  }
}
