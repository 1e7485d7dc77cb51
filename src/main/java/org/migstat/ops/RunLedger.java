package org.migstat.ops;

import static org.apache.spark.sql.functions.*;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.migstat.catalog.Tables;
import org.migstat.indicators.Definitions;
import org.migstat.lakehouse.Lakehouse;

/** ops.runs: one row per run that committed something or failed. */
public final class RunLedger {
  private RunLedger() {}

  public record RunRecord(String runId, String command, LocalDate asOf, Instant startedAt, Instant endedAt,
                          String status, String error, int filesNew, int filesSkipped,
                          List<Conservation> conservation, Map<String, Long> inputVersions,
                          Map<String, Long> outputVersions, Map<String, Long> rowCounts, Boolean synthetic) {
    /** A run record that does not say whether its input was synthetic (null: not known). */
    public RunRecord(String runId, String command, LocalDate asOf, Instant startedAt, Instant endedAt,
                     String status, String error, int filesNew, int filesSkipped,
                     List<Conservation> conservation, Map<String, Long> inputVersions,
                     Map<String, Long> outputVersions, Map<String, Long> rowCounts) {
      this(runId, command, asOf, startedAt, endedAt, status, error, filesNew, filesSkipped, conservation,
          inputVersions, outputVersions, rowCounts, null);
    }

    /** The same record, saying whether the run read synthetic demonstration data (marked input or the demo key). */
    public RunRecord synthetic(boolean value) {
      return new RunRecord(runId, command, asOf, startedAt, endedAt, status, error, filesNew, filesSkipped,
          conservation, inputVersions, outputVersions, rowCounts, value);
    }
  }

  public static void append(Lakehouse lh, RunRecord r) {
    List<Row> cons = new ArrayList<>();
    r.conservation().forEach(c -> cons.add(c.toRow()));
    Row row = RowFactory.create(r.runId(), r.command(), r.asOf() == null ? null : Date.valueOf(r.asOf()),
        Timestamp.from(r.startedAt()), Timestamp.from(r.endedAt()), r.status(), r.error(), r.filesNew(),
        r.filesSkipped(), scala.jdk.javaapi.CollectionConverters.asScala(cons).toSeq(),
        scala.jdk.javaapi.CollectionConverters.asScala(r.inputVersions()),
        scala.jdk.javaapi.CollectionConverters.asScala(r.outputVersions()),
        scala.jdk.javaapi.CollectionConverters.asScala(r.rowCounts()), Definitions.VERSION, r.synthetic());
    lh.spark().createDataFrame(List.of(row), Tables.RUNS.schema())
        .write().format("delta").mode("append")
        // A ledger created before the synthetic column gains it on its next append.
        .option("mergeSchema", "true")
        // Idempotent append: a retried write of the same run commits nothing.
        .option("txnAppId", "migstat-runs-" + r.runId())
        .option("txnVersion", 0L)
        .save(lh.path(Tables.RUNS));
  }

  /** As-of dates of earlier successful runs: their stocks stay in gold next to the month-ends. */
  public static List<LocalDate> succeededAsOfDates(Lakehouse lh) {
    List<LocalDate> dates = new ArrayList<>();
    for (Row r : lh.read(Tables.RUNS).filter(col("status").equalTo("succeeded").and(col("as_of").isNotNull()))
        .select("as_of").distinct().collectAsList()) {
      dates.add(r.getDate(0).toLocalDate());
    }
    return dates;
  }
}
