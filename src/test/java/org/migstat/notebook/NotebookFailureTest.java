package org.migstat.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.migstat.cli.Main;
import org.migstat.cli.NotebookCommand;
import org.migstat.testing.Locks;
import org.migstat.testing.SparkExtension;
import picocli.CommandLine;

/** A failing cell stops the run and says which cell, in one sentence; the command exits non-zero. */
@ExtendWith(SparkExtension.class)
@ResourceLock(Locks.SPARK_CATALOG)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotebookFailureTest {
  static final ObjectMapper JSON = new ObjectMapper();

  Path dir;
  SparkSession spark;
  LakehouseFixture.Built lakehouse;
  Path broken;

  @BeforeAll
  void setUp(@TempDir Path tmp) throws IOException {
    dir = tmp;
    spark = SparkExtension.spark();
    lakehouse = LakehouseFixture.shared(spark);
    // cell 1 markdown, 2 parameters, 3 a good query, 4 markdown, 5 a misspelt table, 6 never reached.
    broken = notebook(dir.resolve("broken.ipynb"),
        md("# A notebook with a mistake"),
        code("citizenship = \"IDN\"", "parameters"),
        code("%sql\nSELECT count(*) AS n FROM gold.permit_coverage WHERE citizenship = '${citizenship}'", null),
        md("The next cell names a table that does not exist."),
        code("%sql\nSELECT * FROM gold.permit_coverag", null),
        code("%sql\nSELECT 1", null));
  }

  @Test
  void theRunnerNamesTheFailingCellAndKeepsWhatRan() throws IOException {
    NotebookRunner runner = new NotebookRunner(spark, lakehouse.lakehouse(), 10, null);
    NotebookFailure e = assertThrows(NotebookFailure.class, () -> runner.run(broken, Map.of(), dir.resolve("out")));
    assertEquals(5, e.cell());
    assertTrue(e.getMessage().startsWith("cell 5 of broken failed: [TABLE_OR_VIEW_NOT_FOUND] "), e.getMessage());
    assertTrue(e.getMessage().contains("`gold`.`permit_coverag`"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one sentence, one line: " + e.getMessage());
    assertFalse(e.getMessage().contains("SQLSTATE"), e.getMessage());

    JsonNode done = JSON.readTree(e.report().executed().toFile());
    assertEquals("failed", done.path("metadata").path("migstat").path("status").asText());
    assertEquals(5, done.path("metadata").path("migstat").path("failed_cell").asInt());
    JsonNode cells = done.get("cells");
    assertEquals("execute_result", cells.get(2).get("outputs").get(0).get("output_type").asText());
    assertEquals("error", cells.get(4).get("outputs").get(0).get("output_type").asText());
    assertEquals(0, cells.get(5).get("outputs").size(), "cells after the failure do not run");
    String html = Files.readString(e.report().html(), StandardCharsets.UTF_8);
    assertTrue(html.contains("failed at cell 5"), html);
  }

  @Test
  void aFailingCheckStopsTheRunWithItsMessage() throws IOException {
    Path nb = notebook(dir.resolve("check.ipynb"),
        code("%sql\nSELECT if(count(*) = 0, 'ok', raise_error('check failed: quarantine is not empty')) AS status "
            + "FROM ops.quarantine", null));
    NotebookFailure e = assertThrows(NotebookFailure.class,
        () -> new NotebookRunner(spark, lakehouse.lakehouse(), 10, null).run(nb, Map.of(), dir.resolve("out")));
    assertEquals("cell 1 of check failed: [USER_RAISED_EXCEPTION] check failed: quarantine is not empty", e.getMessage());
  }

  @Test
  void aPythonCellIsRefusedUnlessMarkedDatabricksOnly() throws IOException {
    Path nb = notebook(dir.resolve("python.ipynb"), md("# x"), code("display(spark.table('gold.permit_coverage'))", null));
    NotebookFailure e = assertThrows(NotebookFailure.class,
        () -> new NotebookRunner(spark, lakehouse.lakehouse(), 10, null).run(nb, Map.of(), dir.resolve("out")));
    assertEquals(2, e.cell());
    assertTrue(e.getMessage().contains("not a %sql cell"), e.getMessage());
  }

  @Test
  void theCommandExitsNonZeroWithOneSentence() {
    CommandLine cl = Main.commandLine();
    if (!cl.getSubcommands().containsKey("notebook")) {
      cl.addSubcommand("notebook", new NotebookCommand());
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    PrintStream stdout = System.out;
    int code;
    try {
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      code = cl.execute("notebook", "run", broken.toString(), "--lakehouse", lakehouse.lakehouse(),
          "--out", dir.resolve("cli").toString());
    } finally {
      System.setOut(stdout);
    }
    assertEquals(1, code);
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("migstat: cell 5 of broken failed: [TABLE_OR_VIEW_NOT_FOUND] "), text);
    assertTrue(Files.exists(dir.resolve("cli").resolve("broken.html")), "the HTML is written for a failed run too");
    assertFalse(spark.sparkContext().isStopped(), "the command must not stop a session it did not start");
  }

  @Test
  void aBadParameterIsRejectedBeforeAnySqlRuns() {
    CommandLine cl = Main.commandLine();
    if (!cl.getSubcommands().containsKey("notebook")) {
      cl.addSubcommand("notebook", new NotebookCommand());
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    int code = cl.execute("notebook", "run", broken.toString(), "--lakehouse", lakehouse.lakehouse(),
        "--out", dir.resolve("bad").toString(), "--param", "citizenship=IDN' OR '1'='1");
    assertEquals(1, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith(
        "migstat: parameter citizenship: \"IDN' OR '1'='1\" is not a 3-letter ISO 3166 alpha-3 code"), err.toString());
    assertFalse(Files.exists(dir.resolve("bad")), "nothing ran, nothing was written");
  }

  // ---- tiny notebooks in code ----------------------------------------------------------------

  static ObjectNode md(String text) {
    ObjectNode c = JSON.createObjectNode();
    c.put("cell_type", "markdown");
    c.putObject("metadata");
    c.put("source", text);
    return c;
  }

  static ObjectNode code(String text, String tag) {
    ObjectNode c = JSON.createObjectNode();
    c.put("cell_type", "code");
    c.putNull("execution_count");
    ObjectNode meta = c.putObject("metadata");
    if (tag != null) {
      meta.putArray("tags").add(tag);
    }
    c.putArray("outputs");
    c.put("source", text);
    return c;
  }

  static Path notebook(Path file, ObjectNode... cells) throws IOException {
    ObjectNode nb = JSON.createObjectNode();
    ArrayNode list = nb.putArray("cells");
    for (ObjectNode c : cells) {
      list.add(c);
    }
    nb.putObject("metadata");
    nb.put("nbformat", 4);
    nb.put("nbformat_minor", 5);
    Files.writeString(file, JSON.writeValueAsString(nb));
    return file;
  }
}
