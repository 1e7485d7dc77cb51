package org.migstat.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CSV for spreadsheets and statistical software: UTF-8 (no BOM), RFC 4180 quoting, CRLF line ends.
 * Text cells that a spreadsheet would take for a formula (starting with {@code = + - @}, a tab or a CR) are
 * neutralised with a leading single quote (OWASP "CSV injection"); numeric cells are written as plain numbers,
 * negative ones included, so they stay numbers.
 */
final class CsvOut implements AutoCloseable {
  private final BufferedWriter out;
  private final StringBuilder line = new StringBuilder();
  private boolean first = true;

  CsvOut(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  CsvOut(Writer w) {
    this.out = new BufferedWriter(w);
  }

  /** A text cell (null → empty). */
  CsvOut text(String v) {
    sep();
    if (v != null) {
      line.append(quote(neutralise(v)));
    }
    return this;
  }

  /** A numeric cell (null → empty); whole numbers without a decimal point, never in exponent notation. */
  CsvOut number(Double v) {
    sep();
    line.append(formatNumber(v));
    return this;
  }

  CsvOut texts(List<String> values) {
    values.forEach(this::text);
    return this;
  }

  void endRow() throws IOException {
    line.append("\r\n");
    out.write(line.toString());
    line.setLength(0);
    first = true;
  }

  private void sep() {
    if (!first) {
      line.append(',');
    }
    first = false;
  }

  static String formatNumber(Double v) {
    if (v == null || v.isNaN() || v.isInfinite()) {
      return "";
    }
    double d = v;
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  /** Prefixes a single quote to text a spreadsheet would evaluate. */
  static String neutralise(String v) {
    if (!v.isEmpty()) {
      char c = v.charAt(0);
      if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
        return "'" + v;
      }
    }
    return v;
  }

  static String quote(String v) {
    boolean needs = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
        || (!v.isEmpty() && (Character.isWhitespace(v.charAt(0)) || Character.isWhitespace(v.charAt(v.length() - 1))));
    return needs ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
