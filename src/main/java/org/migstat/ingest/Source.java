package org.migstat.ingest;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.io.Serializable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.migstat.catalog.CaseTables;
import org.migstat.catalog.TableDef;
import org.migstat.conform.CasesConform;
import org.migstat.conform.CrossingsConform;
import org.migstat.conform.EmbassyConform;
import org.migstat.conform.PermitsConform;
import org.migstat.conform.Pseudonymizer;
import org.migstat.conform.ResidentsConform;
import org.migstat.catalog.Tables;

/**
 * A source extract migstat supports: where its files sit in the input folder, their format, their
 * declared raw columns, and the bronze table they land in.
 */
public enum Source {
  RESIDENTS("residents", Format.CSV, Tables.BRONZE_RESIDENTS, Tables.RESIDENT_RAW_COLUMNS, "record_id",
      Tables.SILVER_RESIDENTS, ResidentsConform::conform, "last_updated", "dd/MM/yyyy"),
  PERMITS("permits", Format.JSONL, Tables.BRONZE_PERMITS, Tables.PERMIT_RAW_COLUMNS, "permit_no",
      Tables.SILVER_PERMITS, PermitsConform::conform, "last_updated", "yyyy-MM-dd"),
  CASES("cases", Format.CSV, CaseTables.BRONZE_CASES, CaseTables.CASE_RAW_COLUMNS, CaseTables.CASE_KEY,
      CaseTables.SILVER_CASES, CasesConform::conform, "terakhir_diperbarui", "dd-MM-yyyy"),
  CROSSINGS("crossings", Format.CSV, CaseTables.BRONZE_CROSSINGS, CaseTables.CROSSING_RAW_COLUMNS,
      CaseTables.CROSSING_KEY, CaseTables.SILVER_CROSSINGS, CrossingsConform::conform, "last_updated", "yyyy-MM-dd"),
  EMBASSY("embassy", Format.CSV, CaseTables.BRONZE_EMBASSY, CaseTables.EMBASSY_RAW_COLUMNS, CaseTables.EMBASSY_KEY,
      CaseTables.SILVER_EMBASSY_REGISTRATIONS, EmbassyConform::conform, "terakhir_diperbarui", "yyyy-MM-dd");

  /** The registries whose month-ends are the reference dates of the stock indicators. */
  public static final java.util.List<Source> REGISTRIES = java.util.List.of(RESIDENTS, PERMITS);

  /** Bronze rows to typed silver candidates with their rule verdicts (see {@link org.migstat.quality.Rules}). */
  @FunctionalInterface
  public interface Conformer extends Serializable {
    Dataset<Row> conform(Dataset<Row> bronze, Pseudonymizer pseudonyms);
  }

  public enum Format { CSV, JSONL }

  // residents_2024-03_delta.csv.gz, permits_2024-03.jsonl, crossings_2024-03-05.csv.gz ...
  private static final Pattern DATE_IN_NAME = Pattern.compile("_(\\d{4})-(\\d{2})(?:-(\\d{2}))?(?=[_.])");

  public final String folder;
  public final Format format;
  public final TableDef bronze;
  public final List<String> rawColumns;
  /** The typed silver column that identifies a record: its latest version wins. */
  public final String recordKey;
  public final TableDef silver;
  public final Conformer conformer;
  /** The raw column with each record's last-update time, and the pattern of its date part (its first 10 characters). */
  public final String updatedColumn;
  public final String updatedDatePattern;

  Source(String folder, Format format, TableDef bronze, String rawColumns, String recordKey, TableDef silver,
         Conformer conformer, String updatedColumn, String updatedDatePattern) {
    this.updatedColumn = updatedColumn;
    this.updatedDatePattern = updatedDatePattern;
    this.silver = silver;
    this.conformer = conformer;
    this.folder = folder;
    this.format = format;
    this.bronze = bronze;
    this.rawColumns = List.of(rawColumns.split(","));
    this.recordKey = recordKey;
  }

  public String id() {
    return folder;
  }

  /** True when a file name belongs to this source (hidden and temporary files never do). */
  public boolean accepts(String fileName) {
    return fileName.startsWith(folder + "_") && !fileName.startsWith(".") && !fileName.endsWith(".tmp");
  }

  /**
   * The extract date a file name carries: a monthly file ({@code _YYYY-MM}) is extracted on the last
   * day of its month, a daily one ({@code _YYYY-MM-DD}) on its day.
   */
  public static Optional<LocalDate> extractDate(String fileName) {
    Matcher m = DATE_IN_NAME.matcher(fileName);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      YearMonth ym = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      return Optional.of(m.group(3) == null ? ym.atEndOfMonth() : ym.atDay(Integer.parseInt(m.group(3))));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  public static Optional<Source> byId(String id) {
    return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
  }
}
