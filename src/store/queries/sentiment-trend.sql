-- Sentiment of all feedback per period, optionally for one language, channel or product.
-- Periods without documents are absent here; `koe trends` fills them with 0.
-- @param period   day|week|month    = week       week = ISO 8601 week (2026-W05)
-- @param since    date              = 0000-01-01 first day included (UTC)
-- @param until    date              = 9999-12-31 last day included (UTC)
-- @param lang     ja|en|other       = null       only this language (default: all)
-- @param channel  text              = null       only this channel (default: all)
-- @param product  text              = null       only this product (default: all)
-- @column period          day (YYYY-MM-DD), ISO week (YYYY-Www) or month (YYYY-MM)
-- @column documents       documents in the period
-- @column positive        positive documents
-- @column neutral         neutral documents
-- @column negative        negative documents
-- @column share_negative  negative / documents
-- @column mean_sentiment  mean sentiment score in [-1, 1]
SELECT
  CASE :period
    WHEN 'day' THEN substr(d.created_at, 1, 10)
    WHEN 'week' THEN strftime('%G-W%V', d.created_at)
    ELSE substr(d.created_at, 1, 7)
  END AS period,
  count(*) AS documents,
  sum(a.sentiment_label = 'positive') AS positive,
  sum(a.sentiment_label = 'neutral') AS neutral,
  sum(a.sentiment_label = 'negative') AS negative,
  round(avg(a.sentiment_label = 'negative'), 4) AS share_negative,
  round(avg(a.sentiment_score), 4) AS mean_sentiment
FROM documents d
JOIN analyses a ON a.doc_id = d.id
-- The UTC days since..until on the created_at index: each ISO instant of day `until` sorts below `until` || '~'.
WHERE d.created_at >= :since AND d.created_at < :until || '~'
  AND (:lang IS NULL OR d.lang = :lang)
  AND (:channel IS NULL OR d.channel = :channel)
  AND (:product IS NULL OR d.product = :product)
GROUP BY period
ORDER BY period;
