// Placing new documents among fixed themes (a run's provisional themes, issue 12): each document's vector in the
// themes' space, its nearest theme of its stance when close enough, and the secondary themes it would have with that
// primary. One function for the main thread and for the analysis worker threads, so a document is placed alike
// wherever it is analysed; the store writes the outcome (pipeline/provisional-themes.ts).
import { nearest } from './discover-clusters.js';
import { assignSecondaryThemes } from './secondary-themes.js';
import { isLive, type ThemeSet } from './theme-set.js';
import type { Theme, ThemeAssignment, ThemeDoc } from './theme-types.js';
import { stanceOfKind, stancesOfThemeSummaries } from './update-theme-set.js';
import { getVectorizer, type FittedVectorizer, type SerializedVectorizer } from './vectorizer.js';

/** A document's proposed primary theme (null: no theme close enough) and its secondary themes under that primary. */
export interface DocPlacement {
  primary: ThemeAssignment | null;
  /** Active themes other than the primary, best first (secondary-themes.ts); empty without a primary. */
  secondary: ThemeAssignment[];
}

export interface ThemePlacer {
  readonly modelId: string;
  readonly dim: number;
  /** Vectors (one row per document) and placements of `docs`. */
  place(docs: readonly ThemeDoc[]): { vectors: Float32Array; placements: DocPlacement[] };
}

/** What a worker thread needs to place documents as the main thread would: structured-clone safe. */
export interface PlacementModel {
  /** Names this model and these themes: a placement is used only by the themer that made the model. */
  token: string;
  vectorizer: SerializedVectorizer;
  themes: Theme[];
  threshold: number;
}

/** `themes`: the live themes of `vectorizer`'s space (a centre of its dimension each). */
export function createThemePlacer(vectorizer: FittedVectorizer, themes: readonly Theme[], threshold: number): ThemePlacer {
  const dim = vectorizer.dim;
  const centroids = themes.map((t) => t.centroid!);
  const active = new Set(themes.filter((t) => t.status === 'active').map((t) => t.id));
  const stanceOfTheme = stancesOfThemeSummaries(themes);
  const themeStance = themes.map((t) => stanceOfTheme.get(t.id));
  return {
    modelId: vectorizer.modelId,
    dim,
    place(docs) {
      const vectors = vectorizer.transform(docs);
      const part: ThemeSet = { themes: [...themes], assignments: new Map(), categories: [] };
      const primaries = docs.map((d, k): ThemeAssignment | null => {
        // A praise document joins no theme of complaints when discovery set praise apart (as an incremental step).
        const stance = stanceOfKind(d.kind);
        const best = nearest(vectors, dim, k, centroids, (c) => (themeStance[c] ?? stance) === stance);
        if (best.index < 0 || best.similarity < threshold) return null;
        const a = { docId: d.id, themeId: themes[best.index]!.id, score: best.similarity };
        part.assignments.set(d.id, a);
        return a;
      });
      assignSecondaryThemes(part, docs, vectors, dim);
      const placements = docs.map((d, k) => {
        const primary = primaries[k]!;
        const secondary = primary ? (part.secondary?.get(d.id) ?? []).filter((a) => a.themeId !== primary.themeId && active.has(a.themeId)) : [];
        return { primary, secondary };
      });
      return { vectors, placements };
    },
  };
}

/** The placer a worker thread builds from the model it was given. */
export function placerFromModel(model: PlacementModel): ThemePlacer {
  const vectorizer = getVectorizer(model.vectorizer.backend).load(model.vectorizer);
  return createThemePlacer(vectorizer, model.themes.filter(isLive), model.threshold);
}
