-- Theme steps whose cost follows the pending documents (issue 12, resume in well under a fifth of a run).
-- A run at size gives each analysed document its nearest theme inside the batch's transaction ("provisionally
-- themed": still theme_pending = 1 until the run's final theme step); a long first run does a real theme step as
-- soon as it has committed clusterSample documents. The run row records what each part did, so a resumed run's
-- redone work is counted, not timed.
ALTER TABLE runs ADD COLUMN provisional INTEGER NOT NULL DEFAULT 0;   -- documents given their nearest theme in their batch
ALTER TABLE runs ADD COLUMN early_theme_step_documents INTEGER;       -- documents of the theme step taken during the analysis (null: none)
ALTER TABLE runs ADD COLUMN theme_step_pending INTEGER;               -- pending documents the final theme step finished (null: no step)
ALTER TABLE runs ADD COLUMN theme_step_discovered INTEGER;            -- of those, documents no theme took, clustered for new themes
