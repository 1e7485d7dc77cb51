-- The DuckDB peer of migstat (see org.migstat.bench.DuckPeer): helpers and code lists.
-- Everything below is recomputed from the raw extract files; nothing is read from migstat's lakehouse.
-- The driver has created one view per source before this script runs:
--   raw_residents, raw_permits, raw_cases, raw_crossings: the declared raw columns as text (NULL or '' when blank),
--   plus file_name and extract_date (from the file name: the last day of a YYYY-MM, or the day of a YYYY-MM-DD).
--   A line the CSV reader cannot split is dropped there (migstat quarantines it: either way it never counts).
-- and the table extract_files(source, file_name, extract_date) listing every delivered file, empty ones included.

-- Trimmed text, NULL when blank (conform/Parse.text); upper-cased codes (Parse.code).
CREATE MACRO txt(s) AS nullif(trim(s), '');
CREATE MACRO code(s) AS upper(nullif(trim(s), ''));
-- Lookup keys: lower case, runs of spaces, hyphens, underscores and dots folded to one space (Mappings.normalise).
CREATE MACRO norm(s) AS trim(regexp_replace(lower(s), '[\s\-_.]+', ' ', 'g'));
-- Strict dates and times: a real date in exactly the extract's pattern, else NULL.
CREATE MACRO dmy(s) AS CASE WHEN regexp_full_match(txt(s), '\d{2}/\d{2}/\d{4}')
  THEN try_strptime(txt(s), '%d/%m/%Y')::DATE END;
CREATE MACRO dmy_hms(s) AS CASE WHEN regexp_full_match(txt(s), '\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}')
  THEN try_strptime(txt(s), '%d/%m/%Y %H:%M:%S') END;
CREATE MACRO dmy_dash(s) AS CASE WHEN regexp_full_match(txt(s), '\d{2}-\d{2}-\d{4}')
  THEN try_strptime(txt(s), '%d-%m-%Y')::DATE END;
CREATE MACRO dmy_dash_hms(s) AS CASE WHEN regexp_full_match(txt(s), '\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}')
  THEN try_strptime(txt(s), '%d-%m-%Y %H:%M:%S') END;
CREATE MACRO ymd(s) AS CASE WHEN regexp_full_match(txt(s), '\d{4}-\d{2}-\d{2}')
  THEN try_strptime(txt(s), '%Y-%m-%d')::DATE END;
CREATE MACRO ymd_t_hms(s) AS CASE WHEN regexp_full_match(txt(s), '\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}')
  THEN try_strptime(txt(s), '%Y-%m-%dT%H:%M:%S') END;
CREATE MACRO ymd_hms(s) AS CASE WHEN regexp_full_match(txt(s), '\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}')
  THEN try_strptime(txt(s), '%Y-%m-%d %H:%M:%S') END;
CREATE MACRO add_months(d, n) AS (d + to_months(n))::DATE;

-- Completed years of age on a date (definitions 2024.2): the years between the dates, less one before the
-- birthday's month and day, so a person born on 29 February reaches the next age on 1 March in a common year.
CREATE MACRO age_years(d, birth) AS (year(d) - year(birth))
  - CASE WHEN month(d) < month(birth) OR (month(d) = month(birth) AND day(d) < day(birth)) THEN 1 ELSE 0 END;

-- A percentage rounded to 2 decimals half-up on its shortest decimal form (what Spark's round does to a double).
CREATE MACRO round2(x) AS round(CAST(CAST(x AS VARCHAR) AS DECIMAL(38, 12)), 2)::DOUBLE;

-- The normalised document key TYPE|ISO3|NUMBER that migstat pseudonymises (conform/Pseudonymizer.documentKey).
-- Counts only are compared, so the key itself stands for the person.
CREATE MACRO document_key(doc_type, iso3, doc_number) AS
  CASE WHEN nullif(upper(regexp_replace(doc_number, '[\s\-]', '', 'g')), '') IS NULL
         OR iso3 IS NULL OR nullif(upper(trim(doc_type)), '') IS NULL THEN NULL
       ELSE concat_ws('|',
         CASE WHEN upper(trim(doc_type)) IN ('P', 'PASSPORT', 'PASPOR', 'PP') THEN 'PASSPORT'
              WHEN upper(trim(doc_type)) IN ('TRAVEL_DOC', 'TRAVEL DOCUMENT', 'TD') THEN 'TRAVEL_DOC'
              ELSE regexp_replace(upper(trim(doc_type)), '\s+', '_', 'g') END,
         iso3, upper(regexp_replace(doc_number, '[\s\-]', '', 'g'))) END;

-- Code lists: the mapping CSV files migstat ships (src/main/resources/mappings), first spelling wins.
CREATE MACRO mapping(file, key_column, value_column) AS TABLE
  SELECT norm(k) AS k, arg_min(v, n) AS v FROM (
    SELECT columns(key_column) AS k, columns(value_column) AS v, row_number() OVER () AS n
    FROM read_csv('{{mappings}}/' || file, header = true, all_varchar = true, comment = '#'))
  WHERE k IS NOT NULL GROUP BY norm(k);

CREATE TABLE maps AS SELECT
  (SELECT map(list(k), list(v)) FROM mapping('citizenship.csv', 'variant', 'iso3')) AS map_citizenship,
  (SELECT map(list(k), list(v)) FROM mapping('province.csv', 'variant', 'province_code')) AS map_province,
  (SELECT map(list(k), list(v)) FROM mapping('isic_section.csv', 'code', 'section')) AS map_isic,
  (SELECT map(list(k), list(v)) FROM mapping('permit_reason.csv', 'permit_type', 'reason')) AS map_permit_reason,
  (SELECT map(list(k), list(v)) FROM mapping('htcds_gender.csv', 'variant', 'htcds_value')) AS map_gender,
  (SELECT map(list(k), list(v)) FROM mapping('htcds_trafficking_status.csv', 'variant', 'htcds_value')) AS map_trafficking_status,
  (SELECT map(list(k), list(v)) FROM mapping('htcds_deciding_organisation.csv', 'variant', 'htcds_value')) AS map_organisation,
  (SELECT map(list(k), list(v)) FROM mapping('htcds_case_type.csv', 'variant', 'htcds_value')) AS map_case_type,
  (SELECT map(list(k), list(v)) FROM mapping('htcds_recruitment_method.csv', 'variant', 'htcds_value')) AS map_recruitment,
  (SELECT map(list(k), list(v)) FROM mapping('htcds_platform.csv', 'variant', 'htcds_value')) AS map_platform,
  (SELECT map(list(k), list(v)) FROM mapping('htcds_lure_job.csv', 'variant', 'htcds_value')) AS map_lure_job,
  (SELECT map(list(k), list(v)) FROM mapping('htcds_exploitation.csv', 'variant', 'htcds_value')) AS map_exploitation,
  (SELECT map(list(k), list(v)) FROM mapping('htcds_exploitation.csv', 'variant', 'subtype')) AS map_exploitation_subtype,
  (SELECT map(list(k), list(v)) FROM mapping('htcds_control_method.csv', 'variant', 'htcds_value')) AS map_control,
  (SELECT map(list(k), list(v)) FROM mapping('htcds_entry_visa.csv', 'variant', 'htcds_value')) AS map_entry_visa,
  (SELECT map(list(k), list(v)) FROM mapping('htcds_entry_route.csv', 'variant', 'htcds_value')) AS map_entry_route,
  (SELECT map(list(k), list(v)) FROM mapping('htcds_case_status.csv', 'variant', 'htcds_value')) AS map_case_status,
  (SELECT map(list(k), list(v)) FROM mapping('htcds_justice_stage.csv', 'variant', 'htcds_value')) AS map_justice_stage,
  (SELECT map(list(k), list(v)) FROM mapping('htcds_consent.csv', 'variant', 'htcds_value')) AS map_consent,
  (SELECT map(list(k), list(v)) FROM mapping('htcds_citizenship.csv', 'variant', 'htcds_value')) AS map_htcds_citizenship,
  (SELECT map(list(k), list(v)) FROM mapping('htcds_province_id.csv', 'variant', 'htcds_value')) AS map_province_id;

-- Reference dates: the month ends of a source's extract span (stocks use the two registries together).
CREATE MACRO month_ends(sources) AS TABLE
  SELECT last_day(m)::DATE AS ref_date
  FROM (SELECT date_trunc('month', min(extract_date)) AS lo, max(extract_date) AS hi
        FROM extract_files WHERE list_contains(sources, source)) s,
       generate_series(s.lo, s.hi, INTERVAL 1 MONTH) AS g(m);
CREATE MACRO months(sources) AS TABLE
  SELECT date_trunc('month', ref_date)::DATE AS period_start, ref_date AS period_end FROM month_ends(sources);
