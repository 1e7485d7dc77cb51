package org.migstat.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.ResolverStyle;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migstat.conform.CrossingsConform;
import org.migstat.conform.Mappings;
import org.migstat.generate.CaseGeneratorTest.RawFiles;

/**
 * The bundled border crossings (data-samples/crossings): at least 500,000 events, and about 123,000
 * Indonesian entries January–September 2024 (sources.md), recounted from the raw files.
 */
public class BorderGeneratorTest {
  static Map<String, Long> generated;

  @Test
  void indonesianEntriesJanuaryToSeptember2024ByAPlainRecount() throws IOException {
    BorderCounts counts = recount(CaseGeneratorTest.SAMPLES.resolve("crossings"));
    assertTrue(Math.abs(counts.idnEntriesJanSep2024() - 123_000) <= 123_000 * 0.02,
        "Indonesian entries Jan-Sep 2024: " + counts.idnEntriesJanSep2024());
    assertTrue(counts.events() >= 500_000, "events: " + counts.events());
    assertTrue(counts.rows() > counts.events(), "re-sent events and corrections are in the files");
  }

  /** Distinct valid events (latest version), Indonesian entry events Jan-Sep 2024, and rows read. */
  public record BorderCounts(long events, long idnEntriesJanSep2024, long rows) {}

  /** A recount of the crossing extracts with no pipeline code. */
  public static BorderCounts recount(Path folder) throws IOException {
    Set<String> indonesia = new HashSet<>();
    for (Map<String, String> row : Mappings.load("citizenship.csv")) {
      if (row.get("iso3").equals("IDN")) {
        indonesia.add(Mappings.normalise(row.get("variant")));
      }
    }
    Set<String> countries = new HashSet<>();
    for (Map<String, String> row : Mappings.load("citizenship.csv")) {
      countries.add(Mappings.normalise(row.get("variant")));
    }
    Set<String> checkpoints = new HashSet<>();
    CrossingsConform.CHECKPOINTS.forEach(c -> c.spellings().forEach(s -> checkpoints.add(Mappings.normalise(s))));
    Set<String> entry = Set.of("in", "i", "entry", "arr", "arrival");
    Set<String> exit = Set.of("out", "o", "exit", "dep", "departure");
    DateTimeFormatter time = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
    // event_id -> [updated, event time, IN?, Indonesian?] of the latest valid version
    Map<String, Object[]> latest = new HashMap<>();
    long[] rows = new long[1];
    Map<String, String> normalised = new HashMap<>();
    RawFiles.read(folder, (header, v) -> {
      rows[0]++;
      Map<String, String> f = RawFiles.byName(header, v);
      if (f == null) {
        return;
      }
      LocalDateTime at = RawFiles.time(f.get("event_time"), time);
      LocalDateTime updated = RawFiles.time(f.get("last_updated"), time);
      String direction = normalised.computeIfAbsent(f.get("direction"), Mappings::normalise);
      boolean in = entry.contains(direction);
      String visa = f.get("visa_type");
      boolean valid = at != null && updated != null && !at.isAfter(updated) && !f.get("doc_number").isBlank()
          && !f.get("doc_type").isBlank() && countries.contains(normalised.computeIfAbsent(f.get("doc_country"), Mappings::normalise))
          && (in || exit.contains(direction))
          && countries.contains(normalised.computeIfAbsent(f.get("citizenship"), Mappings::normalise))
          && (visa.isBlank() ? !in : CrossingsConform.VISA_TYPES.containsKey(Mappings.normalise(visa)));
      if (!valid || !checkpoints.contains(normalised.computeIfAbsent(f.get("checkpoint"), Mappings::normalise))) {
        return;
      }
      String key = f.get("event_id").strip().toUpperCase(Locale.ROOT);
      Object[] before = latest.get(key);
      if (before == null || !updated.isBefore((LocalDateTime) before[0])) {
        latest.put(key, new Object[] {updated, at, in,
            indonesia.contains(normalised.computeIfAbsent(f.get("citizenship"), Mappings::normalise))});
      }
    });
    long entries = latest.values().stream().filter(e -> (boolean) e[2] && (boolean) e[3]
        && ((LocalDateTime) e[1]).getYear() == 2024 && ((LocalDateTime) e[1]).getMonthValue() <= 9).count();
    return new BorderCounts(latest.size(), entries, rows[0]);
  }
}
