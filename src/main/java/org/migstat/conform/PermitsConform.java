package org.migstat.conform;

import static org.apache.spark.sql.functions.*;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.migstat.catalog.Tables;
import org.migstat.quality.Rule;
import org.migstat.quality.Rules;

/** Bronze work-permit rows to typed silver candidates with their quality verdicts. Pure. */
public final class PermitsConform {
  private PermitsConform() {}

  /** The raw keys of the work-permit extract, in declared order. */
  public static final List<String> RAW = List.of(Tables.PERMIT_RAW_COLUMNS.split(","));

  static final String DATE = "yyyy-MM-dd";
  static final String TIMESTAMP = "yyyy-MM-dd'T'HH:mm:ss";
  public static final List<String> STATUSES = List.of("ISSUED", "RENEWED", "REVOKED", "CANCELLED");

  public static final List<Rule> RULES = List.of(
      Rule.error("line_parseable", "the line is a complete JSON object", col("_parse_error").isNull()),
      Rule.error("permit_no_present", "permit_no is not blank, invisible characters only or a placeholder",
          col("permit_no").isNotNull()),
      Rule.error("document_number_real", "holder_doc_number, when given, is not invisible characters only nor a"
          + " placeholder (N/A, NONE, 0, repeated characters: mappings/identifier_placeholders.csv)",
          Identifiers.documentNumberReal(col("_raw.holder_doc_number"))),
      Rule.error("holder_identifiable", "holder document type, issuing country and number are present and known",
          col("person_id").isNotNull()),
      Rule.error("holder_country_known", "holder_doc_country maps to an ISO 3166 alpha-3 code", col("citizenship").isNotNull()),
      Rule.error("permit_type_known", "permit_type is in the permit-type mapping", col("reason").isNotNull()),
      Rule.error("issue_date_valid", "issue_date is a real yyyy-MM-dd date", col("issue_date").isNotNull()),
      Rule.error("issue_date_not_after_extract",
          "issue_date is not after the file's extract date (plus the tolerance of mappings/plausibility.csv)",
          Plausibility.notAfterExtract(col("issue_date"))),
      Rule.error("valid_from_valid", "valid_from is a real yyyy-MM-dd date", col("valid_from").isNotNull()),
      Rule.error("valid_to_valid", "valid_to is a real yyyy-MM-dd date", col("valid_to").isNotNull()),
      Rule.error("validity_ordered", "valid_to is not before valid_from", col("valid_to").geq(col("valid_from"))),
      Rule.error("status_known", "status is ISSUED, RENEWED, REVOKED or CANCELLED", col("status").isin(STATUSES.toArray())),
      Rule.error("status_date_valid", "a revocation or cancellation has a real status_date",
          not(col("status").isin("REVOKED", "CANCELLED")).or(col("status_date").isNotNull())),
      Rule.error("last_updated_valid", "last_updated is a real yyyy-MM-ddTHH:mm:ss time", col("updated_at").isNotNull()),
      Rule.error("last_updated_not_after_extract",
          "last_updated is not after the file's extract date (plus the tolerance of mappings/plausibility.csv)",
          Plausibility.notAfterExtract(col("updated_at"))),
      Rule.warn("sector_known", "sector_isic maps to an ISIC Rev.4 section", col("sector").notEqual("X")));

  /** Eurostat length-of-validity class of a permit; {@code <3m} is outside permit statistics. */
  public static Column validityClass(Column from, Column to) {
    return when(to.geq(date_sub(add_months(from, 12), 1)), lit("12m+"))
        .when(to.geq(date_sub(add_months(from, 6), 1)), lit("6-11m"))
        .when(to.geq(date_sub(add_months(from, 3), 1)), lit("3-5m"))
        .otherwise(lit("<3m"));
  }

  public static Dataset<Row> conform(Dataset<Row> bronze, Pseudonymizer pseudonyms) {
    Column country = Mappings.citizenship(col("_raw.holder_doc_country"));
    Column documentKey = Pseudonymizer.documentKey(col("_raw.holder_doc_type"), country, col("_raw.holder_doc_number"));
    Dataset<Row> typed = bronze
        .withColumn("_raw", Parse.rawStruct(RAW))
        .withColumn("record_hash", Parse.recordHash(RAW))
        .withColumn("person_id", pseudonyms.pseudonymOf(documentKey))
        .withColumn("key_version", lit(pseudonyms.keyVersion()))
        .withColumn("permit_no", Identifiers.recordKey(col("_raw.permit_no")))
        .withColumn("citizenship", country)
        .withColumn("employer", Parse.text("_raw.employer"))
        .withColumn("sector", coalesce(Mappings.isicSection(col("_raw.sector_isic")), lit("X")))
        .withColumn("occupation", Parse.text("_raw.occupation"))
        .withColumn("reason", Mappings.permitReason(col("_raw.permit_type")))
        .withColumn("mapping_version", Mappings.permitMappingVersion(col("_raw.permit_type")))
        .withColumn("permit_type", Parse.code("_raw.permit_type"))
        .withColumn("issue_date", Parse.date("_raw.issue_date", DATE))
        .withColumn("valid_from", Parse.date("_raw.valid_from", DATE))
        .withColumn("valid_to", Parse.date("_raw.valid_to", DATE))
        .withColumn("validity_months", Parse.wholeMonths(col("valid_from"), col("valid_to")))
        .withColumn("validity_class", validityClass(col("valid_from"), col("valid_to")))
        .withColumn("in_scope", coalesce(col("validity_class").notEqual("<3m"), lit(false)))
        .withColumn("status", Parse.code("_raw.status"))
        .withColumn("status_date", Parse.date("_raw.status_date", DATE))
        .withColumn("revoked_on", when(col("status").equalTo("REVOKED"), col("status_date")))
        .withColumn("is_deleted", coalesce(col("status").equalTo("CANCELLED"), lit(false)))
        .withColumn("updated_at", Parse.timestamp("_raw.last_updated", TIMESTAMP))
        .withColumn("source_file", col("_file_name"))
        .withColumn("source_line", col("_line"))
        .withColumn("run_id", col("_ingest_run_id"));
    return Rules.evaluate(typed, RULES);
  }
}
