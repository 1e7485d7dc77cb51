package org.migstat.generate;

/** RFC 4180 output: a field is quoted only when it holds a comma, a quote or a line break. */
final class Csv {
  private Csv() {}

  static String line(String[] fields) {
    StringBuilder b = new StringBuilder(160);
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      String f = fields[i];
      if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
        b.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        b.append(f);
      }
    }
    return b.toString();
  }

  static String line(java.util.List<String> fields) {
    return line(fields.toArray(new String[0]));
  }
}
