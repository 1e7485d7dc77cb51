package org.migstat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.migstat.export.ExportJob;
import org.migstat.export.ExportResult;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.pipeline.Progress;
import org.migstat.pipeline.RunConfig;
import org.migstat.pipeline.RunJob;

/**
 * The lakehouse built from the bundled samples by the real pipeline, once per test JVM (it is the
 * most expensive fixture), at the calibration date. Tests that need real-sized data read it; none
 * may write to it.
 */
public final class SampleLakehouse {
  public static final LocalDate AS_OF = LocalDate.of(2024, 3, 13);
  /** Where {@link #export()} writes: a folder a person can open after the build (index.html). */
  public static final Path EXPORT = Path.of(System.getProperty("basedir", "."), "target", "samples-export")
      .toAbsolutePath();
  private static RunJob.Result result;
  private static Path root;
  private static ExportResult export;

  private SampleLakehouse() {}

  public static Path samples() {
    return Path.of(System.getProperty("migstat.samples", "data-samples")).toAbsolutePath();
  }

  public static synchronized RunJob.Result result() {
    if (result == null) {
      root = Path.of("target", "sample-lakehouse").toAbsolutePath();
      delete(root);
      RunConfig cfg = new RunConfig(AS_OF, samples().toString(), root.toString(), false, null,
          "migstat run --as-of " + AS_OF + " (tests)", false);
      // Built with Spark's default code generation, as `bin/migstat run` builds it: real-sized data, where
      // interpreted projections (the other tests' setting, SparkExtension) would cost more than they save.
      SparkSession build = SparkExtension.spark().newSession();
      build.conf().set("spark.sql.codegen.factoryMode", "FALLBACK");
      // ... and with adaptive execution over two shuffle partitions, which the tiny fixtures of the other tests
      // (SparkExtension) do without.
      build.conf().set("spark.sql.adaptive.enabled", "true");
      build.conf().set("spark.sql.shuffle.partitions", "2");
      result = new RunJob(build, cfg, new Progress(System.out)).run();
    }
    return result;
  }

  /**
   * The samples lakehouse exported as of {@link #AS_OF} into {@link #EXPORT}, once per test JVM: the dashboard
   * the browser test opens and the files the privacy scan reads are the same export (it was made twice, once
   * per class). Tests only read it.
   */
  public static synchronized ExportResult export() {
    if (export == null) {
      export = ExportJob.export(SparkExtension.spark(), root().toString(), AS_OF, EXPORT);
    }
    return export;
  }

  public static Lakehouse lakehouse() {
    return new Lakehouse(SparkExtension.spark(), root().toString());
  }

  /**
   * The samples lakehouse's folder. A developer iterating on a test that only reads it may point
   * {@code -Dmigstat.test.sampleLakehouse=DIR} at one already built (for example a copy of
   * {@code target/sample-lakehouse} after a full run) and skip the build; CI never sets it.
   */
  public static Path root() {
    String given = System.getProperty("migstat.test.sampleLakehouse");
    if (given != null && !given.isBlank()) {
      return Path.of(given).toAbsolutePath();
    }
    result();
    return root;
  }

  private static void delete(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> files = Files.walk(p)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
