package org.migstat.export;

import java.time.LocalDate;
import java.util.List;

/**
 * One row of a publish table (long format): a cell of an indicator and one of its measures.
 *
 * @param dims the cell's code in each of the indicator's dimensions, in catalogue order ({@code _T} = total)
 * @param value the published value; null when suppressed, censored or not available (then {@code flag} says why)
 */
public record PublishedCell(String indicator, String timePeriod, LocalDate periodStart, LocalDate periodEnd,
                            List<String> dims, String measure, Double value, String flag,
                            String definitionVersion, String runId, String releaseId, LocalDate referenceDate) {

  /** A cell of no particular release (a publish table from before releases were kept). */
  public PublishedCell(String indicator, String timePeriod, LocalDate periodStart, LocalDate periodEnd,
                       List<String> dims, String measure, Double value, String flag, String definitionVersion,
                       String runId) {
    this(indicator, timePeriod, periodStart, periodEnd, dims, measure, value, flag, definitionVersion, runId, null,
        null);
  }

  public Period period() {
    return new Period(timePeriod, periodStart, periodEnd);
  }

  /** A reference date (stocks: start = end) or a period (flows), as published. */
  public record Period(String timePeriod, LocalDate start, LocalDate end) {
    public boolean isDate() {
      return start != null && start.equals(end);
    }
  }
}
