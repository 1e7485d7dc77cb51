package org.migstat.notebook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a notebook headlessly against a lakehouse, as {@code migstat notebook run} does: markdown
 * passes through, the parameters cell supplies validated values, every {@code %sql} cell runs with
 * {@code spark.sql} (one statement after another; Delta time travel included) and its last result
 * is written into the cell outputs. The executed notebook and an HTML rendering are written to the
 * output folder, also when a cell fails; a failure is a {@link NotebookFailure} naming the cell.
 *
 * <p>Each run uses its own {@code newSession()}: temporary views, SQL variables and SET values of one
 * notebook never leak into another. Cells carrying {@code "migstat": {"requires": [...]}} metadata
 * are skipped, with a note, when one of those tables is not built yet in the lakehouse.
 */
public final class NotebookRunner {
  public static final int DEFAULT_MAX_ROWS = 100;
  /** Tag of a code cell that only makes sense on Databricks (Python); the runner skips it. */
  public static final String DATABRICKS_ONLY = "databricks-only";

  private final SparkSession spark;
  private final String lakehouse;
  private final int maxRows;
  private final PrintStream log;

  /**
   * @param log where one line per cell goes (null: nowhere)
   */
  public NotebookRunner(SparkSession spark, String lakehouseRoot, int maxRows, PrintStream log) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("--max-rows must be at least 1");
    }
    this.spark = spark;
    this.lakehouse = lakehouseRoot;
    this.maxRows = maxRows;
    this.log = log;
  }

  /** What happened to one cell: markdown, parameters, databricks-only, sql, skipped (table not built yet) or failed. */
  public record CellResult(int cell, String status, String detail) {}

  /** The outcome of a run: the files written, the parameter values used, and each cell's result. */
  public record Report(String notebook, Path executed, Path html, Map<String, String> parameters,
                       List<CellResult> cells, List<String> missingTables, boolean succeeded, double seconds) {
    public long sqlCells() {
      return cells.stream().filter(c -> c.status().equals("sql")).count();
    }

    public List<CellResult> skipped() {
      return cells.stream().filter(c -> c.status().equals("skipped")).toList();
    }
  }

  public Report run(Path notebookFile, Map<String, String> overrides, Path outDir) {
    long t0 = System.nanoTime();
    Notebook source = Notebook.read(notebookFile);
    Path executedFile = outDir.resolve(source.name() + ".ipynb");
    Path htmlFile = outDir.resolve(source.name() + ".html");
    if (sameFile(executedFile, notebookFile)) {
      throw new IllegalArgumentException("--out " + outDir + " would overwrite the notebook itself; choose another folder");
    }

    // Parameters: defaults from the cell tagged "parameters", overrides validated against their kind.
    Notebook.Cell paramCell = source.cells().stream().filter(c -> c.isCode() && c.hasTag("parameters"))
        .findFirst().orElse(null);
    Parameters params = Parameters.parse(paramCell == null ? null : paramCell.source(),
        paramCell == null ? 0 : paramCell.number(), overrides);

    Set<String> tables = new LinkedHashSet<>(LakehouseCatalog.register(spark, lakehouse));
    if (!tables.contains("ops.runs")) {
      throw new IllegalStateException("no lakehouse at " + lakehouse + " yet: run `bin/migstat run` first");
    }
    SparkSession session = spark.newSession();

    Notebook executed = source.copy();
    List<Notebook.Cell> cells = executed.cells();
    for (Notebook.Cell c : cells) {
      if (c.isCode()) {
        c.clearOutputs();
        c.executionCount(null);
        c.metadata().remove("migstat_result");
      }
    }
    Notebook.Cell injected = null;
    if (paramCell != null && !overrides.isEmpty()) {
      // Papermill's convention: the values used go in a cell tagged injected-parameters after the defaults.
      injected = executed.insertCodeCell(paramCell.number(), params.asPython(overrides.keySet()),
          "injected-parameters");
    }
    ObjectNode runMeta = executed.metadata().putObject("migstat");
    runMeta.put("executed_at", Instant.now().toString());
    runMeta.put("lakehouse", lakehouse);
    boolean synthetic = synthetic(spark, lakehouse);
    runMeta.put("synthetic", synthetic);
    if (synthetic) {
      say("%s", SYNTHETIC_EN + " / " + SYNTHETIC_ID + " (ops.runs.synthetic)");
    }
    ObjectNode pm = runMeta.putObject("parameters");
    params.asMap().forEach(pm::put);

    List<CellResult> results = new ArrayList<>();
    Set<String> missing = new LinkedHashSet<>();
    int executionCount = 0;
    // Cells of the executed copy, matched to the original numbering (the injected cell has none).
    for (Notebook.Cell c : executed.cells()) {
      if (injected != null && c.sameAs(injected)) {
        continue;
      }
      int number = results.size() + 1;
      // The number the console prints ("[cell 7]"), kept for the HTML rendering, which shows the same one.
      if (c.isCode()) {
        c.migstatMetadata().put("cell", number);
      }
      String text = c.source();
      if (!c.isCode()) {
        results.add(new CellResult(number, c.type(), ""));
        continue;
      }
      if (c.hasTag("injected-parameters")) {
        // Left by an earlier run of this file: its values are not applied again.
        results.add(new CellResult(number, "parameters", "injected by an earlier run; not applied"));
        continue;
      }
      if (c.hasTag("parameters")) {
        c.executionCount(++executionCount);
        results.add(new CellResult(number, "parameters", params.asMap().toString()));
        say("[cell %d] parameters %s", number, params.asMap());
        continue;
      }
      if (SqlScript.isMarkdownMagic(text)) {
        results.add(new CellResult(number, "markdown", ""));
        continue;
      }
      if (c.hasTag(DATABRICKS_ONLY)) {
        note(c, "Not run here: a Databricks-only cell (migstat validates and applies the parameters itself).");
        results.add(new CellResult(number, DATABRICKS_ONLY, ""));
        continue;
      }
      if (!SqlScript.isSql(text)) {
        results.add(new CellResult(number, "failed", "not a %sql cell"));
        runMeta.put("failed_cell", number);
        Report partial = finish(executed, source.name(), executedFile, htmlFile, params, results, missing, false, t0);
        throw new NotebookFailure(source.name(), number, "it is not a %sql cell; migstat notebook run executes "
            + "only %sql cells (tag a Databricks-only cell \"" + DATABRICKS_ONLY + "\")", partial, null);
      }
      List<String> absent = c.requiredTables().stream()
          .filter(t -> !tables.contains(t.toLowerCase(Locale.ROOT))).toList();
      if (!absent.isEmpty()) {
        missing.addAll(absent);
        results.add(skip(c, number, "table " + String.join(", ", absent) + " not built yet in " + lakehouse
            + " (the pipeline writes it once its source extracts are ingested)"));
        continue;
      }
      long cellStart = System.nanoTime();
      c.executionCount(++executionCount);
      try {
        ResultTable table = execute(session, params.substitute(SqlScript.body(text)));
        double secs = (System.nanoTime() - cellStart) / 1e9;
        if (table != null) {
          ObjectNode out = c.outputs().addObject();
          out.put("output_type", "execute_result");
          out.put("execution_count", executionCount);
          ObjectNode data = out.putObject("data");
          data.set("text/plain", Notebook.Cell.sourceLines(table.toText()));
          data.set("text/html", Notebook.Cell.sourceLines(table.toHtml()));
          out.putObject("metadata");
        }
        ObjectNode meta = c.migstatMetadata();
        meta.put("seconds", Math.round(secs * 100) / 100.0);
        if (table != null) {
          meta.put("rows", table.total());
        }
        String detail = table == null ? "ok" : table.countLine();
        results.add(new CellResult(number, "sql", detail));
        say("[cell %d] sql        %s (%.1f s)", number, detail, secs);
      } catch (Exception e) { // Spark's AnalysisException is a checked exception
        String reason = sentence(e);
        ObjectNode err = c.outputs().addObject();
        err.put("output_type", "error");
        err.put("ename", e.getClass().getSimpleName());
        err.put("evalue", reason);
        ArrayNode tb = err.putArray("traceback");
        String full = e.getMessage() == null ? e.toString() : e.getMessage();
        full.lines().limit(40).forEach(tb::add);
        results.add(new CellResult(number, "failed", reason));
        say("[cell %d] FAILED     %s", number, reason);
        runMeta.put("failed_cell", number);
        Report partial = finish(executed, source.name(), executedFile, htmlFile, params, results, missing, false, t0);
        throw new NotebookFailure(source.name(), number, reason, partial, e);
      }
    }
    return finish(executed, source.name(), executedFile, htmlFile, params, results, missing, true, t0);
  }

  /** Runs the statements in order; returns the last one's result when it has columns, else null. */
  /** What a notebook run on synthetic data says, in English and in Bahasa Indonesia. */
  public static final String SYNTHETIC_EN = org.migstat.generate.SyntheticMarker.ENGLISH;
  public static final String SYNTHETIC_ID = org.migstat.generate.SyntheticMarker.INDONESIAN;

  /**
   * True when a successful run of the lakehouse read synthetic data (ops.runs.synthetic: generator-marked
   * input or the demo key). False for a ledger without the column (written before it existed).
   */
  static boolean synthetic(SparkSession spark, String lakehouse) {
    org.migstat.lakehouse.Lakehouse lh = new org.migstat.lakehouse.Lakehouse(spark, lakehouse);
    Dataset<Row> runs = lh.read(org.migstat.catalog.Tables.RUNS);
    if (!Arrays.asList(runs.columns()).contains("synthetic")) {
      return false;
    }
    return !runs.filter("status = 'succeeded' AND synthetic").limit(1).collectAsList().isEmpty();
  }

  private ResultTable execute(SparkSession session, String script) {
    List<String> statements = SqlScript.statements(script);
    if (statements.isEmpty()) {
      return null;
    }
    Dataset<Row> last = null;
    for (int i = 0; i < statements.size(); i++) {
      Dataset<Row> df = session.sql(statements.get(i));
      boolean isLast = i == statements.size() - 1;
      if (!isLast && df.columns().length > 0) {
        // A query that is not the last still runs in full (its checks fire), without collecting rows.
        df.write().format("noop").mode("overwrite").save();
      }
      if (isLast) {
        last = df;
      }
    }
    if (last == null || last.columns().length == 0) {
      return null;
    }
    List<Row> first = last.limit(maxRows + 1).collectAsList();
    long total = first.size() <= maxRows ? first.size() : last.count();
    return new ResultTable(Arrays.asList(last.columns()), first.subList(0, Math.min(first.size(), maxRows)), total);
  }

  private static void note(Notebook.Cell c, String text) {
    ObjectNode out = c.outputs().addObject();
    out.put("output_type", "stream");
    out.put("name", "stdout");
    out.put("text", text + "\n");
  }

  private CellResult skip(Notebook.Cell c, int number, String reason) {
    note(c, "Skipped: " + reason);
    c.migstatMetadata().put("skipped", reason);
    say("[cell %d] skipped    %s", number, reason);
    return new CellResult(number, "skipped", reason);
  }

  private Report finish(Notebook executed, String name, Path executedFile, Path htmlFile, Parameters params,
                        List<CellResult> results, Set<String> missing, boolean succeeded, long t0) {
    double secs = (System.nanoTime() - t0) / 1e9;
    ObjectNode runMeta = (ObjectNode) executed.metadata().get("migstat");
    runMeta.put("status", succeeded ? "succeeded" : "failed");
    runMeta.put("seconds", Math.round(secs * 10) / 10.0);
    Report report = new Report(name, executedFile, htmlFile, params.asMap(), List.copyOf(results),
        List.copyOf(missing), succeeded, secs);
    executed.write(executedFile);
    NotebookHtml.write(executed, report, lakehouse, htmlFile);
    return report;
  }

  private void say(String fmt, Object... args) {
    if (log != null) {
      log.printf(fmt + "%n", args);
      log.flush();
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.exists(a) && Files.isSameFile(a, b);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** Spark's error in one sentence: the first line, without the SQLSTATE tail and the query context. */
  static String sentence(Throwable e) {
    String msg = e.getMessage();
    if (msg == null || msg.isBlank()) {
      msg = e.getClass().getSimpleName();
    }
    String first = msg.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(msg);
    first = first.replaceFirst("\\s*SQLSTATE: [0-9A-Z]+.*$", "").strip();
    return first.length() > 300 ? first.substring(0, 300) + "..." : first;
  }
}
