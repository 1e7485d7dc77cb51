package org.migstat.ingest;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an extract as CSV records (RFC 4180, through Apache Commons CSV) and says where each record
 * sits in the file: the physical line it starts on, the line it ends on, and how many non-blank
 * physical lines it spans. A record that cannot be delimited — a quote opened and never closed before
 * the next record, text after a closing quote, a stray quote inside an unquoted field — is returned
 * alone, as its own first physical line with an error, and reading resumes at the next line: one bad
 * quote never swallows the records after it.
 *
 * <p>A quoted field may span lines. The continuation is accepted only when the quote closes within
 * {@value #MAX_CONTINUATION_LINES} lines and no continuation line is, by itself, a complete clean
 * record of the header's width (that line is the next record boundary, not part of a field).
 *
 * <p>Blank lines (empty, or only spaces and tabs) between records are not records. Lines end with
 * LF, CRLF or a lone CR, as {@link LineCount} counts them.
 */
public final class CsvRecords {
  /** RFC 4180: comma, double quote, quotes doubled inside quoted fields. Spaces are data. */
  public static final CSVFormat FORMAT = CSVFormat.RFC4180;

  /**
   * One record: its fields, the physical line it starts on and ends on, the number of non-blank
   * physical lines it spans, its raw text (cut at {@value #MAX_RAW} characters) and what was wrong
   * with it (null when nothing).
   */
  public record Record(List<String> fields, int line, int lastLine, int lines, String raw, String error) {}

  static final int MAX_RAW = 4000;
  static final int MAX_CONTINUATION_LINES = 200;
  static final int MAX_RECORD_CHARS = 1 << 20;

  private record Physical(String text, int number) {}

  private final Reader in;
  private final Deque<Physical> pushedBack = new ArrayDeque<>();
  private int lineNo = 0;
  private int peeked = -2;
  private int width = 0;

  public CsvRecords(Reader in) {
    this.in = in;
  }

  /** The header's width: from now on a continuation line that is a clean record of this width ends a bad quote. */
  public void expectWidth(int width) {
    this.width = width;
  }

  /** The next record, or null at the end of the input. */
  public Record next() throws IOException {
    Physical first;
    do {
      first = readLine();
      if (first == null) {
        return null;
      }
    } while (LineCount.isBlank(first.text()));
    StringBuilder candidate = new StringBuilder(first.text());
    Deque<Physical> consumed = new ArrayDeque<>();
    int lines = 1;
    int last = first.number();
    while (true) {
      Parsed p = parse(candidate.toString());
      if (p.fields != null) {
        String error = strayQuote(p.fields, candidate);
        if (error != null && !consumed.isEmpty()) {
          return alone(first, consumed, error);
        }
        return new Record(p.fields, first.number(), last, lines, raw(candidate), error);
      }
      if (!p.unterminated) {
        return alone(first, consumed, p.error);
      }
      Physical nxt = readLine();
      if (nxt == null || consumed.size() >= MAX_CONTINUATION_LINES || candidate.length() > MAX_RECORD_CHARS
          || (width > 0 && cleanRecordOfWidth(nxt.text()))) {
        if (nxt != null) {
          pushedBack.push(nxt);
        }
        return alone(first, consumed, "a quote opened on line " + first.number() + " is not closed before the next record");
      }
      consumed.addLast(nxt);
      candidate.append(nxt.text());
      last = nxt.number();
      if (!LineCount.isBlank(nxt.text())) {
        lines++;
      }
    }
  }

  /** The first physical line of a record that could not be delimited, as a record of its own; the rest is read again. */
  private Record alone(Physical first, Deque<Physical> consumed, String error) {
    while (!consumed.isEmpty()) {
      pushedBack.push(consumed.removeLast());
    }
    return new Record(List.of(), first.number(), first.number(), 1, raw(new StringBuilder(first.text())), error);
  }

  private boolean cleanRecordOfWidth(String line) {
    Parsed p = parse(line);
    return p.fields != null && p.fields.size() == width && strayQuote(p.fields, new StringBuilder(line)) == null;
  }

  private record Parsed(List<String> fields, boolean unterminated, String error) {}

  private static Parsed parse(String text) {
    try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
      List<CSVRecord> records = parser.getRecords();
      if (records.size() != 1) {
        return new Parsed(null, false, "the line holds " + records.size() + " records");
      }
      return new Parsed(records.get(0).toList(), false, null);
    } catch (IOException | UncheckedIOException e) {
      String msg = String.valueOf(e.getMessage());
      if (msg.contains("EOF reached before encapsulated token finished")) {
        return new Parsed(null, true, null);
      }
      if (msg.contains("Invalid character between encapsulated token and delimiter")) {
        return new Parsed(null, false, "text after a closing quote");
      }
      return new Parsed(null, false, "not a CSV record: " + msg.replaceFirst("^.*CSVException: ", ""));
    }
  }

  /**
   * A value holding a quote that the raw text does not hold as a quoted field ({@code "..."} with quotes
   * doubled) came from an unquoted field with a stray quote: RFC 4180 does not allow it.
   */
  private static String strayQuote(List<String> fields, CharSequence raw) {
    String text = null;
    for (String v : fields) {
      if (v.indexOf('"') >= 0) {
        text = text == null ? raw.toString() : text;
        if (!text.contains('"' + v.replace("\"", "\"\"") + '"')) {
          return "a stray quote inside an unquoted field";
        }
      }
    }
    return null;
  }

  private static String raw(StringBuilder candidate) {
    String r = candidate.length() > MAX_RAW ? candidate.substring(0, MAX_RAW) : candidate.toString();
    return r.stripTrailing();
  }

  // ---- physical lines -------------------------------------------------------------------------------

  private int read() throws IOException {
    if (peeked != -2) {
      int c = peeked;
      peeked = -2;
      return c;
    }
    return in.read();
  }

  /** The next physical line with its terminator (LF, CRLF or CR), or null at the end. */
  private Physical readLine() throws IOException {
    if (!pushedBack.isEmpty()) {
      return pushedBack.pop();
    }
    int c = read();
    if (c == -1) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    while (c != -1) {
      sb.append((char) c);
      if (c == '\n') {
        break;
      }
      if (c == '\r') {
        int n = in.read();
        if (n == '\n') {
          sb.append('\n');
        } else {
          peeked = n;
        }
        break;
      }
      c = read();
    }
    return new Physical(sb.toString(), ++lineNo);
  }
}
