package org.migstat.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.migstat.catalog.Dimension;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.catalog.Text;

/**
 * Bilingual labels of dimension codes: the catalogue's own code list, or the mapping file a dimension names in
 * {@link Dimension#labelsFrom()} (read from {@code mappings/} on the classpath). Mapping files are read
 * defensively: missing file, unknown columns, comment lines ({@code #...}), a BOM, quoted fields and variant rows
 * (several spellings of one code) all fall back to something sensible; a code without a label shows as itself.
 */
public final class Labels {
  private Labels() {}

  /** dimension → code → label, for the codes given (totals get {@link Dimension#TOTAL_LABEL}). */
  public static Map<String, Map<String, Text>> resolve(Map<String, ? extends Collection<String>> codesByDimension) {
    Map<String, Map<String, Text>> out = new LinkedHashMap<>();
    codesByDimension.forEach((dim, codes) -> out.put(dim, resolve(dim, codes)));
    return out;
  }

  static Map<String, Text> resolve(String dimension, Collection<String> codes) {
    Dimension d = IndicatorCatalog.DIMENSIONS.get(dimension);
    Map<String, Text> fromFile = d == null || d.labelsFrom() == null ? Map.of() : fromMappingFile(d.labelsFrom(), codes);
    Map<String, Text> labels = new LinkedHashMap<>();
    for (String code : codes) {
      Text t;
      if (Dimension.TOTAL.equals(code)) {
        t = Dimension.TOTAL_LABEL;
      } else if (d != null && d.codes() != null && d.codes().containsKey(code)) {
        t = d.codes().get(code);
      } else {
        t = fromFile.getOrDefault(code, Text.of(code, code));
      }
      labels.put(code, t);
    }
    return labels;
  }

  /** The label of a dimension itself (its name when the catalogue does not know it). */
  public static Text dimensionLabel(String dimension) {
    Dimension d = IndicatorCatalog.DIMENSIONS.get(dimension);
    return d == null ? Text.of(humanise(dimension), humanise(dimension)) : d.label();
  }

  static String humanise(String name) {
    String s = name.replace('_', ' ').strip();
    return s.isEmpty() ? name : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /**
   * Labels from a mapping CSV. The code column is the one that matches most of the published codes (files
   * differ: {@code iso3}, {@code province_code}, {@code section}, {@code code}); English labels come from
   * {@code label_en} (else a {@code *name*} or {@code *label*} column), Indonesian from {@code label_id} (else
   * the English one). The first row with a non-blank label wins for each code.
   */
  static Map<String, Text> fromMappingFile(String file, Collection<String> codes) {
    List<List<String>> rows = readCsv("mappings/" + file);
    if (rows.size() < 2) {
      return Map.of();
    }
    List<String> header = rows.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    Set<String> wanted = Set.copyOf(codes);
    int en = firstColumn(header, "label_en", "name_en", "en");
    if (en < 0) {
      en = columnContaining(header, "label", "name");
    }
    int id = firstColumn(header, "label_id", "name_id", "label_ind", "label_in");
    int keyCol = -1;
    int best = 0;
    for (int c = 0; c < header.size(); c++) {
      if (c == en || c == id) {
        continue;
      }
      final int col = c;
      long hits = rows.stream().skip(1).filter(r -> col < r.size() && wanted.contains(r.get(col).strip()))
          .map(r -> r.get(col).strip()).distinct().count();
      if (hits > best) {
        best = (int) hits;
        keyCol = c;
      }
    }
    if (keyCol < 0 || en < 0) {
      return Map.of();
    }
    Map<String, Text> out = new LinkedHashMap<>();
    for (List<String> r : rows.subList(1, rows.size())) {
      String code = cell(r, keyCol);
      String le = cell(r, en);
      String li = id >= 0 ? cell(r, id) : "";
      if (code.isEmpty() || le.isEmpty() || out.containsKey(code)) {
        continue;
      }
      out.put(code, Text.of(le, li.isEmpty() ? le : li));
    }
    return out;
  }

  private static String cell(List<String> r, int c) {
    return c >= 0 && c < r.size() ? r.get(c).strip() : "";
  }

  private static int firstColumn(List<String> header, String... names) {
    for (String n : names) {
      int i = header.indexOf(n);
      if (i >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static int columnContaining(List<String> header, String... parts) {
    for (String p : parts) {
      for (int i = 0; i < header.size(); i++) {
        if (header.get(i).contains(p)) {
          return i;
        }
      }
    }
    return -1;
  }

  /** Mapping files as labels read them: RFC 4180 through Commons CSV; {@code #} lines are comments. */
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setCommentMarker('#').setIgnoreEmptyLines(true)
      .get();

  /**
   * The records of a mapping file on the classpath (none when the file does not exist: a dimension without
   * labels). A file that exists but cannot be read fails loudly: reference data is never silently dropped.
   */
  static List<List<String>> readCsv(String resource) {
    ClassLoader cl = Thread.currentThread().getContextClassLoader() != null
        ? Thread.currentThread().getContextClassLoader() : Labels.class.getClassLoader();
    try (InputStream in = cl.getResourceAsStream(resource)) {
      if (in == null) {
        return List.of();
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return parseCsv(text.startsWith("\uFEFF") ? text.substring(1) : text);
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalStateException("label file " + resource + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** The records of a CSV text (blank records dropped). */
  static List<List<String>> parseCsv(String text) {
    try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
      List<List<String>> rows = new ArrayList<>();
      for (CSVRecord r : parser) {
        List<String> row = r.toList();
        if (!(row.size() == 1 && row.get(0).isBlank())) {
          rows.add(row);
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
