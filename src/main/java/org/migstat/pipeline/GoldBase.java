package org.migstat.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.migstat.catalog.TableDef;
import org.migstat.lakehouse.Lakehouse;

/**
 * The silver versions a gold table was computed from, kept in the table's own Delta commit (the commit's
 * {@code userMetadata}), so that they are true of the table's content whatever happened afterwards: a run
 * killed after writing gold but before the ledger leaves the ledger behind, never the commit. A table brought
 * up to date by difference subtracts the changed persons' rows at exactly these versions.
 */
final class GoldBase {
  private GoldBase() {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "migstat_inputs";

  /** The userMetadata of a gold commit: the Delta version of each input table read. */
  static String metadata(Map<String, Long> inputVersions) {
    try {
      return JSON.writeValueAsString(Map.of(KEY, new TreeMap<>(inputVersions)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The input versions named by the table's latest commit; null when that commit names none (a table written
   * before commits carried them, created empty, or changed by something other than a gold build).
   */
  static Map<String, Long> of(Lakehouse lh, TableDef table) {
    long version = lh.version(table);
    if (version < 0) {
      return null;
    }
    Path commit = new Path(new Path(lh.path(table), "_delta_log"), String.format("%020d.json", version));
    try (InputStream in = commit.getFileSystem(lh.spark().sparkContext().hadoopConfiguration()).open(commit)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        JsonNode info = line.isBlank() ? null : JSON.readTree(line).get("commitInfo");
        if (info != null && info.hasNonNull("userMetadata")) {
          JsonNode inputs = JSON.readTree(info.get("userMetadata").asText()).get(KEY);
          return inputs == null ? null : JSON.convertValue(inputs, new TypeReference<Map<String, Long>>() {});
        }
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null; // unreadable or foreign metadata: the caller recomputes
    }
  }

  /**
   * The persons ({@code person_id}) of every row the inputs' change feeds hold between {@code base} and
   * {@code now} (old and new versions of each changed record). Throws when a feed does not cover the range.
   */
  static List<String> changedPersons(Lakehouse lh, List<TableDef> inputs, Map<String, Long> base,
                                     Map<String, Long> now) {
    org.apache.spark.sql.Dataset<Row> all = null;
    for (TableDef t : inputs) {
      long from = base.get(t.qualifiedName());
      long to = now.get(t.qualifiedName());
      if (to < from) {
        throw new IllegalStateException(t.qualifiedName() + " is at version " + to + ", before " + from);
      }
      if (to == from) {
        continue;
      }
      org.apache.spark.sql.Dataset<Row> persons = lh.spark().read().format("delta").option("readChangeFeed", "true")
          .option("startingVersion", from + 1).option("endingVersion", to).load(lh.path(t)).select("person_id");
      all = all == null ? persons : all.union(persons);
    }
    List<String> out = new ArrayList<>();
    if (all != null) {
      for (Row r : all.distinct().collectAsList()) {
        out.add(r.getString(0));
      }
    }
    return out;
  }
}
