-- Runs, documents and their analyses. Frozen once landed: change the schema with a new numbered file.

CREATE TABLE runs (
  id            INTEGER PRIMARY KEY,
  started_at    TEXT    NOT NULL,
  finished_at   TEXT,
  status        TEXT    NOT NULL CHECK (status IN ('running', 'ok', 'rejected_rows', 'failed')),
  command       TEXT    NOT NULL,
  inputs        TEXT    NOT NULL DEFAULT '[]',   -- JSON array of input paths
  config        TEXT    NOT NULL DEFAULT '{}',   -- JSON of the effective config
  rows_read     INTEGER NOT NULL DEFAULT 0,
  inserted      INTEGER NOT NULL DEFAULT 0,
  updated       INTEGER NOT NULL DEFAULT 0,
  unchanged     INTEGER NOT NULL DEFAULT 0,
  rejected      INTEGER NOT NULL DEFAULT 0,
  duration_ms   INTEGER,
  error         TEXT
);

CREATE TABLE documents (
  id            TEXT PRIMARY KEY,
  source_id     TEXT,
  content_hash  TEXT NOT NULL,
  lang          TEXT NOT NULL CHECK (lang IN ('ja', 'en', 'other')),
  text          TEXT NOT NULL,                    -- NFKC-normalized, PII-masked; raw text is never stored
  sentences     TEXT NOT NULL DEFAULT '[]',       -- JSON array of sentences
  pii_masked    TEXT NOT NULL DEFAULT '{}',       -- JSON {"EMAIL": 1, ...}
  created_at    TEXT,                             -- ISO 8601 UTC
  rating        REAL,
  rating_scale  TEXT CHECK (rating_scale IN ('nps', 'csat', 'ces', 'stars')),
  channel       TEXT,
  product       TEXT,
  source        TEXT,
  metadata      TEXT NOT NULL DEFAULT '{}',       -- JSON of extra input columns
  source_file   TEXT,
  source_line   INTEGER,
  first_run_id  INTEGER NOT NULL REFERENCES runs (id),
  last_run_id   INTEGER NOT NULL REFERENCES runs (id),
  ingested_at   TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX documents_created_at ON documents (created_at);
CREATE INDEX documents_channel ON documents (channel);
CREATE INDEX documents_product ON documents (product);

CREATE TABLE analyses (
  doc_id               TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  sentiment_label      TEXT NOT NULL CHECK (sentiment_label IN ('positive', 'neutral', 'negative')),
  sentiment_score      REAL NOT NULL,
  sentiment_confidence REAL NOT NULL,
  sentiment_model      TEXT NOT NULL,
  sentence_scores      TEXT NOT NULL DEFAULT '[]',  -- JSON array aligned with documents.sentences
  emotions             TEXT NOT NULL DEFAULT '[]',  -- JSON array of emotion names
  kind                 TEXT NOT NULL CHECK (kind IN ('bug', 'feature_request', 'question', 'complaint', 'praise', 'other')),
  kind_confidence      REAL NOT NULL,
  kind_model           TEXT NOT NULL,
  stage                TEXT,
  touchpoint           TEXT,
  terms                TEXT NOT NULL DEFAULT '[]',  -- JSON array of content terms (cached for theme discovery)
  run_id               INTEGER NOT NULL REFERENCES runs (id),
  analyzed_at          TEXT NOT NULL
);
CREATE INDEX analyses_kind ON analyses (kind);
CREATE INDEX analyses_sentiment ON analyses (sentiment_label);

CREATE TABLE rejected_rows (
  id      INTEGER PRIMARY KEY,
  run_id  INTEGER NOT NULL REFERENCES runs (id),
  file    TEXT NOT NULL,
  line    INTEGER NOT NULL,
  field   TEXT,
  reason  TEXT NOT NULL,
  value   TEXT
);
CREATE INDEX rejected_rows_run ON rejected_rows (run_id);
