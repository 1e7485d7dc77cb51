package org.migstat.disclosure;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a published number sits, whatever release publishes it: indicator, measure, period and coordinates
 * (dimension to code, {@code _T} for a total). Two releases' cells with equal keys are two vintages of one
 * number. For a stock the period is its reference date ({@code start == end}).
 */
public record CellKey(String indicator, String measure, LocalDate start, LocalDate end,
                      Map<String, String> coordinates) implements Comparable<CellKey> {
  public CellKey {
    if (end.isBefore(start)) {
      throw new IllegalArgumentException(indicator + "." + measure + ": period ends " + end + " before it starts " + start);
    }
    coordinates = Collections.unmodifiableMap(new TreeMap<>(coordinates));
  }

  /** The same number's key over another period. */
  public CellKey over(LocalDate newStart, LocalDate newEnd) {
    return new CellKey(indicator, measure, newStart, newEnd, coordinates);
  }

  /** The same period with some coordinates replaced. */
  public CellKey at(Map<String, String> override) {
    Map<String, String> c = new TreeMap<>(coordinates);
    c.putAll(override);
    return new CellKey(indicator, measure, start, end, c);
  }

  /** Another measure of the indicator at the same period and coordinates. */
  public CellKey measure(String other) {
    return new CellKey(indicator, other, start, end, coordinates);
  }

  public String period() {
    return start.equals(end) ? start.toString() : start + ".." + end;
  }

  @Override
  public int compareTo(CellKey o) {
    return toString().compareTo(o.toString());
  }

  @Override
  public String toString() {
    return indicator + "." + measure + "@" + period() + coordinates;
  }
}
