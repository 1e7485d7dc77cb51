package org.migstat.conform;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.migstat.quality.Rules;
import org.migstat.testing.SparkExtension;

/** Classifying a delivery against silver through the silver rows of its keys only. */
@ExtendWith(SparkExtension.class)
class BatchTest {
  private static final StructType EVALUATED = new StructType()
      .add("record_id", DataTypes.StringType).add("record_hash", DataTypes.StringType)
      .add("_extract_date", DataTypes.DateType).add("_file_name", DataTypes.StringType)
      .add("_line", DataTypes.LongType)
      .add(Rules.FAILURES, DataTypes.createArrayType(DataTypes.StringType));
  private static final StructType SILVER = new StructType()
      .add("record_id", DataTypes.StringType).add("record_hash", DataTypes.StringType);

  @Test
  void theSilverRowsOfTheBatchKeysClassifyAsAllOfSilverDoes(SparkSession spark) {
    Date d = Date.valueOf("2024-12-31");
    Dataset<Row> batch = spark.createDataFrame(List.of(
        RowFactory.create("a", "h1", d, "f.csv", 1L, List.of()),     // same as silver: duplicate
        RowFactory.create("b", "h9", d, "f.csv", 2L, List.of()),     // a new version of b: accepted
        RowFactory.create("b", "h9", d, "f.csv", 3L, List.of()),     // repeated in the batch: duplicate
        RowFactory.create("n", "h5", d, "f.csv", 4L, List.of()),     // new key: accepted
        RowFactory.create(null, "h6", d, "f.csv", 5L, List.of("record_id_present"))), EVALUATED);
    Dataset<Row> silver = spark.createDataFrame(List.of(
        RowFactory.create("a", "h1"), RowFactory.create("b", "h2"), RowFactory.create("c", "h3"),
        RowFactory.create("d", "h4")), SILVER);

    Dataset<Row> ofKeys = Batch.ofBatchKeys(silver, batch, "record_id");
    assertEquals(List.of("a", "b"), ofKeys.orderBy("record_id").collectAsList().stream()
        .map(r -> r.getString(0)).toList());
    // silver is not shuffled: its rows meet the broadcast keys of the batch
    String plan = ofKeys.queryExecution().executedPlan().toString();
    assertTrue(plan.contains("BroadcastHashJoin") && plan.contains("LeftSemi"), plan);

    assertEquals(classes(Batch.classify(batch, silver, "record_id")),
        classes(Batch.classify(batch, ofKeys, "record_id")));
    assertEquals(List.of("1 duplicate", "2 accepted", "3 duplicate", "4 accepted", "5 quarantined"),
        classes(Batch.classify(batch, ofKeys, "record_id")));
  }

  private static List<String> classes(Dataset<Row> classified) {
    return classified.orderBy(col("_line")).collectAsList().stream()
        .map(r -> r.getLong(r.fieldIndex("_line")) + " " + r.getString(r.fieldIndex(Batch.ROW_CLASS)))
        .collect(Collectors.toList());
  }
}
