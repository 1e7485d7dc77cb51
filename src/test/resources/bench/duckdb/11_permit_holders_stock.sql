-- gold.permit_holders_stock: persons holding a valid work permit on each month end (indicators/Stocks).
-- Valid: in scope (3 months or more), valid_from <= date <= valid_to, not cancelled, not revoked before the date.
-- The unit is the person: with overlapping permits, the one that started last (ties: larger permit_no) classifies.
CREATE TABLE holders_on_dates AS
SELECT ref_date, person_id, citizenship, sector, validity_class
FROM (
  SELECT d.ref_date, p.*, row_number() OVER (PARTITION BY d.ref_date, p.person_id
                                             ORDER BY p.valid_from DESC, p.permit_no DESC) AS rk
  FROM permits p JOIN month_ends(['residents', 'permits']) d
    ON p.valid_from <= d.ref_date AND p.valid_to >= d.ref_date
   AND (p.revoked_on IS NULL OR p.revoked_on >= d.ref_date)
  WHERE NOT p.is_deleted AND p.in_scope)
WHERE rk = 1;

CREATE TABLE gold_permit_holders_stock AS
SELECT ref_date, citizenship, sector, validity_class, count(*) AS persons
FROM holders_on_dates GROUP BY ALL;
