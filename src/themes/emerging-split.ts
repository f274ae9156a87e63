// An emerging issue inside a steady theme gets a theme of its own. Discovery groups documents by what they say, so
// "the app crashes at checkout since the update" and "the app crashes at launch" share most of their words and land
// in one crash theme, although one surged in the last week and the other has run at the same pace for months. Left
// so, `koe emerging` flags the union and quotes it, and the surge is diluted in a theme that has always been there.
//
// After discovery, each theme that emerges by `koe emerging`'s own test (its documents in the last week against the
// eight weeks before, relative to all feedback; exact binomial, Benjamini–Hochberg over the themes) is cut in two
// along what its window documents say more than its older ones: its documents ordered by their projection on the
// difference of the two means (surgeScanner), the order cut where the two parts' window shares differ most
// (Kulldorff's scan statistic). The head holding the surge leaves as a theme of its own when
//   - it emerges on its own (the same test, with the same least count and ratio) and what stays does not,
//   - its documents fall in the window at least `minRatio` times as often as the other part's, and the scan beats
//     the same scan over the theme's dates shuffled (Monte Carlo p ≤ alpha), and
//   - each part keeps at least `minSize` documents and `minPartShare` of the theme.
// A theme that surges as a whole, or whose surge is not tied to a wording, stays whole: shuffled dates then find as
// good a cut. The part is cut again while it can be (narrowestEmergingPart), so that a small surge in a broad theme
// leaves without the older members it first took along. Days are UTC days.
//
// Until session 20 the cut was spherical 2-means started from the window documents against the older ones. It
// converges to the nearest content boundary, which need not be the surge's: on the sample at resolution 0.7 the
// crash theme (98 checkout crashes, 76 app crashes) came apart 55 / 135 with checkout crashes on both sides, and the
// split was refused; the scan cuts it 110 / 80 with all 98 in the head.
import { benjaminiHochberg, binomialUpperTail } from '../significance.js';
import { seededRandom } from '../seeded-random.js';
import { mergeNearDuplicates, type Clusters } from './discover-clusters.js';
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

/** Where a theme's document falls: in the window, dated before it, or undated. */
const IN_WINDOW = 0;
const OLDER = 1;
const UNDATED = 2;

/** The surge scan of one set of dates: the rows (local indices) in scan order, the head size cut, its statistic. */
interface SurgeScan {
  order: number[];
  cut: number;
  statistic: number;
}

/** x·ln(x/n) + (n−x)·ln(1−x/n): the Bernoulli log-likelihood of x window documents among n at their own rate. */
function bernoulliLogLikelihood(x: number, n: number): number {
  if (x <= 0 || x >= n) return 0;
  return x * Math.log(x / n) + (n - x) * Math.log(1 - x / n);
}

/**
 * The surge scan over `rows` (unit vectors of `m`), for any placing of their dates (so that shuffled dates can be
 * scanned the same way). The rows are ordered by how much more they resemble the window documents than the older
 * ones: the projection on the mean of the window rows minus the mean of the other dated rows, each row left out of
 * its own mean (left in, a window document leans toward the window by its own weight alone). The order is then cut
 * into a head that surges and a tail: the head size, each part at least `least` rows, at which the two parts' window
 * shares (of their dated rows) differ most by the likelihood ratio of two rates against one (Kulldorff's scan
 * statistic, one-sided: the head's share the higher). Cut 0 when no cut puts more of the window in the head.
 */
function surgeScanner(m: Float32Array, dim: number, rows: readonly number[], place: Uint8Array): (place: Uint8Array, least: number) => SurgeScan {
  const n = rows.length;
  // Which rows are dated does not change when dates are shuffled among them: each row's dot product with the sum of
  // all dated rows, and with itself, are computed once; a scan then needs only its dot product with the window's sum.
  const datedSum = new Float64Array(dim);
  rows.forEach((r, k) => {
    if (place[k] === UNDATED) return;
    for (let j = 0; j < dim; j++) datedSum[j]! += m[r * dim + j]!;
  });
  const toDated = new Float64Array(n);
  const self = new Float64Array(n);
  rows.forEach((r, k) => {
    let d = 0;
    let q = 0;
    for (let j = 0; j < dim; j++) {
      const v = m[r * dim + j]!;
      d += v * datedSum[j]!;
      q += v * v;
    }
    toDated[k] = d;
    self[k] = q;
  });
  const windowSum = new Float32Array(dim);
  const score = new Float64Array(n);
  return (placed, least) => {
    windowSum.fill(0);
    let nWindow = 0;
    let nOlder = 0;
    for (let k = 0; k < n; k++) {
      if (placed[k] === UNDATED) continue;
      if (placed[k] !== IN_WINDOW) {
        nOlder++;
        continue;
      }
      nWindow++;
      const o = rows[k]! * dim;
      for (let j = 0; j < dim; j++) windowSum[j]! += m[o + j]!;
    }
    for (let k = 0; k < n; k++) {
      let toWindow = dot(m, rows[k]! * dim, windowSum, 0, dim);
      let toOlder = toDated[k]! - toWindow;
      if (placed[k] === IN_WINDOW) toWindow -= self[k]!;
      if (placed[k] === OLDER) toOlder -= self[k]!;
      const ownWindow = nWindow - (placed[k] === IN_WINDOW ? 1 : 0);
      const ownOlder = nOlder - (placed[k] === OLDER ? 1 : 0);
      score[k] = (ownWindow > 0 ? toWindow / ownWindow : 0) - (ownOlder > 0 ? toOlder / ownOlder : 0);
    }
    const order = new Uint32Array(n);
    for (let k = 0; k < n; k++) order[k] = k;
    order.sort((a, b) => score[b]! - score[a]! || a - b);
    const dated = nWindow + nOlder;
    const whole = bernoulliLogLikelihood(nWindow, dated);
    let headDated = 0;
    let headWindow = 0;
    let statistic = 0;
    let cut = 0;
    for (let i = 0; i < n; i++) {
      const k = order[i]!;
      if (placed[k] !== UNDATED) headDated++;
      if (placed[k] === IN_WINDOW) headWindow++;
      const size = i + 1;
      if (size < least || n - size < least) continue;
      const tailDated = dated - headDated;
      const tailWindow = nWindow - headWindow;
      if (headDated === 0 || tailDated === 0 || headWindow * tailDated <= tailWindow * headDated) continue;
      const ratio = bernoulliLogLikelihood(headWindow, headDated) + bernoulliLogLikelihood(tailWindow, tailDated) - whole;
      if (ratio > statistic) {
        statistic = ratio;
        cut = size;
      }
    }
    return { order: Array.from(order), cut, statistic };
  };
}

/** How many shuffles of the dates the scan is measured against: the least p-value is 1 / (SCAN_SHUFFLES + 1). */
const SCAN_SHUFFLES = 99;
/** Fixed, so that the same documents give the same themes. */
const SCAN_SEED = 0x5eed;

/**
 * The Monte Carlo p-value of a scan's statistic (as Kulldorff's scan statistic is tested): the same scan with the
 * dates shuffled among the theme's dated rows, as often as it reaches the statistic found. A cut chosen as the best
 * of all cuts is always better than chance says for one cut, so the Fisher test of that one cut would find surges
 * in any theme that surges as a whole. Stops as soon as the p-value cannot fall to `alpha` (sequential Monte Carlo,
 * Besag and Clifford), so themes with no tied surge cost a few shuffles.
 */
function shuffledDatesPValue(scan: (place: Uint8Array, least: number) => SurgeScan, place: Uint8Array, least: number, statistic: number, alpha: number): number {
  const random = seededRandom(SCAN_SEED);
  const datedAt = [...place.keys()].filter((k) => place[k] !== UNDATED);
  const shuffled = place.slice();
  const enough = Math.ceil(alpha * (SCAN_SHUFFLES + 1));
  let reached = 0;
  for (let s = 0; s < SCAN_SHUFFLES; s++) {
    for (let i = datedAt.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const a = shuffled[datedAt[i]!]!;
      shuffled[datedAt[i]!] = shuffled[datedAt[j]!]!;
      shuffled[datedAt[j]!] = a;
    }
    if (scan(shuffled, least).statistic >= statistic) reached++;
    if (reached >= enough) return (reached + 1) / (s + 2);
  }
  return (reached + 1) / (SCAN_SHUFFLES + 1);
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
  const place = Uint8Array.from(rows, (r) => (Number.isNaN(days[r]!) ? UNDATED : days[r]! >= periods.windowFrom ? IN_WINDOW : OLDER));
  const least = Math.max(options.minSize, Math.ceil(options.minPartShare * rows.length));
  const scan = surgeScanner(m, dim, rows, place);
  const found = scan(place, least);
  if (found.cut === 0) return null;
  // The head surges (its dated documents fall in the window more often, by the cut); the tail stays.
  const head = found.order.slice(0, found.cut);
  const tail = found.order.slice(found.cut);
  const share = [head, tail].map((part) => {
    const dated = part.filter((k) => place[k] !== UNDATED).length;
    return dated === 0 ? 0 : part.filter((k) => place[k] === IN_WINDOW).length / dated;
  });
  const partRows = head.map((k) => rows[k]!).sort((x, y) => x - y);
  const emergesAlone = (c: PeriodCounts): boolean => emerges(c, binomialUpperTail(c.window, c.window + c.baseline, periods.p0), periods, options);
  const partCounts = countPeriods(partRows, days, periods);
  if (!emergesAlone(partCounts)) return null;
  // What stays must not surge: else the cut runs through the surge rather than around it.
  const restCounts = countPeriods(tail.map((k) => rows[k]!), days, periods);
  if (emergesAlone(restCounts)) return null;
  if (share[0]! < options.minRatio * share[1]!) return null;
  if (shuffledDatesPValue(scan, place, least, found.statistic, options.alpha) > options.alpha) return null;
  return { rows: partRows, part: partCounts, rest: restCounts };
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

/** Stance of a part whose parent theme has none (mixed): it joins only parts of the same. */
export const UNKNOWN_STANCE = -1;

/**
 * The emerging parts of one step grouped by discovery's near-duplicate rule (README rule 3: centres with a cosine of
 * at least `similarity`, one stance; mergeNearDuplicates), as indices into `parts`, each group to become one theme.
 * One surge can leave several themes at once: the reports of a new crash join, by their wording and language, the
 * existing themes nearest to each, and each of those sets its part apart. Parts that discovery would have kept as one
 * theme are one new theme. `parts` are disjoint rows of `m`; `stances[i]` is part i's (its parent's) stance.
 */
export function nearDuplicateParts(parts: readonly (readonly number[])[], m: Float32Array, dim: number, stances: readonly number[], similarity: number): number[][] {
  if (parts.length < 2) return parts.map((_, i) => [i]);
  const partOf = new Map<number, number>();
  parts.forEach((rows, i) => rows.forEach((r) => partOf.set(r, i)));
  const joined = mergeNearDuplicates(
    m,
    dim,
    { members: parts.map((p) => [...p]), centroids: parts.map((p) => centroidOf(m, dim, p)), unclustered: [], stances: [...stances] },
    similarity,
  );
  return joined.members.map((rows) => [...new Set(rows.map((r) => partOf.get(r)!))].sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
}

/**
 * Discovery's clusters with each emerging part set apart as a cluster of its own, after the others (with its centre
 * and its parent's stance; the parent's centre recomputed); parts about one thing (nearDuplicateParts, at
 * `mergeSimilarity`) as one cluster. Rows as in `clusters`.
 */
export function splitEmergingClusters(
  clusters: Clusters,
  m: Float32Array,
  dim: number,
  days: Float64Array,
  options: EmergingSplitOptions,
  mergeSimilarity: number,
  skip: (cluster: number) => boolean = () => false,
): Clusters {
  const parts = findEmergingParts(clusters.members, m, dim, days, options, skip);
  if (parts.length === 0) return clusters;
  const members = clusters.members.map((g) => g.slice());
  const centroids = clusters.centroids.slice();
  const stances = clusters.stances?.slice();
  const partStances = parts.map((p) => clusters.stances?.[p.group] ?? UNKNOWN_STANCE);
  for (const part of parts) {
    const leaving = new Set(part.rows);
    members[part.group] = members[part.group]!.filter((r) => !leaving.has(r));
    centroids[part.group] = centroidOf(m, dim, members[part.group]!);
  }
  for (const group of nearDuplicateParts(parts.map((p) => p.rows), m, dim, partStances, mergeSimilarity)) {
    const rows = group.flatMap((i) => parts[i]!.rows).sort((x, y) => x - y);
    members.push(rows);
    centroids.push(centroidOf(m, dim, rows));
    stances?.push(stances[parts[group[0]!]!.group]!);
  }
  return { ...clusters, members, centroids, ...(stances ? { stances } : {}) };
}
