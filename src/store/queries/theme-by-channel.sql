-- Active themes by channel: where each theme is heard, and how negative it is there.
-- Documents counted by their primary theme; a missing channel shows as "(none)".
-- @param since    date   = 0000-01-01  first day included (UTC)
-- @param until    date   = 9999-12-31  last day included (UTC)
-- @column theme_id        theme id
-- @column theme_label     theme label
-- @column channel         channel, or "(none)"
-- @column documents       documents of the theme from the channel
-- @column share_of_theme  documents / all documents of the theme in the range
-- @column share_negative  negative / documents
SELECT
  t.id AS theme_id,
  t.label AS theme_label,
  coalesce(d.channel, '(none)') AS channel,
  count(*) AS documents,
  round(count(*) * 1.0 / sum(count(*)) OVER (PARTITION BY t.id), 4) AS share_of_theme,
  round(avg(a.sentiment_label = 'negative'), 4) AS share_negative
FROM documents d
JOIN analyses a ON a.doc_id = d.id
JOIN document_themes dt ON dt.doc_id = d.id AND dt.rank = 0
JOIN themes t ON t.id = dt.theme_id AND t.status = 'active'
WHERE (d.created_at IS NULL AND :since = '0000-01-01' AND :until = '9999-12-31')
   -- The UTC days since..until read through the created_at index: each ISO instant of day `until` sorts below
   -- `until` || '~' (substr(created_at, 1, 10) BETWEEN read every document of the database).
   OR (d.created_at >= :since AND d.created_at < :until || '~')
GROUP BY t.id, channel
ORDER BY t.id, documents DESC, channel;
