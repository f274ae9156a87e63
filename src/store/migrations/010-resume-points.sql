-- A resumed run starts at the first uncommitted input row (issue 12: resume in well under a fifth of a run).
-- Each run records, in the same transaction as each batch it commits, how far into its inputs that batch reached;
-- the same command after a kill starts there instead of reading and normalizing the committed rows again, when
-- nothing about the inputs changed since (files, sizes, modification times, first 64 KiB, ingest options).

CREATE TABLE run_resume_points (
  run_id      INTEGER PRIMARY KEY REFERENCES runs (id),
  inputs_key  TEXT    NOT NULL,            -- sha256 over the ingest options and each input file's identity: path,
                                           -- size, mtime and sha256 of its first 64 KiB (paths are not stored)
  file_index  INTEGER NOT NULL DEFAULT 0,  -- input files before this one (in reading order) are committed to their end
  file_rows   INTEGER NOT NULL DEFAULT 0,  -- rows of that file (stored or rejected; blank lines are not rows) committed
  file_line   INTEGER NOT NULL DEFAULT 0   -- the line of the last of them (1-based; 0: none yet)
);

-- Rows a resumed run did not read again because the interrupted run(s) it finishes had committed them. They are
-- counted in rows_read and its parts as that run counted them, so rows_read = inserted + updated + unchanged +
-- rejected + duplicates still holds, and the counts are those of a run that was never interrupted.
ALTER TABLE runs ADD COLUMN rows_skipped INTEGER NOT NULL DEFAULT 0;
