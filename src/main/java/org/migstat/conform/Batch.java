package org.migstat.conform;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;
import org.migstat.quality.Rules;

/**
 * Sorts a batch of conformed rows into exactly one class each — the basis of the conservation check
 * rows read = accepted + quarantined + duplicates:
 * <ul>
 *   <li>{@code quarantined}: failed at least one ERROR rule;</li>
 *   <li>{@code duplicate}: an exact copy (same record key and raw values) of an earlier row in the
 *       batch or of the version already in silver — re-sent rows, full snapshots;</li>
 *   <li>{@code accepted}: everything else; the newest accepted version of each key is merged.</li>
 * </ul>
 */
public final class Batch {
  public static final String ROW_CLASS = "row_class";
  public static final String ACCEPTED = "accepted";
  public static final String QUARANTINED = "quarantined";
  public static final String DUPLICATE = "duplicate";

  private Batch() {}

  /** Delivery order: later extract, later file, later line. */
  private static Column[] deliveryOrder(boolean descending) {
    return descending
        ? new Column[] {col("_extract_date").desc(), col("_file_name").desc(), col("_line").desc()}
        : new Column[] {col("_extract_date").asc(), col("_file_name").asc(), col("_line").asc()};
  }

  /**
   * The columns a conformed batch still needs: the silver row, the delivery order and lineage, the rule verdicts,
   * and the raw values of the rows that failed a rule (the quarantine shows them; a passing row's raw values are
   * in bronze). Taken before the batch is sorted and cached, so that neither carries bronze's raw strings twice:
   * the width of the cached batch was most of a run's ingest time.
   */
  public static Dataset<Row> narrow(Dataset<Row> evaluated, StructType silver) {
    Set<String> keep = new LinkedHashSet<>(List.of(silver.fieldNames()));
    keep.addAll(List.of("_extract_date", "_file_name", "_line", "_file_checksum", "_ingest_run_id", "_parse_error",
        Rules.FAILURES));
    List<Column> cols = new ArrayList<>(keep.stream().map(c -> col(c)).toList());
    cols.add(when(not(Rules.passed()), col("_raw")).as("_raw"));
    return evaluated.select(cols.toArray(Column[]::new));
  }

  /**
   * The rows of silver a batch can match in {@link #classify}: those of the batch's record keys, found by a
   * semi-join with the keys broadcast, so silver is read once and never shuffled (a join with all of silver
   * shuffled every key it holds on every delivery). For batches of a bounded size: the keys are broadcast.
   */
  public static Dataset<Row> ofBatchKeys(Dataset<Row> silver, Dataset<Row> evaluated, String key) {
    Dataset<Row> keys = broadcast(evaluated.select(col(key).as("_batch_key")).distinct());
    return silver.join(keys, silver.col(key).equalTo(keys.col("_batch_key")), "left_semi");
  }

  public static Dataset<Row> classify(Dataset<Row> evaluated, Dataset<Row> silver, String key) {
    Dataset<Row> current = silver.select(col(key).as("_silver_key"), col("record_hash").as("_silver_hash"));
    Column sameAsSilver = col("_silver_hash").isNotNull();
    Column repeat = row_number().over(Window.partitionBy(col(key), col("record_hash")).orderBy(deliveryOrder(false))).gt(1);
    return evaluated
        .join(current, col(key).equalTo(col("_silver_key")).and(col("record_hash").equalTo(col("_silver_hash"))), "left")
        .withColumn(ROW_CLASS,
            when(not(Rules.passed()), lit(QUARANTINED))
                .when(sameAsSilver.or(repeat), lit(DUPLICATE))
                .otherwise(lit(ACCEPTED)))
        .drop("_silver_key", "_silver_hash");
  }

  /** The newest accepted version of each record key: the merge source, one row per key. */
  public static Dataset<Row> latestAccepted(Dataset<Row> classified, String key) {
    Column[] order = new Column[4];
    order[0] = col("updated_at").desc();
    System.arraycopy(deliveryOrder(true), 0, order, 1, 3);
    return classified
        .filter(col(ROW_CLASS).equalTo(ACCEPTED))
        .withColumn("_rank", row_number().over(Window.partitionBy(col(key)).orderBy(order)))
        .filter(col("_rank").equalTo(1))
        .drop("_rank");
  }

  /**
   * Raw columns that identify a person: document numbers (shown by their shape, {@link #maskDocument}) and names,
   * addresses and free-text notes (shown as {@value #MASKED} when not blank). ops.quarantine is read by
   * statisticians; the unmasked values stay in bronze, which is restricted.
   */
  public static final java.util.Set<String> DOCUMENT_COLUMNS = java.util.Set.of("doc_number", "holder_doc_number",
      "no_paspor");
  public static final java.util.Set<String> TEXT_COLUMNS = java.util.Set.of("full_name", "holder_name", "nama",
      "alamat_kh", "keterangan");
  public static final String MASKED = "***";

  /**
   * The shape of a document number without its characters: letters become X, digits 9, other visible characters
   * stay, and invisible ones (spaces, zero-width and format characters) are written as {@code <U+00A0>} — enough to
   * see why a number was refused, nothing to identify its holder.
   */
  public static String maskDocument(String v) {
    if (v == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    v.codePoints().forEach(cp -> {
      if (Character.isLetter(cp)) {
        sb.append('X');
      } else if (Character.isDigit(cp)) {
        sb.append('9');
      } else if (cp == ' ' || (cp > ' ' && cp < 0x7f)) {
        sb.appendCodePoint(cp);
      } else {
        sb.append(String.format("<U+%04X>", cp));
      }
    });
    return sb.toString();
  }

  private static final org.apache.spark.sql.api.java.UDF1<String, String> MASK_DOCUMENT = Batch::maskDocument;

  private static Column masked(String column) {
    Column raw = col("_raw." + column);
    if (DOCUMENT_COLUMNS.contains(column)) {
      return udf(MASK_DOCUMENT, org.apache.spark.sql.types.DataTypes.StringType).withName("mask_document").apply(raw);
    }
    if (TEXT_COLUMNS.contains(column)) {
      return when(raw.isNull().or(trim(raw).equalTo("")), raw).otherwise(lit(MASKED));
    }
    return raw;
  }

  /**
   * Quarantine rows: every failed rule, the raw values with document numbers and names masked, why a line could not
   * be parsed, and where the record came from (file and line: its full raw text is in bronze).
   */
  public static Dataset<Row> quarantine(Dataset<Row> classified, String source, List<String> rawColumns) {
    Column names = array(rawColumns.stream().map(c -> lit(c)).toArray(Column[]::new));
    Column values = array(rawColumns.stream().map(Batch::masked).toArray(Column[]::new));
    return classified
        .filter(col(ROW_CLASS).equalTo(QUARANTINED))
        .select(
            lit(source).as("source"),
            col(Rules.FAILURES).as("failed_rules"),
            map_from_arrays(names, values).as("raw_values"),
            when(col("_parse_error").isNotNull(), concat(col("_parse_error"),
                lit("; the raw text is in bronze." + source + " at this file and line"))).as("raw_record"),
            col("_file_name").as("source_file"),
            col("_line").as("source_line"),
            col("_file_checksum").as("file_checksum"),
            col("_extract_date").as("extract_date"),
            col("_ingest_run_id").as("run_id"));
  }

  /** Merge condition: the incoming version is newer, or as new but different (a same-time correction). */
  public static String newerCondition() {
    return "s.updated_at > t.updated_at OR (s.updated_at = t.updated_at AND s.record_hash <> t.record_hash)";
  }
}
