package org.migstat.catalog;

import java.util.List;

/**
 * One published indicator: what it means, how it is broken down and protected, and where it comes from.
 * Its cells live in {@code publish.<id>} in long format (see {@link IndicatorCatalog#PUBLISH_DDL}).
 *
 * @param kind        STOCK (persons on a reference date) or FLOW (events or persons over a period)
 * @param unit        what the value counts ("persons", "permits", "percent", "per 100,000 residents", "events")
 * @param grain       one row per ... (before totals are added)
 * @param dimensions  breakdown dimensions, in order; totals ({@value Dimension#TOTAL}) are published for each
 * @param measures    value names in the table's {@code measure} column; the first is the headline one
 * @param family      disclosure family (see disclosure.properties): residence, cases, border, context
 * @param sourceTables gold tables the indicator is computed from
 * @param caveats     sentences shown with every chart and table of the indicator
 */
public record Indicator(String id, Text title, Text description, Kind kind, String unit, String grain,
                        List<String> dimensions, List<String> measures, String family, List<String> sourceTables,
                        String definitionVersion, List<Text> caveats) {
  public enum Kind { STOCK, FLOW }

  public String publishTable() {
    return "publish." + id;
  }
}
