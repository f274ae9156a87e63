import type { Db } from '../store/open-store.js';
import type { RatingScale } from '../types.js';
import { dataDayRange, scopeSql, type DocumentScope } from './document-scope.js';
import { periodOf, periodSeries, type Granularity } from './periods.js';
import { localDaySql } from '../time-zone.js';

/** NPS on 0–10 ratings: promoters 9–10 minus detractors 0–6, in points (−100…100); null without responses. */
export interface NpsScore {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
}

/** CSAT on 1–5 ratings: share of 4–5, in percent (0…100); null without responses. */
export interface CsatScore {
  responses: number;
  satisfied: number;
  csat: number | null;
}

/** CES on 1–7 ratings: the mean effort, 1 = very easy … 7 = very hard (inputs that call 7 easy are turned round); null without responses. */
export interface CesScore {
  responses: number;
  ces: number | null;
}

/** App-store style 1–5 stars: the mean; null without responses. Not CSAT: stars are their own scale. */
export interface StarsScore {
  responses: number;
  stars: number | null;
}

export interface CxMetrics {
  nps: NpsScore;
  csat: CsatScore;
  ces: CesScore;
  stars: StarsScore;
}

export interface Rating {
  rating: number | null;
  scale: RatingScale | string | null;
  /** How many responses gave this rating (default 1): lets SQL aggregate before JavaScript counts. */
  count?: number;
}

/** The valid range of each scale. A rating outside its scale is never counted (ingest rejects those anyway). */
export const SCALE_RANGE: Record<RatingScale, readonly [number, number]> = {
  nps: [0, 10],
  csat: [1, 5],
  ces: [1, 7],
  stars: [1, 5],
};

function onScale(r: Rating, scale: RatingScale): r is { rating: number; scale: RatingScale } {
  if (r.scale !== scale || r.rating === null || !Number.isFinite(r.rating)) return false;
  const [lo, hi] = SCALE_RANGE[scale];
  return r.rating >= lo && r.rating <= hi;
}

/** NPS, CSAT and CES of a set of ratings; each reads only the ratings declared on its own scale. */
export function computeCxMetrics(ratings: Iterable<Rating>): CxMetrics {
  const nps: NpsScore = { responses: 0, promoters: 0, passives: 0, detractors: 0, nps: null };
  const csat: CsatScore = { responses: 0, satisfied: 0, csat: null };
  let cesSum = 0;
  const ces: CesScore = { responses: 0, ces: null };
  let starsSum = 0;
  const stars: StarsScore = { responses: 0, stars: null };
  for (const r of ratings) {
    const n = r.count ?? 1;
    if (onScale(r, 'nps')) {
      nps.responses += n;
      if (r.rating >= 9) nps.promoters += n;
      else if (r.rating >= 7) nps.passives += n;
      else nps.detractors += n;
    } else if (onScale(r, 'csat')) {
      csat.responses += n;
      if (r.rating >= 4) csat.satisfied += n;
    } else if (onScale(r, 'ces')) {
      ces.responses += n;
      cesSum += r.rating * n;
    } else if (onScale(r, 'stars')) {
      stars.responses += n;
      starsSum += r.rating * n;
    }
  }
  if (nps.responses > 0) nps.nps = (100 * (nps.promoters - nps.detractors)) / nps.responses;
  if (csat.responses > 0) csat.csat = (100 * csat.satisfied) / csat.responses;
  if (ces.responses > 0) ces.ces = cesSum / ces.responses;
  if (stars.responses > 0) stars.stars = starsSum / stars.responses;
  return { nps, csat, ces, stars };
}

/** Ratings counted per (group key, rating, scale); SQL does the counting so memory stays small. */
interface RatingRow {
  key: string | null;
  theme_label: string | null;
  rating: number;
  rating_scale: RatingScale;
  n: number;
}

type RatingKey = 'day' | 'channel' | 'product' | 'theme' | null;

const KEY_SQL: Record<Exclude<RatingKey, null>, string> = {
  day: 'substr(d.created_at, 1, 10)',
  channel: 'd.channel',
  product: 'd.product',
  theme: 't.id',
};

function loadRatings(db: Db, scope: DocumentScope, key: RatingKey): RatingRow[] {
  const s = scopeSql(scope);
  const keySql = key === null ? 'NULL' : key === 'day' ? localDaySql(db, 'd.created_at', scope.timeZone) : KEY_SQL[key];
  const themeJoin =
    key === 'theme'
      ? `LEFT JOIN document_themes dt ON dt.doc_id = d.id AND dt.rank = 0
       LEFT JOIN themes t ON t.id = dt.theme_id AND t.status = 'active'`
      : '';
  return db
    .prepare(
      // Every rating of a document (a survey row can carry NPS and CSAT), CES as effort whatever its direction.
      `SELECT ${keySql} AS key, ${key === 'theme' ? 't.label' : 'NULL'} AS theme_label, r.score AS rating,
         r.scale AS rating_scale, count(*) AS n
       FROM document_ratings r
       JOIN documents d ON d.id = r.doc_id
       LEFT JOIN analyses a ON a.doc_id = d.id
       ${themeJoin}
       WHERE 1 = 1${s.where}
       GROUP BY key, r.score, r.scale`,
    )
    .all(s.params) as RatingRow[];
}

const toRating = (r: RatingRow): Rating => ({ rating: r.rating, scale: r.rating_scale, count: r.n });

/** What the metrics are grouped by: a time period, or a dimension of the documents. */
export type MetricsGrouping = Granularity | 'channel' | 'product' | 'theme';

export interface MetricsGroup extends CxMetrics {
  /** Period key, channel, product or theme id ("(none)" for documents without one). */
  key: string;
  /** Theme label when grouped by theme. */
  label?: string;
}

export interface MetricsReport {
  overall: CxMetrics;
  by: MetricsGrouping | null;
  groups: MetricsGroup[];
}

/**
 * NPS / CSAT / CES overall and per group. Periods run from the first to the last day in scope, every period
 * listed (metrics null where there were no ratings). Groups by dimension are ordered by their response count.
 */
export function computeMetrics(db: Db, scope: DocumentScope = {}, by: MetricsGrouping | null = null): MetricsReport {
  const periodic = by === 'day' || by === 'week' || by === 'month';
  const rows = loadRatings(db, scope, by === null ? null : periodic ? 'day' : by);
  const overall = computeCxMetrics(rows.map(toRating));
  if (by === null) return { overall, by, groups: [] };

  const buckets = new Map<string, { label?: string; rows: RatingRow[] }>();
  if (periodic) {
    const range = dataDayRange(db, scope.timeZone);
    const from = scope.since ?? range?.first;
    const to = scope.until ?? range?.last;
    if (from && to) for (const p of periodSeries(from, to, by)) buckets.set(p, { rows: [] });
  }
  for (const r of rows) {
    let key: string;
    if (periodic) {
      if (r.key === null) continue;
      key = periodOf(r.key, by);
    } else if (by === 'theme') key = r.theme_label === null ? '(none)' : (r.key ?? '(none)');
    else key = r.key ?? '(none)';
    let b = buckets.get(key);
    if (!b) {
      b = { rows: [] };
      if (by === 'theme' && r.theme_label !== null) b.label = r.theme_label;
      buckets.set(key, b);
    }
    b.rows.push(r);
  }
  const groups: MetricsGroup[] = [...buckets.entries()].map(([key, b]) => ({
    key,
    ...(b.label === undefined ? {} : { label: b.label }),
    ...computeCxMetrics(b.rows.map(toRating)),
  }));
  if (!periodic) {
    const total = (g: MetricsGroup) => g.nps.responses + g.csat.responses + g.ces.responses + g.stars.responses;
    groups.sort((a, b) => total(b) - total(a) || a.key.localeCompare(b.key));
  }
  return { overall, by, groups };
}

export type ImpactMetric = 'nps' | 'csat';

/**
 * How many points the overall score would rise if one theme's unhappy responses were lifted:
 * NPS: the theme's detractors (0–6) counted as passives → +100 × detractors / all NPS responses.
 * CSAT: the theme's unsatisfied responses (1–3) counted as satisfied → +100 × unsatisfied / all CSAT responses.
 * A theme's documents are those whose primary theme it is, so impacts of different themes add up.
 */
export interface ThemeImpact {
  themeId: string;
  label: string;
  metric: ImpactMetric;
  /** The theme's responses on the metric's scale. */
  responses: number;
  /** Of which detractors (NPS) or unsatisfied (CSAT): the count behind `impact`. */
  unhappy: number;
  /** The theme's own score. */
  score: number | null;
  /** Points the overall score would rise. */
  impact: number;
  /** Overall score and its responses, for context. */
  overall: number | null;
  overallResponses: number;
}

export function computeThemeImpact(db: Db, metric: ImpactMetric = 'nps', scope: DocumentScope = {}): ThemeImpact[] {
  const rows = loadRatings(db, { ...scope, themeId: null }, 'theme');
  const overall = computeCxMetrics(rows.map(toRating));
  const total = metric === 'nps' ? overall.nps.responses : overall.csat.responses;
  const overallScore = metric === 'nps' ? overall.nps.nps : overall.csat.csat;
  const byTheme = new Map<string, { label: string; rows: RatingRow[] }>();
  for (const r of rows) {
    if (r.key === null || r.theme_label === null) continue;
    const b = byTheme.get(r.key) ?? { label: r.theme_label, rows: [] };
    b.rows.push(r);
    byTheme.set(r.key, b);
  }
  const out: ThemeImpact[] = [];
  for (const [themeId, b] of byTheme) {
    const m = computeCxMetrics(b.rows.map(toRating));
    const responses = metric === 'nps' ? m.nps.responses : m.csat.responses;
    if (responses === 0) continue;
    const unhappy = metric === 'nps' ? m.nps.detractors : m.csat.responses - m.csat.satisfied;
    out.push({
      themeId,
      label: b.label,
      metric,
      responses,
      unhappy,
      score: metric === 'nps' ? m.nps.nps : m.csat.csat,
      impact: total === 0 ? 0 : (100 * unhappy) / total,
      overall: overallScore,
      overallResponses: total,
    });
  }
  return out.sort((a, b) => b.impact - a.impact || b.unhappy - a.unhappy || a.themeId.localeCompare(b.themeId));
}
