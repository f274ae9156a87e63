// Placing documents in a stored space among live themes, as a batch of a run at size is placed (provisional
// themes): each document projected, given the nearest theme of its stance when close enough, and the secondary
// themes it would have with that theme as its primary. Pure — no store — so worker threads do it beside the
// analysis and the batch's transaction only writes the outcome (pipeline/provisional-themes.ts).
import { nearest } from './discover-clusters.js';
import { assignSecondaryThemes } from './secondary-themes.js';
import type { ThemeSet } from './theme-set.js';
import type { Theme, ThemeDoc } from './theme-types.js';
import { stanceOfKind, stancesOfThemes } from './update-theme-set.js';
import { getVectorizer, type FittedVectorizer, type SerializedVectorizer } from './vectorizer.js';

/** What placing documents needs, as plain data a worker thread can be given: the fitted space, the live themes, the threshold. */
export interface PlacementSnapshot {
  vectorizer: SerializedVectorizer;
  themes: Theme[];
  threshold: number;
}

/** Where a batch's documents go, one row per document (computed off the batch's transaction, e.g. in a worker thread). */
export interface Placement {
  dim: number;
  /** Unit vectors, `dim` per document. */
  vectors: Float32Array;
  /** Index in the snapshot's themes of the nearest theme of the document's stance when its cosine reaches the threshold, else -1. */
  theme: Int32Array;
  similarity: Float64Array;
  /** The document's secondary themes should `theme` become its primary theme (as scoreAndFindSecondary would find them). */
  secondary: { themeId: string; score: number }[][];
}

/** A snapshot made ready to place documents: the vectorizer loaded, the themes' stances and centres at hand. */
export interface PlacementSpace {
  vectorizer: FittedVectorizer;
  themes: Theme[];
  threshold: number;
  centroids: Float32Array[];
  byId: ReadonlyMap<string, Theme>;
  active: ReadonlySet<string>;
  /** Each theme's stance as its last summary counted its kinds (undefined: any document may join it). */
  themeStance: (number | undefined)[];
}

export function placementSpace(vectorizer: FittedVectorizer, themes: readonly Theme[], threshold: number): PlacementSpace {
  // Each theme's kinds as its last summary counted them (primary members): no scan of the assignments.
  const stanceOfTheme = stancesOfThemes(
    new Map(themes.map((t) => [t.id, { praise: t.kinds.praise ?? 0, members: Object.values(t.kinds).reduce((a, b) => a + (b ?? 0), 0) }])),
  );
  return {
    vectorizer,
    themes: [...themes],
    threshold,
    centroids: themes.map((t) => t.centroid!),
    byId: new Map(themes.map((t) => [t.id, t])),
    active: new Set(themes.filter((t) => t.status === 'active').map((t) => t.id)),
    themeStance: themes.map((t) => stanceOfTheme.get(t.id)),
  };
}

/** The space of a snapshot (in a worker thread: the vectorizer is loaded from its serialized form). */
export function placementSpaceOf(snapshot: PlacementSnapshot): PlacementSpace {
  return placementSpace(getVectorizer(snapshot.vectorizer.backend).load(snapshot.vectorizer), snapshot.themes, snapshot.threshold);
}

/**
 * Places documents in the space: each is projected, joins the nearest theme of its stance (as an incremental step
 * does: a praise document joins no theme of complaints when discovery set praise apart), and, with that theme as
 * its primary, gets its secondary themes. Pure: the store is not read, so a worker thread can do it beside the
 * analysis, and the batch's transaction only writes the outcome.
 */
export function placeDocuments(space: PlacementSpace, docs: readonly ThemeDoc[]): Placement {
  const { vectorizer, themes, centroids, themeStance, threshold } = space;
  const dim = vectorizer.dim;
  const vectors = vectorizer.transform(docs);
  const theme = new Int32Array(docs.length).fill(-1);
  const similarity = new Float64Array(docs.length);
  const part: ThemeSet = { themes, assignments: new Map(), categories: [] };
  docs.forEach((d, k) => {
    const stance = stanceOfKind(d.kind);
    const best = nearest(vectors, dim, k, centroids, (c) => (themeStance[c] ?? stance) === stance);
    if (best.index < 0 || best.similarity < threshold) return;
    theme[k] = best.index;
    similarity[k] = best.similarity;
    part.assignments.set(d.id, { docId: d.id, themeId: themes[best.index]!.id, score: best.similarity });
  });
  assignSecondaryThemes(part, docs, vectors, dim);
  const secondary = docs.map((d, k) => {
    if (theme[k]! < 0) return [];
    const primaryId = themes[theme[k]!]!.id;
    return (part.secondary?.get(d.id) ?? []).filter((a) => a.themeId !== primaryId && space.active.has(a.themeId)).map((a) => ({ themeId: a.themeId, score: a.score }));
  });
  return { dim, vectors, theme, similarity, secondary };
}

/** The rows `rows` of a placement, in that order (the documents of a batch that are written). */
export function placementRows(placed: Placement, rows: readonly number[]): Placement {
  const { dim } = placed;
  const vectors = new Float32Array(rows.length * dim);
  rows.forEach((r, k) => vectors.set(placed.vectors.subarray(r * dim, (r + 1) * dim), k * dim));
  return {
    dim,
    vectors,
    theme: Int32Array.from(rows, (r) => placed.theme[r]!),
    similarity: Float64Array.from(rows, (r) => placed.similarity[r]!),
    secondary: rows.map((r) => placed.secondary[r]!),
  };
}
