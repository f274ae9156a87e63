// Query and body parameters of `koe serve`, checked at the boundary: an unknown name or a bad value is a 400
// with a sentence naming the parameter, the value and what is valid.
import { DOCUMENT_SORTS, FACETS, type DocumentPageOptions, type DocumentSort } from '../store/document-search.js';
import { FOLLOWUP_SORTS, type FollowupListOptions, type FollowupSort } from '../insights/followups.js';
import { FEEDBACK_KINDS } from '../types.js';

export class BadRequest extends Error {
  override name = 'BadRequest';
}

export class NotFound extends Error {
  override name = 'NotFound';
}

export type Query = Record<string, string>;

/** The query as one value per name; a name outside `allowed` (or given twice) is a BadRequest. */
export function readQuery(url: string, allowed: readonly string[]): Query {
  const params = new URL(url).searchParams;
  const out: Query = {};
  for (const [name, value] of params) {
    if (!allowed.includes(name)) throw new BadRequest(`unknown parameter "${name}" (valid here: ${allowed.join(', ')})`);
    if (name in out) throw new BadRequest(`parameter "${name}" given more than once`);
    out[name] = value;
  }
  return out;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function day(q: Query, name: string): string | null {
  const v = q[name];
  if (v === undefined || v === '') return null;
  if (!DAY.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) throw new BadRequest(`${name} must be a day YYYY-MM-DD, got "${v}"`);
  return v;
}

export function int(q: Query, name: string, min: number, max: number, fallback: number): number {
  const v = q[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isInteger(n) || n < min || n > max) throw new BadRequest(`${name} must be a whole number ${min}–${max}, got "${v}"`);
  return n;
}

export function oneOf<T extends string>(q: Query, name: string, valid: readonly T[]): T | null {
  const v = q[name];
  if (v === undefined || v === '') return null;
  if (!(valid as readonly string[]).includes(v)) throw new BadRequest(`${name} must be one of ${valid.join(', ')}, got "${v}"`);
  return v as T;
}

export const str = (q: Query, name: string): string | null => (q[name] === undefined || q[name] === '' ? null : q[name]!);

export const LANGS = ['ja', 'en', 'other'] as const;
export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export const PERIOD_PARAMS = ['since', 'until', 'tz'] as const;
export const DOCUMENT_PARAMS = ['q', 'channel', 'product', 'lang', 'kind', 'sentiment', 'stage', 'rating', 'since', 'until', 'tz', 'limit', 'offset', 'sort'] as const;
export const FOLLOWUP_PARAMS = ['status', 'since', 'until', 'tz', 'channel', 'theme', 'kind', 'rating', 'assignee', 'sort', 'limit', 'offset', 'as_of'] as const;

/** The document filter and page of a query (theme comes from the path or the `theme` parameter). */
export function documentOptions(q: Query, defaultTimeZone: string | null): DocumentPageOptions {
  return {
    q: str(q, 'q'),
    channel: str(q, 'channel'),
    product: str(q, 'product'),
    lang: q.lang === '(none)' ? '(none)' : oneOf(q, 'lang', LANGS),
    kind: oneOf(q, 'kind', FEEDBACK_KINDS),
    sentiment: oneOf(q, 'sentiment', SENTIMENTS),
    stage: str(q, 'stage'),
    rating: str(q, 'rating'),
    since: day(q, 'since'),
    until: day(q, 'until'),
    timeZone: str(q, 'tz') ?? defaultTimeZone,
    limit: int(q, 'limit', 1, 500, 50),
    offset: int(q, 'offset', 0, 10_000_000, 0),
    ...(q.sort ? { sort: oneOf<DocumentSort>(q, 'sort', DOCUMENT_SORTS)! } : {}),
  };
}

export function followupOptions(q: Query, defaultTimeZone: string | null): FollowupListOptions {
  return {
    status: oneOf(q, 'status', ['open', 'done', 'all'] as const) ?? 'open',
    since: day(q, 'since'),
    until: day(q, 'until'),
    asOf: day(q, 'as_of'),
    timeZone: str(q, 'tz') ?? defaultTimeZone,
    channel: str(q, 'channel'),
    themeId: str(q, 'theme'),
    kind: oneOf(q, 'kind', FEEDBACK_KINDS),
    rating: str(q, 'rating'),
    assignee: str(q, 'assignee'),
    sort: oneOf<FollowupSort>(q, 'sort', FOLLOWUP_SORTS) ?? 'severity',
    limit: int(q, 'limit', 1, 500, 50),
    offset: int(q, 'offset', 0, 10_000_000, 0),
  };
}

export { FACETS };

/** A JSON object body's string field: required, optional (undefined) or null when allowed. */
export function bodyString(body: Record<string, unknown>, name: string, required: boolean): string | undefined {
  const v = body[name];
  if (v === undefined || v === null || v === '') {
    if (required) throw new BadRequest(`body field "${name}" is required`);
    return undefined;
  }
  if (typeof v !== 'string') throw new BadRequest(`body field "${name}" must be a string, got ${JSON.stringify(v)}`);
  return v;
}

export function checkBodyFields(body: Record<string, unknown>, allowed: readonly string[]): void {
  for (const k of Object.keys(body)) {
    if (k.startsWith('_')) continue; // form plumbing: _csrf, _back
    if (!allowed.includes(k)) throw new BadRequest(`unknown body field "${k}" (valid here: ${allowed.join(', ') || 'none'})`);
  }
}
