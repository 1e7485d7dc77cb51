package org.migstat.generate;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** One version of a permit as a JSON line; {@code values[i]} null is written as JSON null. */
record PermitRow(String[] values, LocalDateTime lastUpdated) {

  static final List<String> KEYS = List.of("permit_no", "holder_doc_type", "holder_doc_number", "holder_doc_country",
      "holder_name", "employer", "sector_isic", "occupation", "permit_type", "issue_date", "valid_from", "valid_to",
      "status", "status_date", "last_updated");
  static final int PERMIT_NO = 0;
  static final int HOLDER_DOC_TYPE = 1;
  static final int HOLDER_DOC_NUMBER = 2;
  static final int HOLDER_DOC_COUNTRY = 3;
  static final int HOLDER_NAME = 4;
  static final int EMPLOYER = 5;
  static final int SECTOR_ISIC = 6;
  static final int OCCUPATION = 7;
  static final int PERMIT_TYPE = 8;
  static final int ISSUE_DATE = 9;
  static final int VALID_FROM = 10;
  static final int VALID_TO = 11;
  static final int STATUS = 12;
  static final int STATUS_DATE = 13;
  static final int LAST_UPDATED = 14;

  static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  static PermitRow of(String[] state, LocalDateTime at) {
    String[] v = state.clone();
    v[LAST_UPDATED] = TIMESTAMP.format(at);
    return new PermitRow(v, at);
  }

  String json() {
    StringBuilder b = new StringBuilder(400).append('{');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append('"').append(KEYS.get(i)).append("\":");
      if (values[i] == null) {
        b.append("null");
      } else {
        quote(b, values[i]);
      }
    }
    return b.append('}').toString();
  }

  private static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
