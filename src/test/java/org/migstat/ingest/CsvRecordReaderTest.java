package org.migstat.ingest;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {
  private static List<CsvRecordReader.CsvRecord> read(String text) throws IOException {
    CsvRecordReader r = new CsvRecordReader(new StringReader(text), ',');
    List<CsvRecordReader.CsvRecord> out = new ArrayList<>();
    for (CsvRecordReader.CsvRecord rec; (rec = r.next()) != null; ) {
      out.add(rec);
    }
    return out;
  }

  @Test
  void quotedFieldsKeepDelimitersQuotesAndLineBreaks() throws IOException {
    List<CsvRecordReader.CsvRecord> recs = read("a,b,c\r\n1,\"x, \"\"y\"\"\nz\",3\n4,5,6");
    assertEquals(3, recs.size());
    assertEquals(List.of("1", "x, \"y\"\nz", "3"), recs.get(1).fields());
    assertEquals(2, recs.get(1).line());
    assertEquals(4, recs.get(2).line(), "the record after a two-line record starts on line 4");
    assertEquals(List.of("4", "5", "6"), recs.get(2).fields(), "a last line without line break is complete");
    assertNull(recs.get(2).error());
  }

  @Test
  void blankLinesAreNotRecordsAndTrailingSpacesAreKept() throws IOException {
    List<CsvRecordReader.CsvRecord> recs = read("a,b\n\n1 , 2 \n\r\n");
    assertEquals(2, recs.size());
    assertEquals(List.of("1 ", " 2 "), recs.get(1).fields());
    assertEquals(3, recs.get(1).line());
  }

  @Test
  void anUnterminatedQuoteIsReportedWithTheRawText() throws IOException {
    List<CsvRecordReader.CsvRecord> recs = read("a,b\n1,\"never closed\n2,3\n");
    assertEquals(2, recs.size());
    assertEquals("unterminated quoted field at end of file", recs.get(1).error());
    assertTrue(recs.get(1).raw().startsWith("1,\"never closed"));
  }

  @Test
  void extractDatesComeFromFileNames() {
    assertEquals("2024-02-29", Source.extractDate("residents_2024-02_delta.csv.gz").orElseThrow().toString());
    assertEquals("2024-03-05", Source.extractDate("crossings_2024-03-05.csv.gz").orElseThrow().toString());
    assertTrue(Source.extractDate("residents_latest.csv").isEmpty());
    assertTrue(Source.extractDate("residents_2024-13_delta.csv").isEmpty());
  }
}
