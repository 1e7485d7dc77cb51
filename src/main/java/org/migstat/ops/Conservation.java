package org.migstat.ops;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Per source and run: records in the files (counted from their lines, independently of parsing) must equal
 * rows read into bronze, and rows read must equal accepted + quarantined + duplicates. A record swallowed by a
 * bad quote makes the first equation fail; a row lost between bronze and silver the second.
 *
 * @param recordsInFiles the independent count ({@link org.migstat.ingest.ExtractFile#recordsByLines()}); equal to
 *                       rowsRead where no independent count is made (a rebuild from bronze, a workbook)
 */
public record Conservation(String source, long rowsRead, long accepted, long quarantined, long duplicates,
                           long recordsInFiles) {
  public Conservation(String source, long rowsRead, long accepted, long quarantined, long duplicates) {
    this(source, rowsRead, accepted, quarantined, duplicates, rowsRead);
  }

  public boolean balanced() {
    return recordsInFiles == rowsRead && rowsRead == accepted + quarantined + duplicates;
  }

  public Row toRow() {
    return RowFactory.create(source, rowsRead, accepted, quarantined, duplicates, balanced());
  }

  @Override
  public String toString() {
    return String.format("%s: read %,d = accepted %,d + quarantined %,d + duplicates %,d%s%s", source, rowsRead,
        accepted, quarantined, duplicates,
        recordsInFiles == rowsRead ? "" : String.format("; the files hold %,d records by their lines", recordsInFiles),
        balanced() ? "" : "  <-- DOES NOT BALANCE");
  }
}
