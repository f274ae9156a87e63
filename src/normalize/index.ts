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
// - Ids: documentId = trimmed source id, else 'h' + sha256(JSON [maskedText, createdAt, channel, product,
//   source, rating]) first 16 hex; contentHash = sha256 of [text, createdAt, rating, ratingScale, channel,
//   product, source]. Channel, product and source are NFKC-normalized before both.
export { normalizeText, normalizeLabel } from './normalize-text.js';
export { maskPii, maskPiiLoose, maskMessage, PII_PLACEHOLDERS, type PiiCounts } from './mask-pii.js';
export { protectSourceId, hashSourceId, isPersonalSourceId, HASHED_ID_PREFIX } from './personal-source-id.js';
export { detectLanguage } from './detect-language.js';
export { splitSentences } from './split-sentences.js';
export { documentId, contentHash, type ContentFields } from './document-id.js';
export { normalizeFeedback } from './normalize-feedback.js';
