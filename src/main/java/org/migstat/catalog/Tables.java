package org.migstat.catalog;

import java.util.List;

/** Every Delta table migstat writes, with its schema and documentation. Stages read their table names here. */
public final class Tables {
  private Tables() {}

  /** Lineage and bookkeeping columns every bronze table carries after its source's raw columns. */
  public static final String BRONZE_META = Columns.BRONZE_META;

  // ---- ops --------------------------------------------------------------------------------------
  public static final TableDef INGESTED_FILES = new TableDef("ops", "ingested_files",
      "Ledger of extract files: one row per delivered file. Key: file_checksum (a file is ingested once, whatever its name).",
      String.join(", ",
          "file_checksum STRING COMMENT 'SHA-256 of the file bytes'",
          "source STRING COMMENT 'source extract: residents, permits, ...'",
          "file_name STRING COMMENT 'file name as delivered'",
          "file_path STRING COMMENT 'where it was read from'",
          "file_size BIGINT COMMENT 'bytes'",
          "file_mtime BIGINT COMMENT 'modification time in ms; with path and size, lets a run skip re-hashing known files'",
          "encoding STRING COMMENT 'character set detected: UTF-8 or windows-1252'",
          "extract_date DATE COMMENT 'extract date from the file name'",
          "rows_read BIGINT COMMENT 'records read into bronze (0 for skipped files)'",
          "status STRING COMMENT 'ingested, empty, skipped_resent (same bytes as an earlier file), rejected (cannot be read) or held_back (extract date not plausible)'",
          "duplicate_of STRING COMMENT 'for skipped_resent: the file name first ingested with these bytes'",
          "run_id STRING COMMENT 'run that saw the file'",
          "recorded_at TIMESTAMP COMMENT 'when the ledger row was written'",
          "reason STRING COMMENT 'for rejected and held_back: why, in one sentence'"),
      List.of());

  public static final TableDef RUNS = new TableDef("ops", "runs",
      "Run ledger: one row per pipeline run that committed something or failed. Key: run_id.",
      String.join(", ",
          "run_id STRING COMMENT 'run identifier'",
          "command STRING COMMENT 'the command line that started the run'",
          "as_of DATE COMMENT 'reference date of the run'",
          "started_at TIMESTAMP COMMENT 'start time (UTC)'",
          "ended_at TIMESTAMP COMMENT 'end time (UTC)'",
          "status STRING COMMENT 'succeeded or failed'",
          "error STRING COMMENT 'one-sentence reason when failed'",
          "files_new INT COMMENT 'extract files ingested'",
          "files_skipped INT COMMENT 're-sent files skipped'",
          "conservation ARRAY<STRUCT<source: STRING, rows_read: BIGINT, accepted: BIGINT, quarantined: BIGINT, duplicates: BIGINT, balanced: BOOLEAN>> COMMENT 'per source: rows read = accepted + quarantined + duplicates'",
          "input_versions MAP<STRING, BIGINT> COMMENT 'Delta version of each table read, before the run wrote'",
          "output_versions MAP<STRING, BIGINT> COMMENT 'Delta version of each table after the run; time travel to reproduce'",
          "row_counts MAP<STRING, BIGINT> COMMENT 'row count of each table written'",
          "definition_version STRING COMMENT 'version of the indicator definitions used'",
          "synthetic BOOLEAN COMMENT 'true when the run read synthetic demonstration data (a generator-marked "
              + "input folder or the demo pseudonymisation key): what it publishes is not official statistics'"),
      List.of());

  public static final TableDef QUARANTINE = new TableDef("ops", "quarantine",
      "Rows that failed a quality rule: one row per rejected source record, with every rule it failed. "
          + "Raw values with document numbers shown by their shape and names, addresses and notes masked; the full "
          + "raw record stays in bronze (restricted). Key: (file_checksum, source_line).",
      String.join(", ",
          "source STRING COMMENT 'source extract'",
          "failed_rules ARRAY<STRING> COMMENT 'names of all ERROR rules the row failed (see migstat rules)'",
          "raw_values MAP<STRING, STRING> COMMENT 'the raw values of the record, document numbers and names masked'",
          "raw_record STRING COMMENT 'why the record could not be parsed (its raw text stays in bronze)'",
          "source_file STRING COMMENT 'extract file name'",
          "source_line INT COMMENT 'line where the record starts'",
          "file_checksum STRING COMMENT 'SHA-256 of the file'",
          "extract_date DATE COMMENT 'extract date of the file'",
          "run_id STRING COMMENT 'run that quarantined the row'"),
      List.of("source"));

  // ---- bronze -----------------------------------------------------------------------------------
  public static final String RESIDENT_RAW_COLUMNS =
      "record_id,doc_type,doc_number,doc_country,full_name,citizenship,country_of_birth,sex,birth_date,"
          + "province,district,stay_category,registration_date,deregistration_date,record_status,last_updated";
  public static final String PERMIT_RAW_COLUMNS =
      "permit_no,holder_doc_type,holder_doc_number,holder_doc_country,holder_name,employer,sector_isic,"
          + "occupation,permit_type,issue_date,valid_from,valid_to,status,status_date,last_updated";

  public static final TableDef BRONZE_RESIDENTS = bronze("residents",
      "Host resident registry extracts as delivered: one row per record line, all values raw strings. "
          + "Holds raw personal identifiers: restricted. Idempotency key: _file_checksum (a file's rows are replaced as a whole).",
      RESIDENT_RAW_COLUMNS);
  public static final TableDef BRONZE_PERMITS = bronze("permits",
      "Work-permit registry extracts as delivered: one row per JSON line, all values raw strings. "
          + "Holds raw personal identifiers: restricted. Idempotency key: _file_checksum.",
      PERMIT_RAW_COLUMNS);

  private static TableDef bronze(String name, String comment, String rawColumns) {
    StringBuilder ddl = new StringBuilder();
    for (String c : rawColumns.split(",")) {
      ddl.append(c).append(" STRING COMMENT 'raw value as delivered', ");
    }
    ddl.append(BRONZE_META);
    return new TableDef("bronze", name, comment, ddl.toString(), List.of());
  }

  // ---- silver -----------------------------------------------------------------------------------
  public static final String SILVER_LINEAGE = Columns.SILVER_LINEAGE;

  public static final TableDef SILVER_RESIDENTS = new TableDef("silver", "residents",
      "Foreign residents from the host registry, typed and conformed: one row per registry record (latest version). "
          + "Persons are pseudonymised. Key: record_id.",
      String.join(", ",
          "record_id STRING COMMENT 'registry record number'",
          "person_id STRING COMMENT 'HMAC-SHA256 pseudonym of the normalised document type|country|number'",
          "key_version STRING COMMENT 'version of the pseudonymisation key'",
          "citizenship STRING COMMENT 'ISO 3166 alpha-3'",
          "country_of_birth STRING COMMENT 'ISO 3166 alpha-3, NULL when not recorded'",
          "sex STRING COMMENT 'M, F or U (not recorded)'",
          "birth_date DATE COMMENT 'date of birth, NULL when not recorded'",
          "province STRING COMMENT 'ISO 3166-2:KH province code'",
          "stay_category STRING COMMENT 'visa / stay category code'",
          "registration_date DATE COMMENT 'date registered'",
          "deregistration_date DATE COMMENT 'date deregistered or departed; NULL while registered'",
          "is_deleted BOOLEAN COMMENT 'record deleted at source (entered in error); kept as a tombstone'",
          SILVER_LINEAGE),
      List.of());

  public static final TableDef SILVER_PERMITS = new TableDef("silver", "permits",
      "Work permits, typed and conformed: one row per permit number (latest version). Key: permit_no.",
      String.join(", ",
          "permit_no STRING COMMENT 'permit number'",
          "person_id STRING COMMENT 'HMAC-SHA256 pseudonym of the holder document; links to silver.residents'",
          "key_version STRING COMMENT 'version of the pseudonymisation key'",
          "citizenship STRING COMMENT 'ISO 3166 alpha-3 of the holder document issuing country'",
          "employer STRING COMMENT 'employer name'",
          "sector STRING COMMENT 'ISIC Rev.4 section letter'",
          "occupation STRING COMMENT 'occupation as recorded'",
          "permit_type STRING COMMENT 'national permit type'",
          "reason STRING COMMENT 'Eurostat reason: Employment, Family, Education, Other'",
          "mapping_version STRING COMMENT 'version of the permit-type-to-reason mapping'",
          "issue_date DATE COMMENT 'date issued'",
          "valid_from DATE COMMENT 'first day of validity'",
          "valid_to DATE COMMENT 'last day of validity'",
          "validity_months INT COMMENT 'whole months of validity'",
          "validity_class STRING COMMENT '3-5m, 6-11m, 12m+ (Eurostat length-of-validity classes); <3m out of scope'",
          "in_scope BOOLEAN COMMENT 'valid for at least 3 months (Eurostat permit definition)'",
          "status STRING COMMENT 'ISSUED, RENEWED, REVOKED, CANCELLED'",
          "status_date DATE COMMENT 'date of the status'",
          "revoked_on DATE COMMENT 'revocation date, NULL unless revoked'",
          "is_deleted BOOLEAN COMMENT 'cancelled: treated as never issued'",
          SILVER_LINEAGE),
      List.of());

  // ---- gold -------------------------------------------------------------------------------------
  public static final String GOLD_STAMP = Columns.GOLD_STAMP;

  public static final TableDef RESIDENTS_STOCK = new TableDef("gold", "residents_stock",
      "Stock of foreign residents on a reference date (host registry): one row per ref_date x citizenship x province x sex x age_group. "
          + "Distinct persons. Key: ref_date (a run replaces whole dates).",
      String.join(", ",
          "ref_date DATE COMMENT 'reference date of the stock'",
          "citizenship STRING COMMENT 'ISO 3166 alpha-3'",
          "province STRING COMMENT 'ISO 3166-2:KH province code'",
          "sex STRING COMMENT 'M, F, U (not recorded)'",
          "age_group STRING COMMENT 'completed years of age on the reference date (a 29 February birthday is reached on 1 March in a common year): 0-14, 15-24, 25-34, 35-44, 45-54, 55-64, 65+, unknown'",
          "persons BIGINT COMMENT 'distinct persons registered on the date'",
          GOLD_STAMP),
      List.of());

  public static final TableDef PERMIT_HOLDERS_STOCK = new TableDef("gold", "permit_holders_stock",
      "Stock of persons holding a valid work permit on a reference date: one row per ref_date x citizenship x sector x validity_class. "
          + "A person with several valid permits counts once, under the permit that started last. Key: ref_date.",
      String.join(", ",
          "ref_date DATE COMMENT 'reference date of the stock'",
          "citizenship STRING COMMENT 'ISO 3166 alpha-3 (holder document)'",
          "sector STRING COMMENT 'ISIC Rev.4 section'",
          "validity_class STRING COMMENT '3-5m, 6-11m, 12m+'",
          "persons BIGINT COMMENT 'distinct persons with at least one valid permit'",
          GOLD_STAMP),
      List.of());

  public static final TableDef FIRST_PERMITS = new TableDef("gold", "first_permits",
      "First permits issued in a calendar month (6-month-gap rule): one row per period x citizenship x reason x validity_class. Key: period_start.",
      String.join(", ",
          "period_start DATE COMMENT 'first day of the month'",
          "period_end DATE COMMENT 'last day of the month'",
          "citizenship STRING COMMENT 'ISO 3166 alpha-3'",
          "reason STRING COMMENT 'Employment, Family, Education, Other'",
          "validity_class STRING COMMENT '3-5m, 6-11m, 12m+'",
          "persons BIGINT COMMENT 'distinct persons who received a first permit in the month'",
          "permits BIGINT COMMENT 'first permits issued in the month'",
          GOLD_STAMP),
      List.of());

  public static final TableDef PERMIT_COVERAGE = new TableDef("gold", "permit_coverage",
      "Work-permit coverage of residents on a reference date: one row per ref_date x citizenship. Key: ref_date.",
      String.join(", ",
          "ref_date DATE COMMENT 'reference date'",
          "citizenship STRING COMMENT 'ISO 3166 alpha-3'",
          "residents BIGINT COMMENT 'distinct persons registered as residents on the date'",
          "permit_holders BIGINT COMMENT 'distinct persons with a valid work permit on the date (residents or not)'",
          "permit_holders_resident BIGINT COMMENT 'residents with a valid work permit on the date'",
          "coverage_pct DOUBLE COMMENT '100 x permit_holders_resident / residents'",
          "documentation_gap BIGINT COMMENT 'residents without a valid work permit (estimate from linked registers)'",
          GOLD_STAMP),
      List.of());

  // The residence definitions (usual residence, stay category, country of birth) and the permit breakdowns of
  // Eurostat (reason, sex, age, the 5-year class) are tables of their own rather than more columns of
  // residents_stock and permit_holders_stock: crossed with province x sex x age (residents) or sector (holders)
  // they would multiply those tables' rows several times over for breakdowns nobody publishes together, and the
  // two existing tables keep the grain the independent recounts compare cell by cell.
  public static final TableDef RESIDENTS_BY_STAY = new TableDef("gold", "residents_by_stay",
      "Registered foreign residents on a reference date by citizenship, country of birth, stay category and length of "
          + "residence (host registry): one row per ref_date x citizenship x country_of_birth x stay_category x "
          + "residence_duration. Distinct persons, placed as in residents_stock: the rows of a date add up to its "
          + "residents. Key: ref_date (a run replaces whole dates).",
      String.join(", ",
          "ref_date DATE COMMENT 'reference date of the stock'",
          "citizenship STRING COMMENT 'ISO 3166 alpha-3'",
          "country_of_birth STRING COMMENT 'ISO 3166 alpha-3 as recorded by the registry; _U when not recorded (never inferred from citizenship)'",
          "stay_category STRING COMMENT 'registry stay category on the harmonised code list (mappings/stay_category.csv): employment, general, retirement, study, khmer_descent, tourist; _U when blank or not on the list'",
          "residence_duration STRING COMMENT 'calendar months from the registration of the placing record to the reference date: lt_3m (under 3), 3_11m (3 to 11: temporary mobility), 12m_plus (12 or more: usual residence)'",
          "persons BIGINT COMMENT 'distinct persons registered on the date'",
          GOLD_STAMP),
      List.of());

  public static final TableDef USUAL_RESIDENTS = new TableDef("gold", "usual_residents",
      "Registered and usual foreign residents on a reference date, side by side, never blended: one row per ref_date "
          + "x citizenship. Registered residents are every person registered on the date (the national figure); usual "
          + "residents those registered for at least the last 12 months (UN, the 12-month criterion applied to the "
          + "registration date). registered_residents = usual_residents + temporary_residents + short_stay_residents. "
          + "Key: ref_date.",
      String.join(", ",
          "ref_date DATE COMMENT 'reference date of the stock'",
          "citizenship STRING COMMENT 'ISO 3166 alpha-3'",
          "registered_residents BIGINT COMMENT 'distinct persons registered on the date (equals residents_stock and permit_coverage.residents)'",
          "usual_residents BIGINT COMMENT 'of those, registered 12 months or more before the date (residence_duration 12m_plus)'",
          "temporary_residents BIGINT COMMENT 'of those, registered 3 to 11 months before the date: temporary mobility, not migration'",
          "short_stay_residents BIGINT COMMENT 'of those, registered less than 3 months before the date'",
          GOLD_STAMP),
      List.of());

  public static final TableDef PERMIT_HOLDERS_PROFILE = new TableDef("gold", "permit_holders_profile",
      "Persons holding a valid work permit on a reference date by citizenship, reason, length of validity, sex and age "
          + "(Eurostat breakdowns): one row per ref_date x citizenship x reason x validity_class x sex x age_group. "
          + "Placed as in permit_holders_stock (the permit that started last): the rows of a date add up to its holders. "
          + "Sex and age from the holder's resident record on the same date, linked through the pseudonymised person; _U "
          + "when the holder is not registered as a resident on the date. Key: ref_date.",
      String.join(", ",
          "ref_date DATE COMMENT 'reference date of the stock'",
          "citizenship STRING COMMENT 'ISO 3166 alpha-3 (holder document)'",
          "reason STRING COMMENT 'Employment, Family, Education, Other (Eurostat reasons, mappings/permit_reason.csv)'",
          "validity_class STRING COMMENT '3-5m, 6-11m, 12m+'",
          "sex STRING COMMENT 'M, F, U (not recorded on the resident record), _U (no resident record on the date)'",
          "age_group STRING COMMENT 'age on the reference date as in residents_stock; unknown (no birth date on the resident record), _U (no resident record on the date)'",
          "persons BIGINT COMMENT 'distinct persons with at least one valid permit'",
          "long_term_persons BIGINT COMMENT 'of those, persons whose permit is valid 5 years or more (the 5y_plus class, nested in 12m+; 0 in other classes)'",
          GOLD_STAMP),
      List.of());

  // ---- UNODC GLOTIP (a real published file, read as published) ---------------------------------
  public static final TableDef SILVER_GLOTIP = new TableDef("silver", "glotip",
      "UNODC Global Report on Trafficking in Persons (GLOTIP) export, parsed: one row per country x indicator x "
          + "dimension x category x sex x age x year as published; <5 kept as a censored value (bounds 1-4). "
          + "Replaced whole by each new release. Key: source_row within the release.",
      org.migstat.conform.GlotipConform.SILVER_DDL, List.of());

  public static final TableDef GLOTIP_CONTEXT = new TableDef("gold", "glotip_context",
      "UNODC detected victims, persons prosecuted and persons convicted for the countries in scope, by year and sex "
          + "(totals over age and category): one row per country x indicator x sex x year. Censored values stay censored. "
          + "Key: whole table (replaced with each release).",
      String.join(", ",
          "year INT COMMENT 'reference year'",
          "country STRING COMMENT 'ISO 3166 alpha-3 of the reporting country'",
          "country_name STRING COMMENT 'country name as published by UNODC'",
          "indicator STRING COMMENT 'Detected trafficking victims, Persons prosecuted, Persons convicted'",
          "sex STRING COMMENT 'Total, Female, Male, Other, Unknown (as published)'",
          "value DOUBLE COMMENT 'the count; NULL when censored'",
          "is_censored BOOLEAN COMMENT 'published as <5: between 1 and 4'",
          "value_lower DOUBLE COMMENT 'lower bound'",
          "value_upper DOUBLE COMMENT 'upper bound'",
          "release STRING COMMENT 'UNODC release date of the file'",
          GOLD_STAMP),
      List.of());

  /** The residence, permit and UNODC tables, in layer order. */
  public static final List<TableDef> RESIDENCE = List.of(
      INGESTED_FILES, RUNS, QUARANTINE,
      BRONZE_RESIDENTS, BRONZE_PERMITS,
      SILVER_RESIDENTS, SILVER_PERMITS,
      RESIDENTS_STOCK, PERMIT_HOLDERS_STOCK, FIRST_PERMITS, PERMIT_COVERAGE,
      RESIDENTS_BY_STAY, USUAL_RESIDENTS, PERMIT_HOLDERS_PROFILE,
      SILVER_GLOTIP, GLOTIP_CONTEXT);

  /** Every table a run writes before publication: these and the cases, crossings and embassy tables. */
  public static final List<TableDef> ALL = java.util.stream.Stream.concat(RESIDENCE.stream(), CaseTables.ALL.stream())
      .toList();
}
