package org.migstat.publish;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.migstat.disclosure.Hierarchy;

/**
 * How the periods of one calendar year of a monthly flow add up, as tables the disclosure engine can
 * reason about. A period is a code: a month {@code 2024-03}, a calendar year {@code 2024}, or a span
 * {@code 2024-03-01..2024-03-13} (month to date, year to date). Every period appears as a value of an
 * internal {@code period} dimension, so "months add up to the year" is an ordinary hierarchy:
 * <ul>
 *   <li>{@code A}: the full months of the year, their total the year;</li>
 *   <li>{@code B} (one per year-to-date): the full months before it, plus the month to date when it ends
 *       mid-month, their total the year to date;</li>
 *   <li>{@code C} (one per month to date whose full month is also published): the month to date plus the
 *       rest of the month, their total the full month. The rest is never published: the engine treats it as
 *       if it were (a stronger attacker than any reader), so the difference between a full month and its
 *       month to date cannot be a small count either;</li>
 *   <li>{@code S}: a January month to date, published alone (its year to date is itself).</li>
 * </ul>
 * Tables of one year that count the same population are linked on their equal cells (the same month in
 * {@code A} and {@code B}), so the whole year is one system of linear relations.
 */
final class PeriodLayout {
  private PeriodLayout() {}

  /** One table of the layout: its id suffix, the period hierarchy, and the period codes it publishes. */
  record Part(String suffix, String total, List<String> children, Set<String> published, boolean internalRest) {
    Hierarchy hierarchy() {
      return total == null ? new Hierarchy(null, java.util.Map.of(), List.of(), false)
          : new Hierarchy(total, java.util.Map.of(), children, false);
    }

    /** Every period code of the table, total included. */
    List<String> codes() {
      List<String> all = new ArrayList<>(children);
      if (total != null) {
        all.add(total);
      }
      return all;
    }
  }

  /** A period as published: code (the time_period), first and last day. */
  record Period(String code, LocalDate start, LocalDate end) {}

  static String code(LocalDate start, LocalDate end) {
    if (start.getDayOfMonth() == 1 && end.equals(YearMonth.from(start).atEndOfMonth())) {
      return YearMonth.from(start).toString();
    }
    if (start.getDayOfYear() == 1 && end.equals(start.withDayOfYear(start.lengthOfYear()))) {
      return Integer.toString(start.getYear());
    }
    return start + ".." + end;
  }

  static Period period(String code) {
    if (code.matches("\\d{4}")) {
      int y = Integer.parseInt(code);
      return new Period(code, LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31));
    }
    if (code.matches("\\d{4}-\\d{2}")) {
      YearMonth m = YearMonth.parse(code);
      return new Period(code, m.atDay(1), m.atEndOfMonth());
    }
    int dots = code.indexOf("..");
    return new Period(code, LocalDate.parse(code.substring(0, dots)), LocalDate.parse(code.substring(dots + 2)));
  }

  static boolean isFullMonth(LocalDate start, LocalDate end) {
    return start.getDayOfMonth() == 1 && end.equals(YearMonth.from(start).atEndOfMonth());
  }

  static boolean isMonthToDate(LocalDate start, LocalDate end) {
    return start.getDayOfMonth() == 1 && YearMonth.from(start).equals(YearMonth.from(end)) && !isFullMonth(start, end);
  }

  /** A year to date as published in B tables: from 1 January into a later month, not the whole year. */
  static boolean isYearToDate(LocalDate start, LocalDate end) {
    return start.getDayOfYear() == 1 && end.getMonthValue() > 1 && end.getYear() == start.getYear()
        && !end.equals(start.withDayOfYear(start.lengthOfYear()));
  }

  /**
   * The tables of a year.
   *
   * @param fullMonths    the full months with data
   * @param monthsToDate  the month-to-date periods with data (their end dates)
   * @param monthEndYtd   also publish the year to date at every month end (for "vs previous month")
   * @param withRest      include the internal C tables (publishing: yes; a reader's view: no)
   */
  static List<Part> layout(int year, Collection<YearMonth> fullMonths, Collection<LocalDate> monthsToDate,
                           boolean monthEndYtd, boolean withRest) {
    TreeSet<YearMonth> months = new TreeSet<>(fullMonths);
    List<Part> parts = new ArrayList<>();
    List<String> monthCodes = months.stream().map(YearMonth::toString).toList();
    boolean wholeYear = months.size() == 12;
    String yearCode = Integer.toString(year);
    if (!months.isEmpty()) {
      parts.add(new Part("", yearCode, monthCodes, wholeYear ? union(monthCodes, yearCode) : Set.copyOf(monthCodes),
          false));
    }
    if (monthEndYtd) {
      for (YearMonth m : months) {
        if (m.getMonthValue() == 1 || m.getMonthValue() == 12 || !allBefore(months, m.plusMonths(1))) {
          continue;
        }
        List<String> children = months.headSet(m, true).stream().map(YearMonth::toString).toList();
        String total = code(LocalDate.of(year, 1, 1), m.atEndOfMonth());
        parts.add(new Part("#ytd" + m.atEndOfMonth(), total, children, Set.of(total), false));
      }
    }
    for (LocalDate end : new TreeSet<>(monthsToDate)) {
      YearMonth m = YearMonth.from(end);
      String mtd = code(m.atDay(1), end);
      if (m.getMonthValue() == 1) {
        parts.add(new Part("#" + end, null, List.of(mtd), Set.of(mtd), false));
      } else if (allBefore(months, m)) {
        List<String> children = new ArrayList<>(months.headSet(m, false).stream().map(YearMonth::toString).toList());
        children.add(mtd);
        String total = code(LocalDate.of(year, 1, 1), end);
        parts.add(new Part("#ytd" + end, total, children, Set.of(mtd, total), false));
      } else {
        parts.add(new Part("#" + end, null, List.of(mtd), Set.of(mtd), false));
      }
      if (withRest && months.contains(m)) {
        String rest = code(end.plusDays(1), m.atEndOfMonth());
        parts.add(new Part("#rest" + end, m.toString(), List.of(mtd, rest), Set.of(), true));
      }
    }
    return parts;
  }

  private static boolean allBefore(TreeSet<YearMonth> months, YearMonth m) {
    for (YearMonth x = YearMonth.of(m.getYear(), 1); x.isBefore(m); x = x.plusMonths(1)) {
      if (!months.contains(x)) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> union(List<String> a, String b) {
    Set<String> s = new java.util.LinkedHashSet<>(a);
    s.add(b);
    return s;
  }
}
