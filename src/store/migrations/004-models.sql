-- Trained models (`koe train`): one row per training, the active one per task is used by later runs.
-- Frozen once landed: change with a new numbered file.

CREATE TABLE models (
  id           INTEGER PRIMARY KEY,
  task         TEXT    NOT NULL CHECK (task IN ('sentiment', 'kind')),
  version      INTEGER NOT NULL,                 -- 1, 2, … per task, in training order
  created_at   TEXT    NOT NULL,                 -- ISO 8601 UTC
  trained_on   INTEGER NOT NULL,                 -- documents the final model was fitted on
  label_source TEXT    NOT NULL,                 -- 'labels:<file>' or 'ratings'
  cv_metrics   TEXT    NOT NULL DEFAULT '{}',    -- JSON: folds, accuracy, macroF1, f1 per label, blendWeight
  model        TEXT    NOT NULL,                 -- JSON of the TrainedModel (format koe-linear-classifier inside)
  active       INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
  UNIQUE (task, version)
);
-- At most one active model per task.
CREATE UNIQUE INDEX models_one_active ON models (task) WHERE active = 1;
