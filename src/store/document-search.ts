// Documents as a support lead browses them: filtered (theme, period, channel, product, language, kind, sentiment,
// stage, rating), searched (FTS5 trigram index from 008-workspace.sql, so Japanese without spaces is found by any
// 3+ character substring; shorter terms fall back to LIKE), paged, with facet counts beside them (Datasette's
// facets: each facet counted with every other filter applied, so its own values stay visible to switch between).
import type { Db } from './open-store.js';
import { checkTimeZone, dayBound, localDaySql, TimeZoneError } from '../time-zone.js';

export const FACETS = ['period', 'channel', 'product', 'lang', 'kind', 'sentiment', 'stage', 'rating'] as const;
export type FacetName = (typeof FACETS)[number];

/** A bad filter given by a person; the message names the parameter and the value (HTTP 400). */
export class SearchOptionError extends RangeError {
  override name = 'SearchOptionError';
}

export interface DocumentFilter {
  /** Primary theme; '(none)' for documents without a theme. */
  themeId?: string | null;
  /** Words to find: every word must occur (AND); "quoted phrases" stay together. */
  q?: string | null;
  channel?: string | null;
  product?: string | null;
  lang?: string | null;
  kind?: string | null;
  sentiment?: string | null;
  stage?: string | null;
  /** SCALE:VALUE or SCALE:LOW-HIGH, e.g. stars:1, nps:0-6, csat:1-2. */
  rating?: string | null;
  /** Local days, inclusive. */
  since?: string | null;
  until?: string | null;
  timeZone?: string | null;
  /** Only documents that queue a follow-up (see v_followups). */
  followup?: boolean;
}

export type DocumentSort = 'newest' | 'oldest' | 'relevance';
export const DOCUMENT_SORTS: readonly DocumentSort[] = ['newest', 'oldest', 'relevance'];

export interface DocumentPageOptions extends DocumentFilter {
  limit?: number;
  offset?: number;
  sort?: DocumentSort;
}

export interface DocumentHit {
  id: string;
  sourceId: string | null;
  text: string;
  lang: string;
  sentiment: string | null;
  sentimentScore: number | null;
  kind: string | null;
  stage: string | null;
  createdAt: string | null;
  channel: string | null;
  product: string | null;
  rating: number | null;
  ratingScale: string | null;
  themeId: string | null;
  themeLabel: string | null;
}

export interface DocumentPage {
  total: number;
  limit: number;
  offset: number;
  /** The search words as matched (for highlighting): every one occurs in every document listed. */
  terms: string[];
  documents: DocumentHit[];
}

export interface FacetValue {
  value: string;
  count: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const RATING = /^(nps|csat|ces|stars):(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$/;

/** The words of a query: "quoted phrases" kept whole, the rest split on spaces (ASCII or ideographic). */
export function searchTerms(q: string | null | undefined): string[] {
  if (!q) return [];
  const terms: string[] = [];
  const re = /"([^"]+)"|(\S+)/gu;
  for (const m of q.normalize('NFKC').matchAll(re)) {
    const t = (m[1] ?? m[2] ?? '').trim();
    if (t) terms.push(t);
  }
  return [...new Set(terms)].slice(0, 16);
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** More trigrams than this for two characters and a LIKE scan is the cheaper read. */
const MAX_TRIGRAMS = 2000;
/** The highest code point: a term range's upper end ("返金" … "返金\u{10FFFF}" holds every term starting with 返金). */
const LAST_CHARACTER = String.fromCodePoint(0x10ffff);

/**
 * The trigrams of the search index that start with `two` (case-folded as the trigram tokenizer folds), read from
 * its vocabulary in order; null when there are too many to ask for at once.
 */
function trigramsStartingWith(db: Db, two: string): string[] | null {
  const folded = two.toLowerCase();
  const terms = db
    .prepare('SELECT term FROM documents_fts_vocab WHERE term >= ? AND term < ? LIMIT ?')
    .pluck()
    .all(folded, folded + LAST_CHARACTER, MAX_TRIGRAMS + 1) as string[];
  return terms.length > MAX_TRIGRAMS ? null : terms;
}
const ftsPhrase = (s: string): string => `"${s.replace(/"/g, '""')}"`;

interface FilterSql {
  where: string[];
  params: Record<string, unknown>;
  /** An FTS5 MATCH expression, when some term has 3+ characters. */
  match: string | null;
  /** The parts of `where` that bound the period (since / until, on d.created_at; their params in `params`). */
  period: string[];
}

function buildFilter(db: Db, f: DocumentFilter, skip: FacetName | null): FilterSql {
  const where: string[] = [];
  const period: string[] = [];
  const params: Record<string, unknown> = {};
  checkTimeZone(f.timeZone);
  // Within one theme the theme's index selects fewest rows: a unary + keeps SQLite off the channel / product index
  // (without ANALYZE statistics it would start from a channel holding a third of the database).
  const themed = isThemed(f);
  const eq = (facet: FacetName, column: string, value: string | null | undefined) => {
    if (value === null || value === undefined || value === '' || skip === facet) return;
    if (value === '(none)') where.push(`${column} IS NULL`);
    else {
      where.push(`${themed ? '+' : ''}${column} = @${facet}`);
      params[facet] = value;
    }
  };
  if (f.themeId) {
    if (f.themeId === '(none)') where.push('dt.theme_id IS NULL');
    else {
      where.push('dt.theme_id = @themeId');
      params.themeId = f.themeId;
    }
  }
  eq('channel', 'd.channel', f.channel);
  eq('product', 'd.product', f.product);
  eq('lang', 'd.lang', f.lang);
  eq('kind', 'a.kind', f.kind);
  eq('sentiment', 'a.sentiment_label', f.sentiment);
  eq('stage', 'a.stage', f.stage);
  if (f.rating && skip !== 'rating') {
    const m = RATING.exec(f.rating);
    if (!m) throw new SearchOptionError(`rating must be SCALE:VALUE or SCALE:LOW-HIGH (scales nps, csat, ces, stars), e.g. stars:1-2, got "${f.rating}"`);
    // Any of the document's ratings (a survey row can carry NPS and CSAT): document_ratings holds them all.
    where.push('EXISTS (SELECT 1 FROM document_ratings r WHERE r.doc_id = d.id AND r.scale = @ratingScale AND r.rating BETWEEN @ratingLow AND @ratingHigh)');
    params.ratingScale = m[1];
    params.ratingLow = Number(m[2]);
    params.ratingHigh = Number(m[3] ?? m[2]);
  }
  if (skip !== 'period') {
    for (const [key, value] of [['since', f.since], ['until', f.until]] as const) {
      if (value && !DAY.test(value)) throw new SearchOptionError(`${key} must be a day YYYY-MM-DD, got "${value}"`);
    }
    if (f.since) {
      period.push('d.created_at >= @since');
      params.since = dayBound(f.since, f.timeZone);
    }
    if (f.until) {
      const next = new Date(Date.parse(`${f.until}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      period.push('d.created_at < @untilNext');
      params.untilNext = dayBound(next, f.timeZone);
    }
    where.push(...period);
  }
  if (f.followup) where.push('d.id IN (SELECT doc_id FROM v_followups)');
  let match: string | null = null;
  const terms = searchTerms(f.q);
  const long = terms.filter((t) => [...t].length >= 3);
  const short = terms.filter((t) => [...t].length < 3);
  if (long.length > 0) match = long.map(ftsPhrase).join(' AND ');
  short.forEach((t, i) => {
    const trigrams = [...t].length === 2 ? trigramsStartingWith(db, t) : null;
    if (trigrams) {
      // Two characters (013): inside a trigram that starts with them, or at the very end of a text.
      const tail = `lower(substr(d.text, -2)) = @tail${i}`;
      params[`tail${i}`] = t.replace(/[A-Z]/g, (c) => c.toLowerCase()); // lower() folds ASCII only, as LIKE compares
      if (trigrams.length === 0) where.push(tail);
      else {
        where.push(`(d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH @short${i}) OR ${tail})`);
        params[`short${i}`] = trigrams.map(ftsPhrase).join(' OR ');
      }
      return;
    }
    // One character, or two that start too many trigrams: a LIKE scan (over the rows the other filters leave).
    where.push(`d.text LIKE @short${i} ESCAPE '\\'`);
    params[`short${i}`] = `%${escapeLike(t)}%`;
  });
  return { where, params, match, period };
}

/**
 * The joins. With one theme asked for, documents are reached through the theme's index (an inner join lets SQLite
 * start from document_themes); otherwise every document is a candidate and its theme is looked up.
 */
function fromClause(match: string | null, themed = false, byDate = false): string {
  // byDate: one theme within a short period is reached through the period's documents (the created_at index) and
  // their theme row, when the period holds fewer documents than the theme (CROSS JOIN keeps that order).
  const themedFrom = byDate
    ? 'documents d CROSS JOIN document_themes dt ON dt.doc_id = d.id AND dt.rank = 0'
    : 'document_themes dt JOIN documents d ON d.id = dt.doc_id AND dt.rank = 0';
  return `FROM ${themed ? themedFrom : 'documents d'}
    ${match ? 'JOIN documents_fts fts ON fts.rowid = d.rowid AND documents_fts MATCH @match' : ''}
    LEFT JOIN analyses a ON a.doc_id = d.id
    ${themed ? '' : 'LEFT JOIN document_themes dt ON dt.doc_id = d.id AND dt.rank = 0'}
    LEFT JOIN themes t ON t.id = dt.theme_id`;
}

const isThemed = (f: DocumentFilter): boolean => Boolean(f.themeId) && f.themeId !== '(none)';

/**
 * True when one theme is asked for within a period that holds fewer documents than the theme: reading the period's
 * documents by date then costs less than reading every document of the theme (a week of a million documents against
 * a theme of 36,000: 188 → 10 ms). Counting the period's index entries is cheap beside either read.
 */
function periodIsSmallerThanTheme(db: Db, f: DocumentFilter, filter: FilterSql): boolean {
  if (!isThemed(f) || filter.period.length === 0) return false;
  const size = db.prepare('SELECT size FROM themes WHERE id = ?').pluck().get(f.themeId) as number | undefined;
  if (size === undefined) return false;
  const inPeriod = db.prepare(`SELECT count(*) FROM documents d WHERE ${filter.period.join(' AND ')}`).pluck().get(periodParamsOf(filter)) as number;
  return inPeriod < size;
}

/** The parameters of a filter's period parts alone (since / untilNext, those it has). */
function periodParamsOf(filter: FilterSql): Record<string, unknown> {
  const { since, untilNext } = filter.params;
  return { ...(since === undefined ? {} : { since }), ...(untilNext === undefined ? {} : { untilNext }) };
}

function run<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof TimeZoneError) throw new SearchOptionError(err.message);
    throw err;
  }
}

/** One page of documents matching the filter, with the total. */
export function searchDocuments(db: Db, options: DocumentPageOptions = {}): DocumentPage {
  return run(() => {
    const limit = options.limit ?? 50;
    const offset = options.offset ?? 0;
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new SearchOptionError(`limit must be a whole number 1–500, got ${limit}`);
    if (!Number.isInteger(offset) || offset < 0) throw new SearchOptionError(`offset must be a whole number ≥ 0, got ${offset}`);
    const sort = options.sort ?? (options.q ? 'relevance' : 'newest');
    if (!DOCUMENT_SORTS.includes(sort)) throw new SearchOptionError(`sort must be one of ${DOCUMENT_SORTS.join(', ')}, got "${String(sort)}"`);
    const f = buildFilter(db, options, null);
    const params = { ...f.params, ...(f.match ? { match: f.match } : {}) };
    const where = f.where.length ? `WHERE ${f.where.join(' AND ')}` : '';
    const order =
      sort === 'relevance' && f.match
        ? 'fts.rank, d.created_at DESC, d.id'
        : sort === 'oldest'
          ? 'd.created_at IS NULL, d.created_at, d.id'
          : 'd.created_at IS NULL, d.created_at DESC, d.id';
    const from = fromClause(f.match, isThemed(options), !f.match && periodIsSmallerThanTheme(db, options, f));
    const total = db.prepare(`SELECT count(*) ${from} ${where}`).pluck().get(params) as number;
    const documents = db
      .prepare(
        `SELECT d.id, d.source_id AS sourceId, d.text, d.lang, a.sentiment_label AS sentiment, a.sentiment_score AS sentimentScore,
           a.kind, a.stage, d.created_at AS createdAt, d.channel, d.product, d.rating, d.rating_scale AS ratingScale,
           dt.theme_id AS themeId, t.label AS themeLabel
         ${from} ${where}
         ORDER BY ${order} LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit, offset }) as DocumentHit[];
    return { total, limit, offset, terms: searchTerms(options.q), documents };
  });
}

/** One group of documents alike in every facet (counted `n` times). */
interface FacetRow {
  /** The local month (YYYY-MM) or week start (YYYY-MM-DD) the group was written in; null when undated. */
  period_key: string | null;
  /** 1 when the group lies in the filter's since / until (always 1 without them). */
  in_period: number;
  channel: string | null;
  product: string | null;
  lang: string | null;
  kind: string | null;
  sentiment: string | null;
  stage: string | null;
  /** Every rating of the document as `scale:value`, space-separated; null when it has none. */
  ratings: string | null;
  n: number;
}

/**
 * Counts per value of each facet over the documents the filter selects (each facet ignores its own filter).
 * `period` counts by local month (YYYY-MM) or, with `periodBy: 'week'`, by the Monday a week starts on.
 * One indexed read of the rows the theme and the search select, grouped in SQL by every facet at once (the period
 * as its month or week, and whether it lies in since / until), then each facet is counted over the groups: eight
 * GROUP BY queries over a large theme cost more than reading its rows once, and handing every row to JavaScript
 * cost most of the time (the largest theme of a million documents: 127,000 rows, ≈ 1 s).
 */
export function documentFacets(
  db: Db,
  filter: DocumentFilter,
  facets: readonly FacetName[] = FACETS,
  options: { limit?: number; periodBy?: 'month' | 'week' } = {},
): Record<FacetName, FacetValue[]> {
  return run(() => {
    const limit = options.limit ?? 30;
    const zone = checkTimeZone(filter.timeZone);
    // Validates every filter but the search words (a bad rating or day is a SearchOptionError; words never are, and
    // the base below reads them) and gives the period's bounds; the base is the theme + search part.
    const checked = buildFilter(db, { ...filter, q: null }, null);
    const base = buildFilter(db, { themeId: filter.themeId ?? null, q: filter.q ?? null, timeZone: filter.timeZone ?? null, followup: filter.followup ?? false }, null);
    const day = localDaySql(db, 'd.created_at', zone);
    // The Monday a local day's week starts on (strftime %w: 0 = Sunday).
    const periodKey = options.periodBy === 'week' ? `date(${day}, '-' || ((CAST(strftime('%w', ${day}) AS INTEGER) + 6) % 7) || ' days')` : `substr(${day}, 1, 7)`;
    const inPeriod = checked.period.join(' AND ') || '1';
    const periodParams = periodParamsOf(checked);
    // A theme within a short period and nothing else (the link from This week): the other facets count only the
    // period's documents, so they are read by date; the period facet, over the whole theme, needs each member's date
    // alone. Two light reads instead of every member's row, analysis and ratings (the largest theme of a million
    // documents: 1,113 → ≈ 330 ms).
    const onlyThemeAndPeriod =
      isThemed(filter) && searchTerms(filter.q).length === 0 && !filter.followup && FACETS.every((f) => f === 'period' || !filter[f]) && periodIsSmallerThanTheme(db, filter, checked);
    const periodCounts = onlyThemeAndPeriod
      ? (db
          .prepare(
            `SELECT ${periodKey} AS period_key, count(*) AS n ${fromClause(null, true)}
             WHERE ${base.where.join(' AND ')} AND d.created_at IS NOT NULL GROUP BY 1`,
          )
          .all(base.params) as { period_key: string; n: number }[])
      : null;
    const rows = db
      .prepare(
        `SELECT ${periodKey} AS period_key, coalesce(${inPeriod}, 0) AS in_period,
                d.channel, d.product, d.lang, a.kind, a.sentiment_label AS sentiment, a.stage,
                CASE WHEN d.rating IS NULL THEN NULL ELSE
                  (SELECT group_concat(r.scale || ':' || r.rating, ' ') FROM document_ratings r WHERE r.doc_id = d.id) END AS ratings,
                count(*) AS n
         ${fromClause(base.match, isThemed(filter), onlyThemeAndPeriod)}
         ${onlyThemeAndPeriod ? `WHERE ${[...base.where, ...checked.period].join(' AND ')}` : base.where.length ? `WHERE ${base.where.join(' AND ')}` : ''}
         GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
      )
      .all({ ...base.params, ...(base.match ? { match: base.match } : {}), ...periodParams }) as FacetRow[];
    const rating = filter.rating ? RATING.exec(filter.rating) : null;
    const eq = (want: string | null | undefined, have: string | null): boolean =>
      want === null || want === undefined || want === '' || (want === '(none)' ? have === null : have === want);
    const tests: Record<FacetName, (r: FacetRow) => boolean> = {
      period: (r) => r.in_period === 1,
      channel: (r) => eq(filter.channel, r.channel),
      product: (r) => eq(filter.product, r.product),
      lang: (r) => eq(filter.lang, r.lang),
      kind: (r) => eq(filter.kind, r.kind),
      sentiment: (r) => eq(filter.sentiment, r.sentiment),
      stage: (r) => eq(filter.stage, r.stage),
      rating: (r) =>
        rating === null ||
        (r.ratings ?? '').split(' ').some((sv) => {
          const [scale, value] = sv.split(':');
          return scale === rating[1] && value !== undefined && Number(value) >= Number(rating[2]) && Number(value) <= Number(rating[3] ?? rating[2]);
        }),
    };
    const keyOf: Record<FacetName, (r: FacetRow) => string | null> = {
      period: (r) => r.period_key,
      channel: (r) => r.channel,
      product: (r) => r.product,
      lang: (r) => r.lang,
      kind: (r) => r.kind,
      sentiment: (r) => r.sentiment,
      stage: (r) => r.stage,
      // A document counts under each of its ratings (NPS and CSAT of one survey answer): see keysOf.
      rating: () => null,
    };
    const keysOf = (f: FacetName, r: FacetRow): (string | null)[] => {
      if (f !== 'rating' || r.ratings === null) return [keyOf[f](r)];
      return r.ratings.split(' ').map((sv) => {
        const [scale, value] = sv.split(':');
        return `${scale}:${Math.trunc(Number(value))}`;
      });
    };
    const active = FACETS.filter((f) => f !== 'period' ? filter[f] : filter.since || filter.until);
    const counts = new Map<FacetName, Map<string, number>>(facets.map((f) => [f, new Map()]));
    if (periodCounts) counts.delete('period'); // the rows are the period's only: the period facet is periodCounts
    for (const r of rows) {
      const failed = active.filter((f) => !tests[f](r));
      if (failed.length > 1) continue;
      for (const f of facets) {
        if (failed.length === 1 && failed[0] !== f) continue;
        const m = counts.get(f);
        if (!m) continue;
        for (const key of keysOf(f, r)) {
          if (key === null && f === 'period') continue;
          const k = key ?? '(none)';
          m.set(k, (m.get(k) ?? 0) + r.n);
        }
      }
    }
    const out = {} as Record<FacetName, FacetValue[]>;
    if (periodCounts && facets.includes('period')) counts.set('period', new Map(periodCounts.map((r) => [r.period_key, r.n])));
    for (const f of facets) {
      const values = [...counts.get(f)!.entries()].map(([value, count]) => ({ value, count }));
      values.sort(f === 'period' ? (a, b) => (a.value < b.value ? 1 : -1) : (a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
      out[f] = values.slice(0, limit);
    }
    return out;
  });
}

/** One document with its analysis and theme, or null. */
export function getDocument(db: Db, id: string): DocumentHit | null {
  return (
    (db
      .prepare(
        `SELECT d.id, d.source_id AS sourceId, d.text, d.lang, a.sentiment_label AS sentiment, a.sentiment_score AS sentimentScore,
           a.kind, a.stage, d.created_at AS createdAt, d.channel, d.product, d.rating, d.rating_scale AS ratingScale,
           dt.theme_id AS themeId, t.label AS themeLabel
         ${fromClause(null)} WHERE d.id = ?`,
      )
      .get(id) as DocumentHit | undefined) ?? null
  );
}
