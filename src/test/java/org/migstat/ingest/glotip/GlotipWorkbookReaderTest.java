package org.migstat.ingest.glotip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.migstat.testing.SparkExtension;

@ExtendWith(SparkExtension.class)
class GlotipWorkbookReaderTest {

  private static GlotipWorkbook real;

  @BeforeAll
  static void readRealFile() throws IOException {
    real = GlotipWorkbookReader.read(GlotipTestFiles.realFile());
  }

  // ---------------------------------------------------------------- the real file

  @Test
  void realFileHas58769DataRowsAfterTheHeaderInRow3() {
    assertEquals(58_769, real.rows().size());
    assertEquals(3, real.banner().headerRow());
    assertEquals(4, real.rows().get(0).sourceRow());
    assertEquals(58_772, real.rows().get(real.rows().size() - 1).sourceRow());
    for (int i = 0; i < real.rows().size(); i++) {
      assertEquals(i + 4, real.rows().get(i).sourceRow(), "rows are contiguous and in sheet order");
    }
  }

  @Test
  void bannerGivesPublisherAndReleaseDate() {
    assertEquals("UNODC", real.banner().publisher());
    assertEquals("14/04/2025", real.banner().releaseDateText());
    assertEquals(LocalDate.of(2025, 4, 14), real.releaseDate());
  }

  @Test
  void firstRowIsReadAsShown() {
    GlotipRawRow r = real.rows().get(0);
    assertEquals(new GlotipRawRow("ABW", "Aruba", "Americas", "Latin America and the Caribbean",
        "Detected trafficking victims", "by country of repatriation", "Ukraine", "Total", "Total",
        "2010", "Counts", "<5", "GLOTIP", 4), r);
  }

  @Test
  void everyCellEqualsAnIndependentReadOfTheSheetXml() throws Exception {
    Map<Integer, Map<Integer, String>> raw =
        RawSheetXml.read(GlotipTestFiles.realFile(), GlotipWorkbookReader.SHEET);
    Map<Integer, String> header = raw.get(3);
    assertEquals(GlotipWorkbookReader.HEADER, new ArrayList<>(header.values()));
    int compared = 0;
    for (GlotipRawRow r : real.rows()) {
      Map<Integer, String> cells = raw.get(r.sourceRow());
      List<String> expected = new ArrayList<>();
      for (int c = 0; c < 13; c++) {
        expected.add(cells.get(c));
      }
      assertEquals(expected, fields(r), "row " + r.sourceRow());
      compared++;
    }
    assertEquals(raw.size() - 3, compared, "no data row skipped or invented");
  }

  @Test
  void numericYearCellsRenderWithoutDecimalArtefacts() {
    assertTrue(real.rows().stream().allMatch(r -> r.year().matches("20[0-2][0-9]")));
  }

  @Test
  void emptyCellsAreNullNeverEmptyStrings() {
    assertTrue(real.rows().stream().flatMap(r -> fields(r).stream()).noneMatch(""::equals));
    // Sark is published without an ISO3 code; 110 rows have a blank category.
    assertEquals(26, real.rows().stream().filter(r -> r.iso3Code() == null).count());
    assertTrue(real.rows().stream().filter(r -> r.iso3Code() == null)
        .allMatch(r -> "Sark".equals(r.country())));
    assertEquals(110, real.rows().stream().filter(r -> r.category() == null).count());
  }

  @Test
  void txtValueIsKeptAsPublishedText() {
    assertEquals(29_558, real.rows().stream().filter(r -> "<5".equals(r.txtValue())).count());
    assertEquals(813, real.rows().stream()
        .filter(r -> r.txtValue().matches("[0-9]{1,3}(,[0-9]{3})+")).count());
    assertEquals(98, real.rows().stream()
        .filter(r -> r.category() != null && r.category().indexOf('\uFFFD') >= 0).count());
  }

  @Test
  void sparkRowsMatchTheDdl(SparkSession spark) throws IOException {
    StructType schema = StructType.fromDDL(GlotipWorkbookReader.DDL);
    assertEquals(List.of("iso3_code", "country", "region", "subregion", "indicator", "dimension",
        "category", "sex", "age", "year", "unit", "txt_value", "source", "source_row"),
        Arrays.asList(schema.fieldNames()));
    Dataset<Row> df = spark.createDataFrame(real.sparkRows(), schema);
    assertEquals(58_769, df.count());
    Row first = df.filter("source_row = 4").first();
    assertEquals("ABW", first.getAs("iso3_code"));
    assertEquals("<5", first.getAs("txt_value"));
    assertEquals(4, (int) first.getAs("source_row"));
  }

  // ---------------------------------------------------------------- tiny workbooks

  @Test
  void missingHeaderColumnFailsNamingTheColumn(@TempDir Path dir) throws IOException {
    List<String> header = new ArrayList<>(GlotipWorkbookReader.HEADER);
    header.remove("txtVALUE");
    Path xlsx = workbook(dir, GlotipWorkbookReader.SHEET, List.of(
        List.of("UNODC"), List.of("14/04/2025"), header,
        List.of("IDN", "Indonesia", "Asia", "South-eastern Asia", "Detected trafficking victims",
            "Total", "Total", "Total", "Total", 2019.0, "Counts", "GLOTIP")));
    GlotipFormatException e = assertThrows(GlotipFormatException.class,
        () -> GlotipWorkbookReader.read(xlsx));
    assertTrue(e.getMessage().contains("header row 3 has no column 'txtVALUE'"), e.getMessage());
  }

  @Test
  void columnsAreFoundByNameWhereverTheHeaderIs(@TempDir Path dir) throws IOException {
    // An extra banner line, the columns in another order, an extra column, numeric cells, a gap.
    List<String> header = new ArrayList<>(GlotipWorkbookReader.HEADER);
    header.add(0, "Note");
    java.util.Collections.swap(header, 1, 12); // Iso3_code <-> txtVALUE
    Path xlsx = workbook(dir, GlotipWorkbookReader.SHEET, List.of(
        List.of("UNODC"), List.of("Global Report on Trafficking in Persons"), List.of("01/12/2026"),
        header,
        Arrays.asList("n/a", 1404.0, "Indonesia", "Asia", "South-eastern Asia",
            "Detected trafficking victims", "Total", null, "Total", "Total", 2019.0, "Counts",
            "IDN", "GLOTIP"),
        List.of(),
        Arrays.asList(null, "<5", "Indonesia", "Asia", "South-eastern Asia",
            "Persons convicted", "Total", "Total", "Male", "Total", 2020.0, "Counts", "IDN",
            "GLOTIP")));
    GlotipWorkbook wb = GlotipWorkbookReader.read(xlsx);
    assertEquals(4, wb.banner().headerRow());
    assertEquals("UNODC", wb.banner().publisher());
    assertEquals(LocalDate.of(2026, 12, 1), wb.releaseDate());
    assertEquals(2, wb.rows().size(), "the empty row 6 is skipped");
    GlotipRawRow a = wb.rows().get(0);
    assertEquals(5, a.sourceRow());
    assertEquals("IDN", a.iso3Code());
    assertEquals("1404", a.txtValue());
    assertEquals("2019", a.year());
    assertNull(a.category());
    GlotipRawRow b = wb.rows().get(1);
    assertEquals(7, b.sourceRow());
    assertEquals("<5", b.txtValue());
    assertEquals("Male", b.sex());
  }

  @Test
  void sheetWithoutHeaderFailsClearly(@TempDir Path dir) throws IOException {
    Path xlsx = workbook(dir, GlotipWorkbookReader.SHEET,
        List.of(List.of("UNODC"), List.of("14/04/2025"), List.of("IDN", "Indonesia")));
    GlotipFormatException e = assertThrows(GlotipFormatException.class,
        () -> GlotipWorkbookReader.read(xlsx));
    assertTrue(e.getMessage().contains("has no header row"), e.getMessage());
  }

  @Test
  void wrongSheetFailsClearly(@TempDir Path dir) throws IOException {
    Path xlsx = workbook(dir, "Sheet1", List.of(GlotipWorkbookReader.HEADER));
    GlotipFormatException e = assertThrows(GlotipFormatException.class,
        () -> GlotipWorkbookReader.read(xlsx));
    assertTrue(e.getMessage().contains("has no sheet named 'data_glotip_1'"), e.getMessage());
  }

  @Test
  void columnIndexOfCellReferences() {
    assertEquals(0, GlotipWorkbookReader.columnIndex("A1"));
    assertEquals(12, GlotipWorkbookReader.columnIndex("M58772"));
    assertEquals(26, GlotipWorkbookReader.columnIndex("AA3"));
  }

  // ---------------------------------------------------------------- helpers

  private static List<String> fields(GlotipRawRow r) {
    return Arrays.asList(r.iso3Code(), r.country(), r.region(), r.subregion(), r.indicator(),
        r.dimension(), r.category(), r.sex(), r.age(), r.year(), r.unit(), r.txtValue(),
        r.source());
  }

  /** Writes a one-sheet workbook; Double values become numeric cells, null leaves a gap. */
  static Path workbook(Path dir, String sheetName, List<? extends List<?>> rows) throws IOException {
    Path file = dir.resolve("glotip-fixture.xlsx");
    try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
      XSSFSheet sheet = wb.createSheet(sheetName);
      for (int r = 0; r < rows.size(); r++) {
        XSSFRow row = sheet.createRow(r);
        List<?> values = rows.get(r);
        for (int c = 0; c < values.size(); c++) {
          Object v = values.get(c);
          if (v == null) {
            continue;
          }
          Cell cell = row.createCell(c);
          if (v instanceof Double d) {
            cell.setCellValue(d);
          } else {
            cell.setCellValue(v.toString());
          }
        }
      }
      wb.write(out);
    }
    assertNotNull(file);
    return file;
  }
}
