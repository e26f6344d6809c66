-- tests/lib/priority.sql: the queue as warden(1) (queue) states its
-- priority, computed from the rows and the rules table by SQL alone, not
-- by warden: every account with an open flag, most urgent first (of two
-- equal, the higher id), as "handle|priority at @now" (@now in epoch
-- seconds: sqlite3 -cmd '.parameter set @now N').
WITH
rules(name, value) AS (SELECT name, value FROM rule),
weighed(account, created, w) AS (
  SELECT f.account_id, f.created,
    (SELECT value FROM rules WHERE name = CASE f.severity
      WHEN 3 THEN 'weight_high' WHEN 2 THEN 'weight_medium'
      ELSE 'weight_low' END) *
    CASE
      WHEN m.account_id IS NOT NULL AND (m.until IS NULL OR m.until > @now)
        THEN 0
      WHEN f.reporter_id IS NULL THEN 1
      ELSE (0.5 + 0.25 * r.trust_level) * 2.0 * (r.reports_upheld + 1) /
        (r.reports_upheld + r.reports_dismissed + 2)
    END
  FROM flag f
  LEFT JOIN account r ON r.id = f.reporter_id
  LEFT JOIN muted_reporter m ON m.account_id = f.reporter_id
  WHERE f.status = 'open'),
summed(account, base, oldest) AS (
  SELECT account, sum(w), min(created) FROM weighed GROUP BY account),
prio(id, handle, p) AS (
  SELECT a.id, a.handle,
    s.base * max(0.25, 1 + (SELECT value FROM rules
      WHERE name = 'lowtrust_step') * (2 - a.trust_level)) +
    (SELECT value FROM rules WHERE name = 'age_per_day') *
      (@now - s.oldest) / 86400.0
  FROM summed s JOIN account a ON a.id = s.account)
SELECT handle || '|' || printf('%.1f', p) FROM prio ORDER BY p DESC, id DESC;
