package org.migstat.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader for tests: fields separated by commas, records by LF or CRLF, a field in
 * double quotes may hold commas, quotes (doubled) and line breaks. An unterminated quote at the end
 * of the text (a truncated file) makes the last record {@code malformed}.
 */
final class RfcCsv {
  private RfcCsv() {}

  /** One record: its fields, the line it starts on (1-based), whether it is malformed. */
  record Record(List<String> fields, int line, boolean malformed) {}

  static List<Record> parse(String text) {
    List<Record> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int line = 1;
    int recordLine = 1;
    boolean quoted = false;
    boolean any = false;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            field.append('"');
            i += 2;
            continue;
          }
          quoted = false;
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
        i++;
        continue;
      }
      if (c == '"' && field.length() == 0) {
        quoted = true;
        any = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        any = true;
      } else if (c == '\n' || c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
        fields.add(field.toString());
        field.setLength(0);
        records.add(new Record(List.copyOf(fields), recordLine, false));
        fields.clear();
        any = false;
        i += c == '\r' ? 2 : 1;
        line++;
        recordLine = line;
        continue;
      } else {
        field.append(c);
        any = true;
      }
      i++;
    }
    if (any || field.length() > 0) {
      fields.add(field.toString());
      records.add(new Record(List.copyOf(fields), recordLine, quoted));
    }
    return records;
  }
}
