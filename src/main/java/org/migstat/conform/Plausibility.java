package org.migstat.conform;

import static org.apache.spark.sql.functions.*;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * Plausibility windows of dates, from {@code mappings/plausibility.csv} (a setting may be overridden for a run
 * with {@code -Dmigstat.<setting>=<value>}): no event, report, registration, permit issue or last update after
 * the extract date of its file plus a small tolerance; no birth before 1900 (or the configured date) nor after the
 * event it precedes. Read once per JVM: the rules built from these windows are data like the others.
 */
public final class Plausibility {
  private Plausibility() {}

  private static final Map<String, String> SETTINGS = settings();

  /** Days a record date may lie after its file's extract date. */
  public static final int RECORD_TOLERANCE_DAYS = Integer.parseInt(setting("record_date_tolerance_days"));
  /** Days the extract date in a file name may lie after the latest last-update date inside the file. */
  public static final int FILE_TOLERANCE_DAYS = Integer.parseInt(setting("file_date_tolerance_days"));
  /** The earliest plausible birth date. */
  public static final LocalDate EARLIEST_BIRTH = LocalDate.parse(setting("earliest_birth_date"));

  private static Map<String, String> settings() {
    Map<String, String> m = new LinkedHashMap<>();
    for (Map<String, String> row : Mappings.load("plausibility.csv")) {
      m.put(row.get("setting"), row.get("value"));
    }
    return m;
  }

  private static String setting(String name) {
    String v = System.getProperty("migstat." + name, SETTINGS.get(name));
    if (v == null || v.isBlank()) {
      throw new IllegalStateException("mappings/plausibility.csv has no setting " + name);
    }
    return v.strip();
  }

  /** TRUE when a date (or timestamp) is NULL or not after the row's extract date plus the tolerance. */
  public static Column notAfterExtract(Column date) {
    return date.isNull().or(to_date(date).leq(date_add(col("_extract_date"), RECORD_TOLERANCE_DAYS)));
  }

  /** TRUE when a birth date is NULL or not before the earliest plausible birth date. */
  public static Column bornAfterEarliest(Column birth) {
    return birth.isNull().or(birth.geq(lit(java.sql.Date.valueOf(EARLIEST_BIRTH))));
  }
}
