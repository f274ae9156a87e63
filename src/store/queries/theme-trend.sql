-- Documents per period for one theme (counted by primary theme), with sentiment.
-- Periods without documents are absent here; `koe trends --theme ID` fills them with 0.
-- @param theme    text              (required)   theme id, e.g. t3
-- @param period   day|week|month    = week       week = ISO 8601 week (2026-W05)
-- @param since    date              = 0000-01-01 first day included (UTC)
-- @param until    date              = 9999-12-31 last day included (UTC)
-- @column period          day (YYYY-MM-DD), ISO week (YYYY-Www) or month (YYYY-MM)
-- @column documents       documents of the theme in the period
-- @column negative        of which negative
-- @column share_negative  negative / documents
-- @column mean_sentiment  mean sentiment score in [-1, 1]
SELECT
  CASE :period
    WHEN 'day' THEN substr(d.created_at, 1, 10)
    WHEN 'week' THEN strftime('%G-W%V', d.created_at)
    ELSE substr(d.created_at, 1, 7)
  END AS period,
  count(*) AS documents,
  sum(a.sentiment_label = 'negative') AS negative,
  round(avg(a.sentiment_label = 'negative'), 4) AS share_negative,
  round(avg(a.sentiment_score), 4) AS mean_sentiment
FROM documents d
JOIN analyses a ON a.doc_id = d.id
JOIN document_themes dt ON dt.doc_id = d.id AND dt.rank = 0
WHERE dt.theme_id = :theme
  -- The UTC days since..until: each ISO instant of day `until` sorts below `until` || '~'.
  AND d.created_at >= :since AND d.created_at < :until || '~'
GROUP BY period
ORDER BY period;
