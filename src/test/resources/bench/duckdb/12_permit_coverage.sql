-- gold.permit_coverage: residents, permit holders (resident or not) and residents holding a permit, by
-- citizenship on each month end (indicators/Stocks.coverage). Residents are classed by their registry
-- citizenship, holders by their document's country. Needs residents_on_dates and holders_on_dates.
CREATE TABLE gold_permit_coverage AS
WITH res AS (SELECT ref_date, citizenship, count(*) AS residents FROM residents_on_dates GROUP BY ALL),
hold AS (SELECT ref_date, citizenship, count(*) AS permit_holders FROM holders_on_dates GROUP BY ALL),
res_hold AS (
  SELECT r.ref_date, r.citizenship, count(*) AS permit_holders_resident
  FROM residents_on_dates r SEMI JOIN holders_on_dates h ON h.ref_date = r.ref_date AND h.person_id = r.person_id
  GROUP BY ALL)
SELECT ref_date, citizenship, residents, permit_holders, permit_holders_resident,
  CASE WHEN residents > 0 THEN round2(permit_holders_resident * 100.0 / residents) END AS coverage_pct,
  residents - permit_holders_resident AS documentation_gap
FROM (
  SELECT coalesce(res.ref_date, hold.ref_date) AS ref_date, coalesce(res.citizenship, hold.citizenship) AS citizenship,
    coalesce(res.residents, 0) AS residents, coalesce(hold.permit_holders, 0) AS permit_holders,
    coalesce(rh.permit_holders_resident, 0) AS permit_holders_resident
  FROM res FULL OUTER JOIN hold ON res.ref_date = hold.ref_date AND res.citizenship = hold.citizenship
  LEFT JOIN res_hold rh ON rh.ref_date = coalesce(res.ref_date, hold.ref_date)
                       AND rh.citizenship = coalesce(res.citizenship, hold.citizenship));
