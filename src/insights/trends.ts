import type { Db } from '../store/open-store.js';
import { dataDayRange, scopeSql, type DocumentScope } from './document-scope.js';
import { periodOf, periodSeries, type Granularity } from './periods.js';
import { localDaySql } from '../time-zone.js';

export interface TrendOptions extends DocumentScope {
  by: Granularity;
}

export interface TrendPoint {
  /** 2026-03-02, 2026-W10 or 2026-03. */
  period: string;
  /** Documents in scope in the period (0 for an empty period). */
  documents: number;
  /** All documents in the period, whatever the filters: the denominator of `share`. */
  allDocuments: number;
  /** documents / allDocuments, 0 when the period has no feedback at all. */
  share: number;
  negative: number;
  /** negative / documents; null when there are no documents. */
  shareNegative: number | null;
  /** Mean sentiment score in [-1, 1]; null when there are no documents. */
  meanSentiment: number | null;
}

export interface TrendResult {
  by: Granularity;
  /** The day range the series covers (the filters' since/until, else the data's first and last day). */
  from: string | null;
  to: string | null;
  points: TrendPoint[];
}

interface DayRow {
  day: string;
  n: number;
  negative: number;
  score_sum: number;
}

/**
 * Volume, share of all feedback, mean sentiment and share negative per period, every period from the first to
 * the last day present (empty ones as 0). Periods are built here, not in SQL, so none is ever skipped.
 */
export function computeTrends(db: Db, options: TrendOptions): TrendResult {
  const range = dataDayRange(db, options.timeZone);
  const from = options.since ?? range?.first ?? null;
  const to = options.until ?? range?.last ?? null;
  if (from === null || to === null) return { by: options.by, from, to, points: [] };

  // Only the caller's own dates filter in SQL: a range that covers all data would make SQLite walk the
  // created_at index row by row, slower than the plain scan; periods outside from..to are dropped below.
  const scoped = scopeSql(options);
  const all = scopeSql({ since: options.since ?? null, until: options.until ?? null, timeZone: options.timeZone ?? null });
  const daySql = localDaySql(db, 'd.created_at', options.timeZone);
  const byDay = (where: string, params: Record<string, string>) =>
    db
      .prepare(
        `SELECT ${daySql} AS day, count(*) AS n,
           sum(a.sentiment_label = 'negative') AS negative, sum(a.sentiment_score) AS score_sum
         FROM documents d JOIN analyses a ON a.doc_id = d.id
         WHERE d.created_at IS NOT NULL${where}
         GROUP BY day`,
      )
      .all(params) as DayRow[];

  const points = new Map<string, TrendPoint & { scoreSum: number }>();
  for (const period of periodSeries(from, to, options.by)) {
    points.set(period, {
      period,
      documents: 0,
      allDocuments: 0,
      share: 0,
      negative: 0,
      shareNegative: null,
      meanSentiment: null,
      scoreSum: 0,
    });
  }
  for (const r of byDay(all.where, all.params)) {
    const p = points.get(periodOf(r.day, options.by));
    if (p) p.allDocuments += r.n;
  }
  for (const r of byDay(scoped.where, scoped.params)) {
    const p = points.get(periodOf(r.day, options.by));
    if (!p) continue;
    p.documents += r.n;
    p.negative += r.negative;
    p.scoreSum += r.score_sum;
  }
  return {
    by: options.by,
    from,
    to,
    points: [...points.values()].map(({ scoreSum, ...p }) => ({
      ...p,
      share: p.allDocuments === 0 ? 0 : p.documents / p.allDocuments,
      shareNegative: p.documents === 0 ? null : p.negative / p.documents,
      meanSentiment: p.documents === 0 ? null : scoreSum / p.documents,
    })),
  };
}
