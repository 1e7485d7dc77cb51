package org.migstat.export;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.migstat.catalog.Indicator;

/**
 * A publish table as the export read it: the catalogue entry, the Delta version read, and its cells.
 *
 * @param version Delta version read; -1 when the table does not exist (then {@code cells} is empty)
 * @param pinned  true when the version is the one the build-stamp run recorded in {@code output_versions}
 */
public record PublishedTable(Indicator indicator, String path, long version, boolean pinned,
                             List<PublishedCell> cells) {

  public boolean available() {
    return version >= 0;
  }

  public String table() {
    return indicator.publishTable();
  }

  /** Distinct codes of a dimension, in the order the cells hold them. */
  public Set<String> codes(String dimension) {
    int i = indicator.dimensions().indexOf(dimension);
    Set<String> codes = new LinkedHashSet<>();
    if (i >= 0) {
      cells.forEach(c -> codes.add(c.dims().get(i)));
    }
    return codes;
  }
}
