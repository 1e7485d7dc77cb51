package org.migstat.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.migstat.catalog.Tables;
import org.migstat.ingest.IngestException;
import org.migstat.lakehouse.Lakehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "sql", mixinStandardHelpOptions = true,
    description = {
        "Spark SQL over the lakehouse tables (bronze.*, silver.*, gold.*, ops.*, publish.*).",
        "With a query: run it and print CSV. Without one: an interactive shell on one warm session (statements",
        "end with ';'; .tables, .describe TABLE, .quit), or, with standard input redirected, a script of",
        "statements (bin/migstat sql < report.sql). Arrays and maps print as JSON.",
        "Example: bin/migstat sql \"SELECT * FROM gold.permit_coverage WHERE citizenship = 'IDN' ORDER BY ref_date\""})
public final class SqlCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(paramLabel = "QUERY", arity = "0..1",
      description = "Spark SQL (several statements: separate them with ';'). Omit it for the shell or a script on stdin.")
  String query;

  @Override
  public Integer call() throws IOException {
    // In a JVM that already has a session (tests, an embedding program) that one is used, and not stopped.
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = ownSession ? Spark.start("sql", common.verbose) : SparkSession.getDefaultSession().get();
    try {
      Lakehouse lh = new Lakehouse(spark, common.lakehouseRoot());
      if (!lh.exists(Tables.RUNS)) {
        throw new IngestException("no lakehouse at " + lh.root() + " yet: run `bin/migstat run` first");
      }
      SqlSession shell = new SqlSession(spark, lh.root(), System.out);
      // A one-off query or a script in a session of its own: small reads are interpreted (SqlSession).
      SqlSession session = ownSession ? shell.interpretingSmallReads() : shell;
      if (query != null) {
        session.execute(query, SqlSession.Format.CSV);
        return 0;
      }
      if (System.console() == null) {
        session.script(new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
        return 0;
      }
      // Load Delta's classes and a first snapshot while the user types the first statement.
      Thread warm = new Thread(() -> {
        try {
          shell.register("ops.runs");
          spark.sql("SELECT count(*) FROM ops.runs").collectAsList();
        } catch (RuntimeException ignored) {
          // only a warm-up: the user's own statement reports any problem
        }
      }, "migstat-sql-warmup");
      warm.setDaemon(true);
      warm.start();
      return SqlShell.run(shell, lh.root());
    } finally {
      if (ownSession) {
        spark.stop();
      }
    }
  }
}
