// The normalize stage: a RawFeedback row → a Doc that is safe to store.
//
// Decisions:
// - Text: NFKC (full-width ASCII and ！？ become ASCII, half-width kana full-width), invisible/control characters
//   removed, space runs collapsed, trimmed. Line breaks are kept (one per blank-line run) as sentence hints.
// - PII, masked after NFKC and before anything is stored (text, metadata strings, rejected-row excerpts):
//   <EMAIL>; <PHONE> (Japanese 0X0-XXXX-XXXX / 03-… / 0120-… with hyphens, spaces or parentheses, +CC
//   international, US (415) 555-0100); <CARD> (13–19 digits, spaces/hyphens, issuer digit 2–6, Luhn); <POSTAL>
//   (〒123-4567 always, bare 123-4567 only after 郵便番号/住所/zip or before a prefecture); <IP> (IPv4 not after
//   "v"/"version"); <URL> for URLs carrying a query, fragment, credentials or an id/token-like path segment —
//   a plain page URL (https://example.com/help) is kept because it names a page, not a person. Numbers right
//   after 注文番号 / order # / tracking … are references and are kept; so are dates, times, prices, versions.
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
