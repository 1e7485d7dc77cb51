package org.migstat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migstat.notebook.LakehouseFixture;
import org.migstat.testing.SparkExtension;

/**
 * The job jar on a real Spark standalone cluster, started from Maven's Spark jars on 127.0.0.1: a
 * master and two workers (1 core, 1 GB each) in their own JVMs, a SPARK_HOME whose jars/ links to a
 * plain Spark resolution (Spark and its dependencies, nothing of migstat), and
 * {@code SparkSubmit --class org.migstat.cli.Main migstat-<version>-job.jar run ...} in client mode.
 * The same run then goes through the local launcher path (target/classes + target/classpath.txt, as
 * bin/migstat does); gold and silver must be identical apart from run_id.
 *
 * <p>The job jar is the one {@code ./mvnw -Pcluster package} makes; this test builds it (a nested
 * Maven run into target/cluster) when it is missing or older than the sources. Every process it
 * starts is stopped, by its id, in finally; every wait is bounded.
 */
class StandaloneClusterIT {
  static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);
  static final Duration CLUSTER_TIMEOUT = Duration.ofMinutes(3);
  /**
   * {@code -Dmigstat.cluster.samples=true}: both runs on the bundled samples (about 1.7 million records) instead
   * of the small two-delivery fixture. On 2 cores that is two runs of several minutes each, beyond the default
   * build's time budget, so it is opt-in: {@code ./mvnw verify -Dit.test=StandaloneClusterIT -Dtest=none
   * -Dsurefire.failIfNoSpecifiedTests=false -Dmigstat.cluster.samples=true}.
   */
  static final boolean ON_SAMPLES = Boolean.getBoolean("migstat.cluster.samples");
  static final Duration JOB_TIMEOUT = Duration.ofMinutes(ON_SAMPLES ? 60 : 15);

  @TempDir Path tmp;
  final List<Process> started = new ArrayList<>();
  final Map<Process, Path> logOf = new java.util.HashMap<>();
  final List<Process> daemons = new ArrayList<>();

  @Test
  void theJobJarComputesTheSameGoldOnAClusterAsLocally() throws Exception {
    Path base = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    SparkSession spark = SparkExtension.spark();
    try {
      long t0 = System.nanoTime();
      Path jobJar = jobJar(base);
      double buildSecs = secs(t0);
      List<Path> sparkJars = sparkDistribution(base, spark.version());
      assertJobJarIsLean(jobJar, sparkJars);

      Path sparkHome = Files.createDirectories(tmp.resolve("spark-home"));
      Path jarsDir = Files.createDirectories(sparkHome.resolve("jars"));
      for (Path j : sparkJars) {
        Path link = jarsDir.resolve(j.getFileName());
        if (!Files.exists(link)) {
          Files.createSymbolicLink(link, j);
        }
      }
      String sparkCp = jarsDir + File.separator + "*";

      Path inputCluster = tmp.resolve("input-cluster");
      Path inputLocal = tmp.resolve("input-local");
      if (ON_SAMPLES) {
        Path samples = Path.of(System.getProperty("migstat.samples", base.resolve("data-samples").toString()));
        LakehouseFixture.copyTree(samples, inputCluster);
        LakehouseFixture.copyTree(samples, inputLocal);
      } else {
        LakehouseFixture.writeAll(inputCluster);
        LakehouseFixture.writeAll(inputLocal);
      }
      Path lhCluster = tmp.resolve("lakehouse-cluster");
      Path lhLocal = tmp.resolve("lakehouse-local");

      // ---- the cluster ----------------------------------------------------------------------
      long t1 = System.nanoTime();
      int masterPort = freePort();
      int masterUi = freePort();
      Map<String, String> env = Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.13",
          "SPARK_LOCAL_IP", "127.0.0.1", "SPARK_LOCAL_HOSTNAME", "127.0.0.1");
      daemons.add(start("master", env, java(sparkCp, "-Xmx512m", "-Dspark.master.rest.enabled=false",
          "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "" + masterPort,
          "--webui-port", "" + masterUi)));
      String master = "spark://127.0.0.1:" + masterPort;
      for (int w = 1; w <= 2; w++) {
        Path workDir = Files.createDirectories(tmp.resolve("worker-" + w));
        daemons.add(start("worker-" + w, env, java(sparkCp, "-Xmx512m", "org.apache.spark.deploy.worker.Worker",
            "--host", "127.0.0.1", "--port", "" + freePort(), "--webui-port", "" + freePort(),
            "--cores", "1", "--memory", "1g", "--work-dir", workDir.toString(), master)));
      }
      awaitWorkers(masterUi, 2);
      double clusterSecs = secs(t1);

      // ---- the job on the cluster, and the same run locally, side by side -------------------------
      // Independent inputs and lakehouses: the two runs share nothing but the machine, so the test waits for
      // the longer of the two instead of their sum. Each run's wall time is taken from its own exit.
      Path classpathTxt = base.resolve("target/classpath.txt");
      assertTrue(Files.exists(classpathTxt), "target/classpath.txt is missing: run ./mvnw package first");
      long t2 = System.nanoTime();
      // On the small fixture (a few dozen rows) both runs take two shuffle partitions, one per executor core of the
      // cluster, as the test JVM's session does, instead of the CLI's 8: each partition is a task on every stage of
      // every query, all overhead on so few rows (the samples keep the CLI's default).
      String partitions = "-Dmigstat.shuffle.partitions=" + (ON_SAMPLES ? "8" : "2");
      Process submit = start("spark-submit", env, java(sparkCp, "-Xmx1g", partitions,
          "org.apache.spark.deploy.SparkSubmit", "--master", master, "--deploy-mode", "client",
          "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
          "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.memory=640m", "--conf", "spark.executor.cores=1",
          "--conf", "spark.executor.extraJavaOptions=-XX:-DontCompileHugeMethods",
          "--class", "org.migstat.cli.Main", jobJar.toString(),
          "run", "--as-of", LakehouseFixture.AS_OF.toString(), "--input", inputCluster.toString(),
          "--lakehouse", lhCluster.toString()));
      Process local = start("local-run", Map.of(), java(base.resolve("target/classes") + File.pathSeparator
              + Files.readString(classpathTxt).strip(), "-Xmx2g", partitions, "org.migstat.cli.Main",
          "run", "--as-of", LakehouseFixture.AS_OF.toString(), "--input", inputLocal.toString(),
          "--lakehouse", lhLocal.toString()));
      CompletableFuture<Long> submitEnd = submit.onExit().thenApply(p -> System.nanoTime());
      CompletableFuture<Long> localEnd = local.onExit().thenApply(p -> System.nanoTime());
      await(submit, "spark-submit", JOB_TIMEOUT);
      await(local, "the local run", JOB_TIMEOUT);
      double submitSecs = (submitEnd.get() - t2) / 1e9;
      double localSecs = (localEnd.get() - t2) / 1e9;
      List<String> executorDirs = executorDirs();
      assertFalse(executorDirs.isEmpty(), "no executor ran on the workers");

      // ---- same tables --------------------------------------------------------------------------
      List<String> compared = new ArrayList<>();
      for (String layer : List.of("gold", "publish", "silver")) {
        for (String table : deltaTables(lhLocal.resolve(layer))) {
          assertSame(spark, lhLocal.resolve(layer).resolve(table), lhCluster.resolve(layer).resolve(table));
          compared.add(layer + "." + table);
        }
        assertEquals(deltaTables(lhLocal.resolve(layer)), deltaTables(lhCluster.resolve(layer)), layer + " tables differ");
      }
      assertTrue(compared.containsAll(List.of("gold.residents_stock", "gold.permit_holders_stock", "gold.first_permits",
          "gold.permit_coverage", "publish.residents_by_citizenship", "publish.permit_coverage")), compared.toString());
      assertTrue(spark.read().format("delta").load(lhCluster.resolve("gold/permit_coverage").toString()).count() > 0,
          "the cluster run wrote an empty gold.permit_coverage");

      String summary = String.format("StandaloneClusterIT on " + (ON_SAMPLES ? "the bundled samples" : "the small "
              + "two-delivery fixture") + ": job jar %s (%.0f s to build or check); master + 2 workers "
              + "up in %.1f s; spark-submit run on the cluster %.1f s (executors: %s); same run locally (launcher "
              + "classpath, local[*]) %.1f s, both at once on this machine; identical apart from run_id: %s",
          jobJar.getFileName(), buildSecs, clusterSecs, submitSecs, executorDirs, localSecs, compared);
      System.out.println(summary);
      Files.writeString(base.resolve("target").resolve("cluster-it-timings.txt"), summary + "\n");
    } finally {
      stopAll();
    }
  }

  // ---- the job jar --------------------------------------------------------------------------

  /**
   * target/migstat-<version>-job.jar, built with {@code ./mvnw -Pcluster package} (into target/cluster,
   * leaving target/classes alone) when it is missing or older than pom.xml or a file under src/main.
   */
  Path jobJar(Path base) throws Exception {
    Path target = base.resolve("target");
    Path jar = newestJobJar(target);
    long sources = newest(base.resolve("src/main"));
    sources = Math.max(sources, Files.getLastModifiedTime(base.resolve("pom.xml")).toMillis());
    if (jar == null || Files.getLastModifiedTime(jar).toMillis() < sources) {
      Process build = start("job-jar-build", Map.of(), List.of(base.resolve("mvnw").toString(), "-B", "-q", "-Pcluster",
          "-Dmaven.test.skip=true", "package"), base);
      await(build, "./mvnw -Pcluster package", BUILD_TIMEOUT);
      jar = newestJobJar(target);
    }
    assertTrue(jar != null, "./mvnw -Pcluster package made no target/*-job.jar");
    return jar;
  }

  static Path newestJobJar(Path target) throws IOException {
    if (!Files.isDirectory(target)) {
      return null;
    }
    try (Stream<Path> s = Files.list(target)) {
      return s.filter(p -> p.getFileName().toString().endsWith("-job.jar"))
          .max(java.util.Comparator.comparingLong(p -> p.toFile().lastModified())).orElse(null);
    }
  }

  static long newest(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().lastModified()).max().orElse(0);
    }
  }

  /** A jar that repeats classes Spark ships would shadow or clash with the cluster's own. */
  static void assertJobJarIsLean(Path jobJar, List<Path> sparkJars) throws IOException {
    Set<String> jobClasses = classes(jobJar);
    assertTrue(jobClasses.contains("org/migstat/cli/Main.class"));
    assertTrue(jobClasses.contains("io/delta/storage/LogStore.class"), "delta-storage is not in the job jar");
    assertTrue(jobClasses.contains("org/apache/spark/sql/delta/sources/DeltaDataSource.class"), "Delta is not in the job jar");
    try (JarFile jar = new JarFile(jobJar.toFile())) {
      assertEquals("org.migstat.cli.Main", jar.getManifest().getMainAttributes().getValue("Main-Class"));
      String services = new String(jar.getInputStream(
          jar.getEntry("META-INF/services/org.apache.spark.sql.sources.DataSourceRegister")).readAllBytes(),
          StandardCharsets.UTF_8);
      assertTrue(services.contains("org.apache.spark.sql.delta.sources.DeltaDataSource"), services);
      assertTrue(jar.stream().noneMatch(e -> e.getName().matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)")),
          "signature files must be stripped");
    }
    Set<String> clash = new TreeSet<>();
    for (Path j : sparkJars) {
      for (String c : classes(j)) {
        if (jobClasses.contains(c)) {
          clash.add(j.getFileName() + " " + c);
        }
      }
    }
    assertTrue(clash.isEmpty(), "the job jar bundles classes Spark already ships; add their artifacts to the shade "
        + "excludes of the cluster profile in pom.xml: " + clash.stream().limit(10).toList());
  }

  static Set<String> classes(Path jar) throws IOException {
    Set<String> out = new HashSet<>();
    try (JarFile j = new JarFile(jar.toFile())) {
      j.stream().map(e -> e.getName())
          .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class"))
          .forEach(out::add);
    }
    return out;
  }

  /** Spark and its dependencies as Maven resolves them for a project that depends on Spark alone. */
  List<Path> sparkDistribution(Path base, String sparkVersion) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("spark-distribution"));
    Files.writeString(dir.resolve("pom.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>org.migstat.it</groupId>
          <artifactId>spark-distribution</artifactId>
          <version>1</version>
          <dependencies>
            <dependency><groupId>org.apache.spark</groupId><artifactId>spark-sql_2.13</artifactId><version>%1$s</version></dependency>
            <dependency><groupId>org.apache.spark</groupId><artifactId>spark-core_2.13</artifactId><version>%1$s</version></dependency>
          </dependencies>
        </project>
        """.formatted(sparkVersion));
    Path cpFile = dir.resolve("classpath.txt");
    Process p = start("spark-distribution", Map.of(), List.of(base.resolve("mvnw").toString(), "-B", "-q",
        "-f", dir.resolve("pom.xml").toString(), "dependency:build-classpath",
        "-Dmdep.outputFile=" + cpFile, "-Dmdep.includeScope=runtime"), base);
    await(p, "resolving Spark's jars", Duration.ofMinutes(5));
    List<Path> jars = new ArrayList<>();
    for (String e : Files.readString(cpFile).strip().split(File.pathSeparator)) {
      jars.add(Path.of(e));
    }
    assertTrue(jars.stream().anyMatch(j -> j.getFileName().toString().startsWith("spark-core_2.13-")), jars.toString());
    return jars;
  }

  // ---- comparing tables -----------------------------------------------------------------------

  static List<String> deltaTables(Path layer) throws IOException {
    if (!Files.isDirectory(layer)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(layer)) {
      return s.filter(p -> Files.isDirectory(p.resolve("_delta_log"))).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static void assertSame(SparkSession spark, Path expectedPath, Path actualPath) {
    Dataset<Row> expected = spark.read().format("delta").load(expectedPath.toString()).drop("run_id");
    Dataset<Row> actual = spark.read().format("delta").load(actualPath.toString()).drop("run_id");
    long missing = expected.exceptAll(actual).count();
    long extra = actual.exceptAll(expected).count();
    if (missing != 0 || extra != 0) {
      fail(expectedPath.getParent().getFileName() + "." + expectedPath.getFileName() + ": " + missing
          + " rows of the local run are not in the cluster run, " + extra + " rows of the cluster run are not in the "
          + "local run; first differences: local " + expected.exceptAll(actual).limit(3).collectAsList()
          + " cluster " + actual.exceptAll(expected).limit(3).collectAsList());
    }
  }

  // ---- processes --------------------------------------------------------------------------

  static List<String> java(String classpath, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
          || a.startsWith("-XX:-DontCompileHugeMethods") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")) {
        cmd.add(a);
      }
    }
    List<String> rest = new ArrayList<>(List.of(args));
    // JVM options (-X..., -D...) before the class path and main class.
    while (!rest.isEmpty() && rest.get(0).startsWith("-")) {
      cmd.add(rest.remove(0));
    }
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.addAll(rest);
    return cmd;
  }

  Process start(String name, Map<String, String> env, List<String> cmd) throws IOException {
    return start(name, env, cmd, tmp);
  }

  Process start(String name, Map<String, String> env, List<String> cmd, Path cwd) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
        .redirectOutput(tmp.resolve(name + ".log").toFile());
    // The runs must not pick up a key or settings from the environment of whoever runs the build.
    pb.environment().keySet().removeIf(k -> k.startsWith("MIGSTAT_") || k.startsWith("SPARK_"));
    pb.environment().putAll(env);
    Process p = pb.start();
    started.add(p);
    logOf.put(p, tmp.resolve(name + ".log"));
    return p;
  }

  void await(Process p, String what, Duration timeout) throws Exception {
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      fail(what + " did not finish in " + timeout.toMinutes() + " min; its log:\n" + tail(p));
    }
    if (p.exitValue() != 0) {
      fail(what + " exited with " + p.exitValue() + "; its log:\n" + tail(p));
    }
  }

  String tail(Process p) {
    Path log = logOf.get(p);
    return log == null ? "(no log)" : tailOf(log);
  }

  static String tailOf(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /** Polls the master's JSON status page (loopback) until the workers are ALIVE. */
  void awaitWorkers(int masterUi, int workers) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + CLUSTER_TIMEOUT.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      for (Process p : daemons) {
        if (!p.isAlive()) {
          fail("a cluster process stopped early; logs:\n" + daemons.stream().map(d -> logOf.get(d).getFileName() + ":\n"
              + tail(d) + "\n").reduce("", String::concat));
        }
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUi + "/json/"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        last = r.body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)").matcher(last);
        if (m.find() && Integer.parseInt(m.group(1)) >= workers) {
          return;
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(1000);
    }
    fail("the workers did not register with the master in " + CLUSTER_TIMEOUT.toMinutes() + " min; last status: " + last);
  }

  /** app-id/executor-id folders the workers created: proof the job's tasks ran in executors. */
  List<String> executorDirs() throws IOException {
    List<String> out = new ArrayList<>();
    for (int n = 1; n <= 2; n++) {
      String w = "worker-" + n;
      Path work = tmp.resolve(w);
      try (Stream<Path> apps = Files.list(work)) {
        for (Path app : apps.toList()) {
          try (Stream<Path> execs = Files.list(app)) {
            execs.forEach(e -> out.add(w + "/" + app.getFileName() + "/" + e.getFileName()));
          }
        }
      }
    }
    return out;
  }

  /** Stops every process this test started (and their children, e.g. executors), by process id. */
  void stopAll() {
    List<Process> reversed = new ArrayList<>(started);
    java.util.Collections.reverse(reversed);
    for (Process p : reversed) {
      List<ProcessHandle> children = p.descendants().toList();
      p.destroy();
      children.forEach(ProcessHandle::destroy);
    }
    for (Process p : reversed) {
      try {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
          p.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static double secs(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
