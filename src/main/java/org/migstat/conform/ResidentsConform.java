package org.migstat.conform;

import static org.apache.spark.sql.functions.*;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.migstat.catalog.Tables;
import org.migstat.quality.Rule;
import org.migstat.quality.Rules;

/** Bronze host-registry rows to typed silver candidates with their quality verdicts. Pure. */
public final class ResidentsConform {
  private ResidentsConform() {}

  /** The raw columns of the host-registry extract, in declared order. */
  public static final List<String> RAW = List.of(Tables.RESIDENT_RAW_COLUMNS.split(","));

  static final String DATE = "dd/MM/yyyy";
  static final String TIMESTAMP = "dd/MM/yyyy HH:mm:ss";

  public static final List<Rule> RULES = List.of(
      Rule.error("line_parseable", "the line could be split into the declared fields", col("_parse_error").isNull()),
      Rule.error("record_id_present", "record_id is not blank, invisible characters only or a placeholder",
          col("record_id").isNotNull()),
      Rule.error("document_number_real", "doc_number, when given, is not invisible characters only nor a placeholder"
          + " (N/A, NONE, 0, repeated characters: mappings/identifier_placeholders.csv)",
          Identifiers.documentNumberReal(col("_raw.doc_number"))),
      Rule.error("document_identifiable", "document type, issuing country and number are present and known",
          col("person_id").isNotNull()),
      Rule.error("citizenship_known", "citizenship maps to an ISO 3166 alpha-3 code", col("citizenship").isNotNull()),
      Rule.error("registration_date_valid", "registration_date is a real dd/MM/yyyy date",
          col("registration_date").isNotNull()),
      Rule.error("deregistration_date_valid", "deregistration_date is blank, or a real date not before registration",
          Parse.blank("_raw.deregistration_date").or(col("deregistration_date").geq(col("registration_date")))),
      Rule.error("birth_date_valid", "birth_date is blank, or a real date not after registration",
          Parse.blank("_raw.birth_date").or(col("birth_date").leq(col("registration_date")))),
      Rule.error("registration_date_not_after_extract",
          "registration_date is not after the file's extract date (plus the tolerance of mappings/plausibility.csv)",
          Plausibility.notAfterExtract(col("registration_date"))),
      Rule.error("birth_date_plausible", "birth_date is not before 1900 (mappings/plausibility.csv)",
          Plausibility.bornAfterEarliest(col("birth_date"))),
      Rule.error("province_known", "province is a known spelling of a Cambodian province", col("province").isNotNull()),
      Rule.error("record_status_valid", "record_status is A (active) or D (deleted)", Parse.code("_raw.record_status").isin("A", "D")),
      Rule.error("last_updated_valid", "last_updated is a real dd/MM/yyyy HH:mm:ss time", col("updated_at").isNotNull()),
      Rule.error("last_updated_not_after_extract",
          "last_updated is not after the file's extract date (plus the tolerance of mappings/plausibility.csv)",
          Plausibility.notAfterExtract(col("updated_at"))),
      Rule.warn("sex_recorded", "sex is M or F", Parse.code("_raw.sex").isin("M", "F")),
      Rule.warn("birth_date_recorded", "birth_date is recorded", Parse.blank("_raw.birth_date").equalTo(false)));

  /** Adds the typed silver columns, the record hash and the rule verdicts to bronze rows. */
  public static Dataset<Row> conform(Dataset<Row> bronze, Pseudonymizer pseudonyms) {
    Column docCountry = Mappings.citizenship(col("_raw.doc_country"));
    Column documentKey = Pseudonymizer.documentKey(col("_raw.doc_type"), docCountry, col("_raw.doc_number"));
    Column sex = Parse.code("_raw.sex");
    Dataset<Row> typed = bronze
        .withColumn("_raw", Parse.rawStruct(RAW))
        .withColumn("record_hash", Parse.recordHash(RAW))
        .withColumn("person_id", pseudonyms.pseudonymOf(documentKey))
        .withColumn("key_version", lit(pseudonyms.keyVersion()))
        .withColumn("record_id", Identifiers.recordKey(col("_raw.record_id")))
        .withColumn("citizenship", Mappings.citizenship(col("_raw.citizenship")))
        .withColumn("country_of_birth", Mappings.citizenship(col("_raw.country_of_birth")))
        .withColumn("sex", when(sex.isin("M", "F"), sex).otherwise(lit("U")))
        .withColumn("birth_date", Parse.date("_raw.birth_date", DATE))
        .withColumn("province", Mappings.province(col("_raw.province")))
        .withColumn("stay_category", Parse.code("_raw.stay_category"))
        .withColumn("registration_date", Parse.date("_raw.registration_date", DATE))
        .withColumn("deregistration_date", Parse.date("_raw.deregistration_date", DATE))
        .withColumn("is_deleted", coalesce(Parse.code("_raw.record_status").equalTo("D"), lit(false)))
        .withColumn("updated_at", Parse.timestamp("_raw.last_updated", TIMESTAMP))
        .withColumn("source_file", col("_file_name"))
        .withColumn("source_line", col("_line"))
        .withColumn("run_id", col("_ingest_run_id"));
    return Rules.evaluate(typed, RULES);
  }
}
