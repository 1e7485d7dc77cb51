package org.migstat.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.migstat.catalog.TableDef;
import org.migstat.catalog.Tables;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.notebook.LakehouseFixture;
import org.migstat.publish.PublishJob;

/**
 * Deliveries on top of the shared two-delivery test lakehouse, runs, and the comparison every incremental
 * test ends with: gold and publish.* as they are, against what {@code --rebuild} makes of the same lakehouse.
 */
public final class Deliveries {
  private Deliveries() {}

  public static final String RESIDENTS_HEADER = "record_id,doc_type,doc_number,doc_country,full_name,citizenship,"
      + "country_of_birth,sex,birth_date,province,district,stay_category,registration_date,deregistration_date,"
      + "record_status,last_updated\n";

  /** A copy of the shared lakehouse (January to 13 March 2024) and its input, that a test may add to. */
  public static Lakehouse copyOfTheSharedFixture(SparkSession spark, Path input, Path root) throws IOException {
    LakehouseFixture.Built shared = LakehouseFixture.shared(spark);
    LakehouseFixture.copyTree(Path.of(shared.input().toString()), input);
    LakehouseFixture.copyTree(Path.of(shared.lakehouse()), root);
    return new Lakehouse(spark, root.toString());
  }

  /** A residents extract: header and the given record lines (dates dd/MM/yyyy). */
  public static void residents(Path input, String name, String... lines) throws IOException {
    gz(input.resolve("residents").resolve(name), RESIDENTS_HEADER + String.join("\n", lines) + "\n");
  }

  /** A permits extract: one JSON object per permit. */
  public static void permits(Path input, String name, String... permits) throws IOException {
    gz(input.resolve("permits").resolve(name), String.join("\n", permits) + "\n");
  }

  public static String permit(String no, String doc, String type, String from, String to, String status,
                              String statusDate, String updated) {
    return String.format("{\"permit_no\":\"%s\",\"holder_doc_type\":\"PASSPORT\",\"holder_doc_number\":\"%s\","
            + "\"holder_doc_country\":\"IDN\",\"holder_name\":\"Someone\",\"employer\":\"PT Example\",\"sector_isic\":\"47\","
            + "\"occupation\":\"Clerk\",\"permit_type\":\"%s\",\"issue_date\":\"%s\",\"valid_from\":\"%s\",\"valid_to\":\"%s\","
            + "\"status\":\"%s\",\"status_date\":%s,\"last_updated\":\"%s\"}",
        no, doc, type, from, from, to, status, statusDate == null ? "null" : "\"" + statusDate + "\"", updated);
  }

  static void gz(Path p, String text) throws IOException {
    Files.createDirectories(p.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  public static RunJob.Result run(SparkSession spark, Path input, Path root, LocalDate asOf, Progress progress) {
    return new RunJob(spark, new RunConfig(asOf, input.toString(), root.toString(), false, null, "test", false),
        progress).run();
  }

  public static RunJob.Result run(SparkSession spark, Path input, Path root, LocalDate asOf) {
    return run(spark, input, root, asOf, quiet());
  }

  public static Progress quiet() {
    return new Progress(new PrintStream(OutputStream.nullOutputStream()));
  }

  /** Every gold and publish.* table, rows rendered and sorted, without the run ids. */
  public static Map<String, List<String>> content(Lakehouse lh) {
    List<TableDef> tables = contentTables();
    // Several tables at once: most are a few rows, and reading each is mostly Delta log latency.
    List<List<String>> rows = Concurrently.map(tables, t -> lh.read(t).drop("run_id").collectAsList().stream()
        .map(Row::toString).sorted().toList());
    Map<String, List<String>> out = new TreeMap<>();
    for (int i = 0; i < tables.size(); i++) {
      out.put(tables.get(i).qualifiedName(), rows.get(i));
    }
    return out;
  }

  static List<TableDef> contentTables() {
    List<TableDef> tables = new java.util.ArrayList<>(Tables.ALL.stream().filter(t -> t.layer().equals("gold")).toList());
    tables.addAll(PublishJob.tables().stream().filter(t -> t.layer().equals("publish")).toList());
    return tables;
  }

  /**
   * Rebuilds the lakehouse from bronze ({@code --rebuild}, same input and as-of date) and returns the content
   * before and after: the first must equal the second.
   */
  public static Map<String, List<String>> rebuilt(SparkSession spark, Path input, Path root, LocalDate asOf) {
    new RunJob(spark, new RunConfig(asOf, input.toString(), root.toString(), true, null, "rebuild", false), quiet())
        .run();
    return content(new Lakehouse(spark, root.toString()));
  }

  /** Fails with the first table that differs, and its rows side by side. */
  public static void assertSameContent(Map<String, List<String>> expected, Map<String, List<String>> actual,
                                       String what) {
    org.junit.jupiter.api.Assertions.assertEquals(expected.keySet(), actual.keySet(), what);
    for (String t : expected.keySet()) {
      if (!expected.get(t).equals(actual.get(t))) {
        List<String> missing = expected.get(t).stream().filter(r -> !actual.get(t).contains(r)).limit(8).toList();
        List<String> extra = actual.get(t).stream().filter(r -> !expected.get(t).contains(r)).limit(8).toList();
        org.junit.jupiter.api.Assertions.fail(what + ": " + t + " differs (" + expected.get(t).size() + " rows expected, "
            + actual.get(t).size() + " found)\n  missing: " + missing + "\n  unexpected: " + extra);
      }
    }
  }
}
