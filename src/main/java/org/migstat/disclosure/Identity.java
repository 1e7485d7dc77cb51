package org.migstat.disclosure;

import java.util.List;

/**
 * An exact identity between cells of different tables of a release (or of a table and an earlier
 * release's): {@code total = sum(parts)}. The catalogue declares them per indicator (residents = resident
 * permit holders + documentation gap; a period = the published periods that tile it) and the publish plan
 * expands them per coordinate. Inside one table, margins come from the {@link Hierarchy hierarchies}.
 *
 * @param id    the declared relation it comes from, for messages
 * @param total the cell that is the sum
 * @param parts the cells it is the sum of
 */
public record Identity(String id, CellRef total, List<CellRef> parts) {
  public Identity {
    parts = List.copyOf(parts);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException(id + ": an identity needs at least one part");
    }
  }
}
