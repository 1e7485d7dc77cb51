package org.migstat.serve;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connect.service.SparkConnectService;
import org.apache.spark.sql.connect.service.SparkConnectService$;
import org.migstat.notebook.LakehouseCatalog;
import scala.Option;

/**
 * A Spark Connect server over the lakehouse: the session's tables ({@code gold.*}, {@code silver.*},
 * {@code ops.*}, ...) registered, then Spark's own gRPC service started on the given address, as
 * Spark's {@code SparkConnectServer} main does. Clients (PySpark, the Spark Connect JVM client,
 * notebooks) connect to {@link #url()} and get a session of their own that sees the same tables,
 * Delta time travel included. One server per JVM (Spark's service is a singleton).
 */
public final class ConnectServer implements AutoCloseable {
  public static final int DEFAULT_PORT = 15002;
  public static final String DEFAULT_HOST = "127.0.0.1";

  private final InetSocketAddress address;
  private final String host;
  private final List<String> tables;

  private ConnectServer(InetSocketAddress address, String host, List<String> tables) {
    this.address = address;
    this.host = host;
    this.tables = tables;
  }

  /**
   * Registers the lakehouse tables in the session catalog and starts the service.
   *
   * @param port TCP port; 0 picks a free one (see {@link #port()})
   */
  public static ConnectServer start(SparkSession spark, String lakehouseRoot, String host, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be between 0 and 65535, not " + port);
    }
    List<String> tables = LakehouseCatalog.register(spark, lakehouseRoot);
    // The service reads its address from the SparkEnv conf when it starts, so an existing session can serve too.
    SparkConf conf = SparkEnv.get().conf();
    conf.set("spark.connect.grpc.binding.address", host);
    conf.set("spark.connect.grpc.binding.port", Integer.toString(port));
    try {
      SparkConnectService.start(spark.sparkContext());
    } catch (RuntimeException e) {
      throw new IllegalStateException("the Spark Connect server could not listen on " + host + ":" + port + ": "
          + rootCause(e), e);
    }
    InetSocketAddress bound = SparkConnectService$.MODULE$.bindingAddress();
    return new ConnectServer(bound, host, tables);
  }

  /**
   * As Spark's SparkConnectServer does for a session it creates: each client's uploaded artifacts (UDF
   * classes, jars) stay in that client's session. Call before {@link #start} on a session made for serving.
   */
  public static void isolateClientArtifacts() {
    SparkConf conf = SparkEnv.get().conf();
    conf.set("spark.sql.artifact.isolation.enabled", "true");
    conf.set("spark.sql.artifact.isolation.alwaysApplyClassloader", "true");
  }

  /** True for 127.0.0.0/8, ::1 and localhost: the only addresses served without a warning. */
  public static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--host " + host + " is not an address of this machine", e);
    }
  }

  public int port() {
    return address.getPort();
  }

  /** What a client connects to: {@code sc://127.0.0.1:15002}. */
  public String url() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "sc://" + h + ":" + port();
  }

  /** Tables the clients see, e.g. gold.permit_coverage. */
  public List<String> tables() {
    return tables;
  }

  /** Blocks until the server is shut down (Ctrl-C, or {@link #close()} from another thread). */
  public void awaitTermination() throws InterruptedException {
    SparkConnectService$.MODULE$.server().awaitTermination();
  }

  @Override
  public void close() {
    SparkConnectService.stop(Option.empty(), Option.empty());
  }

  /** The first line of the innermost cause (for a port in use: "Address already in use"). */
  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
