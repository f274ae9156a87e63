-- The follow-up queue, stored and indexed. v_followups (008) computed every document's severity from its analysis
-- and ratings on each read, so the queue page sorted all of them: at a million documents (70% of them queued) the
-- page took 5 s and the API call 2 s. The same facts are now kept per document in followup_queue, in step through
-- triggers on what they are made of (the analysis, the ratings, the document's date), and the queue is read in
-- the order of its index. Frozen once landed: change with a new numbered file.

-- What decides whether a document asks for an answer, and how urgently, per document (a rating-only answer has no
-- analysis: the LEFT JOIN). Correlated lookups rather than 008's grouped CTE, so `WHERE doc_id = ?` reads one
-- document's rows through the primary keys.
CREATE VIEW followup_queue_rows AS
SELECT doc_id, created_at,
  CASE
    WHEN low AND negative THEN 3
    WHEN low OR (negative AND kind IN ('bug', 'complaint')) THEN 2
    ELSE 1
  END AS severity,
  trim(
    CASE WHEN negative THEN 'negative ' ELSE '' END ||
    CASE WHEN detractor THEN 'detractor ' ELSE '' END ||
    CASE WHEN dissatisfied THEN 'dissatisfied ' ELSE '' END ||
    CASE WHEN low_stars THEN 'low_stars ' ELSE '' END ||
    CASE WHEN kind IN ('bug', 'complaint') THEN kind ELSE '' END
  ) AS reasons
FROM (
  SELECT d.id AS doc_id, d.created_at, a.kind,
    coalesce(a.sentiment_label = 'negative', 0) AS negative,
    EXISTS (SELECT 1 FROM document_ratings r WHERE r.doc_id = d.id AND r.scale = 'nps' AND r.rating BETWEEN 0 AND 6) AS detractor,
    EXISTS (SELECT 1 FROM document_ratings r WHERE r.doc_id = d.id AND r.scale = 'csat' AND r.rating BETWEEN 1 AND 2) AS dissatisfied,
    EXISTS (SELECT 1 FROM document_ratings r WHERE r.doc_id = d.id AND r.scale = 'stars' AND r.rating BETWEEN 1 AND 2) AS low_stars,
    EXISTS (SELECT 1 FROM document_ratings r WHERE r.doc_id = d.id
      AND ((r.scale = 'nps' AND r.rating BETWEEN 0 AND 6) OR (r.scale IN ('csat', 'stars') AND r.rating BETWEEN 1 AND 2))) AS low
  FROM documents d
  LEFT JOIN analyses a ON a.doc_id = d.id
)
WHERE low OR negative OR kind IN ('bug', 'complaint');

-- One row per queued document. created_at is the document's, copied so that the queue's order (most severe, then
-- the most recent) is one index, which also answers a period's count without the table (31 ms at a million; an index
-- of its own answered in 0.3 ms but cost every run a third b-tree write per row). WITHOUT ROWID: the key is the row,
-- two b-trees per row in all. Writing them costs a run ≈ 8% (bench 200k: 57 → 62 s; the order index and the key are
-- written at random places).
CREATE TABLE followup_queue (
  doc_id      TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  created_at  TEXT,
  severity    INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 3),
  reasons     TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO followup_queue (doc_id, created_at, severity, reasons) SELECT doc_id, created_at, severity, reasons FROM followup_queue_rows;
CREATE INDEX followup_queue_order ON followup_queue (severity DESC, created_at DESC, doc_id);

-- koe's batch writer brings a batch's documents into the queue in two statements at the end of the batch (as 011
-- does for the search index) while it holds this table's one row, inside its own transaction and never committed.
-- Anyone else's write keeps the queue in step through the triggers.
CREATE TABLE followup_queue_deferred (
  active INTEGER NOT NULL
);

CREATE TRIGGER followup_queue_analysis_insert AFTER INSERT ON analyses
WHEN NOT EXISTS (SELECT 1 FROM followup_queue_deferred)
BEGIN
  DELETE FROM followup_queue WHERE doc_id = NEW.doc_id;
  INSERT INTO followup_queue (doc_id, created_at, severity, reasons) SELECT doc_id, created_at, severity, reasons FROM followup_queue_rows WHERE doc_id = NEW.doc_id;
END;
CREATE TRIGGER followup_queue_analysis_update AFTER UPDATE OF sentiment_label, kind ON analyses
WHEN NOT EXISTS (SELECT 1 FROM followup_queue_deferred)
BEGIN
  DELETE FROM followup_queue WHERE doc_id = NEW.doc_id;
  INSERT INTO followup_queue (doc_id, created_at, severity, reasons) SELECT doc_id, created_at, severity, reasons FROM followup_queue_rows WHERE doc_id = NEW.doc_id;
END;
CREATE TRIGGER followup_queue_analysis_delete AFTER DELETE ON analyses
WHEN NOT EXISTS (SELECT 1 FROM followup_queue_deferred)
BEGIN
  DELETE FROM followup_queue WHERE doc_id = OLD.doc_id;
  INSERT INTO followup_queue (doc_id, created_at, severity, reasons) SELECT doc_id, created_at, severity, reasons FROM followup_queue_rows WHERE doc_id = OLD.doc_id;
END;
CREATE TRIGGER followup_queue_rating_insert AFTER INSERT ON document_ratings
WHEN NOT EXISTS (SELECT 1 FROM followup_queue_deferred)
BEGIN
  DELETE FROM followup_queue WHERE doc_id = NEW.doc_id;
  INSERT INTO followup_queue (doc_id, created_at, severity, reasons) SELECT doc_id, created_at, severity, reasons FROM followup_queue_rows WHERE doc_id = NEW.doc_id;
END;
CREATE TRIGGER followup_queue_rating_update AFTER UPDATE ON document_ratings
WHEN NOT EXISTS (SELECT 1 FROM followup_queue_deferred)
BEGIN
  DELETE FROM followup_queue WHERE doc_id IN (OLD.doc_id, NEW.doc_id);
  INSERT INTO followup_queue (doc_id, created_at, severity, reasons) SELECT doc_id, created_at, severity, reasons FROM followup_queue_rows WHERE doc_id IN (OLD.doc_id, NEW.doc_id);
END;
CREATE TRIGGER followup_queue_rating_delete AFTER DELETE ON document_ratings
WHEN NOT EXISTS (SELECT 1 FROM followup_queue_deferred)
BEGIN
  DELETE FROM followup_queue WHERE doc_id = OLD.doc_id;
  INSERT INTO followup_queue (doc_id, created_at, severity, reasons) SELECT doc_id, created_at, severity, reasons FROM followup_queue_rows WHERE doc_id = OLD.doc_id;
END;
CREATE TRIGGER followup_queue_document_date AFTER UPDATE OF created_at ON documents
WHEN NOT EXISTS (SELECT 1 FROM followup_queue_deferred)
BEGIN
  UPDATE followup_queue SET created_at = NEW.created_at WHERE doc_id = NEW.id;
END;

-- The view people query (README, `koe query`), with the same columns as 008's, read from the stored queue.
DROP VIEW v_followups;
CREATE VIEW v_followups AS
SELECT
  q.doc_id, d.source_id, q.created_at, d.lang, d.text, d.channel, d.product, d.rating, d.rating_scale,
  a.sentiment_label, a.kind,
  dt.theme_id, t.label AS theme_label,
  q.reasons, q.severity,
  coalesce(f.status, 'open') AS status,
  f.done_at, f.note, f.assignee, f.updated_at AS followup_updated_at
FROM followup_queue q
JOIN documents d ON d.id = q.doc_id
LEFT JOIN analyses a ON a.doc_id = q.doc_id
LEFT JOIN document_themes dt ON dt.doc_id = q.doc_id AND dt.rank = 0
LEFT JOIN themes t ON t.id = dt.theme_id
LEFT JOIN followups f ON f.doc_id = q.doc_id;
