import crypto from 'node:crypto';
import type { RatingValue, RawFeedback } from '../types.js';

// crypto.hash (Node ≥ 20.12) is the one-shot form: several times cheaper per call than createHash for short input.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

function sha256(text: string): string {
  return oneShot ? oneShot('sha256', text, 'hex') : crypto.createHash('sha256').update(text).digest('hex');
}

/** The ratings of a row as they enter ids and hashes: scale, value and (CES) direction, in a fixed order. */
function ratingsKey(ratings: readonly RatingValue[] | undefined): string {
  if (!ratings || ratings.length === 0) return '';
  if (ratings.length === 1) {
    const r = ratings[0]!;
    return `${r.scale}=${r.rating}${r.easyEnd ? `/${r.easyEnd}` : ''}`;
  }
  return ratings
    .map((r) => `${r.scale}=${r.rating}${r.easyEnd ? `/${r.easyEnd}` : ''}`)
    .sort()
    .join(' ');
}

/** The fields of a row that place it: its input, id, date, channel, product, source and ratings. */
export type PlacedRow = Pick<RawFeedback, 'file' | 'sourceKey' | 'sourceId' | 'createdAt' | 'channel' | 'product' | 'source' | 'rating' | 'ratings'>;

/**
 * What an id-less row is, for its identity: the input it came from (its source key), its masked text and the
 * fields that place it. Two rows with the same key are the same words in the same file.
 */
export function contentKey(row: PlacedRow, maskedText: string): string {
  return sha256(
    JSON.stringify([row.sourceKey ?? row.file, maskedText, row.createdAt, row.channel, row.product, row.source, row.rating, ratingsKey(row.ratings)]),
  );
}

/**
 * The stable id of a document. With a source id: that id (trimmed). Without: 'h' + 16 hex digits of a hash of the
 * row's content key and its occurrence — the first row of a file with these words is occurrence 0, the second
 * one 1, and so on — so identical texts from two customers are two documents, and the same file read again
 * (or grown by new rows) gives the same ids to the rows it had.
 */
export function documentId(row: PlacedRow, maskedText: string, occurrence = 0): string {
  const sourceId = row.sourceId?.trim();
  if (sourceId) return sourceId;
  return idOfContent(contentKey(row, maskedText), occurrence);
}

/** The id of an id-less row from its content key (contentKey) and occurrence, as documentId makes it. */
export function idOfContent(key: string, occurrence: number): string {
  return 'h' + (occurrence === 0 ? key : sha256(`${key}#${occurrence}`)).slice(0, 16);
}

/** What makes a stored document out of date: its masked text, date, ratings, channel, product, source. */
export interface ContentFields {
  text: string;
  createdAt: string | null;
  rating: number | null;
  ratingScale: string | null;
  ratings?: readonly RatingValue[];
  channel: string | null;
  product: string | null;
  source: string | null;
}

/** sha256 hex over the content fields: a changed text or rating updates the document on the next run. */
export function contentHash(doc: ContentFields): string {
  const fields: unknown[] = [doc.text, doc.createdAt, doc.rating, doc.ratingScale, doc.channel, doc.product, doc.source];
  // Hashes of documents with at most their one rating stay as they were before several ratings existed.
  const r = doc.ratings;
  if (r && (r.length > 1 || (r.length === 1 && r[0]!.easyEnd === 'high'))) fields.push(ratingsKey(r));
  return sha256(JSON.stringify(fields));
}

/**
 * Occurrence counts of id-less rows within one run, per source key: the n-th row of an input with the same
 * content key gets occurrence n. Memory: one short string and a number per distinct id-less row of the run.
 */
export class OccurrenceCounter {
  private readonly seen = new Map<string, number>();

  /**
   * @param earlier for a resumed run: how many rows with this content key the interrupted run met before the
   *   resume point (rows the resumed run does not read again), asked once per key.
   */
  constructor(private readonly earlier?: (key: string) => number) {}

  /** The occurrence of this content key (0 the first time it is met in this run). */
  next(key: string): number {
    const n = this.seen.get(key) ?? this.earlier?.(key) ?? 0;
    this.seen.set(key, n + 1);
    return n;
  }
}
