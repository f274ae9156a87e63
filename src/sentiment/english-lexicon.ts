// The English valence lexicon: VADER (MIT) and AFINN-165 (Apache-2.0) under koe's own CX lexicon, which wins.
// Everything is on koe's [-1, 1] scale (VADER / 4, AFINN / 5).
import { createRequire } from 'node:module';
import { dictionaryPath } from '../paths.js';
import { LexiconFileError, parseValenceTsv, readTextFile } from './lexicon-file.js';
import { parseModifierTsv, type ModifierTable } from './sentiment-modifiers.js';

export interface PhraseEntry {
  words: string[];
  score: number;
}

export interface EnglishLexicon {
  /** Single lowercase words. */
  words: Map<string, number>;
  /** Multi-word entries by first word, longest first. */
  phrases: Map<string, PhraseEntry[]>;
  /** Emoticons such as :) or :-( matched as whole whitespace-separated pieces. */
  emoticons: Map<string, number>;
  /** Emoji (one code point, variation selectors removed) scored through their VADER descriptions. */
  emoji: Map<string, number>;
  /** Porter stem → valence, a fallback for inflections the lists lack. */
  stems: Map<string, number>;
  modifiers: ModifierTable;
}

const require = createRequire(import.meta.url);
// natural's index pulls in database drivers and prints to stdout: load the stemmer module alone.
const porter = require('natural/lib/natural/stemmers/porter_stemmer.js') as { stem(word: string): string };

/** Porter stem of a lowercase word, memoized (stemming is the slow part of English matching). */
const stemCache = new Map<string, string>();
export function porterStem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = porter.stem(word);
    if (stemCache.size < 200_000) stemCache.set(word, s);
  }
  return s;
}

const INFLECTIONS = new Set(['', 's', 'es', 'ed', 'd', 'ing', 'e', 'y', 'ies', 'ied', 'ly', 'er', 'est', 'ers']);

/**
 * True when a word differs from its Porter stem only by an inflection (delayed → delai, loving → love), not by a
 * derivation ("thoughtful" → "thought", "useful" → "us"), so that stem matching stays within one word's forms.
 */
export function isInflectionOfStem(word: string, stem: string): boolean {
  // Porter turns a final y into i (delay → delai): compare without it.
  const root = stem.endsWith('i') ? stem.slice(0, -1) : stem;
  if (!word.startsWith(root)) return false;
  const rest = word.slice(root.length);
  return INFLECTIONS.has(rest) || (root !== stem && INFLECTIONS.has(rest.slice(1)) && /^[iy]/.test(rest));
}

const WORDLIKE = /^[a-z][a-z'-]*$/;

export const ENGLISH_LEXICON_FILES = {
  vader: dictionaryPath('lexicons', 'vader', 'vader_lexicon.txt'),
  vaderEmoji: dictionaryPath('lexicons', 'vader', 'emoji_utf8_lexicon.txt'),
  afinn: dictionaryPath('lexicons', 'afinn', 'AFINN-en-165.txt'),
  afinnEmoticons: dictionaryPath('lexicons', 'afinn', 'AFINN-emoticon-8.txt'),
  cx: dictionaryPath('sentiment', 'en-cx.tsv'),
  modifiers: dictionaryPath('sentiment', 'en-modifiers.tsv'),
};

/** VADER: token, mean (-4..4), sd, raw ratings. AFINN: term, integer (-5..5). Returns term → [-1, 1]. */
function parsePlainLexicon(text: string, file: string, scale: number): Map<string, number> {
  const map = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const [term = '', scoreText = ''] = line.split('\t');
    const score = Number(scoreText);
    if (term === '' || scoreText.trim() === '' || !Number.isFinite(score) || Math.abs(score) > scale) {
      throw new LexiconFileError(file, i + 1, 'score', scoreText, `expected "term<TAB>number in [-${scale}, ${scale}]"`);
    }
    map.set(term.toLowerCase(), score / scale);
  }
  return map;
}

function addPhrase(phrases: Map<string, PhraseEntry[]>, words: string[], score: number): void {
  const first = words[0] ?? '';
  const list = (phrases.get(first) ?? []).filter((p) => p.words.join(' ') !== words.join(' '));
  list.push({ words, score });
  list.sort((a, b) => b.words.length - a.words.length);
  phrases.set(first, list);
}

/** Splits an English lexicon entry into koe's words (same split as the scorer's: apostrophes kept). */
export function lexiconWords(term: string): string[] {
  return term.toLowerCase().replace(/’/g, "'").split(/\s+/).filter((w) => w !== '');
}

export function buildEnglishLexicon(texts: {
  vader: string;
  vaderEmoji: string;
  afinn: string;
  afinnEmoticons: string;
  cx: string;
  modifiers: string;
}): EnglishLexicon {
  const f = ENGLISH_LEXICON_FILES;
  const words = new Map<string, number>();
  const phrases = new Map<string, PhraseEntry[]>();
  const emoticons = new Map<string, number>();
  const add = (term: string, score: number): void => {
    const ws = lexiconWords(term);
    if (ws.length === 0) return;
    if (ws.length > 1) addPhrase(phrases, ws, score);
    else if (WORDLIKE.test(ws[0] ?? '')) words.set(ws[0] ?? '', score);
    else emoticons.set(term, score);
  };
  // AFINN first, VADER over it (VADER's ratings are finer), koe's CX lexicon last.
  for (const [t, s] of parsePlainLexicon(texts.afinnEmoticons, f.afinnEmoticons, 5)) emoticons.set(t, s);
  for (const [t, s] of parsePlainLexicon(texts.afinn, f.afinn, 5)) add(t, s);
  for (const [t, s] of parsePlainLexicon(texts.vader, f.vader, 4)) add(t, s);
  for (const [t, s] of parseValenceTsv(texts.cx, f.cx)) add(t, s);

  const stems = new Map<string, number>();
  for (const [w, s] of words) {
    const st = porterStem(w);
    // Only inflections: "useful" stems to "us", which must not make "used" positive.
    if (!isInflectionOfStem(w, st)) continue;
    // The word that is its own stem is the most typical reading; otherwise the first form seen.
    if (!stems.has(st) || st === w) stems.set(st, s);
  }

  const emoji = new Map<string, number>();
  const emojiLines = texts.vaderEmoji.split(/\r?\n/);
  for (const line of emojiLines) {
    const [symbol = '', description = ''] = line.split('\t');
    if (symbol === '' || description === '') continue;
    let sum = 0;
    for (const w of lexiconWords(description)) sum += words.get(w) ?? 0;
    if (sum === 0) continue;
    const key = symbol.replace(/\uFE0F/g, '');
    // Only single code points are looked up (skin tones and ZWJ sequences fall back to their first emoji).
    if ([...key].length === 1) emoji.set(key, Math.max(-1, Math.min(1, sum)));
  }

  return { words, phrases, emoticons, emoji, stems, modifiers: parseModifierTsv(texts.modifiers, f.modifiers) };
}

let cached: EnglishLexicon | undefined;

/** The bundled English lexicon, read once per process. */
export function englishLexicon(): EnglishLexicon {
  if (!cached) {
    const f = ENGLISH_LEXICON_FILES;
    cached = buildEnglishLexicon({
      vader: readTextFile(f.vader),
      vaderEmoji: readTextFile(f.vaderEmoji),
      afinn: readTextFile(f.afinn),
      afinnEmoticons: readTextFile(f.afinnEmoticons),
      cx: readTextFile(f.cx),
      modifiers: readTextFile(f.modifiers),
    });
  }
  return cached;
}
