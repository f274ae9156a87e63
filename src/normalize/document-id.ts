import crypto from 'node:crypto';
import type { RawFeedback } from '../types.js';

// crypto.hash (Node ≥ 20.12) is the one-shot form: several times cheaper per call than createHash for short input.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

function sha256(text: string): string {
  return oneShot ? oneShot('sha256', text, 'hex') : crypto.createHash('sha256').update(text).digest('hex');
}

/**
 * The stable id of a document: the source id when the input has one (trimmed), otherwise 'h' + 16 hex digits of
 * a hash of the masked text and the fields that place it — identical rows collapse into one document and running
 * the same file again finds the same ids.
 */
export function documentId(row: RawFeedback, maskedText: string): string {
  const sourceId = row.sourceId?.trim();
  if (sourceId) return sourceId;
  const key = JSON.stringify([maskedText, row.createdAt, row.channel, row.product, row.source, row.rating]);
  return 'h' + sha256(key).slice(0, 16);
}

/** What makes a stored document out of date: its masked text, date, rating (and scale), channel, product, source. */
export interface ContentFields {
  text: string;
  createdAt: string | null;
  rating: number | null;
  ratingScale: string | null;
  channel: string | null;
  product: string | null;
  source: string | null;
}

/** sha256 hex over the content fields: a changed text or rating updates the document on the next run. */
export function contentHash(doc: ContentFields): string {
  return sha256(JSON.stringify([doc.text, doc.createdAt, doc.rating, doc.ratingScale, doc.channel, doc.product, doc.source]));
}
