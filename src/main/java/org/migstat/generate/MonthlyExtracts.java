package org.migstat.generate;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The monthly files of one source, all open at once so persons can be written in a single pass.
 * A row goes to the month of its last_updated; the failed month's rows go to the next month's file.
 */
final class MonthlyExtracts implements Closeable {
  private final Path root;
  private final YearMonth first;
  private final Function<YearMonth, String> name;
  private final ExtractFile[] files;
  private final List<GenerationSummary.FileStats> stats = new ArrayList<>();

  /**
   * @param name   relative file name of a month (without ".gz")
   * @param header CSV header, or null for JSON lines
   * @param legacy the month written in Windows-1252, or null
   */
  MonthlyExtracts(Path root, YearMonth first, Function<YearMonth, String> name, String header, YearMonth legacy,
      Compressor compressor) throws IOException {
    this.root = root;
    this.first = first;
    this.name = name;
    int months = (int) (first.until(Span.LAST_MONTH, java.time.temporal.ChronoUnit.MONTHS) + 1);
    this.files = new ExtractFile[months];
    for (int i = 0; i < months; i++) {
      YearMonth m = first.plusMonths(i);
      if (m.equals(Span.EMPTY_MONTH)) {
        continue;
      }
      Charset cs = m.equals(legacy) ? Charset.forName("windows-1252") : StandardCharsets.UTF_8;
      files[i] = new ExtractFile(root, name.apply(m) + ".gz", cs, m.equals(Span.BOM_MONTH), header,
          m.equals(Span.TRUNCATED_MONTH), compressor);
    }
  }

  /** The file a row written at {@code at} goes to; null if before the first month or after the last. */
  ExtractFile forTime(LocalDateTime at) {
    YearMonth m = YearMonth.from(at);
    if (m.isBefore(first) || m.isAfter(Span.LAST_MONTH)) {
      return null;
    }
    if (m.equals(Span.EMPTY_MONTH)) {
      m = m.plusMonths(1);
    }
    return files[(int) first.until(m, java.time.temporal.ChronoUnit.MONTHS)];
  }

  ExtractFile first() {
    return files[0];
  }

  /** Closes every file, then adds the empty month (0 bytes, not gzipped) and the re-sent copy. */
  @Override
  public void close() throws IOException {
    for (int i = 0; i < files.length; i++) {
      YearMonth m = first.plusMonths(i);
      if (files[i] == null) {
        Path empty = root.resolve(name.apply(m));
        Files.write(empty, new byte[0]);
        stats.add(new GenerationSummary.FileStats(name.apply(m), 0, 0));
        continue;
      }
      files[i].close();
      stats.add(stats(files[i].relative(), files[i].rows()));
      if (m.equals(Span.RESENT_MONTH)) {
        String resent = resentName(files[i].relative());
        Files.copy(files[i].path(), root.resolve(resent));
        stats.add(stats(resent, files[i].rows()));
      }
    }
  }

  List<GenerationSummary.FileStats> stats() {
    return stats;
  }

  /** residents_2023-05_delta.csv.gz -> residents_2023-05_delta_resend.csv.gz */
  static String resentName(String relative) {
    int dot = relative.indexOf('.', relative.lastIndexOf('/') + 1);
    return relative.substring(0, dot) + "_resend" + relative.substring(dot);
  }

  private GenerationSummary.FileStats stats(String relative, long rows) throws IOException {
    return new GenerationSummary.FileStats(relative, rows, Files.size(root.resolve(relative)));
  }
}
