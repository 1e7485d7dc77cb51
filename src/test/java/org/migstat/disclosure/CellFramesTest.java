package org.migstat.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.migstat.testing.Frames.row;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.migstat.testing.Frames;
import org.migstat.testing.SparkExtension;

/** Gold rows in, published rows and audit rows out. */
@ExtendWith(SparkExtension.class)
class CellFramesTest {
  static final TableSpec SPEC = TableSpec.builder("victims_by_month_sex", Policy.threshold("test", 5))
      .dimension("month").dimension("sex").build();

  @Test
  void publishesEveryCellWithValueFlagAndTotalMarker(SparkSession spark) {
    Dataset<Row> gold = Frames.of(spark, "month DATE, sex STRING, persons BIGINT",
        new Object[] {"2024-01-01", "F", 3}, new Object[] {"2024-01-01", "M", 7},
        new Object[] {"2024-02-01", "F", 8}, new Object[] {"2024-02-01", "M", 12});
    CellTable table = CellFrames.fromDataset(SPEC, gold, "persons");
    assertEquals(9, table.cells().size());
    Suppression s = Suppressor.suppress(Release.builder("2024-02").table(table).build());

    Dataset<Row> out = CellFrames.toDataset(spark, s.published().table(SPEC.id()));
    assertEquals(StructType.fromDDL("month STRING NOT NULL, sex STRING NOT NULL, value BIGINT, flag STRING, "
        + "is_total BOOLEAN NOT NULL").simpleString(), out.schema().simpleString());
    Frames.assertSameRows(List.of(
        row("2024-01-01", "F", null, "[c]", false), row("2024-01-01", "M", null, "[c]", false),
        row("2024-01-01", "_T", 10, null, true),
        row("2024-02-01", "F", null, "[c]", false), row("2024-02-01", "M", null, "[c]", false),
        row("2024-02-01", "_T", 20, null, true),
        row("_T", "F", 11, null, true), row("_T", "M", 19, null, true), row("_T", "_T", 30, null, true)), out);

    Dataset<Row> audit = CellFrames.auditRows(spark, s.audit());
    assertEquals(StructType.fromDDL(CellFrames.AUDIT_DDL).simpleString(), audit.schema().simpleString());
    Frames.assertSameRows(List.of(
            row("2024-02", "victims_by_month_sex", "2024-01-01", "F", 3, "primary:threshold<5", 0),
            row("2024-02", "victims_by_month_sex", "2024-01-01", "M", 7, "secondary", 1),
            row("2024-02", "victims_by_month_sex", "2024-02-01", "F", 8, "secondary", 1),
            row("2024-02", "victims_by_month_sex", "2024-02-01", "M", 12, "secondary", 1)),
        audit.selectExpr("release", "table_id", "coordinates['month']", "coordinates['sex']", "value", "rule",
            "size(protects)"));
  }

  @Test
  void readsTablesWithTotalsAndRejectsNullCoordinates(SparkSession spark) {
    Dataset<Row> given = Frames.of(spark, "month STRING, sex STRING, persons BIGINT, flag STRING",
        new Object[] {"2024-01", "F", 12, "[p]"}, new Object[] {"2024-01", "_T", 12, null},
        new Object[] {"_T", "F", 12, null}, new Object[] {"_T", "_T", 12, null});
    CellTable t = CellFrames.fromDatasetWithTotals(SPEC, given, "persons", "flag");
    assertEquals(Flag.PROVISIONAL, t.cell("2024-01", "F").flag());
    assertEquals(4, t.relations().size(), "along month and along sex, for F and for _T");

    Dataset<Row> nulls = Frames.of(spark, "month STRING, sex STRING, persons BIGINT",
        new Object[] {"2024-01", null, 12});
    assertThrows(IllegalArgumentException.class, () -> CellFrames.fromDataset(SPEC, nulls, "persons"));
  }
}
