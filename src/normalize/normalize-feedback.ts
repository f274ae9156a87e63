import type { Doc, PiiKind, RawFeedback } from '../types.js';
import { contentHash, contentKey, idOfContent, type OccurrenceCounter } from './document-id.js';
import { detectLanguage } from './detect-language.js';
import { maskPii, PII_PLACEHOLDERS, type PiiCounts } from './mask-pii.js';
import { protectSourceId } from './personal-source-id.js';
import { normalizeLabel, normalizeTextCounting } from './normalize-text.js';
import { splitSentences } from './split-sentences.js';

function addCounts(into: PiiCounts, from: PiiCounts): void {
  for (const [kind, n] of Object.entries(from) as [PiiKind, number][]) into[kind] = (into[kind] ?? 0) + n;
}

/** A metadata key that names a kind of personal data: its value is masked whole, whatever its shape. */
const PERSONAL_KEYS: readonly [RegExp, PiiKind][] = [
  [/e-?mail|メール/i, 'EMAIL'],
  [/phone|tel|fax|mobile|電話|携帯/i, 'PHONE'],
  [/card|カード/i, 'CARD'],
  [/my.?number|マイナンバー|個人番号/i, 'MYNUMBER'],
  [/zip|postal|post.?code|郵便/i, 'POSTAL'],
  [/address|住所/i, 'ADDRESS'],
  [/^(?:(?:customer|full|first|last|user).?)?name$|氏名|名前/i, 'NAME'],
  [/^ip$|ip.?addr/i, 'IP'],
];

/** The keys of a file repeat on every row: which kind of personal data each names is remembered (bounded). */
const personalKeyCache = new Map<string, PiiKind | null>();

function personalKindOfKey(key: string): PiiKind | null {
  let kind = personalKeyCache.get(key);
  if (kind === undefined) {
    kind = PERSONAL_KEYS.find(([re]) => re.test(key))?.[1] ?? null;
    if (personalKeyCache.size >= MASKED_LABEL_CACHE_SIZE) personalKeyCache.clear();
    personalKeyCache.set(key, kind);
  }
  return kind;
}

/**
 * Channels, products, sources and metadata keys repeat a handful of values on every row: their masking is
 * remembered (short values only, up to this many, in memory for the run; nothing is written).
 */
const MASKED_LABEL_CACHE_SIZE = 4096;
const MASKED_LABEL_MAX_CHARS = 64;
const maskedLabelCache = new Map<string, { text: string; counts: PiiCounts | null }>();

function maskString(value: string, counts: PiiCounts): string {
  let masked = value.length <= MASKED_LABEL_MAX_CHARS ? maskedLabelCache.get(value) : undefined;
  if (masked === undefined) {
    // Kept as it was unless it holds PII; NFKC first so that full-width digits and ＠ are caught.
    const result = maskPii(value.normalize('NFKC'));
    masked = Object.keys(result.counts).length === 0 ? { text: value, counts: null } : { text: result.text, counts: result.counts };
    if (value.length <= MASKED_LABEL_MAX_CHARS) {
      if (maskedLabelCache.size >= MASKED_LABEL_CACHE_SIZE) maskedLabelCache.clear();
      maskedLabelCache.set(value, masked);
    }
  }
  if (masked.counts !== null) addCounts(counts, masked.counts);
  return masked.text;
}

/**
 * Masks PII in every key and every value of metadata, numbers included (a phone or card number often arrives as
 * a JSON number); a value under a key such as "email" or "電話" is masked whole.
 */
function maskMetadataValue(value: unknown, counts: PiiCounts, key: string | null = null): unknown {
  const personal = key === null ? null : personalKindOfKey(key);
  if (personal && (typeof value === 'string' || typeof value === 'number') && String(value).trim() !== '') {
    counts[personal] = (counts[personal] ?? 0) + 1;
    return PII_PLACEHOLDERS[personal];
  }
  if (typeof value === 'string') return maskString(value, counts);
  if (typeof value === 'number') {
    const text = String(value);
    const masked = maskString(text, counts);
    return masked === text ? value : masked;
  }
  if (Array.isArray(value)) return value.map((v) => maskMetadataValue(v, counts, key));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const record = value as Record<string, unknown>;
    // for…in over own keys: the same keys and order as Object.entries, without an array of pairs per row.
    for (const k in record) {
      if (Object.prototype.hasOwnProperty.call(record, k)) out[maskString(k, counts)] = maskMetadataValue(record[k], counts, k);
    }
    return out;
  }
  return value;
}

function maskLabel(value: string | null, counts: PiiCounts): string | null {
  return value === null ? null : maskString(value, counts);
}

export interface NormalizeOptions {
  /** The database's key for source ids that are personal data (see personal-source-id.ts). */
  sourceIdKey?: Uint8Array | null;
  /** Occurrence counts of id-less rows in this run (see document-id.ts). */
  occurrences?: OccurrenceCounter;
}

/**
 * A raw row made safe to store: normalized text with PII masked (in the text and in metadata strings; the
 * counts cover all), language, sentences, stable id and content hash. Channel, product and source are
 * NFKC-normalized so that "Ｗｅｂ" and "Web" group together, and masked too. The source id is kept as given
 * (trimmed) unless it is personal data: then it is stored as a keyed hash (protectSourceId).
 * `options.occurrences` numbers id-less rows with the same content in one input apart (see documentId); without
 * it every id-less row is occurrence 0. Control and invisible characters removed are counted (controlChars).
 */
export function normalizeFeedback(row: RawFeedback, options: NormalizeOptions = {}): Doc {
  const cleaned = normalizeTextCounting(row.text);
  const masked = maskPii(cleaned.text);
  const text = masked.text;
  // maskPii's counts are a fresh object per call: the metadata and label counts are added to it.
  const piiMasked: PiiCounts = masked.counts;
  const metadata = maskMetadataValue(row.metadata, piiMasked) as Record<string, unknown>;
  const lang = detectLanguage(text);
  const channel = maskLabel(normalizeLabel(row.channel), piiMasked);
  const product = maskLabel(normalizeLabel(row.product), piiMasked);
  const source = maskLabel(normalizeLabel(row.source), piiMasked);
  const givenId = row.sourceId?.trim() || null;
  const protectedId = givenId === null ? null : protectSourceId(givenId, options.sourceIdKey ?? null);
  const sourceId = protectedId?.id ?? null;
  const ratings = row.ratings ?? [];
  let id = sourceId;
  if (id === null) {
    // Identity of an id-less row (document-id.ts): its input, masked text and placing fields, and its occurrence.
    const placed = { file: row.file, sourceKey: row.sourceKey, sourceId, createdAt: row.createdAt, channel, product, source, rating: row.rating, ratings: row.ratings };
    const key = contentKey(placed, text);
    id = idOfContent(key, options.occurrences ? options.occurrences.next(key) : 0);
  }
  return {
    id,
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
    ...(protectedId?.hashed ? { sourceIdHashed: true as const } : {}),
  };
}
