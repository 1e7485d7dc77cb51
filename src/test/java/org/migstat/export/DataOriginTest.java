package org.migstat.export;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.migstat.catalog.TableDef;
import org.migstat.catalog.Tables;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.testing.SparkExtension;

/**
 * How an export decides that its release is synthetic: the run's {@code synthetic} column in ops.runs when the
 * ledger has it and the run filled it in, else the demo pseudonymisation key in silver. Tables written by path
 * (no catalogue names), one tiny row each.
 */
@ExtendWith(SparkExtension.class)
class DataOriginTest {
  static final String RUN = "run-1";

  /** One row of {@code def}'s schema (plus {@code extra} columns), NULL except the columns named. */
  static void write(SparkSession spark, Lakehouse lh, TableDef def, StructType extra, Object... namesAndValues) {
    StructType schema = def.schema();
    for (var f : extra.fields()) {
      if (!List.of(schema.fieldNames()).contains(f.name())) { // ops.runs may declare it already
        schema = schema.add(f);
      }
    }
    List<String> names = List.of(schema.fieldNames());
    Object[] v = new Object[names.size()];
    for (int i = 0; i < namesAndValues.length; i += 2) {
      v[names.indexOf((String) namesAndValues[i])] = namesAndValues[i + 1];
    }
    spark.createDataFrame(new ArrayList<Row>(List.of(RowFactory.create(v))), schema).write().format("delta")
        .mode("append").option("mergeSchema", "true").save(lh.path(def));
  }

  static StructType none() {
    return new StructType();
  }

  static StructType syntheticColumn() {
    return new StructType().add(DataOrigin.RUNS_COLUMN, DataTypes.BooleanType, true);
  }

  @Test
  void aLedgerWithoutTheColumnFallsBackToTheDemoKey(SparkSession spark, @TempDir Path dir) {
    Lakehouse lh = new Lakehouse(spark, dir.toString());
    write(spark, lh, Tables.RUNS, none(), "run_id", RUN, "status", "succeeded");
    write(spark, lh, Tables.SILVER_RESIDENTS, none(), "key_version", "prod-2024-01");
    DataOrigin real = DataOrigin.read(lh, RUN);
    assertFalse(real.synthetic(), real.evidence());
    write(spark, lh, Tables.SILVER_RESIDENTS, none(), "key_version", "DEMO-samples");
    DataOrigin demo = DataOrigin.read(lh, RUN);
    assertTrue(demo.synthetic());
    assertTrue(demo.evidence().contains("demo key"), demo.evidence());
  }

  @Test
  void theRunsOwnRecordDecides(SparkSession spark, @TempDir Path dir) {
    Lakehouse lh = new Lakehouse(spark, dir.toString());
    write(spark, lh, Tables.RUNS, syntheticColumn(), "run_id", RUN, "status", "succeeded", DataOrigin.RUNS_COLUMN, true);
    write(spark, lh, Tables.RUNS, syntheticColumn(), "run_id", "run-2", "status", "succeeded", DataOrigin.RUNS_COLUMN, false);
    assertTrue(DataOrigin.read(lh, RUN).synthetic(), "marked input, whatever the key");
    assertFalse(DataOrigin.read(lh, "run-2").synthetic(), "a real run");
    // a run that did not fill the column in: the key decides
    write(spark, lh, Tables.RUNS, syntheticColumn(), "run_id", "run-3", "status", "succeeded");
    write(spark, lh, Tables.SILVER_RESIDENTS, none(), "key_version", "demo");
    assertTrue(DataOrigin.read(lh, "run-3").synthetic());
  }
}
