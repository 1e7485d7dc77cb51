package org.migstat.serve;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a statistician's program does with only the Spark Connect client on its classpath: connect,
 * run SQL, read the answer. {@link ServeTest} starts it in a JVM of its own.
 * Arguments: the server URL, then queries; prints one line per fact for the test to read.
 */
public final class ConnectClientProbe {
  private ConnectClientProbe() {}

  public static void main(String[] args) throws Exception {
    boolean classic;
    try {
      Class.forName("org.apache.spark.sql.classic.SparkSession");
      classic = true;
    } catch (ClassNotFoundException e) {
      classic = false;
    }
    System.out.println("CLASSIC_ON_CLASSPATH " + classic);
    // The generic builder: with only the client jar it gives a Spark Connect session.
    SparkSession spark = SparkSession.builder().remote(args[0]).getOrCreate();
    try {
      System.out.println("SESSION " + spark.getClass().getName());
      for (int i = 1; i < args.length; i++) {
        List<Row> rows = spark.sql(args[i]).collectAsList();
        System.out.println("RESULT " + i + " " + (rows.isEmpty() ? "none" : String.valueOf(rows.get(0).get(0))));
      }
    } finally {
      spark.close();
    }
  }
}
