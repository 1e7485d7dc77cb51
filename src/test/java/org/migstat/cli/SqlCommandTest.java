package org.migstat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.migstat.notebook.LakehouseCatalog;
import org.migstat.notebook.LakehouseFixture;
import org.migstat.testing.Locks;
import org.migstat.testing.SparkExtension;

/** `migstat sql` and `migstat tables` on the small fixture lakehouse: every layer, JSON values, scripts, the shell's input rules. */
@ExtendWith(SparkExtension.class)
@ResourceLock(Locks.SPARK_CATALOG)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlCommandTest {
  SparkSession spark;
  String lakehouse;

  @BeforeAll
  void build() {
    spark = SparkExtension.spark();
    lakehouse = LakehouseFixture.shared(spark).lakehouse();
  }

  long pathCount(String layerTable) {
    return spark.read().format("delta").load(lakehouse + "/" + layerTable.replace('.', '/')).count();
  }

  @Test
  void publishedTablesAndTheDisclosureAuditAnswer() {
    CliRun r = CliRun.of(null, "sql", "--lakehouse", lakehouse,
        "SELECT count(*) AS n FROM publish.permit_coverage; SELECT count(*) AS n FROM ops.disclosure_audit");
    assertEquals(0, r.exitCode(), r.err());
    long published = pathCount("publish.permit_coverage");
    assertTrue(published > 0);
    assertEquals(List.of("n", Long.toString(published), "n", Long.toString(pathCount("ops.disclosure_audit"))),
        r.out().lines().toList());
  }

  @Test
  void arraysMapsAndStructsPrintAsJson() {
    CliRun r = CliRun.of(null, "sql", "--lakehouse", lakehouse,
        "SELECT array('a', 'b') AS a, map('k', 1) AS m, named_struct('x', 1.5D, 'y', 'z') AS s, 2.50BD AS d");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(List.of("a,m,s,d", "\"[\"\"a\"\",\"\"b\"\"]\",\"{\"\"k\"\":1}\",\"{\"\"x\"\":1.5,\"\"y\"\":\"\"z\"\"}\",2.50"),
        r.out().lines().toList());
  }

  @Test
  void aQuarantineRuleListIsJsonNotScala() {
    CliRun r = CliRun.of(null, "sql", "--lakehouse", lakehouse,
        "SELECT failed_rules FROM ops.quarantine WHERE size(failed_rules) > 0 LIMIT 1");
    assertEquals(0, r.exitCode(), r.err());
    String value = r.out().lines().skip(1).findFirst().orElseThrow();
    assertTrue(value.startsWith("\"[\"\"") || value.startsWith("[\""), value);
    assertFalse(value.contains("ArraySeq"), value);
  }

  @Test
  void aScriptOnStandardInputRunsEveryStatementAndCommand() {
    String script = """
        -- a report
        SELECT count(*) AS runs
          FROM ops.runs;
        .tables publish
        SELECT 'x;y' AS s;   SELECT 2 AS two
        """;
    CliRun r = CliRun.of(script, "sql", "--lakehouse", lakehouse);
    assertEquals(0, r.exitCode(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals("runs", lines.get(0));
    assertEquals(Long.toString(pathCount("ops.runs")), lines.get(1));
    String description = LakehouseCatalog.catalogued().get("publish.permit_coverage").comment()
        .split("(?<=\\.)\\s", 2)[0];
    assertTrue(lines.stream().anyMatch(l -> l.matches("publish\\.permit_coverage +" + java.util.regex.Pattern.quote(description))),
        r.out());
    assertTrue(lines.stream().noneMatch(l -> l.startsWith("gold.")), ".tables publish lists one layer: " + r.out());
    assertTrue(lines.containsAll(List.of("s", "x;y", "two", "2")), r.out());
  }

  @Test
  void aFailingScriptStatementIsNamedInOneSentence() {
    CliRun r = CliRun.of("SELECT 1 AS one;\nSELECT * FROM gold.no_such_table;\nSELECT 3;\n", "sql", "--lakehouse", lakehouse);
    assertEquals(1, r.exitCode());
    assertTrue(r.err().startsWith("migstat: statement 2 failed: "), r.err());
    assertFalse(r.out().contains("3"), r.out());
  }

  @Test
  void onlyTheTablesAStatementNamesAreRegistered() {
    assertEquals(Set.of("gold.permit_coverage", "publish.first_permits"), LakehouseCatalog.registeredNames(
        "SELECT * FROM gold.permit_coverage g JOIN `publish`.`first_permits` p ON 'ops.runs' = 'x'"));
    assertEquals(Set.of("gold"), LakehouseCatalog.registeredNames("SHOW TABLES IN gold"));
    List<String> registered = LakehouseCatalog.registerReferenced(spark, lakehouse, "SELECT * FROM publish.permit_coverage");
    assertEquals(List.of("publish.permit_coverage"), registered);
  }

  @Test
  void theShellRunsAStatementOnlyOnceItEndsWithASemicolon() {
    assertFalse(SqlShell.complete("SELECT 1"));
    assertFalse(SqlShell.complete("SELECT ';'"));
    assertFalse(SqlShell.complete("SELECT 'it''s"));
    assertTrue(SqlShell.complete("SELECT 1;"));
    assertTrue(SqlShell.complete("SELECT 1\n  FROM x; -- done"));
    assertTrue(SqlShell.complete(".tables"));
    assertTrue(SqlShell.complete("   "));
  }

  @Test
  void theShellCommandsDescribeAndQuit() {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    SqlSession s = new SqlSession(spark, lakehouse, new java.io.PrintStream(buf, true));
    assertTrue(s.execute(".describe gold.permit_coverage", SqlSession.Format.TABLE));
    assertTrue(buf.toString().contains("coverage_pct"), buf.toString());
    assertFalse(s.execute(".quit", SqlSession.Format.TABLE));
  }

  @Test
  void aOneOffSessionInterpretsSmallReadsWithTheSameAnswers() {
    String query = "SELECT flag, count(*) AS n, sum(value) AS v FROM publish.permit_coverage GROUP BY flag ORDER BY flag";
    String wholeStage = spark.conf().get("spark.sql.codegen.wholeStage");
    String factory = spark.conf().get("spark.sql.codegen.factoryMode", "FALLBACK");
    try {
      String plain = csv(new SqlSession(spark, lakehouse, null), query);
      assertEquals(wholeStage, spark.conf().get("spark.sql.codegen.wholeStage"), "a plain session sets nothing");

      String interpreted = csv(new SqlSession(spark, lakehouse, null).interpretingSmallReads(), query);
      assertEquals("NO_CODEGEN", spark.conf().get("spark.sql.codegen.factoryMode"));
      assertEquals("false", spark.conf().get("spark.sql.codegen.wholeStage"));
      assertEquals(plain, interpreted);
      assertTrue(plain.lines().count() > 1, plain);

      // Tables above the bound: generated code, as Spark does by default.
      String compiled = csv(new SqlSession(spark, lakehouse, null).interpretingReadsBelow(1), query);
      assertEquals("FALLBACK", spark.conf().get("spark.sql.codegen.factoryMode"));
      assertEquals("true", spark.conf().get("spark.sql.codegen.wholeStage"));
      assertEquals(plain, compiled);
    } finally {
      spark.conf().set("spark.sql.codegen.wholeStage", wholeStage);
      spark.conf().set("spark.sql.codegen.factoryMode", factory);
    }
  }

  static String csv(SqlSession session, String query) {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    session.withOutput(new java.io.PrintStream(buf, true)).execute(query, SqlSession.Format.CSV);
    return buf.toString();
  }

  @Test
  void tablesListsEveryLayerWithCounts() {
    CliRun all = CliRun.of(null, "tables", "--lakehouse", lakehouse, "--no-counts");
    assertEquals(0, all.exitCode(), all.err());
    for (String t : List.of("bronze.residents", "silver.permits", "gold.permit_coverage", "ops.runs",
        "ops.disclosure_audit", "publish.permit_coverage")) {
      assertTrue(all.out().lines().anyMatch(l -> l.startsWith(t + " ")), t + " missing in\n" + all.out());
    }
    CliRun ops = CliRun.of(null, "tables", "--lakehouse", lakehouse, "--layer", "ops");
    assertEquals(0, ops.exitCode(), ops.err());
    String runs = ops.out().lines().filter(l -> l.startsWith("ops.runs ")).findFirst().orElseThrow();
    assertEquals(Long.toString(pathCount("ops.runs")), runs.split("\\s+")[1].replace(",", ""));
  }
}
