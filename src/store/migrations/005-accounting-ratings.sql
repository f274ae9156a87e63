-- Every row accounted for, several ratings per document, CES with a declared direction.
-- Frozen once landed: change with a new numbered file.

-- rows_read = inserted + updated + unchanged + rejected + duplicates, for every finished run.
ALTER TABLE runs ADD COLUMN duplicates INTEGER NOT NULL DEFAULT 0;      -- rows superseded by a later row with the same id
ALTER TABLE runs ADD COLUMN rating_only INTEGER NOT NULL DEFAULT 0;     -- rows read that carry ratings and no text
ALTER TABLE runs ADD COLUMN control_chars INTEGER NOT NULL DEFAULT 0;   -- NUL / control / invisible characters removed
ALTER TABLE runs ADD COLUMN files_read INTEGER NOT NULL DEFAULT 0;

-- Where an id-less document's row is: the input's identity (its path below the directory given, or its name) and
-- the line. A row edited in place (same input, line and date, new words) replaces the document that was there.
ALTER TABLE documents ADD COLUMN source_key TEXT;
CREATE INDEX documents_source_place ON documents (source_key, source_line);

-- A row whose id appeared again later in the same run: the later row is stored (the last row wins), this one is
-- reported here with both lines.
CREATE TABLE duplicate_rows (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES runs (id),
  doc_id      TEXT    NOT NULL,
  file        TEXT    NOT NULL,   -- the superseded row
  line        INTEGER NOT NULL,
  kept_file   TEXT    NOT NULL,   -- the row that was stored
  kept_line   INTEGER NOT NULL
);
CREATE INDEX duplicate_rows_run ON duplicate_rows (run_id);

-- Every rating of a document, one row per scale (a survey row can carry NPS, CSAT and CES at once).
-- `rating` is the value as answered; `score` is what metrics read: the same value, except CES, which is kept as
-- effort (1 = very easy … 7 = very hard) whichever end the input declared easy (`easy_end`).
CREATE TABLE document_ratings (
  doc_id    TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  scale     TEXT NOT NULL CHECK (scale IN ('nps', 'csat', 'ces', 'stars')),
  rating    REAL NOT NULL,
  score     REAL NOT NULL,
  easy_end  TEXT CHECK (easy_end IN ('low', 'high')),   -- CES only
  PRIMARY KEY (doc_id, scale)
);
CREATE INDEX document_ratings_scale ON document_ratings (scale);

-- Documents stored before this migration: their one rating, CES read as 1 = easy (as koe did until now).
INSERT INTO document_ratings (doc_id, scale, rating, score, easy_end)
SELECT id, rating_scale, rating, rating, CASE WHEN rating_scale = 'ces' THEN 'low' END
FROM documents WHERE rating IS NOT NULL AND rating_scale IS NOT NULL;

-- A document written with its one rating only (documents.rating / rating_scale, as before several ratings, or by
-- an analyst's own SQL) gets that rating here too; koe's writer then stores the full list in the same transaction.
CREATE TRIGGER documents_rating_insert AFTER INSERT ON documents
WHEN NEW.rating IS NOT NULL AND NEW.rating_scale IS NOT NULL
BEGIN
  INSERT OR REPLACE INTO document_ratings (doc_id, scale, rating, score, easy_end)
  VALUES (NEW.id, NEW.rating_scale, NEW.rating, NEW.rating, CASE WHEN NEW.rating_scale = 'ces' THEN 'low' END);
END;
CREATE TRIGGER documents_rating_update AFTER UPDATE OF rating, rating_scale ON documents
BEGIN
  DELETE FROM document_ratings WHERE doc_id = OLD.id AND scale IS OLD.rating_scale;
  INSERT OR REPLACE INTO document_ratings (doc_id, scale, rating, score, easy_end)
  SELECT NEW.id, NEW.rating_scale, NEW.rating, NEW.rating, CASE WHEN NEW.rating_scale = 'ces' THEN 'low' END
  WHERE NEW.rating IS NOT NULL AND NEW.rating_scale IS NOT NULL;
END;

-- Ratings read on their declared scale only (a value outside its scale counts as no rating), one row per rating:
-- nps_group promoter 9–10 / passive 7–8 / detractor 0–6; csat_satisfied 1 for 4–5; ces_score effort 1 (very
-- easy) … 7 (very hard), converted from the input's direction; rating is the value as answered.
DROP VIEW v_ratings;
CREATE VIEW v_ratings AS
SELECT
  d.id AS doc_id, d.created_at, d.channel, d.product, r.rating, r.scale AS rating_scale, r.easy_end,
  (d.text = '') AS rating_only,
  CASE WHEN r.scale = 'nps' AND r.score BETWEEN 0 AND 10 THEN
    CASE WHEN r.score >= 9 THEN 'promoter' WHEN r.score >= 7 THEN 'passive' ELSE 'detractor' END
  END AS nps_group,
  CASE WHEN r.scale = 'csat' AND r.score BETWEEN 1 AND 5 THEN (r.score >= 4) END AS csat_satisfied,
  CASE WHEN r.scale = 'ces' AND r.score BETWEEN 1 AND 7 THEN r.score END AS ces_score
FROM document_ratings r
JOIN documents d ON d.id = r.doc_id;
