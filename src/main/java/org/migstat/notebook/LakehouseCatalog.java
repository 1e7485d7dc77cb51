package org.migstat.notebook;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
import org.migstat.catalog.CaseTables;
import org.migstat.catalog.TableDef;
import org.migstat.catalog.Tables;
import org.migstat.lakehouse.Lakehouse;
import scala.Option;

/**
 * Makes {@code <layer>.<table>} in SQL mean the tables of one lakehouse root: the catalogued tables
 * through {@link Lakehouse#registerExisting}, plus any other Delta table found under
 * {@code <root>/<layer>/<table>} (gold tables added after this class was written). Names registered
 * for another location (a second lakehouse in the same JVM) are dropped first: catalog entries only,
 * never data (the tables are external).
 */
public final class LakehouseCatalog {
  private LakehouseCatalog() {}

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  static final List<String> LAYERS = List.of("bronze", "silver", "gold", "ops", "publish");

  /** Registers every Delta table under the root; returns their qualified names, sorted by layer then name. */
  public static List<String> register(SparkSession spark, String root) {
    Lakehouse lh = new Lakehouse(spark, root);
    List<TableDef> catalogued = new ArrayList<>(Tables.ALL);
    CaseTables.ALL.stream().filter(t -> catalogued.stream().noneMatch(c -> c.qualifiedName().equals(t.qualifiedName())))
        .forEach(catalogued::add);
    Set<String> present = new LinkedHashSet<>();
    List<TableDef> existing = new ArrayList<>();
    for (TableDef t : catalogued) {
      if (lh.exists(t)) {
        existing.add(t);
        present.add(t.qualifiedName());
      }
    }
    List<String[]> discovered = new ArrayList<>();
    for (String[] lt : discover(spark, lh.root())) {
      if (present.add(lt[0] + "." + lt[1])) {
        discovered.add(lt);
      }
    }
    unregisterOthers(spark, lh.root());
    lh.registerExisting(existing);
    for (String[] lt : discovered) {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + lt[0]);
      // Layer and name match [a-z][a-z0-9_]*; the location is a path, escaped as a literal.
      spark.sql("CREATE TABLE IF NOT EXISTS " + lt[0] + "." + lt[1] + " USING delta LOCATION '"
          + (lh.root() + "/" + lt[0] + "/" + lt[1]).replace("\\", "\\\\").replace("'", "\\'") + "'");
    }
    List<String> out = new ArrayList<>(present);
    out.sort((a, b) -> {
      int la = LAYERS.indexOf(a.substring(0, a.indexOf('.')));
      int lb = LAYERS.indexOf(b.substring(0, b.indexOf('.')));
      return la != lb ? Integer.compare(la, lb) : a.compareTo(b);
    });
    return out;
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
          if (st.isDirectory() && NAME.matcher(name).matches() && fs.exists(new Path(st.getPath(), "_delta_log"))) {
            out.add(new String[] {layer, name});
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list the lakehouse " + root + ": " + e.getMessage(), e);
    }
    return out;
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
