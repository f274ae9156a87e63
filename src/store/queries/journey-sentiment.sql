-- Sentiment by customer-journey stage (or touchpoint): where the experience hurts most.
-- Untagged documents show as "(none)". The stage with the lowest mean sentiment is the "moment of truth".
-- @param by     stage|touchpoint  = stage       group by journey stage or by touchpoint
-- @param since  date              = 0000-01-01  first day included (UTC)
-- @param until  date              = 9999-12-31  last day included (UTC)
-- @column step            stage or touchpoint, or "(none)"
-- @column documents       documents
-- @column positive        positive documents
-- @column neutral         neutral documents
-- @column negative        negative documents
-- @column share_negative  negative / documents
-- @column mean_sentiment  mean sentiment score in [-1, 1]
SELECT
  coalesce(CASE :by WHEN 'stage' THEN a.stage ELSE a.touchpoint END, '(none)') AS step,
  count(*) AS documents,
  sum(a.sentiment_label = 'positive') AS positive,
  sum(a.sentiment_label = 'neutral') AS neutral,
  sum(a.sentiment_label = 'negative') AS negative,
  round(avg(a.sentiment_label = 'negative'), 4) AS share_negative,
  round(avg(a.sentiment_score), 4) AS mean_sentiment
FROM documents d
JOIN analyses a ON a.doc_id = d.id
WHERE (d.created_at IS NULL AND :since = '0000-01-01' AND :until = '9999-12-31')
   -- The UTC days since..until read through the created_at index: each ISO instant of day `until` sorts below
   -- `until` || '~' (substr(created_at, 1, 10) BETWEEN read every document of the database).
   OR (d.created_at >= :since AND d.created_at < :until || '~')
GROUP BY step
ORDER BY mean_sentiment, step;
