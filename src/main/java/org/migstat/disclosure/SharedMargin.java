package org.migstat.disclosure;

import java.util.List;

/**
 * Two tables of one release that publish the same margin: a cell of {@code tableA} whose coordinates on
 * {@code dimensions} equal a cell of {@code tableB}'s, with every other coordinate a total in both, is
 * the same quantity (cases by month x sex and cases by month x case type share the by-month totals).
 * An empty {@code dimensions} list links the grand totals only.
 */
public record SharedMargin(String tableA, String tableB, List<String> dimensions) {
  public SharedMargin {
    dimensions = List.copyOf(dimensions);
  }
}
