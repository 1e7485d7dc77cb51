package org.migstat.conform;

import static org.apache.spark.sql.functions.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
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

  /** Mapping files: RFC 4180 with a header row; {@code #} lines are comments, blank lines are skipped. */
  public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
      .setHeader().setSkipHeaderRecord(true).setCommentMarker('#').setIgnoreEmptyLines(true)
      .setIgnoreSurroundingSpaces(true).get();

  /**
   * Rows of a mapping CSV as column-name maps. Reference data that cannot be read fails loudly: a missing file,
   * a malformed record or a row whose width differs from the header's is an {@link IllegalStateException}
   * naming the file and line.
   */
  public static List<Map<String, String>> load(String resource) {
    try (InputStream in = Mappings.class.getResourceAsStream("/mappings/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("mapping file mappings/" + resource + " is missing from the build");
      }
      return read(new InputStreamReader(in, StandardCharsets.UTF_8), "mappings/" + resource);
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalStateException("mapping file mappings/" + resource + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** Rows of a reference CSV (header row, {@code #} comments) as column-name maps; fails loudly on any bad row. */
  public static List<Map<String, String>> read(Reader reader, String what) throws IOException {
    java.io.BufferedReader r = new java.io.BufferedReader(reader);
    r.mark(1);
    if (r.read() != '\uFEFF') {
      r.reset();
    }
    try (CSVParser parser = CSVParser.parse(r, FORMAT)) {
      List<String> header = parser.getHeaderNames();
      if (header.isEmpty()) {
        throw new IllegalStateException(what + " has no header row");
      }
      List<Map<String, String>> rows = new ArrayList<>();
      for (CSVRecord rec : parser) {
        if (rec.size() != header.size()) {
          throw new IllegalStateException(what + " line " + parser.getCurrentLineNumber() + " has " + rec.size()
              + " fields where the header has " + header.size());
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          row.put(header.get(i).strip(), rec.get(i).strip());
        }
        rows.add(row);
      }
      return rows;
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
