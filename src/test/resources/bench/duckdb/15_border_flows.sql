-- gold.border_flows: entry and exit events in each month of the crossing extracts' span, by citizenship,
-- checkpoint and visa (indicators/Borders.flows). Events, not persons; a blank visa is 'unknown'.
CREATE TABLE gold_border_flows AS
SELECT m.period_start, m.period_end, c.citizenship, c.checkpoint, c.checkpoint_type,
  coalesce(c.visa_type, 'unknown') AS visa_type, coalesce(c.visa_class, 'unknown') AS visa_class,
  count(*) FILTER (WHERE c.direction = 'IN') AS entries,
  count(*) FILTER (WHERE c.direction = 'OUT') AS exits,
  count(*) FILTER (WHERE c.direction = 'IN') - count(*) FILTER (WHERE c.direction = 'OUT') AS net_entries
FROM crossings c JOIN months(['crossings']) m ON c.event_date BETWEEN m.period_start AND m.period_end
GROUP BY ALL;
