import type { Db } from '../store/open-store.js';
import { runNamedQuery } from '../store/named-queries.js';
import { computeCxMetrics, computeThemeImpact, type CxMetrics, type ThemeImpact } from '../insights/cx-metrics.js';
import { dataDayRange, scopeSql } from '../insights/document-scope.js';
import { findEmerging, type EmergingResult } from '../insights/emerging.js';
import { countFollowups, listFollowups, type Followup } from '../insights/followups.js';
import { computeJourneySentiment, type JourneySentiment } from '../insights/journey.js';
import { themeQuotes, type Quote } from '../insights/theme-quotes.js';
import { addDays, daysBetween, periodOf, periodSeries } from '../insights/periods.js';
import { compareThemePeriods, MAX_PERIOD_DAYS } from '../insights/period-comparison.js';
import { localDaySql } from '../time-zone.js';
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
  /** IANA time zone of the days and weeks (default UTC). */
  timeZone?: string | null;
  /** Fewest NPS ratings behind an impact figure; themes with fewer show none (default 10). */
  minRatings?: number;
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
  /** Documents against the theme's own baseline (the same-length periods before): count − baseline average. */
  change: number;
  baselineAverage: number;
  /** NPS impact, null below `minRatings` NPS ratings (then `ratings` says how many there were). */
  impact: ThemeImpact | null;
  ratings: number;
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
  /** The first day with feedback when, no since given, the report covers only the last ten years of it; else null. */
  dataFrom: string | null;
  documents: number;
  negative: number;
  metrics: CxMetrics;
  activeThemes: number;
  followupCounts: { open: number; done: number };
  /** Every theme with feedback in the period, ranked by change against its own baseline; the first `topThemes` open. */
  themes: ThemeRow[];
  topThemes: number;
  minRatings: number;
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
  const timeZone = options.timeZone ?? null;
  const range = dataDayRange(db, timeZone);
  const to = options.until ?? range?.last ?? null;
  // All the feedback by default, but at most the last ten years (the longest period themes are compared over).
  const first = options.since ?? range?.first ?? null;
  const capped = !options.since && first !== null && to !== null && daysBetween(first, to) > MAX_PERIOD_DAYS;
  const from = capped ? addDays(to, -MAX_PERIOD_DAYS) : first;
  // Dates filter in SQL only when the caller or the cap gave them (a whole-data range would only slow SQLite down).
  const scope = { since: options.since ?? (capped ? from : null), until: options.until ?? null, timeZone };
  const s = scopeSql(scope);
  const generatedAt = options.generatedAt ?? new Date().toISOString();
  const minRatings = options.minRatings ?? 10;
  const topThemes = options.topThemes ?? 10;

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
  // Ranked by change against each theme's own baseline (the same-length periods before), every theme listed.
  const compared = from && to ? compareThemePeriods(db, { since: from, until: to, timeZone, minRatings }).themes.filter((t) => t.count > 0) : [];
  const weekly = weeklyThemeCounts(db, compared.map((t) => t.themeId), from, to, scope);
  const themes: ThemeRow[] = compared.map((t, i) => {
    const impact = impacts.get(t.themeId) ?? null;
    return {
      id: t.themeId,
      label: t.label,
      documents: t.count,
      share: totals.n === 0 ? 0 : t.count / totals.n,
      shareNegative: t.shareNegative ?? 0,
      weeks: weekly.weeks,
      weekly: weekly.counts.get(t.themeId) ?? weekly.weeks.map(() => 0),
      change: t.change,
      baselineAverage: t.baselineAverage,
      impact: impact && impact.responses >= minRatings ? impact : null,
      ratings: impact?.responses ?? 0,
      quotes: i < topThemes ? themeQuotes(db, t.themeId, { limit: 2, since: from, until: to, timeZone, preferSentiment: 'negative' }) : [],
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
    timeZone,
    ...(options.emergingWindowDays ? { windowDays: options.emergingWindowDays } : {}),
    ...(options.emergingBaselineDays ? { baselineDays: options.emergingBaselineDays } : {}),
  });

  return {
    lang: options.lang ?? 'ja',
    title: options.title ?? null,
    generatedAt,
    from,
    to,
    dataFrom: capped ? first : null,
    documents: totals.n,
    negative: totals.negative,
    metrics: computeCxMetrics(ratings),
    activeThemes: (db.prepare(`SELECT count(*) AS n FROM themes WHERE status = 'active'`).get() as { n: number }).n,
    followupCounts: countFollowups(db, followupRange),
    themes,
    topThemes,
    minRatings,
    npsImpact: impactRanking.filter((i) => i.unhappy > 0 && i.responses >= minRatings).slice(0, 5),
    emerging,
    emergingTrend: weeklyThemeCounts(
      db,
      emerging.emerging.map((t) => t.themeId),
      emerging.baseline?.from ?? null,
      emerging.window?.to ?? null,
      { since: emerging.baseline?.from ?? null, until: emerging.window?.to ?? null, timeZone },
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
  filter: { since: string | null; until: string | null; timeZone: string | null },
): { weeks: string[]; counts: Map<string, number[]> } {
  if (from === null || to === null || themeIds.length === 0) return { weeks: [], counts: new Map() };
  const weeks = periodSeries(from, to, 'week').slice(-52);
  const index = new Map(weeks.map((w, i) => [w, i]));
  const counts = new Map(themeIds.map((id) => [id, weeks.map(() => 0)]));
  const s = scopeSql(filter);
  const ids = JSON.stringify(themeIds);
  // From the period's documents (the created_at index) when they are far fewer than the themes' members, else from
  // the themes (CROSS JOIN keeps the order). A row read by date costs about seven read by theme (at a million: a
  // week 0.3 s by date, 1.8 s by theme; the whole range 14.9 s by date, 2.2 s by theme).
  const inPeriod = db.prepare(`SELECT count(*) FROM documents d WHERE 1 = 1${s.where}`).pluck().get(s.params) as number;
  const members = db.prepare("SELECT coalesce(sum(size), 0) FROM themes WHERE id IN (SELECT value FROM json_each(?))").pluck().get(ids) as number;
  const joins = inPeriod * 7 < members ? 'documents d CROSS JOIN document_themes dt ON dt.doc_id = d.id' : 'document_themes dt JOIN documents d ON d.id = dt.doc_id';
  const rows = db
    .prepare(
      `SELECT dt.theme_id AS theme, ${localDaySql(db, 'd.created_at', filter.timeZone)} AS day, count(*) AS n
       FROM ${joins}
       WHERE dt.rank = 0 AND dt.theme_id IN (SELECT value FROM json_each(@ids))${s.where}
       GROUP BY theme, day`,
    )
    .all({ ...s.params, ids }) as { theme: string; day: string; n: number }[];
  for (const r of rows) {
    const i = index.get(periodOf(r.day, 'week'));
    const series = counts.get(r.theme);
    if (i !== undefined && series) series[i] = (series[i] ?? 0) + r.n;
  }
  return { weeks, counts };
}
