package org.migstat.ingest;

import static org.apache.spark.sql.functions.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.migstat.catalog.Tables;
import org.migstat.conform.Pseudonymizer;
import org.migstat.conform.ResidentsConform;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.ops.Conservation;
import org.migstat.ops.OneSentence;
import org.migstat.pipeline.Progress;
import org.migstat.pipeline.RunConfig;
import org.migstat.pipeline.RunJob;
import org.migstat.testing.SparkExtension;

/**
 * One run over a hostile delivery ({@link HostileCorpus}, issue 14) without --as-of: every file gets its expected
 * accepted / quarantined / rejected counts, records are conserved by an independent count, no placeholder makes
 * a person, no future file moves the reference date, and the quarantine holds no name or document number. Then the
 * CLI in its own JVM, after a broken file is re-delivered fixed: it is ingested, the exit code says "completed
 * with rejected files" (the future files are still held back) and nothing but sentences reaches the terminal.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileCorpusTest {
  @TempDir static Path dir;
  SparkSession spark;
  Lakehouse lh;
  Path input;
  RunJob job;
  RunJob.Result result;
  String log;

  @BeforeAll
  void runOnce() throws IOException {
    spark = SparkExtension.spark();
    input = dir.resolve("input");
    HostileCorpus.write(input);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    job = new RunJob(spark, new RunConfig(null, input.toString(), dir.resolve("lakehouse").toString(), false, null,
        "test run", false), new Progress(new PrintStream(out, true, StandardCharsets.UTF_8)));
    result = job.run();
    log = out.toString(StandardCharsets.UTF_8);
    System.out.print(log);
    lh = new Lakehouse(spark, dir.resolve("lakehouse").toString());
  }

  private Map<String, Long> countBy(Dataset<Row> rows, String column) {
    return rows.groupBy(column).count().collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
  }

  @Test
  @Order(1)
  void everyFileHasItsExpectedOutcome() {
    Map<String, Row> ledger = lh.read(Tables.INGESTED_FILES).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(r.fieldIndex("file_name")), r -> r));
    Map<String, Long> bronze = new java.util.HashMap<>(countBy(lh.read(Tables.BRONZE_RESIDENTS), "_file_name"));
    bronze.putAll(countBy(lh.read(Tables.BRONZE_PERMITS), "_file_name"));
    Map<String, Long> quarantined = countBy(lh.read(Tables.QUARANTINE), "source_file");
    List<String> wrong = new ArrayList<>();
    HostileCorpus.EXPECTED.forEach((name, e) -> {
      Row l = ledger.get(name);
      if (l == null) {
        wrong.add(name + ": not in ops.ingested_files");
        return;
      }
      String status = l.getString(l.fieldIndex("status"));
      long rows = bronze.getOrDefault(name, 0L);
      long q = quarantined.getOrDefault(name, 0L);
      if (e == null) { // binary and UTF-16: as many rows as the file has lines (less its header), all quarantined
        if (!status.equals("ingested") || rows == 0 || q != rows || rows != l.getLong(l.fieldIndex("rows_read"))) {
          wrong.add(name + ": " + status + ", " + rows + " rows, " + q + " quarantined");
        }
      } else if (!status.equals(e.status()) || rows != e.rows() || q != e.quarantined()) {
        wrong.add(name + ": expected " + e + ", found " + status + ", " + rows + " rows, " + q + " quarantined");
      }
      if (!List.of("ingested", "empty").contains(status) && l.isNullAt(l.fieldIndex("reason"))) {
        wrong.add(name + ": " + status + " without a reason");
      }
    });
    assertTrue(wrong.isEmpty(), String.join("\n", wrong) + "\n" + log);
  }

  @Test
  @Order(2)
  void recordsAreConservedByAnIndependentCount() {
    Map<String, Conservation> c = result.conservation().stream()
        .collect(Collectors.toMap(Conservation::source, x -> x));
    long residentRows = lh.read(Tables.BRONZE_RESIDENTS).count();
    assertEquals(residentRows, c.get("residents").rowsRead());
    assertEquals(c.get("residents").rowsRead(), c.get("residents").recordsInFiles(), c.toString());
    assertTrue(c.get("residents").balanced(), c.toString());
    assertTrue(c.get("permits").balanced(), c.toString());
    assertEquals(4, c.get("permits").recordsInFiles());
    // The twelve records of the file with an unterminated quote are twelve rows, eleven of them accepted.
    assertEquals(11, lh.read(Tables.SILVER_RESIDENTS).filter(col("source_file")
        .equalTo("residents_2024-02_unterminated.csv")).count());
    // A swallowed record would not balance: the file's lines say twelve.
    assertFalse(new Conservation("residents", 2, 1, 1, 0, 12).balanced());
  }

  @Test
  @Order(3)
  void noBlankOrPlaceholderIdentifierMakesAPerson() {
    Dataset<Row> bronzeIds = lh.read(Tables.BRONZE_RESIDENTS).filter(col("_file_name").equalTo("residents_2024-02_ids.csv"));
    Pseudonymizer key = Pseudonymizer.fromKeyFile(input.resolve(Pseudonymizer.DEMO_KEY_FILE));
    List<Row> conformed = ResidentsConform.conform(bronzeIds, key)
        .select(col("_raw.record_id"), col("person_id")).collectAsList();
    assertEquals(10, conformed.size());
    for (Row r : conformed) {
      if (List.of(HostileCorpus.PLACEHOLDER_IDS).contains(r.getString(0))) {
        assertTrue(r.isNullAt(1), r.getString(0) + " got a person_id");
      }
    }
    Dataset<Row> residents = lh.read(Tables.SILVER_RESIDENTS);
    assertEquals(residents.count(), residents.select("person_id").distinct().count(), "two residents are one person");
    assertTrue(residents.filter(col("record_id").isin((Object[]) HostileCorpus.PLACEHOLDER_IDS)).isEmpty());
    Dataset<Row> permits = lh.read(Tables.SILVER_PERMITS);
    assertEquals(List.of("WP-H-3"), permits.select("permit_no").collectAsList().stream().map(r -> r.getString(0)).toList());
    // The one real holder is linked to the one real resident with that passport, and to no one else.
    assertEquals(residents.filter(col("record_id").equalTo("H-1")).select("person_id").first().getString(0),
        permits.select("person_id").first().getString(0));
  }

  @Test
  @Order(4)
  void filesFromTheFutureNeverSetTheReferenceDate() {
    assertEquals(LocalDate.parse(HostileCorpus.LATEST_PLAUSIBLE), result.asOf());
    assertTrue(lh.read(Tables.PERMIT_COVERAGE).filter(col("ref_date").gt(lit(java.sql.Date.valueOf(result.asOf()))))
        .isEmpty());
    Row run = lh.read(Tables.RUNS).filter(col("run_id").equalTo(result.runId())).first();
    assertEquals("succeeded", run.getString(run.fieldIndex("status")));
    assertEquals(result.asOf(), run.getDate(run.fieldIndex("as_of")).toLocalDate());
  }

  @Test
  @Order(5)
  void rejectedAndHeldBackFilesAreNamedWithOneSentenceEach() {
    Map<String, String> why = job.notIngested().stream().collect(Collectors.toMap(ExtractFile::name, ExtractFile::rejected));
    assertEquals(Map.of(
        "residents_2024-02_truncated.csv.gz", "truncated gzip",
        "residents_2024-02_plain.csv.gz", "not gzip-compressed",
        "residents_nodate.csv", "no extract date",
        "residents_2099-12_delta.csv", "after today",
        "residents_2025-06_stale.csv", "latest record was updated on 2024-02-10").keySet(), why.keySet());
    assertTrue(why.get("residents_2024-02_truncated.csv.gz").contains("truncated gzip"));
    assertTrue(why.get("residents_2024-02_plain.csv.gz").contains("not gzip-compressed"));
    assertTrue(why.get("residents_nodate.csv").contains("no extract date"));
    assertTrue(why.get("residents_2099-12_delta.csv").contains("after today"));
    assertTrue(why.get("residents_2025-06_stale.csv").contains("2024-02-10"));
    why.values().forEach(s -> assertEquals(1, s.lines().count(), s));
  }

  @Test
  @Order(6)
  void theQuarantineHoldsNoNameNorDocumentNumber() {
    List<String> text = lh.read(Tables.QUARANTINE)
        .select(concat_ws("|", col("raw_record"), array_join(map_values(col("raw_values")), "|"))).collectAsList()
        .stream().map(r -> r.getString(0)).toList();
    String all = String.join("\n", text);
    for (String secret : List.of("RATNA", "Never Closed", "P0000222", "P0000031", "P0000032", "P0000033", "Blank 1",
        "Mawar", "Someone", "Utf", "N/A")) {
      assertFalse(all.contains(secret), secret + " in ops.quarantine:\n" + all);
    }
    assertTrue(all.contains("<U+00A0>"), "the shape of a refused number is kept");
    assertTrue(all.contains("X9999999"), all);
    assertTrue(all.contains("not closed before the next record; the raw text is in bronze"), all);
    // The full raw line stays in bronze (restricted).
    assertEquals(1, lh.read(Tables.BRONZE_RESIDENTS).filter(col("_raw_record").contains("Never Closed")).count());
  }

  @Test
  @Order(7)
  void oneSentenceForAFailureInsideASparkJob() {
    Exception spark = new org.apache.spark.SparkException("Job aborted due to stage failure: Task 0 in stage 3.0 failed",
        new IngestException("the file x.csv.gz is a truncated gzip file: it ends before its compressed data does"));
    assertEquals("the file x.csv.gz is a truncated gzip file: it ends before its compressed data does",
        OneSentence.of(spark));
  }

  /** The CLI in its own JVM: a fixed file under the broken one's name is ingested; only sentences on the terminal. */
  @Test
  @Order(8)
  void aFixedFileIsIngestedUnderItsNameAndTheTerminalShowsSentencesOnly() throws Exception {
    Path fixed = input.resolve("residents/residents_2024-02_truncated.csv.gz");
    Files.write(fixed, HostileCorpus.gzip(HostileCorpus.HEADER + HostileCorpus.resident("H-G-1", "Fixed")));
    Path outLog = dir.resolve("cli.out");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("-XX:") || a.startsWith("-Djdk.reflect")
          || a.startsWith("-Dio.netty")) {
        cmd.add(a);
      }
    }
    cmd.addAll(List.of("-Xmx1g", "-Dmigstat.shuffle.partitions=2", "-cp", System.getProperty("java.class.path"),
        "org.migstat.cli.Main", "run", "--input", input.toString(), "--lakehouse", dir.resolve("lakehouse").toString(),
        "--no-export"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(outLog.toFile()).start();
    boolean finished = p.waitFor(20, TimeUnit.MINUTES);
    if (!finished) {
      p.destroyForcibly().waitFor();
    }
    String out = Files.readString(outLog);
    System.out.print(out);
    assertTrue(finished, "the CLI run did not finish:\n" + out);
    assertEquals(3, p.exitValue(), out);
    assertTrue(out.contains("Completed with rejected files: 2 file(s) not ingested"), out);
    for (String noise : List.of("ERROR", "Exception", "\tat ", "WARN")) {
      assertFalse(out.contains(noise), noise + " on the terminal:\n" + out);
    }
    Row l = lh.read(Tables.INGESTED_FILES).filter(col("file_name").equalTo("residents_2024-02_truncated.csv.gz")
        .and(col("status").equalTo("ingested"))).first();
    assertEquals(1, l.getLong(l.fieldIndex("rows_read")));
    assertEquals(1, lh.read(Tables.SILVER_RESIDENTS).filter(col("record_id").equalTo("H-G-1")).count());
    try (var logs = Files.list(dir.resolve("lakehouse/_logs"))) {
      assertTrue(logs.anyMatch(f -> f.getFileName().toString().startsWith("migstat-run-")), "no log file in _logs");
    }
  }
}
