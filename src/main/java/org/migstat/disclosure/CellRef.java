package org.migstat.disclosure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A cell's address: table id and coordinates (dimension to value). Equality ignores the order of the
 * coordinates.
 */
public record CellRef(String tableId, Map<String, String> coordinates) {
  public CellRef {
    coordinates = Collections.unmodifiableMap(new LinkedHashMap<>(coordinates));
  }

  public static CellRef of(String tableId, Map<String, String> coordinates) {
    return new CellRef(tableId, coordinates);
  }

  /** {@code table{dim=value, ...}}, coordinates in their map order. */
  public String label() {
    return label(tableId, coordinates);
  }

  static String label(String tableId, Map<String, String> coordinates) {
    return tableId + coordinates.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }

  @Override
  public String toString() {
    return label();
  }
}
