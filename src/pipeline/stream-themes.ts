// The theme step of a rebuild over more documents than the cluster sample (`koe themes rebuild`, a new vector
// space), without holding them: the space is fitted and themes are found on the seeded sample (as in memory), then
// the store is read in id-ordered chunks: (1) every document is projected once (its vector cached) and joins its
// nearest cluster, written to a scratch table; the new themes take their ids from their overlap with the old ones,
// counted in SQL; curation is replayed on the documents it names; (2) summaries from running counts plus bounded
// per-theme samples (summary-accumulator.ts), from the cached vectors; (3) scores against the final centres and
// secondary themes. Memory: the sample, one chunk and the per-theme samples — no list or map of every document.
// The scratch assignments replace document_themes in the caller's final transaction.
import type { Db } from '../store/open-store.js';
import {
  countThemeDocs,
  loadThemeDocsByIds,
  saveDocVectorsChunked,
  themeDocChunks,
  type StoredThemeDoc,
} from '../store/theme-repository.js';
import { createRebuildScratch, loadPrimaries, loadVectorRows, type RebuildScratch } from '../store/theme-step-repository.js';
import {
  applyCuration,
  categorizeThemes,
  discoverClusters,
  isLive,
  resolveTheme,
  sampleRows,
  type CurationAction,
  type FittedVectorizer,
  type ResolvedThemeOptions,
  type ThemeChange,
  type ThemeSet,
  type VectorizerBackend,
} from '../themes/index.js';
import { nearest, type Clusters } from '../themes/discover-clusters.js';
import { SummaryAccumulator } from '../themes/summary-accumulator.js';
import {
  clusterOptionsOf,
  mergedThemeIds,
  mostlyMergedCluster,
  planRebuiltThemes,
  stanceOfKind,
  stanceOptions,
  themeChanges,
  withEmergingAndKindParts,
} from '../themes/update-theme-set.js';
import { scoreAndFindSecondary } from './provisional-themes.js';

/** Documents read, projected and dropped at a time. */
export const STREAM_CHUNK = 5000;

export interface StreamedRebuild {
  /** The themes (no assignments: those are in the scratch table until `replaceAssignments`). */
  set: ThemeSet;
  changes: ThemeChange[];
  vectorizer: FittedVectorizer;
  documents: number;
  unthemed: number;
  vectorsComputed: number;
  timings: { vectorize: number; themes: number };
  /** Inside the caller's final transaction: document_themes becomes the rebuild's assignments. */
  replaceAssignments(): void;
  /** Drops the scratch tables (after the transaction, or after a failure). */
  dispose(): void;
}

/** Documents named by curation actions that set one document's theme (moves, split parts). */
export function curatedDocIds(curation: readonly CurationAction[]): Set<string> {
  const ids = new Set<string>();
  for (const a of curation) {
    if (a.action === 'move') ids.add(a.docId);
    if (a.action === 'split') for (const list of Object.values(a.parts ?? {})) for (const d of list) ids.add(d);
  }
  return ids;
}

/**
 * Replays the curation log over assignments that stay in a store: only the documents the log names are loaded; what
 * the replay changed is written back, merged themes' members are moved, and a split parent the replay retired for
 * want of members it could see stays active when the store still holds members of it.
 */
export function replayCurationStored(
  set: ThemeSet,
  curation: readonly CurationAction[],
  store: {
    loadPrimaries(docIds: Iterable<string>): Map<string, { themeId: string; score: number }>;
    setPrimary(docId: string, themeId: string, score: number): void;
    moveMembers(fromId: string, toId: string): void;
    hasMembers(themeId: string): boolean;
  },
): void {
  const curated = store.loadPrimaries(curatedDocIds(curation));
  set.assignments = new Map([...curated].map(([docId, a]) => [docId, { docId, themeId: a.themeId, score: a.score }]));
  const statusBefore = new Map(set.themes.map((t) => [t.id, t.status]));
  applyCuration(set, curation);
  for (const [docId, a] of set.assignments) if (curated.get(docId)?.themeId !== a.themeId) store.setPrimary(docId, a.themeId, a.score);
  const byId = new Map(set.themes.map((t) => [t.id, t]));
  for (const t of set.themes) {
    const target = t.status === 'merged' ? resolveTheme(byId, t.id) : undefined;
    if (target && target.id !== t.id) store.moveMembers(t.id, target.id);
  }
  for (const t of set.themes) if (statusBefore.get(t.id) === 'active' && t.status === 'retired' && store.hasMembers(t.id)) t.status = 'active';
  set.assignments = new Map();
}

/** Whether a sample cluster mostly holds documents of a theme a person merged (it is then left whole). */
function mergedClusterOf(db: Db, found: Clusters, sampleIds: readonly string[], previous: ThemeSet, curation: readonly CurationAction[]): (cluster: number) => boolean {
  const merged = mergedThemeIds(curation);
  if (merged.size === 0) return () => false;
  const byId = new Map(previous.themes.map((t) => [t.id, t]));
  const before = loadPrimaries(db, sampleIds);
  return mostlyMergedCluster(found, merged, (r) => {
    const a = before.get(sampleIds[r]!);
    return a ? (resolveTheme(byId, a.themeId)?.id ?? null) : null;
  });
}

export function rebuildThemesStreaming(
  db: Db,
  input: {
    backend: VectorizerBackend;
    dimensions?: number;
    /** The themes before (assignments are read from the store, not from here). */
    previous: ThemeSet;
    curation: readonly CurationAction[];
    runId: number | null;
    options: ResolvedThemeOptions;
  },
): StreamedRebuild {
  const { options, previous } = input;
  const seed = options.seed;
  const t0 = performance.now();
  const count = countThemeDocs(db);
  // The same seeded sample the in-memory path fits and clusters on (sampleRows over rows 0..n-1, in id order).
  const sampleOrdinals = sampleRows(Array.from({ length: count }, (_, i) => i), options.clusterSample, seed);
  const sampleIds = idsAtOrdinals(db, sampleOrdinals);
  const loaded = new Map(loadThemeDocsByIds(db, sampleIds).map((d) => [d.id, d]));
  const sampleDocs: StoredThemeDoc[] = sampleIds.map((id) => loaded.get(id)!);
  loaded.clear();
  const vectorizer = input.backend.fit(sampleDocs, { seed, ...(input.dimensions ? { dimensions: input.dimensions } : {}) });
  const dim = vectorizer.dim;
  const sampleVectors = vectorizer.transform(sampleDocs);
  const t1 = performance.now();

  const discovered = discoverClusters(sampleVectors, dim, sampleDocs.map((_, i) => i), {
    ...clusterOptionsOf(options),
    ...stanceOptions(sampleDocs),
    ...(options.themes ? { target: options.themes } : {}),
  });
  // An emerging part of a cluster becomes a cluster of its own (themes/emerging-split.ts), told on the sample (a
  // seeded random sample keeps the window's share of the feedback); the rest then joins it by its centre.
  // Then requests (or questions) unlike the problems they were clustered with leave theirs (themes/kind-split.ts).
  const found = withEmergingAndKindParts(discovered, sampleVectors, dim, sampleDocs, options, mergedClusterOf(db, discovered, sampleIds, previous, input.curation));
  const stances = found.stances;
  // Cluster of each sampled document (by id); the others are placed in pass 1.
  const clusterOfSampled = new Map<string, number>();
  found.members.forEach((m, c) => m.forEach((r) => clusterOfSampled.set(sampleIds[r]!, c)));
  const inSample = new Set(sampleIds);
  let vectorsComputed = 0;
  let vectorizeMs = t1 - t0;
  const scratch = createRebuildScratch(db);
  try {
    // Pass 1: every document projected once (cached for pass 2, 3 and later runs) and placed in its cluster.
    for (const chunk of themeDocChunks(db, STREAM_CHUNK)) {
      const v0 = performance.now();
      const vectors = vectorizer.transform(chunk);
      vectorsComputed += chunk.length;
      saveDocVectorsChunked(db, vectorizer.modelId, chunk.map((d, k) => ({ docId: d.id, contentHash: d.contentHash, vector: vectors.subarray(k * dim, (k + 1) * dim) })));
      vectorizeMs += performance.now() - v0;
      const placed: { docId: string; cluster: number }[] = [];
      chunk.forEach((d, k) => {
        if (inSample.has(d.id)) {
          const c = clusterOfSampled.get(d.id);
          if (c !== undefined) placed.push({ docId: d.id, cluster: c });
          return;
        }
        // A document joins only a theme of its own stance (praise apart, see stanceOfKind) when discovery kept them apart.
        const stance = stanceOfKind(d.kind);
        const best = nearest(vectors, dim, k, found.centroids, stances ? (c) => stances[c] === stance : undefined);
        if (best.index >= 0 && best.similarity >= options.assignThreshold) placed.push({ docId: d.id, cluster: best.index });
      });
      scratch.addClusters(placed);
    }

    const previousCategory = new Map(previous.themes.map((t) => [t.id, t.categoryId]));
    const sizeBefore = new Map(previous.themes.map((t) => [t.id, isLive(t) ? t.size : 0]));
    const statusBefore = new Map(previous.themes.map((t) => [t.id, t.status]));
    const set = themesOfClusters(previous, scratch, found.members.length, input.runId);
    replayCurationStored(set, input.curation, {
      loadPrimaries: (ids) => scratch.loadPrimaries(ids),
      setPrimary: (docId, themeId, score) => scratch.setPrimary(docId, themeId, score),
      moveMembers: (from, to) => scratch.moveMembers(from, to),
      hasMembers: (id) => scratch.hasMembers(id),
    });

    // Pass 2: summaries from running counts and bounded samples, over the cached vectors.
    const summary = new SummaryAccumulator(dim, seed);
    for (const chunk of scratch.memberChunks(vectorizer.modelId, STREAM_CHUNK)) {
      for (const m of chunk) {
        const stub = { id: m.docId, text: '', lang: 'en' as const, terms: [], sentiment: m.sentiment, kind: m.kind };
        summary.addMember(m.themeId, stub, m.vector ?? new Float32Array(dim), 0);
      }
    }
    summary.fillSampledDocs(new Map(loadThemeDocsByIds(db, summary.sampledIds()).map((d): [string, StoredThemeDoc] => [d.id, d])));
    const sampled = summary.finish(set, input.runId);
    categorizeThemes(set, sampled.docs, previousCategory, sampled.membersOf);

    // Pass 3: each assignment scored against its theme's final centre; secondary themes.
    const byId = new Map(set.themes.map((t) => [t.id, t]));
    const active = new Set(set.themes.filter((t) => t.status === 'active').map((t) => t.id));
    for (const chunk of themeDocChunks(db, STREAM_CHUNK)) {
      const vectors = loadVectorRows(db, vectorizer.modelId, chunk.map((d) => d.id), dim);
      db.transaction(() =>
        scoreAndFindSecondary(db, {
          themes: set.themes,
          byId,
          active,
          vectors,
          dim,
          docs: chunk,
          score: (docId, s) => scratch.setScore(docId, s),
          secondaryOf: (docId, list) => scratch.setSecondary(docId, list),
          primariesOf: (ids) => scratch.loadPrimaries(ids),
        }),
      )();
    }
    const placed = scratch.countPlaced();
    const total = performance.now() - t0;
    return {
      set,
      changes: themeChanges(set, sizeBefore, statusBefore),
      vectorizer,
      documents: count,
      unthemed: count - placed,
      vectorsComputed,
      timings: { vectorize: Math.round(vectorizeMs), themes: Math.round(total - vectorizeMs) },
      replaceAssignments: () => scratch.replaceDocumentThemes(),
      dispose: () => scratch.drop(),
    };
  } catch (err) {
    scratch.drop();
    throw err;
  }
}

/** The ids at these ordinals (ascending) of the analysed documents in id order, read as a stream. */
function idsAtOrdinals(db: Db, ordinals: readonly number[]): string[] {
  const out: string[] = [];
  let next = 0;
  let o = 0;
  for (const id of db.prepare('SELECT d.id FROM documents d JOIN analyses a ON a.doc_id = d.id ORDER BY d.id').pluck().iterate() as Iterable<string>) {
    if (next >= ordinals.length) break;
    if (o === ordinals[next]) {
      out.push(id);
      next++;
    }
    o++;
  }
  return out;
}

/** The rebuild's themes from the clusters in the scratch table: ids by overlap with the old themes (planRebuiltThemes). */
function themesOfClusters(previous: ThemeSet, scratch: RebuildScratch, clusters: number, runId: number | null): ThemeSet {
  const oldById = new Map(previous.themes.map((t) => [t.id, t]));
  const resolved = (id: string | null): string | null => (id === null ? null : (resolveTheme(oldById, id)?.id ?? null));
  const sizes = Array.from({ length: clusters }, () => 0);
  const overlap = Array.from({ length: clusters }, () => new Map<string, number>());
  for (const r of scratch.clusterOverlap()) {
    sizes[r.cluster]! += r.n;
    const t = resolved(r.themeId);
    if (t) overlap[r.cluster]!.set(t, (overlap[r.cluster]!.get(t) ?? 0) + r.n);
  }
  const oldSize = new Map<string, number>();
  for (const r of scratch.oldThemeSizes()) {
    const t = resolved(r.themeId);
    if (t) oldSize.set(t, (oldSize.get(t) ?? 0) + r.n);
  }
  const plan = planRebuiltThemes(previous, { sizes, overlap, oldSize }, runId);
  const themeOf = new Map<number, string>();
  plan.groups.forEach((group, g) => group.forEach((c) => themeOf.set(c, plan.groupTheme[g]!)));
  scratch.setClusterThemes(themeOf);
  return { themes: plan.themes, assignments: new Map(), categories: previous.categories.map((c) => ({ ...c })), secondary: new Map() };
}
