package org.migstat.schedule;

import static org.apache.spark.sql.functions.*;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.migstat.catalog.Tables;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.ops.RunLedger;

/** ops.runs as the scheduler's attempt ledger, and as the fallback record of its last successful as-of date. */
public final class OpsRunsLedger implements AttemptLedger {
  /** Commands of scheduled attempts start with this; the attempt number follows in parentheses. */
  public static final String SCHEDULE_COMMAND = "migstat schedule";

  private final Lakehouse lh;

  public OpsRunsLedger(Lakehouse lh) {
    this.lh = lh;
  }

  @Override
  public void failed(LocalDate asOf, String command, Instant started, Instant ended, String error) {
    if (!lh.exists(Tables.RUNS)) {
      lh.ensure(List.of(Tables.RUNS)); // the first attempt failed before RunJob created the tables
    }
    if (lh.exists(Tables.RUNS) && !lh.read(Tables.RUNS)
        .filter(col("command").equalTo(command)
            .and(col("started_at").geq(lit(Timestamp.from(started.minusSeconds(1))))))
        .isEmpty()) {
      return; // RunJob recorded this attempt itself
    }
    String runId = "sched-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
        .format(started) + "-" + UUID.randomUUID().toString().substring(0, 8);
    RunLedger.append(lh, new RunLedger.RunRecord(runId, command, asOf, started, ended, "failed", error, 0, 0,
        List.of(), Map.of(), Map.of(), Map.of()));
  }

  /** The newest as-of date of a successful scheduled run in ops.runs. */
  public Optional<LocalDate> lastScheduledSuccess() {
    if (!lh.exists(Tables.RUNS)) {
      return Optional.empty();
    }
    Row r = lh.read(Tables.RUNS)
        .filter(col("status").equalTo("succeeded").and(col("command").startsWith(SCHEDULE_COMMAND)))
        .agg(max("as_of")).first();
    return r.isNullAt(0) ? Optional.empty() : Optional.of(r.getDate(0).toLocalDate());
  }
}
