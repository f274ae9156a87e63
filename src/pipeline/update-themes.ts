// Glue between the store and the themes stage, called at the end of every `koe run` (and by `koe themes`):
// load documents, cached vectors, the theme set and the curation log; run the stage; write it all in one
// transaction.
import type { Db } from '../store/open-store.js';
import {
  appendCuration,
  currentThemeModelId,
  loadCuration,
  loadDocVectors,
  loadThemeDocs,
  loadThemeModel,
  loadThemeSet,
  lastCurationId,
  loadPendingCuration,
  markCurationApplied,
  markThemeStepDone,
  saveDocVectors,
  saveDocVectorsChunked,
  saveThemeChanges,
  saveThemeModel,
  saveThemeSet,
  type StoredThemeDoc,
} from '../store/theme-repository.js';
import {
  applyCuration,
  getVectorizer,
  isLive,
  resolveThemeOptions,
  splitTheme,
  summarizeThemes,
  updateThemeSet,
  DEFAULT_VECTORIZER,
  DEFAULT_CLUSTER_SAMPLE,
  sampleRows,
  type CurationAction,
  type FittedVectorizer,
  type ThemeOptions,
} from '../themes/index.js';
import { EMBEDDING_BACKEND } from '../themes/embedding-vectorizer.js';
import { embeddingModelId } from './embed-documents.js';

export interface ThemeUpdateSummary {
  mode: 'incremental' | 'rebuild';
  documents: number;
  /** Live themes (active + ignored) after the update. */
  themes: number;
  /** Active themes (not ignored) after the update. */
  activeThemes: number;
  appeared: number;
  grew: number;
  shrank: number;
  retired: number;
  unthemed: number;
  unthemedShare: number;
  /** Document vectors computed in this update (the rest came from the cache). */
  vectorsComputed: number;
  modelId: string;
  /** Milliseconds spent loading + vectorizing, clustering + labelling, and writing. */
  timings: { vectorize: number; themes: number; write: number };
}

/** The themes part of the run config: the stage's options and what only the pipeline uses. */
export interface ThemeConfig extends ThemeOptions {
  /**
   * A local transformers.js model directory: themes from its sentence embeddings (vectorizer 'embedding'), which
   * precomputeEmbeddings (embed-documents.ts) must have cached before updateThemes runs.
   */
  embeddingModel?: string;
}

export const OPTION_KEYS: (keyof ThemeConfig)[] = [
  'themes', 'seed', 'vectorizer', 'dimensions', 'neighbours', 'resolution', 'minThemeSize', 'assignThreshold',
  'clusterSample', 'embeddingModel',
];

/** Reads the themes part of the run config; unknown keys are an error naming them. */
export function parseThemeConfig(config: Record<string, unknown>): ThemeConfig {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    if (!(OPTION_KEYS as string[]).includes(key)) {
      throw new Error(`themes config: unknown key "${key}" (valid: ${OPTION_KEYS.join(', ')})`);
    }
    if (key === 'vectorizer') {
      if (typeof value !== 'string') throw new Error(`themes config: vectorizer must be a string, got ${JSON.stringify(value)}`);
      getVectorizer(value);
    } else if (key === 'embeddingModel') {
      if (typeof value !== 'string' || value === '') throw new Error(`themes config: embeddingModel must be a model directory, got ${JSON.stringify(value)}`);
    } else if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new Error(`themes config: ${key} must be a number, got ${JSON.stringify(value)}`);
    }
    out[key] = value;
  }
  if (out.embeddingModel !== undefined && out.vectorizer !== undefined && out.vectorizer !== EMBEDDING_BACKEND) {
    throw new Error(`themes config: embeddingModel needs vectorizer "${EMBEDDING_BACKEND}" (or none), got ${JSON.stringify(out.vectorizer)}`);
  }
  if (out.vectorizer === EMBEDDING_BACKEND && out.embeddingModel === undefined) {
    throw new Error(`themes config: vectorizer "${EMBEDDING_BACKEND}" needs embeddingModel, a local transformers.js model directory`);
  }
  return out as ThemeConfig;
}

interface Prepared {
  docs: StoredThemeDoc[];
  vectorizer: FittedVectorizer;
  vectors: Float32Array;
  fresh: { docId: string; contentHash: string; vector: Float32Array }[];
  refit: boolean;
}

type VectorCache = Map<string, { contentHash: string; vector: Float32Array }>;

/**
 * Fits a new vector space (rebuild, first run, changed backend) or loads the current one, and vectorizes.
 * `keepStoredSpace` (curation) keeps an embedding space when the config names no vectorizer: curation adds no
 * documents, so every vector is cached.
 */
function prepare(db: Db, options: ThemeConfig, seed: number, refit: boolean, keepStoredSpace = false): Prepared {
  const docs = loadThemeDocs(db);
  const storedId = currentThemeModelId(db);
  const stored = storedId ? loadThemeModel(db, storedId) : null;
  if (options.embeddingModel !== undefined) return prepareEmbedded(db, docs, stored, embeddingModelId(options.embeddingModel), seed, refit);
  if (keepStoredSpace && options.vectorizer === undefined && stored?.backend === EMBEDDING_BACKEND) {
    return prepareEmbedded(db, docs, stored, stored.modelId, seed, refit);
  }
  const backend = getVectorizer(options.vectorizer ?? DEFAULT_VECTORIZER);
  // A space fitted on a handful of documents cannot describe ten times as many: refit (ids map by overlap).
  const outgrown = stored !== null && stored.docCount < 1000 && docs.length >= 4 * Math.max(1, stored.docCount);
  const needFit = refit || !stored || stored.backend !== backend.name || outgrown;
  // The vector space is fitted on at most clusterSample documents (seeded), then every document is projected.
  const fitOn = docs.length > (options.clusterSample ?? DEFAULT_CLUSTER_SAMPLE) ? sampleRows(docs.map((_, i) => i), options.clusterSample ?? DEFAULT_CLUSTER_SAMPLE, seed).map((i) => docs[i]!) : docs;
  const vectorizer = needFit
    ? backend.fit(fitOn, { seed, ...(options.dimensions ? { dimensions: options.dimensions } : {}) })
    : backend.load(stored);
  const cache: VectorCache = needFit ? new Map() : loadDocVectors(db, vectorizer.modelId);
  return { ...vectorize(docs, vectorizer, cache), refit: needFit };
}

/**
 * The embedding space of `modelId`: its vectors were cached by precomputeEmbeddings, so none is computed here
 * (the vectorizer's transform names the documents missing one). Nothing is fitted: "refit" only re-clusters.
 */
function prepareEmbedded(db: Db, docs: StoredThemeDoc[], stored: ReturnType<typeof loadThemeModel>, modelId: string, seed: number, refit: boolean): Prepared {
  const backend = getVectorizer(EMBEDDING_BACKEND);
  const cache: VectorCache = loadDocVectors(db, modelId);
  const sameModel = stored !== null && stored.modelId === modelId;
  const needFit = refit || !sameModel;
  let vectorizer: FittedVectorizer;
  if (needFit) {
    const first = cache.values().next().value;
    vectorizer = backend.fit(docs, { seed, precomputed: { modelId, dim: first?.vector.length ?? 0 } });
  } else vectorizer = backend.load(stored);
  return { ...vectorize(docs, vectorizer, cache), refit: needFit };
}

/** One row per document: from the cache when its text is unchanged, otherwise from the vectorizer. */
function vectorize(docs: StoredThemeDoc[], vectorizer: FittedVectorizer, cache: VectorCache): Omit<Prepared, 'refit'> {
  const dim = vectorizer.dim;
  const vectors = new Float32Array(docs.length * dim);
  const missing: number[] = [];
  docs.forEach((d, i) => {
    const c = cache.get(d.id);
    if (c && c.contentHash === d.contentHash && c.vector.length === dim) vectors.set(c.vector, i * dim);
    else missing.push(i);
  });
  const fresh: Prepared['fresh'] = [];
  const chunk = 5000;
  for (let s = 0; s < missing.length; s += chunk) {
    const part = missing.slice(s, s + chunk);
    const out = vectorizer.transform(part.map((i) => docs[i]!));
    part.forEach((i, k) => {
      vectors.set(out.subarray(k * dim, (k + 1) * dim), i * dim);
      // A view into the matrix, not a copy: at a million documents a copy per vector doubled the step's memory.
      fresh.push({ docId: docs[i]!.id, contentHash: docs[i]!.contentHash, vector: vectors.subarray(i * dim, (i + 1) * dim) });
    });
  }
  return { docs, vectorizer, vectors, fresh };
}

/**
 * Updates the themes after a run: new documents join existing themes or form new ones (ids kept), or with
 * `rebuild` everything is re-clustered and old ids are mapped onto new themes by overlap. Curation is replayed.
 */
export function updateThemes(
  db: Db,
  runId: number | null,
  config: Record<string, unknown> = {},
  options: { rebuild?: boolean } = {},
): ThemeUpdateSummary {
  const themeOptions = parseThemeConfig(config);
  const previous = loadThemeSet(db);
  const hasThemes = previous.themes.some(isLive);
  const resolvedSeed = themeOptions.seed ?? 42;
  const t0 = performance.now();
  // The curation log as of now is replayed; anything queued later is applied after this step (run-koe.ts).
  const curationUpToId = lastCurationId(db);
  const prepared = prepare(db, themeOptions, resolvedSeed, options.rebuild === true || !hasThemes);
  const { docs, vectorizer, vectors } = prepared;
  const mode = prepared.refit ? 'rebuild' : 'incremental';
  const t1 = performance.now();
  const result = updateThemeSet({
    docs,
    vectors,
    dim: vectorizer.dim,
    previous,
    mode,
    curation: loadCuration(db, curationUpToId),
    runId,
    options: resolveThemeOptions(themeOptions, docs.length),
  });
  const t2 = performance.now();
  saveDocVectorsChunked(db, vectorizer.modelId, prepared.fresh);
  // Themes as of this step, all at once: a step killed half-way leaves the themes of the step before.
  db.transaction(() => {
    if (prepared.refit) saveThemeModel(db, vectorizer.serialize(), docs.length, runId);
    saveThemeSet(db, result.set);
    if (runId !== null) saveThemeChanges(db, runId, result.changes);
    markThemeStepDone(db, curationUpToId);
  })();
  const count = (c: string): number => result.changes.filter((x) => x.change === c).length;
  return {
    mode,
    documents: docs.length,
    themes: result.set.themes.filter(isLive).length,
    activeThemes: result.set.themes.filter((t) => t.status === 'active').length,
    appeared: count('appeared'),
    grew: count('grew'),
    shrank: count('shrank'),
    retired: count('retired'),
    unthemed: result.unthemed,
    unthemedShare: docs.length === 0 ? 0 : result.unthemed / docs.length,
    vectorsComputed: prepared.fresh.length,
    modelId: vectorizer.modelId,
    timings: { vectorize: Math.round(t1 - t0), themes: Math.round(t2 - t1), write: Math.round(performance.now() - t2) },
  };
}

/**
 * Records a curation action and applies it now (rename, merge, ignore, pin…; split re-clusters one theme).
 * Returns the ids it created (split children) or touched.
 */
export function curateThemes(
  db: Db,
  action: CurationAction,
  config: Record<string, unknown> = {},
  options: { logId?: number } = {},
): { themeIds: string[] } {
  const set = loadThemeSet(db);
  checkCuration(set, action);
  // Already in the log (queued during a run): mark it applied rather than logging it twice.
  const record = (stored: CurationAction): void => {
    if (options.logId !== undefined) markCurationApplied(db, options.logId);
    else appendCuration(db, stored);
  };
  const byId = new Map(set.themes.map((t) => [t.id, t]));
  const themeOptions = parseThemeConfig(config);
  if (action.action === 'split') {
    const prepared = prepare(db, themeOptions, themeOptions.seed ?? 42, false, true);
    const { set: next, children } = splitTheme(set, action.themeId, {
      docs: prepared.docs,
      vectors: prepared.vectors,
      dim: prepared.vectorizer.dim,
      runId: null,
      options: resolveThemeOptions(themeOptions, prepared.docs.length),
    });
    db.transaction(() => {
      saveDocVectors(db, prepared.vectorizer.modelId, prepared.fresh);
      saveThemeSet(db, next);
      record({ action: 'split', themeId: action.themeId, into: children });
    })();
    return { themeIds: children };
  }
  let stored: CurationAction = action;
  if (action.action === 'pin' && action.label === undefined) stored = { ...action, label: byId.get(action.themeId)!.label };
  applyCuration(set, [stored]);
  if (action.action === 'merge') {
    // Sizes, centres, labels and quotes of the merged theme come from its new members.
    const prepared = prepare(db, themeOptions, themeOptions.seed ?? 42, false, true);
    summarizeThemes(set, {
      docs: prepared.docs,
      rowOf: new Map(prepared.docs.map((d, i) => [d.id, i])),
      vectors: prepared.vectors,
      dim: prepared.vectorizer.dim,
      runId: null,
    });
  }
  db.transaction(() => {
    saveThemeSet(db, set);
    record(stored);
  })();
  return { themeIds: [action.themeId] };
}

/** Throws a sentence when the action names a theme that does not exist or is no longer live. */
function checkCuration(set: ReturnType<typeof loadThemeSet>, action: CurationAction): void {
  const byId = new Map(set.themes.map((t) => [t.id, t]));
  for (const id of [action.themeId, ...(action.action === 'merge' ? action.from : [])]) {
    const t = byId.get(id);
    if (!t) throw new Error(`no theme ${id} (list them with koe themes --db PATH)`);
    if (t.status === 'merged' || t.status === 'retired') throw new Error(`theme ${id} is ${t.status}${t.mergedInto ? ` into ${t.mergedInto}` : ''}`);
  }
}

/** Curation that can wait in the log for the writer's theme step (a split re-clusters now, so it cannot). */
export const QUEUEABLE_CURATION: readonly CurationAction['action'][] = ['rename', 'merge', 'ignore', 'unignore', 'pin', 'unpin'];

/**
 * Records a curation action given while another process writes the database: checked against the themes as they
 * are, then queued in the log (one short insert). The writer's theme step replays it; one that arrives after that
 * step began is applied by applyPendingCuration when the step ends. Returns the log id.
 */
export function queueCuration(db: Db, action: CurationAction): number {
  if (!QUEUEABLE_CURATION.includes(action.action)) throw new Error(`${action.action} cannot be queued while another process writes the database`);
  checkCuration(loadThemeSet(db), action);
  return appendCuration(db, action, { pending: true });
}

/**
 * Applies the queued curation no theme step has replayed yet (given while this process held the database).
 * An action that no longer fits (its theme was merged or retired meanwhile) is reported and left to the log's
 * replay, which skips it.
 */
export function applyPendingCuration(db: Db, config: Record<string, unknown> = {}): { applied: number; skipped: string[] } {
  let applied = 0;
  const skipped: string[] = [];
  for (const { logId, ...action } of loadPendingCuration(db)) {
    try {
      curateThemes(db, action as CurationAction, config, { logId });
      applied++;
    } catch (err) {
      markCurationApplied(db, logId);
      skipped.push(`${action.action} ${action.themeId}: ${(err as Error).message}`);
    }
  }
  return { applied, skipped };
}

/**
 * After documents were erased (koe forget): every theme's size, negative share, kinds, quotes and label are
 * recomputed from the members that remain; a theme left empty is retired. No document is re-clustered.
 */
export function refreshThemeSummaries(db: Db, config: Record<string, unknown> = {}): void {
  if (currentThemeModelId(db) === null) return;
  const themeOptions = parseThemeConfig(config);
  const set = loadThemeSet(db);
  const prepared = prepare(db, themeOptions, themeOptions.seed ?? 42, false, true);
  summarizeThemes(set, {
    docs: prepared.docs,
    rowOf: new Map(prepared.docs.map((d, i) => [d.id, i])),
    vectors: prepared.vectors,
    dim: prepared.vectorizer.dim,
    runId: null,
  });
  db.transaction(() => {
    saveDocVectors(db, prepared.vectorizer.modelId, prepared.fresh);
    saveThemeSet(db, set);
  })();
}
