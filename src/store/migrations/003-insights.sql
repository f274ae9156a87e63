-- Insights: follow-up marks that outlive re-runs, and read-only views for analysts' own SQL.
-- Frozen once landed: change with a new numbered file.

-- Handled follow-ups. Keyed by document id without a foreign key on purpose: a rebuild that deletes and
-- re-inserts documents must not lose the marks. Ingest never writes here, so a re-run never un-marks.
CREATE TABLE followups (
  doc_id     TEXT PRIMARY KEY,
  status     TEXT NOT NULL DEFAULT 'done' CHECK (status IN ('done')),
  done_at    TEXT NOT NULL,                    -- ISO 8601 UTC, when it was marked
  note       TEXT
);

-- One row per document: its analysis and its primary theme (rank 0), if any.
CREATE VIEW v_documents AS
SELECT
  d.id, d.source_id, d.created_at, substr(d.created_at, 1, 10) AS day,
  d.lang, d.text, d.rating, d.rating_scale, d.channel, d.product, d.source,
  a.sentiment_label, a.sentiment_score, a.kind, a.stage, a.touchpoint, a.emotions,
  dt.theme_id, t.label AS theme_label, t.status AS theme_status, dt.score AS theme_score
FROM documents d
LEFT JOIN analyses a ON a.doc_id = d.id
LEFT JOIN document_themes dt ON dt.doc_id = d.id AND dt.rank = 0
LEFT JOIN themes t ON t.id = dt.theme_id;

-- Every (document, theme) membership, primary and secondary, with the theme's label and status.
CREATE VIEW v_theme_documents AS
SELECT
  dt.theme_id, t.label AS theme_label, t.status AS theme_status, dt.rank, dt.score,
  d.id AS doc_id, d.source_id, d.created_at, d.lang, d.text, d.rating, d.rating_scale, d.channel, d.product,
  a.sentiment_label, a.sentiment_score, a.kind, a.stage, a.touchpoint
FROM document_themes dt
JOIN themes t ON t.id = dt.theme_id
JOIN documents d ON d.id = dt.doc_id
LEFT JOIN analyses a ON a.doc_id = d.id;

-- Ratings read on their declared scale only (a value outside its scale counts as no rating):
-- nps_group promoter 9–10 / passive 7–8 / detractor 0–6; csat_satisfied 1 for 4–5; ces_score 1–7.
CREATE VIEW v_ratings AS
SELECT
  d.id AS doc_id, d.created_at, d.channel, d.product, d.rating, d.rating_scale,
  CASE WHEN d.rating_scale = 'nps' AND d.rating BETWEEN 0 AND 10 THEN
    CASE WHEN d.rating >= 9 THEN 'promoter' WHEN d.rating >= 7 THEN 'passive' ELSE 'detractor' END
  END AS nps_group,
  CASE WHEN d.rating_scale = 'csat' AND d.rating BETWEEN 1 AND 5 THEN (d.rating >= 4) END AS csat_satisfied,
  CASE WHEN d.rating_scale = 'ces' AND d.rating BETWEEN 1 AND 7 THEN d.rating END AS ces_score
FROM documents d
WHERE d.rating IS NOT NULL AND d.rating_scale IS NOT NULL;

-- Feedback that asks for an answer: negative, NPS detractor, CSAT 1–2, bug or complaint; with why and its mark.
CREATE VIEW v_followups AS
SELECT
  d.id AS doc_id, d.source_id, d.created_at, d.lang, d.text, d.channel, d.product, d.rating, d.rating_scale,
  a.sentiment_label, a.kind,
  dt.theme_id, t.label AS theme_label,
  trim(
    CASE WHEN a.sentiment_label = 'negative' THEN 'negative ' ELSE '' END ||
    CASE WHEN d.rating_scale = 'nps' AND d.rating BETWEEN 0 AND 6 THEN 'detractor ' ELSE '' END ||
    CASE WHEN d.rating_scale = 'csat' AND d.rating BETWEEN 1 AND 2 THEN 'dissatisfied ' ELSE '' END ||
    CASE WHEN a.kind IN ('bug', 'complaint') THEN a.kind ELSE '' END
  ) AS reasons,
  CASE WHEN f.doc_id IS NULL THEN 'open' ELSE f.status END AS status,
  f.done_at
FROM documents d
JOIN analyses a ON a.doc_id = d.id
LEFT JOIN document_themes dt ON dt.doc_id = d.id AND dt.rank = 0
LEFT JOIN themes t ON t.id = dt.theme_id
LEFT JOIN followups f ON f.doc_id = d.id
WHERE a.sentiment_label = 'negative'
   OR (d.rating_scale = 'nps' AND d.rating BETWEEN 0 AND 6)
   OR (d.rating_scale = 'csat' AND d.rating BETWEEN 1 AND 2)
   OR a.kind IN ('bug', 'complaint');
