package org.migstat.pipeline;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.migstat.catalog.TableDef;
import org.migstat.catalog.Tables;
import org.migstat.indicators.Stocks;

/**
 * The registry stocks' person-date frame ({@link Stocks#personDates}: residents and permit holders on each
 * reference date, joined by person), computed once for every gold table of a run that counts them —
 * residents_stock, residents_by_stay, permit_holders_stock, permit_holders_profile, permit_coverage — over the
 * union of their slices, kept (memory, then disk), and handed to each filtered to its own slices. Without
 * it each table expanded silver over the dates again (seven expansions and two person joins per run: most
 * of gold's time). Computed on first use, so a run that recomputes none of those tables never builds it.
 */
final class SharedPersonDates implements AutoCloseable {
  private final SparkSession spark;
  private final Dataset<Row> residents;
  private final Dataset<Row> permits;
  private final List<LocalDate> dates;
  private Dataset<Row> frame;
  private Dataset<Row> lastBuild; // the last frame this instance tried to build, for tests to check its storage

  /**
   * @param residents silver.residents as the run reads it
   * @param permits   silver.permits as the run reads it
   * @param dates     every reference date a table that reads the frame recomputes
   */
  SharedPersonDates(SparkSession spark, Dataset<Row> residents, Dataset<Row> permits, List<LocalDate> dates) {
    this.spark = spark;
    this.residents = residents;
    this.permits = permits;
    this.dates = List.copyOf(dates);
  }

  /** The gold tables that read the frame: sliced by reference date, from the registries' silver tables. */
  static boolean reads(GoldGraph.Node n) {
    return n.slices() == GoldGraph.Slices.REF_DATES
        && (n.inputs().contains(Tables.SILVER_RESIDENTS) || n.inputs().contains(Tables.SILVER_PERMITS));
  }

  /** Starts building the frame on a thread of its own: the longest chain of gold's first level begins first. */
  SharedPersonDates start() {
    if (!dates.isEmpty()) {
      Thread t = new Thread(() -> {
        try {
          frame();
        } catch (Throwable e) { // the table that reads it next builds it again and reports the failure
          // nothing to do here
        }
      }, "migstat-person-dates");
      t.setDaemon(true);
      t.start();
    }
    return this;
  }

  private synchronized Dataset<Row> frame() {
    if (frame == null) {
      Dataset<Row> all = GoldGraph.Slices.REF_DATES.frame(spark, dates);
      // Both sides partitioned by person before the expansion over the dates: the person-date join then needs
      // no shuffle of its own (with spark.sql.requireAllClusterKeysForCoPartition off, see Sessions), only the
      // records move, not the millions of person-dates. Partitions and storage level by size: see partitions().
      long records = residents.count() + permits.count();
      int n = partitions(records, dates.size(), spark.sessionState().conf().numShufflePartitions());
      Dataset<Row> f = Stocks.personDates(
          Stocks.residentsOnDates(residents.repartition(n, col("person_id")), all),
          Stocks.permitHoldersOnDates(permits.repartition(n, col("person_id")), all))
          .persist(storageLevel(records, dates.size()));
      lastBuild = f;
      try {
        f.count(); // built here, once, before the tables that read it run side by side
      } catch (Throwable e) { // SparkException too (checked in Java's eyes, thrown undeclared by Scala)
        f.unpersist(); // the next reader starts again from nothing, not with the failed blocks still held
        throw e;
      }
      frame = f;
    }
    return frame;
  }

  /**
   * Record-dates per partition of the frame. Records times dates bounds its rows from above (a record is not
   * valid on every date; at scales 1 and 10 about 0.4 of them are rows): about 1.2 M rows, 30 MB cached, a
   * block. The samples' daily run (632 k records, 36 reference dates) keeps the session's 8 partitions; scale 10
   * (5.5 M records) gets ~66 — with 8, its blocks of 10 M rows (178 MB) ran a 2 GB heap out of memory.
   */
  static final long RECORD_DATES_PER_PARTITION = 3_000_000L;

  /** Record-dates above which the frame is kept on disk only (the samples' daily run has ~23 M, scale 3 ~70 M). */
  static final long ON_DISK_ABOVE = 50_000_000L;

  /**
   * Memory, then disk, for a frame the size of the samples'; disk only above {@link #ON_DISK_ABOVE}: a block kept
   * in memory is built whole there first (unroll memory, which execution cannot take back), and at scale 10 with
   * a 2 GB heap two such blocks of 178 MB left the join building them no memory (UNABLE_TO_ACQUIRE_MEMORY,
   * then the heap). On disk the blocks are written as they are built; reads come from the page cache.
   */
  static StorageLevel storageLevel(long records, int dates) {
    return records * Math.max(dates, 1) > ON_DISK_ABOVE ? StorageLevel.DISK_ONLY() : StorageLevel.MEMORY_AND_DISK();
  }

  /** Partitions for the frame: the session's shuffle partitions, more when records times dates call for them. */
  static int partitions(long records, int dates, int shufflePartitions) {
    long wanted = (records * Math.max(dates, 1) + RECORD_DATES_PER_PARTITION - 1) / RECORD_DATES_PER_PARTITION;
    return (int) Math.max(shufflePartitions, Math.min(wanted, 2_000));
  }

  /** How the last frame this instance built (or failed to build) is cached now; NONE once released. */
  synchronized StorageLevel lastBuildStorage() {
    return lastBuild == null ? StorageLevel.NONE() : lastBuild.storageLevel();
  }

  /** A builder's inputs whose person-date frames come from the shared one, restricted to the slices asked. */
  GoldGraph.Inputs inputs(Map<TableDef, Dataset<Row>> tables) {
    GoldGraph.Inputs plain = GoldGraph.Inputs.of(tables);
    return new GoldGraph.Inputs() {
      @Override
      public Dataset<Row> get(TableDef table) {
        return plain.get(table);
      }

      @Override
      public Dataset<Row> personDates(Dataset<Row> slices) {
        return frame().join(broadcast(slices.select("ref_date")), new String[] {"ref_date"}, "left_semi");
      }

      @Override
      public Dataset<Row> residentsOnDates(Dataset<Row> slices) {
        return Stocks.residentsOf(personDates(slices));
      }

      @Override
      public Dataset<Row> holdersOnDates(Dataset<Row> slices) {
        return Stocks.holdersOf(personDates(slices));
      }
    };
  }

  @Override
  public synchronized void close() {
    if (frame != null) {
      frame.unpersist();
      frame = null;
    }
  }
}
