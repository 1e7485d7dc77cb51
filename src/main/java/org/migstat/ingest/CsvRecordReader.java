package org.migstat.ingest;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader that, unlike Spark's CSV source, says where each record starts and
 * keeps the raw text of a record it cannot read, so no line is lost without a reason.
 * Handles quoted fields with embedded delimiters, quotes and line breaks, CRLF, and a last line
 * without a line break. A blank line is not a record.
 */
public final class CsvRecordReader {
  /** One record: its fields, the line it starts on, and what was wrong with it (null when nothing). */
  public record CsvRecord(List<String> fields, int line, String raw, String error) {}

  private static final int MAX_RAW = 4000;
  private final Reader in;
  private final char delimiter;
  private int line = 1;
  private int peeked = -2;

  public CsvRecordReader(Reader in, char delimiter) {
    this.in = in;
    this.delimiter = delimiter;
  }

  private int read() throws IOException {
    if (peeked != -2) {
      int c = peeked;
      peeked = -2;
      return c;
    }
    return in.read();
  }

  private int peek() throws IOException {
    if (peeked == -2) {
      peeked = in.read();
    }
    return peeked;
  }

  /** The next record, or null at the end of the input. */
  public CsvRecord next() throws IOException {
    int c = read();
    // Skip blank lines between records.
    while (c == '\n' || c == '\r') {
      if (c == '\n') {
        line++;
      } else if (peek() != '\n') {
        line++;
      }
      c = read();
    }
    if (c == -1) {
      return null;
    }
    int startLine = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    StringBuilder raw = new StringBuilder();
    String error = null;
    boolean quoted = false;
    boolean afterQuote = false;
    boolean fieldStart = true;
    while (true) {
      if (c == -1) {
        if (quoted) {
          error = "unterminated quoted field at end of file";
        }
        fields.add(field.toString());
        break;
      }
      if (raw.length() < MAX_RAW) {
        raw.append((char) c);
      }
      if (quoted) {
        if (c == '"') {
          if (peek() == '"') {
            read();
            field.append('"');
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append((char) c);
        }
      } else if (c == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
        fieldStart = true;
        afterQuote = false;
        c = read();
        continue;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && peek() == '\n') {
          read();
        }
        line++;
        fields.add(field.toString());
        break;
      } else if (c == '"' && fieldStart) {
        quoted = true;
      } else {
        if (afterQuote && error == null && c != ' ') {
          error = "text after a closing quote";
        }
        field.append((char) c);
      }
      fieldStart = false;
      c = read();
    }
    return new CsvRecord(fields, startLine, raw.toString().stripTrailing(), error);
  }
}
