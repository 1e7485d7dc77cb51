package org.migstat.indicators;

import static org.migstat.testing.Frames.row;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.migstat.testing.Frames;
import org.migstat.testing.SparkExtension;

/** Each source keeps its own figure and definition; the ratio compares scales. */
@ExtendWith(SparkExtension.class)
class SourceComparisonTest {
  @Test
  void sourcesSideBySideInLongFormat(SparkSession spark) {
    Dataset<Row> coverage = Frames.of(spark, "ref_date DATE, citizenship STRING, residents BIGINT, permit_holders BIGINT",
        new Object[] {"2024-01-31", "IDN", 1000, 800}, new Object[] {"2024-02-29", "IDN", 1100, 850});
    Dataset<Row> embassy = Frames.of(spark, "registration_no STRING, citizenship STRING, registration_date DATE, is_deleted BOOLEAN",
        new Object[] {"r1", "IDN", "2023-12-10", false}, new Object[] {"r2", "IDN", "2024-01-15", false},
        new Object[] {"r3", "IDN", "2024-01-20", true}, new Object[] {"r4", "IDN", "2024-02-20", false});
    Object[][] ev = new Object[12][];
    String[][] spec = {{"2023-12-31", "IN"}, {"2024-01-02", "IN"}, {"2024-01-03", "IN"}, {"2024-01-04", "IN"},
        {"2024-01-05", "IN"}, {"2024-01-31", "IN"}, {"2024-01-10", "OUT"}, {"2024-01-11", "OUT"}, {"2024-02-01", "IN"},
        {"2024-02-02", "OUT"}, {"2024-02-03", "OUT"}, {"2024-02-29", "OUT"}};
    for (int i = 0; i < spec.length; i++) {
      ev[i] = new Object[] {"e" + i, "IDN", spec[i][1], spec[i][0]};
    }
    Dataset<Row> crossings = Frames.of(spark, "event_id STRING, citizenship STRING, direction STRING, event_date DATE", ev);
    Dataset<Row> cases = Frames.of(spark, "case_no STRING, citizenship STRING, reported_date DATE, is_deleted BOOLEAN",
        new Object[] {"c1", "IDN", "2024-01-01", false}, new Object[] {"c2", "IDN", "2024-01-31", false},
        new Object[] {"c3", "IDN", "2024-02-10", false}, new Object[] {"c4", "IDN", "2024-02-11", true});
    Dataset<Row> monthEnds = Frames.of(spark, "ref_date DATE", new Object[] {"2024-01-31"}, new Object[] {"2024-02-29"});
    Date jan = Date.valueOf("2024-01-31");
    Date feb = Date.valueOf("2024-02-29");
    Date base = Date.valueOf("2024-01-01");
    Dataset<Row> compared = SourceComparison.compare(coverage, embassy, crossings, cases, monthEnds, LocalDate.of(2024, 1, 1));
    org.junit.jupiter.api.Assertions.assertEquals(
        CasesIndicatorsTest.goldColumns(org.migstat.catalog.CaseTables.SOURCE_COMPARISON), List.of(compared.columns()));
    Frames.assertSameRows(List.of(
            row(jan, "host_registry_residents", null, 1000, 1.0),
            row(jan, "work_permit_holders", null, 800, 0.8),
            row(jan, "embassy_registrations", null, 2, 0.002),          // r1, r2 (r3 deleted)
            row(jan, "border_net_entries", base, 3, 0.003),              // 5 in - 2 out since 2024-01-01
            row(jan, "protection_cases", base, 2, 0.002),
            row(feb, "host_registry_residents", null, 1100, 1.0),
            row(feb, "work_permit_holders", null, 850, 0.7727),
            row(feb, "embassy_registrations", null, 3, 0.0027),
            row(feb, "border_net_entries", base, 1, 0.0009),             // 3 + 1 in - 3 out
            row(feb, "protection_cases", Date.valueOf("2024-02-01"), 1, 0.0009)),
        compared.select("ref_date", "source", "period_start", "value", "ratio_to_residents"));
  }
}
