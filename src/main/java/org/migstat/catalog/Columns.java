package org.migstat.catalog;

/**
 * Column blocks every table of a layer carries. Kept apart from {@link Tables} and {@link CaseTables}
 * so that neither class needs the other to be initialised first.
 */
final class Columns {
  private Columns() {}

  /** Lineage and bookkeeping columns every bronze table carries after its source's raw columns. */
  static final String BRONZE_META = String.join(", ",
      "_file_name STRING COMMENT 'extract file name as delivered'",
      "_file_checksum STRING COMMENT 'SHA-256 of the file bytes; identifies the delivery'",
      "_line INT COMMENT 'line in the file where the record starts (1 = header for CSV)'",
      "_extract_date DATE COMMENT 'extract date taken from the file name'",
      "_parse_error STRING COMMENT 'why the line could not be split into fields; NULL when it could'",
      "_raw_record STRING COMMENT 'the raw text of an unparseable record; NULL otherwise'",
      "_ingest_run_id STRING COMMENT 'run that ingested the file'");

  /** Lineage columns of every silver table. */
  static final String SILVER_LINEAGE = String.join(", ",
      "updated_at TIMESTAMP COMMENT 'source last-update time; the latest version of a record wins'",
      "record_hash STRING COMMENT 'hash of the raw record values; equal hashes are exact duplicates'",
      "source_file STRING COMMENT 'extract file of the winning version'",
      "source_line INT COMMENT 'line of the winning version'",
      "run_id STRING COMMENT 'run that wrote the winning version'");

  /** Stamp of every gold row. */
  static final String GOLD_STAMP = String.join(", ",
      "definition_version STRING COMMENT 'version of the indicator definition'",
      "run_id STRING COMMENT 'run that computed the row; ops.runs holds its input versions'");
}
