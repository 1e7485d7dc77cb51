package org.migstat.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * CSV for spreadsheets and statistical software: UTF-8 (no BOM), RFC 4180 quoting, CRLF line ends.
 * Text cells that a spreadsheet would take for a formula (starting with {@code = + - @}, a tab or a CR) are
 * neutralised with a leading single quote (OWASP "CSV injection"); numeric cells are written as plain numbers,
 * negative ones included, so they stay numbers.
 */
final class CsvOut implements AutoCloseable {
  /** RFC 4180 with CRLF; a field is quoted when it needs to be, or when it starts or ends with whitespace. */
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n")
      .setQuoteMode(QuoteMode.MINIMAL).get();

  private final CSVPrinter out;
  private final List<String> row = new ArrayList<>();

  CsvOut(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    this.out = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), FORMAT);
  }

  CsvOut(Writer w) throws IOException {
    this.out = new CSVPrinter(new BufferedWriter(w), FORMAT);
  }

  /** A text cell (null → empty). */
  CsvOut text(String v) {
    row.add(v == null ? "" : neutralise(v));
    return this;
  }

  /** A numeric cell (null → empty); whole numbers without a decimal point, never in exponent notation. */
  CsvOut number(Double v) {
    row.add(formatNumber(v));
    return this;
  }

  CsvOut texts(List<String> values) {
    values.forEach(this::text);
    return this;
  }

  void endRow() throws IOException {
    out.printRecord(row);
    row.clear();
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

  @Override
  public void close() throws IOException {
    out.close();
  }
}
