// The incremental theme step at size (more analysed documents than clusterSample, a stored space and live themes):
// its cost follows the pending documents, and its memory neither (assignments stay in the store, read and written
// in chunks). (1) Pending documents with no cached vector (none themed provisionally) are projected and given their
// nearest theme; (2) new themes are discovered among the pending documents no theme took (at most clusterSample of
// them clustered, the rest assigned to the new themes), as a nightly incremental run does; (3) curation is
// replayed; (4) one streamed pass over every primary assignment with its cached vector gives each theme's size,
// negative share, kinds and centre (running counts) and its quotes and label (400-member samples); (5) the pending
// documents are scored against their theme's centre and get their secondary themes. Steps 2–5 are one transaction:
// a step killed half-way leaves the themes of the step before, and the provisional themes of the batches.
import type { Db } from '../store/open-store.js';
import {
  loadThemeDocsByIds,
  saveThemeChanges,
  saveThemeRows,
  markThemeStepDone,
  type StoredThemeDoc,
} from '../store/theme-repository.js';
import {
  countPendingThemeDocs,
  hasPrimaryMembers,
  loadPrimaries,
  loadRunThemeChanges,
  loadVectorRows,
  moveMembers,
  pendingDocsWithoutVector,
  primaryMemberChunks,
  replaceSecondary,
  setPrimary,
  setPrimaryScore,
  unthemedPendingDocs,
} from '../store/theme-step-repository.js';
import {
  categorizeThemes,
  discoverClusters,
  isLive,
  sampleRows,
  type CurationAction,
  type FittedVectorizer,
  type ResolvedThemeOptions,
  type ThemeChange,
  type ThemeSet,
} from '../themes/index.js';
import { nearest } from '../themes/discover-clusters.js';
import { SummaryAccumulator } from '../themes/summary-accumulator.js';
import { newTheme, nextThemeId } from '../themes/theme-set.js';
import { clusterOptionsOf, stanceOfKind, stanceOptions, themeChanges } from '../themes/update-theme-set.js';
import { nearestThemeAssigner, scoreAndFindSecondary } from './provisional-themes.js';
import { curatedDocIds, replayCurationStored, STREAM_CHUNK } from './stream-themes.js';

export interface IncrementalStep {
  set: ThemeSet;
  changes: ThemeChange[];
  documents: number;
  unthemed: number;
  /** Pending documents this step finished (provisionally themed or not). */
  pending: number;
  /** Pending documents no theme took, among which new themes were looked for. */
  discovered: number;
  vectorsComputed: number;
  timings: { vectorize: number; themes: number; write: number };
  /** Milliseconds of the themes part: discovery, curation replay, the summary pass, rescoring what it placed. */
  parts: { discover: number; curation: number; summary: number; rescore: number };
}

export function updateThemesIncrementally(
  db: Db,
  input: {
    vectorizer: FittedVectorizer;
    previous: ThemeSet;
    curation: readonly CurationAction[];
    curationUpToId: number;
    runId: number | null;
    documents: number;
    options: ResolvedThemeOptions;
  },
): IncrementalStep {
  const { vectorizer, previous, options } = input;
  const dim = vectorizer.dim;
  const t0 = performance.now();
  const sizeBefore = new Map(previous.themes.map((t) => [t.id, isLive(t) ? t.size : 0]));
  const statusBefore = new Map(previous.themes.map((t) => [t.id, t.status]));
  // An early theme step of this run already recorded changes: report against the run's start instead.
  for (const [id, c] of input.runId === null ? [] : loadRunThemeChanges(db, input.runId)) {
    if (c.change === 'appeared') sizeBefore.delete(id);
    else sizeBefore.set(id, c.sizeBefore);
  }
  const previousCategory = new Map(previous.themes.map((t) => [t.id, t.categoryId]));

  // (1) Pending documents no batch themed (written before the space existed, or changed): as a batch would.
  const liveBefore = previous.themes.filter((t) => isLive(t) && t.centroid !== null && t.centroid.length === dim);
  const assigner = nearestThemeAssigner(db, vectorizer, liveBefore, options.assignThreshold);
  let vectorsComputed = 0;
  for (let after = ''; ; ) {
    const docs = pendingDocsWithoutVector(db, vectorizer.modelId, after, STREAM_CHUNK);
    if (docs.length === 0) break;
    db.transaction(() => assigner.assign(docs))();
    vectorsComputed += docs.length;
    after = docs[docs.length - 1]!.id;
  }
  const t1 = performance.now();

  let result: IncrementalStep | null = null;
  const timings = { discover: 0, curation: 0, summary: 0, rescore: 0 };
  db.transaction(() => {
    const set: ThemeSet = { themes: previous.themes, assignments: new Map(), categories: previous.categories, secondary: new Map() };
    const pending = countPendingThemeDocs(db);

    // (2) New themes among the pending documents no theme took, clustered on at most clusterSample of them.
    const unthemedDocs = unthemedPendingDocs(db);
    const unthemed = unthemedDocs.map((d) => d.id);
    const toCluster = sampleRows(unthemed.map((_, i) => i), options.clusterSample, options.seed).map((i) => unthemedDocs[i]!);
    const sampled = toCluster.map((d) => d.id);
    const sampleVectors = loadVectorRows(db, vectorizer.modelId, sampled, dim);
    // Praise apart from problems when the stance follows the text, as in every other theme step (stanceOfKind).
    const found = discoverClusters(sampleVectors, dim, sampled.map((_, i) => i), { ...clusterOptionsOf(options), ...stanceOptions(toCluster) });
    const stances = found.stances;
    const give = setPrimary(db);
    const newIds = found.members.map(() => {
      const theme = newTheme(nextThemeId(set.themes), input.runId);
      set.themes.push(theme);
      return theme.id;
    });
    if (newIds.length > 0) saveThemeRows(db, set); // rows first: assignments reference them (their summaries come at the end)
    found.members.forEach((rows, c) => rows.forEach((r) => give(sampled[r]!, newIds[c]!, 0)));
    if (sampled.length < unthemed.length && found.centroids.length > 0) {
      const inSample = new Set(sampled);
      const rest = unthemedDocs.filter((d) => !inSample.has(d.id));
      for (let s = 0; s < rest.length; s += STREAM_CHUNK) {
        const chunk = rest.slice(s, s + STREAM_CHUNK);
        const vectors = loadVectorRows(db, vectorizer.modelId, chunk.map((d) => d.id), dim);
        chunk.forEach((d, k) => {
          const stance = stanceOfKind(d.kind);
          const best = nearest(vectors, dim, k, found.centroids, stances ? (c) => stances[c] === stance : undefined);
          if (best.index >= 0 && best.similarity >= options.assignThreshold) give(d.id, newIds[best.index]!, best.similarity);
        });
      }
    }

    timings.discover = performance.now() - t1;
    const t3 = performance.now();
    // (3) Curation: the documents the log names are loaded, the log replayed, what it changed written back.
    replayCurationStored(set, input.curation, {
      loadPrimaries: (ids) => loadPrimaries(db, ids),
      setPrimary: (docId, themeId, score) => give(docId, themeId, score),
      moveMembers: (from, to) => void moveMembers(db, from, to),
      hasMembers: (id) => hasPrimaryMembers(db, id),
    });
    const curatedIds = curatedDocIds(input.curation);
    const byId = new Map(set.themes.map((t) => [t.id, t]));
    timings.curation = performance.now() - t3;
    const t35 = performance.now();
    // (4) Summaries in one pass over every primary assignment, from cached vectors (no projection).
    const summary = new SummaryAccumulator(dim, options.seed);
    const dropped: string[] = [];
    let themed = 0;
    for (const chunk of primaryMemberChunks(db, vectorizer.modelId, STREAM_CHUNK)) {
      for (const m of chunk) {
        const theme = byId.get(m.themeId);
        if (!theme || !isLive(theme)) {
          dropped.push(m.docId);
          continue;
        }
        themed++;
        const stub = { id: m.docId, text: '', lang: 'en' as const, terms: [], sentiment: m.sentiment, kind: m.kind };
        summary.addMember(theme.id, stub, m.vector ?? new Float32Array(dim), 0);
      }
    }
    for (const docId of dropped) give(docId, null, 0);
    const full = loadThemeDocsByIds(db, summary.sampledIds());
    summary.fillSampledDocs(new Map(full.map((d): [string, StoredThemeDoc] => [d.id, d])));
    const sampledDocs = summary.finish(set, input.runId);
    categorizeThemes(set, sampledDocs.docs, previousCategory, sampledDocs.membersOf);
    timings.summary = performance.now() - t35;

    // (5) The documents this step placed (new themes, curation): scored against their theme's final centre, and
    // their secondary themes. Provisionally themed documents were scored in their batch.
    const t4 = performance.now();
    const rescore = [...new Set([...unthemed, ...curatedIds])].sort();
    const active = new Set(set.themes.filter((t) => t.status === 'active').map((t) => t.id));
    const score = setPrimaryScore(db);
    const secondaryOf = replaceSecondary(db);
    for (let s0 = 0; s0 < rescore.length; s0 += STREAM_CHUNK) {
      const docs = loadThemeDocsByIds(db, rescore.slice(s0, s0 + STREAM_CHUNK));
      const vectors = loadVectorRows(db, vectorizer.modelId, docs.map((d) => d.id), dim);
      scoreAndFindSecondary(db, { themes: set.themes, byId, active, vectors, dim, docs, score, secondaryOf });
    }
    timings.rescore = performance.now() - t4;
    const t2 = performance.now();

    saveThemeRows(db, set);
    const changes = themeChanges(set, sizeBefore, statusBefore);
    if (input.runId !== null) saveThemeChanges(db, input.runId, changes);
    markThemeStepDone(db, input.curationUpToId);
    result = {
      set,
      changes,
      documents: input.documents,
      unthemed: input.documents - themed,
      pending,
      discovered: unthemed.length,
      vectorsComputed,
      timings: { vectorize: Math.round(t1 - t0), themes: Math.round(t2 - t1), write: Math.round(performance.now() - t2) },
      parts: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])) as IncrementalStep['parts'],
    };
  })();
  return result!;
}
