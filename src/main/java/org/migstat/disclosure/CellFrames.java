package org.migstat.disclosure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The thin Spark glue: gold aggregates in, published tables and audit rows out. Published tables are
 * small (hundreds to a few thousand cells), so cells are collected to the driver; no reads or writes
 * happen here.
 */
public final class CellFrames {
  private CellFrames() {}

  /** Schema of {@code ops.disclosure_audit}: one row per suppressed cell of a release. */
  public static final String AUDIT_DDL = String.join(", ",
      "release STRING COMMENT 'release id'",
      "table_id STRING COMMENT 'published table'",
      "coordinates MAP<STRING, STRING> COMMENT 'dimension to value; _T is a total'",
      "value BIGINT COMMENT 'true count of the suppressed cell (restricted: never publish this table)'",
      "rule STRING COMMENT 'primary:threshold<n, primary:manual or secondary'",
      "protects ARRAY<STRING> COMMENT 'for secondary suppressions, the cells protected, as table{dim=value, ...}'");

  /**
   * A table from detail rows: one row per combination of leaf values, a column per dimension (any type,
   * read as its string form) and a count column. Totals and zero cells are computed.
   */
  public static CellTable fromDataset(TableSpec spec, Dataset<Row> cells, String valueColumn) {
    return CellTable.fromDetail(spec, collect(spec, cells, valueColumn, null));
  }

  /**
   * A table from rows that include the totals ({@code _T} and intermediate levels), e.g. counts of
   * distinct persons over a multi-valued dimension; {@code flagColumn} (nullable) holds flag codes.
   */
  public static CellTable fromDatasetWithTotals(TableSpec spec, Dataset<Row> cells, String valueColumn,
      String flagColumn) {
    return CellTable.asGiven(spec, collect(spec, cells, valueColumn, flagColumn));
  }

  private static List<Cell> collect(TableSpec spec, Dataset<Row> cells, String valueColumn, String flagColumn) {
    List<Column> cols = new ArrayList<>();
    for (String d : spec.dimensions()) {
      cols.add(cells.col(d).cast("string"));
    }
    cols.add(cells.col(valueColumn).cast("long"));
    if (flagColumn != null) {
      cols.add(cells.col(flagColumn).cast("string"));
    }
    List<Cell> out = new ArrayList<>();
    for (Row r : cells.select(cols.toArray(new Column[0])).collectAsList()) {
      Map<String, String> coords = new LinkedHashMap<>();
      for (int i = 0; i < spec.dimensions().size(); i++) {
        if (r.isNullAt(i)) {
          throw new IllegalArgumentException(spec.id() + ": NULL " + spec.dimensions().get(i)
              + " in a published cell; map it to an explicit code first");
        }
        coords.put(spec.dimensions().get(i), r.getString(i));
      }
      int vi = spec.dimensions().size();
      if (r.isNullAt(vi)) {
        throw new IllegalArgumentException(spec.id() + ": NULL count at " + CellRef.label(spec.id(), coords));
      }
      Flag flag = flagColumn == null ? null : Flag.ofCode(r.getString(vi + 1));
      out.add(new Cell(spec.id(), coords, r.getLong(vi), flag));
    }
    return out;
  }

  /** Schema of a published table: every dimension, value, flag, is_total. */
  public static StructType publishedSchema(TableSpec spec) {
    List<StructField> fields = new ArrayList<>();
    for (String d : spec.dimensions()) {
      if (d.equals("value") || d.equals("flag") || d.equals("is_total")) {
        throw new IllegalArgumentException(spec.id() + ": dimension name " + d + " clashes with an output column");
      }
      fields.add(DataTypes.createStructField(d, DataTypes.StringType, false));
    }
    fields.add(DataTypes.createStructField("value", DataTypes.LongType, true));
    fields.add(DataTypes.createStructField("flag", DataTypes.StringType, true));
    fields.add(DataTypes.createStructField("is_total", DataTypes.BooleanType, false));
    return DataTypes.createStructType(fields);
  }

  /**
   * The table as published, one row per cell: every dimension, {@code value} (NULL when suppressed,
   * rounded when the policy rounds), {@code flag} (NULL when none) and {@code is_total}.
   */
  public static Dataset<Row> toDataset(SparkSession spark, CellTable published) {
    List<Row> rows = new ArrayList<>();
    for (Cell c : published.cells()) {
      Object[] v = new Object[published.spec().dimensions().size() + 3];
      int i = 0;
      for (String d : published.spec().dimensions()) {
        v[i++] = c.coordinates().get(d);
      }
      v[i++] = published.publishedValue(c);
      v[i++] = c.flag() == null ? null : c.flag().code();
      v[i] = published.isTotal(c);
      rows.add(RowFactory.create(v));
    }
    return spark.createDataFrame(rows, publishedSchema(published.spec()));
  }

  /** Audit entries as rows of {@code ops.disclosure_audit} ({@link #AUDIT_DDL}). */
  public static Dataset<Row> auditRows(SparkSession spark, List<AuditEntry> audit) {
    List<Row> rows = new ArrayList<>();
    for (AuditEntry e : audit) {
      rows.add(RowFactory.create(e.release(), e.tableId(), e.coordinates(), e.value(), e.rule(), e.protects()));
    }
    return spark.createDataFrame(rows, StructType.fromDDL(AUDIT_DDL));
  }
}
