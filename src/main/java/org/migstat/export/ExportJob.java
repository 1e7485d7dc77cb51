package org.migstat.export;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.migstat.catalog.Dimension;
import org.migstat.catalog.Indicator;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.catalog.TableDef;
import org.migstat.catalog.Tables;
import org.migstat.catalog.Text;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.publish.ReleaseLedger;
import org.migstat.publish.ReleaseRecord;

/**
 * Exports a release: the offline dashboard for policymakers ({@code dashboard/index.html}) and the report files
 * for statisticians ({@code data/}). Reads only the publish layer ({@code publish.<indicator>}), the run ledger
 * ({@code ops.runs}, for the build stamp and whether the data are synthetic) and the catalogue — never gold, and of
 * silver only the pseudonymisation key's version when the ledger predates its {@code synthetic} column ({@link
 * DataOrigin}).
 *
 * <p>The build stamp is the last {@code succeeded} run (preferring one whose as-of is the requested date); each
 * publish table is read at the Delta version that run recorded in {@code output_versions} (the current version
 * when the run did not record it), so a later failed run cannot leak half-written tables into a release. Cells
 * whose period starts after the as-of date are left out. Files are written to a temporary folder first and then
 * replace {@code data/} and {@code dashboard/} as a whole (only folders an earlier export wrote).
 */
public final class ExportJob {
  private ExportJob() {}

  static final String MANIFEST = "manifest.json";
  static final String GENERATOR = "migstat export";
  private static final int READ_THREADS = 3;

  /**
   * Which release to export.
   *
   * @param releaseId        a release by id ({@code ops.releases}, or {@code internal-<date>})
   * @param asOf             the release (or internal view) of a reference date
   * @param fallbackToLatest export the latest public release when {@code asOf} has none (after a daily run)
   */
  public record Selection(String releaseId, LocalDate asOf, boolean fallbackToLatest) {
    public static Selection latest() {
      return new Selection(null, null, false);
    }

    public static Selection release(String id) {
      return new Selection(id, null, false);
    }

    public static Selection asOf(LocalDate date) {
      return date == null ? latest() : new Selection(null, date, false);
    }

    public static Selection asOfOrLatest(LocalDate date) {
      return new Selection(null, date, true);
    }
  }

  /** A release that does not exist; the message names the nearest ones. */
  public static final class NoSuchRelease extends IllegalStateException {
    NoSuchRelease(String message) {
      super(message);
    }
  }

  /** The release of {@code asOf} (null: the latest public release). */
  public static ExportResult export(SparkSession spark, String lakehouseRoot, LocalDate asOf, Path outDir) {
    return exportRelease(spark, lakehouseRoot, Selection.asOf(asOf), outDir);
  }

  public static ExportResult exportRelease(SparkSession spark, String lakehouseRoot, Selection selection,
                                           Path outDir) {
    Instant generatedAt = Instant.now();
    long t0 = System.nanoTime();
    for (String sub : List.of("data", "dashboard")) { // fail before any work, not after it
      try {
        if (Files.exists(outDir.resolve(sub)) && !writtenByExport(outDir.resolve(sub))) {
          throw new IllegalStateException("refusing to replace " + outDir.resolve(sub)
              + ": it was not written by `migstat export`; choose another --out folder");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Lakehouse lh = new Lakehouse(spark, lakehouseRoot);
    BuildStamp stamp = lh.exists(Tables.RELEASES) ? releaseStamp(lh, selection, generatedAt)
        : readStamp(lh, selection.asOf(), generatedAt);
    List<PublishedTable> tables = readTables(lh, stamp);
    DataOrigin origin = DataOrigin.read(lh, stamp.runId());
    long t1 = System.nanoTime();

    Path tmp = null;
    try {
      Files.createDirectories(outDir);
      removeAbandoned(outDir);
      tmp = Files.createDirectory(outDir.resolve(TMP_PREFIX + ProcessHandle.current().pid() + "-" + UUID.randomUUID()));
      Path data = Files.createDirectories(tmp.resolve("data"));
      Path dash = Files.createDirectories(tmp.resolve("dashboard"));

      Map<String, Map<String, Text>> labels = Labels.resolve(codesByDimension(tables));
      for (PublishedTable t : tables) {
        if (t.available()) {
          DataFiles.writeCsv(t, data.resolve(stamp.fileName(t.indicator().id(), ".csv")));
          DataFiles.writeSdmx(t, stamp, origin, data.resolve("sdmx").resolve(stamp.fileName(t.indicator().id(), ".csv")));
        }
      }
      String workbook = DataFiles.WORKBOOK;
      int dot = workbook.lastIndexOf('.');
      Path xlsx = data.resolve(stamp.fileName(workbook.substring(0, dot), workbook.substring(dot)));
      DataFiles.writeXlsx(tables, stamp, origin, labels, xlsx);
      fixZipTimes(xlsx);
      DataFiles.writeCatalog(data.resolve(stamp.fileName("catalog", ".json")));
      if (stamp.releaseId() != null) {
        writeRevisions(lh, stamp, tables, data.resolve("revisions"));
      }
      long t2 = System.nanoTime();

      List<Headlines.Tile> tiles = Headlines.compute(tables, stamp.asOf());
      Dashboard.write(dash.resolve(stamp.fileName("index", ".html")), Dashboard.model(tables, stamp, origin, labels, tiles));
      long t3 = System.nanoTime();

      writeManifest(data, stamp, origin, tables, tmp);
      // The dashboard first, data/ (with its manifest) last: a manifest naming this release is there only once the
      // whole export is (isCurrent), whenever the export is killed.
      replaceDir(outDir.resolve("dashboard"), dash, tmp.resolve("replaced-dashboard"));
      replaceDir(outDir.resolve("data"), data, tmp.resolve("replaced-data"));

      Map<String, Long> files = new LinkedHashMap<>();
      long total = 0;
      for (Path dir : List.of(outDir.resolve("dashboard"), outDir.resolve("data"))) {
        try (Stream<Path> s = Files.walk(dir)) {
          for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
            long size = Files.size(p);
            files.put(outDir.relativize(p).toString().replace('\\', '/'), size);
            total += size;
          }
        }
      }
      Map<String, Long> versions = new LinkedHashMap<>();
      Map<String, Long> rows = new LinkedHashMap<>();
      List<String> missing = new ArrayList<>();
      for (PublishedTable t : tables) {
        versions.put(t.table(), t.version());
        rows.put(t.table(), (long) t.cells().size());
        if (!t.available()) {
          missing.add(t.table());
        }
      }
      Path index = outDir.resolve("dashboard").resolve(stamp.fileName("index", ".html"));
      long t4 = System.nanoTime();
      return new ExportResult(outDir, stamp.asOf(), stamp.runId(), versions, rows, missing, index, Files.size(index),
          files, total, Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1), Duration.ofNanos(t3 - t2),
          Duration.ofNanos(t4 - t0));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the export to " + outDir + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        deleteRecursively(tmp);
      }
    }
  }

  /** The working folder of an export in progress, inside the --out folder: the prefix, the process id, a UUID. */
  static final String TMP_PREFIX = ".migstat-export-";

  /**
   * Deletes the working folders of exports whose process is gone (killed before its finally block ran) and those
   * of older versions, which carried no process id: a killed export would otherwise leave a hidden copy of a
   * release in the folder people open. A folder of a live process on this machine is another export at work and
   * is left alone.
   */
  static void removeAbandoned(Path outDir) throws IOException {
    List<Path> abandoned;
    try (Stream<Path> s = Files.list(outDir)) {
      abandoned = s.filter(p -> p.getFileName().toString().startsWith(TMP_PREFIX) && Files.isDirectory(p))
          .filter(p -> {
            String rest = p.getFileName().toString().substring(TMP_PREFIX.length());
            int dash = rest.indexOf('-');
            if (dash <= 0 || !rest.substring(0, dash).chars().allMatch(Character::isDigit)) {
              return true; // an older version's folder: no process id
            }
            try {
              return ProcessHandle.of(Long.parseLong(rest.substring(0, dash))).map(h -> !h.isAlive()).orElse(true);
            } catch (NumberFormatException e) {
              return true;
            }
          }).toList();
    }
    abandoned.forEach(ExportJob::deleteRecursively);
  }

  // ---- reading ----------------------------------------------------------------------------------

  /** The last succeeded run (preferring one of the requested as-of date). */
  static BuildStamp readStamp(Lakehouse lh, LocalDate asOf, Instant generatedAt) {
    String runs = lh.path(Tables.RUNS);
    if (!DeltaTable.isDeltaTable(lh.spark(), runs)) {
      throw new IllegalStateException("no run ledger at " + runs + ": run `migstat run` before exporting");
    }
    List<Row> rows = new ArrayList<>(lh.read(Tables.RUNS).filter(col("status").equalTo("succeeded"))
        .select("run_id", "as_of", "ended_at", "started_at", "output_versions").collectAsList());
    if (rows.isEmpty()) {
      throw new IllegalStateException("no succeeded run in " + runs + ": nothing has been published yet");
    }
    Comparator<Row> latest = Comparator.comparing((Row r) -> (Timestamp) r.get(2), Comparator.nullsLast(Comparator.reverseOrder()))
        .thenComparing(r -> (Timestamp) r.get(3), Comparator.nullsLast(Comparator.reverseOrder()));
    rows.sort(latest);
    Row run = rows.get(0);
    if (asOf != null) {
      run = rows.stream().filter(r -> r.get(1) != null && asOf.equals(toLocalDate(r.get(1)))).findFirst().orElse(run);
    }
    LocalDate runAsOf = toLocalDate(run.get(1));
    LocalDate ref = asOf != null ? asOf : runAsOf;
    if (ref == null) {
      throw new IllegalStateException("run " + run.getString(0) + " has no as-of date: give --as-of");
    }
    Map<String, Long> versions = new LinkedHashMap<>();
    if (!run.isNullAt(4)) {
      Map<Object, Object> m = run.getJavaMap(4);
      m.forEach((k, v) -> versions.put(String.valueOf(k), v == null ? null : ((Number) v).longValue()));
    }
    Timestamp ended = (Timestamp) run.get(2);
    return new BuildStamp(ref, run.getString(0), runAsOf, ended == null ? null : ended.toInstant(), versions,
        generatedAt, null, false, null);
  }

  /**
   * The stamp of the selected release. A public release is stamped with its publication time (not the export's), so
   * that exporting it again, now or later, gives the same files byte for byte.
   */
  static BuildStamp releaseStamp(Lakehouse lh, Selection sel, Instant generatedAt) {
    List<ReleaseRecord> all = ReleaseLedger.all(lh);
    ReleaseRecord rec = null;
    String internal = null;
    if (sel.releaseId() != null) {
      rec = all.stream().filter(r -> r.releaseId().equals(sel.releaseId())).findFirst().orElse(null);
      if (rec == null && ReleaseRecord.isInternal(sel.releaseId())) {
        LocalDate d = LocalDate.parse(sel.releaseId().substring(ReleaseRecord.INTERNAL_PREFIX.length()));
        internal = ReleaseLedger.hasInternalView(lh, d) ? sel.releaseId() : null;
      }
      if (rec == null && internal == null) {
        throw new NoSuchRelease("there is no release " + sel.releaseId() + "; the releases are: "
            + (all.isEmpty() ? "none yet" : String.join(", ", all.stream().map(ReleaseRecord::releaseId).toList())));
      }
    } else if (sel.asOf() != null) {
      LocalDate d = sel.asOf();
      rec = all.stream().filter(r -> r.referenceDate().equals(d)).reduce((a, b) -> b).orElse(null);
      if (rec == null && ReleaseLedger.hasInternalView(lh, d)) {
        internal = ReleaseRecord.internalId(d);
      }
      if (rec == null && internal == null) {
        if (sel.fallbackToLatest() && !all.isEmpty()) {
          rec = all.get(all.size() - 1);
        } else {
          List<ReleaseRecord> near = ReleaseLedger.nearest(lh, d);
          throw new NoSuchRelease("there is no release with reference date " + d + (near.isEmpty()
              ? " and no public release yet: run `migstat run` on a release-calendar date first"
              : "; the nearest: " + String.join(" and ", near.stream().map(r -> r.releaseId()
                  + (r.referenceDate().isBefore(d) ? " (before)" : " (after)")).toList())
                  + " (bin/migstat export --release ID)"));
        }
      }
    } else if (!all.isEmpty()) {
      rec = all.get(all.size() - 1);
    } else {
      throw new NoSuchRelease("no public release yet in " + lh.path(Tables.RELEASES)
          + ": run `migstat run` on a release-calendar date first (an internal view: export --as-of DATE)");
    }
    if (rec != null) {
      return new BuildStamp(rec.referenceDate(), rec.runId(), rec.referenceDate(), rec.publishedAt(),
          rec.outputVersions(), rec.publishedAt(), rec.releaseId(), false, rec.dataCutoff());
    }
    LocalDate d = LocalDate.parse(internal.substring(ReleaseRecord.INTERNAL_PREFIX.length()));
    return new BuildStamp(d, internalRunId(lh, internal), d, null, Map.of(), generatedAt, internal, true,
        org.migstat.publish.PublishJob.dataCutoff(lh));
  }

  private static String internalRunId(Lakehouse lh, String releaseId) {
    Indicator first = IndicatorCatalog.INDICATORS.get(0);
    List<Row> r = ReleaseLedger.rows(lh, first, releaseId).select("run_id").limit(1).collectAsList();
    return r.isEmpty() ? null : r.get(0).getString(0);
  }

  /**
   * Every catalogue indicator's publish table, in catalogue order. The tables are small; what costs is Spark's
   * per-query overhead (Delta log replay, planning), so a few are read at once.
   */
  static List<PublishedTable> readTables(Lakehouse lh, BuildStamp stamp) {
    ExecutorService pool = Executors.newFixedThreadPool(READ_THREADS, r -> {
      Thread t = new Thread(r, "migstat-export-read");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<PublishedTable>> futures = new ArrayList<>();
      for (Indicator ind : IndicatorCatalog.INDICATORS) {
        futures.add(pool.submit(() -> readTable(lh, ind, stamp)));
      }
      List<PublishedTable> tables = new ArrayList<>();
      for (Future<PublishedTable> f : futures) {
        tables.add(f.get());
      }
      return tables;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("cannot read the publish tables: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the publish tables", e);
    } finally {
      pool.shutdownNow();
    }
  }

  static PublishedTable readTable(Lakehouse lh, Indicator ind, BuildStamp stamp) {
    TableDef def = IndicatorCatalog.publishTable(ind);
    String path = lh.path(def);
    if (!lh.exists(def)) {
      return new PublishedTable(ind, path, -1, false, List.of());
    }
    // Read the version the run (or release) recorded; fall back to the latest one when it did not record it (or it is
    // gone: a release's rows are kept, so they are still there).
    Long recorded = stamp.outputVersions().get(def.qualifiedName());
    Dataset<Row> df = null;
    long version = -1;
    boolean pinned = false;
    if (recorded != null && recorded >= 0) {
      try {
        df = lh.spark().read().format("delta").option("versionAsOf", recorded).load(path);
        df.schema(); // resolves the snapshot now, so a missing version fails here
        version = recorded;
        pinned = true;
      } catch (RuntimeException e) {
        df = null; // version not found (never written here, or expired): use the latest and say so in the stamp
      }
    }
    if (df == null) {
      version = lh.version(def);
      df = lh.spark().read().format("delta").option("versionAsOf", version).load(path);
      if (stamp.releaseId() != null && recorded != null && recorded >= 0) {
        version = recorded; // the release's rows as they were written: the version that wrote them, as the stamp says
        pinned = true;
      }
    }
    if (stamp.releaseId() != null) {
      if (!Set.of(df.columns()).contains("release_id")) {
        return new PublishedTable(ind, path, -1, false, List.of());
      }
      df = df.filter(col("release_id").equalTo(stamp.releaseId()));
    }
    List<String> cols = DataFiles.columns(ind);
    Set<String> have = Set.of(df.columns());
    for (String c : List.of("release_id", "reference_date")) {
      if (!have.contains(c)) { // a publish table from before releases were kept
        df = df.withColumn(c, org.apache.spark.sql.functions.lit(null).cast(c.equals("release_id") ? "string" : "date"));
      }
    }
    have = Set.of(df.columns());
    for (String c : cols) {
      if (!have.contains(c)) {
        throw new IllegalStateException(def.qualifiedName() + " has no column " + c
            + ": publish tables must follow IndicatorCatalog.publishDdl(" + ind.id() + ")");
      }
    }
    df = df.select(cols.stream().map(Column::new).toArray(Column[]::new))
        .filter(col("period_start").isNull().or(col("period_start").leq(java.sql.Date.valueOf(stamp.asOf()))));
    int nd = ind.dimensions().size();
    List<PublishedCell> cells = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      List<String> dims = new ArrayList<>(nd);
      for (int i = 0; i < nd; i++) {
        dims.add(r.isNullAt(4 + i) ? "" : r.getString(4 + i));
      }
      Object v = r.get(5 + nd);
      cells.add(new PublishedCell(r.getString(0), r.getString(1), toLocalDate(r.get(2)), toLocalDate(r.get(3)),
          List.copyOf(dims), r.getString(4 + nd), v == null ? null : ((Number) v).doubleValue(),
          blankToNull(r.getString(6 + nd)), r.getString(7 + nd), r.getString(8 + nd), r.getString(9 + nd),
          toLocalDate(r.get(10 + nd))));
    }
    cells.sort(cellOrder(ind));
    return new PublishedTable(ind, path, version, pinned, List.copyOf(cells));
  }

  /** Periods oldest first; totals before their breakdowns; measures in catalogue order. */
  static Comparator<PublishedCell> cellOrder(Indicator ind) {
    Comparator<String> code = Comparator.comparing((String c) -> !Dimension.TOTAL.equals(c))
        .thenComparing(Comparator.naturalOrder());
    Comparator<PublishedCell> byDims = (a, b) -> {
      for (int i = 0; i < a.dims().size(); i++) {
        int c = code.compare(a.dims().get(i), b.dims().get(i));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    };
    return Comparator.comparing(PublishedCell::periodStart, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(PublishedCell::periodEnd, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(c -> String.valueOf(c.timePeriod()))
        .thenComparing(byDims)
        .thenComparing(c -> {
          int i = ind.measures().indexOf(c.measure());
          return i < 0 ? Integer.MAX_VALUE : i;
        })
        .thenComparing(c -> String.valueOf(c.measure()));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  static LocalDate toLocalDate(Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (o instanceof LocalDate d) {
      return d;
    }
    return LocalDate.parse(o.toString());
  }

  static Map<String, Set<String>> codesByDimension(List<PublishedTable> tables) {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    for (PublishedTable t : tables) {
      for (String d : t.indicator().dimensions()) {
        m.computeIfAbsent(d, k -> new LinkedHashSet<>()).addAll(t.codes(d));
      }
    }
    return m;
  }

  // ---- writing ----------------------------------------------------------------------------------

  /**
   * The revision triangle of each indicator ({@code revisions/<indicator>.csv}): every cell revised at least once up
   * to this release, one column per vintage (release id, oldest first) holding the value it published, or its flag
   * when hidden. Only releases up to this one are read, so an earlier release's triangle never changes.
   */
  static void writeRevisions(Lakehouse lh, BuildStamp stamp, List<PublishedTable> tables, Path dir) throws IOException {
    List<String> vintages = new ArrayList<>();
    for (ReleaseRecord r : ReleaseLedger.all(lh)) {
      if (!r.referenceDate().isAfter(stamp.asOf()) && !r.releaseId().equals(stamp.releaseId())) {
        vintages.add(r.releaseId());
      }
    }
    vintages.add(stamp.releaseId()); // this release last (an internal view after the public releases up to its date)
    for (PublishedTable t : tables) {
      if (!t.available()) {
        continue;
      }
      Indicator ind = t.indicator();
      List<org.migstat.publish.Revisions.Vintages> triangle = org.migstat.publish.Revisions.triangle(vintages,
          ReleaseLedger.revisedCells(lh, ind, vintages));
      try (CsvOut csv = new CsvOut(dir.resolve(stamp.fileName(ind.id(), ".csv")))) {
        csv.text("time_period").texts(ind.dimensions()).text("measure").texts(vintages).endRow();
        for (org.migstat.publish.Revisions.Vintages v : triangle) {
          csv.text(v.key().timePeriod()).texts(v.key().coords()).text(v.key().measure());
          for (String id : vintages) {
            org.migstat.publish.PublishedRow r = v.byRelease().get(id);
            if (r == null || r.value() == null) {
              csv.text(r == null ? null : r.flag());
            } else {
              csv.number(r.value());
            }
          }
          csv.endRow();
        }
      }
    }
  }

  private static void writeManifest(Path data, BuildStamp stamp, DataOrigin origin, List<PublishedTable> tables,
                                    Path root) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generator", GENERATOR);
    m.put("synthetic", origin.synthetic());
    if (origin.synthetic()) {
      m.put("notice", Map.of("en", DataOrigin.NOTICE.en(), "id", DataOrigin.NOTICE.id()));
    }
    m.put("synthetic_evidence", origin.evidence());
    m.put("as_of", stamp.asOf().toString());
    m.put("run_id", stamp.runId());
    m.put("run_as_of", stamp.runAsOf() == null ? null : stamp.runAsOf().toString());
    m.put("run_ended_at", stamp.runEndedAt() == null ? null : stamp.runEndedAt().toString());
    m.put("generated_at", stamp.generatedAt().toString());
    m.put("output_versions", new java.util.TreeMap<>(stamp.outputVersions())); // the versions it was exported from
    if (stamp.releaseId() != null) {
      m.put("release_id", stamp.releaseId());
      m.put("release", stamp.internal() ? BuildStamp.INTERNAL_NOTICE : "public release");
      m.put("data_cutoff", stamp.dataCutoff() == null ? null : stamp.dataCutoff().toString());
    }
    List<Map<String, Object>> tl = new ArrayList<>();
    for (PublishedTable t : tables) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("table", t.table());
      e.put("delta_version", t.version());
      e.put("pinned_to_run", t.pinned());
      e.put("cells", t.cells().size());
      tl.add(e);
    }
    m.put("tables", tl);
    List<Map<String, Object>> fl = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("path", root.relativize(p).toString().replace('\\', '/'));
        e.put("bytes", Files.size(p));
        e.put("sha256", sha256(p));
        fl.add(e);
      }
    }
    m.put("files", fl);
    Files.writeString(data.resolve(MANIFEST),
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m), StandardCharsets.UTF_8);
  }

  /**
   * Rewrites a zip (the XLSX) with every entry dated 1980-01-01, in its order and with its bytes: the zip library
   * dates entries with the clock, which would make two exports of one release differ.
   */
  static void fixZipTimes(Path zip) throws IOException {
    Path tmp = zip.resolveSibling(zip.getFileName() + ".tmp");
    try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(zip.toFile());
         java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(tmp))) {
      for (java.util.zip.ZipEntry e : java.util.Collections.list(in.entries())) {
        java.util.zip.ZipEntry copy = new java.util.zip.ZipEntry(e.getName());
        copy.setTimeLocal(java.time.LocalDateTime.of(1980, 1, 1, 0, 0));
        out.putNextEntry(copy);
        try (InputStream data = in.getInputStream(e)) {
          data.transferTo(out);
        }
        out.closeEntry();
      }
    }
    Files.move(tmp, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static String sha256(Path p) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(p), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Replaces a folder an earlier export wrote (or an empty one); refuses to delete anything else. The old folder is
   * moved aside whole (into the export's temporary folder, deleted at the end) rather than deleted file by file, so a
   * killed export leaves either the old folder or the new one, never a half-deleted one.
   */
  private static void replaceDir(Path target, Path fresh, Path aside) throws IOException {
    if (Files.exists(target)) {
      if (!writtenByExport(target)) {
        throw new IllegalStateException("refusing to replace " + target
            + ": it was not written by `migstat export`; choose another --out folder");
      }
      Files.move(target, aside);
    }
    Files.move(fresh, target);
  }

  /**
   * Whether {@code outDir} holds a complete export of what {@code selection} selects now: {@code data/manifest.json}
   * (moved into place last, with data/) names the same release, reference date, run and publish-table versions, and
   * every file it lists is there with its size. False when an export was killed before it completed, when the folder
   * holds another release (or an older run's view), or when the selection resolves to nothing (exporting then says
   * why). What {@code migstat run} asks before it skips the export after a run that committed nothing.
   */
  public static boolean isCurrent(SparkSession spark, String lakehouseRoot, Selection selection, Path outDir) {
    Path manifest = outDir.resolve("data").resolve(MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      return false;
    }
    BuildStamp stamp;
    try {
      Lakehouse lh = new Lakehouse(spark, lakehouseRoot);
      stamp = lh.exists(Tables.RELEASES) ? releaseStamp(lh, selection, Instant.now())
          : readStamp(lh, selection.asOf(), Instant.now());
    } catch (IllegalStateException e) {
      return false;
    }
    try {
      com.fasterxml.jackson.databind.JsonNode m = new ObjectMapper().readTree(manifest.toFile());
      Map<String, Long> versions = new java.util.TreeMap<>();
      m.path("output_versions").fields().forEachRemaining(e -> versions.put(e.getKey(),
          e.getValue().isNull() ? null : e.getValue().asLong()));
      boolean same = GENERATOR.equals(m.path("generator").asText(null))
          && java.util.Objects.equals(stamp.releaseId(), m.path("release_id").asText(null))
          && stamp.asOf().toString().equals(m.path("as_of").asText(null))
          && java.util.Objects.equals(stamp.runId(), m.path("run_id").asText(null))
          && m.has("output_versions") && new java.util.TreeMap<>(stamp.outputVersions()).equals(versions)
          && Files.isRegularFile(outDir.resolve("dashboard").resolve(stamp.fileName("index", ".html")));
      if (!same) {
        return false;
      }
      for (com.fasterxml.jackson.databind.JsonNode f : m.path("files")) {
        Path p = outDir.resolve(f.path("path").asText());
        if (!Files.isRegularFile(p) || Files.size(p) != f.path("bytes").asLong(-1)) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false; // an unreadable manifest: export again
    }
  }

  private static boolean writtenByExport(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(dir)) {
      if (s.findAny().isEmpty()) {
        return true;
      }
    }
    Path manifest = dir.resolve(MANIFEST);
    if (Files.isRegularFile(manifest) && Files.readString(manifest).contains("\"" + GENERATOR + "\"")) {
      return true;
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> files = s.toList();
      Path index = files.size() == 1 ? files.get(0) : null; // index.html, or an internal view's marked one
      return index != null && Files.isRegularFile(index) && index.getFileName().toString().startsWith("index")
          && index.getFileName().toString().endsWith(".html")
          && Files.readString(index).contains("content=\"" + GENERATOR + "\"");
    }
  }

  private static void deleteRecursively(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
