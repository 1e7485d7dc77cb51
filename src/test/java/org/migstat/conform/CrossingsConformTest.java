package org.migstat.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.migstat.catalog.CaseTables;
import org.migstat.testing.SparkExtension;

/** The border system's code lists, and what is quarantined. */
@ExtendWith(SparkExtension.class)
class CrossingsConformTest {
  static Pseudonymizer pseudonyms;

  @BeforeAll
  static void key(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("key.txt");
    Files.writeString(key, "test-1:0123456789abcdef0123456789abcdef\n");
    pseudonyms = Pseudonymizer.fromKeyFile(key);
  }

  static Map<String, String> event(String id, String direction, String checkpoint, String visa) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("event_id", id);
    v.put("doc_type", "PASSPORT");
    v.put("doc_number", "B1234567");
    v.put("doc_country", "IDN");
    v.put("citizenship", "Indonesian");
    v.put("direction", direction);
    v.put("checkpoint", checkpoint);
    v.put("event_time", "2024-03-05 14:23:11");
    v.put("visa_type", visa);
    v.put("last_updated", "2024-03-05 14:23:11");
    return v;
  }

  @Test
  void everySpellingOfTheCodeListsIsKnown(SparkSession spark) {
    List<Map<String, String>> rows = new ArrayList<>();
    Map<String, String> expected = new HashMap<>();
    int i = 0;
    for (CrossingsConform.Checkpoint c : CrossingsConform.CHECKPOINTS) {
      for (String s : c.spellings()) {
        rows.add(event("C" + i, "IN", s, "T"));
        expected.put("C" + i++, c.code() + "/" + c.type() + "/" + c.province() + "/IN/T/Tourist");
      }
    }
    for (Map.Entry<String, String> d : Map.of("ENTRY", "IN", "arr", "IN", "I", "IN", "Exit", "OUT", "DEP", "OUT",
        "o", "OUT").entrySet()) {
      rows.add(event("D" + i, d.getKey(), "Poi Pet", "VE"));
      expected.put("D" + i++, "POIPET/land/KH-1/" + d.getValue() + "/VE/VisaExempt");
    }
    for (Map.Entry<String, String> v : Map.of("e-visa", "EVISA/Tourist", "Visa on Arrival", "VOA/Tourist",
        "ORDINARY", "E/Business", "asean", "VE/VisaExempt", "K", "K/KhmerDescent", "OFFICIAL", "D/Official").entrySet()) {
      rows.add(event("V" + i, "IN", "PNH", v.getKey()));
      expected.put("V" + i++, "PNH/airport/KH-12/IN/" + v.getValue());
    }
    Map<String, String> got = new HashMap<>();
    List<String> failures = new ArrayList<>();
    for (Row r : CrossingsConform.conform(CasesConformTest.bronze(spark, CaseTables.BRONZE_CROSSINGS,
        CrossingsConform.RAW, rows), pseudonyms).collectAsList()) {
      got.put(r.getAs("event_id"), r.getAs("checkpoint") + "/" + r.getAs("checkpoint_type") + "/"
          + r.getAs("checkpoint_province") + "/" + r.getAs("direction") + "/" + r.getAs("visa_type") + "/"
          + r.getAs("visa_class"));
      if (!r.getList(r.fieldIndex("quality_failures")).isEmpty()) {
        failures.add(r.getAs("event_id") + " " + r.getList(r.fieldIndex("quality_failures")));
      }
    }
    assertEquals(expected, got);
    assertEquals(List.of(), failures);
  }

  @Test
  void unknownCodesAndImpossibleTimesAreQuarantined(SparkSession spark) {
    Map<String, String> impossible = event("X4", "IN", "PNH", "T");
    impossible.put("event_time", "2023-02-30 10:00:00");
    Map<String, String> unknownCitizenship = event("X5", "IN", "PNH", "T");
    unknownCitizenship.put("citizenship", "XXX");
    List<Map<String, String>> rows = List.of(
        event("X1", "IN", "Phnom Penh Port", "T"),
        event("X2", "TRANSIT", "PNH", "T"),
        event("X3", "IN", "PNH", ""),
        impossible, unknownCitizenship,
        event("OK", "OUT", "PNH", ""));
    Dataset<Row> conformed = CrossingsConform.conform(CasesConformTest.bronze(spark, CaseTables.BRONZE_CROSSINGS,
        CrossingsConform.RAW, rows), pseudonyms);
    assertEquals(CaseTables.SILVER_CROSSINGS.schema().simpleString(),
        org.migstat.lakehouse.Lakehouse.conformTo(conformed, CaseTables.SILVER_CROSSINGS).schema().simpleString());
    Map<String, List<String>> failed = new HashMap<>();
    for (Row r : CrossingsConform.conform(CasesConformTest.bronze(spark, CaseTables.BRONZE_CROSSINGS,
        CrossingsConform.RAW, rows), pseudonyms).collectAsList()) {
      failed.put(r.getAs("event_id"), r.getList(r.fieldIndex("quality_failures")));
    }
    assertEquals(Map.of("X1", List.of("checkpoint_known"), "X2", List.of("direction_known"), "X3", List.of("visa_type_known"),
        "X4", List.of("event_time_valid"), "X5", List.of("citizenship_known"), "OK", List.of()), failed);
  }
}
