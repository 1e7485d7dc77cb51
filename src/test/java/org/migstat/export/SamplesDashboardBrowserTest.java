package org.migstat.export;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import org.migstat.testing.Chromium;
import org.migstat.testing.Locks;
import org.migstat.testing.SampleLakehouse;
import org.migstat.testing.SparkExtension;
import org.openqa.selenium.WebElement;

/**
 * The acceptance check of issue 5 on real data: the dashboard exported from the lakehouse the pipeline builds from
 * the bundled samples (as of {@link SampleLakehouse#AS_OF}) opens offline in Chromium, cleanly, in both languages,
 * with the calibrated headline figures. The export is SampleLakehouse.export(), in target/samples-export (the
 * shared lakehouse is only read).
 */
@ExtendWith(SparkExtension.class)
@ResourceLock(Locks.SAMPLES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.MethodName.class)
class SamplesDashboardBrowserTest {

  private SparkSession spark;
  private ExportResult export;
  private Chromium browser;
  private DashboardPage page;
  private final Map<String, List<Row>> published = new ConcurrentHashMap<>();

  @BeforeAll
  void exportAndStartBrowser(SparkSession spark) throws Exception {
    this.spark = spark;
    export = SampleLakehouse.export();
    System.out.print(export.summary());
    browser = Chromium.start();
    page = new DashboardPage(browser, export.dashboard());
  }

  @AfterAll
  void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  /** An indicator's publish rows at the Delta version the export read, up to the as-of date (read here, with Spark). */
  private List<Row> published(String indicatorId) {
    return published.computeIfAbsent(indicatorId, id -> {
      Long version = export.tableVersions().get("publish." + id);
      assertTrue(version != null && version >= 0, "publish." + id + " was exported");
      return spark.read().format("delta").option("versionAsOf", version)
          .load(SampleLakehouse.root().resolve("publish").resolve(id).toString())
          .filter(col("period_start").leq(Date.valueOf(SampleLakehouse.AS_OF))).collectAsList();
    });
  }

  @Test
  void a_opensOfflineWithoutErrorsOrNetworkRequests() {
    assertEquals(List.of(), export.notPublished(), "the samples run publishes every catalogue indicator");
    page.assertLoadsCleanOffline();
    assertEquals(3L, page.js("return document.scripts.length"), "the page's own scripts only");
    assertEquals(SampleLakehouse.AS_OF.toString(), page.find("#stamp-as-of").getAttribute("data-iso"));
    assertEquals(export.runId(), page.find("#stamp-run").getText());
  }

  @Test
  void b_rendersEveryChart() {
    page.open();
    List<Map<String, Object>> charts = page.charts();
    for (Indicator ind : IndicatorCatalog.INDICATORS) {
      assertTrue(charts.stream().anyMatch(c -> ind.id().equals(c.get("indicator")) && "breakdown".equals(c.get("kind"))),
          "breakdown chart of " + ind.id());
      assertTrue(charts.stream().anyMatch(c -> ind.id().equals(c.get("indicator")) && ((Number) c.get("points")).intValue() > 0),
          ind.id() + " plots published values in some chart");
    }
    assertTrue(charts.stream().filter(c -> "trend".equals(c.get("kind"))).count() >= 8,
        "monthly trends: " + charts.stream().filter(c -> "trend".equals(c.get("kind"))).map(c -> c.get("panel")).toList());
    // Real selections can be hidden whole (the month to date of the case types): then every bar says its flag.
    charts.forEach(DashboardPage::assertDrawnOrFlagged);
    assertEquals(List.of(), browser.pageErrors());
  }

  /**
   * The case profile's four breakdowns (recruitment platform, lure job, form of exploitation, means of control) each
   * have a panel: a drawn chart of shares, the caveats, the definition, and a data table whose every figure
   * (persons and shares) is the published cell.
   */
  @Test
  void b2_caseProfileBreakdownsAreFourAccessiblePanels() {
    page.open();
    Indicator profile = IndicatorCatalog.find("case_profile").orElseThrow();
    List<Map<String, Object>> charts = page.charts();
    for (String attribute : List.of("platform", "lure_job", "exploitation_type", "control_method")) {
      String id = "panel-case_profile-" + attribute;
      Map<String, Object> chart = charts.stream().filter(c -> id.equals(c.get("panel"))).findFirst().orElseThrow();
      DashboardPage.assertDrawnOrFlagged(chart);
      WebElement table = page.assertAccessiblePanel(page.find("#" + id), profile);
      assertTrue(DashboardPage.assertTableShowsPublished(table, published("case_profile"), "id") >= 4, id);
    }
    assertEquals(List.of(), browser.pageErrors());
  }

  /** Bahasa Indonesia first (the page's default): the calibrated figures for Indonesian citizens, each a publish cell. */
  @Test
  void c_headlineTilesInBahasaIndonesia() throws Exception {
    page.open();
    assertEquals("id", page.js("return document.documentElement.lang"));
    assertEquals("IDN", page.find("#citizenship-select").getAttribute("value"), "the page opens on Indonesian citizens");
    Map<String, WebElement> shown = page.checkTiles("id", this::published, SampleLakehouse.AS_OF);
    assertEquals(Headlines.SPECS.stream().map(Headlines.Spec::key).toList(), List.copyOf(shown.keySet()),
        "every tile shows a published cell (a hidden one by its flag)");
    for (String key : List.of("residents", "permit_holders", "coverage", "documentation_gap")) {
      assertEquals(Map.of("citizenship", "IDN"), DashboardPage.dims(shown.get(key)), key);
      assertEquals("permit_coverage", shown.get(key).getAttribute("data-indicator"), key);
    }
    Map<String, String> tiles = page.tileTexts();
    assertEquals("73.500", tiles.get("residents"));
    assertEquals("58.307", tiles.get("permit_holders"));
    for (String key : List.of("residents", "permit_holders", "coverage", "documentation_gap")) {
      assertEquals("2024-02-29", DashboardPage.assertChangeFromPublished(shown.get(key), 0, this::published, "id"), key);
      assertEquals("2023-03-31", DashboardPage.assertChangeFromPublished(shown.get(key), 1, this::published, "id"), key);
    }
    assertCaseTiles(shown, "id");
    browser.screenshot("samples-id");
    assertEquals(List.of(), browser.pageErrors());
  }

  /**
   * The case tiles (Indonesian citizens, all case types). On the samples the year to date on 13 March is hidden
   * (its month to date is), so the count shows the year to date at 29 February, published at month ends for these
   * tiles: vs 1 January to 28 February 2023 only (the same span), a published cell. The share shows the publish row
   * of a year to date ending on or before the as-of date, its number when published, its flag when hidden (which
   * one is hidden depends on the release's suppression pattern, not asserted).
   */
  private void assertCaseTiles(Map<String, WebElement> shown, String lang) {
    WebElement cases = shown.get("cases_ytd");
    assertEquals(Map.of("citizenship", "IDN", "case_type", "_T"), DashboardPage.dims(cases));
    assertTrue(cases.getAttribute("data-value") != null, "a published number: " + cases.getText());
    assertEquals("2024-01-01..2024-02-29", cases.getAttribute("data-time-period"));
    // like with like: January–February 2024 vs January–February 2023 (never vs January alone)
    assertEquals(1, cases.findElements(org.openqa.selenium.By.cssSelector(".tile-change")).size(), cases.getText());
    assertEquals("2023-01-01..2023-02-28", DashboardPage.assertChangeFromPublished(cases, 0, this::published, lang));

    WebElement scam = shown.get("scam_share");
    assertEquals(Map.of("citizenship", "IDN", "case_type", "_T"), DashboardPage.dims(scam));
    // a year to date ending on or before the as-of date: the as-of date's when it is published, else the latest
    // month end's (like the count); the tile shows exactly the publish row of that period, a hidden one by its flag
    String shownPeriod = scam.getAttribute("data-time-period");
    assertTrue(List.of("2024-01-01..2024-02-29", "2024-01-01..2024-03-13").contains(shownPeriod), shownPeriod);
    Row asOfShare = idnCases("2024-01-01..2024-03-13", "scam_related_share_pct");
    if (asOfShare.getAs("value") != null) {
      assertEquals("2024-01-01..2024-03-13", shownPeriod, "the as-of date's year to date is published: it is shown");
    }
    Row share = idnCases(shownPeriod, "scam_related_share_pct");
    if (share.getAs("value") == null) {
      assertEquals("[c]", share.getAs("flag"), "the share " + shownPeriod);
      assertNull(scam.getAttribute("data-value"), "a hidden share shows no number");
    } else {
      assertEquals((Double) share.getAs("value"), Double.parseDouble(scam.getAttribute("data-value")), 0.005,
          "the share " + shownPeriod);
    }
  }

  /** The one publish row of cases_by_month for Indonesian citizens, all case types. */
  private Row idnCases(String timePeriod, String measure) {
    List<Row> rows = published("cases_by_month").stream().filter(r -> timePeriod.equals(r.getAs("time_period"))
        && "IDN".equals(r.getAs("citizenship")) && "_T".equals(r.getAs("case_type"))
        && measure.equals(r.getAs("measure"))).toList();
    assertEquals(1, rows.size(), measure + " " + timePeriod);
    return rows.get(0);
  }

  @Test
  void d_headlineTilesInEnglish() throws Exception {
    page.open();
    page.switchLanguage("en");
    assertEquals("en", page.js("return document.documentElement.lang"));
    assertEquals("13 March 2024", page.find("#stamp-as-of").getText());
    Map<String, WebElement> shown = page.checkTiles("en", this::published, SampleLakehouse.AS_OF);
    Map<String, String> tiles = page.tileTexts();
    assertEquals("73,500", tiles.get("residents"));
    assertEquals("58,307", tiles.get("permit_holders"));
    assertCaseTiles(shown, "en");
    assertFalse(((String) page.js("return document.body.innerText")).contains("Penduduk WNI"), "no Indonesian label left");
    browser.screenshot("samples-en");
    assertEquals(List.of(), browser.pageErrors());
  }

  /**
   * Issue 16 on the samples: the run used the demo key, so the release says it is synthetic; every published
   * indicator's headline is a published figure (none shows [x]); border net entries for Indonesian citizens are
   * published (their monthly entries and exits all are); axe-core finds no WCAG 2.2 AA violation in either language.
   */
  @Test
  void e_syntheticHeadlinesBorderAndAccessibility() throws Exception {
    page.open();
    // both languages are in the served page; only the reader's is shown, so read the text content
    String notice = page.find("#synthetic-notice").getAttribute("textContent");
    assertTrue(notice.contains(DataOrigin.NOTICE.id()) && notice.contains(DataOrigin.NOTICE.en()),
        "the samples are synthetic: " + notice);
    for (WebElement row : page.findAll("#sources-table tbody tr")) {
      assertFalse(row.findElement(org.openqa.selenium.By.cssSelector("td.num")).getText().equals("[x]"),
          "a published table shows its headline: " + row.getText());
    }
    String border = page.find("#source-figures tr[data-source='border_net_entries'] td.num").getText();
    assertFalse(border.contains("[c]") || border.contains("[x]"), "border net entries published: " + border);
    for (String lang : List.of("id", "en")) {
      page.open();
      if (lang.equals("en")) {
        page.switchLanguage("en");
      }
      page.js("document.querySelectorAll('details').forEach(function (d) { d.open = true; })");
      assertEquals(List.of(), browser.axeViolations(Chromium.WCAG22_AA), "axe-core in " + lang);
    }
  }
}
