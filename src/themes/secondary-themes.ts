// Multi-theme documents (issue 15): besides its primary theme, a document keeps the themes it is clearly about too
// ("荷物が届きません。ただ、送料が高すぎると感じます。" is late delivery first and delivery fees second). A theme is a
// secondary theme of a document when
//   - one sentence of the document says one of the theme's top label terms (TOP_TERMS: the words that name the
//     theme) and none of the primary theme's: a sentence about something else, not a word the issue shares, and
//   - the document's vector is close enough to the theme's centre: cosine at least SECONDARY_SIMILARITY, and at
//     least SECONDARY_RELATIVE of the document's score against its primary theme.
// TOP_TERMS counts per language, so a Japanese document meets a theme named mostly in English.
// At most MAX_SECONDARY per document, best first (rank 1, 2). Sizes, share negative and labels stay primary-only;
// `koe export` lists every theme of a document, primary first, and v_theme_documents holds every membership.
import { docLabelTerms } from './label-themes.js';
import { isJapaneseTerm } from './label-terms.js';
import type { ThemeSet } from './theme-set.js';
import type { ThemeAssignment, ThemeDoc } from './theme-types.js';
import { dot } from './vector-math.js';

export const SECONDARY_SIMILARITY = 0.2;
export const SECONDARY_RELATIVE = 0.4;
export const MAX_SECONDARY = 2;
const TOP_TERMS = 3;

export function assignSecondaryThemes(set: ThemeSet, docs: readonly ThemeDoc[], vectors: Float32Array, dim: number): void {
  const active = set.themes.filter((t) => t.status === 'active' && t.centroid && t.centroid.length === dim && t.terms.length > 0);
  // Which themes each label term names: a document is only compared with the themes whose words it says.
  const themesOfTerm = new Map<string, number[]>();
  active.forEach((t, i) => {
    for (const term of topTerms(t.terms)) themesOfTerm.set(term, [...(themesOfTerm.get(term) ?? []), i]);
  });
  const byId = new Map(set.themes.map((t) => [t.id, t]));
  const secondary = new Map<string, ThemeAssignment[]>();
  docs.forEach((doc, r) => {
    const primary = set.assignments.get(doc.id);
    if (!primary) return;
    const terms = docLabelTerms(doc);
    const primaryTheme = byId.get(primary.themeId);
    const primaryTerms = primaryTheme ? topTerms(primaryTheme.terms) : [];
    const sentences = splitSentences(doc.text.toLowerCase()).filter((s) => !primaryTerms.some((p) => s.includes(p)));
    if (sentences.length === 0) return;
    const candidates = new Set<number>();
    for (const term of terms) {
      const themes = themesOfTerm.get(term);
      if (themes && sentences.some((s) => s.includes(term))) for (const i of themes) candidates.add(i);
    }
    if (candidates.size === 0) return;
    const primaryScore = primary.score;
    const found: ThemeAssignment[] = [];
    for (const i of candidates) {
      const t = active[i]!;
      if (t.id === primary.themeId) continue;
      const score = dot(vectors, r * dim, t.centroid!, 0, dim);
      if (score >= SECONDARY_SIMILARITY && score >= SECONDARY_RELATIVE * primaryScore) found.push({ docId: doc.id, themeId: t.id, score });
    }
    if (found.length === 0) return;
    found.sort((a, b) => b.score - a.score || (a.themeId < b.themeId ? -1 : 1));
    secondary.set(doc.id, found.slice(0, MAX_SECONDARY));
  });
  set.secondary = secondary;
}


/** A theme's top TOP_TERMS label terms in each language (its terms list mixes both, best first). */
function topTerms(terms: readonly string[]): string[] {
  const ja = terms.filter((t) => isJapaneseTerm(t)).slice(0, TOP_TERMS);
  const en = terms.filter((t) => !isJapaneseTerm(t)).slice(0, TOP_TERMS);
  return [...ja, ...en];
}

const SENTENCE_END = /(?<=[。．！？!?\n])|(?<=\.)\s+/u;

function splitSentences(text: string): string[] {
  return text.split(SENTENCE_END).map((s) => s.trim()).filter((s) => s !== '');
}
