import type { Doc, PiiKind, RawFeedback } from '../types.js';
import { contentHash, contentKey, documentId, type OccurrenceCounter } from './document-id.js';
import { detectLanguage } from './detect-language.js';
import { maskPii, type PiiCounts } from './mask-pii.js';
import { normalizeLabel, normalizeTextCounting } from './normalize-text.js';
import { splitSentences } from './split-sentences.js';

function addCounts(into: PiiCounts, from: PiiCounts): void {
  for (const [kind, n] of Object.entries(from) as [PiiKind, number][]) into[kind] = (into[kind] ?? 0) + n;
}

/** Masks PII in every string of a metadata value (extra columns can hold e-mail addresses too). */
function maskMetadataValue(value: unknown, counts: PiiCounts): unknown {
  if (typeof value === 'string') {
    // Kept as it was unless it holds PII; NFKC first so that full-width digits and ＠ are caught.
    const masked = maskPii(value.normalize('NFKC'));
    if (Object.keys(masked.counts).length === 0) return value;
    addCounts(counts, masked.counts);
    return masked.text;
  }
  if (Array.isArray(value)) return value.map((v) => maskMetadataValue(v, counts));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = maskMetadataValue(v, counts);
    return out;
  }
  return value;
}

/**
 * A raw row made safe to store: normalized text with PII masked (in the text and in metadata strings; the
 * counts cover both), language, sentences, stable id and content hash. Channel, product and source are
 * NFKC-normalized so that "Ｗｅｂ" and "Web" group together. The source id is kept as given (trimmed).
 * `occurrences` numbers id-less rows with the same content in one input apart (see documentId); without it every
 * id-less row is occurrence 0.
 */
export function normalizeFeedback(row: RawFeedback, occurrences?: OccurrenceCounter): Doc {
  const cleaned = normalizeTextCounting(row.text);
  const masked = maskPii(cleaned.text);
  const text = masked.text;
  const piiMasked: PiiCounts = { ...masked.counts };
  const metadata = maskMetadataValue(row.metadata, piiMasked) as Record<string, unknown>;
  const lang = detectLanguage(text);
  const channel = normalizeLabel(row.channel);
  const product = normalizeLabel(row.product);
  const source = normalizeLabel(row.source);
  const sourceId = row.sourceId?.trim() || null;
  const placed = { ...row, sourceId, channel, product, source };
  const occurrence = sourceId === null && occurrences ? occurrences.next(contentKey(placed, text)) : 0;
  const ratings = row.ratings ?? [];
  return {
    id: documentId(placed, text, occurrence),
    sourceId,
    contentHash: contentHash({ text, createdAt: row.createdAt, rating: row.rating, ratingScale: row.ratingScale, ratings, channel, product, source }),
    text,
    lang,
    sentences: splitSentences(text, lang),
    piiMasked,
    createdAt: row.createdAt,
    rating: row.rating,
    ratingScale: row.ratingScale,
    ratings,
    channel,
    product,
    source,
    metadata,
    controlChars: cleaned.removed,
  };
}
