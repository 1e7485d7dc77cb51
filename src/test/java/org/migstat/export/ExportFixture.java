package org.migstat.export;

import static org.apache.spark.sql.functions.col;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.migstat.catalog.Dimension;
import org.migstat.catalog.Indicator;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.catalog.TableDef;
import org.migstat.catalog.Tables;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.testing.SparkExtension;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A small lakehouse with a publish table for every catalogue indicator (synthetic cells for each dimension code
 * and total, every measure, monthly history) and an ops.runs ledger, exported once per test JVM and shared by the
 * export tests. Named cells the tests look for:
 * <ul>
 *   <li>permit_coverage, IDN, {@link #AS_OF}: residents 73,012, holders among residents 58,307, coverage 79.86 %,
 *       documentation gap 14,705 (and the same measures a month and a year earlier);</li>
 *   <li>permit_coverage, {@link #SUPPRESSED} on the as-of date: residents and coverage suppressed {@code [c]};</li>
 *   <li>permit_coverage, CHN documentation gap on the as-of date: -12 {@code [e]} (a negative number);</li>
 *   <li>usual_residents, IDN on the as-of date: registered 73,012 (as in permit_coverage), usual 51,388, temporary
 *       stays of 3-11 months 16,204, stays under 3 months 5,420; {@link #SUPPRESSED}: usual and under 3 months
 *       suppressed {@code [c]};</li>
 *   <li>permit_holders_by_reason, IDN, every reason, on the as-of date: 58,402 holders, 41,230 valid 12 months or
 *       more, of which 38,716 valid 12 to 59 months and 2,514 valid 5 years or more (the long-term residents);</li>
 *   <li>the citizenship codes {@link #HOSTILE}, {@link #HOSTILE_IMG} and {@link #FORMULA} in every table;</li>
 *   <li>first_permits, {@link #SUPPRESSED}, last full month: a censored {@code [<5]} cell;</li>
 *   <li>the run is recorded as synthetic in ops.runs (the release must say so in every file);</li>
 *   <li>a stock date after the as-of date (must not be exported), and a bogus permit_coverage row appended after
 *       the succeeded run (must not be exported: the export reads the version the run recorded).</li>
 * </ul>
 */
final class ExportFixture {
  static final LocalDate AS_OF = LocalDate.of(2024, 3, 13);
  static final String RUN_ID = "run-20240313T020000Z-fixture";
  static final String HOSTILE = "<script>alert(1)</script>";
  static final String HOSTILE_IMG = "<img src=x onerror=alert(2)>";
  static final String FORMULA = "=HYPERLINK(\"http://example.invalid\",\"click\")";
  static final String SUPPRESSED = "VNM";
  static final double BOGUS = 99_999_999;
  static final List<String> CITIZENSHIPS = List.of("IDN", "CHN", SUPPRESSED, HOSTILE, HOSTILE_IMG, FORMULA);

  /** The publish cells the fixture wrote and the export must show (pinned version, period start by the as-of). */
  record Built(Path lakehouse, Path out, ExportResult result, Map<String, Long> recordedVersions,
               Map<String, List<Row>> cache) {
    /** The publish rows of an indicator at the recorded version, read once with Spark and kept for every test. */
    List<Row> published(SparkSession spark, String indicatorId) {
      return cache.computeIfAbsent(indicatorId, id -> spark.read().format("delta")
          .option("versionAsOf", recordedVersions.get("publish." + id)).load(lakehouse + "/publish/" + id)
          .filter(col("period_start").leq(Date.valueOf(AS_OF))).collectAsList());
    }
  }

  private static Built built;

  static synchronized Built get() {
    if (built == null) {
      try {
        built = build(SparkExtension.spark());
      } catch (Exception e) {
        throw new IllegalStateException("cannot build the export fixture", e);
      }
    }
    return built;
  }

  private static Built build(SparkSession spark) throws Exception {
    Path root = Files.createTempDirectory("migstat-export-fixture");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
    Path lakehouse = root.resolve("lakehouse");
    Lakehouse lh = new Lakehouse(spark, lakehouse.toString());
    List<TableDef> defs = new ArrayList<>();
    IndicatorCatalog.INDICATORS.forEach(ind -> defs.add(IndicatorCatalog.publishTable(ind)));
    defs.add(Tables.RUNS);
    unregister(spark, defs);
    Map<String, Long> versions = new LinkedHashMap<>();
    try {
      lh.ensure(defs);
      for (Indicator ind : IndicatorCatalog.INDICATORS) {
        TableDef def = IndicatorCatalog.publishTable(ind);
        StructType schema = def.schema();
        spark.createDataFrame(rows(ind), schema).coalesce(1).write().format("delta").mode("append").save(lh.path(def));
        versions.put(def.qualifiedName(), lh.version(def));
      }
      Timestamp t = Timestamp.valueOf("2024-03-13 02:00:00");
      List<Row> runs = List.of(
          run("run-20240301T020000Z-older", LocalDate.of(2024, 2, 29), Timestamp.valueOf("2024-03-01 02:00:00"),
              "succeeded", Map.of(), null),
          run(RUN_ID, AS_OF, t, "succeeded", versions, true),
          run("run-20240314T020000Z-failed", LocalDate.of(2024, 3, 14), Timestamp.valueOf("2024-03-14 02:00:00"),
              "failed", Map.of(), true));
      // The ledger column a run fills in when its input is synthetic (added here when ops.runs predates it).
      spark.createDataFrame(runs, runsSchema()).coalesce(1).write().format("delta").mode("append")
          .option("mergeSchema", "true").save(lh.path(Tables.RUNS));

      // A half-written table of the later, failed run: the export must not see it.
      Indicator coverage = IndicatorCatalog.find("permit_coverage").orElseThrow();
      List<Row> bogus = List.of(cell(coverage, new Period(AS_OF.toString(), AS_OF, AS_OF), List.of("IDN"), "residents",
          BOGUS, null));
      spark.createDataFrame(bogus, IndicatorCatalog.publishTable(coverage).schema()).write().format("delta")
          .mode("append").save(lh.path(IndicatorCatalog.publishTable(coverage)));
    } finally {
      unregister(spark, defs);
    }
    Path out = root.resolve("out");
    ExportResult result = ExportJob.export(spark, lakehouse.toString(), null, out);
    return new Built(lakehouse, out, result, Map.copyOf(versions), new java.util.concurrent.ConcurrentHashMap<>());
  }

  /** Other test classes register tables of the same names in the shared session: never let them collide. */
  private static void unregister(SparkSession spark, List<TableDef> defs) {
    for (TableDef d : defs) {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + d.layer());
      spark.sql("DROP TABLE IF EXISTS " + d.qualifiedName());
    }
  }

  /** ops.runs as declared, with the {@code synthetic} column whether or not the declaration has it yet. */
  static StructType runsSchema() {
    StructType s = Tables.RUNS.schema();
    return List.of(s.fieldNames()).contains(DataOrigin.RUNS_COLUMN) ? s
        : s.add(DataOrigin.RUNS_COLUMN, org.apache.spark.sql.types.DataTypes.BooleanType, true);
  }

  /** A ledger row, built by column name (columns this fixture does not know stay NULL). */
  private static Row run(String id, LocalDate asOf, Timestamp ended, String status, Map<String, Long> versions,
                         Boolean synthetic) {
    Map<String, Object> v = new java.util.HashMap<>();
    v.put("run_id", id);
    v.put("command", "migstat run --as-of " + asOf);
    v.put("as_of", Date.valueOf(asOf));
    v.put("started_at", new Timestamp(ended.getTime() - 60_000));
    v.put("ended_at", ended);
    v.put("status", status);
    v.put("error", status.equals("failed") ? "disk full" : null);
    v.put("files_new", 1);
    v.put("files_skipped", 0);
    v.put("conservation", CollectionConverters.asScala(List.<Row>of()).toSeq());
    v.put("input_versions", CollectionConverters.asScala(Map.<String, Long>of()));
    v.put("output_versions", CollectionConverters.asScala(versions));
    v.put("row_counts", CollectionConverters.asScala(Map.<String, Long>of()));
    v.put("definition_version", "2024.1");
    v.put(DataOrigin.RUNS_COLUMN, synthetic);
    return RowFactory.create(java.util.Arrays.stream(runsSchema().fieldNames()).map(v::get).toArray());
  }

  record Period(String tp, LocalDate start, LocalDate end) {}

  /**
   * Stocks: month ends from March 2023, the as-of date, and one date after it; flows: months, the month to date,
   * the year to date (and the same span a year earlier), the year to date at the previous month's end, and a month
   * after the as-of date.
   */
  static List<Period> periods(Indicator ind) {
    List<Period> p = new ArrayList<>();
    if (ind.kind() == Indicator.Kind.STOCK) {
      for (YearMonth m = YearMonth.of(2023, 3); m.isBefore(YearMonth.of(2024, 3)); m = m.plusMonths(1)) {
        p.add(new Period(m.atEndOfMonth().toString(), m.atEndOfMonth(), m.atEndOfMonth()));
      }
      p.add(new Period(AS_OF.toString(), AS_OF, AS_OF));
      p.add(new Period("2024-03-31", LocalDate.of(2024, 3, 31), LocalDate.of(2024, 3, 31)));
    } else {
      for (YearMonth m = YearMonth.of(2023, 3); m.isBefore(YearMonth.of(2024, 3)); m = m.plusMonths(1)) {
        p.add(new Period(m.toString(), m.atDay(1), m.atEndOfMonth()));
      }
      p.add(new Period("2024-03-01.." + AS_OF, LocalDate.of(2024, 3, 1), AS_OF));
      p.add(new Period("2024-01-01.." + AS_OF, LocalDate.of(2024, 1, 1), AS_OF));
      p.add(new Period("2023-01-01..2023-03-13", LocalDate.of(2023, 1, 1), LocalDate.of(2023, 3, 13)));
      p.add(new Period("2024-01-01..2024-02-29", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 29)));
      p.add(new Period("2024-04", LocalDate.of(2024, 4, 1), LocalDate.of(2024, 4, 30)));
    }
    return p;
  }

  static List<String> codes(String dimension) {
    switch (dimension) {
      case "citizenship":
        return CITIZENSHIPS;
      case "province":
        return List.of("KH-12", "KH-17", "KH-18");
      case "sector":
        return List.of("C", "F", "I");
      default:
        Dimension d = IndicatorCatalog.DIMENSIONS.get(dimension);
        if (d != null && d.codes() != null && !d.codes().isEmpty()) {
          return new ArrayList<>(d.codes().keySet());
        }
        if (dimension.contains("case_type")) {
          return List.of("HumanTrafficking", "OnlineScamWork", "Overstay");
        }
        if (dimension.endsWith("value")) {
          return List.of("OnlineScam", "Facebook", "Telegram");
        }
        if (dimension.contains("country") || dimension.equals("geo")) {
          return List.of("KHM", "IDN");
        }
        if (dimension.equals("scope")) {
          return List.of("all", "scam_related");
        }
        return List.of("A", "B");
    }
  }

  static List<Row> rows(Indicator ind) {
    List<List<String>> combos = new ArrayList<>();
    combos.add(new ArrayList<>());
    for (String d : ind.dimensions()) {
      List<List<String>> next = new ArrayList<>();
      List<String> withTotal = new ArrayList<>();
      withTotal.add(Dimension.TOTAL);
      withTotal.addAll(codes(d));
      for (List<String> c : combos) {
        for (String code : withTotal) {
          List<String> n = new ArrayList<>(c);
          n.add(code);
          next.add(n);
        }
      }
      combos = next;
    }
    if (combos.size() > 600) { // keep big cross products small: totals plus two-way breakdowns
      combos = combos.stream().filter(c -> c.stream().filter(x -> !x.equals(Dimension.TOTAL)).count() <= 2).toList();
    }
    List<Row> rows = new ArrayList<>();
    List<Period> periods = periods(ind);
    for (int pi = 0; pi < periods.size(); pi++) {
      Period p = periods.get(pi);
      for (List<String> dims : combos) {
        for (String m : ind.measures()) {
          Double value = value(ind, pi, dims, m);
          String flag = null;
          if (ind.id().equals("permit_coverage")) {
            Double named = named(p, dims, m);
            if (named != null) {
              value = named;
            }
            if (p.end().equals(AS_OF) && dims.get(0).equals(SUPPRESSED) && (m.equals("residents") || m.equals("coverage_pct"))) {
              value = null;
              flag = "[c]";
            }
            if (p.end().equals(AS_OF) && dims.get(0).equals("CHN") && m.equals("documentation_gap")) {
              value = -12.0;
              flag = "[e]";
            }
          }
          if (ind.id().equals("usual_residents")) {
            Double named = namedUsual(p, dims);
            if (named != null) {
              value = named;
            }
            if (p.end().equals(AS_OF) && dims.get(0).equals(SUPPRESSED) && List.of("12m_plus", "lt_3m").contains(dims.get(1))) {
              value = null;
              flag = "[c]";
            }
          }
          if (ind.id().equals("permit_holders_by_reason")) {
            Double named = namedValidity(p, dims);
            if (named != null) {
              value = named;
            }
          }
          if (ind.id().equals("residents_by_sex_age") && p.end().equals(AS_OF) && dims.equals(List.of("IDN", "F", "65+"))) {
            value = null;
            flag = "[c]";
          }
          if (ind.id().equals("first_permits") && p.tp().equals("2024-02") && dims.get(0).equals(SUPPRESSED)
              && dims.subList(1, dims.size()).stream().allMatch(Dimension.TOTAL::equals)) {
            value = null;
            flag = "[<5]";
          }
          if (ind.id().equals("first_permits") && p.tp().equals("2024-02") && dims.get(0).equals("IDN") && flag == null) {
            flag = "[p]";
          }
          if ("context".equals(ind.family()) && dims.contains("KHM") && pi % 3 == 0) {
            value = null; // UNODC publishes small counts as "<5"
            flag = "[<5]";
          }
          rows.add(cell(ind, p, dims, m, value, flag));
        }
      }
    }
    return rows;
  }

  /** The figures the headline tiles must show (IDN, all other dimensions total). */
  static Double named(Period p, List<String> dims, String m) {
    if (!dims.equals(List.of("IDN"))) {
      return null;
    }
    Map<String, double[]> byMeasure = Map.of(
        "residents", new double[] {73_012, 72_480, 65_230},
        "permit_holders", new double[] {58_402, 57_950, 50_004},
        "permit_holders_resident", new double[] {58_307, 57_801, 49_870},
        "coverage_pct", new double[] {79.86, 79.75, 76.45},
        "documentation_gap", new double[] {14_705, 14_679, 15_360});
    double[] v = byMeasure.get(m);
    if (v == null) {
      return null;
    }
    if (p.end().equals(AS_OF)) {
      return v[0];
    }
    if (p.end().equals(LocalDate.of(2024, 2, 29))) {
      return v[1];
    }
    if (p.end().equals(LocalDate.of(2023, 3, 31))) {
      return v[2];
    }
    return null;
  }

  /** Registered and usual residents of IDN (the usual-residents tile and block), a month and a year earlier too. */
  static Double namedUsual(Period p, List<String> dims) {
    if (!dims.get(0).equals("IDN")) {
      return null;
    }
    Map<String, double[]> byDuration = Map.of(
        Dimension.TOTAL, new double[] {73_012, 72_480, 65_230},
        "12m_plus", new double[] {51_388, 51_101, 45_970},
        "3_11m", new double[] {16_204, 15_990, 14_020},
        "lt_3m", new double[] {5_420, 5_389, 5_240});
    double[] v = byDuration.get(dims.get(1));
    int i = p.end().equals(AS_OF) ? 0 : p.end().equals(LocalDate.of(2024, 2, 29)) ? 1
        : p.end().equals(LocalDate.of(2023, 3, 31)) ? 2 : -1;
    return v == null || i < 0 ? null : v[i];
  }

  /**
   * Permit holders of IDN by length of validity, every reason (the long-term residents tile), a month and a year
   * earlier too: 3-5m + 6-11m + 12m+ = _T, and 12m+ = 12-59m + 5y_plus (the 5-year class nested in 12m+).
   */
  static Double namedValidity(Period p, List<String> dims) {
    if (!dims.get(0).equals("IDN") || !dims.get(1).equals(Dimension.TOTAL)) {
      return null;
    }
    Map<String, double[]> byValidity = Map.of(
        Dimension.TOTAL, new double[] {58_402, 57_950, 50_004},
        "3-5m", new double[] {4_120, 4_080, 3_600},
        "6-11m", new double[] {13_052, 12_990, 11_304},
        "12m+", new double[] {41_230, 40_880, 35_100},
        "12-59m", new double[] {38_716, 38_420, 33_050},
        "5y_plus", new double[] {2_514, 2_460, 2_050});
    double[] v = byValidity.get(dims.get(2));
    int i = p.end().equals(AS_OF) ? 0 : p.end().equals(LocalDate.of(2024, 2, 29)) ? 1
        : p.end().equals(LocalDate.of(2023, 3, 31)) ? 2 : -1;
    return v == null || i < 0 ? null : v[i];
  }

  static Double value(Indicator ind, int period, List<String> dims, String measure) {
    long h = Math.abs((ind.id() + "|" + dims + "|" + measure).hashCode());
    if (Measures.format(ind.id(), measure).equals("pct")) {
      return Math.round((h % 1000) / 10.0 * 100) / 100.0 + period * 0.1;
    }
    long nonTotal = dims.stream().filter(x -> !x.equals(Dimension.TOTAL)).count();
    double v = (double) (20 + h % 400) * (5 - Math.min(4, nonTotal)) + period * 7;
    return measure.startsWith("net") ? v - 900 : v; // net flows can be negative
  }

  static Row cell(Indicator ind, Period p, List<String> dims, String measure, Double value, String flag) {
    List<Object> v = new ArrayList<>();
    v.add(ind.id());
    v.add(p.tp());
    v.add(Date.valueOf(p.start()));
    v.add(Date.valueOf(p.end()));
    v.addAll(dims);
    v.add(measure);
    v.add(value);
    v.add(flag);
    v.add(ind.definitionVersion());
    v.add(RUN_ID);
    v.add(null); // release_id, reference_date: a lakehouse from before releases were kept (no ops.releases)
    v.add(null);
    return RowFactory.create(v.toArray());
  }

  private static void delete(Path p) {
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
    } catch (Exception ignored) {
      // best effort at JVM exit
    }
  }
}
