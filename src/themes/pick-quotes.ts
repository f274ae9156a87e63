// Representative quotes of a theme: what a support lead reads first, so they should be typical of the theme,
// readable, in its languages and its majority voice, and not the same complaint twice.
import { nearDuplicateFilter } from '../normalize/near-duplicate-text.js';
import type { ThemeDoc } from './theme-types.js';

/** Up to `count` quote document ids from a theme's members; `score` is closeness to the theme centre. */
export function pickQuotes(members: readonly { doc: ThemeDoc; score: number }[], count: number): string[] {
  const ordered = [...members].sort((a, b) => b.score - a.score || (a.doc.id < b.doc.id ? -1 : 1)).map(({ doc }) => doc);
  const voice = dominantSentiment(ordered);
  // Languages holding a fair part of the theme: a bilingual theme is quoted in both.
  const langCounts = new Map<string, number>();
  for (const doc of ordered) langCounts.set(doc.lang, (langCounts.get(doc.lang) ?? 0) + 1);
  const langs = [...langCounts].filter(([, n]) => n >= 2 && n / ordered.length >= 0.2).map(([lang]) => lang);
  const chosen: ThemeDoc[] = [];
  const isNew = nearDuplicateFilter();
  const readable = (doc: ThemeDoc): boolean => doc.text.trim().length >= 8 && doc.text.trim().length <= 200;
  const speaks = (doc: ThemeDoc): boolean => voice === null || doc.sentiment === voice;
  const newLanguage = (doc: ThemeDoc): boolean => !chosen.some((c) => c.lang === doc.lang) || langs.every((l) => chosen.some((c) => c.lang === l));
  // Closest to the centre first, in passes that relax one wish at a time: readable, in the theme's majority voice
  // (a praise quote under a 90%-negative theme misleads), and in a language not quoted yet.
  const passes: ((doc: ThemeDoc) => boolean)[] = [
    (doc) => readable(doc) && speaks(doc) && newLanguage(doc),
    (doc) => readable(doc) && speaks(doc),
    readable,
    () => true,
  ];
  for (const pass of passes) {
    for (const doc of ordered) {
      if (chosen.length >= count) return chosen.map((c) => c.id);
      if (chosen.includes(doc) || !pass(doc)) continue;
      // Near-identical feedback is shown once (near-duplicate-text.ts).
      if (!isNew(doc.text)) continue;
      chosen.push(doc);
    }
  }
  return chosen.map((c) => c.id);
}

/** The sentiment of at least 60% of the documents, if one has it. */
function dominantSentiment(docs: readonly ThemeDoc[]): ThemeDoc['sentiment'] {
  const counts = new Map<ThemeDoc['sentiment'], number>();
  for (const doc of docs) if (doc.sentiment !== null) counts.set(doc.sentiment, (counts.get(doc.sentiment) ?? 0) + 1);
  for (const [sentiment, n] of counts) if (n >= 0.6 * docs.length) return sentiment;
  return null;
}
