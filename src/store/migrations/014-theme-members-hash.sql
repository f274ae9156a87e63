-- Which members a theme's stored figures (centre, share negative, kinds) were computed from: the sum modulo 2^32 of a
-- 32-bit hash of each member's id (themes/members-hash.ts). A theme step at size reads again only the themes whose
-- members changed (this and the size differ, or a member waits re-analysed) and keeps the others' figures: a move at
-- a million documents read every member's vector to summarize two themes. NULL: not known, the theme is read again.
-- Frozen once landed: change with a new numbered file.
ALTER TABLE themes ADD COLUMN members_hash INTEGER;
