package org.migstat.ingest.glotip;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/** A whole GLOTIP export read into memory: the banner and every data row in sheet order. */
public record GlotipWorkbook(GlotipBanner banner, List<GlotipRawRow> rows) {

  public GlotipWorkbook {
    rows = List.copyOf(rows);
  }

  public LocalDate releaseDate() {
    return banner.releaseDate();
  }

  /** The rows as Spark rows for {@code spark.createDataFrame(rows, StructType.fromDDL(DDL))}. */
  public List<Row> sparkRows() {
    List<Row> out = new ArrayList<>(rows.size());
    for (GlotipRawRow r : rows) {
      out.add(r.toSparkRow());
    }
    return out;
  }
}
