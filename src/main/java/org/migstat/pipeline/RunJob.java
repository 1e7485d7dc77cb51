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
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.migstat.catalog.CaseTables;
import org.migstat.catalog.TableDef;
import org.migstat.catalog.Tables;
import org.migstat.conform.Batch;
import org.migstat.conform.Pseudonymizer;
import org.migstat.indicators.Definitions;
import org.migstat.ingest.ExtractFile;
import org.migstat.ingest.FileSniffer;
import org.migstat.ingest.IngestException;
import org.migstat.ingest.RawRecordParser;
import org.migstat.ingest.Source;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.ops.Conservation;
import org.migstat.ops.GoldLedger;
import org.migstat.ops.IngestLedger;
import org.migstat.ops.RunLedger;
import org.migstat.publish.PublishJob;
import org.migstat.publish.ReleaseCalendar;
import org.migstat.publish.ReleaseLedger;
import org.migstat.publish.ReleasePlan;

/**
 * The scheduled pipeline run, which only sequences I/O: list the input, sniff new files, bronze, silver
 * (with quarantine and the conservation check), gold, publication, then the ledgers. The transforms it
 * calls are pure; what gold recomputes is decided by {@link GoldScope} over {@link GoldGraph}, from what
 * changed since each gold table was last built. Every write is idempotent: a file's bronze rows and
 * quarantine rows are replaced by checksum, silver is a latest-version-wins MERGE, gold tables are
 * replaced whole or slice by slice, and the file ledger is written last.
 */
public final class RunJob {
  private final SparkSession spark;
  private final RunConfig cfg;
  private final Progress progress;
  private final String runId;
  private final Instant started = Instant.now();
  /** The earliest gold slice this run rewrote, for publication (null: none; GoldScope.ALL_DATES: unknown). */
  private LocalDate goldChangedFrom;
  private final Object quarantineWrites = new Object();
  /**
   * Whether the person-sum gold tables are brought up to date by difference ({@link #byDifference}) rather than
   * recomputed. Off by default: correct (tests; the benchmark's DuckDB check after a daily run by difference,
   * 210,361 cells, 0 differ) but not yet cheaper on the samples (daily run 235 s by difference, ~207 s
   * recomputing). {@code -Dmigstat.gold.byDifference=true} or {@link #goldByDifference(boolean)} turns it on.
   */
  private boolean goldByDifference = Boolean.getBoolean("migstat.gold.byDifference");
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

  /** Brings the person-sum gold tables up to date by difference (see the field); returns this run. */
  public RunJob goldByDifference(boolean on) {
    this.goldByDifference = on;
    return this;
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
    lh.ensure(List.of(GoldLedger.TABLE));
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
      // Public releases follow the calendar: a daily run between release dates publishes nothing.
      ReleaseCalendar calendar = ReleaseCalendar.find(spark.sparkContext().hadoopConfiguration(), cfg.input(),
          cfg.lakehouse());
      final LocalDate day = asOf;
      List<ReleasePlan> due = ReleasePlan.due(lh, calendar, asOf, cfg.internalView(), runId).stream()
          .filter(p -> silverChanges || !p.internal() || !ReleaseLedger.hasInternalView(lh, day)).toList();
      if (!silverChanges && !ledger.hasPending() && due.isEmpty() && upToDate(lh, ledger, asOf, due)) {
        progress.say("done", "nothing new: %d files already ingested, gold already holds %s; no table changed",
            listed.size(), asOf);
        return new Result(runId, asOf, false, List.of(), 0, 0, headline(lh, asOf, "IDN"), headline(lh, asOf, null));
      }

      Pseudonymizer pseudonyms = Pseudonymizer.resolve(cfg.keyFile(), localInput());
      if (pseudonyms.isDemoKey()) {
        progress.say("key", "using the DEMO pseudonymisation key shipped with the samples — not for real data");
      }

      // ---- bronze and silver, source by source --------------------------------------------------
      // Sources are independent (own bronze and silver tables): several are ingested at once.
      List<Source> ingesting = java.util.Arrays.stream(Source.values())
          .filter(source -> !fresh.getOrDefault(source, List.of()).isEmpty()
              || (cfg.rebuild() && lh.version(source.bronze) > 0)) // for a rebuild: every source ever delivered
          .toList();
      if (!ingesting.isEmpty()) {
        // Said before the parsing starts: bronze prints nothing until a source's files are written, and the ticker's
        // "still working after: ..." would otherwise name the line before (the demo-key notice) for a minute.
        progress.say("ingest", "%s", ingesting.stream().map(s -> {
          List<ExtractFile> files = fresh.getOrDefault(s, List.of());
          long empty = files.stream().filter(ExtractFile::empty).count();
          long n = files.size() - empty;
          return s.id() + (files.isEmpty() ? " (from bronze)" : " (" + n + (n == 1 ? " file" : " files")
              + (empty > 0 ? ", " + empty + " empty)" : ")"));
        }).collect(Collectors.joining(", ", "into bronze and silver: ", "")));
      }
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

      // ---- gold, then the releases due: whatever is behind silver, whichever run left it behind ----
      Map<String, GoldLedger.Build> built = GoldLedger.load(lh);
      buildGold(lh, calendar(lh, ledger, asOf, due), built);
      ledger.commit(lh); // before publishing: a release names the newest extract it was computed from
      for (ReleasePlan plan : due) {
        PublishJob.publish(lh, plan, progress);
      }
      if (due.isEmpty()) {
        progress.say("publish", "%s is not a release date with a release due (calendar: %s); nothing published",
            asOf, calendar.source());
      }
      // The run's steps after gold are done: recorded last, so a run killed before this point is taken up again.
      built.put(PUBLISH, new GoldLedger.Build(PUBLISH, lh.versions(goldTables()), null, null, runId, Instant.now()));
      GoldLedger.save(lh, built.values());

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

  /**
   * Rows a delivery may hold for its record keys to be broadcast when classifying it ({@link Batch#ofBatchKeys}):
   * a month of any source at scale 10 (crossings: 295 k rows), not a rebuild or a years-long backlog (then silver
   * is shuffled as before, which needs no memory for the keys).
   */
  static final long BROADCAST_BATCH_KEYS_UP_TO = 500_000L;

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
    // The rules and the comparison with silver are most of a first run's minute here: named as they start.
    progress.say("silver", "%s: checking %,d records against the rules and %s", source.id(), read,
        cfg.rebuild() ? "each other" : silverDef.qualifiedName());
    Dataset<Row> evaluated = Batch.narrow(source.conformer.conform(batch, pseudonyms), silverDef.schema());
    boolean byBatchKeys = !cfg.rebuild() && read <= BROADCAST_BATCH_KEYS_UP_TO;
    if (byBatchKeys) {
      // Conformed once: read for its keys (to select the silver rows it can match) and for the classification.
      evaluated = evaluated.persist(StorageLevel.MEMORY_AND_DISK());
      silverNow = Batch.ofBatchKeys(silverNow, evaluated, source.recordKey);
    }
    Dataset<Row> classified = Batch.classify(evaluated, silverNow, source.recordKey)
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> latest = null;
    try {
      Map<String, Long> byClass = new HashMap<>();
      for (Row r : classified.groupBy(Batch.ROW_CLASS).count().collectAsList()) {
        byClass.put(r.getString(0), r.getLong(1));
      }
      if (byBatchKeys) {
        evaluated.unpersist(); // classified holds it now (loaded: Spark does not rebuild it)
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
      progress.say("silver", "%s: merged into %s", source.id(), silverDef.qualifiedName());
      return c;
    } finally {
      if (byBatchKeys) {
        evaluated.unpersist();
      }
      classified.unpersist();
      if (latest != null) {
        latest.unpersist();
      }
    }
  }

  // ---- gold -----------------------------------------------------------------------------------

  /** The key of publication's last build in {@link GoldLedger}: its inputs are the gold tables. */
  static final String PUBLISH = "publish";

  /** Every gold table, in graph order. */
  static List<TableDef> goldTables() {
    return GoldGraph.NODES.stream().map(GoldGraph.Node::table).toList();
  }

  /** Every table a gold table reads (silver, and gold read by other gold). */
  private static List<TableDef> goldInputs() {
    return GoldGraph.NODES.stream().flatMap(n -> n.inputs().stream()).distinct().toList();
  }

  private static Map<String, Long> publishedFrom(Map<String, GoldLedger.Build> built) {
    GoldLedger.Build b = built.get(PUBLISH);
    return b == null ? Map.of() : b.inputVersions();
  }

  /**
   * The run's dates: month ends of each source's extract span plus the as-of dates of earlier successful
   * runs and of this run, and the reference dates of the public releases (those out, and those {@code due} in
   * this run: a month-end release published by a later run, two days after its month end, still shows the year
   * to date ending on its reference date); the overstay observation date; the first day of the net border
   * entries. Every run, and a rebuild, derives the same dates from the same ledgers, so what the run that
   * published a release computed for it is what a later run finds up to date.
   */
  private GoldGraph.Calendar calendar(Lakehouse lh, IngestLedger ledger, LocalDate asOf, List<ReleasePlan> due) {
    TreeSet<LocalDate> asOfDates = new TreeSet<>(RunLedger.succeededAsOfDates(lh));
    asOfDates.add(asOf);
    ReleaseLedger.all(lh).forEach(r -> asOfDates.add(r.referenceDate()));
    due.stream().filter(p -> !p.internal()).forEach(p -> asOfDates.add(p.referenceDate()));
    List<LocalDate> registry = GoldGraph.Calendar.referenceDates(ledger.firstExtract(REGISTRY_SOURCES),
        ledger.lastExtract(REGISTRY_SOURCES), asOfDates);
    List<String> border = List.of(Source.CROSSINGS.id());
    LocalDate borderFirst = ledger.firstExtract(border);
    LocalDate borderLast = ledger.lastExtract(border);
    // Entry months, and the month to date of each as-of date, as for the other flow tables.
    List<LocalDate> entryMonths = borderFirst == null ? List.of()
        : org.migstat.indicators.Borders.entryPeriodEnds(borderFirst, borderLast, asOfDates);
    List<String> cases = List.of(Source.CASES.id());
    return new GoldGraph.Calendar(registry,
        GoldGraph.Calendar.referenceDates(ledger.firstExtract(cases), ledger.lastExtract(cases), asOfDates),
        GoldGraph.Calendar.referenceDates(borderFirst, borderLast, asOfDates), entryMonths, asOfDates,
        borderLast == null ? null : borderLast.isAfter(asOf) ? borderLast : asOf,
        borderFirst == null ? registry.get(0).withDayOfMonth(1) : borderFirst.withDayOfMonth(1),
        ledger.lastExtract(List.of(GlotipImport.SOURCE)), cfg.firstPermitSameReason());
  }

  /** True when no gold table and no publication is behind what they are built from (no change feed read). */
  private boolean upToDate(Lakehouse lh, IngestLedger ledger, LocalDate asOf, List<ReleasePlan> due) {
    Map<String, GoldLedger.Build> built = GoldLedger.load(lh);
    boolean gold = GoldScope.plan(GoldGraph.NODES, built, calendar(lh, ledger, asOf, due), lh.versions(goldInputs()),
        (t, v) -> GoldScope.ALL_DATES, false).values().stream().allMatch(GoldScope.TableScope::isEmpty);
    return gold && publishedFrom(built).equals(lh.versions(goldTables()));
  }

  /**
   * The earliest date silver's changes after a version can move (its change feed: the rows each commit
   * changed, old and new versions); ALL_DATES when the feed does not cover the range — a lakehouse made
   * before silver recorded it (switched on now, for the next runs), or a log cleaned up since.
   */
  private LocalDate changedSince(Lakehouse lh, TableDef silver, long version) {
    Source source = java.util.Arrays.stream(Source.values()).filter(s -> s.silver.equals(silver)).findFirst()
        .orElse(null);
    if (source == null) {
      return GoldScope.ALL_DATES; // silver.glotip: replaced whole by each release
    }
    try {
      Dataset<Row> changes = spark.read().format("delta").option("readChangeFeed", "true")
          .option("startingVersion", version + 1).option("endingVersion", lh.version(silver)).load(lh.path(silver));
      return GoldScope.earliestAffected(source, changes, lh.read(silver));
    } catch (Exception e) { // Delta's AnalysisException: no change data for the range
      progress.say("gold", "%s: no change feed after version %d (%s); its gold tables are recomputed whole",
          silver.qualifiedName(), version, e.getMessage() == null ? e.getClass().getSimpleName()
              : e.getMessage().lines().findFirst().orElse(""));
      lh.enableChangeFeed(silver);
      return GoldScope.ALL_DATES;
    }
  }

  /**
   * Gold, from the graph: each table recomputed for the slices its scope asks for (everything on a first
   * run or a rebuild), level by level — a table that reads gold is computed once the tables it reads are
   * written — then the ledger of what each table is now built from.
   */
  private void buildGold(Lakehouse lh, GoldGraph.Calendar cal, Map<String, GoldLedger.Build> built) {
    Map<GoldGraph.Node, GoldScope.TableScope> plan = GoldScope.plan(GoldGraph.NODES, built, cal,
        lh.versions(goldInputs()), (t, v) -> changedSince(lh, t, v), cfg.rebuild());
    Map<GoldGraph.Node, List<LocalDate>> slices = new LinkedHashMap<>();
    plan.forEach((n, scope) -> slices.put(n, scope.select(n.domain().apply(cal))));
    List<GoldGraph.Node> work = GoldGraph.NODES.stream().filter(n -> !plan.get(n).isEmpty()).toList();
    if (work.isEmpty()) {
      progress.say("gold", "every table is up to date with silver");
    } else {
      progress.say("gold", "recomputing %s", work.stream().map(n -> n.table().name()
          + (plan.get(n).whole() ? "" : " " + plan.get(n))).collect(Collectors.joining(", ")));
    }
    int levels = GoldGraph.NODES.stream().mapToInt(GoldGraph.Node::level).max().orElse(0);
    try {
      for (int level = 0; level <= levels; level++) {
        int l = level;
        writeGold(lh, cal, work.stream().filter(n -> n.level() == l).toList(), plan, slices, built);
      }
    } finally {
      goldReads.values().forEach(Dataset::unpersist); // later stages read silver as it is then, not this copy
      goldReads.clear();
    }
    goldChangedFrom = work.stream().map(n -> plan.get(n).earliest()).reduce(null, GoldScope::min);

    boolean changed = false;
    for (GoldGraph.Node n : GoldGraph.NODES) {
      String name = n.table().qualifiedName();
      GoldLedger.Build last = built.get(name);
      GoldScope.TableScope scope = plan.get(n);
      List<LocalDate> holds = null;
      if (n.slices() != GoldGraph.Slices.WHOLE) {
        TreeSet<LocalDate> all = new TreeSet<>(slices.get(n));
        if (!scope.whole()) {
          all.addAll(last.slices());
        }
        holds = List.copyOf(all);
      }
      GoldLedger.Build now = new GoldLedger.Build(name, lh.versions(n.inputs()), holds, n.parameter().apply(cal),
          scope.isEmpty() ? last.runId() : runId, scope.isEmpty() ? last.builtAt() : Instant.now());
      changed |= last == null || !now.inputVersions().equals(last.inputVersions())
          || !java.util.Objects.equals(now.slices(), last.slices())
          || !java.util.Objects.equals(now.parameter(), last.parameter());
      built.put(name, now);
    }
    if (changed) {
      GoldLedger.save(lh, built.values());
    }
  }

  /** Computes, then writes, the tables of one level: each replaces only the slices it recomputed. */
  private void writeGold(Lakehouse lh, GoldGraph.Calendar cal, List<GoldGraph.Node> nodes,
                         Map<GoldGraph.Node, GoldScope.TableScope> plan, Map<GoldGraph.Node, List<LocalDate>> slices,
                         Map<String, GoldLedger.Build> built) {
    // The tables reading the shared person-date frame last: the frame starts building first, on its own thread,
    // while the pool works through the others.
    List<GoldGraph.Node> toCompute = nodes.stream()
        .filter(n -> n.slices() == GoldGraph.Slices.WHOLE || !slices.get(n).isEmpty())
        .sorted(Comparator.comparing(SharedPersonDates::reads)).toList();
    List<Dataset<Row>> kept = java.util.Collections.synchronizedList(new ArrayList<>());
    Map<GoldGraph.Node, Map<String, Long>> readFrom = new java.util.concurrent.ConcurrentHashMap<>();
    // A table that goes by difference reads silver for its changed persons only; the frame covers its new
    // slices alone (should the difference fail, it recomputes from its own inputs).
    java.util.function.Predicate<GoldGraph.Node> mayGoByDifference = n -> {
      GoldLedger.Build last = built.get(n.table().qualifiedName());
      return goldByDifference && n.additive() != null && !plan.get(n).whole() && last != null
          && last.slices() != null;
    };
    List<LocalDate> personDates = toCompute.stream().filter(SharedPersonDates::reads)
        .flatMap(n -> slices.get(n).stream().filter(d -> !mayGoByDifference.test(n)
            || !built.get(n.table().qualifiedName()).slices().contains(d)))
        .distinct().sorted().toList();
    Map<List<Object>, List<String>> changedPersons = new java.util.concurrent.ConcurrentHashMap<>();
    if (!personDates.isEmpty()) { // the longest step of gold, and otherwise silent: named as it starts
      progress.say("gold", "residents and permit holders on %d reference dates (%s .. %s), once for the stock tables",
          personDates.size(), personDates.get(0), personDates.get(personDates.size() - 1));
    }
    try (SharedPersonDates shared = new SharedPersonDates(spark, lh.read(Tables.SILVER_RESIDENTS),
        lh.read(Tables.SILVER_PERMITS), personDates).start()) {
      // Compute every table of the level before its first write, so a failing computation leaves them untouched.
      List<Dataset<Row>> computed = Concurrently.map(toCompute, n -> {
        readFrom.put(n, lh.versions(n.inputs())); // nothing else writes silver or gold meanwhile (the run lock)
        GoldLedger.Build last = built.get(n.table().qualifiedName());
        Dataset<Row> done = null;
        boolean byDifference = mayGoByDifference.test(n);
        if (byDifference) {
          done = byDifference(lh, n, cal, slices.get(n), last, readFrom.get(n), kept, changedPersons,
              SharedPersonDates.reads(n) ? shared.inputs(tables(lh, n)) : inputs(lh, n));
        }
        if (done == null) {
          GoldGraph.Inputs in = SharedPersonDates.reads(n) && !byDifference ? shared.inputs(tables(lh, n))
              : inputs(lh, n);
          done = keep(kept, stamped(n.builder().build(in, n.slices().frame(spark, slices.get(n)), cal), n.table()));
        }
        long count = done.count();
        progress.say("gold", "%s: %,d rows computed", n.table().qualifiedName(), count);
        return count == 0 && lh.version(n.table()) == 0
            ? null // a source this lakehouse never received: the table stays as created, no empty commit
            : done;
      });
      List<Integer> toWrite = java.util.stream.IntStream.range(0, toCompute.size())
          .filter(i -> computed.get(i) != null).boxed().toList();
      Concurrently.forEach(toWrite, i -> {
        GoldGraph.Node n = toCompute.get(i);
        var writer = computed.get(i).coalesce(1).write().format("delta").mode("overwrite")
            .option("userMetadata", GoldBase.metadata(readFrom.get(n)));
        String where = plan.get(n).predicate(n.slices().column);
        if (where != null) {
          writer.option("replaceWhere", where);
        }
        writer.save(lh.path(n.table()));
        progress.say("gold", "%s: written", n.table().qualifiedName());
      });
    } finally {
      kept.forEach(Dataset::unpersist);
    }
  }

  /**
   * Small silver tables that gold's builders scan many times: read once a run and cached, so each scan is an
   * in-memory one instead of a Delta file listing (a Spark job each; in the samples' daily run 95 of gold's 370
   * jobs listed silver.cases' three files — case_profile alone unions eight projections of it). Five tables read
   * silver.cases; the embassy register is scanned once (source_comparison), so caching it only adds a copy. The
   * registries are read through the shared person-date frame; crossings are too large to hold at scale 10.
   */
  static final Set<TableDef> CACHED_FOR_GOLD = Set.of(CaseTables.SILVER_CASES);

  /** The tables of {@link #CACHED_FOR_GOLD} as this run's gold reads them (silver does not change during gold). */
  private final Map<TableDef, Dataset<Row>> goldReads = new java.util.concurrent.ConcurrentHashMap<>();

  private Map<TableDef, Dataset<Row>> tables(Lakehouse lh, GoldGraph.Node n) {
    Map<TableDef, Dataset<Row>> in = new LinkedHashMap<>();
    n.inputs().forEach(t -> in.put(t, CACHED_FOR_GOLD.contains(t)
        ? goldReads.computeIfAbsent(t, k -> lh.read(k).persist(StorageLevel.MEMORY_AND_DISK()))
        : lh.read(t)));
    return in;
  }

  private GoldGraph.Inputs inputs(Lakehouse lh, GoldGraph.Node n) {
    return GoldGraph.Inputs.of(tables(lh, n));
  }

  private Dataset<Row> stamped(Dataset<Row> rows, TableDef t) {
    return Lakehouse.conformTo(rows.withColumn("definition_version", lit(Definitions.VERSION))
        .withColumn("run_id", lit(runId)), t);
  }

  /**
   * A sum-over-persons table ({@link GoldGraph.Additive}) brought up to date by difference: the slices it
   * already holds become their rows now, less what the persons changed in silver since the table was written
   * contributed at the silver versions it was written from, plus what they contribute now; new slices are
   * computed in full. The table's last commit names those versions ({@link GoldBase}), so a run killed between
   * writing gold and the ledger is still subtracted from the right base. Null when the difference cannot be
   * taken (a table written before its commits named their inputs, a change feed or a version no longer
   * readable, or a result with a negative count, which only an inconsistent base could give): the caller
   * recomputes the slices instead.
   */
  private Dataset<Row> byDifference(Lakehouse lh, GoldGraph.Node n, GoldGraph.Calendar cal, List<LocalDate> slices,
                                    GoldLedger.Build last, Map<String, Long> now, List<Dataset<Row>> kept,
                                    Map<List<Object>, List<String>> changedPersons, GoldGraph.Inputs forAdded) {
    List<LocalDate> held = slices.stream().filter(last.slices()::contains).toList();
    List<LocalDate> added = slices.stream().filter(d -> !last.slices().contains(d)).toList();
    Map<String, Long> base = GoldBase.of(lh, n.table());
    if (held.isEmpty() || base == null || !base.keySet().containsAll(now.keySet())) {
      return null;
    }
    try {
      // Tables of the same inputs written from the same versions share one reading of the change feed.
      List<String> changed = changedPersons.computeIfAbsent(List.of(n.inputs(), base, now),
          k -> GoldBase.changedPersons(lh, n.inputs(), base, now));
      Dataset<Row> persons = broadcast(spark.createDataset(changed, org.apache.spark.sql.Encoders.STRING())
          .toDF("person_id"));
      Map<TableDef, Dataset<Row>> then = new LinkedHashMap<>();
      Map<TableDef, Dataset<Row>> current = new LinkedHashMap<>();
      for (TableDef t : n.inputs()) {
        then.put(t, spark.read().format("delta").option("versionAsOf", base.get(t.qualifiedName())).load(lh.path(t))
            .join(persons, new String[] {"person_id"}, "left_semi"));
        current.put(t, lh.read(t).join(persons, new String[] {"person_id"}, "left_semi"));
      }
      GoldGraph.Additive a = n.additive();
      List<String> keys = a.keys(n.table());
      Dataset<Row> frame = n.slices().frame(spark, held);
      Column[] plus = java.util.stream.Stream.concat(keys.stream().map(functions::col),
          a.measures().stream().map(functions::col)).toArray(Column[]::new);
      Column[] minus = java.util.stream.Stream.concat(keys.stream().map(functions::col),
          a.measures().stream().map(m -> negate(col(m)).as(m))).toArray(Column[]::new);
      Dataset<Row> heldRows = lh.read(n.table()).filter(col(n.slices().column)
          .isin(held.stream().map(Date::valueOf).toArray()));
      Column nonZero = a.measures().stream().map(m -> col(m).notEqual(0)).reduce(Column::or).orElseThrow();
      Column negative = a.measures().stream().map(m -> col(m).lt(0)).reduce(Column::or).orElseThrow();
      Dataset<Row> summed = heldRows.select(plus)
          .unionByName(n.builder().build(GoldGraph.Inputs.of(current), frame, cal).select(plus))
          .unionByName(n.builder().build(GoldGraph.Inputs.of(then), frame, cal).select(minus))
          .groupBy(keys.stream().map(functions::col).toArray(Column[]::new))
          .agg(sum(a.measures().get(0)).as(a.measures().get(0)), a.measures().stream().skip(1)
              .map(m -> sum(m).as(m)).toArray(Column[]::new))
          .filter(nonZero);
      Dataset<Row> rows = keep(kept, stamped(a.derive().apply(summed), n.table()));
      long wrong = rows.filter(negative).count();
      if (wrong > 0) {
        progress.say("gold", "%s: %,d groups would fall below zero by difference; its slices are recomputed",
            n.table().qualifiedName(), wrong);
        return null;
      }
      progress.say("gold", "%s: %d slices by difference over %,d changed persons, %d new", n.table().qualifiedName(),
          held.size(), changed.size(), added.size());
      if (added.isEmpty()) {
        return rows;
      }
      return keep(kept, rows.unionByName(stamped(n.builder().build(forAdded, n.slices().frame(spark, added), cal),
          n.table())));
    } catch (Exception e) { // Delta's AnalysisException: a version or change feed no longer readable
      progress.say("gold", "%s: cannot take the difference (%s); its slices are recomputed", n.table().qualifiedName(),
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse(""));
      return null;
    }
  }

  private static Dataset<Row> keep(List<Dataset<Row>> kept, Dataset<Row> frame) {
    Dataset<Row> p = frame.persist(StorageLevel.MEMORY_AND_DISK());
    kept.add(p);
    return p;
  }

  /**
   * The earliest gold slice this run rewrote — what publication has to look at again: null when gold did not
   * change, {@code LocalDate.MIN} for everything (a table rebuilt whole, or a publication left behind).
   */
  public LocalDate goldChangedFrom() {
    return goldChangedFrom;
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
