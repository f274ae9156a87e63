// The Japanese valence lexicon: ML-Ask's emotion words (BSD-3) given a polarity per class, under koe's own CX
// lexicon, which wins. Keys are matched at token boundaries (see match-japanese.ts).
import { dictionaryPath } from '../paths.js';
import { LexiconFileError, numberField, parseTsv, parseValenceTsv, readTextFile, termField } from './lexicon-file.js';
import { keyPrefixes } from './match-japanese.js';
import { parseModifierTsv, type ModifierTable } from './sentiment-modifiers.js';

export const MLASK_CLASSES = [
  'yorokobi',
  'suki',
  'yasu',
  'ikari',
  'aware',
  'kowa',
  'iya',
  'haji',
  'takaburi',
  'odoroki',
] as const;
export type MlaskClass = (typeof MLASK_CLASSES)[number];

export interface JapaneseLexicon {
  /** Term (surfaces with the last token in base form, or all base forms joined) → valence in [-1, 1]. */
  valence: Map<string, number>;
  /** ML-Ask term → its emotion classes (for detectEmotions). */
  emotionClasses: Map<string, MlaskClass[]>;
  /** Proper prefixes of the valence keys: matching stops growing a candidate that is none of them. */
  valencePrefixes: Set<string>;
  modifiers: ModifierTable;
}

export const JAPANESE_LEXICON_FILES = {
  mlaskDir: dictionaryPath('lexicons', 'mlask', 'emotions'),
  mlaskPolarity: dictionaryPath('sentiment', 'mlask-polarity.tsv'),
  cx: dictionaryPath('sentiment', 'ja-cx.tsv'),
  modifiers: dictionaryPath('sentiment', 'ja-modifiers.tsv'),
};

export function mlaskFile(cls: MlaskClass): string {
  return `${JAPANESE_LEXICON_FILES.mlaskDir}/${cls}_uncoded.txt`;
}

export function parseMlaskPolarity(text: string, file: string): Map<MlaskClass, number> {
  const map = new Map<MlaskClass, number>();
  for (const row of parseTsv(text, file, ['class', 'score', 'note'], 2)) {
    const cls = termField(row, file, 'class');
    if (!(MLASK_CLASSES as readonly string[]).includes(cls)) {
      throw new LexiconFileError(file, row.line, 'class', cls, `must be one of ${MLASK_CLASSES.join(', ')}`);
    }
    map.set(cls as MlaskClass, numberField(row, file, 'score', -1, 1));
  }
  for (const cls of MLASK_CLASSES) {
    if (!map.has(cls)) throw new LexiconFileError(file, 0, 'class', cls, 'missing');
  }
  return map;
}

export function buildJapaneseLexicon(texts: {
  mlask: Record<MlaskClass, string>;
  mlaskPolarity: string;
  cx: string;
  modifiers: string;
}): JapaneseLexicon {
  const f = JAPANESE_LEXICON_FILES;
  const polarity = parseMlaskPolarity(texts.mlaskPolarity, f.mlaskPolarity);
  const emotionClasses = new Map<string, MlaskClass[]>();
  for (const cls of MLASK_CLASSES) {
    for (const raw of texts.mlask[cls].split(/\r?\n/)) {
      const term = raw.trim();
      if (term === '') continue;
      const list = emotionClasses.get(term) ?? [];
      if (!list.includes(cls)) list.push(cls);
      emotionClasses.set(term, list);
    }
  }
  const valence = new Map<string, number>();
  for (const [term, classes] of emotionClasses) {
    // A word in several classes (うっとり: joy, liking, surprise) gets the mean of its polar classes.
    const polar = classes.map((c) => polarity.get(c) ?? 0).filter((s) => s !== 0);
    if (polar.length === 0) continue;
    // One-character kana entries match too much at token level (e.g. a single particle-like kana).
    if (term.length === 1 && /^[\u3040-\u30ff]$/.test(term)) continue;
    valence.set(term, polar.reduce((a, b) => a + b, 0) / polar.length);
  }
  for (const [term, score] of parseValenceTsv(texts.cx, f.cx)) valence.set(term, score);
  return {
    valence,
    emotionClasses,
    valencePrefixes: keyPrefixes(valence.keys()),
    modifiers: parseModifierTsv(texts.modifiers, f.modifiers),
  };
}

let cached: JapaneseLexicon | undefined;

/** The bundled Japanese lexicon, read once per process. */
export function japaneseLexicon(): JapaneseLexicon {
  if (!cached) {
    const f = JAPANESE_LEXICON_FILES;
    const mlask = {} as Record<MlaskClass, string>;
    for (const cls of MLASK_CLASSES) mlask[cls] = readTextFile(mlaskFile(cls));
    cached = buildJapaneseLexicon({
      mlask,
      mlaskPolarity: readTextFile(f.mlaskPolarity),
      cx: readTextFile(f.cx),
      modifiers: readTextFile(f.modifiers),
    });
  }
  return cached;
}
