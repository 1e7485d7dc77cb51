package org.migstat.indicators;

import static org.apache.spark.sql.functions.col;
import static org.migstat.testing.Frames.row;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.migstat.testing.Frames;
import org.migstat.testing.SparkExtension;

/** The first-permit rule at its edges (definitions.md: first permit = first ever, or after a gap of >= 6 months). */
@ExtendWith(SparkExtension.class)
class FlowsTest {
  static final String PERMITS = "permit_no STRING, person_id STRING, citizenship STRING, reason STRING, "
      + "issue_date DATE, valid_from DATE, valid_to DATE, validity_class STRING, in_scope BOOLEAN, "
      + "revoked_on DATE, is_deleted BOOLEAN";

  static Object[] permit(String no, String person, String reason, String from, String to, String revoked,
                         boolean deleted, boolean inScope) {
    return new Object[] {no, person, "IDN", reason, from, from, to, "12m+", inScope, revoked, deleted};
  }

  static Object[] permit(String no, String person, String from, String to) {
    return permit(no, person, "Employment", from, to, null, false, true);
  }

  private static Dataset<Row> first(SparkSession spark, boolean sameReason, Object[]... permits) {
    return Flows.markFirstPermits(Frames.of(spark, PERMITS, permits), sameReason).select("permit_no", "is_first");
  }

  @Test
  void exactlySixMonthsAfterExpiryIsAFirstPermit(SparkSession spark) {
    Frames.assertSameRows(List.of(row("a1", true), row("a2", true)), first(spark, false,
        permit("a1", "p1", "2022-01-01", "2022-12-31"),
        permit("a2", "p1", "2023-06-30", "2024-06-29")));
  }

  @Test
  void sixMonthsMinusADayIsNot(SparkSession spark) {
    Frames.assertSameRows(List.of(row("b1", true), row("b2", false)), first(spark, false,
        permit("b1", "p2", "2022-01-01", "2022-12-31"),
        permit("b2", "p2", "2023-06-29", "2024-06-28")));
  }

  @Test
  void anOverlappingPermitIsNotFirst(SparkSession spark) {
    Frames.assertSameRows(List.of(row("c1", true), row("c2", false), row("c3", false)), first(spark, false,
        permit("c1", "p3", "2022-01-01", "2022-12-31"),
        permit("c2", "p3", "2022-06-01", "2023-05-31"),
        // starts 6 months after c1's expiry but c2 (the later expiry) is only 1 month before
        permit("c3", "p3", "2023-06-30", "2024-06-29")));
  }

  @Test
  void aRevokedPermitExpiresOnItsRevocationDate(SparkSession spark) {
    Frames.assertSameRows(List.of(row("d1", true), row("d2", true)), first(spark, false,
        permit("d1", "p4", "Employment", "2022-01-01", "2022-12-31", "2022-03-31", false, true),
        permit("d2", "p4", "2022-09-30", "2023-09-29")));
  }

  @Test
  void cancelledAndShortPermitsAreNotPermitsAtAll(SparkSession spark) {
    Frames.assertSameRows(List.of(row("e3", true)), first(spark, false,
        permit("e1", "p5", "Employment", "2023-01-01", "2023-12-31", null, true, true),
        permit("e2", "p5", "Employment", "2023-01-01", "2023-02-28", null, false, false),
        permit("e3", "p5", "2023-03-01", "2024-02-29")));
  }

  @Test
  void theSameReasonVariantIgnoresPermitsForOtherReasons(SparkSession spark) {
    Object[][] permits = {
        permit("f1", "p6", "Education", "2022-01-01", "2022-12-31", null, false, true),
        permit("f2", "p6", "Employment", "2023-01-01", "2023-12-31", null, false, true)};
    Frames.assertSameRows(List.of(row("f1", true), row("f2", false)), first(spark, false, permits));
    Frames.assertSameRows(List.of(row("f1", true), row("f2", true)), first(spark, true, permits));
  }

  @Test
  void firstPermitsAreCountedByIssueMonthAsPersons(SparkSession spark) {
    Dataset<Row> marked = Flows.markFirstPermits(Frames.of(spark, PERMITS,
        permit("g1", "p7", "2024-03-05", "2025-03-04"),
        permit("g2", "p8", "2024-03-20", "2025-03-19"),
        permit("g3", "p9", "2024-04-01", "2025-03-31")), false);
    Dataset<Row> periods = Frames.of(spark, "period_start DATE, period_end DATE",
        new Object[] {"2024-03-01", "2024-03-31"}, new Object[] {"2024-03-01", "2024-03-13"});
    Frames.assertSameRows(List.of(
            row(java.sql.Date.valueOf("2024-03-31"), 2, 2),
            row(java.sql.Date.valueOf("2024-03-13"), 1, 1)),
        Flows.firstPermits(marked, periods).select(col("period_end"), col("persons"), col("permits")));
  }
}
