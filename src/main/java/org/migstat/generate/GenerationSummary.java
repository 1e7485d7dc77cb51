package org.migstat.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * What {@link SampleGenerator#generate} wrote.
 *
 * @param files           every file written, sorted by path (relative to {@code out}, '/'-separated)
 * @param persons         persons made (each has at least one resident record; junk rows not included)
 * @param residentRecords distinct record_id values written, junk included
 * @param permits         distinct permit_no values written, junk included
 * @param calibration     the figures the data were built to give (data-samples/README.md)
 * @param figures         named figures of the case, crossing and embassy generators ("cases.rows",
 *                        "crossings.events", "embassy.registrations_2023", ...)
 */
public record GenerationSummary(int scale, long seed, Path out, List<FileStats> files, long persons,
    long residentRecords, long permits, Calibration calibration, java.util.Map<String, Long> figures) {

  /**
   * One file: its path relative to the output directory, its data rows (header excluded; -1 for the
   * case, crossing and embassy files, counted per folder in {@link #figures}), its size.
   */
  public record FileStats(String path, long rows, long bytes) {}

  /**
   * The calibrated figures at this scale, exact by construction: Indonesian residents and
   * Indonesian valid-permit holders on the reference date, Indonesian residents on the late date.
   */
  public record Calibration(LocalDate referenceDate, long idnResidents, long idnPermitHolders, LocalDate lateDate,
      long idnResidentsLate) {}

  public long totalBytes() {
    return files.stream().mapToLong(FileStats::bytes).sum();
  }

  public long rows(String prefix) {
    return files.stream().filter(f -> f.path().startsWith(prefix)).mapToLong(FileStats::rows).filter(n -> n >= 0).sum();
  }
}
