// Emotions a document expresses: ML-Ask's ten classes (mapped by dictionaries/emotions/mlask-emotion-map.tsv) plus
// koe's Japanese and English emotion lists. A negated emotion word (嬉しくない, not happy) counts for nothing.
import type { Emotion, Token, TokenizedDoc } from '../types.js';
import { dictionaryPath } from '../paths.js';
import { lexiconWords, porterStem } from './english-lexicon.js';
import { japaneseLexicon, MLASK_CLASSES, type MlaskClass } from './japanese-lexicon.js';
import { LexiconFileError, parseTsv, readTextFile, termField } from './lexicon-file.js';
import { keyPrefixes, longestJapaneseMatch } from './match-japanese.js';
import { isNegatedAfter } from './score-japanese-sentence.js';

/** The eight emotions in the order results list them. */
export const EMOTIONS: readonly Emotion[] = ['joy', 'trust', 'anticipation', 'surprise', 'sadness', 'fear', 'anger', 'disgust'];

export const EMOTION_FILES = {
  mlaskMap: dictionaryPath('emotions', 'mlask-emotion-map.tsv'),
  ja: dictionaryPath('emotions', 'ja-emotions.tsv'),
  en: dictionaryPath('emotions', 'en-emotions.tsv'),
};

function emotionField(value: string, file: string, line: number): Emotion {
  if (!(EMOTIONS as readonly string[]).includes(value)) {
    throw new LexiconFileError(file, line, 'emotion', value, `must be one of ${EMOTIONS.join(', ')}`);
  }
  return value as Emotion;
}

export function parseMlaskEmotionMap(text: string, file: string): Map<MlaskClass, Emotion> {
  const map = new Map<MlaskClass, Emotion>();
  for (const row of parseTsv(text, file, ['class', 'emotion', 'note'], 2)) {
    const cls = termField(row, file, 'class');
    if (!(MLASK_CLASSES as readonly string[]).includes(cls)) {
      throw new LexiconFileError(file, row.line, 'class', cls, `must be one of ${MLASK_CLASSES.join(', ')}`);
    }
    map.set(cls as MlaskClass, emotionField(row.fields.emotion ?? '', file, row.line));
  }
  return map;
}

/** `term<TAB>emotion<TAB>note` → term → emotions. */
export function parseEmotionWords(text: string, file: string): Map<string, Emotion[]> {
  const map = new Map<string, Emotion[]>();
  for (const row of parseTsv(text, file, ['term', 'emotion', 'note'], 2)) {
    const term = termField(row, file, 'term');
    const emotion = emotionField(row.fields.emotion ?? '', file, row.line);
    const list = map.get(term) ?? [];
    if (!list.includes(emotion)) list.push(emotion);
    map.set(term, list);
  }
  return map;
}

interface EmotionTables {
  ja: Map<string, Emotion[]>;
  jaPrefixes: Set<string>;
  /** English single words by exact form and by Porter stem; phrases by first word. */
  enWords: Map<string, Emotion[]>;
  enStems: Map<string, Emotion[]>;
  enPhrases: Map<string, { words: string[]; emotions: Emotion[] }[]>;
}

let tables: EmotionTables | undefined;

function emotionTables(): EmotionTables {
  if (tables) return tables;
  const f = EMOTION_FILES;
  const classMap = parseMlaskEmotionMap(readTextFile(f.mlaskMap), f.mlaskMap);
  const ja = new Map<string, Emotion[]>();
  const addJa = (term: string, emotions: Emotion[]): void => {
    const list = ja.get(term) ?? [];
    for (const e of emotions) if (!list.includes(e)) list.push(e);
    ja.set(term, list);
  };
  for (const [term, classes] of japaneseLexicon().emotionClasses) {
    // One-kana ML-Ask entries match particles and fillers: skipped, as in the sentiment lexicon.
    if (term.length === 1 && /^[\u3040-\u30ff]$/.test(term)) continue;
    addJa(term, classes.map((c) => classMap.get(c)).filter((e): e is Emotion => e !== undefined));
  }
  for (const [term, emotions] of parseEmotionWords(readTextFile(f.ja), f.ja)) addJa(term, emotions);
  const jaPrefixes = keyPrefixes(ja.keys());

  const enWords = new Map<string, Emotion[]>();
  const enStems = new Map<string, Emotion[]>();
  const enPhrases = new Map<string, { words: string[]; emotions: Emotion[] }[]>();
  for (const [term, emotions] of parseEmotionWords(readTextFile(f.en), f.en)) {
    const words = lexiconWords(term);
    if (words.length > 1) {
      const first = words[0] ?? '';
      const list = enPhrases.get(first) ?? [];
      list.push({ words, emotions });
      list.sort((a, b) => b.words.length - a.words.length);
      enPhrases.set(first, list);
    } else {
      enWords.set(term, emotions);
      enStems.set(porterStem(term), emotions);
    }
  }
  tables = { ja, jaPrefixes, enWords, enStems, enPhrases };
  return tables;
}

function japaneseEmotions(tokens: readonly Token[], t: EmotionTables, found: Set<Emotion>): void {
  const lex = japaneseLexicon();
  for (let i = 0; i < tokens.length; i++) {
    const m = longestJapaneseMatch(tokens, i, t.ja, t.jaPrefixes);
    if (!m) continue;
    const end = i + m.length - 1;
    if (!isNegatedAfter(tokens, end, lex)) for (const e of m.value) found.add(e);
    i = end;
  }
}

const ENGLISH_NEGATORS = new Set(['not', 'no', 'never', 'without', 'cannot', 'hardly', 'barely', 'nothing']);

function englishEmotions(text: string, t: EmotionTables, found: Set<Emotion>): void {
  // Commas and sentence marks end a negation's reach ("not late, happy").
  const words = text.toLowerCase().replace(/’/g, "'").match(/[a-z]+(?:'[a-z]+)*|[,;:.!?]/g) ?? [];
  let lastNegator = -10;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (/^[,;:.!?]$/.test(w)) {
      lastNegator = -10;
      continue;
    }
    if (ENGLISH_NEGATORS.has(w) || w.endsWith("n't")) lastNegator = i;
    let emotions: Emotion[] | undefined;
    let span = 1;
    for (const p of t.enPhrases.get(w) ?? []) {
      if (p.words.every((pw, k) => words[i + k] === pw)) {
        emotions = p.emotions;
        span = p.words.length;
        break;
      }
    }
    emotions ??= t.enWords.get(w) ?? (w.length > 3 ? t.enStems.get(porterStem(w)) : undefined);
    if (emotions && (span > 1 || i - lastNegator > 3)) for (const e of emotions) found.add(e);
    i += span - 1;
  }
}

/** Emotions expressed in the document, in EMOTIONS order; empty when none. */
export function detectEmotions(doc: TokenizedDoc): Emotion[] {
  const t = emotionTables();
  const found = new Set<Emotion>();
  if (doc.lang === 'ja') {
    const bySentence = new Map<number, Token[]>();
    for (const tok of doc.tokens) {
      const list = bySentence.get(tok.sentence) ?? [];
      list.push(tok);
      bySentence.set(tok.sentence, list);
    }
    for (const tokens of bySentence.values()) japaneseEmotions(tokens, t, found);
  } else {
    for (const s of doc.sentences.length > 0 ? doc.sentences : [doc.text]) englishEmotions(s, t, found);
  }
  return EMOTIONS.filter((e) => found.has(e));
}
