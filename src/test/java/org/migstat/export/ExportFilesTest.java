package org.migstat.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.migstat.catalog.Indicator;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.testing.Locks;
import org.migstat.testing.SparkExtension;

/** The statisticians' files read back and compared with the publish tables they came from. */
@ExtendWith(SparkExtension.class)
@ResourceLock(Locks.SPARK_CATALOG)
class ExportFilesTest {
  private static ExportFixture.Built fx;

  @BeforeAll
  static void export() {
    fx = ExportFixture.get();
  }

  /** A publish row as strings: dates ISO, value as a double's canonical text, flag "" when none. */
  private static List<String> expected(Row r) {
    List<String> v = new ArrayList<>();
    for (int i = 0; i < r.size(); i++) {
      Object o = r.get(i);
      if (o == null) {
        v.add("");
      } else if (o instanceof Double d) {
        v.add(Double.toString(d));
      } else if (o instanceof java.sql.Date d) {
        v.add(d.toLocalDate().toString());
      } else {
        v.add(o.toString());
      }
    }
    return v;
  }

  private static boolean formulaLike(String s) {
    return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0;
  }

  private static List<String> sorted(List<List<String>> rows) {
    return rows.stream().map(r -> String.join("\u0001", r)).sorted().collect(Collectors.toList());
  }

  @Test
  void resultDescribesTheRelease() {
    ExportResult r = fx.result();
    assertEquals(ExportFixture.AS_OF, r.asOf());
    assertEquals(ExportFixture.RUN_ID, r.runId(), "the stamp is the last succeeded run, not the later failed one");
    for (Indicator ind : IndicatorCatalog.INDICATORS) {
      assertEquals(fx.recordedVersions().get(ind.publishTable()), r.tableVersions().get(ind.publishTable()),
          ind.publishTable() + " must be read at the version the run recorded");
      assertTrue(r.files().containsKey("data/" + ind.id() + ".csv"));
      assertTrue(r.files().containsKey("data/sdmx/" + ind.id() + ".csv"));
    }
    assertTrue(r.notPublished().isEmpty());
    assertTrue(r.files().containsKey("dashboard/index.html"));
    assertTrue(r.files().containsKey("data/" + DataFiles.WORKBOOK));
    assertTrue(r.files().containsKey("data/catalog.json"));
    assertTrue(r.files().containsKey("data/manifest.json"));
    assertTrue(r.dashboardBytes() > 1_000_000, "ECharts is inlined: " + r.dashboardBytes());
    assertEquals(r.files().values().stream().mapToLong(Long::longValue).sum(), r.totalBytes());
    assertTrue(r.totalTime().compareTo(r.readTime()) >= 0);
    System.out.print(r.summary());
  }

  @Test
  void csvHoldsEveryPublishedCellWithFormulaTextNeutralised(SparkSession spark) throws Exception {
    boolean sawNegative = false;
    boolean sawFormula = false;
    boolean sawSuppressed = false;
    for (Indicator ind : IndicatorCatalog.INDICATORS) {
      List<List<String>> csv = TestCsv.read(fx.out().resolve("data").resolve(ind.id() + ".csv"));
      List<String> header = csv.get(0);
      assertEquals(List.of(IndicatorCatalog.publishTable(ind).columnNames()), header, "CSV header = publish schema");
      int valueCol = header.indexOf("value");
      int flagCol = header.indexOf("flag");
      List<List<String>> actual = new ArrayList<>();
      for (List<String> row : csv.subList(1, csv.size())) {
        assertEquals(header.size(), row.size());
        List<String> norm = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
          String cell = row.get(i);
          if (i == valueCol) {
            // numbers stay numbers: never quoted-prefixed, negative ones included
            norm.add(cell.isEmpty() ? "" : Double.toString(Double.parseDouble(cell)));
            sawNegative |= cell.startsWith("-");
          } else {
            assertFalse(formulaLike(cell), "text cell not neutralised: " + cell);
            if (cell.startsWith("'") && formulaLike(cell.substring(1))) {
              cell = cell.substring(1);
              sawFormula = true;
            }
            norm.add(cell);
          }
        }
        sawSuppressed |= row.get(flagCol).equals("[c]") && row.get(valueCol).isEmpty();
        actual.add(norm);
      }
      List<List<String>> exp = fx.published(spark, ind.id()).stream().map(ExportFilesTest::expected)
          .collect(Collectors.toList());
      assertEquals(sorted(exp), sorted(actual), ind.id() + ": CSV differs from the publish table");
      assertTrue(actual.stream().noneMatch(r -> r.get(valueCol).equals(Double.toString(ExportFixture.BOGUS))),
          "a row written after the run leaked into the export");
      assertTrue(actual.stream().noneMatch(r -> r.get(header.indexOf("period_start")).compareTo(ExportFixture.AS_OF.toString()) > 0),
          "cells after the as-of date are not part of the release");
    }
    assertTrue(sawNegative && sawFormula && sawSuppressed);
    String raw = Files.readString(fx.out().resolve("data/permit_coverage.csv"));
    assertTrue(raw.contains(",-12,[e],"), "a negative number is written as a plain number");
    assertTrue(raw.contains("\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"click\"\")\""), "formula text gets a quote");
    assertFalse(raw.startsWith("\uFEFF"));
  }

  @Test
  void sdmxCsvFollowsTheEurostatLayout() throws Exception {
    List<String> eurostat = eurostatHeader();
    for (Indicator ind : IndicatorCatalog.INDICATORS) {
      List<List<String>> sdmx = TestCsv.read(fx.out().resolve("data/sdmx/" + ind.id() + ".csv"));
      List<List<String>> csv = TestCsv.read(fx.out().resolve("data/" + ind.id() + ".csv"));
      List<String> h = sdmx.get(0);
      assertEquals(eurostat.subList(0, 3), h.subList(0, 3), "DATAFLOW, LAST UPDATE, freq first");
      assertEquals(eurostat.subList(eurostat.size() - 4, eurostat.size()), h.subList(h.size() - 5, h.size() - 1),
          "TIME_PERIOD, OBS_VALUE, OBS_FLAG, CONF_STATUS, then the dataset comment");
      assertEquals(DataFiles.COMMENT_DSET, h.get(h.size() - 1));
      assertEquals(ind.dimensions(), h.subList(3, 3 + ind.dimensions().size()));
      assertEquals(List.of("measure", "unit"), h.subList(3 + ind.dimensions().size(), 5 + ind.dimensions().size()));
      assertEquals(csv.size(), sdmx.size(), "one SDMX row per published cell");
      List<String> ch = csv.get(0);
      for (int i = 1; i < sdmx.size(); i++) {
        Map<String, String> s = zip(h, sdmx.get(i));
        Map<String, String> c = zip(ch, csv.get(i));
        assertEquals("MIGSTAT:" + ind.id().toUpperCase() + "(" + ind.definitionVersion() + ")", s.get("DATAFLOW"));
        assertEquals("13/03/24 02:00:00", s.get("LAST UPDATE"));
        assertEquals("Synthetic demonstration data — not official statistics / Data sintetis untuk demonstrasi — bukan statistik resmi",
            s.get(DataFiles.COMMENT_DSET), "every row of a synthetic release says so");
        for (String d : ind.dimensions()) {
          assertEquals(c.get(d), s.get(d));
        }
        assertEquals(c.get("measure"), s.get("measure"));
        String flag = c.get("flag");
        if (flag.contains("[c]")) {
          assertEquals("", s.get("OBS_VALUE"));
          assertEquals("C", s.get("CONF_STATUS"));
        } else if (flag.contains("[<5]")) {
          assertEquals("", s.get("OBS_VALUE"));
          assertEquals("A", s.get("CONF_STATUS"));
        } else {
          assertEquals(Double.parseDouble(c.get("value")), Double.parseDouble(s.get("OBS_VALUE")), 0.0);
          assertEquals("", s.get("CONF_STATUS"));
        }
        if (flag.equals("[p]")) {
          assertEquals("p", s.get("OBS_FLAG"));
        }
        if (flag.equals("[e]")) {
          assertEquals("e", s.get("OBS_FLAG"));
        }
        String tp = c.get("time_period");
        if (tp.matches("\\d{4}-\\d{2}")) {
          assertEquals(List.of("M", tp), List.of(s.get("freq"), s.get("TIME_PERIOD")));
        } else if (tp.matches("\\d{4}-\\d{2}-\\d{2}")) {
          assertEquals(List.of("D", tp), List.of(s.get("freq"), s.get("TIME_PERIOD")));
        } else {
          assertTrue(s.get("TIME_PERIOD").startsWith(c.get("period_start") + "/P"), s.get("TIME_PERIOD"));
        }
      }
    }
  }

  private static List<String> eurostatHeader() throws Exception {
    String realdata = System.getProperty("migstat.realdata");
    Path f = realdata == null ? null : Path.of(realdata, "eurostat_tps00170_first_permits.csv");
    if (f != null && Files.exists(f)) {
      return TestCsv.read(f).get(0);
    }
    return List.of("DATAFLOW", "LAST UPDATE", "freq", "reason", "citizen", "duration", "unit", "geo", "TIME_PERIOD",
        "OBS_VALUE", "OBS_FLAG", "CONF_STATUS");
  }

  private static Map<String, String> zip(List<String> h, List<String> r) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < h.size(); i++) {
      m.put(h.get(i), r.get(i));
    }
    return m;
  }

  @Test
  void xlsxHoldsEveryPublishedCellAsTypedCells(SparkSession spark) throws Exception {
    try (InputStream in = Files.newInputStream(fx.out().resolve("data/" + DataFiles.WORKBOOK));
         XSSFWorkbook wb = new XSSFWorkbook(in)) {
      for (Sheet s : wb) {
        for (org.apache.poi.ss.usermodel.Row row : s) {
          for (Cell c : row) {
            assertNotEquals(CellType.FORMULA, c.getCellType(), "no formulas anywhere: " + s.getSheetName());
          }
        }
      }
      Sheet defs = wb.getSheet("definitions");
      assertNotNull(defs);
      Map<String, String> sheetOf = new HashMap<>();
      for (org.apache.poi.ss.usermodel.Row row : defs) {
        if (row.getRowNum() > 0) {
          sheetOf.put(row.getCell(0).getStringCellValue(), row.getCell(1).getStringCellValue());
        }
      }
      Sheet flags = wb.getSheet("flags");
      List<String> tokens = new ArrayList<>();
      flags.forEach(r -> tokens.add(r.getCell(0).getStringCellValue()));
      assertTrue(tokens.containsAll(List.of("[c]", "[x]", "[p]", "[e]", "[<5]")));
      assertTrue(flags.getRow(1).getCell(2).getStringCellValue().length() > 5, "Indonesian meaning present");
      assertTrue(flags.getRow(1).getCell(5).getNumericCellValue() > 0, "[c] cells counted");

      Sheet release = wb.getSheet("release");
      assertEquals(DataOrigin.NOTICE.en(), release.getRow(0).getCell(0).getStringCellValue(), "the release sheet opens on it");
      assertEquals(DataOrigin.NOTICE.id(), release.getRow(1).getCell(0).getStringCellValue());
      Map<String, String> kv = new HashMap<>();
      release.forEach(r -> {
        if (r.getCell(1) != null && r.getCell(1).getCellType() == CellType.STRING) {
          kv.put(r.getCell(0).getStringCellValue(), r.getCell(1).getStringCellValue());
        }
      });
      assertEquals("true", kv.get("synthetic"));
      assertTrue(release.getColumnWidth(0) > 20 * 256, "fitted column width");

      boolean sawFormulaText = false;
      for (Indicator ind : IndicatorCatalog.INDICATORS) {
        Sheet s = wb.getSheet(sheetOf.get(ind.id()));
        assertNotNull(s, ind.id());
        List<String> header = new ArrayList<>();
        s.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
        assertEquals(DataFiles.sheetColumns(ind), header);
        // units in the header row, a label column (English, Indonesian) beside each code
        assertTrue(header.contains("value (" + ind.unit() + ")"), header.toString());
        for (String d : ind.dimensions()) {
          assertEquals(List.of(d, d + "_label_en", d + "_label_id"),
              header.subList(header.indexOf(d), header.indexOf(d) + 3));
        }
        assertEquals(List.of("measure", "measure_label_en", "measure_label_id", "unit"),
            header.subList(header.indexOf("measure"), header.indexOf("measure") + 4));
        // an autofilter over the whole table, a frozen header and widths fitted to the labels
        var xs = (org.apache.poi.xssf.usermodel.XSSFSheet) s;
        assertEquals("A1:" + org.apache.poi.ss.util.CellReference.convertNumToColString(header.size() - 1)
            + (s.getLastRowNum() + 1), xs.getCTWorksheet().getAutoFilter().getRef(), ind.id());
        assertTrue(s.getPaneInformation() != null && s.getPaneInformation().isFreezePane(), ind.id());
        int label = header.indexOf(ind.dimensions().get(0) + "_label_en");
        assertTrue(s.getColumnWidth(label) > s.getColumnWidth(0) || s.getColumnWidth(label) >= 12 * 256,
            ind.id() + " label column fitted: " + s.getColumnWidth(label));
        List<String> publishColumns = List.of(IndicatorCatalog.publishTable(ind).columnNames());
        List<List<String>> actual = new ArrayList<>();
        for (int r = 1; r <= s.getLastRowNum(); r++) {
          org.apache.poi.ss.usermodel.Row row = s.getRow(r);
          List<String> v = new ArrayList<>();
          for (String name : publishColumns) {
            int i = name.equals("value") ? header.indexOf(DataFiles.valueHeader(ind)) : header.indexOf(name);
            Cell c = row.getCell(i);
            if (c == null || c.getCellType() == CellType.BLANK) {
              v.add("");
            } else if (name.equals("value")) {
              assertEquals(CellType.NUMERIC, c.getCellType());
              v.add(Double.toString(c.getNumericCellValue()));
            } else if (name.equals("period_start") || name.equals("period_end")) {
              assertEquals(CellType.NUMERIC, c.getCellType());
              assertTrue(DateUtil.isCellDateFormatted(c), "a real date cell");
              v.add(c.getLocalDateTimeCellValue().toLocalDate().toString());
            } else {
              assertEquals(CellType.STRING, c.getCellType());
              sawFormulaText |= c.getStringCellValue().equals(ExportFixture.FORMULA);
              v.add(c.getStringCellValue());
            }
          }
          actual.add(v);
          String code = row.getCell(header.indexOf(ind.dimensions().get(0))).getStringCellValue();
          String en = row.getCell(header.indexOf(ind.dimensions().get(0) + "_label_en")).getStringCellValue();
          if (code.equals("_T")) {
            assertEquals(org.migstat.catalog.Dimension.TOTAL_LABEL.en(), en, ind.id());
          }
        }
        List<List<String>> exp = fx.published(spark, ind.id()).stream().map(ExportFilesTest::expected)
            .collect(Collectors.toList());
        assertEquals(sorted(exp), sorted(actual), ind.id() + ": XLSX sheet differs from the publish table");
      }
      assertTrue(sawFormulaText, "text that looks like a formula is kept as text, verbatim");
    }
  }

  @Test
  void catalogJsonIsTheCatalogue() throws Exception {
    assertEquals(IndicatorCatalog.toJson(), Files.readString(fx.out().resolve("data/catalog.json")));
    JsonNode manifest = new ObjectMapper().readTree(fx.out().resolve("data/manifest.json").toFile());
    assertEquals(ExportFixture.RUN_ID, manifest.get("run_id").asText());
    assertTrue(manifest.get("synthetic").asBoolean(), "the run was recorded as synthetic");
    assertEquals(DataOrigin.NOTICE.en(), manifest.get("notice").get("en").asText());
    assertEquals(DataOrigin.NOTICE.id(), manifest.get("notice").get("id").asText());
    assertTrue(manifest.get("synthetic_evidence").asText().contains("ops.runs.synthetic"));
    assertTrue(manifest.get("files").size() >= 2 * IndicatorCatalog.INDICATORS.size() + 3);
  }

  @Test
  void dashboardIsOneSelfContainedFileWithEscapedData() throws Exception {
    String html = Files.readString(fx.out().resolve("dashboard/index.html"), StandardCharsets.UTF_8);
    assertEquals(3, html.split("<script", -1).length - 1, "data, ECharts and the page script, nothing else");
    assertFalse(html.matches("(?s).*<script[^>]*\\ssrc=.*"), "no external script");
    assertFalse(html.contains("<link"), "no stylesheet or font link");
    assertFalse(html.contains("@import"));
    assertTrue(html.contains("default-src 'none'") && html.contains("connect-src 'none'"), "CSP forbids the network");
    assertFalse(html.contains(ExportFixture.HOSTILE), "a hostile label never appears as markup");
    assertFalse(html.contains(ExportFixture.HOSTILE_IMG));
    String open = "<script type=\"application/json\" id=\"migstat-data\">";
    int a = html.indexOf(open) + open.length();
    String json = html.substring(a, html.indexOf("</script>", a));
    assertFalse(json.contains("<"), "every < in the embedded JSON is escaped (no </script>, no <!--)");
    JsonNode data = new ObjectMapper().readTree(json);
    assertEquals(IndicatorCatalog.INDICATORS.size(), data.get("indicators").size());
    assertTrue(json.contains("\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E"));
    assertTrue(data.get("dimensions").get("citizenship").get("codes").has(ExportFixture.HOSTILE));
    assertTrue(html.contains("echarts") && html.length() > 1_000_000);
  }

  @Test
  void exportsAnEarlierDateAndReplacesOnlyItsOwnFolders(@TempDir Path dir, SparkSession spark) throws Exception {
    // An earlier export is in the folder: a new one replaces its data/ and dashboard/ as a whole.
    Path out = dir.resolve("release");
    copyTree(fx.out().resolve("data"), out.resolve("data"));
    copyTree(fx.out().resolve("dashboard"), out.resolve("dashboard"));
    Files.writeString(out.resolve("data/stale.csv"), "from an older catalogue");
    // Working folders of exports killed before they cleaned up (a process long gone; an older version's, without
    // a process id) are removed; one of a live process (this JVM stands for another export at work) is not.
    Path killed = Files.createDirectories(out.resolve(".migstat-export-999999999-0f1e/data"));
    Files.writeString(killed.resolve("residents_stock.csv"), "a half-written copy");
    Files.createDirectories(out.resolve(".migstat-export-3b2c1d0e-aaaa-bbbb-cccc-000000000000/dashboard"));
    Path working = Files.createDirectories(out.resolve(".migstat-export-" + ProcessHandle.current().pid() + "-live"));
    LocalDate feb = LocalDate.of(2024, 2, 29);
    ExportResult r = ExportJob.export(spark, fx.lakehouse().toString(), feb, out);
    assertTrue(Files.isDirectory(working), "a live export's working folder is left alone");
    Files.delete(working);
    assertEquals(feb, r.asOf());
    assertEquals("run-20240301T020000Z-older", r.runId(), "the succeeded run of that date");
    assertFalse(Files.exists(out.resolve("data/stale.csv")), "the old data folder was replaced, not merged");
    List<List<String>> csv = TestCsv.read(out.resolve("data/permit_coverage.csv"));
    int start = csv.get(0).indexOf("period_start");
    assertTrue(csv.size() > 1 && csv.stream().skip(1).allMatch(row -> row.get(start).compareTo(feb.toString()) <= 0));
    try (var s = Files.list(out)) {
      assertEquals(List.of("dashboard", "data"), s.map(p -> p.getFileName().toString()).sorted().toList(),
          "no temporary folder left behind, this export's or a killed one's");
    }

    // A folder it did not write is never deleted: the export stops before doing any work.
    Path foreign = dir.resolve("foreign");
    Files.createDirectories(foreign.resolve("data"));
    Files.writeString(foreign.resolve("data/notes.txt"), "mine");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ExportJob.export(spark, fx.lakehouse().toString(), null, foreign));
    assertTrue(e.getMessage().contains("refusing"), e.getMessage());
    assertEquals("mine", Files.readString(foreign.resolve("data/notes.txt")));
    try (var s = Files.list(foreign)) {
      assertEquals(List.of("data"), s.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (var s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  /**
   * What `migstat run` asks before it skips the export after a run that committed nothing: is the folder a complete
   * export of what it would export now? Not when it is empty, holds another run's view, or holds what an export killed
   * half-way leaves (the dashboard already replaced, data/ still the old one or moved aside, a file cut short).
   */
  @Test
  void onlyACompleteExportOfTheSameViewIsCurrent(@TempDir Path dir, SparkSession spark) throws Exception {
    String lakehouse = fx.lakehouse().toString();
    LocalDate feb = LocalDate.of(2024, 2, 29);
    ExportJob.Selection latest = ExportJob.Selection.asOfOrLatest(ExportFixture.AS_OF);
    ExportJob.Selection february = ExportJob.Selection.asOfOrLatest(feb);
    Path out = dir.resolve("out");
    assertFalse(ExportJob.isCurrent(spark, lakehouse, latest, out), "nothing exported yet");

    ExportJob.exportRelease(spark, lakehouse, latest, out);
    assertTrue(ExportJob.isCurrent(spark, lakehouse, latest, out), "a complete export of the same run's view");
    assertFalse(ExportJob.isCurrent(spark, lakehouse, february, out), "another date's run: export again");

    Path febOut = dir.resolve("feb");
    ExportJob.exportRelease(spark, lakehouse, february, febOut);
    assertTrue(ExportJob.isCurrent(spark, lakehouse, february, febOut));
    // An export of February killed after it replaced the dashboard: data/ is still the other run's.
    deleteTree(out.resolve("dashboard"));
    copyTree(febOut.resolve("dashboard"), out.resolve("dashboard"));
    assertFalse(ExportJob.isCurrent(spark, lakehouse, february, out), "new dashboard, old data: not complete");
    // ... killed after it moved the old data/ aside, before the new one was moved in.
    deleteTree(out.resolve("data"));
    assertFalse(ExportJob.isCurrent(spark, lakehouse, february, out), "no data/: not complete");
    // ... every file there, but one cut short.
    copyTree(febOut.resolve("data"), out.resolve("data"));
    assertTrue(ExportJob.isCurrent(spark, lakehouse, february, out), "the same files as a complete export");
    Path csv = out.resolve("data/permit_coverage.csv");
    Files.write(csv, java.util.Arrays.copyOf(Files.readAllBytes(csv), (int) Files.size(csv) / 2));
    assertFalse(ExportJob.isCurrent(spark, lakehouse, february, out), "a file cut short: not complete");

    // Exporting again over what the killed export left gives a complete export.
    ExportJob.exportRelease(spark, lakehouse, february, out);
    assertTrue(ExportJob.isCurrent(spark, lakehouse, february, out));
    assertEquals(Files.readString(febOut.resolve("data/permit_coverage.csv")), Files.readString(csv));
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void needsASucceededRun(@TempDir Path dir, SparkSession spark) {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ExportJob.export(spark, dir.resolve("empty-lakehouse").toString(), null, dir.resolve("out")));
    assertTrue(e.getMessage().contains("migstat run"), e.getMessage());
  }
}
