-- The date index carries each document's id, so what counts documents of a period by theme — the theme step's
-- emerging check each night (themes/emerging-split.ts), koe emerging, trends — joins them to their themes from the
-- index alone instead of reading each dated document's row for its id (at a million, a night's 154,000 documents of
-- the window and baseline). Same name and first column as 001's index, which it replaces. Frozen once landed: change
-- with a new numbered file.
DROP INDEX documents_created_at;
CREATE INDEX documents_created_at ON documents (created_at, id);
