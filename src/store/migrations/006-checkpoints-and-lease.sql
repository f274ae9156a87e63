-- Checkpointed runs and one writer at a time (issue 12).
-- A run commits its analysis batch by batch and records how far it got; documents written but not yet themed are
-- marked pending; one lease row names the process that writes the database; curation given while a run holds the
-- lease is queued in the curation log and applied when the run's theme step starts.

-- How far a run got, updated in the same transaction as each batch it commits.
ALTER TABLE runs ADD COLUMN phase TEXT CHECK (phase IN ('starting', 'analysis', 'themes', 'done'));
ALTER TABLE runs ADD COLUMN analyzed INTEGER NOT NULL DEFAULT 0;          -- documents analyzed (new, changed, reanalyzed)
ALTER TABLE runs ADD COLUMN batches_committed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN resumes_run_id INTEGER REFERENCES runs (id);  -- the interrupted run this one finished
ALTER TABLE runs ADD COLUMN pid INTEGER;
ALTER TABLE runs ADD COLUMN host TEXT;

-- 1 = stored and analyzed, but not yet through a theme step (its themes, if any, are from before its last change).
ALTER TABLE documents ADD COLUMN theme_pending INTEGER NOT NULL DEFAULT 0;
CREATE INDEX documents_theme_pending ON documents (theme_pending) WHERE theme_pending = 1;

-- At most one row: who writes the database now. Taken and released in short transactions; a holder whose process
-- is gone (same host: pid; any host: heartbeat older than the stale limit) may be replaced.
CREATE TABLE write_lease (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  run_id        INTEGER,                  -- runs.id when the holder is a run or rebuild
  command       TEXT    NOT NULL,
  pid           INTEGER NOT NULL,
  host          TEXT    NOT NULL,
  started_at    TEXT    NOT NULL,
  heartbeat_at  TEXT    NOT NULL
);

-- 1 = given while a run held the database: in the log (so every later theme step replays it) but not yet applied.
ALTER TABLE theme_curation ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;

-- What a runs row records: a `koe run`, a themes rebuild or a training (one helper records all three).
ALTER TABLE runs ADD COLUMN operation TEXT NOT NULL DEFAULT 'run' CHECK (operation IN ('run', 'rebuild', 'train'));
UPDATE runs SET operation = 'rebuild' WHERE command LIKE 'themes rebuild%';
