package org.migstat.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shared mapping files (src/main/resources/mappings) cover every code spelling the generator
 * writes, and none of the unknown codes it plants for quarantine.
 */
class MappingsTest {

  private static Map<String, String> table(String file, int key, int value) {
    Map<String, String> m = new HashMap<>();
    for (List<String> row : RawRecount.Mappings.csv(file)) {
      String previous = m.put(row.get(key), row.get(value));
      assertTrue(previous == null, file + ": duplicate key " + row.get(key));
      assertEquals(RawRecount.normalise(row.get(key)), row.get(key), file + ": key not normalised: " + row.get(key));
    }
    return m;
  }

  @Test
  void citizenshipCoversEverySpelling() {
    Map<String, String> m = table("citizenship.csv", 0, 1);
    for (Countries.Country c : Countries.ALL) {
      for (String spelling : c.spellings()) {
        assertEquals(c.iso3(), m.get(RawRecount.normalise(spelling)), spelling);
      }
    }
    for (String unknown : Countries.UNKNOWN) {
      assertFalse(m.containsKey(RawRecount.normalise(unknown)), unknown + " must stay unknown");
    }
  }

  @Test
  void provinceCoversAll25ProvincesAndEverySpelling() {
    Map<String, String> m = table("province.csv", 0, 1);
    Set<String> codes = new HashSet<>(m.values());
    assertEquals(25, codes.size());
    for (int i = 1; i <= 25; i++) {
      assertTrue(codes.contains("KH-" + i));
    }
    for (Provinces.Province p : Provinces.ALL) {
      for (String spelling : p.spellings()) {
        for (String written : List.of(spelling, spelling.toUpperCase(Locale.ROOT), spelling.replace(' ', '-'), spelling + " ")) {
          assertEquals(p.code(), m.get(RawRecount.normalise(written)), written);
        }
      }
    }
    for (String unknown : Provinces.UNKNOWN) {
      assertFalse(m.containsKey(RawRecount.normalise(unknown)), unknown + " must stay unknown");
    }
  }

  @Test
  void permitReasonIsThePermitTypeTable() {
    List<List<String>> rows = RawRecount.Mappings.csv("permit_reason.csv");
    assertEquals(PermitType.values().length, rows.size());
    for (List<String> row : rows) {
      PermitType t = PermitType.valueOf(row.get(1));
      assertEquals(List.of(PermitType.MAPPING_VERSION, t.name(), t.reason, t.description), row);
      assertTrue(List.of("Employment", "Family", "Education", "Other").contains(t.reason));
    }
    for (String unknown : PermitType.UNKNOWN) {
      assertFalse(rows.stream().anyMatch(r -> r.get(1).equalsIgnoreCase(unknown.trim())), unknown);
    }
  }

  @Test
  void isicCoversEveryDivisionAndSectionWritten() {
    Map<String, String> m = table2("isic_section.csv");
    assertEquals(21 + 88, m.size());
    for (Employer.Activity a : Employer.ACTIVITIES) {
      assertEquals(a.section(), m.get(a.division()), a.division());
      assertEquals(a.section(), m.get(a.section()), a.section());
    }
  }

  /** ISIC codes are compared trimmed and upper-cased, so the file keeps them as written. */
  private static Map<String, String> table2(String file) {
    Map<String, String> m = new HashMap<>();
    for (List<String> row : RawRecount.Mappings.csv(file)) {
      assertTrue(m.put(row.get(0), row.get(1)) == null, "duplicate " + row.get(0));
    }
    return m;
  }
}
