package org.migstat.publish;

import static org.apache.spark.sql.functions.*;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.migstat.catalog.TableDef;
import org.migstat.disclosure.AuditEntry;
import org.migstat.indicators.Definitions;
import org.migstat.lakehouse.Lakehouse;

/**
 * What a public release decided for each residence period, kept so that the next release re-protects only the
 * periods whose gold changed (issue 13: publish is scoped like gold). A period the previous public release showed,
 * whose gold detail (every part's cells, the definitions version and the disclosure policies: its
 * {@link #fingerprint}) is the same now, is published again exactly as that release published it — its values and
 * flags, its audit rows — instead of solving its disclosure problem again. That is safe: those cells are public
 * already and fixed in this release's problem, so repeating them tells a reader nothing new; and it is what a
 * rebuild does on the same lakehouse (the decision reads only the ledger, this table and gold). Any other period is
 * protected from scratch.
 *
 * <p>Restricted (the audit rows hold true counts of hidden cells). Rows of a release are replaced when it is
 * published again; rows of a release the ledger does not list (a run killed before its ledger commit) are never read.
 */
final class ProtectedPeriods {
  private ProtectedPeriods() {}

  static final TableDef TABLE = new TableDef("ops", "protected_periods",
      "Per public release and residence period: the fingerprint of the gold cells it was protected from and its "
          + "disclosure decisions (audit rows with true counts, tables withheld). Lets the next release reuse a "
          + "period whose gold did not change. Restricted. Key: release_id, period_start, period_end.",
      String.join(", ",
          "release_id STRING COMMENT 'public release (ops.releases.release_id)'",
          "period_start DATE COMMENT 'first day of the period (the reference date for a stock)'",
          "period_end DATE COMMENT 'last day of the period'",
          "fingerprint STRING COMMENT 'SHA-256 of the period''s gold cells, definitions version and policies'",
          "withheld ARRAY<STRING> COMMENT 'tables withheld whole (cells the suppressor could not protect)'",
          "unresolved INT COMMENT 'cells that could not be protected'",
          "audit ARRAY<STRUCT<table_id: STRING, coordinates: MAP<STRING, STRING>, value: BIGINT, rule: STRING, "
              + "protects: ARRAY<STRING>>> COMMENT 'the period''s ops.disclosure_audit rows (true counts)'"),
      List.of());

  /** One period's decisions: what the cache holds, and what a reused period brings into the new release. */
  record Decision(LocalDate start, LocalDate end, String fingerprint, List<String> withheld, int unresolved,
                  List<AuditEntry> audit) {}

  /**
   * The fingerprint of a period's gold cells: the detail rows of every part (in part order, each part's rows
   * sorted), the definitions version and each part's policy. Equal fingerprints: the same disclosure problem.
   */
  static String fingerprint(Map<Publication.Part, List<Row>> cells) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    sha.update(Definitions.VERSION.getBytes(StandardCharsets.UTF_8));
    for (Publication.Part part : Publication.parts()) {
      List<Row> rows = cells.get(part);
      if (rows == null) {
        continue;
      }
      sha.update(("\n#" + part.tableId() + "|" + part.policy() + "|" + part.population() + "\n")
          .getBytes(StandardCharsets.UTF_8));
      rows.stream().map(Row::toString).sorted().forEach(s -> sha.update((s + "\n").getBytes(StandardCharsets.UTF_8)));
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** The decisions the given public release recorded, by period (empty when it recorded none). */
  static Map<List<LocalDate>, Decision> of(Lakehouse lh, String releaseId) {
    Map<List<LocalDate>, Decision> out = new HashMap<>();
    if (!lh.exists(TABLE)) {
      return out;
    }
    for (Row r : lh.read(TABLE).filter(col("release_id").equalTo(lit(releaseId))).collectAsList()) {
      LocalDate start = r.getDate(1).toLocalDate();
      LocalDate end = r.getDate(2).toLocalDate();
      List<AuditEntry> audit = new ArrayList<>();
      for (Row a : r.<Row>getList(6)) {
        audit.add(new AuditEntry(releaseId + "@" + start + ".." + end, a.getString(0), a.getJavaMap(1), a.getLong(2),
            a.getString(3), a.getList(4)));
      }
      out.put(List.of(start, end), new Decision(start, end, r.getString(3), r.getList(4), r.getInt(5), audit));
    }
    return out;
  }

  /** Records a public release's decisions (replacing what an earlier attempt at the same release wrote). */
  static void write(Lakehouse lh, String releaseId, List<Decision> decisions) {
    List<Row> rows = new ArrayList<>();
    for (Decision d : decisions) {
      List<Row> audit = d.audit().stream().map(a -> RowFactory.create(a.tableId(), a.coordinates(), a.value(),
          a.rule(), a.protects())).toList();
      rows.add(RowFactory.create(releaseId, Date.valueOf(d.start()), Date.valueOf(d.end()), d.fingerprint(),
          d.withheld(), d.unresolved(), audit));
    }
    lh.spark().createDataFrame(rows, TABLE.schema()).coalesce(1).write().format("delta").mode("overwrite")
        .option("replaceWhere", "release_id = '" + releaseId.replace("'", "''") + "'").save(lh.path(TABLE));
  }

  /** A flag without the revision mark of the release it was copied from ({@code [r]} is recomputed). */
  static String unrevised(String flag) {
    if (flag == null) {
      return null;
    }
    String f = flag.replace(PublishedRow.REVISED, "");
    return f.isEmpty() ? null : f;
  }

  static Optional<Decision> reusable(Map<List<LocalDate>, Decision> previous, LocalDate start, LocalDate end,
                                     String fingerprint) {
    return Optional.ofNullable(previous.get(List.of(start, end))).filter(d -> d.fingerprint().equals(fingerprint));
  }
}
