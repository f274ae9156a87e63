-- Themes: discovered clusters of documents, their categories, curation and per-run changes.

CREATE TABLE theme_categories (
  id          TEXT PRIMARY KEY,              -- 'c1', 'c2', ...
  label       TEXT NOT NULL,
  created_run_id INTEGER REFERENCES runs (id)
);

CREATE TABLE themes (
  id              TEXT PRIMARY KEY,          -- 't1', 't2', ... never reused
  label           TEXT NOT NULL,             -- display label (pinned/renamed label wins)
  label_ja        TEXT,
  label_en        TEXT,
  terms           TEXT NOT NULL DEFAULT '[]',   -- JSON array of top distinctive terms
  category_id     TEXT REFERENCES theme_categories (id),
  status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ignored', 'merged', 'retired')),
  merged_into     TEXT REFERENCES themes (id),
  size            INTEGER NOT NULL DEFAULT 0,
  share_negative  REAL NOT NULL DEFAULT 0,
  kinds           TEXT NOT NULL DEFAULT '{}',   -- JSON {"bug": 12, "feature_request": 3, ...}
  quotes          TEXT NOT NULL DEFAULT '[]',   -- JSON array of representative document ids
  centroid        BLOB,                         -- Float32Array of the theme's centre in vector space
  label_pinned    INTEGER NOT NULL DEFAULT 0,   -- 1 when a person fixed the label (rename / pin)
  created_run_id  INTEGER REFERENCES runs (id),
  updated_run_id  INTEGER REFERENCES runs (id)
);
CREATE INDEX themes_status ON themes (status);

CREATE TABLE document_themes (
  doc_id    TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  theme_id  TEXT NOT NULL REFERENCES themes (id),
  rank      INTEGER NOT NULL DEFAULT 0,         -- 0 = primary theme
  score     REAL NOT NULL DEFAULT 0,            -- similarity to the theme centre
  PRIMARY KEY (doc_id, theme_id)
);
CREATE INDEX document_themes_theme ON document_themes (theme_id);

-- Curation by people, replayed by every later run and rebuild.
CREATE TABLE theme_curation (
  id          INTEGER PRIMARY KEY,
  action      TEXT NOT NULL CHECK (action IN ('rename', 'merge', 'split', 'ignore', 'unignore', 'pin', 'unpin')),
  theme_id    TEXT NOT NULL,
  args        TEXT NOT NULL DEFAULT '{}',       -- JSON: {"label": ...} or {"into": ...} ...
  created_at  TEXT NOT NULL
);

-- What each run did to the themes: appeared, grew, shrank, merged, retired.
CREATE TABLE theme_changes (
  run_id       INTEGER NOT NULL REFERENCES runs (id),
  theme_id     TEXT NOT NULL,
  change       TEXT NOT NULL CHECK (change IN ('appeared', 'grew', 'shrank', 'merged', 'retired', 'split')),
  size_before  INTEGER NOT NULL DEFAULT 0,
  size_after   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, theme_id)
);

-- Cached document vectors so a re-run does not recompute them.
CREATE TABLE doc_vectors (
  doc_id        TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  model         TEXT NOT NULL,                  -- theme_models.id: vectors are comparable only within one model
  content_hash  TEXT NOT NULL DEFAULT '',       -- documents.content_hash when computed: a changed text is re-vectorized
  vector        BLOB NOT NULL,                  -- Float32Array
  PRIMARY KEY (doc_id, model)
);

-- Fitted vectorizers (vocabulary, idf, LSA projection). Theme centroids live in the current model's space.
CREATE TABLE theme_models (
  id              TEXT PRIMARY KEY,             -- e.g. 'tfidf-lsa:3f2a...'
  backend         TEXT NOT NULL,
  params          TEXT NOT NULL,                -- JSON
  data            BLOB,                         -- Float32Array payload
  doc_count       INTEGER NOT NULL,             -- documents the model was fitted on
  created_run_id  INTEGER REFERENCES runs (id),
  created_at      TEXT NOT NULL
);

-- Small key/value state of the theme stage ('model_id' = the current theme_models.id).
CREATE TABLE theme_state (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
