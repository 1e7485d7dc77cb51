package org.migstat.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Turns one extract file into bronze rows: the declared raw columns as strings (matched to the
 * file's header by name, so a reordered export still lands right), then the lineage columns of
 * {@link org.migstat.catalog.Tables#BRONZE_META}. A record that cannot be split into the declared
 * fields is still a row: its fields are NULL and {@code _parse_error}/{@code _raw_record} say why.
 * CSV is read by {@link CsvRecords} (Commons CSV with record positions); JSON Lines one object a line.
 * Streams: one record in memory at a time.
 */
public final class RawRecordParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RawRecordParser() {}

  /**
   * One record of a file: its declared raw values (null when it could not be read), the line it starts on,
   * the non-blank physical lines it spans, and what was wrong with it (null when nothing).
   */
  public record Parsed(String[] values, int line, int lines, String error, String raw) {}

  /** What a scan of a whole file found: its records, the lines that are no record, its latest last update. */
  public record Scan(long records, long nonRecordLines, LocalDate latestUpdated) {}

  public static Iterator<Row> rows(Source source, ExtractFile f, String runId, Map<String, String> conf) {
    Iterator<Parsed> records = records(source, f, conf, new long[1]);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public Row next() {
        Parsed p = records.next();
        return row(source, f, runId, p);
      }
    };
  }

  /**
   * Reads a whole file once: how many records it holds, how many of its non-blank lines are not records (the
   * header, and the line breaks inside quoted fields of records that were delimited cleanly) and the latest
   * date of the source's last-update column.
   */
  public static Scan scan(Source source, ExtractFile f, Map<String, String> conf) {
    long[] headerLines = new long[1];
    Iterator<Parsed> records = records(source, f, conf, headerLines);
    int updated = source.rawColumns.indexOf(source.updatedColumn);
    DateTimeFormatter pattern = DateTimeFormatter.ofPattern(source.updatedDatePattern.replace("yyyy", "uuuu"),
        Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    int width = source.updatedDatePattern.length();
    long n = 0;
    long joined = 0;
    LocalDate latest = null;
    while (records.hasNext()) {
      Parsed p = records.next();
      n++;
      if (p.error() == null) {
        joined += p.lines() - 1;
        String v = p.values()[updated];
        if (v != null && v.strip().length() >= width) {
          try {
            LocalDate d = LocalDate.parse(v.strip().substring(0, width), pattern);
            latest = latest == null || d.isAfter(latest) ? d : latest;
          } catch (DateTimeParseException ignored) {
            // not a date: the record's own rules say so
          }
        }
      }
    }
    return new Scan(n, headerLines[0] + joined, latest);
  }

  private static Iterator<Parsed> records(Source source, ExtractFile f, Map<String, String> conf, long[] headerLines) {
    if (f.empty()) {
      return Collections.emptyIterator();
    }
    try {
      Reader reader = new BufferedReader(new InputStreamReader(
          FileSniffer.openContent(ExtractFiles.openRaw(f.path(), conf), f.name()),
          Charset.forName(f.encoding())), 1 << 16);
      skipBom(reader);
      return source.format == Source.Format.CSV
          ? csvRecords(source, reader, headerLines)
          : jsonRecords(source, new BufferedReader(reader));
    } catch (IOException e) {
      throw new IngestException("cannot read extract file " + f.name() + ": " + e.getMessage(), e);
    }
  }

  private static void skipBom(Reader r) throws IOException {
    r.mark(1);
    if (r.read() != '\uFEFF') {
      r.reset();
    }
  }

  private static Row row(Source s, ExtractFile f, String runId, Parsed p) {
    Object[] out = new Object[s.rawColumns.size() + 7];
    System.arraycopy(p.values(), 0, out, 0, p.values().length);
    int i = s.rawColumns.size();
    out[i] = f.name();
    out[i + 1] = f.checksum();
    out[i + 2] = p.line();
    out[i + 3] = f.extractDate() == null ? null : Date.valueOf(f.extractDate());
    out[i + 4] = p.error();
    out[i + 5] = p.error() == null ? null : p.raw();
    out[i + 6] = runId;
    return RowFactory.create(out);
  }

  private static Iterator<Parsed> csvRecords(Source s, Reader reader, long[] headerLines) throws IOException {
    CsvRecords csv = new CsvRecords(reader);
    CsvRecords.Record header = csv.next();
    if (header == null) {
      close(reader);
      return Collections.emptyIterator();
    }
    headerLines[0] = header.lines();
    // Position of each declared column in this file's header (-1: missing).
    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < header.fields().size(); i++) {
      byName.putIfAbsent(header.fields().get(i).strip().toLowerCase(Locale.ROOT), i);
    }
    int[] pos = s.rawColumns.stream().mapToInt(c -> byName.getOrDefault(c, -1)).toArray();
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < pos.length; i++) {
      if (pos[i] < 0) {
        missing.add(s.rawColumns.get(i));
      }
    }
    String headerError = header.error() != null ? "the header line cannot be read: " + header.error()
        : missing.isEmpty() ? null
        : "header lacks column(s) " + String.join(", ", missing.size() > 5 ? missing.subList(0, 5) : missing)
            + (missing.size() > 5 ? " and " + (missing.size() - 5) + " more" : "");
    int width = header.fields().size();
    csv.expectWidth(width);
    return new Iterator<>() {
      CsvRecords.Record next = advance();

      private CsvRecords.Record advance() {
        try {
          CsvRecords.Record r = csv.next();
          if (r == null) {
            close(reader);
          }
          return r;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Parsed next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        CsvRecords.Record r = next;
        next = advance();
        String error = r.error() != null ? r.error()
            : headerError != null ? headerError
            : r.fields().size() != width
                ? "expected " + width + " fields, found " + r.fields().size() + " (truncated or malformed line)"
                : null;
        String[] values = new String[pos.length];
        if (error == null) {
          for (int i = 0; i < pos.length; i++) {
            values[i] = r.fields().get(pos[i]);
          }
        }
        return new Parsed(values, r.line(), r.lines(), error, r.raw());
      }
    };
  }

  private static Iterator<Parsed> jsonRecords(Source s, BufferedReader reader) {
    return new Iterator<>() {
      int lineNo = 0;
      String line = advance();

      private String advance() {
        try {
          String l;
          do {
            l = readLine();
          } while (l != null && LineCount.isBlank(l));
          if (l == null) {
            close(reader);
          }
          return l;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      /** A physical line: ends at LF, CRLF or a lone CR, as {@link LineCount} counts them. */
      private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c = reader.read();
        if (c == -1) {
          return null;
        }
        while (c != -1 && c != '\n' && c != '\r') {
          sb.append((char) c);
          c = reader.read();
        }
        if (c == '\r') {
          reader.mark(1);
          if (reader.read() != '\n') {
            reader.reset();
          }
        }
        lineNo++;
        return sb.toString();
      }

      @Override
      public boolean hasNext() {
        return line != null;
      }

      @Override
      public Parsed next() {
        if (line == null) {
          throw new NoSuchElementException();
        }
        String raw = line;
        int at = lineNo;
        line = advance();
        String[] values = new String[s.rawColumns.size()];
        String error = null;
        try {
          JsonNode node = JSON.readTree(raw);
          if (node == null || !node.isObject()) {
            error = "line is not a JSON object";
          } else {
            for (int i = 0; i < values.length; i++) {
              JsonNode v = node.get(s.rawColumns.get(i));
              values[i] = v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
            }
          }
        } catch (IOException e) {
          error = "invalid JSON (truncated or malformed line)";
        }
        if (error != null) {
          values = new String[values.length];
        }
        return new Parsed(values, at, 1, error, raw.length() > 4000 ? raw.substring(0, 4000) : raw);
      }
    };
  }

  private static void close(Reader r) {
    try {
      r.close();
    } catch (IOException ignored) {
      // reading is finished; nothing to recover
    }
  }
}
