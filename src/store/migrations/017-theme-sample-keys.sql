-- Each assignment's member key (themes/members-hash.ts: a 32-bit mix of the document id). A theme's summary sample
-- is its primary members with the lowest keys and its fingerprint (themes.members_hash) the sum of their keys, so
-- with this index a theme step counts every theme's members and reads each one's sample in SQL (0.3 s at a
-- million) instead of reading every assignment into JavaScript (2.4 s). The index takes the place of
-- document_themes_theme, whose column it starts with. koe_sample_key() is the function openStore registers on every
-- connection (memberKey); writers pass the key with each row. Frozen once landed: change with a new numbered file.
ALTER TABLE document_themes ADD COLUMN sample_key INTEGER;
UPDATE document_themes SET sample_key = koe_sample_key(doc_id);
DROP INDEX document_themes_theme;
CREATE INDEX document_themes_sample ON document_themes (theme_id, rank, sample_key, doc_id);
-- Fingerprints were sums of the ids' FNV-1a hashes before: not comparable with sums of keys, so every theme is read
-- whole once at its next step (as when it has none).
UPDATE themes SET members_hash = NULL;
