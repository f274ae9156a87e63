// "This week" against each theme's own baseline: how many documents a theme had in the period, how many it had
// on average in the same-length periods just before, the change, its share negative and its pull on NPS / CSAT,
// with the counts behind every figure. The weekly review ranks by this change, not by all-time volume.
import type { Db } from '../store/open-store.js';
import { computeCxMetrics, type Rating } from './cx-metrics.js';
import { dataDayRange, scopeSql } from './document-scope.js';
import { InsightOptionError } from './insight-error.js';
import { addDays, daysBetween } from './periods.js';
import { checkTimeZone, localDaySql } from '../time-zone.js';

export interface PeriodComparisonOptions {
  /** First and last day of the period (inclusive, local days). Default: the 7 days ending on the latest day. */
  since?: string | null;
  until?: string | null;
  /** Same-length periods before `since` that make the baseline (default 4). */
  baselinePeriods?: number;
  /** IANA time zone the days are read in (default UTC). */
  timeZone?: string | null;
  /** Fewest ratings behind an NPS / CSAT impact figure; below it the figure is null (counts still given). Default 10. */
  minRatings?: number;
  /** Include ignored themes (default false). */
  includeIgnored?: boolean;
}

export interface MetricImpact {
  /** The theme's responses on the scale in the period. */
  responses: number;
  /** Detractors (NPS 0–6) or unsatisfied (CSAT 1–3) among them: the count behind `impact`. */
  unhappy: number;
  /** The theme's own score in the period (NPS points, CSAT %); null without responses or below minRatings. */
  score: number | null;
  /** Points the overall score would rise if these were lifted; null below minRatings. */
  impact: number | null;
}

export interface ThemeComparison {
  themeId: string;
  label: string;
  status: 'active' | 'ignored';
  /** All-time documents (primary theme). */
  size: number;
  /** Documents in the period. */
  count: number;
  /** Documents in the whole baseline (all its periods). */
  baselineCount: number;
  /** baselineCount / baselinePeriods: what a period usually holds. */
  baselineAverage: number;
  /** count − baselineAverage. */
  change: number;
  /** change / baselineAverage; null when the baseline was empty. */
  changeRatio: number | null;
  negative: number;
  /** negative / count; null when count is 0. */
  shareNegative: number | null;
  baselineNegative: number;
  baselineShareNegative: number | null;
  nps: MetricImpact;
  csat: MetricImpact;
  /** Documents per period, oldest first: the baseline periods then the period itself. */
  series: number[];
  /** No documents in the baseline but some now. */
  isNew: boolean;
}

export interface PeriodComparison {
  timeZone: string;
  period: { since: string; until: string; days: number; documents: number; negative: number };
  baseline: { since: string; until: string; periods: number; documents: number };
  /** First day of each series bucket, oldest first. */
  seriesStarts: string[];
  minRatings: number;
  /** NPS / CSAT responses of all feedback in the period: the denominators of the impacts. */
  overall: { npsResponses: number; nps: number | null; csatResponses: number; csat: number | null };
  /** Documents in the period with no theme. */
  unthemed: number;
  /** Themes with documents in the period or the baseline, ranked by change, then count. */
  themes: ThemeComparison[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function checkDay(value: string, name: string): string {
  if (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InsightOptionError(`${name} must be a day YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

/** The longest period compared (ten years): its series of same-length periods before it stay bounded. */
export const MAX_PERIOD_DAYS = 3660;

/** The period asked for, defaulting to the 7 days that end on the latest day with feedback. */
export function resolvePeriod(db: Db, options: Pick<PeriodComparisonOptions, 'since' | 'until' | 'timeZone'>): { since: string; until: string } {
  const zone = checkTimeZone(options.timeZone);
  const last = dataDayRange(db, zone)?.last ?? new Date().toISOString().slice(0, 10);
  const until = options.until ? checkDay(options.until, 'until') : options.since ? addDays(checkDay(options.since, 'since'), 6) : last;
  const since = options.since ? checkDay(options.since, 'since') : addDays(until, -6);
  if (since > until) throw new InsightOptionError(`since (${since}) is after until (${until})`);
  if (daysBetween(since, until) > MAX_PERIOD_DAYS) throw new InsightOptionError(`a period of at most ten years, got ${since} … ${until}`);
  return { since, until };
}

export function compareThemePeriods(db: Db, options: PeriodComparisonOptions = {}): PeriodComparison {
  const zone = checkTimeZone(options.timeZone);
  const periods = options.baselinePeriods ?? 4;
  if (!Number.isInteger(periods) || periods < 1 || periods > 52) {
    throw new InsightOptionError(`baselinePeriods must be a whole number 1–52, got ${String(periods)}`);
  }
  const minRatings = options.minRatings ?? 10;
  const { since, until } = resolvePeriod(db, options);
  const days = daysBetween(since, until) + 1;
  const baselineSince = addDays(since, -days * periods);
  const baselineUntil = addDays(since, -1);
  const scope = scopeSql({ since: baselineSince, until, timeZone: zone });
  const day = localDaySql(db, 'd.created_at', zone);
  const statuses = options.includeIgnored ? "('active', 'ignored')" : "('active')";

  // One pass over the baseline + period: documents and negatives per theme and local day.
  const rows = db
    .prepare(
      `SELECT dt.theme_id AS theme, ${day} AS day, count(*) AS n, sum(a.sentiment_label = 'negative') AS negative
       FROM documents d
       JOIN analyses a ON a.doc_id = d.id
       LEFT JOIN document_themes dt ON dt.doc_id = d.id AND dt.rank = 0
       WHERE d.created_at IS NOT NULL${scope.where}
       GROUP BY theme, day`,
    )
    .all(scope.params) as { theme: string | null; day: string; n: number; negative: number }[];
  const ratingRows = db
    .prepare(
      // Every NPS / CSAT rating of a document (migration 005: a survey row can carry both), as metrics read them.
      // The period's documents by their date index, then their ratings (CROSS JOIN keeps that order: from the
      // ratings' scale index SQLite read every NPS and CSAT rating of the database; 0.5 s at a million).
      `SELECT dt.theme_id AS theme, r.score AS rating, r.scale, count(*) AS n
       FROM documents d
       CROSS JOIN document_ratings r ON r.doc_id = d.id
       LEFT JOIN analyses a ON a.doc_id = d.id
       LEFT JOIN document_themes dt ON dt.doc_id = d.id AND dt.rank = 0
       WHERE r.scale IN ('nps', 'csat')${scopeSql({ since, until, timeZone: zone }).where}
       GROUP BY theme, r.score, r.scale`,
    )
    .all(scopeSql({ since, until, timeZone: zone }).params) as { theme: string | null; rating: number; scale: string; n: number }[];
  const themes = db
    .prepare(`SELECT id, label, status, size FROM themes WHERE status IN ${statuses}`)
    .all() as { id: string; label: string; status: 'active' | 'ignored'; size: number }[];

  const bucketOf = (d: string): number => Math.floor(daysBetween(baselineSince, d) / days);
  const seriesStarts = Array.from({ length: periods + 1 }, (_, i) => addDays(baselineSince, i * days));
  const acc = new Map<string, { series: number[]; negative: number; baselineNegative: number }>();
  const period = { since, until, days, documents: 0, negative: 0 };
  let baselineDocuments = 0;
  let unthemed = 0;
  for (const r of rows) {
    const b = bucketOf(r.day);
    if (b < 0 || b > periods) continue;
    if (b === periods) {
      period.documents += r.n;
      period.negative += r.negative;
      if (r.theme === null) unthemed += r.n;
    } else baselineDocuments += r.n;
    if (r.theme === null) continue;
    let a = acc.get(r.theme);
    if (!a) {
      a = { series: new Array<number>(periods + 1).fill(0), negative: 0, baselineNegative: 0 };
      acc.set(r.theme, a);
    }
    a.series[b]! += r.n;
    if (b === periods) a.negative += r.negative;
    else a.baselineNegative += r.negative;
  }

  const all: Rating[] = ratingRows.map((r) => ({ rating: r.rating, scale: r.scale, count: r.n }));
  const overallMetrics = computeCxMetrics(all);
  const ratingsOf = new Map<string, Rating[]>();
  for (const r of ratingRows) {
    if (r.theme === null) continue;
    const list = ratingsOf.get(r.theme) ?? [];
    list.push({ rating: r.rating, scale: r.scale, count: r.n });
    ratingsOf.set(r.theme, list);
  }
  const impactOf = (responses: number, unhappy: number, score: number | null, total: number): MetricImpact => {
    const enough = responses >= minRatings && responses > 0;
    return { responses, unhappy, score: enough ? score : null, impact: enough && total > 0 ? (100 * unhappy) / total : null };
  };

  const out: ThemeComparison[] = [];
  for (const t of themes) {
    const a = acc.get(t.id);
    if (!a) continue;
    const count = a.series[periods]!;
    const baselineCount = a.series.slice(0, periods).reduce((s, n) => s + n, 0);
    const baselineAverage = baselineCount / periods;
    const m = computeCxMetrics(ratingsOf.get(t.id) ?? []);
    out.push({
      themeId: t.id,
      label: t.label,
      status: t.status,
      size: t.size,
      count,
      baselineCount,
      baselineAverage,
      change: count - baselineAverage,
      changeRatio: baselineAverage > 0 ? (count - baselineAverage) / baselineAverage : null,
      negative: a.negative,
      shareNegative: count > 0 ? a.negative / count : null,
      baselineNegative: a.baselineNegative,
      baselineShareNegative: baselineCount > 0 ? a.baselineNegative / baselineCount : null,
      nps: impactOf(m.nps.responses, m.nps.detractors, m.nps.nps, overallMetrics.nps.responses),
      csat: impactOf(m.csat.responses, m.csat.responses - m.csat.satisfied, m.csat.csat, overallMetrics.csat.responses),
      series: a.series,
      isNew: baselineCount === 0 && count > 0,
    });
  }
  out.sort((x, y) => y.change - x.change || y.count - x.count || x.themeId.localeCompare(y.themeId, 'en', { numeric: true }));
  return {
    timeZone: zone,
    period,
    baseline: { since: baselineSince, until: baselineUntil, periods, documents: baselineDocuments },
    seriesStarts,
    minRatings,
    overall: {
      npsResponses: overallMetrics.nps.responses,
      nps: overallMetrics.nps.nps,
      csatResponses: overallMetrics.csat.responses,
      csat: overallMetrics.csat.csat,
    },
    unthemed,
    themes: out,
  };
}
