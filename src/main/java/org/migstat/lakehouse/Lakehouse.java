package org.migstat.lakehouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.tables.DeltaTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.migstat.catalog.TableDef;
import org.migstat.catalog.Tables;

/**
 * The lakehouse root: tables live at {@code <root>/<layer>/<name>} and are registered as
 * {@code <layer>.<name>} in the session catalog so SQL can use those names.
 */
public final class Lakehouse {
  private final SparkSession spark;
  private final String root;

  public Lakehouse(SparkSession spark, String root) {
    this.spark = spark;
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  public SparkSession spark() {
    return spark;
  }

  public String root() {
    return root;
  }

  public String path(TableDef t) {
    return root + "/" + t.layer() + "/" + t.name();
  }

  /** True when the table has a Delta log with at least one commit (one listing, no Spark job). */
  public boolean exists(TableDef t) {
    return version(t) >= 0;
  }

  /**
   * Creates missing tables with their documented schema. The jobs read and write tables by path; names
   * in the session catalog are for SQL (the sql, notebook and serve commands: {@link #registerExisting}).
   * Registering costs a Delta snapshot per table, and the embedded catalog forgets it when the JVM ends.
   */
  public Lakehouse ensure(List<TableDef> tables) {
    for (TableDef t : tables) {
      if (!exists(t)) {
        createEmpty(t);
      }
    }
    return this;
  }

  /**
   * Creates an empty table by writing its first commit — protocol and metadata, as the Delta protocol
   * (PROTOCOL.md) lays them out and as {@code DeltaTable.createIfNotExists} writes them for our tables:
   * reader 1, writer 2, no table properties — or, for the tables whose changes gold reads ({@link
   * #CHANGE_FEED_LAYERS}), writer 4 and {@code delta.enableChangeDataFeed}. The builder gives the same log but
   * runs a snapshot job per table, ~2 s each on 2 cores, and a new lakehouse has 50 tables. The commit file
   * is created exclusively: a concurrent creator gets "already exists", as with Delta's own commit.
   */
  void createEmpty(TableDef t) {
    Path log = new Path(path(t), "_delta_log");
    ObjectMapper json = new ObjectMapper();
    long now = System.currentTimeMillis();
    boolean changeFeed = CHANGE_FEED_LAYERS.contains(t.layer());
    ObjectNode commitInfo = json.createObjectNode();
    commitInfo.put("timestamp", now).put("operation", "CREATE TABLE");
    commitInfo.putObject("operationParameters")
        .put("partitionBy", json.valueToTree(t.partitionBy()).toString())
        .put("description", t.comment())
        .put("isManaged", "false")
        .put("properties", changeFeed
            ? "{\"" + CHANGE_FEED + "\":\"true\",\"" + DELETION_VECTORS + "\":\"true\"}" : "{}");
    commitInfo.put("isBlindAppend", true).put("engineInfo", "migstat (Delta protocol commit 0)");
    ObjectNode protocol = json.createObjectNode();
    if (changeFeed) {
      // Table features (reader 3, writer 7): writer 4's features (the change feed among them, as Delta lists
      // them when it upgrades such a table) and deletion vectors, so that a MERGE of a day's records marks the
      // replaced rows instead of rewriting every file they sit in.
      protocol.put("minReaderVersion", 3).put("minWriterVersion", 7);
      protocol.putArray("readerFeatures").add("deletionVectors");
      protocol.putArray("writerFeatures").add("appendOnly").add("invariants").add("checkConstraints")
          .add("changeDataFeed").add("generatedColumns").add("deletionVectors");
    } else {
      protocol.put("minReaderVersion", 1).put("minWriterVersion", 2);
    }
    ObjectNode metaData = json.createObjectNode()
        .put("id", java.util.UUID.randomUUID().toString())
        .put("description", t.comment());
    metaData.putObject("format").put("provider", "parquet").putObject("options");
    metaData.put("schemaString", t.schema().json());
    metaData.set("partitionColumns", json.valueToTree(t.partitionBy()));
    ObjectNode configuration = metaData.putObject("configuration");
    if (changeFeed) {
      configuration.put(CHANGE_FEED, "true");
      configuration.put(DELETION_VECTORS, "true");
    }
    metaData.put("createdTime", now);
    String commit = json.createObjectNode().set("commitInfo", commitInfo) + "\n"
        + json.createObjectNode().set("protocol", protocol) + "\n"
        + json.createObjectNode().set("metaData", metaData) + "\n";
    try {
      var fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.mkdirs(log);
      try (var out = fs.create(new Path(log, String.format("%020d.json", 0)), false)) {
        out.write(commit.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      // created meanwhile by another writer: the table exists, which is all we need
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create the table " + t.qualifiedName() + " at " + path(t) + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Layers whose tables record Delta's change data feed: a run reads silver's changes since gold was last
   * built (the rows each MERGE changed, old and new versions) to know which gold slices can move.
   */
  public static final java.util.Set<String> CHANGE_FEED_LAYERS = java.util.Set.of("silver");
  static final String CHANGE_FEED = "delta.enableChangeDataFeed";
  static final String DELETION_VECTORS = "delta.enableDeletionVectors";

  /** Switches the change data feed on for a table created before it was (from its next commit on). */
  public void enableChangeFeed(TableDef t) {
    spark.sql("ALTER TABLE delta.`" + path(t).replace("`", "``") + "` SET TBLPROPERTIES ('" + CHANGE_FEED
        + "' = 'true')");
  }

  /** Registers the tables that exist under the root (read-only commands: never creates anything). */
  public Lakehouse registerExisting(List<TableDef> tables) {
    for (TableDef t : tables) {
      if (exists(t)) {
        register(t);
      }
    }
    return this;
  }

  /**
   * Points {@code layer.name} at this lakehouse's table, unless it already points there. The
   * registration is external (a LOCATION), so dropping an older registration never touches data. The
   * location is a path, not data: safe as a literal.
   */
  private void register(TableDef t) {
    if (registeredHere(t)) {
      return;
    }
    spark.sql("CREATE DATABASE IF NOT EXISTS " + t.layer());
    spark.sql("DROP TABLE IF EXISTS " + t.qualifiedName());
    spark.sql("CREATE TABLE " + t.qualifiedName() + " USING delta LOCATION '" + path(t).replace("'", "\\'") + "'");
  }

  /** True when the catalog already has the name, pointing at this table (a metadata lookup, no Delta read). */
  private boolean registeredHere(TableDef t) {
    if (!(spark instanceof org.apache.spark.sql.classic.SparkSession classic)) {
      return false;
    }
    var external = classic.sharedState().externalCatalog();
    if (!external.databaseExists(t.layer()) || !external.tableExists(t.layer(), t.name())) {
      return false;
    }
    return sameLocation(spark, external.getTable(t.layer(), t.name()).location(), path(t));
  }

  /** True when a catalog location and a path (or URI) name the same folder, once qualified and normalised. */
  public static boolean sameLocation(SparkSession spark, java.net.URI location, String path) {
    try {
      Path p = new Path(path);
      String qualified = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(p).toUri()
          .normalize().toString();
      return strip(location.normalize().toString()).equals(strip(qualified));
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  private static String strip(String uri) {
    String u = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    return u.replaceFirst("^file:///", "file:/");
  }

  public Dataset<Row> read(TableDef t) {
    return spark.read().format("delta").load(path(t));
  }

  public DeltaTable delta(TableDef t) {
    return DeltaTable.forPath(spark, path(t));
  }

  /**
   * Current Delta version of a table, or -1 when it does not exist yet. Read from the names of the
   * commit files in {@code _delta_log} (one listing, no Spark job): this is asked for every table twice a run.
   */
  public long version(TableDef t) {
    Path log = new Path(path(t), "_delta_log");
    try {
      var fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(log)) {
        return -1;
      }
      long max = -1;
      for (var st : fs.listStatus(log)) {
        String n = st.getPath().getName();
        if (n.matches("\\d{20}\\.json")) {
          max = Math.max(max, Long.parseLong(n.substring(0, 20)));
        }
      }
      return max;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read the Delta log of " + t.qualifiedName() + ": " + e.getMessage(), e);
    }
  }

  public Map<String, Long> versions(List<TableDef> tables) {
    Map<String, Long> v = new LinkedHashMap<>();
    for (TableDef t : tables) {
      v.put(t.qualifiedName(), version(t));
    }
    return v;
  }

  /** True when the root folder can be listed or created; used for a clear error before Spark starts work. */
  public static boolean reachable(SparkSession spark, String root) {
    try {
      Path p = new Path(root);
      var fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return !fs.exists(p) || fs.getFileStatus(p).isDirectory();
    } catch (Exception e) {
      return false;
    }
  }

  /** Orders a frame's columns like the table's schema, so writes never depend on transform column order. */
  public static Dataset<Row> conformTo(Dataset<Row> rows, TableDef t) {
    return rows.select(java.util.Arrays.stream(t.schema().fields())
        .map(StructField::name)
        .map(n -> rows.col(n).cast(t.schema().apply(n).dataType()).as(n))
        .toArray(org.apache.spark.sql.Column[]::new));
  }

  public static List<TableDef> allTables() {
    return Tables.ALL;
  }
}
