// One theme update: incremental (keep every assignment, put new documents into existing themes when they fit,
// discover new themes among the rest) or rebuild (re-cluster everything, then give each new cluster the id of the
// old theme it overlaps). Curation is replayed after both, then summaries and categories are recomputed.
import { applyCuration } from './apply-curation.js';
import { assignSecondaryThemes } from './secondary-themes.js';
import { discoverClusters, discoverClustersSampled, nearest, type ClusterOptions, type Clusters } from './discover-clusters.js';
import { KIND_SPLIT_DEFAULTS, speechActsOf, splitClustersByKind, type KindSplitOptions } from './kind-split.js';
import { documentDays, EMERGING_SPLIT_DEFAULTS, findEmergingParts, nearDuplicateParts, splitEmergingClusters, UNKNOWN_STANCE, type EmergingSplitOptions } from './emerging-split.js';
import {
  categorizeThemes,
  cloneTheme,
  isLive,
  newTheme,
  nextThemeId,
  resolveTheme,
  summarizeThemes,
  type ThemeSet,
} from './theme-set.js';
import type { CurationAction, Theme, ThemeChange, ThemeDoc, ThemeOptions } from './theme-types.js';

export interface ResolvedThemeOptions {
  seed: number;
  neighbours: number;
  resolution: number;
  minThemeSize: number;
  assignThreshold: number;
  /** Most documents clustered at once; beyond, clusters come from a seeded sample and the rest are assigned. */
  clusterSample: number;
  mergeSimilarity: number;
  /** Edge-weight exponent of the similarity graph; from the graph itself when absent. */
  sharpening?: number;
  themes?: number;
  /** An emerging part of a steady theme becomes a theme of its own (emerging-split.ts); null turns it off. */
  emergingSplit: EmergingSplitOptions | null;
  /** Requests (or questions) unlike the problems they were clustered with become a theme of their own (kind-split.ts); null turns it off. */
  kindSplit: KindSplitOptions | null;
}

/**
 * Documents clustered at once (kNN graph + Louvain) before the sample-and-assign path takes over: 30,000 keeps a
 * theme step over a million documents to the cost of one over 30,000 plus a linear assignment pass.
 */
export const DEFAULT_CLUSTER_SAMPLE = 30_000;

/**
 * Near-duplicate themes are merged at this centre cosine (discover-clusters.ts, mergeNearDuplicates). Measured with
 * eval:themes: at 0.8 Banking77 keeps its AMI (0.614 vs 0.613 without) with 100 themes instead of 106; 0.7 costs
 * Banking77 0.003 and 0.5 costs 0.020 (intents such as "top up failed" / "top up pending" are close but distinct).
 */
export const MERGE_SIMILARITY = 0.8;

/**
 * Spherical k-means passes that polish Louvain's communities (each document moves to its nearest theme centre).
 * Measured with eval:themes: Banking77 AMI 0.614 → 0.615, livedoor 0.328 → 0.347 (long texts gain most).
 */
export const REFINE_ITERATIONS = 3;

/**
 * Stance of a document for clustering, from its feedback kind: praise (1) or anything else (0). Praise and complaints
 * about one thing share its words ("fast delivery" / "late delivery", 親切なサポート / サポートが遅い), so a graph over
 * words puts them in one theme; a support lead needs them apart. Only praise is set apart: requests and questions
 * about a problem belong with it (measured: setting requests apart split the sample's search and time-slot issues;
 * setting questions apart cost Banking77 0.022 AMI through koe run, where one intent is asked and complained about).
 */
export function stanceOfKind(kind: ThemeDoc['kind']): number {
  return kind === 'praise' ? PRAISE_STANCE : 0;
}
export const PRAISE_STANCE = 1;

/**
 * Praise themes are merged while modularity of the plain kNN graph at this resolution gains (discover-clusters.ts,
 * mergeConnectedClusters). Praise is coarse (customers praise delivery, staff or the app in a few generic words, in
 * two languages) and the sharpened graph cut it by wording and language; problems are left as found, because their
 * fine distinctions matter (the same merge over all themes cost Banking77 AMI 0.615 → 0.596 at 2, 0.609 at 5).
 * Since each stance's graph is cut at its own resolution (louvainByStance) the merge needs stronger ties than at
 * first: once the concept layer read Japanese praise of fast delivery as delivery speed, 2 still joined that praise
 * to the app praise (seeds 5–44: 14.1 planted issues of the sample in one theme), 3 joins only the app praise's
 * pieces (general satisfaction, the reorder button: 14.8; 4 gives 14.7, no merge 14.8 but praise-app in three
 * themes). Before that rule 2 was chosen over 1.5 and 3 (9.8
 * planted issues against 9.6 and 8.8 at seeds 42, 1–4).
 */
export const PRAISE_MERGE_RESOLUTION = 3;

/** The stance options of a theme step over `docs` (rows of the vectors in `docs` order). */
export function stanceOptions(docs: readonly Pick<ThemeDoc, 'kind'>[]): Pick<ClusterOptions, 'stance' | 'stanceMerge'> {
  return { stance: docs.map((d) => stanceOfKind(d.kind)), stanceMerge: { stance: PRAISE_STANCE, resolution: PRAISE_MERGE_RESOLUTION } };
}

/** The clustering settings a theme step's resolved options give (in-memory and streamed steps alike). */
export function clusterOptionsOf(options: ResolvedThemeOptions): ClusterOptions {
  return {
    seed: options.seed,
    neighbours: options.neighbours,
    resolution: options.resolution,
    minClusterSize: options.minThemeSize,
    assignThreshold: options.assignThreshold,
    mergeSimilarity: options.mergeSimilarity,
    refineIterations: REFINE_ITERATIONS,
    ...(options.sharpening !== undefined ? { sharpening: options.sharpening } : {}),
  };
}

/**
 * Louvain's resolution by corpus size. At a fixed resolution modularity finds about √(graph size) communities (its
 * resolution limit), so a corpus of 1,500 documents was cut about 2.5 times finer, per document, than one of 10,000:
 * the sample's planted issues came out in 45 pieces. Below REFERENCE_DOCS the resolution falls with √(n /
 * REFERENCE_DOCS), down to MIN_RESOLUTION; from REFERENCE_DOCS on it is BASE_RESOLUTION as before (Banking77,
 * 10,003 documents, and the 100k bench unchanged).
 *
 * MIN_RESOLUTION was 0.3, which cut small corpora into far fewer themes than they hold. Measured on subsets of the
 * labelled sets as dense as held-out ones (`eval-themes --per-group N --group-offset K`, AMI averaged over five starts),
 * old floor → 0.6 (session 19): livedoor (9 categories) at 270 articles 0.08 / 0.18 → 0.36 / 0.34 (1–2 themes → 3–4),
 * at 540 0.33 / 0.23 → 0.37 / 0.43, at 1,080 0.466 / 0.451 → 0.469 / 0.473; Banking77 at 1,001 questions (13 per
 * intent) 0.496 → 0.500. 0.6 → 0.7 (session 20, once the emerging split's scan no longer depended on how the
 * sample's crash theme came out): livedoor at 1,080 0.469 / 0.473 → 0.487 / 0.490, at 540 0.441 / 0.479 → 0.453 /
 * 0.474, its own 1,350 0.502 at seed 42 both (mean 0.507 → 0.503); Banking77 at 13 and 20 per intent (three starts)
 * 0.493 → 0.509 and 0.521 → 0.536; the sample 12 → 13 of 17 at seed 42, 12.9 both over seeds 5–24. At 0.8 livedoor
 * at 1,080 falls back (0.476 / 0.490) and Banking77 at 13 per intent too (0.501).
 */
const BASE_RESOLUTION = 1.5;
const REFERENCE_DOCS = 10_000;
const MIN_RESOLUTION = 0.7;
export function defaultResolution(docCount: number): number {
  if (docCount >= REFERENCE_DOCS) return BASE_RESOLUTION;
  return Math.max(MIN_RESOLUTION, BASE_RESOLUTION * Math.sqrt(Math.max(1, docCount) / REFERENCE_DOCS));
}

/**
 * Neighbours per document in the kNN graph, for corpora of 100 documents or more (fewer get a fifth of their count).
 * Measured with eval:themes (seed 42; mean of seeds 1–4), 15 → 20: Banking77 AMI 0.603 → 0.617 (0.612 → 0.615),
 * livedoor 0.489 → 0.516 (0.499 → 0.504, 9 themes for its 9 categories instead of 13); 25 was too many (Banking77
 * 0.610, livedoor 0.494). The twenty neighbours also lower the median neighbour's similarity, so the graph's own
 * sharpening (graph-sharpening.ts) comes out lower: Banking77 p 6.2 → 5.2, livedoor 2.2 → 1.9, the sample 2.6 → 2.2.
 */
export const MAX_NEIGHBOURS = 20;

/** Defaults that suit short feedback (measured with scripts/eval-themes.ts). */
export function resolveThemeOptions(options: ThemeOptions, docCount: number): ResolvedThemeOptions {
  // Tiny corpora (tests, first uploads) still get themes of 3; large ones need ~10 to call something recurring.
  const minThemeSize = options.minThemeSize ?? Math.max(3, Math.min(10, Math.ceil(docCount / 300)));
  return {
    seed: options.seed ?? 42,
    // Few documents need few neighbours, or the graph is one blob.
    neighbours: options.neighbours ?? Math.max(4, Math.min(MAX_NEIGHBOURS, Math.floor(docCount / 5))),
    resolution: options.resolution ?? defaultResolution(docCount),
    minThemeSize,
    assignThreshold: options.assignThreshold ?? 0.3,
    clusterSample: options.clusterSample ?? DEFAULT_CLUSTER_SAMPLE,
    mergeSimilarity: options.mergeSimilarity ?? MERGE_SIMILARITY,
    ...(options.sharpening !== undefined ? { sharpening: options.sharpening } : {}),
    ...(options.themes ? { themes: options.themes } : {}),
    emergingSplit: options.emergingSplit === false ? null : { ...EMERGING_SPLIT_DEFAULTS, minSize: minThemeSize },
    kindSplit: options.kindSplit === false ? null : { ...KIND_SPLIT_DEFAULTS, minSize: minThemeSize },
  };
}

export interface ThemeUpdateInput {
  docs: readonly ThemeDoc[];
  /** One unit row per document, in `docs` order. */
  vectors: Float32Array;
  dim: number;
  previous: ThemeSet | null;
  mode: 'incremental' | 'rebuild';
  curation: readonly CurationAction[];
  runId: number | null;
  options: ResolvedThemeOptions;
}

export interface ThemeUpdateResult {
  set: ThemeSet;
  changes: ThemeChange[];
  unthemed: number;
}

export function updateThemeSet(input: ThemeUpdateInput): ThemeUpdateResult {
  const { docs, vectors, dim, options } = input;
  const previous = input.previous ?? { themes: [], assignments: new Map(), categories: [] };
  const sizeBefore = new Map(previous.themes.map((t) => [t.id, isLive(t) ? t.size : 0]));
  const statusBefore = new Map(previous.themes.map((t) => [t.id, t.status]));
  const previousCategory = new Map(previous.themes.map((t) => [t.id, t.categoryId]));
  const rowOf = new Map(docs.map((d, i) => [d.id, i]));
  const clusterOptions = clusterOptionsOf(options);

  const set =
    input.mode === 'incremental' && previous.themes.length > 0
      ? incremental(previous, input, clusterOptions)
      : rebuild(previous, input, clusterOptions);

  applyCuration(set, input.curation);
  const { membersOf } = summarizeThemes(set, { docs, rowOf, vectors, dim, runId: input.runId });
  categorizeThemes(set, docs, previousCategory, membersOf);
  assignSecondaryThemes(set, docs, vectors, dim);

  const changes = themeChanges(set, sizeBefore, statusBefore);
  let themed = 0;
  for (const a of set.assignments.values()) if (rowOf.has(a.docId)) themed++;
  return { set, changes, unthemed: docs.length - themed };
}

/** What happened to each theme between two sets (appeared, grew, shrank, merged, retired). */
export function themeChanges(set: ThemeSet, sizeBefore: ReadonlyMap<string, number>, statusBefore: ReadonlyMap<string, Theme['status']>): ThemeChange[] {
  const changes: ThemeChange[] = [];
  for (const t of set.themes) {
    const before = sizeBefore.get(t.id);
    const after = isLive(t) ? t.size : 0;
    let change: ThemeChange['change'] | null = null;
    if (before === undefined) change = after > 0 ? 'appeared' : null;
    else if (t.status === 'merged' && statusBefore.get(t.id) !== 'merged') change = 'merged';
    else if (t.status === 'retired' && statusBefore.get(t.id) !== 'retired') change = 'retired';
    else if (after > before) change = 'grew';
    else if (after < before) change = 'shrank';
    if (change) changes.push({ themeId: t.id, change, sizeBefore: before ?? 0, sizeAfter: after });
  }
  return changes;
}

function incremental(previous: ThemeSet, input: ThemeUpdateInput, clusterOptions: ClusterOptions): ThemeSet {
  const { docs, vectors, dim, options } = input;
  const themes = previous.themes.map(cloneTheme);
  const byId = new Map(themes.map((t) => [t.id, t]));
  const set: ThemeSet = { themes, assignments: new Map(), categories: previous.categories.map((c) => ({ ...c })) };
  const pending: number[] = [];
  docs.forEach((d, i) => {
    const old = previous.assignments.get(d.id);
    const theme = old ? resolveTheme(byId, old.themeId) : undefined;
    if (theme && isLive(theme)) set.assignments.set(d.id, { docId: d.id, themeId: theme.id, score: old!.score });
    else pending.push(i);
  });
  // New (and formerly unthemed) documents join the nearest existing theme of their stance when close enough.
  const live = themes.filter((t) => isLive(t) && t.centroid && t.centroid.length === dim);
  const centroids = live.map((t) => t.centroid!);
  const stanceOfTheme = themeStances(set, docs);
  const rest: number[] = [];
  for (const r of pending) {
    const stance = stanceOfKind(docs[r]!.kind);
    const best = nearest(vectors, dim, r, centroids, (c) => (stanceOfTheme.get(live[c]!.id) ?? stance) === stance);
    if (best.index >= 0 && best.similarity >= options.assignThreshold) {
      set.assignments.set(docs[r]!.id, { docId: docs[r]!.id, themeId: live[best.index]!.id, score: best.similarity });
    } else rest.push(r);
  }
  // What is left may hold new recurring issues.
  const found = withKindParts(
    discoverClustersSampled(vectors, dim, rest, { ...clusterOptions, ...stanceOptions(docs), maxDocs: options.clusterSample }),
    vectors,
    dim,
    docs,
    options,
  );
  for (const members of found.members) {
    const theme = newTheme(nextThemeId(themes), input.runId);
    themes.push(theme);
    for (const r of members) set.assignments.set(docs[r]!.id, { docId: docs[r]!.id, themeId: theme.id, score: 0 });
  }
  splitEmergingThemes(set, input);
  return set;
}

/**
 * Incremental step: an emerging part of an active theme (emerging-split.ts) leaves as a new theme, which the run
 * records as appeared (koe emerging lists it as new); parts of several themes about one thing (nearDuplicateParts)
 * leave as one. A theme a person merged into or from is left whole: the merge
 * says it is one issue.
 */
function splitEmergingThemes(set: ThemeSet, input: ThemeUpdateInput): void {
  const split = input.options.emergingSplit;
  if (!split) return;
  const { docs, vectors, dim } = input;
  const rowOf = new Map(docs.map((d, i) => [d.id, i]));
  const candidates = set.themes.filter((t) => t.status === 'active');
  const index = new Map(candidates.map((t, i) => [t.id, i]));
  const groups: number[][] = candidates.map(() => []);
  for (const a of set.assignments.values()) {
    const g = index.get(a.themeId);
    const r = rowOf.get(a.docId);
    if (g !== undefined && r !== undefined) groups[g]!.push(r);
  }
  const merged = mergedThemeIds(input.curation);
  const parts = findEmergingParts(groups, vectors, dim, documentDays(docs), split, (g) => merged.has(candidates[g]!.id));
  const stances = themeStances(set, docs);
  const partStances = parts.map((p) => stances.get(candidates[p.group]!.id) ?? UNKNOWN_STANCE);
  for (const group of nearDuplicateParts(parts.map((p) => p.rows), vectors, dim, partStances, input.options.mergeSimilarity)) {
    const theme = newTheme(nextThemeId(set.themes), input.runId);
    set.themes.push(theme);
    for (const r of group.flatMap((i) => parts[i]!.rows)) set.assignments.set(docs[r]!.id, { docId: docs[r]!.id, themeId: theme.id, score: 0 });
  }
}

/** Themes a person merged, as target or source. */
export function mergedThemeIds(curation: readonly CurationAction[]): Set<string> {
  const out = new Set<string>();
  for (const c of curation) if (c.action === 'merge') for (const id of [c.themeId, ...c.from]) out.add(id);
  return out;
}

/**
 * Rebuild: the clusters with each emerging part (emerging-split.ts), then each speech act unlike the rest of its
 * cluster (kind-split.ts), set apart as a cluster of its own. A cluster that mostly holds a theme a person merged is
 * left whole.
 */
function rebuiltClusters(found: Clusters, input: ThemeUpdateInput, previous: ThemeSet): Clusters {
  const { docs } = input;
  const byId = new Map(previous.themes.map((t) => [t.id, t]));
  const mostlyMerged = mostlyMergedCluster(found, mergedThemeIds(input.curation), (r) => {
    const a = previous.assignments.get(docs[r]!.id);
    return a ? (resolveTheme(byId, a.themeId)?.id ?? null) : null;
  });
  return withEmergingAndKindParts(found, input.vectors, input.dim, docs, input.options, mostlyMerged);
}

/**
 * Discovery's clusters (rows of `m`, one per document of `docs`) with each emerging part set apart, then each speech
 * act unlike the rest of its cluster, as the options ask: the order every rebuild follows, in memory and streamed.
 * `mostlyMerged(c)`: cluster c mostly holds a theme a person merged, and is never cut.
 */
export function withEmergingAndKindParts(
  found: Clusters,
  m: Float32Array,
  dim: number,
  docs: readonly ThemeDoc[],
  options: Pick<ResolvedThemeOptions, 'emergingSplit' | 'kindSplit' | 'mergeSimilarity'>,
  mostlyMerged: (cluster: number) => boolean,
): Clusters {
  const withEmerging = options.emergingSplit
    ? splitEmergingClusters(found, m, dim, documentDays(docs), options.emergingSplit, options.mergeSimilarity, mostlyMerged)
    : found;
  // Emerging parts come after the clusters they left, which keep their numbers.
  return withKindParts(withEmerging, m, dim, docs, options, (c) => c < found.members.length && mostlyMerged(c));
}

/** `found` (rows of `m`, one per document of `docs`) with each speech act unlike the rest of its cluster set apart (kind-split.ts), when the options ask for it. */
export function withKindParts(
  found: Clusters,
  m: Float32Array,
  dim: number,
  docs: readonly Pick<ThemeDoc, 'kind'>[],
  options: Pick<ResolvedThemeOptions, 'kindSplit'>,
  skip?: (cluster: number) => boolean,
): Clusters {
  return options.kindSplit ? splitClustersByKind(found, m, dim, speechActsOf(docs), options.kindSplit, skip) : found;
}

/** Whether most of a cluster's rows that had a theme had one of `merged` (themeOf: a row's theme before, or null). */
export function mostlyMergedCluster(found: Clusters, merged: ReadonlySet<string>, themeOf: (row: number) => string | null): (cluster: number) => boolean {
  return (c) => {
    if (merged.size === 0) return false;
    const counts = new Map<string, number>();
    for (const r of found.members[c]!) {
      const t = themeOf(r);
      if (t) counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    const top = [...counts.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0];
    return top !== undefined && merged.has(top[0]);
  };
}

/**
 * The stance of each theme whose documents (among `docs`) are nearly all of one stance; themes of mixed stance (as
 * when discovery found that the stance does not follow the text) and themes with no documents are absent.
 */
function themeStances(set: ThemeSet, docs: readonly ThemeDoc[]): Map<string, number> {
  const kindOf = new Map(docs.map((d) => [d.id, d.kind]));
  const counts = new Map<string, { praise: number; members: number }>();
  for (const a of set.assignments.values()) {
    if (!kindOf.has(a.docId)) continue;
    const c = counts.get(a.themeId) ?? { praise: 0, members: 0 };
    c.members++;
    if (stanceOfKind(kindOf.get(a.docId)!) === PRAISE_STANCE) c.praise++;
    counts.set(a.themeId, c);
  }
  return stancesOfThemes(counts);
}

/**
 * A theme has a stance when nearly all its members (95%) are of one: praise, or anything else. Counted from the
 * theme step's documents (themeStances) or from the kinds a theme's last summary counted (provisional themes during
 * a run), by one rule.
 */
export function stancesOfThemes(counts: ReadonlyMap<string, { praise: number; members: number }>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [themeId, { praise, members }] of counts) {
    if (members === 0) continue;
    if (praise >= 0.95 * members) out.set(themeId, PRAISE_STANCE);
    else if (members - praise >= 0.95 * members) out.set(themeId, 0);
  }
  return out;
}

/** The stances of `themes` from the kinds their last summary counted (primary members): no scan of the assignments. */
export function stancesOfThemeSummaries(themes: readonly Pick<Theme, 'id' | 'kinds'>[]): Map<string, number> {
  return stancesOfThemes(new Map(themes.map((t) => [t.id, { praise: t.kinds.praise ?? 0, members: Object.values(t.kinds).reduce((a, b) => a + (b ?? 0), 0) }])));
}

function rebuild(previous: ThemeSet, input: ThemeUpdateInput, clusterOptions: ClusterOptions): ThemeSet {
  const { docs, vectors, dim, options } = input;
  const all = docs.map((_, i) => i);
  const found = discoverClustersSampled(vectors, dim, all, {
    ...clusterOptions,
    ...stanceOptions(docs),
    maxDocs: options.clusterSample,
    ...(options.themes ? { target: options.themes } : {}),
  });
  return themesFromClusters(previous, rebuiltClusters(found, input, previous).members, docs.map((d) => d.id), input.runId);
}

/**
 * A rebuild's new theme set from its clusters (rows into `docIds`): each cluster takes the id of the old theme it
 * overlaps most (a person's merge survives), the rest get new ids, unmapped old themes retire.
 */
export function themesFromClusters(previous: ThemeSet, found: readonly (readonly number[])[], docIds: readonly string[], runId: number | null): ThemeSet {
  const oldById = new Map(previous.themes.map((t) => [t.id, t]));
  const oldThemeOf = (r: number): string | null => {
    const a = previous.assignments.get(docIds[r]!);
    return a ? (resolveTheme(oldById, a.themeId)?.id ?? null) : null;
  };
  const overlap = found.map((members) => {
    const counts = new Map<string, number>();
    for (const r of members) {
      const t = oldThemeOf(r);
      if (t) counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    return counts;
  });
  const oldSize = new Map<string, number>();
  for (const a of previous.assignments.values()) {
    const t = resolveTheme(oldById, a.themeId)?.id;
    if (t) oldSize.set(t, (oldSize.get(t) ?? 0) + 1);
  }
  const plan = planRebuiltThemes(previous, { sizes: found.map((m) => m.length), overlap, oldSize }, runId);
  const assignments: ThemeSet['assignments'] = new Map();
  plan.groups.forEach((group, g) => {
    const members = group.length === 1 ? found[group[0]!]! : group.flatMap((c) => found[c]!).sort((a, b) => a - b);
    for (const r of members) assignments.set(docIds[r]!, { docId: docIds[r]!, themeId: plan.groupTheme[g]!, score: 0 });
  });
  return { themes: plan.themes, assignments, categories: previous.categories.map((c) => ({ ...c })) };
}

/** How a rebuild's clusters overlap the old themes, as counts (from memory, or from the store in chunks). */
export interface ClusterOverlap {
  /** Members of each cluster. */
  sizes: readonly number[];
  /** For each cluster: old theme (resolved through merges) → how many of its members it held. */
  overlap: readonly ReadonlyMap<string, number>[];
  /** Old theme (resolved) → its members before the rebuild. */
  oldSize: ReadonlyMap<string, number>;
}

/**
 * The themes a rebuild keeps, retires and creates, from the overlap counts alone: `groups` lists the clusters that
 * become one theme (a cluster on its own, or the clusters that rejoin a person's merge target), `groupTheme` the
 * theme id of each group. Ids and order are those themesFromClusters gives.
 */
export function planRebuiltThemes(
  previous: ThemeSet,
  counts: ClusterOverlap,
  runId: number | null,
): { themes: Theme[]; groups: number[][]; groupTheme: string[] } {
  const oldById = new Map(previous.themes.map((t) => [t.id, t]));
  const { overlap, oldSize } = counts;
  let groups: number[][] = counts.sizes.map((_, c) => [c]);
  const sizeOf = (group: readonly number[]): number => group.reduce((n, c) => n + counts.sizes[c]!, 0);
  const overlapOf = (group: readonly number[]): Map<string, number> => {
    if (group.length === 1) return new Map(overlap[group[0]!]!);
    const sum = new Map<string, number>();
    for (const c of group) for (const [t, n] of overlap[c]!) sum.set(t, (sum.get(t) ?? 0) + n);
    return sum;
  };

  // A merge made by a person survives: new clusters that mostly hold a merge target's documents rejoin it.
  const mergeTargets = new Set(previous.themes.filter((t) => t.status === 'merged' && t.mergedInto).map((t) => resolveTheme(oldById, t.id)!.id));
  if (mergeTargets.size > 0) {
    const byTarget = new Map<string, number[]>();
    const kept: number[][] = [];
    for (const group of groups) {
      const top = [...overlapOf(group).entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
      if (top && mergeTargets.has(top[0]) && top[1] * 2 >= sizeOf(group)) {
        const list = byTarget.get(top[0]) ?? [];
        list.push(...group);
        byTarget.set(top[0], list);
      } else kept.push(group);
    }
    groups = [...kept, ...byTarget.values()];
  }

  // Greedy id mapping by overlap, largest overlaps first; a weak overlap does not carry an id over.
  const pairs: { c: number; t: string; n: number }[] = [];
  groups.forEach((group, c) => {
    const size = sizeOf(group);
    for (const [t, n] of overlapOf(group)) {
      if (n / size >= 0.3 || n / (oldSize.get(t) ?? 1) >= 0.5) pairs.push({ c, t, n });
    }
  });
  pairs.sort((a, b) => b.n - a.n || a.c - b.c || (a.t < b.t ? -1 : 1));
  const idOf = new Map<number, string>();
  const taken = new Set<string>();
  for (const p of pairs) {
    if (idOf.has(p.c) || taken.has(p.t)) continue;
    idOf.set(p.c, p.t);
    taken.add(p.t);
  }

  const themes: Theme[] = [];
  // Old themes keep their rows: mapped ones are reset (curation is replayed), unmapped live ones retire.
  for (const old of previous.themes) {
    const t = cloneTheme(old);
    if (taken.has(t.id)) {
      t.status = 'active';
      t.labelPinned = false;
      t.mergedInto = null;
    } else if (isLive(t)) {
      t.status = 'retired';
      t.size = 0;
    }
    themes.push(t);
  }
  const groupTheme = groups.map((_, c) => {
    let id = idOf.get(c);
    if (!id) {
      id = nextThemeId(themes);
      themes.push(newTheme(id, runId));
    }
    return id;
  });
  return { themes, groups, groupTheme };
}

/** Re-clusters the documents of one theme into sub-themes (at least two when the theme allows). */
export function splitTheme(
  set: ThemeSet,
  themeId: string,
  input: Omit<ThemeUpdateInput, 'previous' | 'mode' | 'curation'>,
): { set: ThemeSet; children: string[] } {
  const { set: next, children } = splitMembers(set, themeId, input);
  summarizeThemes(next, { docs: input.docs, rowOf: new Map(input.docs.map((d, i) => [d.id, i])), vectors: input.vectors, dim: input.dim, runId: input.runId });
  return { set: next, children };
}

/**
 * The split itself, with no summary: the theme's members (those of `set.assignments` found in `docs`) are cut into at
 * least two sub-themes, new themes in `set`'s numbering, and the parent retired. At size the caller holds only the
 * theme's own members and summarizes from the store (update-themes.ts).
 */
export function splitMembers(
  set: ThemeSet,
  themeId: string,
  input: Omit<ThemeUpdateInput, 'previous' | 'mode' | 'curation'>,
): { set: ThemeSet; children: string[] } {
  const { docs, vectors, dim, options } = input;
  const themes = set.themes.map(cloneTheme);
  const parent = themes.find((t) => t.id === themeId);
  if (!parent || !isLive(parent)) throw new Error(`theme ${themeId} is not an active theme`);
  const rowOf = new Map(docs.map((d, i) => [d.id, i]));
  const rows = [...set.assignments.values()].filter((a) => a.themeId === themeId).map((a) => rowOf.get(a.docId)).filter((r): r is number => r !== undefined);
  if (rows.length < 2) throw new Error(`theme ${themeId} has ${rows.length} document(s): nothing to split`);
  let parts: number[][] = [];
  // Raise the resolution until the theme falls apart into at least two sub-themes.
  for (const resolution of [2, 4, 8, 16, 32]) {
    const found = discoverClusters(vectors, dim, rows, {
      seed: options.seed,
      neighbours: Math.min(options.neighbours, rows.length - 1),
      resolution,
      minClusterSize: Math.max(2, Math.floor(options.minThemeSize / 2)),
      assignThreshold: -1,
      target: 2,
    });
    if (found.members.length >= 2) {
      parts = found.members;
      if (found.unclustered.length > 0) parts[parts.length - 1]!.push(...found.unclustered);
      break;
    }
  }
  if (parts.length < 2) {
    const half = Math.ceil(rows.length / 2);
    parts = [rows.slice(0, half), rows.slice(half)];
  }
  const assignments = new Map(set.assignments);
  const children: string[] = [];
  for (const members of parts) {
    const child = newTheme(nextThemeId(themes), input.runId);
    child.categoryId = parent.categoryId;
    themes.push(child);
    children.push(child.id);
    for (const r of members) assignments.set(docs[r]!.id, { docId: docs[r]!.id, themeId: child.id, score: 0 });
  }
  parent.status = 'retired';
  parent.size = 0;
  return { set: { themes, assignments, categories: set.categories.map((c) => ({ ...c })) }, children };
}
