-- Searches of one or two characters (most Japanese words: 返金, 配送) read the trigram index instead of every text.
-- A two-character term occurs either before a third character — inside one of the index's trigrams that start with
-- it, which the index's vocabulary lists in order (documents_fts_vocab: a range of terms) — or at the very end of a
-- text, which the index below answers. LIKE over every document took ≈ 0.85 s at a million; both reads take a few
-- milliseconds. Frozen once landed: change with a new numbered file.
CREATE VIRTUAL TABLE documents_fts_vocab USING fts5vocab(documents_fts, 'row');
-- The last two characters of each text, lower-cased as LIKE compares ASCII. Written with every document: ≈ 4% of a
-- run (200k generated rows, alternately with and without it: 70.2 against 67.5 s).
CREATE INDEX documents_text_tail ON documents (lower(substr(text, -2)));
