package org.migstat.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
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
import org.migstat.testing.Chromium;
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
    WebElement residents = driver().findElement(By.cssSelector("article.tile[data-tile='residents']"));
    List<WebElement> changes = residents.findElements(By.cssSelector(".tile-change"));
    assertEquals("2024-02-29", changes.get(0).getAttribute("data-compare"), "vs the previous month's end");
    assertTrue(changes.get(0).getText().contains("+532"), changes.get(0).getText());
    assertEquals("2023-03-31", changes.get(1).getAttribute("data-compare"), "vs the same month a year earlier");
    assertTrue(changes.get(1).getText().contains("+7.782"), changes.get(1).getText());
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
    checkTiles("en");
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
      WebElement panel = driver().findElement(By.id("panel-" + ind.id()));
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
    WebElement sources = driver().findElement(By.id("sources-table"));
    assertTrue(sources.findElements(By.cssSelector("tbody tr")).size() >= IndicatorCatalog.INDICATORS.size());
    assertTrue(driver().findElement(By.id("sec-comparison")).getText().contains(UiText.TEXT.get("sourcesWhy").id()));
    if (pageErrors().size() > 0) {
      fail(String.valueOf(pageErrors()));
    }
  }
}
