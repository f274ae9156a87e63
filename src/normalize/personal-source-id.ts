import crypto from 'node:crypto';
import { maskPii } from './mask-pii.js';

// A source id that is personal data (an e-mail address, a phone number, or anything the maskers find in it) is
// not stored: it becomes a keyed hash, HMAC-SHA256 under a secret kept in the database (koe_secrets, migration
// 007). The same id under the same key gives the same hash, so the team can still find a customer's feedback
// (koe forget --source-id, follow-ups) by the id in their own system, while the database alone cannot be
// reversed by hashing every phone number. Called from one place: normalizeFeedback.

/** Stored ids that are keyed hashes start with this. */
export const HASHED_ID_PREFIX = 'pid-';

/** Without a database key (library use), a key for this process only: ids stay unlinkable, not stable. */
const PROCESS_KEY = crypto.randomBytes(32);

/** The form of an id that identifies the customer: e-mail lowercased, phone as its digits, else NFKC trimmed. */
export function canonicalSourceId(sourceId: string): string {
  const id = sourceId.normalize('NFKC').trim();
  if (/^[^\s@]+@[^\s@]+$/.test(id)) return id.toLowerCase();
  if (/^\+?[\d\s().-]{7,}$/.test(id)) return (id.startsWith('+') ? '+' : '') + id.replace(/\D/g, '');
  return id;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** True when the id holds personal data by the same maskers as the text. */
export function isPersonalSourceId(sourceId: string): boolean {
  // Printable ASCII is its own NFKC form: most ids skip the normalization.
  const id = (PRINTABLE_ASCII.test(sourceId) ? sourceId : sourceId.normalize('NFKC')).trim();
  if (Object.keys(maskPii(id).counts).length > 0) return true;
  // A bare phone number as an id has no context: 7–15 digits with phone punctuation, or 10–11 starting with 0.
  return /^\+?[\d\s().-]{7,}$/.test(id) && /[\s().+-]/.test(id) ? digitsBetween(id, 7, 15) : /^0\d{9,10}$/.test(id);
}

function digitsBetween(s: string, min: number, max: number): boolean {
  const n = s.replace(/\D/g, '').length;
  return n >= min && n <= max;
}

/** The keyed hash of a source id: 'pid-' + 32 hex digits of HMAC-SHA256(key, canonical id). */
export function hashSourceId(sourceId: string, key: Uint8Array | null): string {
  return HASHED_ID_PREFIX + crypto.createHmac('sha256', key ?? PROCESS_KEY).update(canonicalSourceId(sourceId)).digest('hex').slice(0, 32);
}

/** The id to store for a given source id: itself, or its keyed hash when it is personal data. */
export function protectSourceId(sourceId: string, key: Uint8Array | null): { id: string; hashed: boolean } {
  if (!isPersonalSourceId(sourceId)) return { id: sourceId, hashed: false };
  return { id: hashSourceId(sourceId, key), hashed: true };
}
