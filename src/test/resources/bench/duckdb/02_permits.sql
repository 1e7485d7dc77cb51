-- Work-permit registry: raw rows to the latest accepted version of each permit (conform/PermitsConform).
CREATE TABLE permits AS
WITH typed AS (
  SELECT
    txt(permit_no) AS permit_no,
    document_key(holder_doc_type, maps.map_citizenship[norm(holder_doc_country)], holder_doc_number) AS person_id,
    maps.map_citizenship[norm(holder_doc_country)] AS citizenship,
    coalesce(maps.map_isic[norm(sector_isic)], 'X') AS sector,
    maps.map_permit_reason[norm(permit_type)] AS reason,
    ymd(issue_date) AS issue_date,
    ymd(valid_from) AS valid_from,
    ymd(valid_to) AS valid_to,
    code(status) AS status,
    ymd(status_date) AS status_date,
    ymd_t_hms(last_updated) AS updated_at,
    extract_date, file_name
  FROM raw_permits, maps),
classed AS (
  SELECT *,
    -- Eurostat length-of-validity classes; under 3 months is outside permit statistics.
    CASE WHEN valid_to >= add_months(valid_from, 12) - 1 THEN '12m+'
         WHEN valid_to >= add_months(valid_from, 6) - 1 THEN '6-11m'
         WHEN valid_to >= add_months(valid_from, 3) - 1 THEN '3-5m'
         ELSE '<3m' END AS validity_class,
    CASE WHEN status = 'REVOKED' THEN status_date END AS revoked_on,
    coalesce(status = 'CANCELLED', false) AS is_deleted
  FROM typed),
accepted AS (
  SELECT * FROM classed
  WHERE permit_no IS NOT NULL
    AND person_id IS NOT NULL
    AND citizenship IS NOT NULL
    AND reason IS NOT NULL
    AND issue_date IS NOT NULL
    AND valid_from IS NOT NULL
    AND valid_to IS NOT NULL
    AND valid_to >= valid_from
    AND status IN ('ISSUED', 'RENEWED', 'REVOKED', 'CANCELLED')
    AND (status NOT IN ('REVOKED', 'CANCELLED') OR status_date IS NOT NULL)
    AND updated_at IS NOT NULL)
SELECT *, validity_class <> '<3m' AS in_scope FROM (
  SELECT * EXCLUDE (rk) FROM (
    SELECT *, row_number() OVER (PARTITION BY permit_no
                                 ORDER BY updated_at DESC, extract_date DESC, file_name DESC) AS rk
    FROM accepted)
  WHERE rk = 1);
