-- Example documents of one theme (any rank), closest to the theme centre first.
-- @param theme      text                       (required)  theme id, e.g. t3
-- @param sentiment  positive|neutral|negative  = null      only this sentiment (default: all)
-- @param limit      int                        = 5         most examples returned
-- @column doc_id           koe document id
-- @column source_id        the id in the source system
-- @column created_at       when the feedback was given
-- @column lang             ja, en or other
-- @column sentiment_label  positive, neutral or negative
-- @column kind             feedback kind
-- @column score            similarity to the theme centre
-- @column text             masked feedback text
SELECT
  d.id AS doc_id,
  d.source_id,
  d.created_at,
  d.lang,
  a.sentiment_label,
  a.kind,
  round(dt.score, 4) AS score,
  d.text
FROM document_themes dt
JOIN documents d ON d.id = dt.doc_id
JOIN analyses a ON a.doc_id = d.id
WHERE dt.theme_id = :theme
  AND (:sentiment IS NULL OR a.sentiment_label = :sentiment)
ORDER BY dt.rank, dt.score DESC, d.id
LIMIT :limit;
