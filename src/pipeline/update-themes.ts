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
  saveDocVectors,
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
  type CurationAction,
  type FittedVectorizer,
  type ThemeOptions,
} from '../themes/index.js';

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

const OPTION_KEYS: (keyof ThemeOptions)[] = [
  'themes', 'seed', 'vectorizer', 'dimensions', 'neighbours', 'resolution', 'minThemeSize', 'assignThreshold',
];

/** Reads the themes part of the run config; unknown keys are an error naming them. */
export function parseThemeConfig(config: Record<string, unknown>): ThemeOptions {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    if (!(OPTION_KEYS as string[]).includes(key)) {
      throw new Error(`themes config: unknown key "${key}" (valid: ${OPTION_KEYS.join(', ')})`);
    }
    if (key === 'vectorizer') {
      if (typeof value !== 'string') throw new Error(`themes config: vectorizer must be a string, got ${JSON.stringify(value)}`);
      getVectorizer(value);
    } else if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new Error(`themes config: ${key} must be a number, got ${JSON.stringify(value)}`);
    }
    out[key] = value;
  }
  return out as ThemeOptions;
}

interface Prepared {
  docs: StoredThemeDoc[];
  vectorizer: FittedVectorizer;
  vectors: Float32Array;
  fresh: { docId: string; contentHash: string; vector: Float32Array }[];
  refit: boolean;
}

/** Fits a new vector space (rebuild, first run, changed backend) or loads the current one, and vectorizes. */
function prepare(db: Db, options: ThemeOptions, seed: number, refit: boolean): Prepared {
  const docs = loadThemeDocs(db);
  const backend = getVectorizer(options.vectorizer ?? DEFAULT_VECTORIZER);
  const storedId = currentThemeModelId(db);
  const stored = storedId ? loadThemeModel(db, storedId) : null;
  // A space fitted on a handful of documents cannot describe ten times as many: refit (ids map by overlap).
  const outgrown = stored !== null && stored.docCount < 1000 && docs.length >= 4 * Math.max(1, stored.docCount);
  const needFit = refit || !stored || stored.backend !== backend.name || outgrown;
  const vectorizer = needFit
    ? backend.fit(docs, { seed, ...(options.dimensions ? { dimensions: options.dimensions } : {}) })
    : backend.load(stored);
  const cache = needFit ? new Map<string, { contentHash: string; vector: Float32Array }>() : loadDocVectors(db, vectorizer.modelId);
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
      const v = out.slice(k * dim, (k + 1) * dim);
      vectors.set(v, i * dim);
      fresh.push({ docId: docs[i]!.id, contentHash: docs[i]!.contentHash, vector: v });
    });
  }
  return { docs, vectorizer, vectors, fresh, refit: needFit };
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
    curation: loadCuration(db),
    runId,
    options: resolveThemeOptions(themeOptions, docs.length),
  });
  const t2 = performance.now();
  db.transaction(() => {
    if (prepared.refit) saveThemeModel(db, vectorizer.serialize(), docs.length, runId);
    saveDocVectors(db, vectorizer.modelId, prepared.fresh);
    saveThemeSet(db, result.set);
    if (runId !== null) saveThemeChanges(db, runId, result.changes);
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
export function curateThemes(db: Db, action: CurationAction, config: Record<string, unknown> = {}): { themeIds: string[] } {
  const set = loadThemeSet(db);
  const byId = new Map(set.themes.map((t) => [t.id, t]));
  for (const id of [action.themeId, ...(action.action === 'merge' ? action.from : [])]) {
    const t = byId.get(id);
    if (!t) throw new Error(`no theme ${id} (list them with koe themes --db PATH)`);
    if (t.status === 'merged' || t.status === 'retired') throw new Error(`theme ${id} is ${t.status}${t.mergedInto ? ` into ${t.mergedInto}` : ''}`);
  }
  const themeOptions = parseThemeConfig(config);
  if (action.action === 'split') {
    const prepared = prepare(db, themeOptions, themeOptions.seed ?? 42, false);
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
      appendCuration(db, { action: 'split', themeId: action.themeId, into: children });
    })();
    return { themeIds: children };
  }
  let stored: CurationAction = action;
  if (action.action === 'pin' && action.label === undefined) stored = { ...action, label: byId.get(action.themeId)!.label };
  applyCuration(set, [stored]);
  if (action.action === 'merge') {
    // Sizes, centres, labels and quotes of the merged theme come from its new members.
    const prepared = prepare(db, themeOptions, themeOptions.seed ?? 42, false);
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
    appendCuration(db, stored);
  })();
  return { themeIds: [action.themeId] };
}
