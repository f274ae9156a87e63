// Modifier words (negators, boosters, contrast, requests, unmet expectations, questions, lack and capability,
// vanishing, benefactive and ability verbs, words that need a negation, references to how things were, time taken,
// English "least"): they change the valence of lexicon hits rather than carrying one. Data: dictionaries/sentiment/{ja,en}-modifiers.tsv.
import { LexiconFileError, numberField, parseTsv, termField } from './lexicon-file.js';

export const MODIFIER_KINDS = [
  'negator',
  'booster',
  'dampener',
  'contrast',
  'contrast-initial',
  'request',
  'request-verb',
  'unmet',
  'question',
  'conditional',
  'return',
  'info-question',
  'rhetorical',
  'lack',
  'capability',
  'vanish',
  'benefactive',
  'ability',
  'needs-negation',
  'former',
  'takes-time',
  'least',
  'instruction',
] as const;
export type ModifierKind = (typeof MODIFIER_KINDS)[number];

export interface Modifier {
  kind: ModifierKind;
  value: number;
  /** Required token pos_detail (Japanese); '' = any. */
  pos: string;
}

/** Modifiers by term: for Japanese a token base form, for English a lowercase word or phrase. */
export interface ModifierTable {
  byTerm: Map<string, Modifier[]>;
  /** English: phrases (2+ words) by their first word, longest first. */
  phrasesByFirstWord: Map<string, { words: string[]; modifier: Modifier }[]>;
}

const VALUE_RANGE: Record<ModifierKind, [number, number]> = {
  negator: [-1, 0],
  booster: [1, 3],
  dampener: [0, 1],
  contrast: [0, 1],
  'contrast-initial': [0, 1],
  request: [0, 1],
  // Japanese: くださる, which asks only in its imperative (〜てください, 〜てくださいませんか); elsewhere it is an honorific
  // for what someone did (教えてくださいました, ご対応くださり). Value as request's.
  'request-verb': [0, 1],
  unmet: [-1, 1],
  question: [0, 1],
  conditional: [-1, 0],
  return: [0, 1],
  // English sentence openers: a factor on the valence of an information request ("any delays tonight?"), and the
  // valence of a rhetorical complaint ("why would you…", "how come…").
  'info-question': [0, 1],
  rhetorical: [-1, 0],
  // English: "least" right before a word of valence negates it ("the least helpful agent"), unless it follows "at"
  // or "very" ("at least it works"), as VADER's least check; value = the negation factor.
  least: [-1, 0],
  // Japanese: a verb (or サ変 noun) of asking, instructing, paying or booking before 〜たのに (置き配をお願いしたのに,
  // 時間指定したのに, 払ったのに): what followed broke it, a complaint even when no word of it is polar; value = its valence.
  instruction: [-1, 0],
  // A word of lack (English: missing, lack, miss) whose object is a capability: a factor on the lack word's own
  // negative valence; the capability nouns themselves (feature, option; 機能, モード, also ending a compound) are
  // markers (value 1): in Japanese a bare negation after one (ダークモードがない) is a request.
  lack: [0, 1],
  capability: [1, 1],
  // Japanese: a verb of vanishing (消える, なくなる): a negation factor on the trouble that vanishes (不安が消えた).
  vanish: [-1, 0],
  // Japanese: a verb of receiving a favour after て (〜ていただける, 〜てもらえる, 〜てくれる): in a question it asks for
  // something (〜ていただけませんか is a request, its negation a politeness); value = factor on positive hits in its
  // clause, as a request's.
  benefactive: [0, 1],
  // Japanese: できる and the potential verbs (使える, 進める, 押せる): the valence of their bare negation, an inability
  // (先に進めません, ボタンが押せない), clearer than a bare negation's.
  ability: [-1, 0],
  // Japanese: a word that only occurs with a negation after it (二度と): its lexicon valence already says what the
  // pair means, so that negation is its own and does not flip it (二度と使いません). Value 1: a marker.
  'needs-negation': [1, 1],
  // Japanese: how things were (前, 以前, 昔): a comparison in its favour (前のバージョンの方が良かった) is a regret, not
  // praise of what is. Value 1: a marker.
  former: [1, 1],
  // Japanese: a verb of taking or waiting (かかる, 待つ): after a duration stressed with も (一週間もかかった, 30分も
  // 待ちました) it is time wasted, the commonest service failure; value = that valence.
  'takes-time': [-1, 0],
};

export function parseModifierTsv(text: string, file: string): ModifierTable {
  const byTerm = new Map<string, Modifier[]>();
  const phrasesByFirstWord = new Map<string, { words: string[]; modifier: Modifier }[]>();
  for (const row of parseTsv(text, file, ['term', 'kind', 'value', 'pos', 'note'], 3)) {
    const term = termField(row, file, 'term');
    const kindText = row.fields.kind ?? '';
    if (!(MODIFIER_KINDS as readonly string[]).includes(kindText)) {
      throw new LexiconFileError(file, row.line, 'kind', kindText, `must be one of ${MODIFIER_KINDS.join(', ')}`);
    }
    const kind = kindText as ModifierKind;
    const [min, max] = VALUE_RANGE[kind];
    const modifier: Modifier = { kind, value: numberField(row, file, 'value', min, max), pos: row.fields.pos ?? '' };
    const list = byTerm.get(term) ?? [];
    if (list.some((m) => m.kind === kind && m.pos === modifier.pos)) {
      throw new LexiconFileError(file, row.line, 'term', term, `duplicate ${kind} entry`);
    }
    list.push(modifier);
    byTerm.set(term, list);
    const words = term.split(' ');
    if (words.length > 1) {
      const first = words[0] ?? '';
      const phrases = phrasesByFirstWord.get(first) ?? [];
      phrases.push({ words, modifier });
      phrases.sort((a, b) => b.words.length - a.words.length);
      phrasesByFirstWord.set(first, phrases);
    }
  }
  return { byTerm, phrasesByFirstWord };
}

/** The modifier of one of the given kinds that the words starting at `start` spell (longest phrase first). */
export function englishOpener(table: ModifierTable, words: readonly string[], start: number, kinds: readonly ModifierKind[]): Modifier | undefined {
  const first = words[start] ?? '';
  for (const p of table.phrasesByFirstWord.get(first) ?? []) {
    if (!kinds.includes(p.modifier.kind)) continue;
    if (p.words.every((w, k) => words[start + k] === w)) return p.modifier;
  }
  return table.byTerm.get(first)?.find((m) => kinds.includes(m.kind));
}

/** The modifier a Japanese token plays, if any (pos-specific entries first). */
export function japaneseModifier(table: ModifierTable, base: string, posDetail: string): Modifier | undefined {
  const list = table.byTerm.get(base);
  if (!list) return undefined;
  return list.find((m) => m.pos === posDetail) ?? list.find((m) => m.pos === '');
}
