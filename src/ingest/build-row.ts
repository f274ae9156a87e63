import type { IngestItem, RatingScale, RatingValue, RejectedRow } from '../types.js';
import { maskPii } from '../normalize/mask-pii.js';
import { htmlToText, looksLikeHtml } from './html-text.js';
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

/** A problem with the whole file (`unusable`: nothing of it can be read) or a note about it (`warning`). */
export function fileProblem(ctx: { file: string; line: number }, kind: 'unusable' | 'warning', field: string | null, reason: string): IngestItem {
  return { ok: false, rejected: { file: ctx.file, line: ctx.line, field, reason, value: null }, fileProblem: kind };
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
export type ScalarField = (typeof SCALAR_FIELDS)[number];

/** One record's values for koe's fields, found by the column plan. */
export interface RowValues {
  /** The text's parts (several columns joined), in order. */
  text: unknown[];
  scalars: Partial<Record<ScalarField, unknown>>;
  /** Extra ratings, one per scale. */
  ratings: { scale: RatingScale; value: unknown }[];
}

// A text made only of these is empty: white space, C0/C1 controls (NUL included), zero-width characters, bidi
// marks and the BOM. Matching control characters is the point:
// eslint-disable-next-line no-control-regex
const EMPTY_TEXT = /^[\s\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]*$/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHAR = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** The text of a row: its parts as plain text (HTML converted when asked or detected), non-blank ones joined. */
function joinText(parts: readonly unknown[], ctx: FileContext): { text: string | null; bad: unknown } {
  const { html } = ctx.options;
  if (parts.length === 1 && typeof parts[0] === 'string' && html !== true) {
    // One text column, as most files have: no joining.
    const t = parts[0];
    if (html === 'auto' && looksLikeHtml(t)) return { text: htmlToText(t), bad: undefined };
    return { text: t.trim() === '' ? null : t, bad: undefined };
  }
  let text: string | null = null;
  for (const part of parts) {
    if (part === null || part === undefined) continue;
    if (typeof part !== 'string' && typeof part !== 'number') return { text: null, bad: part };
    let t = String(part);
    if (html === true || (html === 'auto' && looksLikeHtml(t))) t = htmlToText(t);
    if (t.trim() === '') continue;
    text = text === null ? t : `${text}\n${t}`;
  }
  return { text, bad: undefined };
}

function ratingValue(scale: RatingScale, rating: number, ctx: FileContext): RatingValue {
  return scale === 'ces' ? { scale, rating, easyEnd: ctx.options.cesEasy } : { scale, rating };
}

function hasScale(ratings: readonly RatingValue[], scale: RatingScale): boolean {
  for (const r of ratings) if (r.scale === scale) return true;
  return false;
}

/** Checks one record's koe fields and builds the row, or says which field is wrong and why. */
export function buildRow(values: RowValues, metadata: Record<string, unknown>, ctx: FileContext): IngestItem {
  const joined = joinText(values.text, ctx);
  if (joined.bad !== undefined) return reject(ctx, 'text', `text must be a string, got ${kindOf(joined.bad)}`, joined.bad);

  const s: Record<ScalarField, string | null> = { id: null, created_at: null, rating: null, rating_scale: null, channel: null, product: null, source: null };
  for (const field of SCALAR_FIELDS) {
    const raw = values.scalars[field];
    if (raw === undefined) continue;
    const v = optionalString(raw);
    if (v === undefined) return reject(ctx, field, `${field} must be a single value, got ${kindOf(raw)}`, raw);
    s[field] = v;
  }
  const constants = ctx.options.constants;
  if (constants.channel !== undefined) s.channel = constants.channel;
  if (constants.product !== undefined) s.product = constants.product;
  if (constants.source !== undefined) s.source = constants.source;

  let createdAt: string | null = null;
  if (s.created_at !== null) {
    createdAt = ctx.parseDate(s.created_at);
    if (createdAt === null) {
      const shown = JSON.stringify(s.created_at.trim().slice(0, 40));
      return reject(
        ctx,
        'created_at',
        `created_at ${shown} is not a date (ISO 8601, 2026/11/24 13:05, Sep 01, 2026, epoch seconds/milliseconds; or give --date-format)`,
        s.created_at,
      );
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
  const primary = parseRating(typeof values.scalars.rating === 'number' ? values.scalars.rating : s.rating, scale);
  if (!primary.ok) return reject(ctx, 'rating', primary.reason, s.rating);
  // One rating per scale: the first one given. (No closures here: this runs once per row.)
  const ratings: RatingValue[] = [];
  if (primary.rating !== null && scale !== null) ratings.push(ratingValue(scale, primary.rating, ctx));
  for (let k = 0; k < values.ratings.length; k++) {
    const extra = values.ratings[k]!;
    const raw = extra.value;
    const v = typeof raw === 'number' ? raw : optionalString(raw);
    if (v === undefined) return reject(ctx, `${extra.scale} rating`, `the ${extra.scale} rating must be a single value, got ${kindOf(raw)}`, raw);
    const parsed = parseRating(v, extra.scale);
    if (!parsed.ok) return reject(ctx, `${extra.scale} rating`, parsed.reason, v);
    if (parsed.rating !== null && !hasScale(ratings, extra.scale)) ratings.push(ratingValue(extra.scale, parsed.rating, ctx));
  }
  // The document's first rating: the row's own `rating` (its scale may be unknown), else the first extra one.
  const firstRating = primary.rating !== null ? primary.rating : (ratings[0]?.rating ?? null);
  const firstScale = primary.rating !== null ? scale : (ratings[0]?.scale ?? null);

  let text = joined.text ?? '';
  if (EMPTY_TEXT.test(text)) {
    if (firstRating === null) {
      if (joined.text === null) return reject(ctx, 'text', 'text is empty', null);
      CONTROL_CHAR.lastIndex = 0;
      const controls = joined.text.match(CONTROL_CHAR)?.length ?? 0;
      return reject(ctx, 'text', controls > 0 ? `text is empty after removing ${controls} control or invisible character(s)` : 'text is empty', joined.text);
    }
    text = ''; // a rating without a comment: stored, counted in the metrics, not analyzed
  }

  return {
    ok: true,
    row: {
      file: ctx.file,
      line: ctx.line,
      sourceId: trimmedOrNull(s.id),
      text,
      createdAt,
      rating: firstRating,
      ratingScale: firstRating === null ? null : firstScale,
      ratings,
      sourceKey: ctx.sourceKey,
      channel: trimmedOrNull(s.channel),
      product: trimmedOrNull(s.product),
      source: trimmedOrNull(s.source),
      metadata,
    },
  };
}
