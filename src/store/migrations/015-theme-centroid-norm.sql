-- The length of the sum of the member vectors whose direction is a theme's stored centroid (with members_hash, the
-- members it was summed over). centroid × centroid_norm gives the sum back, so a theme step that only added members
-- to a theme (a nightly run's new documents, its members otherwise as members_hash says) adds their vectors to it
-- instead of reading every member again: a night of 10,000 rows into a million read all of them because every theme
-- got a few. NULL: not known, the theme is read whole. Frozen once landed: change with a new numbered file.
ALTER TABLE themes ADD COLUMN centroid_norm REAL;
