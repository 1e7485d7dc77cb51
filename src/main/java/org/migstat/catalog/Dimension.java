package org.migstat.catalog;

import java.util.Map;

/**
 * A breakdown dimension of published indicators, with its code list and bilingual labels.
 * {@value #TOTAL} is the code of the total (all values) in every dimension.
 *
 * @param codes code → label; empty when labels come from a mapping file at run time (see {@code labelsFrom})
 * @param labelsFrom mapping file in {@code mappings/} with columns for the code and its en/id labels, or null
 */
public record Dimension(String name, Text label, Map<String, Text> codes, String labelsFrom) {
  public static final String TOTAL = "_T";
  public static final Text TOTAL_LABEL = Text.of("Total", "Total");
}
