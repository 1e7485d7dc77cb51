package org.migstat.disclosure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One cell of a table.
 *
 * @param tableId     the table
 * @param coordinates dimension to value, in the table's dimension order; totals are {@code _T}
 * @param value       the true count (never published as such when suppressed or rounded); in a
 *                    reader's view ({@link CellTable#asPublished}) the published value, ignored when
 *                    the cell is suppressed
 * @param flag        the cell's flag, null when none; {@link Flag#CONFIDENTIAL} means suppressed
 */
public record Cell(String tableId, Map<String, String> coordinates, long value, Flag flag) {
  public Cell {
    coordinates = Collections.unmodifiableMap(new LinkedHashMap<>(coordinates));
    if (value < 0) {
      throw new IllegalArgumentException("negative count " + value + " at " + CellRef.label(tableId, coordinates));
    }
  }

  public CellRef ref() {
    return new CellRef(tableId, coordinates);
  }

  public boolean suppressed() {
    return flag == Flag.CONFIDENTIAL;
  }

  public Cell withFlag(Flag f) {
    return new Cell(tableId, coordinates, value, f);
  }

  public String label() {
    return CellRef.label(tableId, coordinates);
  }
}
