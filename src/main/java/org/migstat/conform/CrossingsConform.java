package org.migstat.conform;

import static org.apache.spark.sql.functions.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.migstat.catalog.CaseTables;
import org.migstat.quality.Rule;
import org.migstat.quality.Rules;

/**
 * Bronze border-crossing rows (host immigration, daily batches) to typed silver candidates with
 * their quality verdicts. Pure. The border system's own code lists (direction, checkpoint, visa)
 * are small and closed; they are declared here, spelling variants included, and an unknown code
 * fails a named rule like every other mapping.
 */
public final class CrossingsConform {
  private CrossingsConform() {}

  /** The raw columns of the crossing extract, in declared order. */
  public static final List<String> RAW = List.of(CaseTables.CROSSING_RAW_COLUMNS.split(","));

  static final String TIMESTAMP = "yyyy-MM-dd HH:mm:ss";

  /** A checkpoint of the host country: code, kind, province (ISO 3166-2:KH), and how it is spelled. */
  public record Checkpoint(String code, String type, String province, List<String> spellings) {}

  public static final List<Checkpoint> CHECKPOINTS = List.of(
      new Checkpoint("PNH", "airport", "KH-12", List.of("PNH", "Phnom Penh Intl", "Phnom Penh International Airport", "PP Airport")),
      // Siem Reap International (REP) closed on 2023-10-15; Siem Reap-Angkor International (SAI) opened the next day.
      new Checkpoint("REP", "airport", "KH-17", List.of("REP", "Siem Reap Intl")),
      new Checkpoint("SAI", "airport", "KH-17", List.of("SAI", "Siem Reap Angkor", "Siem Reap-Angkor Intl")),
      new Checkpoint("KOS", "airport", "KH-18", List.of("KOS", "Sihanouk Intl", "Sihanoukville Airport")),
      // Techo International (KTI) opened in 2025: known, so a future extract is not quarantined.
      new Checkpoint("KTI", "airport", "KH-8", List.of("KTI", "Techo Intl")),
      new Checkpoint("BAVET", "land", "KH-20", List.of("BAVET", "Bavet Intl", "Bavet-Moc Bai")),
      new Checkpoint("POIPET", "land", "KH-1", List.of("POIPET", "Poi Pet", "Poipet Intl")),
      new Checkpoint("CHAM_YEAM", "land", "KH-9", List.of("CHAM_YEAM", "Cham Yeam", "Chamyeam", "Koh Kong Border")),
      new Checkpoint("O_SMACH", "land", "KH-22", List.of("O_SMACH", "O Smach", "Osmach")),
      new Checkpoint("PREK_CHAK", "land", "KH-7", List.of("PREK_CHAK", "Prek Chak", "Prekchak")),
      new Checkpoint("KAORM_SAMNOR", "land", "KH-8", List.of("KAORM_SAMNOR", "Kaorm Samnor", "Kaam Samnor")),
      new Checkpoint("TRAPEANG_KRIEL", "land", "KH-19", List.of("TRAPEANG_KRIEL", "Trapeang Kriel", "Tropeang Kriel")));

  /** Direction spellings to IN / OUT. */
  public static final Map<String, String> DIRECTIONS = normalisedKeys(Map.ofEntries(
      Map.entry("IN", "IN"), Map.entry("I", "IN"), Map.entry("ENTRY", "IN"), Map.entry("ARR", "IN"),
      Map.entry("ARRIVAL", "IN"), Map.entry("OUT", "OUT"), Map.entry("O", "OUT"), Map.entry("EXIT", "OUT"),
      Map.entry("DEP", "OUT"), Map.entry("DEPARTURE", "OUT")));

  /** Visa spellings to the visa code. */
  public static final Map<String, String> VISA_TYPES = normalisedKeys(Map.ofEntries(
      Map.entry("T", "T"), Map.entry("TOURIST", "T"), Map.entry("T-VISA", "T"),
      Map.entry("VOA", "VOA"), Map.entry("VISA ON ARRIVAL", "VOA"),
      Map.entry("EVISA", "EVISA"), Map.entry("E-VISA", "EVISA"), Map.entry("EV", "EVISA"),
      Map.entry("E", "E"), Map.entry("ORDINARY", "E"), Map.entry("BUSINESS", "E"), Map.entry("EB", "E"),
      Map.entry("EG", "E"), Map.entry("ER", "E"), Map.entry("ES", "E"),
      Map.entry("VE", "VE"), Map.entry("EXEMPT", "VE"), Map.entry("VISA EXEMPT", "VE"), Map.entry("ASEAN", "VE"),
      Map.entry("K", "K"),
      Map.entry("D", "D"), Map.entry("A", "D"), Map.entry("B", "D"), Map.entry("DIPLOMATIC", "D"), Map.entry("OFFICIAL", "D")));

  /** Visa code to visa class. Tourist visas (T, VOA, EVISA) are the ones the overstay indicator follows. */
  public static final Map<String, String> VISA_CLASSES = normalisedKeys(Map.of(
      "T", "Tourist", "VOA", "Tourist", "EVISA", "Tourist", "E", "Business", "VE", "VisaExempt",
      "K", "KhmerDescent", "D", "Official"));

  static final Map<String, String> CHECKPOINT_CODES = checkpoints(0);
  static final Map<String, String> CHECKPOINT_TYPES = checkpoints(1);
  static final Map<String, String> CHECKPOINT_PROVINCES = checkpoints(2);

  private static Map<String, String> checkpoints(int what) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Checkpoint c : CHECKPOINTS) {
      for (String s : c.spellings()) {
        m.putIfAbsent(Mappings.normalise(s), what == 0 ? c.code() : what == 1 ? c.type() : c.province());
      }
    }
    return m;
  }

  private static Column lookup(Map<String, String> dictionary, Column raw) {
    return CasesConform.Htcds.lookup(dictionary, raw);
  }

  private static Map<String, String> normalisedKeys(Map<String, String> m) {
    Map<String, String> out = new LinkedHashMap<>();
    m.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.putIfAbsent(Mappings.normalise(e.getKey()), e.getValue()));
    return out;
  }

  public static final List<Rule> RULES = List.of(
      Rule.error("line_parseable", "the line could be split into the declared fields", col("_parse_error").isNull()),
      Rule.error("event_id_present", "event_id is not blank, invisible characters only or a placeholder",
          col("event_id").isNotNull()),
      Rule.error("document_number_real", "doc_number, when given, is not invisible characters only nor a placeholder"
          + " (N/A, NONE, 0, repeated characters: mappings/identifier_placeholders.csv)",
          Identifiers.documentNumberReal(col("_raw.doc_number"))),
      Rule.error("event_time_not_after_extract",
          "event_time is not after the file's extract date (plus the tolerance of mappings/plausibility.csv)",
          Plausibility.notAfterExtract(col("event_time"))),
      Rule.error("last_updated_not_after_extract",
          "last_updated is not after the file's extract date (plus the tolerance of mappings/plausibility.csv)",
          Plausibility.notAfterExtract(col("updated_at"))),
      Rule.error("document_identifiable", "doc_type, doc_country and doc_number are present and known",
          col("person_id").isNotNull()),
      Rule.error("citizenship_known", "citizenship maps to an ISO 3166 alpha-3 code", col("citizenship").isNotNull()),
      Rule.error("direction_known", "direction is IN or OUT (or a known spelling)", col("direction").isNotNull()),
      Rule.error("checkpoint_known", "checkpoint is a known border checkpoint", col("checkpoint").isNotNull()),
      Rule.error("event_time_valid", "event_time is a real yyyy-MM-dd HH:mm:ss time not after last_updated",
          col("event_time").leq(col("updated_at"))),
      Rule.error("visa_type_known", "visa_type is a known visa code; required on entries",
          col("visa_type").isNotNull().or(Parse.blank("_raw.visa_type").and(col("direction").equalTo("OUT")))),
      Rule.error("last_updated_valid", "last_updated is a real yyyy-MM-dd HH:mm:ss time", col("updated_at").isNotNull()));

  public static Dataset<Row> conform(Dataset<Row> bronze, Pseudonymizer pseudonyms) {
    Column docCountry = Mappings.citizenship(col("_raw.doc_country"));
    Column documentKey = Pseudonymizer.documentKey(col("_raw.doc_type"), docCountry, col("_raw.doc_number"));
    Map<String, Column> fromRaw = new LinkedHashMap<>();
    fromRaw.put("record_hash", Parse.recordHash(RAW));
    fromRaw.put("person_id", pseudonyms.pseudonymOf(documentKey));
    fromRaw.put("key_version", lit(pseudonyms.keyVersion()));
    fromRaw.put("event_id", upper(Identifiers.recordKey(col("_raw.event_id"))));
    fromRaw.put("citizenship", Mappings.citizenship(col("_raw.citizenship")));
    fromRaw.put("direction", lookup(DIRECTIONS, col("_raw.direction")));
    fromRaw.put("checkpoint", lookup(CHECKPOINT_CODES, col("_raw.checkpoint")));
    fromRaw.put("checkpoint_type", lookup(CHECKPOINT_TYPES, col("_raw.checkpoint")));
    fromRaw.put("checkpoint_province", lookup(CHECKPOINT_PROVINCES, col("_raw.checkpoint")));
    fromRaw.put("event_time", Parse.timestamp("_raw.event_time", TIMESTAMP));
    fromRaw.put("visa_type", lookup(VISA_TYPES, col("_raw.visa_type")));
    fromRaw.put("updated_at", Parse.timestamp("_raw.last_updated", TIMESTAMP));
    fromRaw.put("source_file", col("_file_name"));
    fromRaw.put("source_line", col("_line"));
    fromRaw.put("run_id", col("_ingest_run_id"));
    Dataset<Row> typed = bronze
        .withColumn("_raw", Parse.rawStruct(RAW))
        .withColumns(fromRaw)
        .withColumns(Map.of("event_date", to_date(col("event_time")), "visa_class", lookup(VISA_CLASSES, col("visa_type"))));
    return Rules.evaluate(typed, RULES);
  }
}
