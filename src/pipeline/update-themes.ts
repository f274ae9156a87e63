// Glue between the store and the themes stage, called at the end of every `koe run` (and by `koe themes`):
// load documents, cached vectors, the theme set and the curation log; run the stage; write it all in one
// transaction.
import type { Db } from '../store/open-store.js';
import {
  appendCuration,
  currentSpaceDictionaryVersion,
  currentSpaceEncoderName,
  currentThemeModelId,
  listCuration,
  loadCuration,
  markCurationUndone,
  recordCurationBefore,
  countThemeDocs,
  loadDocVectors,
  loadDocVectorsByIds,
  loadThemeDocs,
  loadThemeDocsByIds,
  loadThemeModel,
  loadThemeSet,
  loadThemesOnly,
  lastCurationId,
  loadPendingCuration,
  markCurationApplied,
  markThemeStepDone,
  saveDocVectors,
  saveDocVectorsChunked,
  saveThemeChanges,
  saveThemeModel,
  saveThemeSet,
  saveThemeRows,
  type CurationBeforeState,
  type CurationEntry,
  type StoredThemeDoc,
} from '../store/theme-repository.js';
import {
  applyCuration,
  getVectorizer,
  isLive,
  loadConceptDictionary,
  resolveThemeOptions,
  splitMembers,
  splitTheme,
  summarizeThemes,
  updateThemeSet,
  DEFAULT_VECTORIZER,
  DEFAULT_CLUSTER_SAMPLE,
  sampleRows,
  type CurationAction,
  type FittedVectorizer,
  type ThemeOptions,
  type ThemeSet,
} from '../themes/index.js';
import { EMBEDDING_BACKEND } from '../themes/embedding-vectorizer.js';
import { ENCODER_LSA_BACKEND, encoderCovers, encoderVectorsId, spaceEncoder } from '../themes/encoder-lsa-vectorizer.js';
import type { EncoderRef } from '../themes/theme-types.js';
import { embeddingModelId } from './embed-documents.js';
import { rebuildThemesStreaming, STREAM_CHUNK } from './stream-themes.js';
import { nearest } from '../themes/discover-clusters.js';
import { updateThemesIncrementally } from './incremental-themes.js';
import { storedSpaceAtSize } from './provisional-themes.js';
import { loadVectorRows, setPrimary } from '../store/theme-step-repository.js';

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
  /** The incremental step at size (incremental-themes.ts): pending documents it finished, and those no theme took. */
  pending?: number;
  discovered?: number;
  /** Live themes whose members its summary read again, those brought up to date from their stored figures, of all live themes. */
  reread?: { themes: number; fromStored: number; of: number };
  /** Its milliseconds by part (discover, curation, summary, rescore). */
  parts?: Record<string, number>;
  /**
   * True when an incremental step kept a space fitted with another version of the concept dictionary (koe was
   * updated since): new documents are read with the current one, the themes are the older space's until
   * `koe themes rebuild`. Absent otherwise.
   */
  conceptDictionaryChanged?: boolean;
  /**
   * The sentence encoder the themes had been found with, when this step found them again without one (its config
   * named no encoder): the next step with the encoder encodes its documents anew. Absent otherwise.
   */
  encoderDropped?: string;
}

/** The themes part of the run config: the stage's options and what only the pipeline uses. */
export interface ThemeConfig extends ThemeOptions {
  /**
   * A local transformers.js model directory: themes from its sentence embeddings (vectorizer 'embedding'), which
   * precomputeEmbeddings (embed-documents.ts) must have cached before updateThemes runs.
   */
  embeddingModel?: string;
  /**
   * A sentence encoder (the built-in use-lite-en, or a local model directory) whose vectors join the words and
   * concepts of every document it covers (vectorizer 'tfidf-lsa+encoder'); precomputeEncoderVectors
   * (embed-documents.ts) encodes and caches them and gives the reference updateThemes takes.
   */
  encoder?: string;
}

export const OPTION_KEYS: (keyof ThemeConfig)[] = [
  'themes', 'seed', 'vectorizer', 'dimensions', 'neighbours', 'resolution', 'sharpening', 'minThemeSize', 'assignThreshold', 'mergeSimilarity',
  'clusterSample', 'embeddingModel', 'encoder', 'emergingSplit', 'kindSplit',
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
    } else if (key === 'emergingSplit' || key === 'kindSplit') {
      if (typeof value !== 'boolean') throw new Error(`themes config: ${key} must be true or false, got ${JSON.stringify(value)}`);
    } else if (key === 'embeddingModel') {
      if (typeof value !== 'string' || value === '') throw new Error(`themes config: embeddingModel must be a model directory, got ${JSON.stringify(value)}`);
    } else if (key === 'encoder') {
      if (typeof value !== 'string' || value === '') throw new Error(`themes config: encoder must be use-lite-en or a model directory, got ${JSON.stringify(value)}`);
    } else if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new Error(`themes config: ${key} must be a number, got ${JSON.stringify(value)}`);
    }
    out[key] = value;
  }
  if (out.embeddingModel !== undefined && out.vectorizer !== undefined && out.vectorizer !== EMBEDDING_BACKEND) {
    throw new Error(`themes config: embeddingModel needs vectorizer "${EMBEDDING_BACKEND}" (or none), got ${JSON.stringify(out.vectorizer)}`);
  }
  if (out.encoder !== undefined && out.embeddingModel !== undefined) {
    throw new Error('themes config: encoder (words joined with sentence vectors) and embeddingModel (sentence vectors alone) exclude each other');
  }
  if (out.encoder !== undefined && out.vectorizer !== undefined && out.vectorizer !== ENCODER_LSA_BACKEND) {
    throw new Error(`themes config: encoder needs vectorizer "${ENCODER_LSA_BACKEND}" (or none), got ${JSON.stringify(out.vectorizer)}`);
  }
  if (out.vectorizer === ENCODER_LSA_BACKEND && out.encoder === undefined) {
    throw new Error(`themes config: vectorizer "${ENCODER_LSA_BACKEND}" needs encoder (use-lite-en or a model directory)`);
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
function prepare(db: Db, options: ThemeConfig, seed: number, refit: boolean, keepStoredSpace = false, encoder?: EncoderRef): Prepared {
  const docs = loadThemeDocs(db);
  const storedId = currentThemeModelId(db);
  const stored = storedId ? loadThemeModel(db, storedId) : null;
  if (options.embeddingModel !== undefined) return prepareEmbedded(db, docs, stored, embeddingModelId(options.embeddingModel), seed, refit);
  if (keepStoredSpace && options.vectorizer === undefined && stored?.backend === EMBEDDING_BACKEND) {
    return prepareEmbedded(db, docs, stored, stored.modelId, seed, refit);
  }
  // Curation keeps a stored words-and-encoder space (its documents' joined vectors are all cached) with the encoder
  // it was fitted with; a theme step is handed the encoder its documents were just encoded with.
  const storedEncoder = encoderOfSpace(stored);
  if (keepStoredSpace && storedEncoder && (options.vectorizer === undefined || options.encoder !== undefined)) {
    return prepareEncoded(db, docs, stored, storedEncoder, options, seed, refit);
  }
  if (options.encoder !== undefined && !keepStoredSpace) {
    if (!encoder) throw new Error(`themes config names encoder ${options.encoder}: encode the documents first (precomputeEncoderVectors) and pass its reference`);
    return prepareEncoded(db, docs, stored, encoder, options, seed, refit);
  }
  const backend = getVectorizer(options.vectorizer ?? DEFAULT_VECTORIZER);
  const needFit = refit || !stored || stored.backend !== backend.name || isOutgrown(stored, docs.length);
  const vectorizer = needFit
    ? backend.fit(fitSample(docs, options, seed), { seed, ...(options.dimensions ? { dimensions: options.dimensions } : {}) })
    : backend.load(stored);
  const cache: VectorCache = needFit ? new Map() : loadDocVectors(db, vectorizer.modelId);
  return { ...vectorize(docs, vectorizer, cache), refit: needFit };
}

/** The encoder a stored words-and-encoder space reads, undefined for any other space. */
function encoderOfSpace(stored: ReturnType<typeof loadThemeModel>): EncoderRef | undefined {
  return stored?.backend === ENCODER_LSA_BACKEND ? (stored.params as { encoder?: EncoderRef }).encoder : undefined;
}

/** A space fitted on a handful of documents cannot describe ten times as many: refit (ids map by overlap). */
function isOutgrown(stored: { docCount: number } | null, docCount: number): boolean {
  return stored !== null && stored.docCount < 1000 && docCount >= 4 * Math.max(1, stored.docCount);
}

/** The documents a space is fitted on: at most clusterSample of them (seeded), then every document is projected. */
function fitSample<T>(docs: T[], options: ThemeConfig, seed: number): T[] {
  const sample = options.clusterSample ?? DEFAULT_CLUSTER_SAMPLE;
  return docs.length > sample ? sampleRows(docs.map((_, i) => i), sample, seed).map((i) => docs[i]!) : docs;
}

/**
 * The words-and-encoder space (encoder-lsa-vectorizer.ts): each document the encoder covers carries its cached
 * encoder vector (precomputeEncoderVectors wrote them); the space is fitted as the default one is (on at most
 * clusterSample documents) and refitted when the encoder changed.
 */
function prepareEncoded(
  db: Db,
  docs: StoredThemeDoc[],
  stored: ReturnType<typeof loadThemeModel>,
  encoder: EncoderRef,
  options: ThemeConfig,
  seed: number,
  refit: boolean,
): Prepared {
  const backend = getVectorizer(ENCODER_LSA_BACKEND);
  const storedEncoder = encoderOfSpace(stored);
  const needFit = refit || !storedEncoder || storedEncoder.id !== encoder.id || isOutgrown(stored, docs.length);
  const cache: VectorCache = needFit ? new Map() : loadDocVectors(db, stored!.modelId);
  // The encoder's vectors of the documents the step must vectorize: all of them for a fit, else those with no
  // current joined vector (a nightly run's new ones), not every document's 512 numbers again.
  const toVectorize = docs.filter((d) => cache.get(d.id)?.contentHash !== d.contentHash && encoderCovers(encoder, d));
  const encoded = toVectorize.length > docs.length / 4
    ? loadDocVectors(db, encoderVectorsId(encoder))
    : loadDocVectorsByIds(db, encoderVectorsId(encoder), toVectorize.map((d) => d.id));
  for (const d of toVectorize) {
    const c = encoded.get(d.id);
    if (c && c.contentHash === d.contentHash) d.encoded = c.vector;
  }
  encoded.clear();
  const vectorizer = needFit
    ? backend.fit(fitSample(docs, options, seed), { seed, encoder, ...(options.dimensions ? { dimensions: options.dimensions } : {}) })
    : backend.load(stored!);
  const prepared = { ...vectorize(docs, vectorizer, cache), refit: needFit };
  // The joined vectors hold what the step needs; the encoder's own (512 numbers a document) can go.
  for (const d of docs) delete d.encoded;
  return prepared;
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
  options: { rebuild?: boolean; encoder?: EncoderRef } = {},
): ThemeUpdateSummary {
  const encoderBefore = currentSpaceEncoderName(db);
  const summary = updateThemesOnce(db, runId, config, options);
  // A run that forgot --theme-encoder (a cron line without it) falls back to the default space: say so.
  const encoderDropped = encoderBefore !== null && currentSpaceEncoderName(db) === null ? { encoderDropped: encoderBefore } : {};
  // Themes stay stable across runs, so a newer dictionary (a better reading of some wordings) reaches the themes only
  // through a rebuild: say so, rather than refit behind the user's back.
  return summary.mode === 'incremental' && themesPredateDictionary(db)
    ? { ...summary, ...encoderDropped, conceptDictionaryChanged: true }
    : { ...summary, ...encoderDropped };
}

/** The sentence encoder the current themes were found with beside the words (--theme-encoder), or null. */
export function themesEncoder(db: Db): string | null {
  return currentSpaceEncoderName(db);
}

/**
 * Whether the current themes' vector space was fitted with another version of the concept dictionary than this koe
 * reads with (koe was updated since): `koe themes rebuild` finds the themes again with the current one.
 */
export function themesPredateDictionary(db: Db): boolean {
  const fittedWith = currentSpaceDictionaryVersion(db);
  return fittedWith !== null && fittedWith !== loadConceptDictionary().version;
}

function updateThemesOnce(
  db: Db,
  runId: number | null,
  config: Record<string, unknown>,
  options: { rebuild?: boolean; encoder?: EncoderRef },
): ThemeUpdateSummary {
  const themeOptions = parseThemeConfig(config);
  // The curation log as of now is replayed; anything queued later is applied after this step (run-koe.ts).
  const curationUpToId = lastCurationId(db);
  // At size, with a space and themes to build on: a step whose cost follows the pending documents.
  if (options.rebuild !== true) {
    const atSize = incrementalAtSize(db, runId, themeOptions, curationUpToId);
    if (atSize) return atSize;
  }
  // Above clusterSample a rebuild streams: it reads the themes alone, never every assignment.
  const hasThemes = loadThemesOnly(db).themes.some(isLive);
  const streamed = streamingRebuild(db, runId, themeOptions, curationUpToId, options.rebuild === true || !hasThemes);
  if (streamed) return streamed;
  const previous = loadThemeSet(db);
  const resolvedSeed = themeOptions.seed ?? 42;
  const t0 = performance.now();
  const prepared = prepare(db, themeOptions, resolvedSeed, options.rebuild === true || !hasThemes, false, options.encoder);
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
    const encoder = spaceEncoder(vectorizer);
    if (prepared.refit) saveThemeModel(db, vectorizer.serialize(), docs.length, runId, encoder ? [encoderVectorsId(encoder)] : []);
    saveThemeSet(db, result.set);
    if (runId !== null) saveThemeChanges(db, runId, result.changes);
    markThemeStepDone(db, curationUpToId);
  })();
  return summarizeUpdate(mode, docs.length, result, {
    vectorsComputed: prepared.fresh.length,
    modelId: vectorizer.modelId,
    timings: { vectorize: Math.round(t1 - t0), themes: Math.round(t2 - t1), write: Math.round(performance.now() - t2) },
  });
}

/** What a theme step did, counted from the set and changes it saved (in-memory and streamed steps alike). */
function summarizeUpdate(
  mode: ThemeUpdateSummary['mode'],
  documents: number,
  result: { set: ThemeSet; changes: readonly { change: string }[]; unthemed: number },
  work: Pick<ThemeUpdateSummary, 'vectorsComputed' | 'modelId' | 'timings'>,
): ThemeUpdateSummary {
  const count = (c: string): number => result.changes.filter((x) => x.change === c).length;
  return {
    mode,
    documents,
    themes: result.set.themes.filter(isLive).length,
    activeThemes: result.set.themes.filter((t) => t.status === 'active').length,
    appeared: count('appeared'),
    grew: count('grew'),
    shrank: count('shrank'),
    retired: count('retired'),
    unthemed: result.unthemed,
    unthemedShare: documents === 0 ? 0 : result.unthemed / documents,
    ...work,
  };
}

/**
 * The incremental step over a store larger than clusterSample that has a fitted space and live themes
 * (incremental-themes.ts): assignments stay in the store, the cost follows the pending documents plus one
 * streamed summary pass. Null when the in-memory or streamed-rebuild paths apply.
 */
function incrementalAtSize(db: Db, runId: number | null, themeOptions: ThemeConfig, curationUpToId: number): ThemeUpdateSummary | null {
  const space = storedSpaceAtSize(db, themeOptions);
  if (!space) return null;
  const previous = loadThemesOnly(db);
  if (!previous.themes.some(isLive)) return null;
  const step = updateThemesIncrementally(db, {
    vectorizer: space.vectorizer,
    previous,
    curation: loadCuration(db, curationUpToId),
    curationUpToId,
    runId,
    documents: space.count,
    options: resolveThemeOptions(themeOptions, space.count),
  });
  return {
    ...summarizeUpdate('incremental', step.documents, step, { vectorsComputed: step.vectorsComputed, modelId: space.vectorizer.modelId, timings: step.timings }),
    pending: step.pending,
    discovered: step.discovered,
    reread: step.reread,
    parts: step.parts,
  };
}

/**
 * A rebuild over more documents than clusterSample (TF-IDF + LSA space, the default) runs chunk by chunk
 * (stream-themes.ts) so that its memory does not grow with the corpus; null when the in-memory path applies.
 */
function streamingRebuild(
  db: Db,
  runId: number | null,
  themeOptions: ThemeConfig,
  curationUpToId: number,
  refit: boolean,
): ThemeUpdateSummary | null {
  if (themeOptions.embeddingModel !== undefined || themeOptions.encoder !== undefined) return null;
  const count = countThemeDocs(db);
  if (count <= (themeOptions.clusterSample ?? DEFAULT_CLUSTER_SAMPLE)) return null;
  const backend = getVectorizer(themeOptions.vectorizer ?? DEFAULT_VECTORIZER);
  if (backend.name === EMBEDDING_BACKEND) return null;
  const storedId = currentThemeModelId(db);
  const stored = storedId ? loadThemeModel(db, storedId) : null;
  if (!(refit || !stored || stored.backend !== backend.name || isOutgrown(stored, count))) return null;
  const result = rebuildThemesStreaming(db, {
    backend,
    ...(themeOptions.dimensions ? { dimensions: themeOptions.dimensions } : {}),
    previous: loadThemesOnly(db),
    curation: loadCuration(db, curationUpToId),
    runId,
    options: resolveThemeOptions(themeOptions, count),
  });
  const t2 = performance.now();
  try {
    db.transaction(() => {
      saveThemeModel(db, result.vectorizer.serialize(), result.documents, runId);
      saveThemeRows(db, result.set);
      result.replaceAssignments();
      if (runId !== null) saveThemeChanges(db, runId, result.changes);
      markThemeStepDone(db, curationUpToId);
    })();
  } finally {
    result.dispose();
  }
  return summarizeUpdate('rebuild', result.documents, result, {
    vectorsComputed: result.vectorsComputed,
    modelId: result.vectorizer.modelId,
    timings: { ...result.timings, write: Math.round(performance.now() - t2) },
  });
}

/** A curation request that cannot be carried out; `reason` says why (the server answers 404 or 400/409). */
export class CurationError extends Error {
  override name = 'CurationError';
  constructor(
    message: string,
    readonly reason: 'not_found' | 'invalid' | 'conflict',
  ) {
    super(message);
  }
}

function checkLive(set: ThemeSet, id: string): void {
  const t = set.themes.find((x) => x.id === id);
  if (!t) throw new CurationError(`no theme ${id} (list them with koe themes --db PATH)`, 'not_found');
  if (t.status === 'merged' || t.status === 'retired') throw new CurationError(`theme ${id} is ${t.status}${t.mergedInto ? ` into ${t.mergedInto}` : ''}`, 'invalid');
}

function snapshotThemes(set: ThemeSet, ids: readonly string[]): CurationBeforeState['themes'] {
  return set.themes
    .filter((t) => ids.includes(t.id))
    .map((t) => ({ id: t.id, label: t.label, labelPinned: t.labelPinned, status: t.status, mergedInto: t.mergedInto }));
}

function assignmentsOf(set: ThemeSet, themeIds: readonly string[]): [string, string | null][] {
  return [...set.assignments.values()].filter((a) => themeIds.includes(a.themeId)).map((a) => [a.docId, a.themeId]);
}

function resummarize(db: Db, set: ThemeSet, themeOptions: ThemeConfig): { modelId: string; fresh: Prepared['fresh'] } {
  // Sizes, centres, labels and quotes of the themes that changed members come from their new members.
  const prepared = prepare(db, themeOptions, themeOptions.seed ?? 42, false, true);
  summarizeThemes(set, {
    docs: prepared.docs,
    rowOf: new Map(prepared.docs.map((d, i) => [d.id, i])),
    vectors: prepared.vectors,
    dim: prepared.vectorizer.dim,
    runId: null,
  });
  return { modelId: prepared.vectorizer.modelId, fresh: prepared.fresh };
}

/** The sub-themes a split would make, without saving anything (the split is seeded: applying it gives the same). */
export function previewSplit(
  db: Db,
  themeId: string,
  config: Record<string, unknown> = {},
): { themeId: string; children: { id: string; label: string; size: number; shareNegative: number; quotes: string[]; docIds: string[] }[] } {
  const themeOptions = parseThemeConfig(config);
  const atSize = storedSpaceAtSize(db, themeOptions);
  const { set: next, children } = atSize ? splitAtSize(db, themeId, themeOptions, atSize) : splitInMemory(db, themeId, themeOptions);
  const byId = new Map(next.themes.map((t) => [t.id, t]));
  return {
    themeId,
    children: children.map((id) => {
      const t = byId.get(id)!;
      return { id, label: t.label, size: t.size, shareNegative: t.shareNegative, quotes: t.quotes, docIds: assignmentsOf(next, [id]).map(([d]) => d) };
    }),
  };
}

function splitInMemory(db: Db, themeId: string, themeOptions: ThemeConfig): { set: ThemeSet; children: string[] } {
  const set = loadThemeSet(db);
  checkLive(set, themeId);
  return splitOf(set, themeId, prepare(db, themeOptions, themeOptions.seed ?? 42, false, true), themeOptions);
}

/** Members a split at size clusters (or clusterSample, if smaller): a larger theme is cut on a seeded sample. */
const SPLIT_SAMPLE = 5_000;

/**
 * A split at size, from the theme's own members: their stored vectors and documents are read (not every document's),
 * cut as the in-memory split cuts them (on a sample of at most SPLIT_SAMPLE, the rest placed by the nearest
 * sub-theme centre), and the sub-themes summarized among themselves (their labels set apart from
 * each other; the theme step after a split applied summarizes them again from all their members). The parent is
 * retired.
 */
function splitAtSize(db: Db, themeId: string, themeOptions: ThemeConfig, space: NonNullable<ReturnType<typeof storedSpaceAtSize>>): { set: ThemeSet; children: string[] } {
  const themes = loadThemesOnly(db);
  checkLive(themes, themeId);
  const ids = db.prepare('SELECT doc_id FROM document_themes WHERE rank = 0 AND theme_id = ? ORDER BY doc_id').pluck().all(themeId) as string[];
  // A very large theme is cut on a seeded sample of its members and the rest placed by their nearest sub-theme centre,
  // as the theme step at size does (clustering all 107,000 members of one theme took 45 s).
  const seed = themeOptions.seed ?? 42;
  const sampleSize = Math.min(SPLIT_SAMPLE, themeOptions.clusterSample ?? DEFAULT_CLUSTER_SAMPLE);
  const sampled = sampleRows(ids.map((_, i) => i), sampleSize, seed).sort((a, b) => a - b).map((i) => ids[i]!);
  const byId = new Map(loadThemeDocsByIds(db, sampled).map((d) => [d.id, d]));
  const docs = sampled.map((id) => byId.get(id)).filter((d) => d !== undefined);
  const dim = space.vectorizer.dim;
  const vectors = loadVectorRows(db, space.vectorizer.modelId, docs.map((d) => d.id), dim);
  const members: ThemeSet = { ...themes, assignments: new Map(docs.map((d) => [d.id, { docId: d.id, themeId, score: 0 }])) };
  const input = { docs, vectors, dim, runId: null, options: resolveThemeOptions(themeOptions, space.count) };
  const { set: next, children } = (() => {
    try {
      return splitMembers(members, themeId, input);
    } catch (err) {
      throw new CurationError((err as Error).message, 'invalid');
    }
  })();
  // Summaries of the sub-themes alone, from the sampled members (centres, quotes, labels told apart from each other).
  const childSet: ThemeSet = { themes: next.themes.filter((t) => children.includes(t.id)), assignments: next.assignments, categories: next.categories };
  summarizeThemes(childSet, { docs, rowOf: new Map(docs.map((d, i) => [d.id, i])), vectors, dim, runId: null });
  if (docs.length < ids.length) {
    const inSample = new Set(docs.map((d) => d.id));
    const rest = ids.filter((id) => !inSample.has(id));
    const centres = childSet.themes.filter((t) => t.centroid !== null && t.centroid.length === dim);
    const centroids = centres.map((t) => t.centroid!);
    for (let i = 0; i < rest.length; i += STREAM_CHUNK) {
      const chunk = rest.slice(i, i + STREAM_CHUNK);
      const rows = loadVectorRows(db, space.vectorizer.modelId, chunk, dim);
      chunk.forEach((docId, r) => {
        const best = nearest(rows, dim, r, centroids);
        next.assignments.set(docId, { docId, themeId: centres[best.index]!.id, score: best.similarity });
      });
    }
    // Sizes count every member; the other figures come from the sample (the theme step after the split recounts all).
    const sizes = new Map<string, number>();
    for (const a of next.assignments.values()) sizes.set(a.themeId, (sizes.get(a.themeId) ?? 0) + 1);
    for (const t of childSet.themes) t.size = sizes.get(t.id) ?? 0;
  }
  return { set: next, children };
}

function splitOf(set: ThemeSet, themeId: string, prepared: Prepared, themeOptions: ThemeConfig): { set: ThemeSet; children: string[] } {
  try {
    return splitTheme(set, themeId, {
      docs: prepared.docs,
      vectors: prepared.vectors,
      dim: prepared.vectorizer.dim,
      runId: null,
      options: resolveThemeOptions(themeOptions, prepared.docs.length),
    });
  } catch (err) {
    throw new CurationError((err as Error).message, 'invalid');
  }
}

/**
 * Records a curation action and applies it now (rename, merge, ignore, pin, move…; split re-clusters one theme).
 * What the action changed is stored beside it so that undoCuration can put it back. Returns the ids it created
 * (split children) or touched, and the log id.
 */
export function curateThemes(
  db: Db,
  action: CurationAction,
  config: Record<string, unknown> = {},
  options: { logId?: number } = {},
): { themeIds: string[]; curationId: number } {
  const themeOptions = parseThemeConfig(config);
  // Already in the log (queued during a run): mark it applied, with what it changed, rather than logging it twice.
  const record = (stored: CurationAction, before: CurationBeforeState): number => {
    if (options.logId === undefined) return appendCuration(db, stored, { before });
    markCurationApplied(db, options.logId);
    recordCurationBefore(db, options.logId, stored, before);
    return options.logId;
  };
  // A label or a status leaves every assignment as it is: the themes alone are read and written (at a million
  // documents a rename read and rewrote every assignment: 7.7 s, 573 MB).
  if (action.action !== 'move' && action.action !== 'merge' && action.action !== 'split') {
    const themes = loadThemesOnly(db);
    checkCuration(themes, action);
    const stored: CurationAction = action.action === 'pin' && action.label === undefined ? { ...action, label: themes.themes.find((t) => t.id === action.themeId)!.label } : action;
    const before: CurationBeforeState = { themes: snapshotThemes(themes, [action.themeId]), assignments: [], created: [] };
    if (applyCuration(themes, [stored]).skipped.length > 0) throw new CurationError(`${action.action} could not be applied to ${action.themeId}`, 'invalid');
    let curationId = 0;
    db.transaction(() => {
      saveThemeRows(db, themes);
      curationId = record(stored, before);
    })();
    return { themeIds: [action.themeId], curationId };
  }
  const space = storedSpaceAtSize(db, themeOptions);
  if ((action.action === 'move' || action.action === 'merge') && space) return curateMembersAtSize(db, action, config, options);
  if (action.action === 'split' && space) return splitThemeAtSize(db, action.themeId, themeOptions, space, config, record);
  const set = loadThemeSet(db);
  checkCuration(set, action);
  if (action.action === 'split') {
    const prepared = prepare(db, themeOptions, themeOptions.seed ?? 42, false, true);
    const { set: next, children } = splitOf(set, action.themeId, prepared, themeOptions);
    const parts = Object.fromEntries(children.map((c) => [c, assignmentsOf(next, [c]).map(([d]) => d)]));
    const before: CurationBeforeState = {
      themes: snapshotThemes(set, [action.themeId]),
      assignments: assignmentsOf(set, [action.themeId]),
      created: children,
    };
    let curationId = 0;
    db.transaction(() => {
      saveDocVectors(db, prepared.vectorizer.modelId, prepared.fresh);
      saveThemeSet(db, next);
      curationId = record({ action: 'split', themeId: action.themeId, into: children, parts }, before);
    })();
    return { themeIds: children, curationId };
  }
  const { stored, before } = membersActionBefore(db, set, action);
  const { skipped } = applyCuration(set, [stored]);
  if (skipped.length > 0) throw new CurationError(`${action.action} could not be applied to ${action.themeId}`, 'invalid');
  const vectors = resummarize(db, set, themeOptions);
  let curationId = 0;
  db.transaction(() => {
    saveDocVectors(db, vectors.modelId, vectors.fresh);
    saveThemeSet(db, set);
    curationId = record(stored, before);
  })();
  return { themeIds: [action.themeId], curationId };
}

/**
 * A move or merge as it is logged, and what it changes, read from the store (the same for the in-memory and the
 * at-size paths): a move names the theme the document leaves; a merge keeps the merged themes' members and states.
 */
function membersActionBefore(
  db: Db,
  themes: ThemeSet,
  action: Extract<CurationAction, { action: 'move' | 'merge' }>,
): { stored: CurationAction; before: CurationBeforeState } {
  if (action.action === 'move') {
    const doc = db.prepare('SELECT d.id FROM documents d JOIN analyses a ON a.doc_id = d.id WHERE d.id = ?').pluck().get(action.docId);
    if (doc === undefined) throw new CurationError(`no analysed document ${action.docId}`, 'not_found');
    const from = (db.prepare('SELECT theme_id FROM document_themes WHERE doc_id = ? AND rank = 0').pluck().get(action.docId) as string | undefined) ?? null;
    if (from === action.themeId) throw new CurationError(`document ${action.docId} is already in theme ${action.themeId}`, 'invalid');
    return { stored: { ...action, from }, before: { themes: [], assignments: [[action.docId, from]], created: [] } };
  }
  const members = db
    .prepare('SELECT doc_id, theme_id FROM document_themes WHERE rank = 0 AND theme_id IN (SELECT value FROM json_each(?)) ORDER BY doc_id')
    .raw()
    .all(JSON.stringify(action.from)) as [string, string][];
  return { stored: action, before: { themes: snapshotThemes(themes, [action.themeId, ...action.from]), assignments: members, created: [] } };
}

/**
 * A move or merge at size (a store past clusterSample with its vectors stored): the action is logged as not yet
 * applied, with what it changes, and the theme step at size applies it (incremental-themes.ts): the log's replay
 * writes the documents it names and the merged themes' members in place, and the themes whose members changed are
 * summarized again from the stored vectors. The in-memory path loaded every document and vector instead (at a million documents one move
 * took 57 s and 4 GB). A step cut short leaves the action in the log, and the next theme step applies it.
 */
function curateMembersAtSize(
  db: Db,
  action: Extract<CurationAction, { action: 'move' | 'merge' }>,
  config: Record<string, unknown>,
  options: { logId?: number },
): { themeIds: string[]; curationId: number } {
  const themes = loadThemesOnly(db);
  checkCuration(themes, action);
  const { stored, before } = membersActionBefore(db, themes, action);
  let curationId = options.logId ?? 0;
  db.transaction(() => {
    if (options.logId === undefined) curationId = appendCuration(db, stored, { before, pending: true });
    else recordCurationBefore(db, options.logId, stored, before);
  })();
  updateThemes(db, null, config);
  return { themeIds: [action.themeId], curationId };
}

/**
 * A split applied at size: the sub-themes found from the theme's own members (splitAtSize) are written with their
 * members moved to them, and the theme step at size summarizes the themes whose members changed from the stored
 * vectors.
 */
function splitThemeAtSize(
  db: Db,
  themeId: string,
  themeOptions: ThemeConfig,
  space: NonNullable<ReturnType<typeof storedSpaceAtSize>>,
  config: Record<string, unknown>,
  record: (stored: CurationAction, before: CurationBeforeState) => number,
): { themeIds: string[]; curationId: number } {
  const parent = snapshotThemes(loadThemesOnly(db), [themeId]);
  const { set: next, children } = splitAtSize(db, themeId, themeOptions, space);
  const parts = Object.fromEntries(children.map((c) => [c, assignmentsOf(next, [c]).map(([d]) => d)]));
  const before: CurationBeforeState = {
    themes: parent,
    assignments: Object.values(parts).flatMap((docs) => docs.map((d): [string, string | null] => [d, themeId])),
    created: children,
  };
  const give = setPrimary(db);
  let curationId = 0;
  db.transaction(() => {
    saveThemeRows(db, next); // the sub-themes first: their members reference them
    for (const [child, docs] of Object.entries(parts)) for (const d of docs) give(d, child, next.assignments.get(d)?.score ?? 0);
    curationId = record({ action: 'split', themeId, into: children, parts }, before);
  })();
  updateThemes(db, null, config);
  return { themeIds: children, curationId };
}

/** Actions of one class build on each other (a rename on a rename, a move into a merge); other classes do not. */
function classOf(a: CurationAction): 'label' | 'status' | 'members' {
  if (a.action === 'rename' || a.action === 'pin' || a.action === 'unpin') return 'label';
  if (a.action === 'ignore' || a.action === 'unignore') return 'status';
  return 'members';
}

/** Theme and document ids a logged action touched: a later action touching one of them blocks undoing it. */
function touched(entry: CurationEntry): Set<string> {
  const a = entry.action;
  const ids = new Set<string>([a.themeId]);
  if (a.action === 'merge') a.from.forEach((x) => ids.add(x));
  if (a.action === 'split') (a.into ?? Object.keys(a.parts ?? {})).forEach((x) => ids.add(x));
  if (a.action === 'move') {
    ids.add(`doc:${a.docId}`);
    if (a.from) ids.add(a.from);
  }
  return ids;
}

/**
 * Undoes a curation action (default: the latest in force): what it changed is put back and it is marked undone
 * in the log, so no later run or rebuild replays it. An action that a later one (still in force) builds on
 * cannot be undone before that one: the error names it.
 */
export function undoCuration(db: Db, id: number | null = null, config: Record<string, unknown> = {}): { undone: CurationEntry } {
  const log = listCuration(db);
  const live = log.filter((e) => e.undoneAt === null);
  const entry = id === null ? live[0] : log.find((e) => e.id === id);
  if (!entry) throw new CurationError(id === null ? 'nothing to undo: no curation action in force' : `no curation action ${id}`, 'not_found');
  if (entry.undoneAt !== null) throw new CurationError(`curation action ${entry.id} was already undone at ${entry.undoneAt}`, 'conflict');
  if (!entry.before) throw new CurationError(`curation action ${entry.id} was made before undo was recorded (koe 008 migration) and cannot be undone`, 'conflict');
  const mine = touched(entry);
  const blocker = live.find(
    (e) => e.id > entry.id && classOf(e.action) === classOf(entry.action) && [...touched(e)].some((x) => mine.has(x)),
  );
  if (blocker) throw new CurationError(`undo curation action ${blocker.id} (${blocker.action.action} ${blocker.action.themeId}) first: it builds on ${entry.id}`, 'conflict');

  const moved = entry.before.assignments.length > 0 || entry.before.created.length > 0;
  const themeOptions = parseThemeConfig(config);
  if (!moved || storedSpaceAtSize(db, themeOptions)) {
    undoAtSize(db, entry, entry.before, moved, config);
    return { undone: { ...entry, undoneAt: new Date().toISOString() } };
  }
  const set = loadThemeSet(db);
  restoreThemes(set, entry.before);
  for (const [docId, themeId] of entry.before.assignments) {
    if (themeId === null) set.assignments.delete(docId);
    else set.assignments.set(docId, { docId, themeId, score: set.assignments.get(docId)?.score ?? 0 });
  }
  const vectors = resummarize(db, set, themeOptions);
  db.transaction(() => {
    saveDocVectors(db, vectors.modelId, vectors.fresh);
    saveThemeSet(db, set);
    markCurationUndone(db, entry.id);
  })();
  return { undone: { ...entry, undoneAt: new Date().toISOString() } };
}

/** The themes an action changed, as they were before it; the sub-themes it created retired. */
function restoreThemes(set: ThemeSet, before: CurationBeforeState): void {
  const byId = new Map(set.themes.map((t) => [t.id, t]));
  for (const b of before.themes) {
    const t = byId.get(b.id);
    if (!t) continue;
    t.label = b.label;
    t.labelPinned = b.labelPinned;
    t.status = b.status;
    t.mergedInto = b.mergedInto;
  }
  for (const c of before.created) {
    const t = byId.get(c);
    if (t) {
      t.status = 'retired';
      t.size = 0;
    }
  }
}

/**
 * Undo without reading every assignment: the themes the action changed are put back as they were, and each document
 * it moved is put back in place. When documents moved, the theme step at size summarizes the themes whose members
 * changed from the stored vectors (its replay of the log skips the undone action).
 */
function undoAtSize(db: Db, entry: CurationEntry, before: CurationBeforeState, moved: boolean, config: Record<string, unknown>): void {
  const themes = loadThemesOnly(db);
  restoreThemes(themes, before);
  const give = setPrimary(db);
  const scoreOf = db.prepare('SELECT score FROM document_themes WHERE doc_id = ? AND rank = 0').pluck();
  db.transaction(() => {
    saveThemeRows(db, themes);
    for (const [docId, themeId] of before.assignments) give(docId, themeId, (scoreOf.get(docId) as number | undefined) ?? 0);
    markCurationUndone(db, entry.id);
  })();
  if (moved) updateThemes(db, null, config);
}

/**
 * Throws a CurationError (a sentence) when the action names a theme that does not exist or is no longer live,
 * merges a theme into itself, or gives an empty label.
 */
function checkCuration(set: ReturnType<typeof loadThemeSet>, action: CurationAction): void {
  for (const id of [action.themeId, ...(action.action === 'merge' ? action.from : [])]) checkLive(set, id);
  if (action.action === 'merge') {
    if (action.from.length === 0) throw new CurationError('merge needs at least one theme to merge into the target', 'invalid');
    if (action.from.includes(action.themeId)) throw new CurationError(`cannot merge theme ${action.themeId} into itself`, 'invalid');
  }
  if (action.action === 'rename' || action.action === 'pin') {
    const label = action.label;
    if (label !== undefined && (label.trim() === '' || label.length > 200)) throw new CurationError('a label must be 1–200 characters', 'invalid');
  }
}

/** Curation that can wait in the log for the writer's theme step (a split re-clusters now, so it cannot). */
export const QUEUEABLE_CURATION: readonly CurationAction['action'][] = ['rename', 'merge', 'ignore', 'unignore', 'pin', 'unpin', 'move'];

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
  // At size the theme step summarizes from the stored vectors (the erased documents' went with them).
  if (storedSpaceAtSize(db, parseThemeConfig(config))) {
    updateThemes(db, null, config);
    return;
  }
  const set = loadThemeSet(db);
  const { modelId, fresh } = resummarize(db, set, parseThemeConfig(config));
  db.transaction(() => {
    saveDocVectors(db, modelId, fresh);
    saveThemeSet(db, set);
  })();
}
