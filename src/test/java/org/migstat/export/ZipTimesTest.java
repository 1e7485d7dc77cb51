package org.migstat.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A workbook written twice, a few seconds apart, gives the same bytes once its zip entries are re-dated. */
class ZipTimesTest {
  @Test
  void theSameWorkbookGivesTheSameBytes(@TempDir Path dir) throws Exception {
    Path a = write(dir.resolve("a.xlsx"));
    Thread.sleep(2100); // zip times have a two-second resolution
    Path b = write(dir.resolve("b.xlsx"));
    ExportJob.fixZipTimes(a);
    ExportJob.fixZipTimes(b);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(a))) {
      assertEquals("hello", wb.getSheet("s").getRow(0).getCell(0).getStringCellValue(), "still a workbook");
    }
  }

  private static Path write(Path p) throws Exception {
    try (SXSSFWorkbook wb = new SXSSFWorkbook(10)) {
      wb.createSheet("s").createRow(0).createCell(0).setCellValue("hello");
      java.util.Optional<java.util.Date> at = java.util.Optional.of(new java.util.Date(0));
      wb.getXSSFWorkbook().getProperties().getCoreProperties().setCreated(at);
      wb.getXSSFWorkbook().getProperties().getCoreProperties().setModified(at);
      try (OutputStream out = Files.newOutputStream(p)) {
        wb.write(out);
      }
    }
    return p;
  }
}
