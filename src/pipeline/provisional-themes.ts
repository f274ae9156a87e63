// Themes during a run at size. Once the store holds more analysed documents than clusterSample and a fitted
// vector space with live themes, each batch's new documents get their nearest theme inside the batch's own
// transaction (projected into the stored space, nearest centre, kept when the cosine reaches assignThreshold) —
// exactly what an incremental step would give them — and their vectors are cached. They stay theme_pending ("
// provisionally themed") until the run's final step (incremental-themes.ts) discovers new themes among the
// documents no theme took and refreshes the summaries. A long first run gets its space and themes from an early
// theme step over its first documents (runKoe), so a run killed anywhere leaves at most a batch and a small final
// step to redo.
import type { Db } from '../store/open-store.js';
import { countThemeDocs, currentThemeModelId, loadThemeModel, loadThemesOnly, saveDocVectors, type StoredThemeDoc } from '../store/theme-repository.js';
import { insertPrimaryIfNone, loadPrimaries, replaceSecondary, setPrimaryScore } from '../store/theme-step-repository.js';
import { DEFAULT_CLUSTER_SAMPLE, DEFAULT_VECTORIZER, getVectorizer, isLive, type FittedVectorizer, type Theme, type ThemeDoc, type ThemeSet } from '../themes/index.js';
import { createThemePlacer, type DocPlacement, type PlacementModel } from '../themes/place-docs.js';
import { assignSecondaryThemes } from '../themes/secondary-themes.js';
import { dot } from '../themes/vector-math.js';
import { EMBEDDING_BACKEND } from '../themes/embedding-vectorizer.js';
import type { ThemeConfig } from './update-themes.js';

/** The threshold a theme step uses when the config gives none (resolveThemeOptions). */
const DEFAULT_ASSIGN_THRESHOLD = 0.3;

export interface StoredSpace {
  vectorizer: FittedVectorizer;
  /** Analysed documents in the store now. */
  count: number;
}

/**
 * The stored vector space a theme step at size builds on without refitting: null when the store holds at most
 * clusterSample analysed documents (the in-memory steps apply, as always), when the themes use sentence embeddings,
 * or when the next step must fit a space (none yet, another backend, or one fitted on a handful of documents).
 */
export function storedSpaceAtSize(db: Db, options: ThemeConfig, count = countThemeDocs(db)): StoredSpace | null {
  // Sentence vectors (alone or joined with the words) are computed by the pipeline, not by the space: in memory.
  if (options.embeddingModel !== undefined || options.encoder !== undefined) return null;
  if (count <= (options.clusterSample ?? DEFAULT_CLUSTER_SAMPLE)) return null;
  const backend = getVectorizer(options.vectorizer ?? DEFAULT_VECTORIZER);
  if (backend.name === EMBEDDING_BACKEND) return null;
  const storedId = currentThemeModelId(db);
  const stored = storedId ? loadThemeModel(db, storedId) : null;
  if (!stored || stored.backend !== backend.name) return null;
  // Outgrown (as in update-themes.ts): a space fitted on a handful of documents, unless on a whole cluster sample.
  if (stored.docCount < Math.min(1000, options.clusterSample ?? DEFAULT_CLUSTER_SAMPLE) && count >= 4 * Math.max(1, stored.docCount)) return null;
  return { vectorizer: backend.load(stored), count };
}

/**
 * Whether a run should take its theme step now, during its analysis: the store has grown past clusterSample and
 * has no space or themes to build on. The step then fits and clusters on these first documents (a real, committed
 * theme step) and every later batch is themed provisionally. Counting the store after every batch would cost a
 * scan each time, so the count is taken at the start and estimated from the documents analyzed since (an
 * overestimate: an updated document does not add one), and taken again only when the estimate passes the sample.
 */
export function earlyThemeStepWatch(db: Db, options: ThemeConfig): { due(analyzedSinceStart: number): boolean } {
  const sample = options.clusterSample ?? DEFAULT_CLUSTER_SAMPLE;
  const backend = getVectorizer(options.vectorizer ?? DEFAULT_VECTORIZER);
  const sentenceVectors = options.embeddingModel !== undefined || options.encoder !== undefined || backend.name === EMBEDDING_BACKEND;
  let base: number | null = sentenceVectors ? null : countThemeDocs(db);
  return {
    due(analyzed) {
      if (base === null || base + analyzed <= sample) return false;
      const count = countThemeDocs(db);
      if (count <= sample) {
        base = count - analyzed;
        return false;
      }
      base = null; // decided once, either way
      return storedSpaceAtSize(db, options, count) === null || !loadThemesOnly(db).themes.some(isLive);
    },
  };
}

export interface ProvisionalThemer {
  /**
   * Inside the caller's transaction: caches each document's vector and gives it its nearest theme if close enough.
   * `placed`, when given, is what a worker thread computed for these documents (one row and placement per document,
   * from this themer's placementModel). Returns how many got a theme.
   */
  assign(docs: readonly StoredThemeDoc[], placed?: { vectors: Float32Array; placements: readonly DocPlacement[] }): number;
  /** What an analysis worker thread needs to place documents as this themer does (worker-pool.ts). */
  readonly placementModel: PlacementModel;
  /**
   * Documents seen so far: given the theme a worker thread proposed (byWorkers); placed on this thread (here); of a
   * batch the workers placed but given no theme now (notGiven: an earlier primary theme kept and scored here, or
   * none close enough).
   */
  readonly placed: { byWorkers: number; here: number; notGiven: number };
}

/** A themer over the stored space and live themes, or null when the store is not at size (see storedSpaceAtSize). */
export function createProvisionalThemer(db: Db, options: ThemeConfig): ProvisionalThemer | null {
  const space = storedSpaceAtSize(db, options);
  if (!space) return null;
  const live = loadThemesOnly(db).themes.filter((t) => isLive(t) && t.centroid !== null && t.centroid.length === space.vectorizer.dim);
  if (live.length === 0) return null;
  return nearestThemeAssigner(db, space.vectorizer, live, options.assignThreshold ?? DEFAULT_ASSIGN_THRESHOLD);
}

let placementTokens = 0;

/**
 * Projects documents, caches their vectors and gives each without a primary theme its nearest of `themes` of its
 * stance (as an incremental step does: a praise document joins no theme of complaints when discovery set praise
 * apart; a theme's stance comes from the kinds its last summary counted) and the secondary themes it has with it
 * (place-docs.ts, the same in a worker thread). A document that keeps the primary theme it had (its text changed)
 * is scored against that theme's centre and its secondary themes found again, against the themes as they are now.
 * The final step leaves these as they are (only the documents it themes itself are scored there), as old
 * documents keep the score they got when they were themed.
 */
export function nearestThemeAssigner(db: Db, vectorizer: FittedVectorizer, themes: readonly Theme[], threshold: number): ProvisionalThemer {
  const placer = createThemePlacer(vectorizer, themes, threshold);
  const placementModel: PlacementModel = { token: `${vectorizer.modelId}#${++placementTokens}`, vectorizer: vectorizer.serialize(), themes: [...themes], threshold };
  const byId = new Map(themes.map((t) => [t.id, t]));
  const give = insertPrimaryIfNone(db);
  const score = setPrimaryScore(db);
  const secondaryOf = replaceSecondary(db);
  const active = new Set(themes.filter((t) => t.status === 'active').map((t) => t.id));
  const dim = vectorizer.dim;
  const counts = { byWorkers: 0, here: 0, notGiven: 0 };
  return {
    placementModel,
    placed: counts,
    assign(docs, placed) {
      if (docs.length === 0) return 0;
      const { vectors, placements } = placed ?? placer.place(docs);
      saveDocVectors(db, vectorizer.modelId, docs.map((d, k) => ({ docId: d.id, contentHash: d.contentHash, vector: vectors.subarray(k * dim, (k + 1) * dim) })));
      let given = 0;
      const kept: number[] = [];
      docs.forEach((d, k) => {
        const p = placements[k]!;
        if (p.primary && give(d.id, p.primary.themeId, p.primary.score)) {
          given++;
          secondaryOf(d.id, p.secondary);
        } else {
          kept.push(k);
        }
      });
      if (placed) {
        counts.byWorkers += given;
        counts.notGiven += kept.length;
      } else {
        counts.here += docs.length;
      }
      if (kept.length > 0) {
        const keptVectors = new Float32Array(kept.length * dim);
        kept.forEach((k, i) => keptVectors.set(vectors.subarray(k * dim, (k + 1) * dim), i * dim));
        scoreAndFindSecondary(db, { themes: [...themes], byId, active, vectors: keptVectors, dim, docs: kept.map((k) => docs[k]!), score, secondaryOf });
      }
      return given;
    },
  };
}

/**
 * Each document's primary score against its theme's centre, and its secondary themes (to active themes other
 * than the primary), written to the store. `vectors` holds one row per document of `docs`.
 */
export function scoreAndFindSecondary(
  db: Db,
  input: {
    themes: Theme[];
    byId: ReadonlyMap<string, Theme>;
    active: ReadonlySet<string>;
    vectors: Float32Array;
    dim: number;
    docs: readonly ThemeDoc[];
    score: (docId: string, score: number) => void;
    secondaryOf: (docId: string, list: readonly { themeId: string; score: number }[]) => void;
    /** Where the primary themes are read (default: document_themes). */
    primariesOf?: (docIds: readonly string[]) => Map<string, { themeId: string; score: number }>;
  },
): void {
  const { byId, vectors, dim, docs } = input;
  const ids = docs.map((d) => d.id);
  const primaries = input.primariesOf ? input.primariesOf(ids) : loadPrimaries(db, ids);
  const part: ThemeSet = { themes: input.themes, assignments: new Map(), categories: [] };
  docs.forEach((d, k) => {
    const p = primaries.get(d.id);
    if (!p) return;
    const centroid = byId.get(p.themeId)?.centroid;
    const scored = centroid && centroid.length === dim ? dot(vectors, k * dim, centroid, 0, dim) : p.score;
    if (scored !== p.score) input.score(d.id, scored);
    // Secondary themes compare with the primary's score as it is now (as the in-memory steps do).
    part.assignments.set(d.id, { docId: d.id, themeId: p.themeId, score: scored });
  });
  assignSecondaryThemes(part, docs, vectors, dim);
  for (const d of docs) {
    const primary = part.assignments.get(d.id);
    if (!primary) continue;
    input.secondaryOf(d.id, (part.secondary?.get(d.id) ?? []).filter((a) => a.themeId !== primary.themeId && input.active.has(a.themeId)));
  }
}
