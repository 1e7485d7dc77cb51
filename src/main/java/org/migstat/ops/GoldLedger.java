package org.migstat.ops;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.migstat.catalog.TableDef;
import org.migstat.lakehouse.Lakehouse;

/**
 * ops.gold_builds: for every derived table (each gold table, and publication), the Delta versions of the
 * tables it was last built from, the slices (reference dates or period ends) it holds, and the parameter
 * its figures depend on. A run compares these with the lakehouse as it is now to know what is behind —
 * whatever happened to earlier runs (a crash after silver committed, a rerun, a new as-of date).
 * Written after the tables it describes: a run killed before this write leaves the marks behind, so the
 * next run recomputes at least as much, never less.
 */
public final class GoldLedger {
  private GoldLedger() {}

  public static final TableDef TABLE = new TableDef("ops", "gold_builds",
      "What each derived table was last built from: one row per gold table (and one for publication). "
          + "Replaced whole after each gold build and each publish. Key: target.",
      String.join(", ",
          "target STRING COMMENT 'qualified name of the table built (gold.*), or publish for the publish.* tables'",
          "input_versions MAP<STRING, BIGINT> COMMENT 'Delta version of each input table the build read'",
          "slices ARRAY<DATE> COMMENT 'reference dates or period ends the table holds; NULL for a table replaced whole'",
          "parameter DATE COMMENT 'the date parameter the figures depend on (observation date, border base, release); NULL when none'",
          "run_id STRING COMMENT 'run that built it'",
          "built_at TIMESTAMP COMMENT 'when'"),
      List.of());

  /** The last build of one target. */
  public record Build(String target, Map<String, Long> inputVersions, List<LocalDate> slices, LocalDate parameter,
                      String runId, Instant builtAt) {}

  /** Every target's last build, by target name (empty for a lakehouse built before this ledger existed). */
  public static Map<String, Build> load(Lakehouse lh) {
    Map<String, Build> out = new LinkedHashMap<>();
    if (lh.version(TABLE) <= 0) {
      return out;
    }
    for (Row r : lh.read(TABLE).collectAsList()) {
      Map<String, Long> versions = new LinkedHashMap<>();
      scala.collection.Map<String, Object> m = r.getMap(r.fieldIndex("input_versions"));
      scala.jdk.javaapi.CollectionConverters.asJava(m).forEach((k, v) -> versions.put(k, ((Number) v).longValue()));
      List<LocalDate> slices = null;
      if (!r.isNullAt(r.fieldIndex("slices"))) {
        slices = new ArrayList<>();
        for (Object d : r.getList(r.fieldIndex("slices"))) {
          slices.add(((Date) d).toLocalDate());
        }
      }
      int p = r.fieldIndex("parameter");
      Build b = new Build(r.getString(r.fieldIndex("target")), versions, slices,
          r.isNullAt(p) ? null : r.getDate(p).toLocalDate(), r.getString(r.fieldIndex("run_id")),
          r.getTimestamp(r.fieldIndex("built_at")).toInstant());
      out.put(b.target(), b);
    }
    return out;
  }

  /** Replaces the ledger with these builds (one small commit). */
  public static void save(Lakehouse lh, Collection<Build> builds) {
    List<Row> rows = new ArrayList<>();
    for (Build b : builds) {
      rows.add(RowFactory.create(b.target(), scala.jdk.javaapi.CollectionConverters.asScala(b.inputVersions()),
          b.slices() == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(
              b.slices().stream().map(Date::valueOf).toList()).toSeq(),
          b.parameter() == null ? null : Date.valueOf(b.parameter()), b.runId(), Timestamp.from(b.builtAt())));
    }
    lh.spark().createDataFrame(rows, TABLE.schema()).coalesce(1).write().format("delta").mode("overwrite")
        .save(lh.path(TABLE));
  }
}
