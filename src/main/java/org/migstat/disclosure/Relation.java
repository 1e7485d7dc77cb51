package org.migstat.disclosure;

import java.util.List;

/**
 * An additivity relation inside one table: along {@code dimension}, with every other coordinate fixed,
 * the {@code total} cell is the sum of the {@code parts} ({@link Kind#SUM}); for a multi-valued
 * dimension the total counts distinct persons, so it lies between the largest part and their sum
 * ({@link Kind#COVER}).
 */
public record Relation(String dimension, CellRef total, List<CellRef> parts, Kind kind) {
  public enum Kind { SUM, COVER }

  public Relation {
    parts = List.copyOf(parts);
  }
}
