// An emerging issue inside a steady theme gets a theme of its own. Discovery groups documents by what they say, so
// "the app crashes at checkout since the update" and "the app crashes at launch" share most of their words and land
// in one crash theme, although one surged in the last week and the other has run at the same pace for months. Left
// so, `koe emerging` flags the union and quotes it, and the surge is diluted in a theme that has always been there.
//
// After discovery, each theme that emerges by `koe emerging`'s own test (its documents in the last week against the
// eight weeks before, relative to all feedback; exact binomial, Benjamini–Hochberg over the themes) is cut in two by
// spherical 2-means started from its window documents against its older ones. The part holding the surge leaves as
// a theme of its own when
//   - it emerges on its own (the same test, with the same least count and ratio) and what stays does not,
//   - its documents fall in the window at least `minRatio` times as often as the other part's, and significantly so
//     (one-sided Fisher exact test over the theme's dated documents), and
//   - each part keeps at least `minSize` documents and `minPartShare` of the theme.
// A theme that surges as a whole comes apart into two halves that both surge, and stays whole; a theme whose surge
// is not tied to a wording stays whole because 2-means then does not follow the dates. The part is cut again while
// it can be (narrowestEmergingPart), so that a small surge in a broad theme leaves without the older members it
// first took along. Days are UTC days.
import { benjaminiHochberg, binomialUpperTail, hypergeometricUpperTail } from '../significance.js';
import type { Clusters } from './discover-clusters.js';
import type { ThemeDoc } from './theme-types.js';
import { centroidOf, dot } from './vector-math.js';

export interface EmergingSplitOptions {
  /** Recent window in days, ending on the latest day in the data (as koe emerging). */
  windowDays: number;
  /** Baseline just before the window, in days. */
  baselineDays: number;
  /** Least window documents for a theme, and for its part, to emerge. */
  minCount: number;
  /** False discovery rate over the themes, and the level of each part's tests. */
  alpha: number;
  /** Least window / expected ratio (the theme's and the part's), and least ratio of the two parts' window shares. */
  minRatio: number;
  /** Least documents each part keeps (the step's least theme size). */
  minSize: number;
  /** Least share of the theme each part keeps. */
  minPartShare: number;
}

/** Also koe emerging's defaults (insights/emerging.ts): what the split sets apart is what koe emerging would flag. */
export const EMERGING_SPLIT_DEFAULTS: Omit<EmergingSplitOptions, 'minSize'> = {
  windowDays: 7,
  baselineDays: 56,
  minCount: 5,
  alpha: 0.05,
  minRatio: 1.5,
  minPartShare: 0.1,
};

const DAY_MS = 86_400_000;
const TWO_MEANS_PASSES = 20;

/** The UTC day number (days since 1970-01-01) of an ISO 8601 time, NaN when it is missing or unreadable. */
export function dayNumber(iso: string | null | undefined): number {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) ? Math.floor(ms / DAY_MS) : NaN;
}

/** A day number as the UTC day YYYY-MM-DD (which sorts before any created_at of that day). */
export function dayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Each document's UTC day number, NaN when its date is unknown. */
export function documentDays(docs: readonly Pick<ThemeDoc, 'createdAt'>[]): Float64Array {
  return Float64Array.from(docs, (d) => dayNumber(d.createdAt));
}

export interface EmergingPart {
  /** Index of the group it leaves. */
  group: number;
  /** Its rows (into the vectors matrix), ascending. */
  rows: number[];
  /** Window and baseline documents of the part and of what stays. */
  part: PeriodCounts;
  rest: PeriodCounts;
}

/** The window and baseline of a theme step, as day numbers, and how all feedback fell in them. */
export interface EmergingPeriods {
  windowFrom: number;
  baselineFrom: number;
  /** Share of all dated feedback in the window + baseline that falls in the window. */
  p0: number;
  /** All feedback in the window over all feedback in the baseline. */
  volumeRatio: number;
}

/** First day of the window and of the baseline, the window ending on `lastDay`. */
export function periodBounds(lastDay: number, options: Pick<EmergingSplitOptions, 'windowDays' | 'baselineDays'>): { windowFrom: number; baselineFrom: number } {
  const windowFrom = lastDay - options.windowDays + 1;
  return { windowFrom, baselineFrom: windowFrom - options.baselineDays };
}

/** The periods from the count of all feedback in each; null when either is empty (nothing to compare). */
export function periodsFromCounts(lastDay: number, window: number, baseline: number, options: EmergingSplitOptions): EmergingPeriods | null {
  if (window === 0 || baseline === 0) return null;
  return { ...periodBounds(lastDay, options), p0: window / (window + baseline), volumeRatio: window / baseline };
}

/** The periods of all documents' days (NaN: undated), the window ending on the latest day. */
export function emergingPeriods(days: Float64Array, options: EmergingSplitOptions): EmergingPeriods | null {
  let last = -Infinity;
  for (const d of days) if (d > last) last = d;
  if (!Number.isFinite(last)) return null;
  const { windowFrom, baselineFrom } = periodBounds(last, options);
  let window = 0;
  let baseline = 0;
  for (const d of days) {
    if (d >= windowFrom) window++;
    else if (d >= baselineFrom) baseline++;
  }
  return periodsFromCounts(last, window, baseline, options);
}

export interface PeriodCounts {
  window: number;
  baseline: number;
}

function countPeriods(rows: readonly number[], days: Float64Array, periods: EmergingPeriods): PeriodCounts {
  let window = 0;
  let baseline = 0;
  for (const r of rows) {
    const d = days[r]!;
    if (d >= periods.windowFrom) window++;
    else if (d >= periods.baselineFrom) baseline++;
  }
  return { window, baseline };
}

/** koe emerging's criteria given a p-value (or q-value): enough window documents, significant, and a real rise. */
function emerges(c: PeriodCounts, p: number, periods: EmergingPeriods, options: EmergingSplitOptions): boolean {
  const expected = c.baseline * periods.volumeRatio;
  return c.window >= options.minCount && p <= options.alpha && (expected === 0 || c.window / expected >= options.minRatio);
}

/**
 * Spherical 2-means over `rows`, started from the window documents (0) against the rest (1); the assignment per row
 * once no document moves (or after TWO_MEANS_PASSES), or null when a side empties.
 */
function twoMeansFromWindow(m: Float32Array, dim: number, rows: readonly number[], inWindow: (r: number) => boolean): Uint8Array | null {
  const side = Uint8Array.from(rows, (r) => (inWindow(r) ? 0 : 1));
  const centres = new Float32Array(2 * dim);
  for (let pass = 0; pass < TWO_MEANS_PASSES; pass++) {
    centres.fill(0);
    const counts = [0, 0];
    rows.forEach((r, i) => {
      const o = side[i]! * dim;
      counts[side[i]!]!++;
      for (let j = 0; j < dim; j++) centres[o + j]! += m[r * dim + j]!;
    });
    if (counts[0] === 0 || counts[1] === 0) return null;
    for (let c = 0; c < 2; c++) {
      let norm = 0;
      for (let j = 0; j < dim; j++) norm += centres[c * dim + j]! ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let j = 0; j < dim; j++) centres[c * dim + j]! /= norm;
    }
    let moved = 0;
    rows.forEach((r, i) => {
      const s = dot(m, r * dim, centres, 0, dim) >= dot(m, r * dim, centres, dim, dim) ? 0 : 1;
      if (s !== side[i]) {
        side[i] = s;
        moved++;
      }
    });
    if (moved === 0) break;
  }
  return side;
}

/**
 * Which groups emerge by koe emerging's test, given each group's documents in the window and the baseline:
 * one-sided exact binomial against all feedback's share, Benjamini–Hochberg over the groups with any.
 */
export function emergingGroups(counts: readonly PeriodCounts[], periods: EmergingPeriods, options: EmergingSplitOptions): boolean[] {
  const tested = counts.map((_, g) => g).filter((g) => counts[g]!.window + counts[g]!.baseline > 0);
  const q = benjaminiHochberg(tested.map((g) => binomialUpperTail(counts[g]!.window, counts[g]!.window + counts[g]!.baseline, periods.p0)));
  const out = counts.map(() => false);
  tested.forEach((g, i) => (out[g] = emerges(counts[g]!, q[i]!, periods, options)));
  return out;
}

/**
 * The part of one emerging group (rows of `m`, unit vectors; `days` per row) that holds its surge, by the rules at
 * the top of this file, or null when the group stays whole.
 */
function emergingPart(
  rows: readonly number[],
  m: Float32Array,
  dim: number,
  days: Float64Array,
  periods: EmergingPeriods,
  options: EmergingSplitOptions,
): Omit<EmergingPart, 'group'> | null {
  const inWindow = (r: number): boolean => days[r]! >= periods.windowFrom;
  const side = twoMeansFromWindow(m, dim, rows, inWindow);
  if (!side) return null;
  const parts: number[][] = [[], []];
  rows.forEach((r, k) => parts[side[k]!]!.push(r));
  // The surging part: the one whose dated documents fall in the window more often.
  const dated = parts.map((p) => p.filter((r) => !Number.isNaN(days[r]!)));
  const inWin = dated.map((p) => p.filter(inWindow).length);
  const share = dated.map((p, k) => (p.length === 0 ? 0 : inWin[k]! / p.length));
  const a = share[0]! >= share[1]! ? 0 : 1;
  const b = 1 - a;
  const least = Math.max(options.minSize, Math.ceil(options.minPartShare * rows.length));
  if (parts[a]!.length < least || parts[b]!.length < least) return null;
  const emergesAlone = (c: PeriodCounts): boolean => emerges(c, binomialUpperTail(c.window, c.window + c.baseline, periods.p0), periods, options);
  const partCounts = countPeriods(parts[a]!, days, periods);
  if (!emergesAlone(partCounts)) return null;
  // What stays must not surge: else the cut runs through the surge rather than around it.
  const restCounts = countPeriods(parts[b]!, days, periods);
  if (emergesAlone(restCounts)) return null;
  if (share[a]! < options.minRatio * share[b]!) return null;
  const fisher = hypergeometricUpperTail(inWin[a]!, dated[a]!.length + dated[b]!.length, inWin[a]! + inWin[b]!, dated[a]!.length);
  if (fisher > options.alpha) return null;
  return { rows: parts[a]!.sort((x, y) => x - y), part: partCounts, rest: restCounts };
}

/** How many times a part is cut again (see narrowestEmergingPart). */
const MAX_NARROWING = 4;

/**
 * The part of an emerging group that holds its surge, cut again while it can be: a surge that joined a broad theme
 * (a few hundred reports of a new crash in a theme of thousands) first takes with it the older members nearest to
 * it, which do not surge; cut again, the part leaves them behind. They stay with the group: only the narrowest part
 * that still holds the surge leaves. Null when the group stays whole.
 */
export function narrowestEmergingPart(
  rows: readonly number[],
  m: Float32Array,
  dim: number,
  days: Float64Array,
  periods: EmergingPeriods,
  options: EmergingSplitOptions,
): Omit<EmergingPart, 'group'> | null {
  let part = emergingPart(rows, m, dim, days, periods, options);
  for (let k = 0; part && k < MAX_NARROWING; k++) {
    const narrower = emergingPart(part.rows, m, dim, days, periods, options);
    if (!narrower) break;
    part = narrower;
  }
  if (!part) return null;
  const leaving = new Set(part.rows);
  return { ...part, rest: countPeriods(rows.filter((r) => !leaving.has(r)), days, periods) };
}

/**
 * The emerging parts to set apart from `groups` (themes or clusters as rows of `m`, unit vectors; `days` per row from
 * documentDays), the periods taken from all rows. `skip(g)`: groups never to cut (a theme a person merged). At most
 * one part per group.
 */
export function findEmergingParts(
  groups: readonly (readonly number[])[],
  m: Float32Array,
  dim: number,
  days: Float64Array,
  options: EmergingSplitOptions,
  skip: (group: number) => boolean = () => false,
): EmergingPart[] {
  const periods = emergingPeriods(days, options);
  if (!periods) return [];
  const emerging = emergingGroups(groups.map((g) => countPeriods(g, days, periods)), periods, options);
  const out: EmergingPart[] = [];
  groups.forEach((rows, g) => {
    if (!emerging[g] || skip(g)) return;
    const part = narrowestEmergingPart(rows, m, dim, days, periods, options);
    if (part) out.push({ group: g, ...part });
  });
  return out;
}

/**
 * Discovery's clusters with each emerging part set apart as a cluster of its own, after the others (with its centre
 * and its parent's stance; the parent's centre recomputed). Rows as in `clusters`.
 */
export function splitEmergingClusters(
  clusters: Clusters,
  m: Float32Array,
  dim: number,
  days: Float64Array,
  options: EmergingSplitOptions,
  skip: (cluster: number) => boolean = () => false,
): Clusters {
  const parts = findEmergingParts(clusters.members, m, dim, days, options, skip);
  if (parts.length === 0) return clusters;
  const members = clusters.members.map((g) => g.slice());
  const centroids = clusters.centroids.slice();
  const stances = clusters.stances?.slice();
  for (const part of parts) {
    const leaving = new Set(part.rows);
    members[part.group] = members[part.group]!.filter((r) => !leaving.has(r));
    centroids[part.group] = centroidOf(m, dim, members[part.group]!);
    members.push(part.rows);
    centroids.push(centroidOf(m, dim, part.rows));
    stances?.push(stances[part.group]!);
  }
  return { ...clusters, members, centroids, ...(stances ? { stances } : {}) };
}
