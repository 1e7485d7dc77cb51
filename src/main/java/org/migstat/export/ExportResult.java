package org.migstat.export;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What an export wrote and how long it took.
 *
 * @param tableVersions   Delta version read of each publish table ({@code publish.<id>}; -1 when missing)
 * @param tableRows       cells exported per publish table
 * @param notPublished    catalogue indicators whose publish table does not exist (shown as [x])
 * @param files           every file written, relative to {@code outDir} (with {@code /}), and its size in bytes
 * @param readTime        reading ops.runs and the publish tables
 * @param dataFilesTime   CSV, SDMX-CSV, XLSX and catalog.json
 * @param dashboardTime   building and writing the dashboard
 */
public record ExportResult(Path outDir, LocalDate asOf, String runId, Map<String, Long> tableVersions,
                           Map<String, Long> tableRows, List<String> notPublished, Path dashboard,
                           long dashboardBytes, Map<String, Long> files, long totalBytes, Duration readTime,
                           Duration dataFilesTime, Duration dashboardTime, Duration totalTime) {

  /** A few lines for the console. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("Export as of %s from run %s into %s%n", asOf, runId, outDir));
    sb.append(String.format("  dashboard  %s (%,d bytes, self-contained)%n", dashboard, dashboardBytes));
    sb.append(String.format("  data files %d files, %,d bytes in all%n", files.size(), totalBytes));
    tableVersions.forEach((t, v) -> sb.append(String.format("  %-36s version %s, %,d cells%n", t,
        v < 0 ? "[x] not published" : Long.toString(v), tableRows.getOrDefault(t, 0L))));
    sb.append(String.format("  time: read %.1f s, data files %.1f s, dashboard %.1f s, total %.1f s%n",
        readTime.toMillis() / 1000.0, dataFilesTime.toMillis() / 1000.0, dashboardTime.toMillis() / 1000.0,
        totalTime.toMillis() / 1000.0));
    return sb.toString();
  }
}
