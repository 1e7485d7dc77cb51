package org.migstat.indicators;

import static org.apache.spark.sql.functions.col;
import static org.migstat.testing.Frames.row;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.migstat.testing.Frames;
import org.migstat.testing.SparkExtension;

/** Stocks on a date: who counts on the boundary days, and the unit is the person. */
@ExtendWith(SparkExtension.class)
class StocksTest {
  static final String RESIDENTS = "record_id STRING, person_id STRING, citizenship STRING, province STRING, sex STRING, "
      + "birth_date DATE, registration_date DATE, deregistration_date DATE, is_deleted BOOLEAN";
  static final String PERMITS = "permit_no STRING, person_id STRING, citizenship STRING, sector STRING, "
      + "validity_class STRING, valid_from DATE, valid_to DATE, in_scope BOOLEAN, revoked_on DATE, is_deleted BOOLEAN";

  /** The columns of silver.residents and silver.permits these tests leave at fixed values. */
  static Dataset<Row> residents(Dataset<Row> fixture) {
    return fixture.withColumn("country_of_birth", org.apache.spark.sql.functions.col("citizenship"))
        .withColumn("stay_category", org.apache.spark.sql.functions.lit("EB"));
  }

  static Dataset<Row> permits(Dataset<Row> fixture) {
    return fixture.withColumn("reason", org.apache.spark.sql.functions.lit("Employment"));
  }
  static final Date D = Date.valueOf("2024-03-13");

  private static Dataset<Row> refDate(SparkSession spark) {
    return Frames.of(spark, "ref_date DATE", new Object[] {"2024-03-13"});
  }

  @Test
  void residentsCountFromRegistrationDayUntilTheDayBeforeDeregistration(SparkSession spark) {
    Dataset<Row> residents = Frames.of(spark, RESIDENTS,
        new Object[] {"r1", "p1", "IDN", "KH-12", "M", "1990-01-01", "2024-03-13", null, false},   // registered that day
        new Object[] {"r2", "p2", "IDN", "KH-12", "F", "1990-01-01", "2020-01-01", "2024-03-13", false}, // left that day
        new Object[] {"r3", "p3", "IDN", "KH-12", "F", "1990-01-01", "2020-01-01", "2024-03-14", false}, // left next day
        new Object[] {"r4", "p4", "IDN", "KH-12", "F", "1990-01-01", "2024-03-14", null, false},   // not yet
        new Object[] {"r5", "p5", "IDN", "KH-12", "F", "1990-01-01", "2020-01-01", null, true},    // deleted
        // one person, two records: counted once, placed by the later registration
        new Object[] {"r6", "p6", "IDN", "KH-12", "M", null, "2019-01-01", null, false},
        new Object[] {"r7", "p6", "IDN", "KH-18", "M", null, "2023-01-01", null, false});
    Dataset<Row> onDate = Stocks.residentsOnDates(residents(residents), refDate(spark));
    Frames.assertSameRows(List.of(
            row("p1", "KH-12", "25-34"), row("p3", "KH-12", "25-34"), row("p6", "KH-18", "unknown")),
        onDate.select("person_id", "province", "age_group"));
    Frames.assertSameRows(List.of(row(D, "IDN", "KH-12", 2), row(D, "IDN", "KH-18", 1)),
        Stocks.residentsStock(onDate).groupBy("ref_date", "citizenship", "province")
            .agg(org.apache.spark.sql.functions.sum("persons")));
  }

  @Test
  void permitHoldersOnADate(SparkSession spark) {
    Dataset<Row> permits = Frames.of(spark, PERMITS,
        new Object[] {"w1", "p1", "IDN", "F", "12m+", "2024-03-13", "2025-03-12", true, null, false},  // starts that day
        new Object[] {"w2", "p2", "IDN", "F", "12m+", "2023-03-14", "2024-03-13", true, null, false},  // ends that day
        new Object[] {"w3", "p3", "IDN", "F", "12m+", "2023-03-01", "2024-02-29", true, null, false},  // expired
        new Object[] {"w4", "p4", "IDN", "F", "12m+", "2023-06-01", "2024-05-31", true, "2024-03-13", false}, // revoked that day
        new Object[] {"w5", "p5", "IDN", "F", "12m+", "2023-06-01", "2024-05-31", true, "2024-03-12", false}, // revoked before
        new Object[] {"w6", "p6", "IDN", "F", "12m+", "2023-06-01", "2024-05-31", true, null, true},   // cancelled
        new Object[] {"w7", "p7", "IDN", "F", "<3m", "2024-03-01", "2024-04-15", false, null, false},  // too short
        // two overlapping permits: one person, placed by the permit that started last
        new Object[] {"w8", "p8", "IDN", "F", "12m+", "2023-06-01", "2024-05-31", true, null, false},
        new Object[] {"w9", "p8", "IDN", "C", "6-11m", "2024-01-01", "2024-06-30", true, null, false});
    Dataset<Row> onDate = Stocks.permitHoldersOnDates(permits(permits), refDate(spark));
    Frames.assertSameRows(List.of(row("p1", "F"), row("p2", "F"), row("p4", "F"), row("p8", "C")),
        onDate.select("person_id", "sector"));
  }

  @Test
  void coverageCountsResidentsHoldingAPermit(SparkSession spark) {
    Dataset<Row> residents = Frames.of(spark, "ref_date DATE, person_id STRING, citizenship STRING",
        new Object[] {"2024-03-13", "p1", "IDN"}, new Object[] {"2024-03-13", "p2", "IDN"},
        new Object[] {"2024-03-13", "p3", "IDN"}, new Object[] {"2024-03-13", "p4", "CHN"});
    Dataset<Row> holders = Frames.of(spark, "ref_date DATE, person_id STRING, citizenship STRING",
        new Object[] {"2024-03-13", "p1", "IDN"}, new Object[] {"2024-03-13", "p2", "IDN"},
        new Object[] {"2024-03-13", "p9", "IDN"}, new Object[] {"2024-03-13", "p8", "THA"});
    Frames.assertSameRows(List.of(
            row("IDN", 3, 3, 2, 66.67, 1),
            row("CHN", 1, 0, 0, 0.0, 1),
            row("THA", 0, 1, 0, null, 0)),
        Stocks.coverage(residents, holders).select(col("citizenship"), col("residents"), col("permit_holders"),
            col("permit_holders_resident"), col("coverage_pct"), col("documentation_gap")));
  }
}
