package org.migstat.catalog;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * A lakehouse table, documented where it is declared (house style 7).
 *
 * @param layer   bronze, silver, gold, ops or publish: the SQL schema and the folder under the root
 * @param name    table name inside the layer
 * @param comment what the table holds, its grain (one row per ...) and its idempotency key
 * @param ddl     explicit schema with a comment on every column
 * @param partitionBy partition columns (may be empty)
 */
public record TableDef(String layer, String name, String comment, String ddl, List<String> partitionBy) {
  public String qualifiedName() {
    return layer + "." + name;
  }

  public StructType schema() {
    return StructType.fromDDL(ddl);
  }

  public String[] columnNames() {
    return schema().fieldNames();
  }
}
