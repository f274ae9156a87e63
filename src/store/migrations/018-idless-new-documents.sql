-- The documents of a run that came without an id (survey answers, id-less exports), for the check that an id-less
-- row edited in place replaces its earlier version (document-repository.ts, replaceEditedRows). Without it that
-- check read every document each run: at a million 0.2–0.3 s with the file in the page cache, 2.8 s of a 2-row run
-- on a cold one; from this index, a millisecond. Partial: an input with ids adds
-- nothing to it. Frozen once landed: change with a new numbered file.
CREATE INDEX documents_idless_new ON documents (first_run_id) WHERE source_id IS NULL AND source_key IS NOT NULL;
