-- A theme's stored figures (centroid × centroid_norm, share_negative, kinds, members_hash) hold each member as it
-- was when they were computed. When a run analyses a member again (its text changed: an edited ticket in a nightly
-- export), what that member had added to its theme — its vector, sentiment and kind — is recorded here before it is
-- overwritten, with the theme's figures it was taken against. The next theme step takes it out of those figures and
-- adds the member as it is now, instead of reading every member of the theme again; a departure whose figures were
-- rewritten since is not used (the theme is read whole). Rows go with the theme step that clears the pending
-- documents (markThemeStepDone) and with their document (koe forget). Frozen once landed: change with a new file.
CREATE TABLE theme_departures (
  doc_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  theme_id TEXT NOT NULL,
  vector BLOB NOT NULL,
  sentiment_label TEXT,
  kind TEXT,
  figures TEXT NOT NULL
);
