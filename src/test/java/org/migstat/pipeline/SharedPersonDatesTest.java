package org.migstat.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.migstat.catalog.TableDef;
import org.migstat.catalog.Tables;
import org.migstat.testing.SparkExtension;

/** The shared person-date frame: sized to its data, and never left half-cached by a failed build. */
@ExtendWith(SparkExtension.class)
class SharedPersonDatesTest {

  @Test
  void partitionsGrowWithRecordsTimesDates() {
    // the samples' daily run: 574 k records over 36 reference dates stays at the session's partitions
    assertEquals(8, SharedPersonDates.partitions(574_000, 36, 8));
    // scale 10: 5.45 M records, blocks of at most 3 M record-dates (8 blocks of 10 M rows ran out of a 2 GB heap)
    assertEquals(66, SharedPersonDates.partitions(5_450_000, 36, 8));
    assertEquals(1, SharedPersonDates.partitions(0, 0, 1));
    assertEquals(2_000, SharedPersonDates.partitions(Long.MAX_VALUE / 1_000, 1, 8));
  }

  @Test
  void largeFramesAreKeptOnDiskOnly() {
    assertEquals(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK(), SharedPersonDates.storageLevel(574_000, 36));
    assertEquals(org.apache.spark.storage.StorageLevel.DISK_ONLY(), SharedPersonDates.storageLevel(1_700_000, 36));
  }

  @Test
  void aFailedBuildLeavesNothingCachedAndFailsAgainOnTheNextReader(SparkSession spark) {
    Dataset<Row> residents = oneRow(spark, Tables.SILVER_RESIDENTS, "person_id");
    Dataset<Row> permits = oneRow(spark, Tables.SILVER_PERMITS, null);
    try (SharedPersonDates shared = new SharedPersonDates(spark, residents, permits,
        List.of(LocalDate.of(2024, 3, 31)))) {
      Dataset<Row> slices = spark.range(1).select(lit(java.sql.Date.valueOf("2024-03-31")).as("ref_date"));
      GoldGraph.Inputs in = shared.inputs(Map.<TableDef, Dataset<Row>>of());
      for (int attempt = 1; attempt <= 2; attempt++) {
        Exception e = assertThrows(Exception.class, () -> in.personDates(slices).count(), "attempt " + attempt);
        assertEquals(true, String.valueOf(rootMessage(e)).contains("a broken silver row"), rootMessage(e));
        // this frame's own cache entry, not the session's count: other test classes cache in the same session
        assertEquals(org.apache.spark.storage.StorageLevel.NONE(), shared.lastBuildStorage(),
            "the failed frame's blocks were released before attempt " + (attempt + 1));
      }
    }
  }

  /**
   * One row of the table's schema that counts on 2024-03-31 (registered or valid since 2020, never ended, not
   * deleted), the named column (if any) raising an error when evaluated.
   */
  private static Dataset<Row> oneRow(SparkSession spark, TableDef t, String failing) {
    Column[] cols = java.util.Arrays.stream(t.schema().fields()).map((StructField f) -> {
      String n = f.name();
      Column v;
      if (n.equals(failing)) {
        v = raise_error(lit("a broken silver row"));
      } else if (f.dataType() instanceof org.apache.spark.sql.types.DateType) {
        v = n.startsWith("deregistration") || n.startsWith("revoked") || n.equals("valid_to") ? lit(null)
            : lit(java.sql.Date.valueOf("2020-01-01"));
      } else if (f.dataType() instanceof org.apache.spark.sql.types.BooleanType) {
        v = lit(n.equals("in_scope"));
      } else {
        v = lit("x");
      }
      return v.cast(f.dataType()).as(n);
    }).toArray(Column[]::new);
    return spark.range(1).select(cols);
  }

  private static String rootMessage(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = e; c != null; c = c.getCause()) {
      all.append(c.getMessage()).append('\n');
    }
    return all.toString();
  }
}
