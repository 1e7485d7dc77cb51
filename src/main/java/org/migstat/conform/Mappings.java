package org.migstat.conform;

import static org.apache.spark.sql.functions.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * Code lists a statistician can read and extend: CSV files under {@code src/main/resources/mappings}.
 * Lookups compare normalised text (lower case, trimmed, runs of spaces, hyphens, underscores and dots
 * folded to one space), so "Phnom-Penh", " PHNOM PENH " and "phnom penh" are one key.
 * An unknown value maps to NULL; the quality rules turn that into a named quarantine reason rather
 * than a silent "Other".
 */
public final class Mappings {
  private Mappings() {}

  public static String normalise(String s) {
    return s == null ? null : s.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s\\-_.]+", " ").strip();
  }

  /** The same normalisation as {@link #normalise(String)}, as a Spark column. */
  public static Column normalised(Column c) {
    return trim(regexp_replace(lower(trim(c)), "[\\s\\-_.]+", " "));
  }

  /** Rows of a mapping CSV as column-name maps (simple CSV: no quoted commas in mapping files). */
  public static List<Map<String, String>> load(String resource) {
    try (InputStream in = Mappings.class.getResourceAsStream("/mappings/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("mapping file mappings/" + resource + " is missing from the build");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String[] header = r.readLine().replace("\uFEFF", "").split(",", -1);
      List<Map<String, String>> rows = new ArrayList<>();
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] v = line.split(",", -1);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
          row.put(header[i].strip(), i < v.length ? v[i].strip() : "");
        }
        rows.add(row);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** key column (normalised) to value column, from a mapping file. */
  public static Map<String, String> dictionary(String resource, String keyColumn, String valueColumn) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Map<String, String> row : load(resource)) {
      m.putIfAbsent(normalise(row.get(keyColumn)), row.get(valueColumn));
    }
    return m;
  }

  /** Looks a raw value up in a dictionary; NULL when blank or unknown. */
  public static Column lookup(Map<String, String> dictionary, Column raw) {
    Column keys = array(dictionary.keySet().stream().map(k -> lit(k)).toArray(Column[]::new));
    Column values = array(dictionary.values().stream().map(v -> lit(v)).toArray(Column[]::new));
    return try_element_at(map_from_arrays(keys, values), normalised(raw));
  }

  public static Column citizenship(Column raw) {
    return lookup(Holder.CITIZENSHIP, raw);
  }

  public static Column province(Column raw) {
    return lookup(Holder.PROVINCE, raw);
  }

  public static Column isicSection(Column raw) {
    return lookup(Holder.ISIC, raw);
  }

  public static Column permitReason(Column raw) {
    return lookup(Holder.REASON, raw);
  }

  public static Column permitMappingVersion(Column raw) {
    return lookup(Holder.REASON_VERSION, raw);
  }

  /** Loaded once per JVM, on first use. */
  private static final class Holder {
    static final Map<String, String> CITIZENSHIP = dictionary("citizenship.csv", "variant", "iso3");
    static final Map<String, String> PROVINCE = dictionary("province.csv", "variant", "province_code");
    static final Map<String, String> ISIC = dictionary("isic_section.csv", "code", "section");
    static final Map<String, String> REASON = dictionary("permit_reason.csv", "permit_type", "reason");
    static final Map<String, String> REASON_VERSION = dictionary("permit_reason.csv", "permit_type", "mapping_version");
  }
}
