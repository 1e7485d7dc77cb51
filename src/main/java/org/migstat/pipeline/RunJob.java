package org.migstat.pipeline;

import static org.apache.spark.sql.functions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.migstat.catalog.CaseTables;
import org.migstat.catalog.TableDef;
import org.migstat.catalog.Tables;
import org.migstat.conform.Batch;
import org.migstat.conform.Pseudonymizer;
import org.migstat.indicators.Definitions;
import org.migstat.indicators.Borders;
import org.migstat.indicators.Cases;
import org.migstat.indicators.Context;
import org.migstat.indicators.SourceComparison;
import org.migstat.indicators.Flows;
import org.migstat.indicators.Residence;
import org.migstat.indicators.Stocks;
import org.migstat.ingest.ExtractFile;
import org.migstat.ingest.FileSniffer;
import org.migstat.ingest.IngestException;
import org.migstat.ingest.RawRecordParser;
import org.migstat.ingest.Source;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.ops.Conservation;
import org.migstat.ops.IngestLedger;
import org.migstat.ops.RunLedger;
import org.migstat.publish.PublishJob;

/**
 * The scheduled pipeline run: new extract files to bronze, bronze to silver (with quarantine and the
 * conservation check), silver to gold. Only this class reads and writes; the transforms it calls are
 * pure. Every write is idempotent: a file's bronze rows and quarantine rows are replaced by checksum,
 * silver is a latest-version-wins MERGE, gold tables are replaced whole or by reference date.
 */
public final class RunJob {
  private final SparkSession spark;
  private final RunConfig cfg;
  private final Progress progress;
  private final String runId;
  private final Instant started = Instant.now();
  /** Per source changed in this run, the earliest date a changed record can move a gold figure. */
  private final Map<Source, LocalDate> affectedFrom =
      java.util.Collections.synchronizedMap(new java.util.EnumMap<>(Source.class));
  private final Object quarantineWrites = new Object();
  /** Files this run rejected or held back, each with its sentence ({@link ExtractFile#rejected()}). */
  private final List<ExtractFile> notIngested = new java.util.concurrent.CopyOnWriteArrayList<>();

  private record Ingested(List<ExtractFile> files, Map<String, Long> rowsPerFile, Conservation conservation) {}

  public RunJob(SparkSession spark, RunConfig cfg, Progress progress) {
    this.spark = spark;
    this.cfg = cfg;
    this.progress = progress;
    this.runId = "run-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(started)
        + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Headline figures for a citizenship on the as-of date (null when gold has no row). */
  public record Headline(String citizenship, long residents, long permitHolders, long permitHoldersResident,
                         Double coveragePct, long documentationGap) {}

  public record Result(String runId, LocalDate asOf, boolean committed, List<Conservation> conservation,
                       int filesNew, int filesSkipped, Headline indonesia, Headline total) {}

  /** Sources whose extract dates span the monthly reference dates of the stock indicators. */
  static final List<String> REGISTRY_SOURCES = Source.REGISTRIES.stream().map(Source::id).toList();

  /** Tables whose row counts every run records in ops.runs. */
  static final List<TableDef> SILVER_GOLD = Tables.ALL.stream()
      .filter(t -> t.layer().equals("silver") || t.layer().equals("gold")).toList();

  /** The column that a gold table's as-of slice is replaced by in an incremental run. */
  private static String sliceColumn(TableDef t) {
    return t.schema().getFieldIndex("ref_date").isDefined() ? "ref_date" : "period_end";
  }

  /**
   * Runs under the lakehouse lock, so that a manual run, the scheduler and a backfill never write at
   * once (the scheduler and backfill already hold it on this thread: the lock is re-entrant). A busy
   * lakehouse fails at once with the holder's name, unless {@code -Dmigstat.lock.wait.seconds=N}.
   */
  public Result run() {
    if (!Lakehouse.reachable(spark, cfg.lakehouse())) {
      throw new IngestException("the lakehouse root " + cfg.lakehouse() + " is not a folder that can be used");
    }
    java.time.Duration wait = java.time.Duration.ofSeconds(Long.getLong("migstat.lock.wait.seconds", 0L));
    try (org.migstat.lakehouse.RunLock lock = org.migstat.lakehouse.RunLock.acquire(
        spark.sparkContext().hadoopConfiguration(), cfg.lakehouse(), runId, wait)) {
      return runLocked();
    }
  }

  private Result runLocked() {
    Lakehouse lh = new Lakehouse(spark, cfg.lakehouse());
    lh.ensure(Tables.ALL);
    Map<String, Long> inputVersions = lh.versions(lineageTables());
    List<Conservation> conservation = new ArrayList<>();
    int[] fileCounts = new int[2];
    LocalDate asOf = cfg.asOf();
    try {
      IngestLedger ledger = IngestLedger.load(lh);
      List<ExtractFile> listed = listInput();
      List<ExtractFile> unseen = listed.stream().filter(f -> !ledger.seen(f)).toList();
      // A file that cannot be read, or whose extract date cannot be trusted, holds back itself, not the delivery.
      org.migstat.ingest.Intake intake = org.migstat.ingest.Intake.sort(sniff(unseen),
          LocalDate.ofInstant(started, ZoneOffset.UTC), org.migstat.conform.Plausibility.FILE_TOLERANCE_DAYS);
      for (ExtractFile f : intake.rejected()) {
        ledger.recordRejected(f, runId);
        progress.say("ingest", "%s: REJECTED %s — %s", f.source(), f.name(), f.rejected());
      }
      for (ExtractFile f : intake.heldBack()) {
        ledger.recordHeldBack(f, runId);
        progress.say("ingest", "%s: HELD BACK %s — %s", f.source(), f.name(), f.rejected());
      }
      notIngested.addAll(intake.notIngested());
      if (asOf == null) {
        asOf = intake.defaultAsOf(listed, ledger::rejectedBefore).orElse(null);
        if (asOf == null) {
          ledger.commit(lh);
          throw new IngestException(notIngested.isEmpty()
              ? "no extract files in " + cfg.input() + " (expected sub-folders such as residents/ and permits/)"
              : "no extract file in " + cfg.input() + " can be ingested: " + notIngested.size()
                  + " rejected or held back (see ops.ingested_files), the first because "
                  + notIngested.get(0).rejected());
        }
      }
      progress.say("start", "run %s as of %s; lakehouse %s", runId, asOf, lh.root());
      List<ExtractFile> sniffed = intake.accepted();
      Map<Source, List<ExtractFile>> fresh = new LinkedHashMap<>();
      Map<String, String> freshNames = new HashMap<>();
      for (ExtractFile f : sniffed) {
        String original = f.empty() ? null : ledger.ingestedAs(f.checksum());
        original = original != null || f.empty() ? original : freshNames.get(f.checksum());
        if (original != null) {
          ledger.recordResent(f, original, runId);
          fileCounts[1]++;
          progress.say("ingest", "%s: skipped %s — same bytes as %s, already delivered", f.source(), f.name(), original);
          continue;
        }
        freshNames.put(f.checksum(), f.name());
        fresh.computeIfAbsent(Source.byId(f.source()).orElseThrow(), k -> new ArrayList<>()).add(f);
      }
      List<ExtractFile> glotip = GlotipImport.unseenFiles(cfg.input(), ledger, runId);
      boolean silverChanges = !fresh.isEmpty() || !glotip.isEmpty() || cfg.rebuild();
      if (!silverChanges && !ledger.hasPending() && goldHas(lh, asOf)) {
        progress.say("done", "nothing new: %d files already ingested, gold already holds %s; no table changed",
            listed.size(), asOf);
        return new Result(runId, asOf, false, List.of(), 0, 0, headline(lh, asOf, "IDN"), headline(lh, asOf, null));
      }

      Pseudonymizer pseudonyms = Pseudonymizer.resolve(cfg.keyFile(), localInput());
      if (pseudonyms.isDemoKey()) {
        progress.say("key", "using the DEMO pseudonymisation key shipped with the samples — not for real data");
      }

      LocalDate borderObservedBefore = ledger.lastExtract(List.of(Source.CROSSINGS.id()));

      // ---- bronze and silver, source by source --------------------------------------------------
      // Sources are independent (own bronze and silver tables): several are ingested at once.
      List<Source> ingesting = java.util.Arrays.stream(Source.values())
          .filter(source -> !fresh.getOrDefault(source, List.of()).isEmpty()
              || (cfg.rebuild() && lh.version(source.bronze) > 0)) // for a rebuild: every source ever delivered
          .toList();
      List<Ingested> ingested = Concurrently.map(ingesting, source -> {
        List<ExtractFile> files = fresh.getOrDefault(source, List.of());
        Map<String, Long> rowsPerFile = ingestBronze(lh, source, files);
        return new Ingested(files, rowsPerFile, conformToSilver(lh, source, files, pseudonyms));
      });
      for (Ingested i : ingested) {
        fileCounts[0] += i.files().size();
        conservation.add(i.conservation());
        for (ExtractFile f : i.files()) {
          ledger.recordIngested(f, i.rowsPerFile().getOrDefault(f.checksum(), 0L), runId);
        }
      }

      // ---- published international context (UNODC GLOTIP), read as published ------------------
      for (ExtractFile f : glotip) {
        progress.say("ingest", "glotip: importing %s", f.name());
        conservation.add(GlotipImport.importFile(lh, f, ledger, runId, progress));
        fileCounts[0]++;
      }

      // ---- gold ---------------------------------------------------------------------------------
      if (silverChanges || !goldHas(lh, asOf)) {
        buildGold(lh, asOf, ledger, scope(lh, ledger, asOf, silverChanges, !glotip.isEmpty(), borderObservedBefore));
        PublishJob.publish(lh, runId, progress);
      }
      ledger.commit(lh);

      Map<String, Long> rowCounts = new LinkedHashMap<>();
      List<Long> counted = Concurrently.map(SILVER_GOLD, t -> lh.read(t).count());
      for (int i = 0; i < SILVER_GOLD.size(); i++) {
        rowCounts.put(SILVER_GOLD.get(i).qualifiedName(), counted.get(i));
      }
      RunLedger.append(lh, new RunLedger.RunRecord(runId, cfg.command(), asOf, started, Instant.now(), "succeeded",
          null, fileCounts[0], fileCounts[1], conservation, inputVersions, lh.versions(lineageTables()), rowCounts)
          .synthetic(pseudonyms.isDemoKey() || org.migstat.generate.SyntheticMarker.marks(cfg.input(),
              java.util.Arrays.stream(Source.values()).map(s -> s.folder).toList(),
              spark.sparkContext().hadoopConfiguration())));
      Headline idn = headline(lh, asOf, "IDN");
      Headline total = headline(lh, asOf, null);
      progress.say("done", "run %s succeeded", runId);
      return new Result(runId, asOf, true, conservation, fileCounts[0], fileCounts[1], idn, total);
    } catch (Exception e) { // also Spark's AnalysisException, a checked exception thrown through Scala
      String reason = org.migstat.ops.OneSentence.of(e); // the sentence the terminal shows
      try {
        RunLedger.append(lh, new RunLedger.RunRecord(runId, cfg.command(), asOf, started, Instant.now(), "failed",
            reason, fileCounts[0], fileCounts[1], conservation, inputVersions,
            lh.versions(Tables.ALL), Map.of()));
      } catch (RuntimeException ledgerFailure) {
        e.addSuppressed(ledgerFailure);
      }
      throw e;
    }
  }

  /** The input folder on the local disk, where the demo key may sit; null for remote inputs (s3a://...). */
  private Path localInput() {
    String in = cfg.input();
    return in.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") && !in.startsWith("file:") ? null
        : Path.of(in.replaceFirst("^file:(//)?", ""));
  }

  // ---- input discovery ----------------------------------------------------------------------------

  private List<ExtractFile> listInput() {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(cfg.input());
    List<ExtractFile> files = new ArrayList<>();
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
        throw new IngestException("the input folder " + cfg.input() + " does not exist or is not a folder");
      }
      for (Source s : Source.values()) {
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(root, s.folder);
        if (!fs.exists(dir)) {
          continue;
        }
        for (FileStatus st : fs.listStatus(dir)) {
          String name = st.getPath().getName();
          if (!st.isFile() || !s.accepts(name)) {
            continue;
          }
          LocalDate d = Source.extractDate(name).orElse(null);
          ExtractFile f = new ExtractFile(s.id(), org.migstat.ingest.ExtractFiles.location(st.getPath()), name,
              st.getLen(), st.getModificationTime(), d, null, null, false);
          files.add(d != null ? f : f.rejectedBecause("the file " + name + " in " + s.folder
              + "/ has no extract date in its name (expected " + s.folder + "_YYYY-MM... or _YYYY-MM-DD...)"));
        }
      }
    } catch (IOException e) {
      throw new IngestException("cannot list the input folder " + cfg.input() + ": " + e.getMessage(), e);
    }
    files.sort(Comparator.comparing(ExtractFile::source).thenComparing(ExtractFile::name));
    return files;
  }

  private Map<String, String> hadoopConf() {
    Map<String, String> conf = new HashMap<>();
    spark.sparkContext().hadoopConfiguration().forEach(e -> conf.put(e.getKey(), e.getValue()));
    return conf;
  }

  /** Checksums and encodings of unseen files, computed in parallel on the executors. */
  private List<ExtractFile> sniff(List<ExtractFile> files) {
    if (files.isEmpty()) {
      return List.of();
    }
    progress.say("ingest", "checking %d new or changed files", files.size());
    Map<String, String> conf = hadoopConf();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<ExtractFile> out = new ArrayList<>(jsc.parallelize(files, Math.min(files.size(), 4 * jsc.defaultParallelism()))
        .map(f -> FileSniffer.sniff(f, conf)).collect());
    out.sort(Comparator.comparing(ExtractFile::source).thenComparing(ExtractFile::name));
    return out;
  }

  // ---- bronze ---------------------------------------------------------------------------------

  private Map<String, Long> ingestBronze(Lakehouse lh, Source source, List<ExtractFile> files) {
    List<ExtractFile> withRows = files.stream().filter(f -> !f.empty()).toList();
    Map<String, Long> rows = new HashMap<>();
    if (withRows.isEmpty()) {
      return rows;
    }
    Map<String, String> conf = hadoopConf();
    String id = runId;
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // A few files per task: a task (and a bronze file) per small extract would cost more than the parsing.
    JavaRDD<Row> parsed = jsc.parallelize(withRows, Math.min(withRows.size(), 2 * jsc.defaultParallelism()))
        .flatMap(f -> RawRecordParser.rows(source, f, id, conf));
    Dataset<Row> bronze = spark.createDataFrame(parsed, source.bronze.schema());
    bronze.write().format("delta").mode("overwrite")
        .option("replaceWhere", checksumPredicate("_file_checksum", withRows))
        .save(lh.path(source.bronze));
    for (Row r : lh.read(source.bronze).filter(col("_file_checksum").isin(checksums(withRows)))
        .groupBy("_file_checksum").count().collectAsList()) {
      rows.put(r.getString(0), r.getLong(1));
    }
    long total = rows.values().stream().mapToLong(Long::longValue).sum();
    long encodings = withRows.stream().filter(f -> !"UTF-8".equals(f.encoding())).count();
    progress.say("bronze", "%s: %d files, %,d rows%s", source.id(), withRows.size(), total,
        encodings > 0 ? " (" + encodings + " read as windows-1252)" : "");
    return rows;
  }

  private static Object[] checksums(List<ExtractFile> files) {
    return files.stream().map(ExtractFile::checksum).toArray();
  }

  /** A replaceWhere predicate over file checksums (hex digests: safe as literals). */
  private static String checksumPredicate(String column, List<ExtractFile> files) {
    return column + " IN (" + files.stream().map(f -> "'" + f.checksum() + "'").collect(Collectors.joining(",")) + ")";
  }

  // ---- silver ---------------------------------------------------------------------------------

  private Conservation conformToSilver(Lakehouse lh, Source source, List<ExtractFile> files, Pseudonymizer pseudonyms) {
    TableDef silverDef = source.silver;
    Dataset<Row> bronzeAll = lh.read(source.bronze);
    List<ExtractFile> withRows = files.stream().filter(f -> !f.empty()).toList();
    if (withRows.isEmpty() && !cfg.rebuild()) {
      // Only empty files arrived (a day with nothing to send): recorded in the ledger, nothing to conform.
      Conservation none = new Conservation(source.id(), 0, 0, 0, 0);
      progress.say("silver", "%s: only empty files, nothing to conform", source.id());
      return none;
    }
    Dataset<Row> batch = cfg.rebuild() ? bronzeAll : bronzeAll.filter(col("_file_checksum").isin(checksums(withRows)));
    Dataset<Row> silverNow = cfg.rebuild()
        ? spark.createDataFrame(List.of(), silverDef.schema())
        : lh.read(silverDef);
    long read = batch.count();
    // The independent count: the records the new files hold by their lines (a rebuild re-reads bronze only).
    long inFiles = cfg.rebuild() ? read : withRows.stream().mapToLong(ExtractFile::recordsByLines).sum();
    Dataset<Row> evaluated = Batch.narrow(source.conformer.conform(batch, pseudonyms), silverDef.schema());
    Dataset<Row> classified = Batch.classify(evaluated, silverNow, source.recordKey)
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> latest = null;
    try {
      Map<String, Long> byClass = new HashMap<>();
      for (Row r : classified.groupBy(Batch.ROW_CLASS).count().collectAsList()) {
        byClass.put(r.getString(0), r.getLong(1));
      }
      Conservation c = new Conservation(source.id(), read, byClass.getOrDefault(Batch.ACCEPTED, 0L),
          byClass.getOrDefault(Batch.QUARANTINED, 0L), byClass.getOrDefault(Batch.DUPLICATE, 0L), inFiles);
      progress.say("silver", "%s", c);
      if (!c.balanced()) {
        throw new IllegalStateException("conservation check failed for " + source.id() + ": " + c
            + "; nothing was published");
      }
      Dataset<Row> quarantine = Lakehouse.conformTo(Batch.quarantine(classified, source.id(), source.rawColumns),
          Tables.QUARANTINE);
      var writer = quarantine.write().format("delta").mode("overwrite");
      if (cfg.rebuild()) {
        writer.option("replaceWhere", "source = '" + source.id() + "'");
      } else {
        writer.option("replaceWhere", "source = '" + source.id() + "' AND " + checksumPredicate("file_checksum", withRows));
      }
      synchronized (quarantineWrites) { // one table for every source, written by one source at a time
        writer.save(lh.path(Tables.QUARANTINE));
      }

      latest = Lakehouse.conformTo(Batch.latestAccepted(classified, source.recordKey), silverDef);
      if (!cfg.rebuild()) {
        // Read twice (the gold scope, then the write): kept rather than sorted again. A rebuild reads it once.
        latest = latest.persist(StorageLevel.MEMORY_AND_DISK());
        LocalDate from = GoldScope.earliestAffected(source, latest, silverNow);
        if (from != null) {
          affectedFrom.put(source, from);
        }
      }
      if (cfg.rebuild()) {
        latest.write().format("delta").mode("overwrite").save(lh.path(silverDef));
      } else if (lh.version(silverDef) == 0) {
        // Only the empty table created by ensure: a first load appends, there is nothing to merge with.
        latest.write().format("delta").mode("append").save(lh.path(silverDef));
      } else {
        lh.delta(silverDef).as("t")
            .merge(latest.as("s"), "t." + source.recordKey + " = s." + source.recordKey)
            .whenMatched(Batch.newerCondition()).updateAll()
            .whenNotMatched().insertAll()
            .execute();
      }
      return c;
    } finally {
      classified.unpersist();
      if (latest != null) {
        latest.unpersist();
      }
    }
  }

  // ---- gold -----------------------------------------------------------------------------------

  private boolean goldHas(Lakehouse lh, LocalDate asOf) {
    return !lh.read(Tables.PERMIT_COVERAGE).filter(col("ref_date").equalTo(Date.valueOf(asOf))).isEmpty();
  }

  /** Month-ends of the data's span, plus the as-of dates of earlier successful runs and of this run. */
  static List<LocalDate> referenceDates(LocalDate firstExtract, LocalDate lastExtract, List<LocalDate> pastAsOf,
                                        LocalDate asOf) {
    TreeSet<LocalDate> dates = new TreeSet<>(pastAsOf);
    dates.add(asOf);
    if (firstExtract != null) {
      for (YearMonth m = YearMonth.from(firstExtract); !m.isAfter(YearMonth.from(lastExtract)); m = m.plusMonths(1)) {
        dates.add(m.atEndOfMonth());
      }
    }
    return new ArrayList<>(dates);
  }

  /**
   * Flow periods: the month up to each reference date — a calendar month for a month-end, the
   * month-to-date for a mid-month as-of date.
   */
  static List<LocalDate[]> periods(List<LocalDate> refDates) {
    return refDates.stream().map(d -> new LocalDate[] {d.withDayOfMonth(1), d}).toList();
  }

  private Dataset<Row> dateFrame(List<LocalDate> dates) {
    List<Row> rows = dates.stream().map(d -> RowFactory.create(Date.valueOf(d))).toList();
    return spark.createDataFrame(rows, new StructType().add("ref_date", DataTypes.DateType));
  }

  private Dataset<Row> periodFrame(List<LocalDate[]> periods) {
    List<Row> rows = periods.stream().map(p -> RowFactory.create(Date.valueOf(p[0]), Date.valueOf(p[1]))).toList();
    return spark.createDataFrame(rows, new StructType().add("period_start", DataTypes.DateType)
        .add("period_end", DataTypes.DateType));
  }

  /**
   * Year-to-date periods: [1 January, d] for every reference date d that ends a year or is an as-of
   * date (of this run or an earlier one).
   */
  static List<LocalDate[]> yearPeriods(List<LocalDate> refDates, java.util.Collection<LocalDate> asOfDates) {
    return refDates.stream().filter(d -> (d.getMonthValue() == 12 && d.getDayOfMonth() == 31) || asOfDates.contains(d))
        .map(d -> new LocalDate[] {d.withDayOfYear(1), d}).toList();
  }

  /** What gold this run must recompute (see {@link GoldScope}). */
  private GoldScope scope(Lakehouse lh, IngestLedger ledger, LocalDate asOf, boolean silverChanges,
                          boolean glotipChanged, LocalDate borderObservedBefore) {
    if (cfg.rebuild()) {
      return GoldScope.everything();
    }
    if (!silverChanges) {
      return GoldScope.asOfSlice();
    }
    Map<Source, LocalDate> from = new java.util.EnumMap<>(Source.class);
    from.putAll(affectedFrom);
    if (from.containsKey(Source.CROSSINGS) && borderObservedBefore != null) {
      // Entries still pending at the previous observation date get their verdict from the new events.
      LocalDate pending = borderObservedBefore.minusDays(Borders.OVERSTAY_DAYS + 1L);
      from.merge(Source.CROSSINGS, pending, (a, b) -> a.isBefore(b) ? a : b);
    }
    if (!goldHas(lh, asOf)) {
      // A new as-of date inside the data: everything from it on is recomputed, for every source delivered so far.
      for (Source s : Source.values()) {
        if (ledger.firstExtract(List.of(s.id())) != null) {
          from.merge(s, asOf, (a, b) -> a.isBefore(b) ? a : b);
        }
      }
    }
    return GoldScope.from(from, glotipChanged);
  }

  /**
   * Gold, computed from silver, for the reference dates the scope asks for: a full build covers every
   * reference date of the data (month ends of each source's span plus the as-of dates of successful
   * runs); an incremental one recomputes, table by table, only the dates on or after the earliest
   * date its changed sources can move; with no new data and a new as-of date, only that date's slice
   * (month to date and year to date) is added.
   */
  private void buildGold(Lakehouse lh, LocalDate asOf, IngestLedger ledger, GoldScope scope) {
    boolean full = !scope.asOfOnly();
    List<LocalDate> pastAsOf = full ? RunLedger.succeededAsOfDates(lh) : List.of();
    TreeSet<LocalDate> asOfDates = new TreeSet<>(pastAsOf);
    asOfDates.add(asOf);
    List<LocalDate> allDates = full
        ? referenceDates(ledger.firstExtract(REGISTRY_SOURCES), ledger.lastExtract(REGISTRY_SOURCES), pastAsOf, asOf)
        : List.of(asOf);
    List<LocalDate> allCaseDates = full ? sourceDates(ledger, Source.CASES, pastAsOf, asOf) : List.of(asOf);
    List<LocalDate> allBorderDates = full ? sourceDates(ledger, Source.CROSSINGS, pastAsOf, asOf) : List.of(asOf);

    // Which tables, from which date on (null: leave the table as it is).
    Map<TableDef, LocalDate> from = new LinkedHashMap<>();
    LocalDate registries = scope.from(Source.RESIDENTS, Source.PERMITS);
    from.put(Tables.RESIDENTS_STOCK, scope.from(Source.RESIDENTS));
    from.put(Tables.PERMIT_HOLDERS_STOCK, scope.from(Source.PERMITS));
    from.put(Tables.PERMIT_COVERAGE, registries);
    from.put(Tables.FIRST_PERMITS, scope.from(Source.PERMITS));
    from.put(CaseTables.CASES_BY_MONTH, scope.from(Source.CASES));
    from.put(CaseTables.CASE_PROFILE, scope.from(Source.CASES));
    from.put(CaseTables.CASE_OUTCOMES, scope.from(Source.CASES));
    from.put(CaseTables.CASES_PER_100K, scope.from(Source.CASES, Source.RESIDENTS));
    from.put(CaseTables.BORDER_FLOWS, scope.from(Source.CROSSINGS));
    from.put(CaseTables.OVERSTAY, scope.from(Source.CROSSINGS));
    from.put(Tables.RESIDENTS_BY_STAY, scope.from(Source.RESIDENTS));
    from.put(Tables.USUAL_RESIDENTS, scope.from(Source.RESIDENTS));
    from.put(Tables.PERMIT_HOLDERS_PROFILE, registries);
    from.put(CaseTables.SOURCE_COMPARISON, scope.from(Source.values()));
    from.put(Tables.GLOTIP_CONTEXT, full && scope.glotip() ? GoldScope.ALL_DATES : null);
    from.values().removeIf(java.util.Objects::isNull);
    if (from.isEmpty()) {
      progress.say("gold", "no gold table depends on what changed");
      return;
    }
    // The stocks are computed for the dates the coverage (the widest of the three) needs.
    List<LocalDate> dates = GoldScope.onOrAfter(allDates, min(from.get(Tables.RESIDENTS_STOCK),
        from.get(Tables.PERMIT_HOLDERS_STOCK), from.get(Tables.PERMIT_COVERAGE), from.get(CaseTables.SOURCE_COMPARISON),
        from.get(CaseTables.CASES_PER_100K), from.get(Tables.RESIDENTS_BY_STAY), from.get(Tables.USUAL_RESIDENTS),
        from.get(Tables.PERMIT_HOLDERS_PROFILE)));
    progress.say("gold", "%s: %s", full ? "recomputing" : "adding the as-of date", from.entrySet().stream()
        .map(e -> e.getKey().name() + (e.getValue().equals(GoldScope.ALL_DATES) ? "" : " from " + e.getValue()))
        .collect(Collectors.joining(", ")));
    Dataset<Row> refDates = dateFrame(dates.isEmpty() ? List.of(asOf) : dates);
    // Person-dates are not cached: there are (persons x dates) of them, and recomputing them from the silver
    // scan and a broadcast date join is cheaper than building a cache of that size. Their aggregates are kept.
    Dataset<Row> residents = Stocks.residentsOnDates(lh.read(Tables.SILVER_RESIDENTS), refDates);
    Dataset<Row> holders = Stocks.permitHoldersOnDates(lh.read(Tables.SILVER_PERMITS), refDates);
    List<Dataset<Row>> kept = java.util.Collections.synchronizedList(new ArrayList<>());
    try {
      Map<TableDef, Dataset<Row>> gold = new LinkedHashMap<>();
      Dataset<Row> residentsStock = keep(kept, Stocks.residentsStock(residents));
      Dataset<Row> coverage = keep(kept, Stocks.coverage(residents, holders));
      if (from.containsKey(Tables.RESIDENTS_STOCK)) {
        gold.put(Tables.RESIDENTS_STOCK, onOrAfter(residentsStock, "ref_date", from.get(Tables.RESIDENTS_STOCK)));
      }
      if (from.containsKey(Tables.PERMIT_HOLDERS_STOCK)) {
        gold.put(Tables.PERMIT_HOLDERS_STOCK, onOrAfter(Stocks.permitHoldersStock(holders), "ref_date",
            from.get(Tables.PERMIT_HOLDERS_STOCK)));
      }
      if (from.containsKey(Tables.PERMIT_COVERAGE)) {
        gold.put(Tables.PERMIT_COVERAGE, onOrAfter(coverage, "ref_date", from.get(Tables.PERMIT_COVERAGE)));
      }
      // The residence definitions and the Eurostat permit breakdowns, from the same person-dates.
      if (from.containsKey(Tables.RESIDENTS_BY_STAY) || from.containsKey(Tables.USUAL_RESIDENTS)) {
        Dataset<Row> byStay = keep(kept, Residence.residentsByStay(residents));
        if (from.containsKey(Tables.RESIDENTS_BY_STAY)) {
          gold.put(Tables.RESIDENTS_BY_STAY, onOrAfter(byStay, "ref_date", from.get(Tables.RESIDENTS_BY_STAY)));
        }
        if (from.containsKey(Tables.USUAL_RESIDENTS)) {
          gold.put(Tables.USUAL_RESIDENTS, onOrAfter(Residence.usualResidents(byStay), "ref_date",
              from.get(Tables.USUAL_RESIDENTS)));
        }
      }
      if (from.containsKey(Tables.PERMIT_HOLDERS_PROFILE)) {
        gold.put(Tables.PERMIT_HOLDERS_PROFILE, onOrAfter(Stocks.permitHoldersProfile(holders, residents), "ref_date",
            from.get(Tables.PERMIT_HOLDERS_PROFILE)));
      }
      if (from.containsKey(Tables.FIRST_PERMITS)) {
        gold.put(Tables.FIRST_PERMITS, Flows.firstPermits(
            Flows.markFirstPermits(lh.read(Tables.SILVER_PERMITS), cfg.firstPermitSameReason()),
            periodFrame(periods(GoldScope.onOrAfter(allDates, from.get(Tables.FIRST_PERMITS))))));
      }

      // Cases: months, and years to date for the profile, outcomes and rate (small cells otherwise).
      Dataset<Row> cases = lh.read(CaseTables.SILVER_CASES);
      if (from.containsKey(CaseTables.CASES_BY_MONTH)) {
        List<LocalDate> caseDates = GoldScope.onOrAfter(allCaseDates, from.get(CaseTables.CASES_BY_MONTH));
        Dataset<Row> caseYears = periodFrame(yearPeriods(caseDates, asOfDates));
        gold.put(CaseTables.CASES_BY_MONTH, Cases.byMonth(cases, periodFrame(periods(caseDates))));
        gold.put(CaseTables.CASE_PROFILE, Cases.profile(cases, caseYears));
        gold.put(CaseTables.CASE_OUTCOMES, Cases.outcomes(cases, caseYears));
      }
      if (from.containsKey(CaseTables.CASES_PER_100K)) {
        List<LocalDate> caseDates = GoldScope.onOrAfter(allCaseDates, from.get(CaseTables.CASES_PER_100K));
        gold.put(CaseTables.CASES_PER_100K, Cases.per100k(cases, residentsStock,
            periodFrame(yearPeriods(caseDates, asOfDates))));
      }

      // Border crossings: monthly flows, and the overstay rule by entry month.
      Dataset<Row> crossings = lh.read(CaseTables.SILVER_CROSSINGS);
      if (from.containsKey(CaseTables.BORDER_FLOWS)) {
        gold.put(CaseTables.BORDER_FLOWS, Borders.flows(crossings,
            periodFrame(periods(GoldScope.onOrAfter(allBorderDates, from.get(CaseTables.BORDER_FLOWS))))));
      }
      LocalDate borderFirst = ledger.firstExtract(List.of(Source.CROSSINGS.id()));
      LocalDate borderLast = ledger.lastExtract(List.of(Source.CROSSINGS.id()));
      if (from.containsKey(CaseTables.OVERSTAY) && borderFirst != null) {
        // Entry months, and the month to date of each as-of date, as for the other flow tables.
        List<LocalDate> entryMonths = full
            ? GoldScope.onOrAfter(Borders.entryPeriodEnds(borderFirst, borderLast, asOfDates), from.get(CaseTables.OVERSTAY))
            : Borders.entryPeriodEnds(borderFirst, borderLast, List.of(asOf)).stream().filter(asOf::equals).toList();
        gold.put(CaseTables.OVERSTAY, Borders.overstay(crossings, periodFrame(periods(entryMonths)),
            borderLast.isAfter(asOf) ? borderLast : asOf));
      }

      // The sources side by side at every month end and as-of date of the registries.
      if (from.containsKey(CaseTables.SOURCE_COMPARISON)) {
        LocalDate borderBase = borderFirst == null ? allDates.get(0).withDayOfMonth(1) : borderFirst.withDayOfMonth(1);
        List<LocalDate> comparison = GoldScope.onOrAfter(allDates, from.get(CaseTables.SOURCE_COMPARISON)).stream()
            .filter(d -> d.equals(YearMonth.from(d).atEndOfMonth()) || asOfDates.contains(d)).toList();
        gold.put(CaseTables.SOURCE_COMPARISON, SourceComparison.compare(coverage,
            lh.read(CaseTables.SILVER_EMBASSY_REGISTRATIONS), crossings, cases, dateFrame(comparison), borderBase));
      }

      if (from.containsKey(Tables.GLOTIP_CONTEXT)) {
        String release = ledger.lastExtract(List.of(GlotipImport.SOURCE)) == null ? null
            : ledger.lastExtract(List.of(GlotipImport.SOURCE)).toString();
        gold.put(Tables.GLOTIP_CONTEXT, Context.glotipContext(lh.read(Tables.SILVER_GLOTIP), Context.GLOTIP_COUNTRIES,
            release));
      }
      // Compute everything before the first gold write, so a failing computation leaves gold untouched.
      // Several tables at once (Concurrently): each is its own job and its own Delta log.
      List<TableDef> tables = List.copyOf(gold.keySet());
      List<Dataset<Row>> computed = Concurrently.map(tables, t -> {
        Dataset<Row> stamped = Lakehouse.conformTo(gold.get(t)
            .withColumn("definition_version", lit(Definitions.VERSION))
            .withColumn("run_id", lit(runId)), t);
        Dataset<Row> done = keep(kept, stamped);
        long rows = done.count();
        progress.say("gold", "%s: %,d rows computed", t.qualifiedName(), rows);
        return rows == 0 && lh.version(t) == 0
            ? null // a source this lakehouse never received: the table stays as created, no empty commit
            : done;
      });
      List<Integer> toWrite = java.util.stream.IntStream.range(0, tables.size())
          .filter(i -> computed.get(i) != null).boxed().toList();
      Concurrently.forEach(toWrite, i -> {
        TableDef t = tables.get(i);
        var writer = computed.get(i).coalesce(1).write().format("delta").mode("overwrite");
        LocalDate since = from.get(t);
        if (!full) {
          writer.option("replaceWhere", sliceColumn(t) + " = DATE'" + asOf + "'");
        } else if (!since.equals(GoldScope.ALL_DATES)) {
          writer.option("replaceWhere", sliceColumn(t) + " >= DATE'" + since + "'");
        }
        writer.save(lh.path(t));
      });
      progress.say("gold", "%d tables written", toWrite.size());
    } finally {
      kept.forEach(Dataset::unpersist);
    }
  }

  private static LocalDate min(LocalDate... dates) {
    return java.util.Arrays.stream(dates).filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
  }

  private static Dataset<Row> onOrAfter(Dataset<Row> frame, String column, LocalDate from) {
    return from.equals(GoldScope.ALL_DATES) ? frame : frame.filter(col(column).geq(lit(Date.valueOf(from))));
  }

  private static Dataset<Row> keep(List<Dataset<Row>> kept, Dataset<Row> frame) {
    Dataset<Row> p = frame.persist(StorageLevel.MEMORY_AND_DISK());
    kept.add(p);
    return p;
  }

  /** Month ends of one source's extract span plus the as-of dates; just the as-of date when it has no files. */
  private static List<LocalDate> sourceDates(IngestLedger ledger, Source source, List<LocalDate> pastAsOf,
                                             LocalDate asOf) {
    List<String> id = List.of(source.id());
    return referenceDates(ledger.firstExtract(id), ledger.lastExtract(id), pastAsOf, asOf);
  }

  // ---- headline -------------------------------------------------------------------------------

  /** Coverage figures on the date for one citizenship, or summed over all when citizenship is null. */
  public static Headline headline(Lakehouse lh, LocalDate asOf, String citizenship) {
    Dataset<Row> cov = lh.read(Tables.PERMIT_COVERAGE).filter(col("ref_date").equalTo(Date.valueOf(asOf)));
    if (citizenship != null) {
      cov = cov.filter(col("citizenship").equalTo(citizenship));
    }
    Row r = cov.agg(sum("residents"), sum("permit_holders"), sum("permit_holders_resident"), sum("documentation_gap"))
        .first();
    if (r.isNullAt(0)) {
      return null;
    }
    long residents = r.getLong(0);
    long holdersResident = r.getLong(2);
    Double pct = residents == 0 ? null : Math.round(holdersResident * 10000.0 / residents) / 100.0;
    return new Headline(citizenship == null ? "all" : citizenship, residents, r.getLong(1), holdersResident, pct,
        r.getLong(3));
  }

  /** Every table whose Delta version a run records: enough to time-travel to a past release. */
  static List<TableDef> lineageTables() {
    List<TableDef> all = new ArrayList<>(Tables.ALL);
    all.addAll(PublishJob.tables());
    return all;
  }

  public String runId() {
    return runId;
  }

  /** The files this run rejected or held back (each with its sentence): non-empty means "completed with rejected files". */
  public List<ExtractFile> notIngested() {
    return List.copyOf(notIngested);
  }
}
