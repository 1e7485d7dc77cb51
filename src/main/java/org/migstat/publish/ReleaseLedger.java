package org.migstat.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.migstat.catalog.Indicator;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.catalog.TableDef;
import org.migstat.catalog.Tables;
import org.migstat.indicators.Definitions;
import org.migstat.lakehouse.Lakehouse;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@code ops.releases}, the public release history, and the rows of each release in {@code publish.*}. This is what
 * disclosure control across releases reads: {@link #earlierThan} lists the public releases already out when a
 * release is protected, and {@link #rows} gives their published cells.
 */
public final class ReleaseLedger {
  private ReleaseLedger() {}

  /** Every public release, oldest reference date first (then by publication time). */
  public static List<ReleaseRecord> all(Lakehouse lh) {
    if (!lh.exists(Tables.RELEASES)) {
      return List.of();
    }
    List<ReleaseRecord> out = new ArrayList<>();
    for (Row r : lh.read(Tables.RELEASES).collectAsList()) {
      out.add(new ReleaseRecord(r.getAs("release_id"), ((Date) r.getAs("reference_date")).toLocalDate(),
          ((Timestamp) r.getAs("published_at")).toInstant(), r.getAs("run_id"),
          r.getAs("data_cutoff") == null ? null : ((Date) r.getAs("data_cutoff")).toLocalDate(),
          r.getAs("calendar_entry"), r.getAs("previous_release_id"), versions(r, "input_versions"),
          versions(r, "output_versions"), r.<Long>getAs("cells"), r.<Long>getAs("revised_cells")));
    }
    out.sort(Comparator.comparing(ReleaseRecord::referenceDate).thenComparing(ReleaseRecord::publishedAt));
    return List.copyOf(out);
  }

  /** The latest public release (by reference date). */
  public static Optional<ReleaseRecord> latest(Lakehouse lh) {
    List<ReleaseRecord> all = all(lh);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  public static Optional<ReleaseRecord> find(Lakehouse lh, String releaseId) {
    return all(lh).stream().filter(r -> r.releaseId().equals(releaseId)).findFirst();
  }

  public static Optional<ReleaseRecord> ofDate(Lakehouse lh, LocalDate referenceDate) {
    return all(lh).stream().filter(r -> r.referenceDate().equals(referenceDate)).reduce((a, b) -> b);
  }

  /** The public releases whose reference date is before {@code referenceDate}, oldest first. */
  public static List<ReleaseRecord> earlierThan(Lakehouse lh, LocalDate referenceDate) {
    return all(lh).stream().filter(r -> r.referenceDate().isBefore(referenceDate)).toList();
  }

  /** The public releases nearest a date: the last one before it and the first one after it (either may be absent). */
  public static List<ReleaseRecord> nearest(Lakehouse lh, LocalDate date) {
    List<ReleaseRecord> all = all(lh);
    List<ReleaseRecord> out = new ArrayList<>();
    all.stream().filter(r -> r.referenceDate().isBefore(date)).reduce((a, b) -> b).ifPresent(out::add);
    all.stream().filter(r -> r.referenceDate().isAfter(date)).findFirst().ifPresent(out::add);
    return out;
  }

  /** The rows of one release (public or internal view) in an indicator's publish table, at its current version. */
  public static Dataset<Row> rows(Lakehouse lh, Indicator ind, String releaseId) {
    return lh.read(IndicatorCatalog.publishTable(ind)).filter(col("release_id").equalTo(lit(releaseId)));
  }

  /**
   * The rows, in the given releases, of every cell flagged {@code [r]} in at least one of them: what a revision
   * triangle needs, without reading every vintage whole.
   */
  public static List<PublishedRow> revisedCells(Lakehouse lh, Indicator ind, List<String> releaseIds) {
    if (releaseIds.isEmpty() || !lh.exists(IndicatorCatalog.publishTable(ind))) {
      return List.of();
    }
    Dataset<Row> all = lh.read(IndicatorCatalog.publishTable(ind))
        .filter(col("release_id").isin((Object[]) releaseIds.toArray(String[]::new)));
    List<String> keyCols = new ArrayList<>(List.of("time_period", "measure"));
    keyCols.addAll(ind.dimensions());
    Dataset<Row> revised = all.filter(col("flag").contains(PublishedRow.REVISED))
        .select(keyCols.stream().map(c -> col(c).as("k_" + c)).toArray(org.apache.spark.sql.Column[]::new)).distinct();
    org.apache.spark.sql.Column on = null;
    for (String c : keyCols) {
      org.apache.spark.sql.Column eq = col(c).eqNullSafe(col("k_" + c));
      on = on == null ? eq : on.and(eq);
    }
    List<PublishedRow> out = new ArrayList<>();
    all.join(revised, on, "left_semi").collectAsList().forEach(r -> out.add(PublishedRow.of(ind, r)));
    return out;
  }

  /**
   * The rows of the latest public release in an indicator's publish table (every row when no release is listed: a
   * lakehouse from before releases were kept).
   */
  public static Dataset<Row> latestRows(Lakehouse lh, Indicator ind) {
    Optional<ReleaseRecord> latest = latest(lh);
    return latest.isPresent() ? rows(lh, ind, latest.get().releaseId()) : lh.read(IndicatorCatalog.publishTable(ind));
  }

  /** Whether an internal view of the date has been published. */
  public static boolean hasInternalView(Lakehouse lh, LocalDate date) {
    TableDef t = IndicatorCatalog.publishTable(IndicatorCatalog.INDICATORS.get(0));
    return lh.exists(t) && !lh.read(t).filter(col("release_id").equalTo(ReleaseRecord.internalId(date))).isEmpty();
  }

  static void append(Lakehouse lh, ReleaseRecord r) {
    Row row = RowFactory.create(r.releaseId(), Date.valueOf(r.referenceDate()), Timestamp.from(r.publishedAt()),
        r.runId(), r.dataCutoff() == null ? null : Date.valueOf(r.dataCutoff()), r.calendarEntry(),
        r.previousReleaseId(), CollectionConverters.asScala(r.inputVersions()),
        CollectionConverters.asScala(r.outputVersions()), r.cells(), r.revisedCells(), Definitions.VERSION);
    lh.spark().createDataFrame(List.of(row), Tables.RELEASES.schema()).coalesce(1).write().format("delta")
        .mode("append")
        .option("txnAppId", "migstat-releases-" + r.releaseId()) // a retried write of the same release commits nothing
        .option("txnVersion", 0L)
        .save(lh.path(Tables.RELEASES));
  }

  private static Map<String, Long> versions(Row r, String column) {
    Map<String, Long> out = new LinkedHashMap<>();
    Object m = r.getAs(column);
    if (m != null) {
      r.<Object, Object>getJavaMap(r.fieldIndex(column)).forEach((k, v) -> out.put(String.valueOf(k),
          v == null ? null : ((Number) v).longValue()));
    }
    return out;
  }
}
