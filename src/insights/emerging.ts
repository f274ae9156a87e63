import type { Db } from '../store/open-store.js';
import { dataDayRange } from './document-scope.js';
import { addDays } from './periods.js';
import { dayBound, localDaySql } from '../time-zone.js';
import { benjaminiHochberg, binomialUpperTail } from '../significance.js';
import { themeQuotes, type Quote } from './theme-quotes.js';
import { EMERGING_SPLIT_DEFAULTS } from '../themes/emerging-split.js';

export interface EmergingOptions {
  /** Recent window, in days (default 7). */
  windowDays?: number;
  /** Baseline just before the window, in days (default 56 = 8 weeks). */
  baselineDays?: number;
  /** Least documents in the window for a theme to emerge (default 5): nothing emerges from a handful. */
  minCount?: number;
  /** False discovery rate over all themes tested (default 0.05). */
  alpha?: number;
  /** Least window / expected ratio (default 1.5): a large theme a few percent up is not news. */
  minRatio?: number;
  /** Last day of the window (YYYY-MM-DD); default the latest day in the data, since batch data is historic. */
  asOf?: string | null;
  /** Example quotes per theme (default 2). */
  quotes?: number;
  /** IANA time zone the days are read in (default UTC). */
  timeZone?: string | null;
}

export interface DayWindow {
  from: string;
  to: string;
  /** All documents in the window, whatever their theme: the exposure. */
  documents: number;
}

export interface ThemeTest {
  themeId: string;
  label: string;
  windowCount: number;
  baselineCount: number;
  /** Window documents expected at the baseline share: baselineCount × window documents / baseline documents. */
  expected: number;
  /** windowCount / expected; null when the theme had no baseline documents. */
  ratio: number | null;
  /** One-sided exact p-value (see EMERGING_TEST). */
  pValue: number;
  /** Benjamini–Hochberg adjusted p-value over all themes tested. */
  qValue: number;
  /** Share negative among the theme's window documents. */
  shareNegative: number | null;
  emerging: boolean;
}

export interface EmergingTheme extends ThemeTest {
  quotes: Quote[];
}

export interface NewTheme {
  themeId: string;
  label: string;
  runId: number;
  size: number;
  windowCount: number;
  quotes: Quote[];
}

export interface EmergingResult {
  asOf: string | null;
  window: DayWindow | null;
  baseline: DayWindow | null;
  options: Required<Omit<EmergingOptions, 'asOf' | 'timeZone'>>;
  /** How the test works, in one paragraph (printed by the CLI and the report). */
  test: string;
  /** Every theme tested, most significant first. */
  tested: ThemeTest[];
  /** Tested themes that pass all criteria, most significant first, with quotes. */
  emerging: EmergingTheme[];
  /** Themes that appeared in the latest run that changed themes (theme_changes 'appeared'); none on the first. */
  newThemes: NewTheme[];
}

export const EMERGING_TEST =
  'Exact conditional test of two Poisson rates: given a theme\'s documents in window + baseline (n), under "no ' +
  'change" its window count is Binomial(n, p0) with p0 = window volume / (window + baseline volume) of all ' +
  'feedback; p = P(X ≥ window count), one-sided. Benjamini–Hochberg over all themes tested. A theme emerges when ' +
  'q ≤ alpha, its window count ≥ the minimum and window/expected ≥ the minimum ratio.';

// The theme step sets emerging parts of themes apart by this same test (themes/emerging-split.ts): one set of numbers.
const { windowDays, baselineDays, minCount, alpha, minRatio } = EMERGING_SPLIT_DEFAULTS;
const DEFAULTS = { windowDays, baselineDays, minCount, alpha, minRatio, quotes: 2 };

interface CountRow {
  theme_id: string;
  label: string;
  in_window: number;
  in_baseline: number;
  negative_in_window: number;
}

/** Documents dated on days from..to (inclusive); plain ISO comparisons so the created_at index is used. */
function countDocs(db: Db, from: string, to: string, zone: string | null): number {
  return (
    db
      .prepare('SELECT count(*) AS n FROM documents WHERE created_at >= ? AND created_at < ?')
      .get(dayBound(from, zone), dayBound(addDays(to, 1), zone)) as { n: number }
  ).n;
}

/**
 * Themes whose volume in the recent window is significantly above their own baseline share, and themes new
 * since the last run. Counts are by primary theme; only active themes are tested.
 */
export function findEmerging(db: Db, options: EmergingOptions = {}): EmergingResult {
  const o = {
    windowDays: options.windowDays ?? DEFAULTS.windowDays,
    baselineDays: options.baselineDays ?? DEFAULTS.baselineDays,
    minCount: options.minCount ?? DEFAULTS.minCount,
    alpha: options.alpha ?? DEFAULTS.alpha,
    minRatio: options.minRatio ?? DEFAULTS.minRatio,
    quotes: options.quotes ?? DEFAULTS.quotes,
  };
  const zone = options.timeZone ?? null;
  const asOf = options.asOf ?? dataDayRange(db, zone)?.last ?? null;
  const newThemes = findNewThemes(db, asOf, o, zone);
  if (asOf === null) {
    return { asOf, window: null, baseline: null, options: o, test: EMERGING_TEST, tested: [], emerging: [], newThemes };
  }
  const wFrom = addDays(asOf, -(o.windowDays - 1));
  const bTo = addDays(wFrom, -1);
  const bFrom = addDays(bTo, -(o.baselineDays - 1));
  const window: DayWindow = { from: wFrom, to: asOf, documents: countDocs(db, wFrom, asOf, zone) };
  const baseline: DayWindow = { from: bFrom, to: bTo, documents: countDocs(db, bFrom, bTo, zone) };

  // The window and baseline's documents by their date index, then their themes (CROSS JOIN keeps that order: from
  // the themes, SQLite read every themed document of the database to keep the few in range; 2.2 s at a million).
  const rows = db
    .prepare(
      `SELECT t.id AS theme_id, t.label,
         sum(d.created_at >= @wFrom) AS in_window,
         sum(d.created_at < @wFrom) AS in_baseline,
         sum(d.created_at >= @wFrom AND a.sentiment_label = 'negative') AS negative_in_window
       FROM documents d
       CROSS JOIN document_themes dt ON dt.doc_id = d.id AND dt.rank = 0
       JOIN themes t ON t.id = dt.theme_id
       LEFT JOIN analyses a ON a.doc_id = d.id
       WHERE t.status = 'active' AND d.created_at >= @bFrom AND d.created_at < @end
       GROUP BY t.id`,
    )
    .all({ wFrom: dayBound(wFrom, zone), bFrom: dayBound(bFrom, zone), end: dayBound(addDays(asOf, 1), zone) }) as CountRow[];

  const total = window.documents + baseline.documents;
  // Without baseline feedback there is nothing to compare against: every p-value is 1.
  const p0 = total === 0 || baseline.documents === 0 ? 1 : window.documents / total;
  const pValues = rows.map((r) => binomialUpperTail(r.in_window, r.in_window + r.in_baseline, p0));
  const qValues = benjaminiHochberg(pValues);
  const tested: ThemeTest[] = rows.map((r, i) => {
    const expected = baseline.documents === 0 ? 0 : (r.in_baseline * window.documents) / baseline.documents;
    const ratio = expected > 0 ? r.in_window / expected : null;
    const qValue = qValues[i]!;
    return {
      themeId: r.theme_id,
      label: r.label,
      windowCount: r.in_window,
      baselineCount: r.in_baseline,
      expected,
      ratio,
      pValue: pValues[i]!,
      qValue,
      shareNegative: r.in_window === 0 ? null : r.negative_in_window / r.in_window,
      emerging:
        baseline.documents > 0 &&
        r.in_window >= o.minCount &&
        qValue <= o.alpha &&
        (ratio === null || ratio >= o.minRatio),
    };
  });
  tested.sort((a, b) => a.pValue - b.pValue || b.windowCount - a.windowCount || a.themeId.localeCompare(b.themeId));
  const emerging = tested
    .filter((t) => t.emerging)
    .map((t) => ({ ...t, quotes: themeQuotes(db, t.themeId, { limit: o.quotes, since: wFrom, until: asOf, timeZone: zone }) }));
  return { asOf, window, baseline, options: o, test: EMERGING_TEST, tested, emerging, newThemes };
}

/**
 * Active themes recorded as 'appeared' by the latest run that recorded any theme change. When no earlier run
 * recorded changes, that run discovered the themes for the first time: every theme "appeared", none is news.
 */
function findNewThemes(db: Db, asOf: string | null, o: { windowDays: number; quotes: number }, zone: string | null): NewTheme[] {
  const runs = db.prepare('SELECT max(run_id) AS latest, min(run_id) AS first FROM theme_changes').get() as {
    latest: number | null;
    first: number | null;
  };
  if (runs.latest === null || runs.latest === runs.first) return [];
  const wFrom = asOf === null ? null : addDays(asOf, -(o.windowDays - 1));
  const rows = db
    .prepare(
      `SELECT c.theme_id AS themeId, t.label, c.run_id AS runId,
         (SELECT count(*) FROM document_themes dt WHERE dt.theme_id = t.id AND dt.rank = 0) AS size,
         (SELECT count(*) FROM document_themes dt JOIN documents d ON d.id = dt.doc_id
            WHERE dt.theme_id = t.id AND dt.rank = 0
              AND ${localDaySql(db, 'd.created_at', zone)} BETWEEN @wFrom AND @asOf) AS windowCount
       FROM theme_changes c
       JOIN themes t ON t.id = c.theme_id AND t.status = 'active'
       WHERE c.change = 'appeared' AND c.run_id = (SELECT max(run_id) FROM theme_changes)
       ORDER BY size DESC, c.theme_id`,
    )
    .all({ wFrom, asOf }) as Omit<NewTheme, 'quotes'>[];
  return rows.map((r) => ({ ...r, quotes: themeQuotes(db, r.themeId, { limit: o.quotes }) }));
}
