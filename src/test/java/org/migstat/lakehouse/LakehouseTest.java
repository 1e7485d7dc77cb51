package org.migstat.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.migstat.catalog.TableDef;
import org.migstat.catalog.Tables;
import org.migstat.testing.Locks;
import org.migstat.testing.SparkExtension;

/**
 * The tables {@link Lakehouse#ensure} creates by writing their first commit are ordinary Delta tables: Delta reads
 * them with the declared schema, comments and partitioning, and appends, MERGEs and time travel work on them.
 */
@ExtendWith(SparkExtension.class)
@ResourceLock(Locks.SPARK_CATALOG)
class LakehouseTest {

  @Test
  void everyTableIsCreatedWithItsDeclaredSchemaCommentAndPartitioning(SparkSession spark, @TempDir Path dir) {
    Lakehouse lh = new Lakehouse(spark, dir.toString()).ensure(Tables.ALL);
    for (TableDef t : Tables.ALL) {
      assertEquals(0, lh.version(t), t.qualifiedName());
      assertEquals(t.schema(), lh.read(t).schema(), t.qualifiedName() + " schema, with its column comments");
    }
    for (TableDef t : List.of(Tables.QUARANTINE, Tables.RUNS)) { // partitioned and not
      assertEquals(0, lh.read(t).count(), t.qualifiedName());
      Row detail = lh.delta(t).detail().collectAsList().get(0);
      assertEquals(t.partitionBy(), detail.getList(detail.fieldIndex("partitionColumns")), t.qualifiedName());
      assertEquals(t.comment(), detail.getAs("description"), t.qualifiedName());
      assertEquals(1, (int) detail.getAs("minReaderVersion"));
      assertEquals(2, (int) detail.getAs("minWriterVersion"));
    }
    // Silver records its change feed and marks replaced rows with deletion vectors (a MERGE rewrites no file).
    Row silver = lh.delta(Tables.SILVER_RESIDENTS).detail().collectAsList().get(0);
    assertEquals(3, (int) silver.getAs("minReaderVersion"));
    assertEquals(7, (int) silver.getAs("minWriterVersion"));
    assertEquals("true", silver.getJavaMap(silver.fieldIndex("properties")).get("delta.enableDeletionVectors"));
    assertEquals("true", silver.getJavaMap(silver.fieldIndex("properties")).get("delta.enableChangeDataFeed"));
    // Registered, the catalog names point at the new tables.
    lh.registerExisting(List.of(Tables.RUNS));
    assertEquals(0L, t(spark, "SELECT COUNT(*) FROM " + Tables.RUNS.qualifiedName()));
  }

  @Test
  void appendMergeAndTimeTravelWorkOnACreatedTable(SparkSession spark, @TempDir Path dir) {
    TableDef t = new TableDef("ops", "probe", "a probe table. Key: k.", "k STRING COMMENT 'key', v INT COMMENT 'value'",
        List.of("k"));
    Lakehouse lh = new Lakehouse(spark, dir.toString()).ensure(List.of(t));
    var schema = t.schema();
    spark.createDataFrame(List.of(RowFactory.create("a", 1), RowFactory.create("b", 2)), schema)
        .write().format("delta").mode("append").save(lh.path(t));
    lh.delta(t).as("t")
        .merge(spark.createDataFrame(List.of(RowFactory.create("b", 20), RowFactory.create("c", 3)), schema).as("s"),
            "t.k = s.k")
        .whenMatched().updateAll().whenNotMatched().insertAll().execute();
    assertEquals(2, lh.version(t));
    assertEquals(List.of("[a,1]", "[b,20]", "[c,3]"),
        lh.read(t).orderBy("k").collectAsList().stream().map(Row::toString).toList());
    assertEquals(0, spark.read().format("delta").option("versionAsOf", 0).load(lh.path(t)).count());
    assertEquals(3, DeltaTable.forPath(spark, lh.path(t)).history().count());
    // A second ensure leaves the table as it is.
    lh.ensure(List.of(t));
    assertEquals(2, lh.version(t));
    assertTrue(lh.exists(t));
  }

  private static long t(SparkSession spark, String sql) {
    return spark.sql(sql).collectAsList().get(0).getLong(0);
  }
}
