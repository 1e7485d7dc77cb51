package org.migstat.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.migstat.catalog.CaseTables;
import org.migstat.catalog.TableDef;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.pipeline.RunJob;
import org.migstat.testing.Locks;
import org.migstat.testing.SampleLakehouse;
import org.migstat.testing.SparkExtension;

/**
 * Every notebook in notebooks/ runs green on a lakehouse the real pipeline built, so none can rot:
 * a renamed column, a dropped table or a failing check in any of them fails this test.
 */
@ExtendWith(SparkExtension.class)
@ResourceLock(Locks.SAMPLES)
@ResourceLock(Locks.SPARK_CATALOG)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotebooksTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path out;
  SparkSession spark;
  LakehouseFixture.Built lakehouse;

  @BeforeAll
  void buildLakehouse() {
    spark = SparkExtension.spark();
    lakehouse = LakehouseFixture.shared(spark);
  }

  static Path notebooksDir() {
    return Path.of(System.getProperty("basedir", ".")).resolve("notebooks");
  }

  static List<Path> notebooks() throws IOException {
    try (Stream<Path> s = Files.list(notebooksDir())) {
      return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
  }

  NotebookRunner runner() {
    return new NotebookRunner(spark, lakehouse.lakehouse(), NotebookRunner.DEFAULT_MAX_ROWS, System.out);
  }

  @Test
  void theNotebooksTheIssueAsksForAreThere() throws IOException {
    List<String> names = notebooks().stream().map(p -> p.getFileName().toString()).toList();
    assertTrue(names.containsAll(List.of("monthly_report.ipynb", "case_profile.ipynb", "source_comparison.ipynb",
        "data_quality_review.ipynb", "reproduce_release.ipynb")), names.toString());
  }

  /**
   * On the lakehouse the pipeline builds from the bundled samples (every source delivered, so every table
   * built), each notebook runs every cell green with its default parameters.
   */
  @TestFactory
  Stream<DynamicTest> everyNotebookRunsGreenOnTheSamples() throws IOException {
    String samples = SampleLakehouse.root().toString();
    return notebooks().stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> {
      NotebookRunner.Report r = new NotebookRunner(spark, samples, NotebookRunner.DEFAULT_MAX_ROWS, System.out)
          .run(nb, Map.of(), out.resolve("samples"));
      assertTrue(r.succeeded());
      assertTrue(r.sqlCells() > 0, "no SQL cell ran in " + nb);
      assertEquals(List.of(), r.skipped(), "every table is built from the samples: no cell may be skipped");
      assertWellFormed(nb, r);
      if (nb.getFileName().toString().equals("monthly_report.ipynb")) {
        // The calibrated headline: 73,500 Indonesian residents, 58,307 of them with a valid work permit.
        RunJob.Headline idn = RunJob.headline(SampleLakehouse.lakehouse(), SampleLakehouse.AS_OF, "IDN");
        assertEquals(73_500, idn.residents());
        assertEquals(58_307, idn.permitHolders());
        String all = String.join("\n", results(r.executed()));
        assertTrue(hasRow(all, SampleLakehouse.AS_OF, "IDN", idn.residents(), idn.permitHolders()), all);
      }
    }));
  }

  /** On the small two-run lakehouse, where some sources never arrived, cells over unbuilt tables say so. */
  @TestFactory
  Stream<DynamicTest> everyNotebookRunsGreenOnALakehouseMissingSources() throws IOException {
    return notebooks().stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> {
      NotebookRunner.Report r = runner().run(nb, Map.of(), out.resolve("default"));
      assertTrue(r.succeeded());
      assertTrue(r.sqlCells() > 0, "no SQL cell ran in " + nb);
      assertWellFormed(nb, r);
      // A skipped cell is only ever one whose table is not built yet.
      for (NotebookRunner.CellResult c : r.skipped()) {
        assertTrue(c.detail().contains("not built yet"), c.toString());
      }
    }));
  }

  /** The executed notebook is the source plus outputs; the HTML is self-contained. */
  void assertWellFormed(Path source, NotebookRunner.Report r) throws IOException {
    JsonNode src = JSON.readTree(source.toFile());
    JsonNode done = JSON.readTree(r.executed().toFile());
    assertEquals(src.get("cells").size(), done.get("cells").size(), "cells added or lost");
    assertEquals(4, done.get("nbformat").asInt());
    assertEquals("succeeded", done.path("metadata").path("migstat").path("status").asText());
    for (int i = 0; i < src.get("cells").size(); i++) {
      JsonNode a = src.get("cells").get(i);
      JsonNode b = done.get("cells").get(i);
      assertEquals(a.get("source"), b.get("source"), "cell " + (i + 1) + " source changed");
      String first = text(a.get("source")).strip();
      boolean sql = "code".equals(a.get("cell_type").asText()) && first.startsWith("%sql");
      boolean skipped = b.path("metadata").path("migstat").has("skipped");
      if (sql && !skipped) {
        assertTrue(b.get("execution_count").isInt(), "cell " + (i + 1) + " not executed");
        for (JsonNode o : b.get("outputs")) {
          assertEquals("execute_result", o.get("output_type").asText());
          assertTrue(o.get("data").has("text/plain") && o.get("data").has("text/html"));
          assertTrue(text(o.get("data").get("text/plain")).matches("(?s).*\\((\\d+ rows?|showing the first .*)\\)$"));
        }
      }
    }
    String html = Files.readString(r.html(), StandardCharsets.UTF_8);
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertFalse(html.contains("<script"), "the HTML rendering must not carry scripts");
    assertFalse(html.contains("http://") || html.contains("https://"), "the HTML rendering must be self-contained");
  }

  static String text(JsonNode lines) {
    if (lines.isArray()) {
      StringBuilder sb = new StringBuilder();
      lines.forEach(l -> sb.append(l.asText()));
      return sb.toString();
    }
    return lines.asText();
  }

  /** Plain text of every execute_result in the executed notebook, by cell number. */
  static List<String> results(Path executed) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode c : JSON.readTree(executed.toFile()).get("cells")) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode o : c.path("outputs")) {
        sb.append(text(o.path("data").path("text/plain"))).append(text(o.path("text")));
      }
      out.add(sb.toString());
    }
    return out;
  }

  /** True when a row of a text result table starts with these cell values. */
  static boolean hasRow(String text, Object... leading) {
    for (String line : text.split("\n")) {
      String[] cells = line.split(" \\| ", -1);
      if (cells.length < leading.length) {
        continue;
      }
      boolean all = true;
      for (int i = 0; i < leading.length && all; i++) {
        all = cells[i].strip().equals(String.valueOf(leading[i]));
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  /**
   * The latest public release on or before the fixture's as-of date (the fixture has no release calendar: its
   * month end 2024-02-29 is a release, 2024-03-13 is not), whose own date the monthly report shows.
   */
  String release() {
    return spark.read().format("delta").load(lakehouse.lakehouse() + "/publish/permit_coverage")
        .filter("release_id NOT LIKE 'internal-%' AND reference_date <= DATE'" + LakehouseFixture.AS_OF + "'")
        .agg(org.apache.spark.sql.functions.max("reference_date")).first().getDate(0).toString();
  }

  /** A published cell as the monthly report shows it: the value, or the flag of a cell that has none. */
  Map<String, String> published(String citizenship) {
    Map<String, String> shown = new java.util.HashMap<>();
    for (Row r : spark.read().format("delta").load(lakehouse.lakehouse() + "/publish/permit_coverage")
        .filter("release_id NOT LIKE 'internal-%' AND reference_date = DATE'" + release() + "' AND time_period = '"
            + release() + "' AND citizenship = '" + citizenship + "'")
        .select("measure", "value", "flag").collectAsList()) {
      String flag = r.isNullAt(2) ? "" : r.getString(2);
      String v = r.isNullAt(1) ? flag : (r.getString(0).equals("coverage_pct")
          ? String.format(java.util.Locale.ROOT, "%.2f", r.getDouble(1)) : Long.toString((long) r.getDouble(1)))
          + (flag.isEmpty() ? "" : " " + flag);
      shown.put(r.getString(0), v);
    }
    return shown;
  }

  @Test
  void monthlyReportShowsThePublishedHeadlineForTheChosenCitizenship() throws IOException {
    Map<String, String> chn = published("CHN");
    Map<String, String> idn = published("IDN");
    Path nb = notebooksDir().resolve("monthly_report.ipynb");

    NotebookRunner.Report r = runner().run(nb, Map.of("citizenship", "chn"), out.resolve("chn"));
    assertEquals(Map.of("as_of", "2024-03-13", "citizenship", "CHN"), r.parameters());
    String all = String.join("\n", results(r.executed()));
    assertTrue(hasRow(all, release(), "CHN", chn.get("residents"), chn.get("permit_holders")), all);
    JsonNode done = JSON.readTree(r.executed().toFile());
    // Papermill's convention: the values used sit in a cell tagged injected-parameters after the defaults.
    JsonNode injected = done.get("cells").get(2);
    assertEquals("injected-parameters", injected.path("metadata").path("tags").get(0).asText());
    assertEquals("# Parameters given to migstat notebook run\ncitizenship = \"CHN\"", text(injected.get("source")));

    NotebookRunner.Report dflt = runner().run(nb, Map.of(), out.resolve("idn"));
    String headline = results(dflt.executed()).get(7);
    // What was published, not gold: a suppressed figure shows its flag.
    assertEquals("[c]", idn.get("residents"), "the fixture's few Indonesian residents are suppressed");
    assertTrue(hasRow(headline, release(), "IDN", idn.get("residents"), idn.get("permit_holders"),
        idn.get("permit_holders_resident"), idn.get("coverage_pct"), idn.get("documentation_gap")), headline);
    // Every citizenship of the release: CHN's one resident is published as [c], and the notebook shows [c], not 1.
    // (FRA's one resident registered on 1 March: not in the release of 29 February the report shows.)
    String everyone = results(dflt.executed()).get(9);
    assertEquals("[c]", published("CHN").get("residents"));
    assertTrue(hasRow(everyone, "CHN", "[c]"), everyone);
    assertFalse(everyone.contains("FRA"), everyone);
    assertTrue(hasRow(everyone, "_T", published("_T").get("residents")), everyone);

    // Issue 15: usual residents beside the registered ones, as published (publish.usual_residents, not gold), for
    // the citizenship and for all citizenships; the two groups that make up the difference are cells of their own.
    String usual = results(dflt.executed()).get(14);
    for (String citizenship : List.of("IDN", "_T")) {
      Map<String, String> cells = publishedUsual(citizenship);
      assertEquals(java.util.Set.of("_T", "12m_plus", "3_11m", "lt_3m"), cells.keySet(), citizenship);
      assertTrue(hasRow(usual, release(), citizenship, cells.get("_T"), cells.get("12m_plus"), cells.get("3_11m"),
          cells.get("lt_3m")), citizenship + ": " + usual);
    }

    // Issue 15: the long-term class (valid 5 years or more) as published, nested in 12 months or more, beside the
    // other classes of publish.permit_holders_by_reason (every reason), for the citizenship and all citizenships.
    String validity = results(dflt.executed()).get(24);
    for (String citizenship : List.of("IDN", "_T")) {
      Map<String, String> cells = publishedValidity(citizenship);
      assertTrue(cells.keySet().containsAll(List.of("_T", "12m+", "12-59m", "5y_plus")), citizenship + ": " + cells);
      List<Object> row = new java.util.ArrayList<>(List.of(release(), citizenship, "_T"));
      for (String c : List.of("3-5m", "6-11m", "12m+", "12-59m", "5y_plus", "_T")) {
        row.add(cells.getOrDefault(c, "[x]")); // the fixture's few holders leave some classes without a cell
      }
      assertTrue(hasRow(validity, row.toArray()), citizenship + ": " + validity);
      if (cells.get("5y_plus").matches("[0-9]+") && cells.get("12m+").matches("[0-9]+")) {
        assertTrue(Long.parseLong(cells.get("5y_plus")) <= Long.parseLong(cells.get("12m+")), cells.toString());
      }
    }
  }

  /** publish.permit_holders_by_reason of the report's release, every reason, by length of validity, as shown. */
  Map<String, String> publishedValidity(String citizenship) {
    Map<String, String> shown = new java.util.HashMap<>();
    for (Row r : spark.read().format("delta").load(lakehouse.lakehouse() + "/publish/permit_holders_by_reason")
        .filter("release_id NOT LIKE 'internal-%' AND reference_date = DATE'" + release() + "' AND time_period = '"
            + release() + "' AND citizenship = '" + citizenship + "' AND reason = '_T' AND measure = 'persons'")
        .select("validity_class", "value", "flag").collectAsList()) {
      String flag = r.isNullAt(2) ? "" : r.getString(2);
      shown.put(r.getString(0), r.isNullAt(1) ? flag : Long.toString((long) r.getDouble(1)) + (flag.isEmpty() ? "" : " " + flag));
    }
    return shown;
  }

  /** publish.usual_residents of the report's release for a citizenship, by length of residence, as the report shows it. */
  Map<String, String> publishedUsual(String citizenship) {
    Map<String, String> shown = new java.util.HashMap<>();
    for (Row r : spark.read().format("delta").load(lakehouse.lakehouse() + "/publish/usual_residents")
        .filter("release_id NOT LIKE 'internal-%' AND reference_date = DATE'" + release() + "' AND time_period = '"
            + release() + "' AND citizenship = '" + citizenship + "' AND measure = 'persons'")
        .select("residence_duration", "value", "flag").collectAsList()) {
      String flag = r.isNullAt(2) ? "" : r.getString(2);
      shown.put(r.getString(0), r.isNullAt(1) ? flag : Long.toString((long) r.getDouble(1)) + (flag.isEmpty() ? "" : " " + flag));
    }
    return shown;
  }

  @Test
  void theHtmlNumbersCellsAsTheConsoleDoesAndSaysTheDataAreSynthetic() throws IOException {
    java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
    NotebookRunner.Report r = new NotebookRunner(spark, lakehouse.lakehouse(), NotebookRunner.DEFAULT_MAX_ROWS,
        new java.io.PrintStream(console, true, StandardCharsets.UTF_8))
        .run(notebooksDir().resolve("data_quality_review.ipynb"), Map.of(), out.resolve("numbers"));
    String log = console.toString(StandardCharsets.UTF_8);
    String html = Files.readString(r.html());
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[cell (\\d+)\\] sql ").matcher(log);
    int seen = 0;
    while (m.find()) {
      assertTrue(html.contains("<div class=\"prompt\">[cell " + m.group(1) + "] sql</div>"), "cell " + m.group(1));
      seen++;
    }
    assertEquals(r.sqlCells(), seen, log);
    // The fixture is built with the demo key: the run is synthetic, and the notebook says so in both languages.
    assertTrue(log.contains(NotebookRunner.SYNTHETIC_EN), log);
    assertTrue(html.contains(NotebookRunner.SYNTHETIC_EN) && html.contains(NotebookRunner.SYNTHETIC_ID), html);
  }

  @Test
  void reproduceReleaseTimeTravelsToAnEarlierRun() throws IOException {
    Path nb = notebooksDir().resolve("reproduce_release.ipynb");
    NotebookRunner.Report r = runner().run(nb, Map.of("run_id", lakehouse.firstRun()), out.resolve("first"));
    assertTrue(r.succeeded());
    Row versions = spark.sql("SELECT output_versions['gold.permit_coverage'] FROM ops.runs WHERE run_id = '"
        + lakehouse.firstRun() + "'").first();
    long pinned = versions.getLong(0);
    long now = new Lakehouse(spark, lakehouse.lakehouse()).version(org.migstat.catalog.Tables.PERMIT_COVERAGE);
    assertNotEquals(now, pinned, "the fixture's second run must have written a newer version");
    String all = String.join("\n", results(r.executed()));
    assertTrue(hasRow(all, "release_permit_coverage", "gold.permit_coverage", pinned), all);
    // The release's figures are those of the first run's reference date, read at the pinned version.
    Row published = spark.sql("SELECT residents, permit_holders FROM gold.permit_coverage VERSION AS OF " + pinned
        + " WHERE ref_date = DATE'" + LakehouseFixture.FIRST_AS_OF + "' AND citizenship = 'IDN'").first();
    assertTrue(hasRow(all, LakehouseFixture.FIRST_AS_OF, "IDN", published.getLong(0), published.getLong(1)), all);

    NotebookFailure missing = org.junit.jupiter.api.Assertions.assertThrows(NotebookFailure.class,
        () -> runner().run(nb, Map.of("run_id", "run-nope"), out.resolve("nope")));
    assertTrue(missing.getMessage().contains("ops.runs has no succeeded run \"run-nope\""), missing.getMessage());
    assertEquals(5, missing.cell());
  }

  @Test
  void caseNotebooksRunOnALakehouseWithoutCases() throws IOException {
    // Every run creates the case tables (empty until case extracts arrive): the notebook runs, finds no rows.
    NotebookRunner.Report r = runner().run(notebooksDir().resolve("case_profile.ipynb"), Map.of(), out.resolve("cases"));
    assertTrue(r.succeeded());
    assertEquals(List.of(), r.missingTables().stream()
        .filter(t -> List.of("gold.cases_by_month", "gold.case_profile", "gold.case_outcomes").contains(t)).toList());
  }

  /**
   * With the case, border and comparison tables present (created empty from their declared schemas,
   * a few rows added), the cells that were skipped run: their SQL matches the tables' columns.
   */
  @Test
  void caseAndComparisonNotebooksRunAgainstTheDeclaredTables(@TempDir Path tmp) throws IOException {
    Path copy = tmp.resolve("lakehouse");
    LakehouseFixture.copyTree(Path.of(lakehouse.lakehouse()), copy);
    List<TableDef> gold = CaseTables.ALL.stream().filter(t -> t.layer().equals("gold")).toList();
    new Lakehouse(spark, copy.toString()).ensure(gold);
    NotebookRunner runner = new NotebookRunner(spark, copy.toString(), 100, System.out);
    // Registers the copy's tables under their names, so the rows below land in the copy.
    LakehouseCatalog.register(spark, copy.toString());
    spark.sql("INSERT INTO gold.case_profile (period_start, period_end, attribute, value, persons, persons_known, "
        + "persons_in_period, share_pct, definition_version, run_id) VALUES "
        + "(DATE'2024-01-01', DATE'2024-03-13', 'platform', 'Telegram', 3, 4, 5, 75.0, 't', 't'), "
        + "(DATE'2024-01-01', DATE'2024-03-13', 'lure_job', 'CustomerService', 2, 4, 5, 50.0, 't', 't')");
    long residents = spark.sql("SELECT residents FROM gold.permit_coverage WHERE ref_date = DATE'2024-02-29' "
        + "AND citizenship = 'IDN'").first().getLong(0);
    spark.sql("INSERT INTO gold.source_comparison (ref_date, citizenship, source, definition, period_start, period_end, "
        + "value, residents, ratio_to_residents, definition_version, run_id) VALUES "
        + "(DATE'2024-02-29', 'IDN', 'host_registry_residents', 'residents on the date', NULL, DATE'2024-02-29', "
        + residents + ", " + residents + ", 1.0, 't', 't')");

    for (String name : List.of("case_profile", "source_comparison")) {
      NotebookRunner.Report r = runner.run(notebooksDir().resolve(name + ".ipynb"), Map.of(), tmp.resolve("out"));
      assertTrue(r.succeeded());
      assertEquals(List.of(), r.missingTables(), name);
      assertEquals(List.of(), r.skipped(), name);
      if (name.equals("case_profile")) {
        assertTrue(hasRow(String.join("\n", results(r.executed())), "platform", "Telegram", 3, 4, 5), name);
      }
    }
    // Re-pointing names at the copy removed catalog entries only: the shared lakehouse is intact.
    assertTrue(Files.isDirectory(Path.of(lakehouse.lakehouse(), "gold", "permit_coverage", "_delta_log")));
    LakehouseCatalog.register(spark, lakehouse.lakehouse());
    assertEquals(residents, spark.sql("SELECT residents FROM gold.permit_coverage WHERE ref_date = DATE'2024-02-29' "
        + "AND citizenship = 'IDN'").first().getLong(0));
    // ... and gold.case_profile is the shared lakehouse's again (no cases there), not the copy's two rows.
    assertEquals(0, spark.table("gold.case_profile").count());
  }
}
