-- gold.first_permits: first permits issued in each month of the registries' span (indicators/Flows).
-- A permit is first when the person had no earlier in-scope permit, or when it starts at least 6 months after
-- the expiry of every earlier one (Eurostat, Reg. 862/2007 as amended); a revoked permit expires when revoked.
CREATE TABLE gold_first_permits AS
WITH marked AS (
  SELECT *,
    max(least(valid_to, coalesce(revoked_on, valid_to))) OVER (
      PARTITION BY person_id ORDER BY valid_from, issue_date, permit_no
      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS previous_end
  FROM permits WHERE NOT is_deleted AND in_scope)
SELECT m.period_start, m.period_end, p.citizenship, p.reason, p.validity_class,
  count(DISTINCT p.person_id) AS persons, count(*) AS permits
FROM marked p JOIN months(['residents', 'permits']) m ON p.issue_date BETWEEN m.period_start AND m.period_end
WHERE p.previous_end IS NULL OR p.valid_from >= add_months(p.previous_end, 6)
GROUP BY ALL;
