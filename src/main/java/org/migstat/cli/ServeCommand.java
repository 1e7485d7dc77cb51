package org.migstat.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.migstat.serve.ConnectServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {
        "Serve the lakehouse over Spark Connect: notebooks and programs (PySpark, the Spark Connect JVM client)",
        "connect to sc://HOST:PORT and query every layer (bronze.*, silver.*, gold.*, ops.*, publish.*) with Spark SQL,",
        "Delta time travel included.",
        "Listens on loopback only unless --host says otherwise. Stop with Ctrl-C.",
        "Example (PySpark >= 4): SparkSession.builder.remote(\"sc://127.0.0.1:15002\").getOrCreate()"})
public final class ServeCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ConnectServer.DEFAULT_PORT,
      description = "TCP port (default: ${DEFAULT-VALUE}, Spark Connect's usual port).")
  int port;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = ConnectServer.DEFAULT_HOST,
      description = "Address to listen on (default: ${DEFAULT-VALUE}). Anything but loopback lets every machine "
          + "that reaches it read the lakehouse: the server has no authentication of its own.")
  String host;

  @Override
  public Integer call() throws InterruptedException {
    if (!ConnectServer.isLoopback(host)) {
      System.err.println("migstat: WARNING: serving on " + host + ", not loopback: anyone who can reach this "
          + "address can read every table, bronze included");
    }
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = ownSession ? Spark.start("serve", common.verbose) : SparkSession.getDefaultSession().get();
    ConnectServer server = null;
    try {
      org.migstat.lakehouse.Lakehouse lh = new org.migstat.lakehouse.Lakehouse(spark, common.lakehouseRoot());
      if (!lh.exists(org.migstat.catalog.Tables.RUNS)) {
        throw new IllegalStateException("no lakehouse at " + lh.root() + " yet: run `bin/migstat run` first");
      }
      try {
        if (ownSession) {
          ConnectServer.isolateClientArtifacts();
        }
        server = ConnectServer.start(spark, common.lakehouseRoot(), host, port);
      } catch (NoClassDefFoundError e) {
        throw new IllegalStateException("this migstat has no Spark Connect server (spark-connect is not on the "
            + "classpath; bin/migstat has it, the cluster job jar does not)", e);
      }
      ConnectServer running = server;
      Thread stopper = new Thread(running::close, "migstat-serve-stop");
      Runtime.getRuntime().addShutdownHook(stopper);
      System.out.printf("Spark Connect server on %s, serving %d tables of %s:%n", server.url(),
          server.tables().size(), common.lakehouseRoot());
      System.out.println("  " + String.join(", ", server.tables()));
      System.out.println("Connect with PySpark: SparkSession.builder.remote(\"" + server.url() + "\").getOrCreate()");
      System.out.println("New versions written by later runs are seen at once; tables created later need a restart. Ctrl-C stops.");
      System.out.flush();
      server.awaitTermination();
      return 0;
    } finally {
      if (server != null) {
        server.close();
      }
      if (ownSession) {
        spark.stop();
      }
    }
  }
}
