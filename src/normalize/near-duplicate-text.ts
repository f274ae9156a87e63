// Near-identical feedback: the same complaint with another amount, emoji, greeting or channel prefix, or one text
// that opens another ("Hi, Could you add…" / "Hi there, Could you add…"). Quotes show such texts once: judged on
// the opening a reader sees, as character bigrams of its letters.

/** Share of the smaller opening's bigrams found in the other, at or above which two texts are one quote. */
export const NEAR_DUPLICATE_OVERLAP = 0.8;
const OPENING_LETTERS = 60;

/** Character bigrams of the first 60 letters of a text (case, blanks, punctuation, symbols and digits left out). */
export function openingBigrams(text: string): Set<string> {
  const letters = [...text.toLowerCase().replace(/[\s\p{P}\p{S}\d]+/gu, '')].slice(0, OPENING_LETTERS);
  const out = new Set<string>();
  for (let i = 0; i + 1 < letters.length; i++) out.add(letters[i]! + letters[i + 1]!);
  if (letters.length === 1) out.add(letters[0]!);
  return out;
}

/** Shared share of the smaller set (1 when one text's opening holds the other's). */
export function openingOverlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return a.size === b.size ? 1 : 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / Math.min(a.size, b.size);
}

/** A filter that accepts a text unless it is near-identical to one it accepted before. */
export function nearDuplicateFilter(): (text: string) => boolean {
  const kept: Set<string>[] = [];
  return (text) => {
    const bigrams = openingBigrams(text);
    if (kept.some((b) => openingOverlap(b, bigrams) >= NEAR_DUPLICATE_OVERLAP)) return false;
    kept.push(bigrams);
    return true;
  };
}
