// Themes near one theme: cosine similarity of the theme centres (unit vectors in the current theme space).
import { dot } from './vector-math.js';

export interface ThemeCentre {
  id: string;
  centroid: Float32Array | null;
}

/** The `limit` themes whose centre is closest to `themeId`'s, most similar first (none without a centre). */
export function relatedThemes(themeId: string, themes: readonly ThemeCentre[], limit = 5): { id: string; similarity: number }[] {
  const self = themes.find((t) => t.id === themeId)?.centroid;
  if (!self || self.length === 0) return [];
  const norm = Math.sqrt(dot(self, 0, self, 0, self.length)) || 1;
  return themes
    .filter((t) => t.id !== themeId && t.centroid && t.centroid.length === self.length)
    .map((t) => {
      const c = t.centroid!;
      const n = Math.sqrt(dot(c, 0, c, 0, c.length)) || 1;
      return { id: t.id, similarity: dot(self, 0, c, 0, c.length) / (norm * n) };
    })
    .sort((a, b) => b.similarity - a.similarity || a.id.localeCompare(b.id, 'en', { numeric: true }))
    .slice(0, limit);
}
