-- Host resident registry: raw rows to the latest accepted version of each record (conform/ResidentsConform).
CREATE TABLE residents AS
WITH typed AS (
  SELECT
    txt(record_id) AS record_id,
    document_key(doc_type, maps.map_citizenship[norm(doc_country)], doc_number) AS person_id,
    maps.map_citizenship[norm(citizenship)] AS citizenship,
    CASE WHEN code(sex) IN ('M', 'F') THEN code(sex) ELSE 'U' END AS sex,
    dmy(birth_date) AS birth_date, txt(birth_date) IS NULL AS birth_date_blank,
    maps.map_province[norm(province)] AS province,
    dmy(registration_date) AS registration_date,
    dmy(deregistration_date) AS deregistration_date, txt(deregistration_date) IS NULL AS deregistration_blank,
    code(record_status) AS record_status,
    coalesce(code(record_status) = 'D', false) AS is_deleted,
    dmy_hms(last_updated) AS updated_at,
    extract_date, file_name
  FROM raw_residents, maps),
accepted AS (
  -- Every ERROR rule holds (a NULL verdict fails).
  SELECT * FROM typed
  WHERE record_id IS NOT NULL
    AND person_id IS NOT NULL
    AND citizenship IS NOT NULL
    AND registration_date IS NOT NULL
    AND (deregistration_blank OR coalesce(deregistration_date >= registration_date, false))
    AND (birth_date_blank OR coalesce(birth_date <= registration_date, false))
    AND province IS NOT NULL
    AND record_status IN ('A', 'D')
    AND updated_at IS NOT NULL)
-- The latest version wins: newest last_updated, then the later delivery.
SELECT * EXCLUDE (rk) FROM (
  SELECT *, row_number() OVER (PARTITION BY record_id
                               ORDER BY updated_at DESC, extract_date DESC, file_name DESC) AS rk
  FROM accepted)
WHERE rk = 1;
