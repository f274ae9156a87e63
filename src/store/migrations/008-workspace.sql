-- The support lead's workspace (`koe serve`): full-text search, undoable curation with document moves, and
-- follow-ups that are worked (reopened, noted, assigned). Frozen once landed: change with a new numbered file.

-- Full-text search over the stored (masked) text. The trigram tokenizer finds Japanese, which has no spaces, by
-- any 3+ character substring; shorter queries fall back to LIKE in the store. External content: the text lives
-- once, in documents; triggers keep the index in step (documents are upserted, never REPLACEd).
CREATE VIRTUAL TABLE documents_fts USING fts5(text, content = 'documents', content_rowid = 'rowid', tokenize = 'trigram');
INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts (rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts (documents_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF text ON documents BEGIN
  INSERT INTO documents_fts (documents_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
  INSERT INTO documents_fts (rowid, text) VALUES (new.rowid, new.text);
END;

-- The curation log gains 'move' (one document to another theme) and undo: an undone action stays in the log
-- (undone_at set) and is no longer replayed; before_state holds what the action changed, so undo restores it.
CREATE TABLE theme_curation_008 (
  id            INTEGER PRIMARY KEY,
  action        TEXT NOT NULL CHECK (action IN ('rename', 'merge', 'split', 'ignore', 'unignore', 'pin', 'unpin', 'move')),
  theme_id      TEXT NOT NULL,
  args          TEXT NOT NULL DEFAULT '{}',       -- JSON: {"label": ...}, {"from": [...]}, {"docId": ...}, {"parts": {...}}
  created_at    TEXT NOT NULL,
  pending       INTEGER NOT NULL DEFAULT 0,       -- 006: given while a run held the database, not yet applied
  before_state  TEXT,                             -- JSON: the themes and assignments the action changed
  undone_at     TEXT                              -- ISO 8601 UTC when a person undid it; NULL = in force
);
INSERT INTO theme_curation_008 (id, action, theme_id, args, created_at, pending)
  SELECT id, action, theme_id, args, created_at, pending FROM theme_curation;
DROP TABLE theme_curation;
ALTER TABLE theme_curation_008 RENAME TO theme_curation;

-- Follow-ups are worked: done or reopened, with a note and an assignee that survive reopening and every run.
DROP VIEW v_followups;
CREATE TABLE followups_008 (
  doc_id      TEXT PRIMARY KEY,
  status      TEXT NOT NULL DEFAULT 'done' CHECK (status IN ('open', 'done')),
  done_at     TEXT,                               -- ISO 8601 UTC when last marked done; NULL while open
  note        TEXT,
  assignee    TEXT,
  updated_at  TEXT                                -- ISO 8601 UTC of the last change by a person
);
INSERT INTO followups_008 (doc_id, status, done_at, note, updated_at)
  SELECT doc_id, status, done_at, note, done_at FROM followups;
DROP TABLE followups;
ALTER TABLE followups_008 RENAME TO followups;

-- Feedback that asks for an answer: negative, NPS detractor (0–6), CSAT 1–2, 1–2 stars, bug or complaint. Low ratings
-- are read from document_ratings, so any of a row's ratings counts (a survey row with NPS and CSAT), and a
-- rating-only answer (a detractor who wrote nothing) is queued too: it has no analysis, hence the LEFT JOIN.
-- severity: 3 = a low rating said in negative words, 2 = a low rating or a negative bug / complaint, 1 = the rest.
CREATE VIEW v_followups AS
WITH low AS (
  SELECT doc_id,
    max(scale = 'nps' AND rating BETWEEN 0 AND 6) AS detractor,
    max(scale = 'csat' AND rating BETWEEN 1 AND 2) AS dissatisfied,
    max(scale = 'stars' AND rating BETWEEN 1 AND 2) AS low_stars
  FROM document_ratings
  WHERE (scale = 'nps' AND rating BETWEEN 0 AND 6) OR (scale IN ('csat', 'stars') AND rating BETWEEN 1 AND 2)
  GROUP BY doc_id
)
SELECT
  d.id AS doc_id, d.source_id, d.created_at, d.lang, d.text, d.channel, d.product, d.rating, d.rating_scale,
  a.sentiment_label, a.kind,
  dt.theme_id, t.label AS theme_label,
  trim(
    CASE WHEN a.sentiment_label = 'negative' THEN 'negative ' ELSE '' END ||
    CASE WHEN l.detractor THEN 'detractor ' ELSE '' END ||
    CASE WHEN l.dissatisfied THEN 'dissatisfied ' ELSE '' END ||
    CASE WHEN l.low_stars THEN 'low_stars ' ELSE '' END ||
    CASE WHEN a.kind IN ('bug', 'complaint') THEN a.kind ELSE '' END
  ) AS reasons,
  CASE
    WHEN l.doc_id IS NOT NULL AND a.sentiment_label = 'negative' THEN 3
    WHEN l.doc_id IS NOT NULL OR (a.sentiment_label = 'negative' AND a.kind IN ('bug', 'complaint')) THEN 2
    ELSE 1
  END AS severity,
  coalesce(f.status, 'open') AS status,
  f.done_at, f.note, f.assignee, f.updated_at AS followup_updated_at
FROM documents d
LEFT JOIN analyses a ON a.doc_id = d.id
LEFT JOIN low l ON l.doc_id = d.id
LEFT JOIN document_themes dt ON dt.doc_id = d.id AND dt.rank = 0
LEFT JOIN themes t ON t.id = dt.theme_id
LEFT JOIN followups f ON f.doc_id = d.id
WHERE l.doc_id IS NOT NULL
   OR a.sentiment_label = 'negative'
   OR a.kind IN ('bug', 'complaint');
