-- gold.residents_stock: residents registered on each month end of the registries' span (indicators/Stocks).
-- Registered on or before the date, not deregistered on or before it, deleted records never count; a person
-- with several records is placed by the record registered last (ties: the larger record_id).
CREATE TABLE residents_on_dates AS
SELECT ref_date, person_id, citizenship, province, sex,
  CASE WHEN birth_date IS NULL OR age_years(ref_date, birth_date) < 0 THEN 'unknown'
       WHEN age_years(ref_date, birth_date) < 15 THEN '0-14'
       WHEN age_years(ref_date, birth_date) < 25 THEN '15-24'
       WHEN age_years(ref_date, birth_date) < 35 THEN '25-34'
       WHEN age_years(ref_date, birth_date) < 45 THEN '35-44'
       WHEN age_years(ref_date, birth_date) < 55 THEN '45-54'
       WHEN age_years(ref_date, birth_date) < 65 THEN '55-64'
       ELSE '65+' END AS age_group
FROM (
  SELECT d.ref_date, r.*, row_number() OVER (PARTITION BY d.ref_date, r.person_id
                                             ORDER BY r.registration_date DESC, r.record_id DESC) AS rk
  FROM residents r JOIN month_ends(['residents', 'permits']) d
    ON r.registration_date <= d.ref_date AND (r.deregistration_date IS NULL OR r.deregistration_date > d.ref_date)
  WHERE NOT r.is_deleted)
WHERE rk = 1;

CREATE TABLE gold_residents_stock AS
SELECT ref_date, citizenship, province, sex, age_group, count(*) AS persons
FROM residents_on_dates GROUP BY ALL;
