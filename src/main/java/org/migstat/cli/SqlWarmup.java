package org.migstat.cli;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.migstat.catalog.Tables;
import org.migstat.lakehouse.Lakehouse;

/**
 * The workload {@code bin/migstat} records its class-data-sharing archive from (once per build): a start
 * loads some 20,000 classes, and reading them from the archive instead of 200 jars halves a one-off
 * query's time. It makes a tiny lakehouse in the folder it is given (never the user's), then runs what a
 * one-off {@code sql} and {@code tables} run on it: Spark's start, Delta's log with a checkpoint, the
 * registration of the tables a statement names, a GROUP BY, a count and CSV printing. A write path is
 * exercised on the way (the table is made with INSERTs), which {@code run} starts faster with too.
 *
 * <p>Not a command: {@code java -XX:ArchiveClassesAtExit=... org.migstat.cli.SqlWarmup DIR}. Exits 0 when
 * every step worked; the launcher keeps the archive only then.
 */
final class SqlWarmup {
  private SqlWarmup() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: SqlWarmup EMPTY_FOLDER");
      System.exit(2);
    }
    String root = args[0];
    Logs.toFile(Logs.logDir(root), "sql-warmup");
    SparkSession spark = Spark.start("sql", false);
    try {
      new Lakehouse(spark, root).ensure(List.of(Tables.RUNS));
      String table = "delta.`" + new Lakehouse(spark, root).root().replace("`", "``") + "/gold/warmup`";
      spark.sql("CREATE TABLE " + table + " (ref_date DATE, citizenship STRING, sex STRING, residents BIGINT, "
          + "breakdown MAP<STRING, STRING>, rules ARRAY<STRING>) USING delta "
          + "TBLPROPERTIES ('delta.checkpointInterval' = '2')");
      for (int i = 0; i < 3; i++) {
        spark.sql("INSERT INTO " + table + " SELECT date_add(DATE'2024-01-31', CAST(id % 3 AS INT)), "
            + "element_at(array('IDN', 'PHL', 'VNM'), CAST(id % 3 AS INT) + 1), IF(id % 2 = 0, 'F', 'M'), id + " + i
            + ", map('k', CAST(id AS STRING)), array('rule_a') FROM range(60)");
      }
    } finally {
      spark.stop(); // the commands below start their own session, as they do from the command line
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
    }
    int code = Main.commandLine().execute("sql", "--lakehouse", root,
        "SELECT citizenship, sex, count(*) AS n, sum(residents) AS residents, max(ref_date) AS last "
            + "FROM gold.warmup WHERE ref_date >= DATE'2024-01-31' GROUP BY citizenship, sex ORDER BY n DESC, citizenship;"
            + "SELECT count(*) AS n FROM gold.warmup;"
            + "SELECT * FROM gold.warmup ORDER BY residents LIMIT 3;"
            + "SELECT run_id FROM ops.runs");
    if (code == 0) {
      code = Main.commandLine().execute("tables", "--lakehouse", root);
    }
    System.exit(code);
  }
}
