-- Privacy: the database's own secret for keyed hashes of personal source ids, and the record of erasures.
-- Frozen once landed: change with a new numbered file.

-- Secrets that belong to this database and never leave it. 'source_id_key' keys HMAC-SHA256 of source ids that
-- are personal data (an e-mail address or phone number as the id): the same id in the same database always gives
-- the same stored id, and without the key the stored id cannot be tested against a list of phone numbers.
CREATE TABLE koe_secrets (
  name        TEXT PRIMARY KEY,
  value       BLOB NOT NULL,
  created_at  TEXT NOT NULL
);
INSERT INTO koe_secrets (name, value, created_at)
VALUES ('source_id_key', randomblob(32), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

-- One row per `koe forget`: when, how it selected, how many documents went. Never what: no id, no text, no query.
CREATE TABLE erasures (
  id               INTEGER PRIMARY KEY,
  erased_at        TEXT    NOT NULL,                 -- ISO 8601 UTC
  selector         TEXT    NOT NULL CHECK (selector IN ('source_id', 'doc_id', 'text')),
  documents        INTEGER NOT NULL,                 -- documents erased (with their analyses, vectors, marks)
  themes_refreshed INTEGER NOT NULL DEFAULT 0        -- themes whose size and quotes were recomputed
);
