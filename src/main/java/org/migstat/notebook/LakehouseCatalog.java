package org.migstat.notebook;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTableType;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalog;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import org.migstat.catalog.TableDef;
import org.migstat.catalog.Tables;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.publish.PublishJob;
import scala.Option;

/**
 * The one registration of a lakehouse's tables as {@code <layer>.<table>} in a session catalog, for
 * every layer ({@code bronze}, {@code silver}, {@code gold}, {@code ops}, {@code publish}): used by
 * {@code sql} (one-off, script and shell), {@code tables}, notebooks and {@code serve}. The
 * catalogued tables ({@link Tables#ALL}, {@link PublishJob#tables()}) plus any other Delta table
 * found under {@code <root>/<layer>/<table>}.
 *
 * <p>Registering a name costs a Delta snapshot, so the SQL commands register lazily: only the names a
 * statement mentions ({@link #registerReferenced}), each once per session. Names registered for
 * another location (a second lakehouse in the same JVM) are dropped first: catalog entries only, never
 * data (the tables are external).
 */
public final class LakehouseCatalog {
  private LakehouseCatalog() {}

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  public static final List<String> LAYERS = List.of("bronze", "silver", "gold", "ops", "publish");
  /** {@code gold.x}, {@code `gold`.`x`}, {@code gold . x}: a layer-qualified name in SQL text. */
  private static final Pattern QUALIFIED = Pattern.compile(
      "(?i)(?<![\\w.`])`?(bronze|silver|gold|ops|publish)`?\\s*\\.\\s*`?([a-z_][a-z0-9_]*)`?");
  /** A layer named on its own ({@code SHOW TABLES IN gold}): every table of it is registered. */
  private static final Pattern BARE_LAYER = Pattern.compile(
      "(?i)(?<![\\w.`])`?(bronze|silver|gold|ops|publish)`?(?!\\s*\\.)(?![\\w`])");

  private static final Pattern LITERALS_AND_COMMENTS = Pattern.compile(
      "'(?:[^'\\\\]|\\\\.|'')*'|\"(?:[^\"\\\\]|\\\\.|\"\")*\"|--[^\n]*|/\\*(?s:.*?)\\*/");

  /** One table of the lakehouse: its catalogue definition when it has one. */
  public record Entry(String layer, String name, Optional<TableDef> definition) {
    public String qualifiedName() {
      return layer + "." + name;
    }

    /** The catalogue definition, or a stand-in naming the table's place (for its path and version only). */
    public TableDef table() {
      return definition.orElseGet(() -> new TableDef(layer, name, "", "", List.of()));
    }

    /** The first sentence of the table's comment, or "" for a table the catalogue does not declare. */
    public String description() {
      return definition.map(t -> t.comment().split("(?<=\\.)\\s", 2)[0]).orElse("");
    }
  }

  /** Every table the code declares, by qualified name (cases and publish tables included). */
  public static Map<String, TableDef> catalogued() {
    Map<String, TableDef> all = new LinkedHashMap<>();
    Tables.ALL.forEach(t -> all.putIfAbsent(t.qualifiedName(), t));
    PublishJob.tables().forEach(t -> all.putIfAbsent(t.qualifiedName(), t));
    return all;
  }

  /**
   * The tables under the root (a folder {@code <root>/<layer>/<table>/_delta_log}), sorted by layer
   * then name. A listing of folders: no Spark job, no Delta snapshot.
   */
  public static List<Entry> list(SparkSession spark, String root) {
    Map<String, TableDef> declared = catalogued();
    List<Entry> out = new ArrayList<>();
    for (String[] lt : discover(spark, new Lakehouse(spark, root).root())) {
      out.add(new Entry(lt[0], lt[1], Optional.ofNullable(declared.get(lt[0] + "." + lt[1]))));
    }
    out.sort(Comparator.comparingInt((Entry e) -> LAYERS.indexOf(e.layer())).thenComparing(Entry::name));
    return out;
  }

  /** Registers every table under the root; returns their qualified names, sorted by layer then name. */
  public static List<String> register(SparkSession spark, String root) {
    List<Entry> all = list(spark, root);
    registerEntries(spark, root, all);
    return all.stream().map(Entry::qualifiedName).toList();
  }

  /**
   * Registers only the tables a SQL text mentions ({@code gold.permit_coverage}; a bare layer name as
   * in {@code SHOW TABLES IN gold} means all of that layer), the others staying unregistered. Returns
   * the qualified names registered (those that exist).
   */
  public static List<String> registerReferenced(SparkSession spark, String root, String sql) {
    Set<String> wanted = referenced(sql);
    if (wanted.isEmpty()) {
      return List.of();
    }
    List<Entry> hits = list(spark, root).stream()
        .filter(e -> wanted.contains(e.qualifiedName()) || wanted.contains(e.layer()))
        .toList();
    registerEntries(spark, root, hits);
    return hits.stream().map(Entry::qualifiedName).toList();
  }

  /** Lower-case {@code layer.table} names, and bare layer names, a SQL text mentions (what would be registered). */
  public static Set<String> registeredNames(String sql) {
    return referenced(sql);
  }

  static Set<String> referenced(String text) {
    // String literals and comments name no table.
    String sql = LITERALS_AND_COMMENTS.matcher(text).replaceAll(" ");
    Set<String> out = new LinkedHashSet<>();
    Matcher m = QUALIFIED.matcher(sql);
    while (m.find()) {
      out.add(m.group(1).toLowerCase(Locale.ROOT) + "." + m.group(2).toLowerCase(Locale.ROOT));
    }
    Matcher b = BARE_LAYER.matcher(sql);
    while (b.find()) {
      out.add(b.group(1).toLowerCase(Locale.ROOT));
    }
    return out;
  }

  private static void registerEntries(SparkSession spark, String root, List<Entry> entries) {
    Lakehouse lh = new Lakehouse(spark, root);
    unregisterOthers(spark, lh.root());
    List<TableDef> declared = new ArrayList<>();
    for (Entry e : entries) {
      if (e.definition().isPresent()) {
        declared.add(e.definition().get());
      } else {
        spark.sql("CREATE DATABASE IF NOT EXISTS " + e.layer());
        // Layer and name match [a-z][a-z0-9_]*; the location is a path, escaped as a literal.
        spark.sql("CREATE TABLE IF NOT EXISTS " + e.qualifiedName() + " USING delta LOCATION '"
            + (lh.root() + "/" + e.layer() + "/" + e.name()).replace("\\", "\\\\").replace("'", "\\'") + "'");
      }
    }
    lh.registerExisting(declared);
  }

  /** {@code [layer, table]} for each folder {@code <root>/<layer>/<table>/_delta_log}. */
  static List<String[]> discover(SparkSession spark, String root) {
    List<String[]> out = new ArrayList<>();
    try {
      Path r = new Path(root);
      FileSystem fs = r.getFileSystem(spark.sparkContext().hadoopConfiguration());
      for (String layer : LAYERS) {
        Path dir = new Path(r, layer);
        if (!fs.exists(dir)) {
          continue;
        }
        for (FileStatus st : fs.listStatus(dir)) {
          String name = st.getPath().getName();
          if (st.isDirectory() && NAME.matcher(name).matches() && hasCommit(fs, new Path(st.getPath(), "_delta_log"))) {
            out.add(new String[] {layer, name});
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list the lakehouse " + root + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** True when a Delta log folder holds at least one commit (a table, not a half-created folder). */
  private static boolean hasCommit(FileSystem fs, Path log) throws IOException {
    if (!fs.exists(log)) {
      return false;
    }
    for (FileStatus st : fs.listStatus(log)) {
      if (st.getPath().getName().matches("\\d{20}\\.(json|checkpoint.*parquet)")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Drops the catalog entries in the layer databases that do not point at {@code <root>/<layer>/<table>}
   * (left by another lakehouse in the same JVM), so SQL and SHOW TABLES see this lakehouse only. Only
   * EXTERNAL entries are dropped, and through the session catalog without purge: metadata, never data.
   */
  private static void unregisterOthers(SparkSession spark, String root) {
    if (!(spark instanceof org.apache.spark.sql.classic.SparkSession classic)) {
      return;
    }
    SessionCatalog catalog = classic.sessionState().catalog();
    ExternalCatalog external = classic.sharedState().externalCatalog();
    for (String layer : LAYERS) {
      if (!external.databaseExists(layer)) {
        continue;
      }
      for (String table : scala.jdk.javaapi.CollectionConverters.asJava(external.listTables(layer))) {
        CatalogTable t = external.getTable(layer, table);
        if (!CatalogTableType.EXTERNAL().equals(t.tableType())) {
          continue;
        }
        if (!Lakehouse.sameLocation(spark, t.location(), root + "/" + layer + "/" + table)) {
          catalog.dropTable(new TableIdentifier(table, Option.apply(layer)), true, false);
        }
      }
    }
  }
}
