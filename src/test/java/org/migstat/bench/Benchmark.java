package org.migstat.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.migstat.catalog.Tables;
import org.migstat.generate.SampleGenerator;
import org.migstat.ingest.Source;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.lakehouse.Sessions;
import org.migstat.pipeline.Progress;
import org.migstat.pipeline.RunConfig;
import org.migstat.pipeline.RunJob;

/**
 * The benchmark that prints figures (never a timed test). On generated extracts at a scale factor:
 *
 * <ol>
 *   <li>the first run over the history (everything delivered before the last month), cold;
 *   <li>the daily run: the last month's files arrive, only the gold dates they can move are recomputed;
 *   <li>a run with nothing new;
 *   <li>side by side with DuckDB on the same machine: the coverage table (residents and residents
 *       holding a valid permit, by citizenship, on every month end) computed by Spark and by DuckDB from
 *       the same Parquet snapshot of silver, with the same SQL text, results compared row by row.
 * </ol>
 *
 * <p>Run it with {@code bin/benchmark [SCALE] [WORK_DIR]} (default scale 1, work dir target/bench).
 * Memory: the JVM heap is what MIGSTAT_JAVA_OPTS gives (e.g. -Xmx1g to show a run on data larger than
 * the heap: Spark spills to disk).
 */
public final class Benchmark {
  private Benchmark() {}

  /** The coverage computation both engines run, on views residents, permits and dates. */
  static final String COVERAGE_SQL = """
      WITH res AS (
        SELECT ref_date, person_id, citizenship FROM (
          SELECT d.ref_date, r.person_id, r.citizenship,
                 row_number() OVER (PARTITION BY d.ref_date, r.person_id
                                    ORDER BY r.registration_date DESC, r.record_id DESC) AS rk
          FROM residents r JOIN dates d
            ON r.registration_date <= d.ref_date
           AND (r.deregistration_date IS NULL OR r.deregistration_date > d.ref_date)
          WHERE NOT r.is_deleted) ranked
        WHERE rk = 1),
      hold AS (
        SELECT DISTINCT d.ref_date, p.person_id
        FROM permits p JOIN dates d
          ON p.valid_from <= d.ref_date AND p.valid_to >= d.ref_date
         AND (p.revoked_on IS NULL OR p.revoked_on >= d.ref_date)
        WHERE NOT p.is_deleted AND p.in_scope)
      SELECT res.ref_date, res.citizenship, count(*) AS residents, count(hold.person_id) AS holders_resident
      FROM res LEFT JOIN hold ON res.ref_date = hold.ref_date AND res.person_id = hold.person_id
      GROUP BY res.ref_date, res.citizenship
      ORDER BY res.ref_date, res.citizenship""";

  public static void main(String[] args) throws Exception {
    int scale = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    Path work = Path.of(args.length > 1 ? args[1] : "target/bench").toAbsolutePath().resolve("scale-" + scale);
    Path all = work.resolve("extracts");
    Path input = work.resolve("input");
    Path lakehouse = work.resolve("lakehouse");
    List<String> report = new ArrayList<>();
    report.add(String.format("migstat benchmark, scale %d, %d cores, max heap %,d MB, %s", scale,
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, LocalDate.now()));

    if (!Files.exists(all.resolve(".complete"))) {
      long t = System.nanoTime();
      SampleGenerator.generate(scale, SampleGenerator.DEFAULT_SEED, all, s -> { });
      Files.writeString(all.resolve(".complete"), "");
      report.add(String.format("generate: %.1f s, %,d MB of extracts", secs(t), size(all) >> 20));
    }
    delete(input);
    delete(lakehouse);
    LocalDate lastMonth = YearMonth.of(2024, 12).atDay(1);
    long[] split = copyExtracts(all, input, d -> d.isBefore(lastMonth));
    // The demo pseudonymisation key of the samples (MIGSTAT_PSEUDONYM_KEY, when set, takes precedence).
    Files.copy(Path.of("data-samples", "DEMO-pseudonym-key.txt"), input.resolve("DEMO-pseudonym-key.txt"));
    Files.copy(Path.of("data-samples", "glotip", "unodc_glotip_data_glotip.xlsx"),
        Files.createDirectories(input.resolve("glotip")).resolve("unodc_glotip_data_glotip.xlsx"));
    report.add(String.format("extracts: %d files (%,d MB) of history before %s, then %d files (%,d MB) of the last month",
        split[0], split[1] >> 20, lastMonth, split[2], split[3] >> 20));

    SparkSession spark = Sessions.builder("migstat-benchmark").getOrCreate();
    try {
      Measure first = run(spark, input, lakehouse, "first run over the history (cold)", report);
      copyExtracts(all, input, d -> !d.isBefore(lastMonth));
      Measure daily = run(spark, input, lakehouse, "daily run: the last month's files arrive", report);
      Measure nothing = run(spark, input, lakehouse, "run with nothing new", report);
      report.add(String.format("lakehouse on disk: %,d MB; largest table %s", size(lakehouse) >> 20,
          largest(new Lakehouse(spark, lakehouse.toString()))));
      sideBySide(spark, new Lakehouse(spark, lakehouse.toString()), work.resolve("parquet"), report);
      report.add(String.format("peak heap (all pools, max of each) %,d MB", peakHeap() >> 20));
      if (nothing.committed || !first.committed || !daily.committed) {
        report.add("WARNING: expected the first and daily runs to commit and the idle run not to");
      }
    } finally {
      spark.stop();
    }
    System.out.println();
    report.forEach(System.out::println);
    Files.write(work.resolve("benchmark.txt"), report);
    System.out.println("(also in " + work.resolve("benchmark.txt") + ")");
  }

  private record Measure(double seconds, double cpuSeconds, boolean committed) {}

  private static Measure run(SparkSession spark, Path input, Path lakehouse, String what, List<String> report) {
    long cpu0 = processCpuNanos();
    long t = System.nanoTime();
    RunJob.Result r = new RunJob(spark, new RunConfig(null, input.toString(), lakehouse.toString(), false, null,
        "benchmark", false), new Progress(System.out)).run();
    Measure m = new Measure(secs(t), (processCpuNanos() - cpu0) / 1e9, r.committed());
    long rows = r.conservation().stream().mapToLong(c -> c.rowsRead()).sum();
    report.add(String.format(Locale.ROOT, "%-45s %7.1f s wall, %7.1f s CPU, %,d rows read, %d files, as of %s%s", what,
        m.seconds, m.cpuSeconds, rows, r.filesNew(), r.asOf(), r.committed() ? "" : " (nothing committed)"));
    return m;
  }

  /** The same SQL on the same Parquet snapshot of silver, by Spark and by DuckDB (2 threads). */
  private static void sideBySide(SparkSession spark, Lakehouse lh, Path parquet, List<String> report) throws Exception {
    delete(parquet);
    long t = System.nanoTime();
    lh.read(Tables.SILVER_RESIDENTS).write().parquet(parquet.resolve("residents").toString());
    lh.read(Tables.SILVER_PERMITS).write().parquet(parquet.resolve("permits").toString());
    report.add(String.format("snapshot of silver residents + permits to Parquet: %.1f s, %,d MB", secs(t),
        size(parquet) >> 20));
    List<LocalDate> monthEnds = new ArrayList<>();
    for (YearMonth m = YearMonth.of(2022, 1); !m.isAfter(YearMonth.of(2024, 12)); m = m.plusMonths(1)) {
      monthEnds.add(m.atEndOfMonth());
    }
    String dates = monthEnds.stream().map(d -> "(DATE '" + d + "')").collect(Collectors.joining(", "));

    spark.read().parquet(parquet.resolve("residents").toString()).createOrReplaceTempView("residents");
    spark.read().parquet(parquet.resolve("permits").toString()).createOrReplaceTempView("permits");
    spark.sql("SELECT * FROM VALUES " + dates + " AS t(ref_date)").createOrReplaceTempView("dates");
    List<String> sparkRows = new ArrayList<>();
    double sparkSecs = Double.MAX_VALUE;
    for (int i = 0; i < 2; i++) { // the second run is warm (code generated, files cached by the OS)
      long s = System.nanoTime();
      sparkRows.clear();
      for (Row r : spark.sql(COVERAGE_SQL).collectAsList()) {
        sparkRows.add(r.getDate(0) + "," + r.getString(1) + "," + r.getLong(2) + "," + r.getLong(3));
      }
      sparkSecs = Math.min(sparkSecs, secs(s));
    }

    List<String> duckRows = new ArrayList<>();
    double duckSecs = Double.MAX_VALUE;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("SET threads = " + Runtime.getRuntime().availableProcessors());
      st.execute("CREATE VIEW residents AS SELECT * FROM read_parquet('" + parquet.resolve("residents") + "/*.parquet')");
      st.execute("CREATE VIEW permits AS SELECT * FROM read_parquet('" + parquet.resolve("permits") + "/*.parquet')");
      st.execute("CREATE VIEW dates AS SELECT * FROM (VALUES " + dates + ") AS t(ref_date)");
      for (int i = 0; i < 2; i++) {
        long s = System.nanoTime();
        duckRows.clear();
        try (ResultSet rs = st.executeQuery(COVERAGE_SQL)) {
          while (rs.next()) {
            duckRows.add(rs.getDate(1).toLocalDate() + "," + rs.getString(2) + "," + rs.getLong(3) + "," + rs.getLong(4));
          }
        }
        duckSecs = Math.min(duckSecs, secs(s));
      }
    }
    long goldRows = lh.read(Tables.PERMIT_COVERAGE).filter("ref_date = last_day(ref_date) AND residents > 0").count();
    report.add(String.format(Locale.ROOT,
        "coverage on %d month ends, same SQL, same Parquet: Spark %.2f s, DuckDB %.2f s (best of 2); %d rows each, %s; "
            + "gold.permit_coverage holds %d such rows",
        monthEnds.size(), sparkSecs, duckSecs, sparkRows.size(),
        new TreeSet<>(sparkRows).equals(new TreeSet<>(duckRows)) ? "identical" : "DIFFERENT", goldRows));
  }

  private static String largest(Lakehouse lh) {
    String name = null;
    long rows = -1;
    for (var t : Tables.ALL) {
      long n = lh.read(t).count();
      if (n > rows) {
        rows = n;
        name = t.qualifiedName();
      }
    }
    return String.format("%s (%,d rows)", name, rows);
  }

  /** Copies the extract files whose extract date passes the test; returns files and bytes copied, and skipped. */
  private static long[] copyExtracts(Path from, Path to, java.util.function.Predicate<LocalDate> take) throws IOException {
    long[] counts = new long[4];
    for (Source s : Source.values()) {
      Path dir = from.resolve(s.folder);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          LocalDate d = Source.extractDate(f.getFileName().toString()).orElse(null);
          boolean taken = d != null && take.test(d);
          counts[taken ? 0 : 2]++;
          counts[taken ? 1 : 3] += Files.size(f);
          if (taken) {
            Path target = Files.createDirectories(to.resolve(s.folder)).resolve(f.getFileName());
            if (!Files.exists(target)) {
              Files.copy(f, target);
            }
          }
        }
      }
    }
    return counts;
  }

  private static long processCpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0L;
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static long size(Path p) throws IOException {
    if (!Files.exists(p)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private static void delete(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
