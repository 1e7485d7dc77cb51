package org.migstat.ingest.glotip;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One data row of the GLOTIP export, every cell as the spreadsheet shows it (an empty cell is
 * {@code null}), plus its 1-based spreadsheet row number. Field order is the order of
 * {@link GlotipWorkbookReader#DDL}.
 */
public record GlotipRawRow(
    String iso3Code,
    String country,
    String region,
    String subregion,
    String indicator,
    String dimension,
    String category,
    String sex,
    String age,
    String year,
    String unit,
    String txtValue,
    String source,
    int sourceRow) {

  /** The row as a Spark {@link Row} matching {@link GlotipWorkbookReader#DDL}. */
  public Row toSparkRow() {
    return RowFactory.create(iso3Code, country, region, subregion, indicator, dimension, category,
        sex, age, year, unit, txtValue, source, sourceRow);
  }

  /** Builds a row from the 13 cells in header order ({@link GlotipWorkbookReader#HEADER}). */
  static GlotipRawRow of(String[] cells, int sourceRow) {
    return new GlotipRawRow(cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6],
        cells[7], cells[8], cells[9], cells[10], cells[11], cells[12], sourceRow);
  }
}
