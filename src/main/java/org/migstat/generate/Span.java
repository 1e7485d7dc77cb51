package org.migstat.generate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;

/** The calendar the bundled extracts cover, and the months that carry one particular kind of mess. */
final class Span {
  private Span() {}

  static final YearMonth FIRST_MONTH = YearMonth.of(2022, 1);
  static final YearMonth LAST_MONTH = YearMonth.of(2024, 12);
  static final LocalDate START = FIRST_MONTH.atDay(1);
  static final LocalDate END = LAST_MONTH.atEndOfMonth();
  /** Nothing written after the last extract's date exists in any file. */
  static final LocalDateTime HORIZON = endOf(END);

  /** The calibration date of sources.md, and the late-2024 date the registry is checked again. */
  static final LocalDate REFERENCE = LocalDate.of(2024, 3, 13);
  static final LocalDate LATE = LocalDate.of(2024, 10, 31);

  /** Residents known by the end of this day arrive in the initial full load (residents_2022-01_full). */
  static final LocalDate INITIAL_LOAD = LocalDate.of(2022, 1, 31);
  /** The registry re-sent everything it held at the end of this day (residents_2023-07_full). */
  static final LocalDate MID_SNAPSHOT = LocalDate.of(2023, 7, 31);
  /** Permit chains older than this are history nobody extracts; it only bounds the work done. */
  static final LocalDate WORK_HISTORY_START = LocalDate.of(2019, 1, 1);

  /** Both extracts of this month failed: 0-byte files, and the changes arrive with the next month. */
  static final YearMonth EMPTY_MONTH = YearMonth.of(2023, 2);
  static final YearMonth RESENT_MONTH = YearMonth.of(2023, 5);
  static final YearMonth BOM_MONTH = YearMonth.of(2022, 6);
  static final YearMonth CP1252_MONTH = YearMonth.of(2022, 9);
  static final YearMonth TRUNCATED_MONTH = YearMonth.of(2023, 10);

  static LocalDateTime endOf(LocalDate day) {
    return day.atTime(23, 59, 59);
  }

  static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }
}
