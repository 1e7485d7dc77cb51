package org.migstat.conform;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Column;

/** Safe parsing under ANSI mode: every function returns NULL for bad input instead of throwing. */
public final class Parse {
  private Parse() {}

  /** Trimmed text, NULL when blank. */
  public static Column text(String column) {
    Column t = trim(col(column));
    return when(t.equalTo(""), lit(null).cast("string")).otherwise(t);
  }

  public static Column code(String column) {
    return upper(text(column));
  }

  public static Column date(String column, String pattern) {
    return try_to_date(text(column), pattern);
  }

  public static Column timestamp(String column, String pattern) {
    return try_to_timestamp(text(column), lit(pattern));
  }

  public static Column blank(String column) {
    return text(column).isNull();
  }

  /** True when a value is NULL or only ASCII spaces (Spark's trim); see {@link Identifiers} for Unicode blanks. */
  public static Column blankColumn(Column c) {
    return coalesce(trim(c).equalTo(""), lit(true));
  }

  /** A stable hash of the raw values: two rows with equal hashes are exact duplicates. */
  public static Column recordHash(java.util.List<String> rawColumns) {
    Column[] parts = rawColumns.stream()
        .map(c -> coalesce(col("_raw." + c), lit("\u0000")))
        .toArray(Column[]::new);
    return sha2(concat_ws("\u001f", parts), 256);
  }

  /** The raw values of a record as one struct column {@code _raw}, kept for rules and quarantine. */
  public static Column rawStruct(java.util.List<String> rawColumns) {
    return struct(rawColumns.stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /** Lower-bounded whole months between two dates: 2024-01-01..2024-12-31 is 12. */
  public static Column wholeMonths(Column from, Column toInclusive) {
    return floor(months_between(date_add(toInclusive, 1), from)).cast("int");
  }
}
