package org.migstat.ingest;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {
  private static List<CsvRecords.Record> read(String text) throws IOException {
    CsvRecords r = new CsvRecords(new StringReader(text));
    List<CsvRecords.Record> out = new ArrayList<>();
    CsvRecords.Record header = r.next();
    out.add(header);
    r.expectWidth(header.fields().size());
    for (CsvRecords.Record rec; (rec = r.next()) != null; ) {
      out.add(rec);
    }
    return out;
  }

  private static long lines(String text) {
    LineCount c = new LineCount();
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    c.accept(b, b.length);
    return c.nonBlankLines();
  }

  @Test
  void quotedFieldsSpanLinesAndTheRecordSaysWhereItStartsAndEnds() throws IOException {
    List<CsvRecords.Record> recs = read("a,b,c\r\n1,\"x, \"\"y\"\"\nz\",3\n4,5,6");
    assertEquals(3, recs.size());
    assertEquals(List.of("1", "x, \"y\"\nz", "3"), recs.get(1).fields());
    assertEquals(2, recs.get(1).line());
    assertEquals(3, recs.get(1).lastLine());
    assertEquals(2, recs.get(1).lines());
    assertNull(recs.get(1).error());
    assertEquals(4, recs.get(2).line());
  }

  @Test
  void blankLinesAreNoRecordsAndSpacesAreData() throws IOException {
    List<CsvRecords.Record> recs = read("a,b\n\n1 , 2 \n \t\r\n");
    assertEquals(2, recs.size());
    assertEquals(List.of("1 ", " 2 "), recs.get(1).fields());
    assertEquals(3, recs.get(1).line());
  }

  /** Twelve records, the second opens a quote it never closes: it alone is refused, the ten after it are read. */
  @Test
  void anUnterminatedQuoteSwallowsNothing() throws IOException {
    StringBuilder text = new StringBuilder("id,name,city\n");
    for (int i = 1; i <= 12; i++) {
      text.append(i).append(',').append(i == 2 ? "\"Never closed" : "name" + i).append(",Phnom Penh\n");
    }
    List<CsvRecords.Record> recs = read(text.toString());
    assertEquals(13, recs.size());
    CsvRecords.Record bad = recs.get(2);
    assertEquals(3, bad.line());
    assertEquals(3, bad.lastLine());
    assertTrue(bad.error().contains("not closed"), bad.error());
    for (int i = 3; i <= 12; i++) {
      assertNull(recs.get(i).error(), recs.get(i).toString());
      assertEquals(List.of(String.valueOf(i), "name" + i, "Phnom Penh"), recs.get(i).fields());
    }
    // The independent count agrees: 13 non-blank lines, a header, no quoted line break.
    assertEquals(13, lines(text.toString()));
  }

  @Test
  void anUnterminatedQuoteOnTheLastLineIsThatLineAlone() throws IOException {
    List<CsvRecords.Record> recs = read("a,b\n1,2\n3,\"open\n");
    assertEquals(3, recs.size());
    assertNotNull(recs.get(2).error());
    assertEquals(3, recs.get(2).line());
  }

  @Test
  void aQuoteThatClosesOnAFragmentIsRefusedLineByLine() throws IOException {
    // The quote opened on line 2 would close on line 3 and swallow it: line 3 is itself a clean record.
    List<CsvRecords.Record> recs = read("a,b,c\n1,\"x,y\n2,p,q\n3,\"z\",w\n");
    assertEquals(4, recs.size());
    assertNotNull(recs.get(1).error());
    assertEquals(List.of("2", "p", "q"), recs.get(2).fields());
    assertEquals(List.of("3", "z", "w"), recs.get(3).fields());
  }

  @Test
  void strayQuotesAndTextAfterAClosingQuoteAreErrorsOfTheirRecordOnly() throws IOException {
    List<CsvRecords.Record> recs = read("a,b\n1,ab\"c\n2,\"x\"y\n3,\"ok \"\"q\"\"\"\n");
    assertEquals(4, recs.size());
    assertEquals("a stray quote inside an unquoted field", recs.get(1).error());
    assertEquals("text after a closing quote", recs.get(2).error());
    assertNull(recs.get(3).error());
    assertEquals("ok \"q\"", recs.get(3).fields().get(1));
  }

  @Test
  void lineCountCountsLineEndsOfEveryKindAndSkipsBlankLinesAndTheBom() {
    assertEquals(3, lines("\uFEFFa\r\nb\rc"));
    assertEquals(2, lines("a\n\n  \t\nb\n"));
    assertEquals(0, lines(""));
  }
}
