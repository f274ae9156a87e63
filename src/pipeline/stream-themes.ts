// The theme step of a rebuild (or first run) over more documents than the cluster sample, without holding them:
// the vector space is fitted and themes are found on the seeded sample (as in memory), then the store is read in
// id-ordered chunks, three times, each chunk projected and dropped: (1) every document joins its nearest theme,
// (2) after curation, summaries from running counts plus bounded per-theme samples (summary-accumulator.ts),
// (3) scores against the final centres and secondary themes. Memory: the sample, one chunk, the per-theme samples,
// and the document ids with their assignments (small records, not texts or vectors).
import type { Db } from '../store/open-store.js';
import {
  listThemeDocIds,
  loadThemeDocsByIds,
  saveDocVectorsChunked,
  themeDocChunks,
  type StoredThemeDoc,
} from '../store/theme-repository.js';
import {
  applyCuration,
  categorizeThemes,
  discoverClusters,
  isLive,
  sampleRows,
  type CurationAction,
  type FittedVectorizer,
  type ResolvedThemeOptions,
  type ThemeChange,
  type ThemeSet,
  type VectorizerBackend,
} from '../themes/index.js';
import { nearest } from '../themes/discover-clusters.js';
import { assignSecondaryThemes } from '../themes/secondary-themes.js';
import { SummaryAccumulator } from '../themes/summary-accumulator.js';
import { clusterOptionsOf, stanceOfKind, stanceOptions, themeChanges, themesFromClusters } from '../themes/update-theme-set.js';
import { dot } from '../themes/vector-math.js';

/** Documents read, projected and dropped at a time. */
export const STREAM_CHUNK = 5000;

export interface StreamedRebuild {
  set: ThemeSet;
  changes: ThemeChange[];
  vectorizer: FittedVectorizer;
  documents: number;
  unthemed: number;
  vectorsComputed: number;
  timings: { vectorize: number; themes: number };
}

export function rebuildThemesStreaming(
  db: Db,
  input: {
    backend: VectorizerBackend;
    dimensions?: number;
    previous: ThemeSet;
    curation: readonly CurationAction[];
    runId: number | null;
    options: ResolvedThemeOptions;
  },
): StreamedRebuild {
  const { options, previous } = input;
  const seed = options.seed;
  const t0 = performance.now();
  const ids = listThemeDocIds(db);
  // The same seeded sample the in-memory path fits and clusters on (sampleRows over rows 0..n-1).
  const sampleOrdinals = sampleRows(ids.map((_, i) => i), options.clusterSample, seed);
  const loaded = new Map(loadThemeDocsByIds(db, sampleOrdinals.map((i) => ids[i]!)).map((d) => [d.id, d]));
  const sampleDocs: StoredThemeDoc[] = sampleOrdinals.map((i) => loaded.get(ids[i]!)!);
  loaded.clear();
  const vectorizer = input.backend.fit(sampleDocs, { seed, ...(input.dimensions ? { dimensions: input.dimensions } : {}) });
  const dim = vectorizer.dim;
  const sampleVectors = vectorizer.transform(sampleDocs);
  const t1 = performance.now();

  const found = discoverClusters(sampleVectors, dim, sampleDocs.map((_, i) => i), {
    ...clusterOptionsOf(options),
    ...stanceOptions(sampleDocs),
    ...(options.themes ? { target: options.themes } : {}),
  });
  const stances = found.stances;
  // Cluster of each sampled document (by ordinal); the others are assigned in pass 1.
  const clusterOfOrdinal = new Map<number, number>();
  found.members.forEach((m, c) => m.forEach((r) => clusterOfOrdinal.set(sampleOrdinals[r]!, c)));
  const inSample = new Set(sampleOrdinals);
  const members: number[][] = found.members.map(() => []);
  let vectorsComputed = 0;
  let vectorizeMs = t1 - t0;

  // Pass 1: nearest theme of every document outside the sample; vectors cached for later incremental runs.
  let ordinal = 0;
  for (const chunk of themeDocChunks(db, STREAM_CHUNK)) {
    const v0 = performance.now();
    const vectors = vectorizer.transform(chunk);
    vectorsComputed += chunk.length;
    saveDocVectorsChunked(db, vectorizer.modelId, chunk.map((d, k) => ({ docId: d.id, contentHash: d.contentHash, vector: vectors.subarray(k * dim, (k + 1) * dim) })));
    vectorizeMs += performance.now() - v0;
    chunk.forEach((d, k) => {
      const o = ordinal + k;
      if (ids[o] !== d.id) throw new Error(`theme step: documents changed while it ran (expected ${ids[o]}, read ${d.id})`);
      if (inSample.has(o)) {
        const c = clusterOfOrdinal.get(o);
        if (c !== undefined) members[c]!.push(o);
        return;
      }
      const stance = stanceOfKind(d.kind);
      const best = nearest(vectors, dim, k, found.centroids, stances ? (c) => stances[c] === stance : undefined);
      if (best.index >= 0 && best.similarity >= options.assignThreshold) members[best.index]!.push(o);
    });
    ordinal += chunk.length;
  }

  const previousCategory = new Map(previous.themes.map((t) => [t.id, t.categoryId]));
  const sizeBefore = new Map(previous.themes.map((t) => [t.id, isLive(t) ? t.size : 0]));
  const statusBefore = new Map(previous.themes.map((t) => [t.id, t.status]));
  const set = themesFromClusters(previous, members, ids, input.runId);
  applyCuration(set, input.curation);

  // Pass 2: summaries from running counts and bounded samples.
  const summary = new SummaryAccumulator(dim, seed);
  for (const chunk of themeDocChunks(db, STREAM_CHUNK)) {
    const v0 = performance.now();
    const vectors = vectorizer.transform(chunk);
    vectorizeMs += performance.now() - v0;
    summary.add(set, chunk, vectors);
  }
  const sampled = summary.finish(set, input.runId);
  categorizeThemes(set, sampled.docs, previousCategory);

  // Pass 3: each assignment scored against its theme's final centre; secondary themes.
  const byId = new Map(set.themes.map((t) => [t.id, t]));
  const secondary: NonNullable<ThemeSet['secondary']> = new Map();
  let themed = 0;
  for (const chunk of themeDocChunks(db, STREAM_CHUNK)) {
    const v0 = performance.now();
    const vectors = vectorizer.transform(chunk);
    vectorizeMs += performance.now() - v0;
    chunk.forEach((d, k) => {
      const a = set.assignments.get(d.id);
      const centroid = a ? byId.get(a.themeId)?.centroid : undefined;
      if (!a) return;
      themed++;
      if (centroid && centroid.length === dim) a.score = dot(vectors, k * dim, centroid, 0, dim);
    });
    assignSecondaryThemes(set, chunk, vectors, dim);
    for (const [docId, list] of set.secondary ?? []) secondary.set(docId, list);
  }
  set.secondary = secondary;
  const total = performance.now() - t0;
  return {
    set,
    changes: themeChanges(set, sizeBefore, statusBefore),
    vectorizer,
    documents: ids.length,
    unthemed: ids.length - themed,
    vectorsComputed,
    timings: { vectorize: Math.round(vectorizeMs), themes: Math.round(total - vectorizeMs) },
  };
}
