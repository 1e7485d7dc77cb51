package org.migstat.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.migstat.notebook.LakehouseCatalog;
import org.migstat.notebook.SqlScript;

/**
 * One warm Spark session over a lakehouse, taking SQL statements and the shell's dot-commands
 * ({@code .tables}, {@code .describe T}, {@code .quit}): what {@code migstat sql} runs for a one-off
 * query, a script on standard input, and the interactive shell. Tables are registered lazily, the
 * first time a statement names them ({@link LakehouseCatalog#registerReferenced}).
 */
final class SqlSession {
  /** How results are printed: CSV (one-off queries, scripts) or an aligned table (the shell). */
  enum Format { CSV, TABLE }

  static final int SHELL_MAX_ROWS = 1000;

  /**
   * Below this many bytes on disk, the tables a statement names are read with Spark's interpreted
   * evaluation ({@link #interpretingSmallReads}): every gold, publish and ops table of the samples (2 MB at
   * most), not silver's largest (66–222 MB).
   */
  static final long SMALL_READ_BYTES = 8L << 20;

  private final SparkSession spark;
  private final String root;
  private final PrintStream out;
  private final long interpretBelow; // bytes; 0: never interpret (Spark's default)

  SqlSession(SparkSession spark, String root, PrintStream out) {
    this(spark, root, out, 0);
  }

  private SqlSession(SparkSession spark, String root, PrintStream out, long interpretBelow) {
    this.spark = spark;
    this.root = root;
    this.out = out;
    this.interpretBelow = interpretBelow;
  }

  /** The same session printing elsewhere (the shell prints to its terminal). */
  SqlSession withOutput(PrintStream other) {
    return new SqlSession(spark, root, other, interpretBelow);
  }

  /**
   * The same session, which evaluates a statement over small tables without generating code: for a
   * one-off query in a session of its own. Compiling Java for each plan (Janino) and loading the
   * compiler cost a cold JVM more than a few thousand rows cost to interpret — about 1.5 s of a one-off
   * query's 10 s of CPU on 2 cores — while over silver's hundreds of thousands of rows generated code wins.
   * Sets session configuration: never on a session someone else owns.
   */
  SqlSession interpretingSmallReads() {
    return interpretingReadsBelow(SMALL_READ_BYTES);
  }

  /** {@link #interpretingSmallReads} with another bound (bytes on disk of the tables a statement names). */
  SqlSession interpretingReadsBelow(long bytes) {
    return new SqlSession(spark, root, out, bytes);
  }

  /** True for a line the shell treats as a command rather than SQL. */
  static boolean isCommand(String text) {
    return text.strip().startsWith(".");
  }

  /**
   * Runs a dot-command or the SQL statements of {@code text} (separated by semicolons, the last one may
   * lack it), printing each result. Returns false when the input asked to quit.
   */
  boolean execute(String text, Format format) {
    if (isCommand(text)) {
      return command(text.strip());
    }
    List<String> statements = SqlScript.statements(text);
    for (String statement : statements) {
      query(statement, format);
    }
    return true;
  }

  /**
   * Runs a script (a file of statements and dot-commands on its own lines), printing each result, a
   * blank line between results. A failing statement stops the script: the exception names its number.
   */
  void script(String text) {
    StringBuilder buffer = new StringBuilder();
    int[] number = {0};
    boolean[] first = {true};
    for (String line : text.split("\n", -1)) {
      if (buffer.toString().isBlank() && isCommand(line)) {
        buffer.setLength(0);
        if (!runCounted(line, number, first)) {
          return;
        }
        continue;
      }
      buffer.append(line).append('\n');
      SqlScript.Split split = SqlScript.split(buffer.toString());
      if (split.complete()) {
        for (String statement : split.statements()) {
          runCounted(statement, number, first);
        }
        buffer.setLength(0);
      }
    }
    for (String statement : SqlScript.statements(buffer.toString())) {
      runCounted(statement, number, first);
    }
  }

  private boolean runCounted(String statement, int[] number, boolean[] first) {
    number[0]++;
    if (!first[0]) {
      out.println();
    }
    first[0] = false;
    try {
      return execute(statement, Format.CSV);
    } catch (Exception e) { // Spark's AnalysisException is checked, thrown through Scala
      throw new IllegalArgumentException("statement " + number[0] + " failed: " + sentence(e), e);
    }
  }

  /** Runs one SQL statement and prints its result (a statement without columns prints nothing). */
  void query(String statement, Format format) {
    List<String> tables = register(statement);
    if (interpretBelow > 0) {
      boolean small = bytesOnDisk(tables) < interpretBelow;
      spark.conf().set("spark.sql.codegen.wholeStage", Boolean.toString(!small));
      spark.conf().set("spark.sql.codegen.factoryMode", small ? "NO_CODEGEN" : "FALLBACK");
    }
    long t0 = System.nanoTime();
    Dataset<Row> result = spark.sql(statement);
    if (result.columns().length == 0) {
      result.collectAsList();
      if (format == Format.TABLE) {
        out.printf("(done, %.2f s)%n", (System.nanoTime() - t0) / 1e9);
      }
      return;
    }
    if (format == Format.CSV) {
      printCsv(out, result);
    } else {
      printTable(result, t0);
    }
    out.flush();
  }

  /** The bytes under the tables' folders (current and older files alike: an upper bound, one listing each). */
  private long bytesOnDisk(List<String> qualifiedNames) {
    long total = 0;
    for (String name : qualifiedNames) {
      long bytes = bytesUnder(spark.sparkContext().hadoopConfiguration(), root + "/" + name.replace('.', '/'));
      if (bytes < 0) {
        return Long.MAX_VALUE; // unknown: generate code, Spark's default
      }
      total += bytes;
    }
    return total;
  }

  /** Bytes under a folder (one listing); 0 when it does not exist yet, -1 when it cannot be listed. */
  static long bytesUnder(org.apache.hadoop.conf.Configuration conf, String folder) {
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(folder);
      var fs = p.getFileSystem(conf);
      return fs.exists(p) ? fs.getContentSummary(p).getLength() : 0;
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Registers the tables a statement names (thread-safe: the shell warms up in the background). */
  List<String> register(String statement) {
    synchronized (LakehouseCatalog.class) {
      return LakehouseCatalog.registerReferenced(spark, root, statement);
    }
  }

  private boolean command(String line) {
    String[] words = line.split("\\s+", 2);
    String arg = words.length > 1 ? words[1].strip().replaceAll(";$", "").strip() : "";
    switch (words[0].toLowerCase(Locale.ROOT)) {
      case ".quit", ".exit", ".q" -> {
        return false;
      }
      case ".tables" -> tables(arg);
      case ".describe", ".d" -> {
        if (arg.isEmpty()) {
          throw new IllegalArgumentException(".describe needs a table, e.g. .describe gold.permit_coverage");
        }
        if (register(arg).isEmpty()) {
          throw new IllegalArgumentException("no table " + arg + " in " + root + " (.tables lists them)");
        }
        printTable(spark.sql("DESCRIBE TABLE " + arg), System.nanoTime());
      }
      case ".help", ".h" -> help();
      default -> throw new IllegalArgumentException("unknown command " + words[0] + " (.help lists the commands)");
    }
    out.flush();
    return true;
  }

  private void tables(String layer) {
    List<LakehouseCatalog.Entry> all = LakehouseCatalog.list(spark, root).stream()
        .filter(e -> layer.isEmpty() || e.layer().equalsIgnoreCase(layer)).toList();
    int w = all.stream().mapToInt(e -> e.qualifiedName().length()).max().orElse(5);
    for (LakehouseCatalog.Entry e : all) {
      out.printf("%-" + w + "s  %s%n", e.qualifiedName(), e.description());
    }
    out.printf("(%d tables)%n", all.size());
  }

  private void help() {
    out.println("SQL statements end with ';' and may span lines. Tables: <layer>.<table>, e.g. gold.permit_coverage.");
    out.println("  .tables [LAYER]   list the tables (bronze, silver, gold, ops, publish)");
    out.println("  .describe TABLE   columns and types of a table");
    out.println("  .quit             leave (also Ctrl-D)");
    out.println("Delta time travel: SELECT * FROM gold.permit_coverage VERSION AS OF 1;");
  }

  static void printCsv(PrintStream out, Dataset<Row> rows) {
    out.println(String.join(",", Arrays.stream(rows.columns()).map(SqlSession::csv).toList()));
    Iterator<Row> it = rows.toLocalIterator();
    StringBuilder line = new StringBuilder();
    while (it.hasNext()) {
      Row r = it.next();
      line.setLength(0);
      for (int i = 0; i < r.size(); i++) {
        if (i > 0) {
          line.append(',');
        }
        line.append(r.isNullAt(i) ? "" : csv(Values.text(r.get(i))));
      }
      out.println(line);
    }
    out.flush();
  }

  static String csv(String v) {
    return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
        ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }

  /** An aligned table of the first rows, then the row count and the time taken. */
  private void printTable(Dataset<Row> result, long t0) {
    List<Row> first = result.limit(SHELL_MAX_ROWS + 1).collectAsList();
    boolean more = first.size() > SHELL_MAX_ROWS;
    List<Row> shown = more ? first.subList(0, SHELL_MAX_ROWS) : first;
    String[] cols = result.columns();
    List<String[]> cells = new ArrayList<>();
    int[] w = new int[cols.length];
    for (int i = 0; i < cols.length; i++) {
      w[i] = cols[i].length();
    }
    for (Row r : shown) {
      String[] c = new String[cols.length];
      for (int i = 0; i < cols.length; i++) {
        c[i] = r.isNullAt(i) ? "NULL" : Values.text(r.get(i)).replace('\n', ' ');
        w[i] = Math.min(80, Math.max(w[i], c[i].length()));
      }
      cells.add(c);
    }
    row(cols, w);
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < w.length; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(w[i]));
    }
    out.println(rule);
    cells.forEach(c -> row(c, w));
    String count = more ? "first " + SHELL_MAX_ROWS + " rows shown" : shown.size() == 1 ? "1 row" : shown.size() + " rows";
    out.printf("(%s, %.2f s)%n", count, (System.nanoTime() - t0) / 1e9);
  }

  private void row(String[] c, int[] w) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < w.length; i++) {
      String v = c[i].length() > w[i] ? c[i].substring(0, w[i] - 1) + "…" : c[i];
      sb.append(i == 0 ? "" : " | ").append(v).append(" ".repeat(w[i] - v.length()));
    }
    out.println(sb.toString().stripTrailing());
  }

  /** Spark's error in one sentence: its first line, without the SQLSTATE tail. */
  static String sentence(Throwable e) {
    String msg = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    String first = msg.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(msg);
    first = first.replaceFirst("\\s*SQLSTATE: [0-9A-Z]+.*$", "").strip();
    return first.length() > 400 ? first.substring(0, 400) + "..." : first;
  }
}
