-- NPS per channel from ratings on the nps scale (0–10): promoters 9–10 minus detractors 0–6, in points.
-- Ratings on other scales are never counted; a channel with no NPS ratings is absent.
-- @param since  date  = 0000-01-01  first day included (UTC)
-- @param until  date  = 9999-12-31  last day included (UTC)
-- @column channel     channel, or "(none)"
-- @column responses   NPS ratings
-- @column promoters   ratings 9–10
-- @column passives    ratings 7–8
-- @column detractors  ratings 0–6
-- @column nps         100 × (promoters − detractors) / responses, one decimal
SELECT
  coalesce(r.channel, '(none)') AS channel,
  count(*) AS responses,
  sum(r.nps_group = 'promoter') AS promoters,
  sum(r.nps_group = 'passive') AS passives,
  sum(r.nps_group = 'detractor') AS detractors,
  round(100.0 * (sum(r.nps_group = 'promoter') - sum(r.nps_group = 'detractor')) / count(*), 1) AS nps
FROM v_ratings r
WHERE r.nps_group IS NOT NULL
  AND ((r.created_at IS NULL AND :since = '0000-01-01' AND :until = '9999-12-31')
       -- UTC days since..until on the created_at index (each ISO instant of day `until` sorts below `until` || '~')
       OR (r.created_at >= :since AND r.created_at < :until || '~'))
GROUP BY channel
ORDER BY responses DESC, channel;
