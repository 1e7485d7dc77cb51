package org.migstat.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.migstat.notebook.LakehouseFixture;
import org.migstat.testing.Locks;
import org.migstat.testing.SparkExtension;
import picocli.CommandLine;

/**
 * The README's commands as written: every {@code bin/migstat ...} line of its shell blocks parses (a
 * command and options that exist), every SQL example runs on the small fixture lakehouse, and the
 * examples give the right answers there (checked against counts made another way). Running `run` on
 * the full samples is too slow for a unit test; the fixture is built by the same pipeline.
 */
@ExtendWith(SparkExtension.class)
@ResourceLock(Locks.SPARK_CATALOG)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadmeTest {
  SparkSession spark;
  String lakehouse;
  String readme;

  @BeforeAll
  void setUp() throws IOException {
    spark = SparkExtension.spark();
    lakehouse = LakehouseFixture.shared(spark).lakehouse();
    readme = Files.readString(Path.of(System.getProperty("basedir", ".")).resolve("README.md"));
  }

  /** The migstat command lines of the README's ```bash blocks, as argument lists (without bin/migstat). */
  static List<List<String>> commands(String readme) {
    List<List<String>> out = new ArrayList<>();
    Matcher block = Pattern.compile("(?s)```bash\\n(.*?)```").matcher(readme);
    while (block.find()) {
      for (List<String> words : Shell.commands(block.group(1))) {
        if (!words.isEmpty() && words.get(0).equals("bin/migstat")) {
          out.add(words.subList(1, words.size()));
        }
      }
    }
    return out;
  }

  @Test
  void everyCommandLineParses() {
    List<List<String>> commands = commands(readme);
    assertTrue(commands.size() >= 6, commands.toString());
    for (List<String> args : commands) {
      CommandLine cl = Main.commandLine();
      cl.parseArgs(args.toArray(String[]::new)); // throws on an unknown command or option, or a bad value
    }
  }

  @Test
  void nothingPointsOutsideTheRepository() {
    assertFalse(readme.contains("../"), "a link or path outside the repository");
    assertTrue(readme.contains("out/dashboard/index.html"), "where the dashboard is");
    assertTrue(readme.contains("#lang=en"), "how to open it in English");
  }

  List<String> sql(String query) {
    CliRun r = CliRun.of(null, "sql", "--lakehouse", lakehouse, query);
    assertEquals(0, r.exitCode(), query + "\n" + r.err());
    return r.out().lines().toList();
  }

  List<String> sqlExamples() {
    List<String> queries = new ArrayList<>();
    for (List<String> args : commands(readme)) {
      if (args.get(0).equals("sql") && args.size() == 2) {
        queries.add(args.get(1));
      }
    }
    return queries;
  }

  @Test
  void everySqlExampleRunsAndGivesTheRightAnswer() {
    List<String> queries = sqlExamples();
    assertTrue(queries.size() >= 4, queries.toString());
    int checked = 0;
    for (String q : queries) {
      List<String> lines = sql(q);
      assertFalse(lines.isEmpty(), q);
      if (q.contains("FROM gold.permit_coverage WHERE citizenship = 'IDN'")) {
        List<String> expected = new ArrayList<>(List.of("ref_date,residents,permit_holders_resident,coverage_pct"));
        for (Row r : read("gold/permit_coverage").filter(col("citizenship").equalTo("IDN")).orderBy("ref_date")
            .select("ref_date", "residents", "permit_holders_resident", "coverage_pct").collectAsList()) {
          // A DOUBLE prints in plain decimals without trailing zeros (50.0 -> 50).
          expected.add(r.get(0) + "," + r.get(1) + "," + r.get(2) + "," + (r.isNullAt(3) ? ""
              : java.math.BigDecimal.valueOf(r.getDouble(3)).stripTrailingZeros().toPlainString()));
        }
        assertEquals(expected, lines, q);
        checked++;
      } else if (q.contains("explode(failed_rules)")) {
        // Counted here in Java: a record that failed two rules counts once under each.
        Map<String, Long> expected = new TreeMap<>();
        for (Row r : read("ops/quarantine").select("source", "failed_rules").collectAsList()) {
          for (Object rule : r.getList(1)) {
            expected.merge(r.getString(0) + "," + rule, 1L, Long::sum);
          }
        }
        assertFalse(expected.isEmpty(), "the fixture quarantines records");
        Map<String, Long> actual = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
          int cut = line.lastIndexOf(',');
          assertTrue(actual.put(line.substring(0, cut), Long.parseLong(line.substring(cut + 1))) == null,
              "one row per source and rule: " + line);
        }
        assertEquals(expected, actual, q);
        checked++;
      } else if (q.contains("FROM ops.runs")) {
        assertEquals(read("ops/runs").count() + 1, lines.size(), q);
        assertTrue(lines.get(1).contains(",succeeded,true,[{\"") || lines.get(1).contains(",succeeded,true,\"[{"),
            "the fixture's runs use the demo key: synthetic, conservation as JSON: " + lines.get(1));
        checked++;
      } else if (q.contains("FROM publish.permit_coverage")) {
        long suppressed = read("publish/permit_coverage")
            .filter("measure = 'residents' AND value IS NULL AND flag = '[c]'").count();
        assertTrue(suppressed > 0, "the fixture suppresses small resident counts");
        assertEquals(suppressed, lines.stream().filter(l -> l.endsWith(",,[c]")).count(), q);
        assertEquals(read("publish/permit_coverage").filter("measure = 'residents'").count() + 1, lines.size(), q);
        checked++;
      }
    }
    assertEquals(4, checked, "an example the test does not know how to check: " + queries);
  }

  org.apache.spark.sql.Dataset<Row> read(String layerTable) {
    return spark.read().format("delta").load(lakehouse + "/" + layerTable);
  }

  @Test
  void theShellWordsAreSplitAsBashSplitsThem() {
    assertEquals(List.of(List.of("bin/migstat", "sql", "SELECT 'a b'\n  FROM x"), List.of("ls", "-l")),
        Shell.commands("bin/migstat sql \"SELECT 'a b'\n  FROM x\"   # a comment\nls \\\n  -l\n"));
    assertEquals(List.of(List.of("bin/migstat", "sql")), Shell.commands("bin/migstat sql < report.sql"));
  }

  /** Just enough of bash's word splitting for the README: quotes, comments, line continuations, redirections. */
  static final class Shell {
    private Shell() {}

    static List<List<String>> commands(String text) {
      List<List<String>> out = new ArrayList<>();
      List<String> words = new ArrayList<>();
      StringBuilder word = null;
      boolean redirect = false;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
          continue;
        }
        if (c == '"' || c == '\'') {
          int end = text.indexOf(c, i + 1);
          word = word == null ? new StringBuilder() : word;
          word.append(text, i + 1, end);
          i = end;
          continue;
        }
        if (c == '#' && word == null) {
          int end = text.indexOf('\n', i);
          i = (end < 0 ? text.length() : end) - 1;
          continue;
        }
        if (c == ' ' || c == '\t' || c == '\n') {
          if (word != null) {
            if (!redirect) {
              words.add(word.toString());
            }
            redirect = false;
            word = null;
          }
          if (c == '\n' && !words.isEmpty()) {
            out.add(List.copyOf(words));
            words.clear();
          }
          continue;
        }
        if ((c == '<' || c == '>') && word == null) {
          redirect = true;
          continue;
        }
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
      if (word != null && !redirect) {
        words.add(word.toString());
      }
      if (!words.isEmpty()) {
        out.add(List.copyOf(words));
      }
      return out;
    }
  }
}
