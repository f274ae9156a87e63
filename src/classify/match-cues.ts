// Matching cue patterns against a document: regexes run on the lowercased text, token sequences on base forms
// (or English stems or surfaces), so 落ちる matches 落ちた and "crash" matches "crashed".
import type { Token } from '../types.js';
import type { Cue } from './cue-dictionary.js';

export type CueMatcher = { type: 'regex'; re: RegExp } | { type: 'tokens'; terms: string[][] };

/** What a pattern is matched against. */
export interface MatchView {
  /** Lowercased text with typographic apostrophes made plain ("don’t" → "don't"). */
  text: string;
  /** Per token, the forms a token term may equal (base, stem, surface), lowercased. */
  tokenForms: string[][];
  /** Every form of every token, to skip token cues whose first term cannot match. */
  formSet: Set<string>;
}

export function viewOfText(text: string, tokens: readonly Pick<Token, 'base' | 'stem' | 'surface'>[]): MatchView {
  const tokenForms = tokens.map((t) => {
    const forms = [t.base.toLowerCase(), t.stem.toLowerCase(), t.surface.toLowerCase()];
    return forms.filter((f, i) => f !== '' && forms.indexOf(f) === i);
  });
  const formSet = new Set<string>();
  for (const forms of tokenForms) for (const f of forms) formSet.add(f);
  return { text: text.toLowerCase().replace(/[’‘`´]/g, "'"), tokenForms, formSet };
}

export function matchCueInView(matcher: CueMatcher, view: MatchView): boolean {
  if (matcher.type === 'regex') return matcher.re.test(view.text);
  const { terms } = matcher;
  const first = terms[0];
  if (!first || !first.some((alt) => view.formSet.has(alt))) return false;
  const n = view.tokenForms.length;
  for (let start = 0; start + terms.length <= n; start++) {
    let ok = true;
    for (let k = 0; k < terms.length; k++) {
      const forms = view.tokenForms[start + k] ?? [];
      if (!(terms[k] ?? []).some((alt) => forms.includes(alt))) {
        ok = false;
        break;
      }
    }
    if (ok) return true;
  }
  return false;
}

/** The cues that match, in dictionary order. */
export function matchingCues<L extends string>(cues: readonly Cue<L>[], view: MatchView): Cue<L>[] {
  return cues.filter((cue) => matchCueInView(cue.matcher, view));
}

/** Sums the weights of matching cues per label. */
export function scoreByLabel<L extends string>(hits: readonly Cue<L>[]): Map<L, number> {
  const scores = new Map<L, number>();
  for (const cue of hits) scores.set(cue.label, (scores.get(cue.label) ?? 0) + cue.weight);
  return scores;
}
