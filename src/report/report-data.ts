import type { Db } from '../store/open-store.js';
import { runNamedQuery } from '../store/named-queries.js';
import { computeCxMetrics, computeThemeImpact, type CxMetrics, type ThemeImpact } from '../insights/cx-metrics.js';
import { dataDayRange, scopeSql } from '../insights/document-scope.js';
import { findEmerging, type EmergingResult } from '../insights/emerging.js';
import { countFollowups, listFollowups, type Followup } from '../insights/followups.js';
import { computeJourneySentiment, type JourneySentiment } from '../insights/journey.js';
import { themeQuotes, type Quote } from '../insights/theme-quotes.js';
import { periodOf, periodSeries } from '../insights/periods.js';
import type { ReportLang } from './ui-strings.js';

export interface ReportOptions {
  lang?: ReportLang;
  /** First and last day covered (default: the data's first and last day). */
  since?: string | null;
  until?: string | null;
  /** Emerging-issue options; "now" defaults to `until`, else the latest day in the data. */
  emergingWindowDays?: number;
  emergingBaselineDays?: number;
  /** ISO timestamp printed as the generation time and used to age follow-ups (default: now). */
  generatedAt?: string;
  title?: string;
  /** Themes in the top-themes table (default 10). */
  topThemes?: number;
  /** Follow-ups listed (default 10; the count covers all). */
  followupsShown?: number;
}

export interface ThemeRow {
  id: string;
  label: string;
  documents: number;
  /** documents / all documents in the period. */
  share: number;
  shareNegative: number;
  weeks: string[];
  weekly: number[];
  impact: ThemeImpact | null;
  quotes: Quote[];
}

export interface FeatureRequestRow {
  themeId: string;
  label: string;
  requests: number;
  documents: number;
  shareRequests: number;
  quotes: Quote[];
}

export interface EmergingTrend {
  weeks: string[];
  /** Weekly documents of each emerging theme over baseline + window, by theme id. */
  counts: Map<string, number[]>;
}

export interface ReportData {
  lang: ReportLang;
  title: string | null;
  generatedAt: string;
  from: string | null;
  to: string | null;
  documents: number;
  negative: number;
  metrics: CxMetrics;
  activeThemes: number;
  followupCounts: { open: number; done: number };
  themes: ThemeRow[];
  /** Themes ranked by NPS impact (points gained if their detractors were passives), top 5 with any detractor. */
  npsImpact: ThemeImpact[];
  emerging: EmergingResult;
  emergingTrend: EmergingTrend;
  featureRequests: FeatureRequestRow[];
  stages: JourneySentiment;
  touchpoints: JourneySentiment;
  followups: Followup[];
}

/** Everything the report shows, computed from the database; rendering is a pure function of this. */
export function collectReportData(db: Db, options: ReportOptions = {}): ReportData {
  const range = dataDayRange(db);
  const from = options.since ?? range?.first ?? null;
  const to = options.until ?? range?.last ?? null;
  // Dates filter in SQL only when the caller gave them (a whole-data range would only slow SQLite down).
  const scope = { since: options.since ?? null, until: options.until ?? null };
  const s = scopeSql(scope);
  const generatedAt = options.generatedAt ?? new Date().toISOString();

  const totals = db
    .prepare(
      `SELECT count(*) AS n, coalesce(sum(a.sentiment_label = 'negative'), 0) AS negative
       FROM documents d JOIN analyses a ON a.doc_id = d.id WHERE 1 = 1${s.where}`,
    )
    .get(s.params) as { n: number; negative: number };
  const ratings = db
    .prepare(
      `SELECT r.score AS rating, r.scale AS scale FROM document_ratings r JOIN documents d ON d.id = r.doc_id
       LEFT JOIN analyses a ON a.doc_id = d.id WHERE 1 = 1${s.where}`,
    )
    .all(s.params) as { rating: number; scale: string }[];

  const impactRanking = computeThemeImpact(db, 'nps', scope);
  const impacts = new Map(impactRanking.map((i) => [i.themeId, i]));
  const themeRows = db
    .prepare(
      `SELECT t.id, t.label, count(*) AS documents, avg(a.sentiment_label = 'negative') AS share_negative
       FROM themes t
       JOIN document_themes dt ON dt.theme_id = t.id AND dt.rank = 0
       JOIN documents d ON d.id = dt.doc_id
       JOIN analyses a ON a.doc_id = d.id
       WHERE t.status = 'active'${s.where}
       GROUP BY t.id ORDER BY documents DESC, t.id LIMIT @limit`,
    )
    .all({ ...s.params, limit: options.topThemes ?? 10 }) as { id: string; label: string; documents: number; share_negative: number }[];
  const weekly = weeklyThemeCounts(db, themeRows.map((t) => t.id), from, to, scope);
  const themes: ThemeRow[] = themeRows.map((t) => {
    return {
      id: t.id,
      label: t.label,
      documents: t.documents,
      share: totals.n === 0 ? 0 : t.documents / totals.n,
      shareNegative: t.share_negative,
      weeks: weekly.weeks,
      weekly: weekly.counts.get(t.id) ?? weekly.weeks.map(() => 0),
      impact: impacts.get(t.id) ?? null,
      quotes: themeQuotes(db, t.id, { limit: 2, since: from, until: to, preferSentiment: 'negative' }),
    };
  });

  const featureRequests: FeatureRequestRow[] = runNamedQuery(db, 'feature-requests', {
    since: from ?? '0000-01-01',
    until: to ?? '9999-12-31',
    min_count: 1,
    limit: 8,
  }).rows.map((r) => ({
    themeId: r.theme_id as string,
    label: r.theme_label as string,
    requests: r.requests as number,
    documents: r.documents as number,
    shareRequests: r.share_requests as number,
    quotes: themeQuotes(db, r.theme_id as string, { limit: 2, since: from, until: to, preferKind: 'feature_request' }).filter(
      (q) => q.kind === 'feature_request',
    ),
  }));

  const followupRange = scope;
  const emerging = findEmerging(db, {
    asOf: to,
    ...(options.emergingWindowDays ? { windowDays: options.emergingWindowDays } : {}),
    ...(options.emergingBaselineDays ? { baselineDays: options.emergingBaselineDays } : {}),
  });

  return {
    lang: options.lang ?? 'ja',
    title: options.title ?? null,
    generatedAt,
    from,
    to,
    documents: totals.n,
    negative: totals.negative,
    metrics: computeCxMetrics(ratings),
    activeThemes: (db.prepare(`SELECT count(*) AS n FROM themes WHERE status = 'active'`).get() as { n: number }).n,
    followupCounts: countFollowups(db, followupRange),
    themes,
    npsImpact: impactRanking.filter((i) => i.unhappy > 0).slice(0, 5),
    emerging,
    emergingTrend: weeklyThemeCounts(
      db,
      emerging.emerging.map((t) => t.themeId),
      emerging.baseline?.from ?? null,
      emerging.window?.to ?? null,
      { since: emerging.baseline?.from ?? null, until: emerging.window?.to ?? null },
    ),
    featureRequests,
    stages: computeJourneySentiment(db, 'stage', scope),
    touchpoints: computeJourneySentiment(db, 'touchpoint', scope),
    followups: listFollowups(db, {
      status: 'open',
      asOf: generatedAt.slice(0, 10),
      ...followupRange,
      limit: options.followupsShown ?? 10,
    }),
  };
}

/** Weekly document counts of several themes in one pass, over the last 52 ISO weeks of the range at most. */
function weeklyThemeCounts(
  db: Db,
  themeIds: readonly string[],
  from: string | null,
  to: string | null,
  filter: { since: string | null; until: string | null },
): { weeks: string[]; counts: Map<string, number[]> } {
  if (from === null || to === null || themeIds.length === 0) return { weeks: [], counts: new Map() };
  const weeks = periodSeries(from, to, 'week').slice(-52);
  const index = new Map(weeks.map((w, i) => [w, i]));
  const counts = new Map(themeIds.map((id) => [id, weeks.map(() => 0)]));
  const s = scopeSql(filter);
  const rows = db
    .prepare(
      `SELECT dt.theme_id AS theme, substr(d.created_at, 1, 10) AS day, count(*) AS n
       FROM document_themes dt JOIN documents d ON d.id = dt.doc_id
       WHERE dt.rank = 0 AND dt.theme_id IN (SELECT value FROM json_each(@ids))${s.where}
       GROUP BY theme, day`,
    )
    .all({ ...s.params, ids: JSON.stringify(themeIds) }) as { theme: string; day: string; n: number }[];
  for (const r of rows) {
    const i = index.get(periodOf(r.day, 'week'));
    const series = counts.get(r.theme);
    if (i !== undefined && series) series[i] = (series[i] ?? 0) + r.n;
  }
  return { weeks, counts };
}
