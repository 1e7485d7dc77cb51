package org.migstat.notebook;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * The first rows of a query result, rendered the two ways a notebook output carries it: an aligned
 * text table (text/plain) and an HTML table (text/html), both with the row count.
 */
public final class ResultTable {
  private final List<String> columns;
  private final List<List<String>> rows;
  private final long total;

  public ResultTable(List<String> columns, List<Row> firstRows, long total) {
    this.columns = List.copyOf(columns);
    this.rows = new ArrayList<>();
    for (Row r : firstRows) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        cells.add(format(r.get(i)));
      }
      rows.add(cells);
    }
    this.total = total;
  }

  public List<String> columns() {
    return columns;
  }

  public List<List<String>> rows() {
    return rows;
  }

  public long total() {
    return total;
  }

  /** "3 rows", or "showing the first 100 of 1,234 rows". */
  public String countLine() {
    if (rows.size() < total) {
      return String.format("showing the first %,d of %,d rows", rows.size(), total);
    }
    return total == 1 ? "1 row" : String.format("%,d rows", total);
  }

  public String toText() {
    int[] w = new int[columns.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = columns.get(i).length();
      for (List<String> r : rows) {
        w[i] = Math.max(w[i], r.get(i).length());
      }
      w[i] = Math.min(w[i], 60);
    }
    StringBuilder sb = new StringBuilder();
    line(sb, columns, w);
    for (int i = 0; i < w.length; i++) {
      sb.append(i == 0 ? "" : "-+-").append("-".repeat(w[i]));
    }
    sb.append('\n');
    for (List<String> r : rows) {
      line(sb, r, w);
    }
    sb.append('(').append(countLine()).append(')');
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<String> cells, int[] w) {
    for (int i = 0; i < w.length; i++) {
      String c = cells.get(i);
      if (c.length() > w[i]) {
        c = c.substring(0, w[i] - 1) + "…";
      }
      sb.append(i == 0 ? "" : " | ").append(c).append(" ".repeat(w[i] - c.length()));
    }
    // No trailing blanks: they make diffs of executed notebooks noisy.
    int end = sb.length();
    while (end > 0 && sb.charAt(end - 1) == ' ') {
      end--;
    }
    sb.setLength(end);
    sb.append('\n');
  }

  public String toHtml() {
    StringBuilder sb = new StringBuilder("<table class=\"dataframe\">\n<thead><tr>");
    for (String c : columns) {
      sb.append("<th>").append(Html.escape(c)).append("</th>");
    }
    sb.append("</tr></thead>\n<tbody>\n");
    for (List<String> r : rows) {
      sb.append("<tr>");
      for (String c : r) {
        sb.append(numeric(c) ? "<td class=\"num\">" : "<td>").append(Html.escape(c)).append("</td>");
      }
      sb.append("</tr>\n");
    }
    sb.append("</tbody>\n</table>\n<p class=\"rowcount\">").append(Html.escape(countLine())).append("</p>");
    return sb.toString();
  }

  private static boolean numeric(String s) {
    return s.matches("-?[0-9][0-9.,]*");
  }

  /** One value as a statistician reads it: plain decimals, ISO dates, [lists] and {maps}. */
  static String format(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? d.toString() : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    if (v instanceof Float f) {
      return format(f.doubleValue());
    }
    if (v instanceof BigDecimal b) {
      return b.toPlainString();
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toInstant().toString();
    }
    if (v instanceof java.time.Instant i) {
      return i.toString();
    }
    if (v instanceof byte[] b) {
      return "<" + b.length + " bytes>";
    }
    if (v instanceof scala.collection.Map<?, ?> m) {
      return format(scala.jdk.javaapi.CollectionConverters.asJava(m));
    }
    if (v instanceof Map<?, ?> m) {
      List<String> parts = new ArrayList<>();
      m.forEach((k, x) -> parts.add(format(k) + ": " + format(x)));
      return "{" + String.join(", ", parts) + "}";
    }
    if (v instanceof scala.collection.Iterable<?> s) {
      List<String> parts = new ArrayList<>();
      scala.jdk.javaapi.CollectionConverters.asJava(s).forEach(x -> parts.add(format(x)));
      return "[" + String.join(", ", parts) + "]";
    }
    if (v instanceof Row r) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        String name = r.schema() == null ? "_" + (i + 1) : r.schema().fields()[i].name();
        parts.add(name + ": " + format(r.get(i)));
      }
      return "{" + String.join(", ", parts) + "}";
    }
    return String.valueOf(v);
  }
}
