package org.migstat.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
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
 * The benchmark that prints figures (never a timed test). On generated extracts at a scale factor (scale 1 is
 * data-samples/ itself):
 *
 * <ol>
 *   <li>the first run over the history (everything delivered before the last month), cold;
 *   <li>the daily run: the last month's files of every source arrive;
 *   <li>a run with nothing new;
 *   <li>the peer a user would race migstat against: DuckDB (2 threads) recomputing the gold tables from the same
 *       raw extract files with the same cleaning rules ({@link DuckPeer}, SQL in src/test/resources/bench/duckdb),
 *       its result checked against our gold cell by cell ({@link GoldCheck}); the benchmark fails on a difference.
 * </ol>
 *
 * <p>Memory per run: the peak of the used heap (sampled every 50 ms) and what Spark spilled (task metrics).
 *
 * <p>{@code bin/benchmark [SCALE] [WORK_DIR] [--last-month YYYY-MM] [--check-only]}: default scale 1, work dir
 * target/bench, last month 2024-12. {@code --last-month} cuts the extracts after that month (a small, fast
 * benchmark: the daily run is that month); {@code --check-only} skips the three runs and checks the lakehouse the
 * previous benchmark left against DuckDB. JVM options: MIGSTAT_JAVA_OPTS (e.g. -Xmx2g).
 */
public final class Benchmark {
  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    List<String> positional = new ArrayList<>();
    YearMonth last = YearMonth.of(2024, 12);
    boolean checkOnly = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--last-month" -> last = YearMonth.parse(args[++i]);
        case "--check-only" -> checkOnly = true;
        default -> positional.add(args[i]);
      }
    }
    int scale = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 1;
    Path work = Path.of(positional.size() > 1 ? positional.get(1) : "target/bench").toAbsolutePath()
        .resolve("scale-" + scale + (last.equals(YearMonth.of(2024, 12)) ? "" : "-to-" + last));
    Path generated = Path.of("target/bench").toAbsolutePath().resolve("extracts-scale-" + scale);
    Path input = work.resolve("input");
    Path lakehouse = work.resolve("lakehouse");
    List<String> report = new ArrayList<>();
    report.add(String.format("migstat benchmark, scale %d%s, %d cores, max heap %,d MB, load average %.1f, %s", scale,
        last.equals(YearMonth.of(2024, 12)) ? "" : " up to " + last, Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        LocalDate.now()));

    // Scale 1 is the bundled samples (the generator reproduces them byte for byte).
    Path all = scale == 1 ? Path.of("data-samples").toAbsolutePath() : generated;
    if (scale != 1 && !Files.exists(all.resolve(".complete"))) {
      long t = System.nanoTime();
      SampleGenerator.generate(scale, SampleGenerator.DEFAULT_SEED, all, s -> { });
      Files.writeString(all.resolve(".complete"), "");
      report.add(String.format("generate: %.1f s, %,d MB of extracts", secs(t), size(all) >> 20));
    }
    LocalDate lastMonth = last.atDay(1);
    LocalDate lastDay = last.atEndOfMonth();

    if (!checkOnly) {
      delete(input);
      delete(lakehouse);
      long[] split = copyExtracts(all, input, d -> d.isBefore(lastMonth));
      // The demo pseudonymisation key of the samples (MIGSTAT_PSEUDONYM_KEY, when set, takes precedence).
      Files.copy(Path.of("data-samples", "DEMO-pseudonym-key.txt"), input.resolve("DEMO-pseudonym-key.txt"));
      Files.copy(Path.of("data-samples", "glotip", "unodc_glotip_data_glotip.xlsx"),
          Files.createDirectories(input.resolve("glotip")).resolve("unodc_glotip_data_glotip.xlsx"));
      report.add(String.format("extracts: %d files (%,d MB) of history before %s", split[0], split[1] >> 20, lastMonth));
    }

    SparkSession spark = Sessions.builder("migstat-benchmark").getOrCreate();
    Spill spill = new Spill();
    spark.sparkContext().addSparkListener(spill);
    try {
      if (!checkOnly) {
        Measure first = run(spark, input, lakehouse, "first run over the history (cold)", spill, report);
        long[] month = copyExtracts(all, input, d -> !d.isBefore(lastMonth) && !d.isAfter(lastDay));
        report.add(String.format("then the last month's %d files (%,d MB)", month[0], month[1] >> 20));
        Measure daily = run(spark, input, lakehouse, "daily run: the last month of every source", spill, report);
        Measure nothing = run(spark, input, lakehouse, "run with nothing new", spill, report);
        report.add(String.format("lakehouse on disk: %,d MB; largest table %s", size(lakehouse) >> 20,
            largest(new Lakehouse(spark, lakehouse.toString()))));
        if (nothing.committed || !first.committed || !daily.committed) {
          report.add("WARNING: expected the first and daily runs to commit and the idle run not to");
        }
        double duck = racePeer(spark, input, lakehouse, report);
        report.add(String.format(Locale.ROOT, "ratios to DuckDB's full recomputation: first run %.2f, daily run %.2f, "
            + "idle run %.2f", first.seconds / duck, daily.seconds / duck, nothing.seconds / duck));
        report.add(String.format(Locale.ROOT, "daily run / first run %.2f", daily.seconds / first.seconds));
      } else {
        racePeer(spark, input, lakehouse, report);
      }
    } finally {
      spark.stop();
      System.out.println();
      report.forEach(System.out::println);
      Files.createDirectories(work);
      Files.write(work.resolve("benchmark.txt"), report);
      System.out.println("(also in " + work.resolve("benchmark.txt") + ")");
    }
    if (report.stream().anyMatch(l -> l.startsWith("DIFFERENT"))) {
      System.exit(1);
    }
  }

  private record Measure(double seconds, double cpuSeconds, boolean committed) {}

  private static Measure run(SparkSession spark, Path input, Path lakehouse, String what, Spill spill,
                             List<String> report) {
    long cpu0 = processCpuNanos();
    spill.reset();
    long t = System.nanoTime();
    RunJob.Result r;
    long peak;
    long live;
    try (HeapPeak heap = new HeapPeak()) {
      r = new RunJob(spark, new RunConfig(null, input.toString(), lakehouse.toString(), false, null,
          "benchmark", false), new Progress(System.out)).run();
      peak = heap.peak();
      live = heap.peakAfterCollection();
    }
    Measure m = new Measure(secs(t), (processCpuNanos() - cpu0) / 1e9, r.committed());
    long rows = r.conservation().stream().mapToLong(c -> c.rowsRead()).sum();
    report.add(String.format(Locale.ROOT, "%-45s %7.1f s wall, %7.1f s CPU, %,d rows read, %d files, as of %s%s", what,
        m.seconds, m.cpuSeconds, rows, r.filesNew(), r.asOf(), r.committed() ? "" : " (nothing committed)"));
    report.add(String.format(Locale.ROOT, "%-45s heap: peak used %,d MB, peak after a collection %,d MB; "
        + "Spark spilled %,d MB (in memory) / %,d MB (on disk)", "", peak >> 20, live >> 20,
        spill.memory.get() >> 20, spill.disk.get() >> 20));
    return m;
  }

  /** DuckDB recomputes gold from the raw files in the input folder; the result is checked against our gold. */
  private static double racePeer(SparkSession spark, Path input, Path lakehouse, List<String> report) throws Exception {
    long cpu0 = processCpuNanos();
    long t = System.nanoTime();
    List<DuckPeer.ExtractFile> files = DuckPeer.list(input);
    double listing = secs(t);
    DuckPeer.Result peer = DuckPeer.run(files, Path.of("src/main/resources/mappings"), 2);
    double total = secs(t);
    double cpu = (processCpuNanos() - cpu0) / 1e9;
    report.add(String.format(Locale.ROOT, "DuckDB (2 threads) full recomputation from the %d raw files: %.1f s wall, "
        + "%.1f s CPU (listing and encoding check %.1f s; %s)", files.size(), total, cpu, listing,
        peer.secondsPerScript().entrySet().stream()
            .map(e -> e.getKey().replace(".sql", "") + String.format(Locale.ROOT, " %.1f", e.getValue()))
            .collect(Collectors.joining(", "))));
    Lakehouse lh = new Lakehouse(spark, lakehouse.toString());
    GoldCheck.Outcome check = GoldCheck.compare(lh, peer.tables());
    report.addAll(check.lines());
    return total;
  }

  /** What Spark's tasks spilled since the last reset (task metrics: memory and disk bytes spilled). */
  static final class Spill extends SparkListener {
    final AtomicLong memory = new AtomicLong();
    final AtomicLong disk = new AtomicLong();

    void reset() {
      memory.set(0);
      disk.set(0);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      if (end.taskMetrics() != null) {
        memory.addAndGet(end.taskMetrics().memoryBytesSpilled());
        disk.addAndGet(end.taskMetrics().diskBytesSpilled());
      }
    }
  }

  /**
   * Heap while open: the peak of the used heap sampled every 50 ms (garbage not yet collected included), and the
   * peak of the heap left after a collection (what the run really kept: its live set), from the collectors'
   * notifications. A sum of per-pool peaks would overstate both.
   */
  static final class HeapPeak implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong live = new AtomicLong();
    private final Thread sampler;
    private final List<Runnable> unsubscribe = new ArrayList<>();

    HeapPeak() {
      var memory = ManagementFactory.getMemoryMXBean();
      sampler = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "heap-peak");
      sampler.setDaemon(true);
      sampler.start();
      java.util.Set<String> heapPools = new java.util.HashSet<>();
      for (var p : ManagementFactory.getMemoryPoolMXBeans()) {
        if (p.getType() == java.lang.management.MemoryType.HEAP) {
          heapPools.add(p.getName());
        }
      }
      for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof javax.management.NotificationEmitter emitter) {
          javax.management.NotificationListener listener = (n, handback) -> {
            if (com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
              var info = com.sun.management.GarbageCollectionNotificationInfo
                  .from((javax.management.openmbean.CompositeData) n.getUserData());
              long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                  .filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
              live.accumulateAndGet(after, Math::max);
            }
          };
          emitter.addNotificationListener(listener, null, null);
          unsubscribe.add(() -> {
            try {
              emitter.removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException ignored) {
              // already gone
            }
          });
        }
      }
    }

    long peak() {
      peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
      return peak.get();
    }

    long peakAfterCollection() {
      return live.get();
    }

    @Override
    public void close() {
      sampler.interrupt();
      unsubscribe.forEach(Runnable::run);
    }
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
