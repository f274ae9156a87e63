// Matching cue patterns against a document: regexes run on the lowercased text, token sequences on base forms
// (or English stems or surfaces), so 落ちる matches 落ちた and "crash" matches "crashed".
import type { Token } from '../types.js';
import type { Cue } from './cue-dictionary.js';

export type CueMatcher =
  /** `literals`: one of them is in every text `re` matches (regex-literals.ts); null when none is known. */
  | { type: 'regex'; re: RegExp; literals?: string[] | null }
  | { type: 'tokens'; terms: string[][] };

/** What a pattern is matched against. */
export interface MatchView {
  /** Lowercased text with typographic apostrophes made plain ("don’t" → "don't"). */
  text: string;
  /** Per token, the forms a token term may equal (base, stem, surface), lowercased. */
  tokenForms: string[][];
  /** Every form of every token, to skip token cues whose first term cannot match. */
  formSet: Set<string>;
}

// The kind classifier and the journey tagger look at the same document: its view is built once, per token array.
const viewsByTokens = new WeakMap<object, { text: string; view: MatchView }>();

export function viewOfText(text: string, tokens: readonly Pick<Token, 'base' | 'stem' | 'surface'>[]): MatchView {
  const known = viewsByTokens.get(tokens);
  if (known !== undefined && known.text === text) return known.view;
  const view = new DocumentView(text.toLowerCase().replace(/[’‘`´]/g, "'"), tokens);
  viewsByTokens.set(tokens, { text, view });
  return view;
}

/** A MatchView whose token forms are read only when a token cue asks (few cues are token sequences). */
class DocumentView implements MatchView {
  private forms: string[][] | undefined;
  private set: Set<string> | undefined;

  constructor(
    readonly text: string,
    private readonly tokens: readonly Pick<Token, 'base' | 'stem' | 'surface'>[],
  ) {}

  get tokenForms(): string[][] {
    this.forms ??= this.tokens.map((t) => {
      const forms = [t.base.toLowerCase(), t.stem.toLowerCase(), t.surface.toLowerCase()];
      return forms.filter((f, i) => f !== '' && forms.indexOf(f) === i);
    });
    return this.forms;
  }

  get formSet(): Set<string> {
    if (!this.set) {
      const set = new Set<string>();
      for (const t of this.tokens) {
        const base = t.base.toLowerCase();
        if (base !== '') set.add(base);
        if (t.stem !== t.base) {
          const stem = t.stem.toLowerCase();
          if (stem !== '') set.add(stem);
        }
        if (t.surface !== t.base) {
          const surface = t.surface.toLowerCase();
          if (surface !== '') set.add(surface);
        }
      }
      this.set = set;
    }
    return this.set;
  }
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

/**
 * The literals of a cue list's regexes (regex-literals.ts) in one Aho-Corasick automaton: one pass over a text
 * tells which cues can match at all, so only those run their regex. A document meets ~300 cue regexes and matches a
 * handful; running each (≈ 150 ns) was most of the kind classifier's time, and `includes` per literal was slower still.
 */
class CueScreen {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Per automaton state: the cues (by index) one of whose literals ends here. */
  private readonly out: number[][] = [[]];
  /** 1 for cues that must always be run (token cues, regexes without known literals). */
  private readonly always: Uint8Array;

  private readonly cues: readonly Cue<string>[];

  constructor(cues: readonly Cue<string>[]) {
    this.cues = [...cues];
    this.always = new Uint8Array(cues.length);
    cues.forEach((cue, i) => {
      const literals = cue.matcher.type === 'regex' ? cue.matcher.literals : null;
      if (!literals) {
        this.always[i] = 1;
        return;
      }
      for (const literal of literals) {
        let state = 0;
        for (let k = 0; k < literal.length; k++) {
          const unit = literal.charCodeAt(k);
          let to = this.next[state]!.get(unit);
          if (to === undefined) {
            to = this.next.length;
            this.next.push(new Map());
            this.fail.push(0);
            this.out.push([]);
            this.next[state]!.set(unit, to);
          }
          state = to;
        }
        this.out[state]!.push(i);
      }
    });
    // Failure links, breadth first; each state also reports what its failure state reports.
    const queue: number[] = [...this.next[0]!.values()];
    for (let q = 0; q < queue.length; q++) {
      const state = queue[q]!;
      for (const [unit, to] of this.next[state]!) {
        let f = this.fail[state]!;
        while (f !== 0 && !this.next[f]!.has(unit)) f = this.fail[f]!;
        const target = this.next[f]!.get(unit);
        this.fail[to] = target !== undefined && target !== to ? target : 0;
        this.out[to] = [...this.out[to]!, ...this.out[this.fail[to]!]!];
        queue.push(to);
      }
    }
  }

  isFor(cues: readonly Cue<string>[]): boolean {
    return cues.length === this.cues.length && cues.every((cue, i) => cue === this.cues[i]);
  }

  /** Per cue: 1 when it may match `text` (one of its literals occurs, or it has none), else 0. */
  candidates(text: string): Uint8Array {
    const may = this.always.slice();
    let state = 0;
    for (let k = 0; k < text.length; k++) {
      const unit = text.charCodeAt(k);
      let to = this.next[state]!.get(unit);
      while (to === undefined && state !== 0) {
        state = this.fail[state]!;
        to = this.next[state]!.get(unit);
      }
      state = to ?? 0;
      for (const cue of this.out[state]!) may[cue] = 1;
    }
    return may;
  }
}

const screens = new WeakMap<readonly Cue<string>[], CueScreen>();

/** The cues that match, in dictionary order. */
export function matchingCues<L extends string>(cues: readonly Cue<L>[], view: MatchView): Cue<L>[] {
  let screen = screens.get(cues);
  // Built once per cue list; a list changed since (a caller's own array) gets a new screen.
  if (!screen || !screen.isFor(cues)) {
    screen = new CueScreen(cues);
    screens.set(cues, screen);
  }
  const may = screen.candidates(view.text);
  return cues.filter((cue, i) => may[i] === 1 && matchCueInView(cue.matcher, view));
}

/** Sums the weights of matching cues per label. */
export function scoreByLabel<L extends string>(hits: readonly Cue<L>[]): Map<L, number> {
  const scores = new Map<L, number>();
  for (const cue of hits) scores.set(cue.label, (scores.get(cue.label) ?? 0) + cue.weight);
  return scores;
}
