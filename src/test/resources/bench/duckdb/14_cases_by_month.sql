-- gold.cases_by_month: cases and distinct persons reported in each month of the case extracts' span
-- (indicators/Cases.byMonth). Cases entered in error never count.
CREATE TABLE gold_cases_by_month AS
SELECT m.period_start, m.period_end, c.citizenship, c.case_type, c.sex, c.age_group, c.trafficking_status,
  count(*) AS cases, count(DISTINCT c.person_id) AS persons,
  count(*) FILTER (WHERE c.scam_related) AS scam_related_cases,
  count(DISTINCT c.person_id) FILTER (WHERE c.scam_related) AS scam_related_persons
FROM cases c JOIN months(['cases']) m ON c.reported_date BETWEEN m.period_start AND m.period_end
WHERE NOT c.is_deleted
GROUP BY ALL;
