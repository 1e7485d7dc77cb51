-- gold.overstay: persons entering on a tourist visa in each month of the crossing extracts' span, by citizenship:
-- left in time, overstayed, pending (indicators/Borders.overstay). The stay started by an entry on day D ends at
-- the person's first exit after it, or else at their next entry; it is in time when it ends by D + 60. Entries
-- whose D + 60 is after the observation date (the latest extract date) and that have not ended are pending.
-- A person counts once per month: overstayed if any entry overstayed, else pending if any is pending. A month's
-- observed_to is the observation date, or its end + 60 days once every entrant of it has had the 60 days.
CREATE TABLE gold_overstay AS
WITH observed AS (SELECT max(extract_date) AS observed_to FROM extract_files),
stays AS (
  SELECT c.person_id, c.citizenship, c.event_date, c.direction, c.visa_class,
    (c.event_date + 60) AS deadline,
    least(
      min(CASE WHEN c.direction = 'OUT' THEN c.event_date END) OVER w,
      min(CASE WHEN c.direction = 'IN' THEN c.event_date END) OVER w) AS stay_ended
  FROM crossings c, observed o
  WHERE c.event_date <= o.observed_to
  WINDOW w AS (PARTITION BY c.person_id ORDER BY c.event_time, c.event_id
               ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)),
verdicts AS (
  SELECT s.*, CASE WHEN s.stay_ended IS NOT NULL AND s.stay_ended <= s.deadline THEN 1
                   WHEN s.deadline > o.observed_to THEN 2 ELSE 3 END AS verdict
  FROM stays s, observed o
  WHERE s.direction = 'IN' AND s.visa_class = 'Tourist'),
persons AS (
  SELECT m.period_start, m.period_end, v.citizenship, v.person_id, max(v.verdict) AS worst
  FROM verdicts v JOIN months(['crossings']) m ON v.event_date BETWEEN m.period_start AND m.period_end
  GROUP BY ALL)
SELECT period_start, period_end, citizenship,
  least((SELECT observed_to FROM observed), period_end + 60) AS observed_to,
  count(*) AS tourist_entrants,
  count(*) FILTER (WHERE worst = 1) AS left_in_time,
  count(*) FILTER (WHERE worst = 3) AS overstayed,
  count(*) FILTER (WHERE worst = 2) AS pending,
  CASE WHEN count(*) FILTER (WHERE worst IN (1, 3)) > 0
       THEN round2(count(*) FILTER (WHERE worst = 3) * 100.0 / count(*) FILTER (WHERE worst IN (1, 3))) END
    AS overstay_pct
FROM persons GROUP BY period_start, period_end, citizenship;
