-- Active themes ranked by the feature requests they hold: what customers ask to be built.
-- Documents counted by their primary theme.
-- @param since      date  = 0000-01-01  first day included (UTC)
-- @param until      date  = 9999-12-31  last day included (UTC)
-- @param min_count  int   = 1           least feature requests for a theme to be listed
-- @param limit      int   = 10          most themes returned
-- @column theme_id        theme id
-- @column theme_label     theme label
-- @column requests        feature-request documents of the theme
-- @column documents       all documents of the theme in the range
-- @column share_requests  requests / documents
-- @column example         one feature request of the theme (masked text), the closest to the theme centre
WITH by_date AS (
  -- A period holding under half of the documents is read from its documents (the created_at index), a longer one
  -- from the active themes' members, whose cost hardly depends on the period: SQLite cannot tell a week from ten
  -- years when it plans (at a million: a week 1.2 s by date, 7.0 s by theme; a quarter 4.3 s and 8.2 s; all of it
  -- 14.9 s and 12.5 s). Counted once, on the index: one branch below reads nothing. The whole range (the
  -- defaults) holds the undated documents too: always by theme.
  SELECT NOT (:since = '0000-01-01' AND :until = '9999-12-31')
         AND 2 * (SELECT count(*) FROM documents WHERE created_at >= :since AND created_at < :until || '~')
           < (SELECT count(*) FROM documents) AS yes
),
members AS (
  SELECT dt.theme_id, a.kind
  FROM documents d
  CROSS JOIN document_themes dt ON dt.doc_id = d.id AND dt.rank = 0
  JOIN analyses a ON a.doc_id = d.id
  WHERE (SELECT yes FROM by_date)
    -- The UTC days since..until: each ISO instant of day `until` sorts below `until` || '~' (substr(created_at, 1,
    -- 10) BETWEEN read every document of the database).
    AND d.created_at >= :since AND d.created_at < :until || '~'
  UNION ALL
  SELECT dt.theme_id, a.kind
  FROM themes t
  CROSS JOIN document_themes dt ON dt.theme_id = t.id AND dt.rank = 0
  CROSS JOIN documents d ON d.id = dt.doc_id
  JOIN analyses a ON a.doc_id = d.id
  WHERE NOT (SELECT yes FROM by_date) AND t.status = 'active'
    AND ((d.created_at IS NULL AND :since = '0000-01-01' AND :until = '9999-12-31')
      OR (d.created_at >= :since AND d.created_at < :until || '~'))
),
ranked AS (
  -- The themes first (their period counts, ranked and cut to :limit), then one example each: an example per
  -- group read every member of every active theme before the cut.
  SELECT
    t.id AS theme_id,
    t.label AS theme_label,
    sum(m.kind = 'feature_request') AS requests,
    count(*) AS documents,
    round(avg(m.kind = 'feature_request'), 4) AS share_requests
  FROM members m
  JOIN themes t ON t.id = m.theme_id AND t.status = 'active'
  GROUP BY t.id
  HAVING sum(m.kind = 'feature_request') >= :min_count
  ORDER BY requests DESC, share_requests DESC, t.id
  LIMIT :limit
)
SELECT
  r.theme_id,
  r.theme_label,
  r.requests,
  r.documents,
  r.share_requests,
  (SELECT d2.text FROM document_themes dt2
     JOIN documents d2 ON d2.id = dt2.doc_id
     JOIN analyses a2 ON a2.doc_id = d2.id
   WHERE dt2.theme_id = r.theme_id AND dt2.rank = 0 AND a2.kind = 'feature_request'
   ORDER BY dt2.score DESC, d2.id LIMIT 1) AS example
FROM ranked r
ORDER BY r.requests DESC, r.share_requests DESC, r.theme_id;
