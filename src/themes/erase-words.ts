// Words of erased documents (koe forget) that no stored document uses any more must not outlive them in a theme
// that is no longer summarized — a retired or merged theme keeps the label and terms it last had — nor in the
// curation log's record of labels before an action. A label is ja terms joined by ・ and en terms by ", ", the two
// sides by " / " (label-themes.ts); a piece naming such a word goes, the rest of the label stays.
import { isJapaneseTerm } from './label-terms.js';
import type { Theme } from './theme-types.js';

const SIDES = ' / ';

/** Whether a label piece or term names one of `words`: inside a Japanese compound, as a whole English word. */
function pieceNames(piece: string, words: ReadonlySet<string>): boolean {
  const lower = piece.toLowerCase();
  const english = new Set(lower.split(/[^a-z0-9']+/));
  for (const w of words) if (isJapaneseTerm(w) ? piece.includes(w) : english.has(w.toLowerCase())) return true;
  return false;
}

function sideWithout(side: string, words: ReadonlySet<string>): string {
  const sep = side.includes('・') ? '・' : ', ';
  return side
    .split(sep)
    .filter((p) => !pieceNames(p, words))
    .join(sep);
}

/** `label` without the pieces that name one of `words`; null when nothing is left. */
export function labelWithoutWords(label: string | null, words: ReadonlySet<string>): string | null {
  if (label === null) return null;
  const kept = label
    .split(SIDES)
    .map((side) => sideWithout(side, words))
    .filter((side) => side !== '');
  return kept.length > 0 ? kept.join(SIDES) : null;
}

/** Takes `words` out of a theme's terms and generated labels (a label a person gave stays); whether it changed. */
export function eraseWordsFromTheme(theme: Theme, words: ReadonlySet<string>): boolean {
  if (theme.labelPinned) return false;
  const terms = theme.terms.filter((t) => !pieceNames(t, words));
  const labelJa = labelWithoutWords(theme.labelJa, words);
  const labelEn = labelWithoutWords(theme.labelEn, words);
  const label = labelWithoutWords(theme.label, words) ?? labelJa ?? labelEn ?? '(no distinctive terms)';
  if (terms.length === theme.terms.length && labelJa === theme.labelJa && labelEn === theme.labelEn && label === theme.label) return false;
  Object.assign(theme, { terms, labelJa, labelEn, label });
  return true;
}
