package org.migstat.disclosure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the attacker learns about a cell that should be protected: the feasible interval of its true
 * count given everything published, and why that is too narrow. An empty list of findings means the
 * release is safe.
 *
 * @param table       table id (for a differencing increment, the cumulative table)
 * @param coordinates the cell's coordinates
 * @param lo          smallest value consistent with what is published
 * @param hi          largest value ({@code Double.POSITIVE_INFINITY} when unbounded)
 * @param reason      one sentence for the release log
 */
public record Finding(String table, Map<String, String> coordinates, double lo, double hi, String reason) {
  public Finding {
    coordinates = Collections.unmodifiableMap(new LinkedHashMap<>(coordinates));
  }

  public String label() {
    return CellRef.label(table, coordinates);
  }

  @Override
  public String toString() {
    return label() + " in [" + Interval.format(lo) + ", " + Interval.format(hi) + "]: " + reason;
  }
}
