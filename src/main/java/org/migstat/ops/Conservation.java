package org.migstat.ops;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Per source and run: rows read must equal accepted + quarantined + duplicates. */
public record Conservation(String source, long rowsRead, long accepted, long quarantined, long duplicates) {
  public boolean balanced() {
    return rowsRead == accepted + quarantined + duplicates;
  }

  public Row toRow() {
    return RowFactory.create(source, rowsRead, accepted, quarantined, duplicates, balanced());
  }

  @Override
  public String toString() {
    return String.format("%s: read %,d = accepted %,d + quarantined %,d + duplicates %,d%s", source, rowsRead,
        accepted, quarantined, duplicates, balanced() ? "" : "  <-- DOES NOT BALANCE");
  }
}
