package org.migstat.schedule;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.migstat.cli.Main;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The deployment examples in src/deploy parse, forbid overlapping runs, and call a command that exists:
 * main class org.migstat.cli.Main, subcommand {@code run}, with options {@code run} declares.
 */
class DeployExamplesTest {
  static final Path DEPLOY = Path.of(System.getProperty("user.dir")).resolve("src/deploy");
  static final String MAIN = "org.migstat.cli.Main";

  // ---- the command the examples run ------------------------------------------------------------

  /** The {@code run} subcommand as Main registers it. */
  static CommandSpec runSpec() {
    CommandLine run = Main.commandLine().getSubcommands().get("run");
    assertNotNull(run, "Main has no `run` subcommand");
    return run.getCommandSpec();
  }

  /**
   * Checks a command line: the entry point (main class or bin/migstat), then {@code run}, then only options
   * {@code run} declares, each with a value when it takes one. Returns the options used.
   */
  static List<String> assertRunsMigstat(List<String> tokens, String where) {
    int entry = -1;
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).equals(MAIN) || tokens.get(i).endsWith("bin/migstat")) {
        entry = i;
        break;
      }
    }
    assertTrue(entry >= 0, where + ": no " + MAIN + " or bin/migstat in " + tokens);
    int run = tokens.subList(entry + 1, tokens.size()).indexOf("run");
    assertTrue(run >= 0, where + ": no `run` command after the entry point in " + tokens);
    CommandSpec spec = runSpec();
    List<String> used = new ArrayList<>();
    for (int i = entry + 1 + run + 1; i < tokens.size(); i++) {
      String t = tokens.get(i);
      if (t.equals(">>") || t.equals(">") || t.startsWith("2>")) {
        break; // shell redirection ends the command
      }
      if (!t.startsWith("-")) {
        fail(where + ": unexpected argument '" + t + "' for `run` in " + tokens);
      }
      String name = t.contains("=") ? t.substring(0, t.indexOf('=')) : t;
      OptionSpec o = spec.findOption(name);
      assertNotNull(o, where + ": `run` has no option " + name + " (it has " + spec.optionsMap().keySet() + ")");
      used.add(name);
      if (o.arity().min() > 0 && !t.contains("=")) {
        assertTrue(i + 1 < tokens.size(), where + ": " + name + " needs a value");
        i++;
      }
    }
    return used;
  }

  /** Whitespace-separated words, with single or double quotes grouping (enough for these examples). */
  static List<String> shellWords(String s) {
    List<String> words = new ArrayList<>();
    Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|(\\S+)").matcher(s);
    while (m.find()) {
      words.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
    }
    return words;
  }

  // ---- Airflow ----------------------------------------------------------------------------------

  static final String DAG_READER = String.join("\n",
      "import ast, json, sys",
      "tree = ast.parse(open(sys.argv[1], encoding='utf-8').read())",
      "out = {'operators': []}",
      "def value(n):",
      "    return n.value if isinstance(n, ast.Constant) else '<' + type(n).__name__ + '>'",
      "for node in ast.walk(tree):",
      "    if isinstance(node, ast.Call):",
      "        name = getattr(node.func, 'id', getattr(node.func, 'attr', ''))",
      "        kw = {k.arg: k.value for k in node.keywords if k.arg}",
      "        if name == 'SparkSubmitOperator':",
      "            args = kw.get('application_args')",
      "            out['operators'].append({'java_class': value(kw['java_class']),",
      "                'application_args': [value(a) for a in args.elts] if args is not None else []})",
      "        if name == 'DAG':",
      "            out['schedule'] = value(kw['schedule'])",
      "            out['max_active_runs'] = value(kw['max_active_runs'])",
      "print(json.dumps(out))");

  @Test
  void theAirflowDagIsValidPythonAndSubmitsTheRunCommand() throws Exception {
    Path dag = DEPLOY.resolve("airflow/migstat_daily.py");
    String text = Files.readString(dag, StandardCharsets.UTF_8);
    assertTrue(text.contains("from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator"));
    String javaClass;
    List<String> args = new ArrayList<>();
    if (python3Available()) {
      Process p = new ProcessBuilder("python3", "-c", DAG_READER, dag.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), "python3 could not parse the DAG:\n" + out);
      JsonNode json = new ObjectMapper().readTree(out);
      assertEquals(1, json.get("operators").size(), out);
      JsonNode op = json.get("operators").get(0);
      javaClass = op.get("java_class").asText();
      op.get("application_args").forEach(a -> args.add(a.asText()));
      assertEquals("0 2 * * *", json.get("schedule").asText());
      assertEquals(1, json.get("max_active_runs").asInt(), "runs must not overlap");
    } else {
      // No Python here: a structural check of the same facts.
      Matcher jc = Pattern.compile("java_class\\s*=\\s*\"([^\"]+)\"").matcher(text);
      assertTrue(jc.find(), "java_class");
      javaClass = jc.group(1);
      Matcher block = Pattern.compile("application_args\\s*=\\s*\\[(.*?)\\]", Pattern.DOTALL).matcher(text);
      assertTrue(block.find(), "application_args");
      Matcher item = Pattern.compile("\"([^\"]*)\"|([A-Z_]+)").matcher(block.group(1));
      while (item.find()) {
        args.add(item.group(1) != null ? item.group(1) : "<Name>");
      }
      assertTrue(text.contains("max_active_runs=1"));
    }
    assertEquals(MAIN, javaClass);
    List<String> tokens = new ArrayList<>(List.of(javaClass));
    tokens.addAll(args);
    List<String> used = assertRunsMigstat(tokens, "airflow DAG");
    assertTrue(used.contains("--as-of"), used.toString());
    assertEquals("{{ ds }}", args.get(args.indexOf("--as-of") + 1));
  }

  static boolean python3Available() {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  // ---- Kubernetes -------------------------------------------------------------------------------

  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(String file) throws IOException {
    try (var r = Files.newBufferedReader(DEPLOY.resolve(file), StandardCharsets.UTF_8)) {
      return (Map<String, Object>) new Yaml().load(r);
    }
  }

  @SuppressWarnings("unchecked")
  static <T> T at(Map<String, Object> m, String... path) {
    Object o = m;
    for (String k : path) {
      o = k.matches("\\d+") ? ((List<Object>) o).get(Integer.parseInt(k)) : ((Map<String, Object>) o).get(k);
      assertNotNull(o, "missing " + String.join(".", path));
    }
    return (T) o;
  }

  @Test
  void theKubernetesCronJobForbidsOverlapAndRunsTheRunCommand() throws Exception {
    Map<String, Object> job = yaml("kubernetes/migstat-cronjob.yaml");
    assertEquals("CronJob", job.get("kind"));
    assertEquals("batch/v1", job.get("apiVersion"));
    assertEquals("Forbid", at(job, "spec", "concurrencyPolicy"));
    assertEquals("0 2 * * *", at(job, "spec", "schedule"));
    Map<String, Object> container = at(job, "spec", "jobTemplate", "spec", "template", "spec", "containers", "0");
    List<String> command = new ArrayList<>((List<String>) container.get("command"));
    command.addAll((List<String>) container.get("args"));
    assertEquals(List.of("/bin/sh", "-c"), command.subList(0, 2));
    List<String> words = shellWords(String.join(" ", command.subList(2, command.size())));
    assertTrue(words.contains("--class"), words.toString());
    List<String> used = assertRunsMigstat(words, "CronJob");
    assertTrue(used.containsAll(List.of("--as-of", "--input", "--lakehouse")), used.toString());
  }

  @Test
  void theScheduledSparkApplicationForbidsOverlapAndRunsTheRunCommand() throws Exception {
    Map<String, Object> app = yaml("kubernetes/migstat-scheduledsparkapplication.yaml");
    assertEquals("ScheduledSparkApplication", app.get("kind"));
    assertEquals("Forbid", at(app, "spec", "concurrencyPolicy"));
    assertEquals(MAIN, at(app, "spec", "template", "mainClass"));
    List<String> tokens = new ArrayList<>(List.of(MAIN));
    tokens.addAll(at(app, "spec", "template", "arguments"));
    List<String> used = assertRunsMigstat(tokens, "ScheduledSparkApplication");
    assertTrue(used.containsAll(List.of("--input", "--lakehouse")), used.toString());
  }

  // ---- crontab ----------------------------------------------------------------------------------

  @Test
  void theCrontabLineHasFiveFieldsAndRunsTheRunCommand() throws Exception {
    List<String> entries = Files.readAllLines(DEPLOY.resolve("cron/migstat.crontab"), StandardCharsets.UTF_8).stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.matches("^[A-Z_]+=.*"))
        .toList();
    assertEquals(1, entries.size(), entries.toString());
    String[] parts = entries.get(0).split("\\s+", 6);
    assertEquals(6, parts.length, "five time fields and a command: " + entries.get(0));
    for (int i = 0; i < 5; i++) {
      assertTrue(parts[i].matches("[0-9*/,A-Za-z-]+"), "field " + (i + 1) + ": " + parts[i]);
    }
    assertEquals("0 2 * * *", String.join(" ", List.of(parts).subList(0, 5)));
    // In a crontab an unescaped % ends the command: every % must be escaped.
    assertFalse(parts[5].matches(".*(?<!\\\\)%.*"), "unescaped % in " + parts[5]);
    List<String> used = assertRunsMigstat(shellWords(parts[5].replace("&&", " && ")), "crontab");
    assertTrue(used.containsAll(List.of("--as-of", "--input", "--lakehouse")), used.toString());
  }

  @Test
  void theReadmeDocumentsEveryExample() throws Exception {
    String readme = Files.readString(DEPLOY.resolve("README.md"), StandardCharsets.UTF_8);
    for (String f : List.of("airflow/migstat_daily.py", "kubernetes/migstat-cronjob.yaml",
        "kubernetes/migstat-scheduledsparkapplication.yaml", "cron/migstat.crontab", "migstat schedule")) {
      assertTrue(readme.contains(f), "README.md does not mention " + f);
    }
  }
}
