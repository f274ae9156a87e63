import type { IngestItem, RejectedRow } from '../types.js';
import { maskPii } from '../normalize/mask-pii.js';
import type { FieldName } from './ingest-options.js';
import { parseRating, parseRatingScale, RATING_SCALES } from './parse-rating.js';
import type { FileContext } from './row-reader.js';

/** How long an excerpt of a bad value may be in a rejected-row report. */
const EXCERPT_CHARS = 80;

/** Masking looks at this much of a bad value: far more than the excerpt, so no cut can split what it shows. */
const MASKED_HEAD_CHARS = 4096;

/**
 * A short, PII-masked excerpt of a value for a report (reports are stored, so they must not leak PII either):
 * masked first, cut after, so a card number is never cut into a piece the maskers cannot recognise.
 */
export function excerpt(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const head = text.length > MASKED_HEAD_CHARS ? text.slice(0, MASKED_HEAD_CHARS) : text;
  const masked = maskPii(head.normalize('NFKC')).text.replace(/\s+/g, ' ');
  return masked.length > EXCERPT_CHARS ? masked.slice(0, EXCERPT_CHARS - 1) + '…' : masked;
}

export function reject(ctx: { file: string; line: number }, field: string | null, reason: string, value: unknown): IngestItem {
  const rejected: RejectedRow = { file: ctx.file, line: ctx.line, field, reason, value: excerpt(value) };
  return { ok: false, rejected };
}

/** A cell as an optional string: numbers and booleans (JSONL) become strings, blank becomes null. */
function optionalString(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined; // an object or array: not a scalar
}

function trimmedOrNull(value: string | null): string | null {
  if (value === null) return null;
  const t = value.trim();
  return t === '' ? null : t;
}

function kindOf(value: unknown): string {
  return Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value === 'object' ? 'an object' : typeof value;
}

const SCALAR_FIELDS = ['id', 'created_at', 'rating', 'rating_scale', 'channel', 'product', 'source'] as const;
type ScalarField = (typeof SCALAR_FIELDS)[number];

/** Checks one record's koe fields and builds the row, or says which field is wrong and why. */
export function buildRow(values: Partial<Record<FieldName, unknown>>, metadata: Record<string, unknown>, ctx: FileContext): IngestItem {
  const rawText = values.text;
  if (rawText === null || rawText === undefined) return reject(ctx, 'text', 'text is missing', null);
  if (typeof rawText !== 'string') return reject(ctx, 'text', `text must be a string, got ${kindOf(rawText)}`, rawText);
  if (rawText.trim() === '') return reject(ctx, 'text', 'text is empty', null);

  const s: Record<ScalarField, string | null> = { id: null, created_at: null, rating: null, rating_scale: null, channel: null, product: null, source: null };
  for (const field of SCALAR_FIELDS) {
    const raw = values[field];
    if (raw === undefined) continue;
    const v = optionalString(raw);
    if (v === undefined) return reject(ctx, field, `${field} must be a single value, got ${kindOf(raw)}`, raw);
    s[field] = v;
  }

  let createdAt: string | null = null;
  if (s.created_at !== null) {
    createdAt = ctx.parseDate(s.created_at);
    if (createdAt === null) {
      const shown = JSON.stringify(s.created_at.trim().slice(0, 40));
      return reject(ctx, 'created_at', `created_at ${shown} is not a date (ISO 8601, 2026/11/24 13:05, 2026-11-24 13:05:00 or epoch seconds/milliseconds)`, s.created_at);
    }
  }

  let scale = ctx.ratingScale;
  if (s.rating_scale !== null) {
    scale = parseRatingScale(s.rating_scale);
    if (!scale) {
      const known = Object.keys(RATING_SCALES).join(', ');
      return reject(ctx, 'rating_scale', `unknown rating scale ${JSON.stringify(s.rating_scale.trim())} (expected one of ${known})`, s.rating_scale);
    }
  }
  const rating = parseRating(typeof values.rating === 'number' ? values.rating : s.rating, scale);
  if (!rating.ok) return reject(ctx, 'rating', rating.reason, s.rating);

  return {
    ok: true,
    row: {
      file: ctx.file,
      line: ctx.line,
      sourceId: trimmedOrNull(s.id),
      text: rawText,
      createdAt,
      rating: rating.rating,
      ratingScale: rating.rating === null ? null : scale,
      channel: trimmedOrNull(s.channel),
      product: trimmedOrNull(s.product),
      source: trimmedOrNull(s.source),
      metadata,
    },
  };
}
