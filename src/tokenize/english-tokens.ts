import { createRequire } from 'node:module';
import type { PartOfSpeech, Token } from '../types.js';
import { englishLemma } from './english-lemma.js';
import type { KuromojiTokenizer } from './get-kuromoji.js';
import { pushJapaneseTokens } from './japanese-tokens.js';
import { SPECIAL_PATTERN, specialToken } from './special-tokens.js';
import type { WordLists } from './word-lists.js';

// natural's index pulls in dotenv and database drivers: load only the Porter stemmer.
const require = createRequire(import.meta.url);
const PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer.js') as { stem(word: string): string };

/** posDetail of English negations (not, never, don't …). */
export const NEGATION_DETAIL = 'NEG';

// One pass over the text: emoji / PII placeholders / mentions, Japanese runs (handed to kuromoji), words
// (letters/digits with inner ' or -, decimals), and any other visible character as a symbol.
const SEGMENT = new RegExp(
  [
    SPECIAL_PATTERN,
    '(?<ja>[\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Han}\\u3001-\\u303F\\u30FB\\u30FC]+)',
    "(?<word>[A-Za-z0-9\\u00C0-\\u024F]+(?:['\\u2019\\-][A-Za-z0-9\\u00C0-\\u024F]+)*(?:\\.\\d+)*)",
    '(?<sym>[^\\s\\uFE0F\\u200D])',
  ].join('|'),
  'gu',
);

const NUMBER = /^\d+(?:[.,]\d+)*(?:st|nd|rd|th|k|m)?$/;

interface WordInfo {
  base: string;
  stem: string;
  pos: PartOfSpeech;
  posDetail: string;
  stop: boolean;
}

// Penn Treebank tags of the English lexicon natural ships (from pos-js, LGPL-3.0: see dictionaries/userdict/SOURCE.md),
// most frequent first.
const PENN_POS: ReadonlyArray<[RegExp, PartOfSpeech]> = [
  [/^NN/, 'noun'],
  [/^VB/, 'verb'],
  [/^JJ/, 'adjective'],
  [/^(RB|RP|WRB)/, 'adverb'],
  [/^CD$/, 'number'],
  [/^MD$/, 'auxiliary'],
  [/^UH$/, 'interjection'],
];
let pennLexicon: Record<string, string[]> | undefined;
function lexiconPos(lower: string): PartOfSpeech | '' {
  pennLexicon ??= require('natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json') as Record<string, string[]>;
  const tags = Object.hasOwn(pennLexicon, lower) ? pennLexicon[lower]! : undefined;
  if (!tags || tags.length === 0) return '';
  const first = PENN_POS.find(([re]) => re.test(tags[0]!))?.[1] ?? 'other';
  // Flat adverbs that are adjectives too (fast, late, hard) describe things in feedback: keep them as adjectives.
  if (first === 'adverb' && tags.some((t) => t.startsWith('JJ'))) return 'adjective';
  return first;
}

/**
 * The usual word class of an English lemma out of context (koe's lemma file, then the pos-js lexicon): '' when
 * unknown. Theme labels use it to keep bare verbs and adverbs out ("ignore, ask").
 */
export function englishWordClass(word: string, lists: WordLists): PartOfSpeech | '' {
  const lower = word.toLowerCase();
  return lists.enLexicon.get(lower)?.pos || lexiconPos(lower);
}

function guessPos(lower: string): PartOfSpeech {
  if (/ly$/.test(lower) && lower.length > 4) return 'adverb';
  if (/(?:ing|ed)$/.test(lower) && lower.length > 4) return 'verb';
  if (/(?:ous|ful|less|able|ible|ive|ish|ic|al)$/.test(lower) && lower.length > 4) return 'adjective';
  return 'noun';
}

/** Per-word analysis, memoized: a batch repeats a small vocabulary millions of times. */
export class EnglishWordAnalyzer {
  private readonly memo = new Map<string, WordInfo>();
  private static readonly MEMO_LIMIT = 500_000;

  constructor(private readonly lists: WordLists) {}

  analyze(surface: string): WordInfo {
    const lower = surface.toLowerCase().replace(/\u2019/g, "'");
    let info = this.memo.get(lower);
    if (info) return info;
    info = this.compute(lower);
    if (this.memo.size >= EnglishWordAnalyzer.MEMO_LIMIT) this.memo.clear();
    this.memo.set(lower, info);
    return info;
  }

  private compute(lower: string): WordInfo {
    const { lists } = this;
    if (lists.enNegations.has(lower)) {
      // don't, cant: a negated auxiliary; not, never, no: adverb-like
      const pos: PartOfSpeech = lower.includes("'") || lower.endsWith('nt') ? 'auxiliary' : 'adverb';
      return { base: lower, stem: lower, pos, posDetail: NEGATION_DETAIL, stop: false };
    }
    if (NUMBER.test(lower)) return { base: lower, stem: lower, pos: 'number', posDetail: '', stop: true };
    const entry = lists.enLexicon.get(lower);
    const base = englishLemma(lower, lists.enLexicon);
    const stem = /^[a-z]+$/.test(base) ? PorterStemmer.stem(base) : base;
    const pos = entry?.pos || lexiconPos(lower) || guessPos(lower);
    const stop = lists.enStop.has(lower) || lists.enStop.has(base) || lower.length < 2;
    return { base, stem, pos, posDetail: '', stop };
  }
}

/** Tokens of one English (or mixed) sentence, appended to `out`; Japanese runs go through kuromoji. */
export function pushEnglishTokens(
  analyzer: EnglishWordAnalyzer,
  kuromoji: KuromojiTokenizer,
  text: string,
  sentence: number,
  lists: WordLists,
  out: Token[],
): void {
  for (const m of text.matchAll(SEGMENT)) {
    const g = m.groups ?? {};
    const surface = m[0];
    if (g.word !== undefined) {
      const w = analyzer.analyze(surface);
      out.push({ surface, base: w.base, stem: w.stem, pos: w.pos, posDetail: w.posDetail, sentence, stop: w.stop });
    } else if (g.ja !== undefined) {
      pushJapaneseTokens(kuromoji, surface, sentence, lists, out);
    } else if (g.sym === undefined) {
      out.push(specialToken(g, surface, sentence));
    } else {
      out.push({ surface, base: surface, stem: surface, pos: 'symbol', posDetail: '', sentence, stop: true });
    }
  }
}
