package org.migstat.cli;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.migstat.catalog.Tables;
import org.migstat.lakehouse.Lakehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "sql", mixinStandardHelpOptions = true,
    description = {"Run Spark SQL against the lakehouse tables (bronze.*, silver.*, gold.*, ops.*) and print CSV.",
        "Example: bin/migstat sql \"SELECT * FROM gold.permit_coverage WHERE citizenship = 'IDN' ORDER BY ref_date\""})
public final class SqlCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(paramLabel = "QUERY", description = "A Spark SQL query.")
  String query;

  @Override
  public Integer call() {
    SparkSession spark = Spark.start("sql", common.verbose);
    try {
      new Lakehouse(spark, common.lakehouseRoot()).registerExisting(Tables.ALL);
      Dataset<Row> result = spark.sql(query);
      printCsv(System.out, result);
      return 0;
    } finally {
      spark.stop();
    }
  }

  static void printCsv(PrintStream out, Dataset<Row> rows) {
    out.println(String.join(",", java.util.Arrays.stream(rows.columns()).map(SqlCommand::csv).toList()));
    Iterator<Row> it = rows.toLocalIterator();
    StringBuilder line = new StringBuilder();
    while (it.hasNext()) {
      Row r = it.next();
      line.setLength(0);
      for (int i = 0; i < r.size(); i++) {
        if (i > 0) {
          line.append(',');
        }
        line.append(r.isNullAt(i) ? "" : csv(String.valueOf(r.get(i))));
      }
      out.println(line);
    }
    out.flush();
  }

  static String csv(String v) {
    return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
        ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }
}
