package org.migstat.notebook;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of a Databricks-style {@code %sql} cell: the magic line removed and the text split into
 * statements at top-level semicolons (not inside quotes, back-ticks or comments).
 */
public final class SqlScript {
  private SqlScript() {}

  public static final String MAGIC = "%sql";

  /** True when the first non-blank line of a code cell is {@code %sql}. */
  public static boolean isSql(String source) {
    return firstLine(source).equals(MAGIC);
  }

  /** True when the first non-blank line is {@code %md} (Databricks markdown in a code cell). */
  public static boolean isMarkdownMagic(String source) {
    String first = firstLine(source);
    return first.equals("%md") || first.startsWith("%md ");
  }

  private static String firstLine(String source) {
    for (String l : source.split("\n", -1)) {
      if (!l.isBlank()) {
        return l.strip();
      }
    }
    return "";
  }

  /** The cell text after the {@code %sql} line. */
  public static String body(String source) {
    int at = source.indexOf(MAGIC);
    int nl = source.indexOf('\n', at);
    return nl < 0 ? "" : source.substring(nl + 1);
  }

  /** Statements of a script, trimmed, without empty or comment-only ones. */
  public static List<String> statements(String sql) {
    return split(sql).statements();
  }

  /**
   * A script cut at its top-level semicolons: the finished statements, and the text after the last
   * semicolon ({@code rest}, blank or comments only when the script ends with a finished statement).
   * {@code open} is true when the text ends inside a quote, back-tick or block comment.
   */
  public record Split(List<String> statements, String rest, boolean restHasCode, boolean open) {
    /** True when nothing but blanks or comments follows the last finished statement. */
    public boolean complete() {
      return !restHasCode && !open;
    }
  }

  public static Split split(String sql) {
    List<String> out = new ArrayList<>();
    boolean open = false;
    StringBuilder cur = new StringBuilder();
    boolean hasCode = false;
    int n = sql.length();
    for (int i = 0; i < n; i++) {
      char c = sql.charAt(i);
      char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
      if (c == '-' && next == '-') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        cur.append(sql, i, end);
        i = end - 1;
      } else if (c == '/' && next == '*') {
        int end = sql.indexOf("*/", i + 2);
        open = end < 0;
        end = end < 0 ? n : end + 2;
        cur.append(sql, i, end);
        i = end - 1;
      } else if (c == '\'' || c == '"' || c == '`') {
        int j = i + 1;
        while (j < n) {
          char d = sql.charAt(j);
          if (d == '\\' && c != '`' && j + 1 < n) {
            j += 2;
            continue;
          }
          if (d == c) {
            if (j + 1 < n && sql.charAt(j + 1) == c) {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        open = j >= n;
        int end = Math.min(j + 1, n);
        cur.append(sql, i, end);
        hasCode = true;
        i = end - 1;
      } else if (c == ';') {
        if (hasCode) {
          out.add(cur.toString().strip());
        }
        cur.setLength(0);
        hasCode = false;
      } else {
        cur.append(c);
        if (!Character.isWhitespace(c)) {
          hasCode = true;
        }
      }
    }
    List<String> finished = List.copyOf(out);
    if (hasCode) {
      out.add(cur.toString().strip());
    }
    return new Split(hasCode ? List.copyOf(out) : finished, cur.toString(), hasCode, open);
  }
}
