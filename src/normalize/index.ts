// The normalize stage: a RawFeedback row → a Doc that is safe to store.
//
// Decisions:
// - Text: NFKC (full-width ASCII and ！？ become ASCII, half-width kana full-width), invisible/control characters
//   removed, space runs collapsed, trimmed. Line breaks are kept (one per blank-line run) as sentence hints.
// - PII, masked after NFKC and before anything is stored (text, channel, product, source, metadata keys and
//   values, rejected-row reasons and excerpts, error messages): the named maskers of pii-maskers.ts, each with
//   examples and look-alikes checked when mask-pii.ts loads — <EMAIL>, <PHONE>, <CARD> (Luhn, not JAN/EAN),
//   <MYNUMBER> (check digit), <POSTAL>, <URL> (query, credentials, token-like path), <IP> (v4 and v6), <NAME>
//   (marked by a honorific, title, label or signature), <ADDRESS> (Japanese block numbers, English streets).
//   Numbers after 注文番号 / order # / tracking … are references and are kept; so are dates, prices, versions.
// - Source ids that are personal data are stored as keyed hashes (personal-source-id.ts).
// - Language: script ratio (see detect-language.ts): ja / en / other; no letters at all → other.
// - Ids: documentId = trimmed source id, else 'h' + 16 hex of sha256 over the row's content key (source key —
//   the input's path below the directory given, or its file name —, masked text, createdAt, channel, product,
//   source, ratings) and its occurrence: the n-th row of the run with that content key is occurrence n. Identical
//   words in two rows are two documents; the same file read again, or grown, gives its old rows the same ids.
//   contentHash = sha256 of [text, createdAt, rating, ratingScale, channel, product, source (, ratings when
//   several)]. Channel, product and source are NFKC-normalized before both. Duplicate ids in a run: the last row
//   wins, the earlier ones are reported (duplicate-ids.ts).
// - Control and invisible characters (NUL included) are removed and counted (Doc.controlChars); U+FFFD is text.
export { normalizeText, normalizeLabel } from './normalize-text.js';
export { maskPii, maskPiiLoose, maskMessage, PII_PLACEHOLDERS, type PiiCounts } from './mask-pii.js';
export { protectSourceId, hashSourceId, isPersonalSourceId, HASHED_ID_PREFIX } from './personal-source-id.js';
export { detectLanguage } from './detect-language.js';
export { splitSentences } from './split-sentences.js';
export { documentId, contentHash, type ContentFields } from './document-id.js';
export { normalizeFeedback } from './normalize-feedback.js';
export { OccurrenceCounter, contentKey, idOfContent } from './document-id.js';
export { DuplicateIds, type EarlierRow, type WriteOutcome } from './duplicate-ids.js';
