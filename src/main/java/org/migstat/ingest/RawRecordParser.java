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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Turns one extract file into bronze rows: the declared raw columns as strings (matched to the
 * file's header by name, so a reordered export still lands right), then the lineage columns of
 * {@link org.migstat.catalog.Tables#BRONZE_META}. A record that cannot be split into the declared
 * fields is still a row: its fields are NULL and {@code _parse_error}/{@code _raw_record} say why.
 * Streams: one record in memory at a time.
 */
public final class RawRecordParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RawRecordParser() {}

  public static Iterator<Row> rows(Source source, ExtractFile f, String runId, Map<String, String> conf) {
    if (f.empty()) {
      return Collections.emptyIterator();
    }
    try {
      Path p = new Path(f.path());
      Reader reader = new BufferedReader(new InputStreamReader(
          FileSniffer.openContent(p.getFileSystem(FileSniffer.hadoopConf(conf)).open(p), f.name()),
          Charset.forName(f.encoding())), 1 << 16);
      skipBom(reader);
      return source.format == Source.Format.CSV
          ? csvRows(source, f, runId, reader)
          : jsonRows(source, f, runId, new BufferedReader(reader));
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

  private static Row row(Source s, ExtractFile f, String runId, String[] values, int line, String error, String raw) {
    Object[] out = new Object[s.rawColumns.size() + 7];
    System.arraycopy(values, 0, out, 0, values.length);
    int i = s.rawColumns.size();
    out[i] = f.name();
    out[i + 1] = f.checksum();
    out[i + 2] = line;
    out[i + 3] = Date.valueOf(f.extractDate());
    out[i + 4] = error;
    out[i + 5] = error == null ? null : raw;
    out[i + 6] = runId;
    return RowFactory.create(out);
  }

  private static Iterator<Row> csvRows(Source s, ExtractFile f, String runId, Reader reader) throws IOException {
    CsvRecordReader csv = new CsvRecordReader(reader, ',');
    CsvRecordReader.CsvRecord header = csv.next();
    if (header == null) {
      close(reader);
      return Collections.emptyIterator();
    }
    // Position of each declared column in this file's header (-1: missing).
    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < header.fields().size(); i++) {
      byName.put(header.fields().get(i).strip().toLowerCase(Locale.ROOT), i);
    }
    int[] pos = s.rawColumns.stream().mapToInt(c -> byName.getOrDefault(c, -1)).toArray();
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < pos.length; i++) {
      if (pos[i] < 0) {
        missing.add(s.rawColumns.get(i));
      }
    }
    String headerError = missing.isEmpty() ? null : "header lacks column(s) " + String.join(", ", missing);
    int width = header.fields().size();
    return new Iterator<>() {
      CsvRecordReader.CsvRecord next = advance();

      private CsvRecordReader.CsvRecord advance() {
        try {
          CsvRecordReader.CsvRecord r = csv.next();
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
      public Row next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        CsvRecordReader.CsvRecord r = next;
        next = advance();
        String error = headerError != null ? headerError
            : r.error() != null ? r.error()
            : r.fields().size() != width
                ? "expected " + width + " fields, found " + r.fields().size() + " (truncated or malformed line)"
                : null;
        String[] values = new String[pos.length];
        if (error == null) {
          for (int i = 0; i < pos.length; i++) {
            values[i] = r.fields().get(pos[i]);
          }
        }
        return row(s, f, runId, values, r.line(), error, r.raw());
      }
    };
  }

  private static Iterator<Row> jsonRows(Source s, ExtractFile f, String runId, BufferedReader reader) {
    return new Iterator<>() {
      int lineNo = 0;
      String line = advance();

      private String advance() {
        try {
          String l;
          do {
            l = reader.readLine();
            lineNo++;
          } while (l != null && l.isBlank());
          if (l == null) {
            close(reader);
          }
          return l;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public boolean hasNext() {
        return line != null;
      }

      @Override
      public Row next() {
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
        return row(s, f, runId, values, at, error, raw.length() > 4000 ? raw.substring(0, 4000) : raw);
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
