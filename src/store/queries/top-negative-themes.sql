-- Active themes ranked by how many negative documents they hold, then by share negative.
-- Documents counted by their primary theme; themes under min_count documents are left out.
-- @param since      date   = 0000-01-01  first day included (UTC)
-- @param until      date   = 9999-12-31  last day included (UTC)
-- @param min_count  int    = 5           least documents for a theme to be listed
-- @param limit      int    = 10          most themes returned
-- @column theme_id        theme id
-- @column theme_label     theme label
-- @column documents       documents of the theme in the range
-- @column negative        of which negative
-- @column share_negative  negative / documents
-- @column mean_sentiment  mean sentiment score in [-1, 1]
SELECT
  t.id AS theme_id,
  t.label AS theme_label,
  count(*) AS documents,
  sum(a.sentiment_label = 'negative') AS negative,
  round(avg(a.sentiment_label = 'negative'), 4) AS share_negative,
  round(avg(a.sentiment_score), 4) AS mean_sentiment
FROM documents d
JOIN analyses a ON a.doc_id = d.id
JOIN document_themes dt ON dt.doc_id = d.id AND dt.rank = 0
JOIN themes t ON t.id = dt.theme_id AND t.status = 'active'
WHERE (d.created_at IS NULL AND :since = '0000-01-01' AND :until = '9999-12-31')
   -- The UTC days since..until read through the created_at index: each ISO instant of day `until` sorts below
   -- `until` || '~' (substr(created_at, 1, 10) BETWEEN read every document of the database).
   OR (d.created_at >= :since AND d.created_at < :until || '~')
GROUP BY t.id
HAVING count(*) >= :min_count
ORDER BY negative DESC, share_negative DESC, t.id
LIMIT :limit;
