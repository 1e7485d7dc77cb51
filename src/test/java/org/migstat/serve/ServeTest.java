package org.migstat.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.migstat.cli.ServeCommand;
import org.migstat.notebook.LakehouseFixture;
import org.migstat.testing.Locks;
import org.migstat.testing.SparkExtension;
import picocli.CommandLine;

/**
 * The Spark Connect server over a pipeline-built lakehouse, read by the Spark Connect JVM client in a
 * JVM of its own whose classpath has the client and none of classic Spark (what a statistician's
 * program has). In Spark 4.2 the two can share a classpath only through
 * {@code org.apache.spark.sql.connect.SparkSession.builder()}: the generic builder picks the classic
 * session when classic Spark is present, and spark-connect (the server) bundles the client classes.
 */
@ExtendWith(SparkExtension.class)
@ResourceLock(Locks.SPARK_CATALOG)
class ServeTest {
  static final String IDN_RESIDENTS =
      "SELECT residents FROM gold.permit_coverage WHERE ref_date = DATE'2024-03-13' AND citizenship = 'IDN'";

  @Test
  void aConnectClientReadsTheSameFiguresAsTheClassicSession(SparkSession spark, @TempDir Path tmp) throws Exception {
    LakehouseFixture.Built lh = LakehouseFixture.shared(spark);
    try (ConnectServer server = ConnectServer.start(spark, lh.lakehouse(), "127.0.0.1", 0)) {
      assertTrue(server.port() > 0);
      assertTrue(server.url().startsWith("sc://127.0.0.1:"), server.url());
      assertTrue(server.tables().containsAll(List.of("gold.permit_coverage", "gold.residents_stock", "ops.runs")),
          server.tables().toString());
      long residents = spark.sql(IDN_RESIDENTS).first().getLong(0);
      long version = spark.sql("SELECT output_versions['gold.permit_coverage'] FROM ops.runs WHERE run_id = '"
          + lh.firstRun() + "'").first().getLong(0);
      String timeTravel = "SELECT sum(residents) FROM gold.permit_coverage VERSION AS OF " + version
          + " WHERE ref_date = DATE'2024-02-29'";
      long released = spark.sql(timeTravel).first().getLong(0);

      Map<String, String> out = runClient(tmp, server.url(), IDN_RESIDENTS, timeTravel);
      assertEquals("false", out.get("CLASSIC_ON_CLASSPATH"), "the client JVM must not see classic Spark");
      assertEquals("org.apache.spark.sql.connect.SparkSession", out.get("SESSION"));
      assertEquals(Long.toString(residents), out.get("RESULT 1"));
      assertEquals(Long.toString(released), out.get("RESULT 2"));
    }
  }

  @Test
  void serveListensOnLoopbackByDefault() {
    CommandLine cl = new CommandLine(new ServeCommand());
    assertEquals("127.0.0.1", cl.getCommandSpec().findOption("--host").defaultValue());
    assertEquals("15002", cl.getCommandSpec().findOption("--port").defaultValue());
    assertTrue(ConnectServer.isLoopback("127.0.0.1"));
    assertTrue(ConnectServer.isLoopback("localhost"));
    assertTrue(ConnectServer.isLoopback("::1"));
    assertFalse(ConnectServer.isLoopback("0.0.0.0"));
  }

  /** Runs {@link ConnectClientProbe} in a new JVM with a client-only classpath; returns its KEY value lines. */
  static Map<String, String> runClient(Path tmp, String url, String... queries) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    // Arrow (the client's result format) needs the same --add-opens as Spark.
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions") || a.startsWith("-Dio.netty")) {
        cmd.add(a);
      }
    }
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, clientClasspath()));
    cmd.add(ConnectClientProbe.class.getName());
    cmd.add(url);
    cmd.addAll(List.of(queries));
    Path log = tmp.resolve("client.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!p.waitFor(240, TimeUnit.SECONDS)) {
        throw new AssertionError("the Connect client did not finish in 240 s; its log:\n" + tail(log));
      }
    } finally {
      p.destroyForcibly();
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "the Connect client failed; its log:\n" + tail(log));
    Map<String, String> out = new HashMap<>();
    for (String line : text.split("\n")) {
      java.util.regex.Matcher m = Pattern.compile("^(CLASSIC_ON_CLASSPATH|SESSION|RESULT \\d+) (.*)$").matcher(line);
      if (m.matches()) {
        out.put(m.group(1), m.group(2));
      }
    }
    return out;
  }

  /**
   * The test classpath without classic Spark, Delta, Hadoop and the project's own classes: the
   * spark-connect-client-jvm jar (which bundles Spark's SQL API and shades gRPC, Netty and Arrow) with
   * its own dependencies (spark-connect-shims, Scala, spark-common-utils, ...), plus the test classes
   * for the probe.
   */
  static List<String> clientClasspath() {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Pattern server = Pattern.compile("(spark-(core|sql|catalyst|sql-api|connect|pipelines|hive[a-z-]*|repl|launcher"
        + "|network-common|network-shuffle|kvstore|mllib[a-z-]*|graphx|streaming)_2\\.13-.*|delta-.*|hadoop-.*)\\.jar");
    List<String> out = new ArrayList<>();
    for (String e : cp.split(File.pathSeparator)) {
      String name = Path.of(e).getFileName().toString();
      if (e.endsWith(File.separator + "classes") || e.endsWith("/classes") || server.matcher(name).matches()) {
        continue;
      }
      out.add(e);
    }
    assertTrue(out.stream().anyMatch(e -> e.contains("spark-connect-client-jvm")), "the client jar is not on the test classpath");
    return out;
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (Exception e) {
      return "(no log)";
    }
  }
}
