import fs from 'node:fs';
import { dictionaryPath } from '../paths.js';
import type { PartOfSpeech } from '../types.js';

/** Lines of a word-list file, without comments (#) and blank lines. */
function dataLines(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read word list ${file}: ${(err as Error).message}`);
  }
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

function readWordSet(file: string): Set<string> {
  return new Set(dataLines(file).map((w) => w.toLowerCase()));
}

const POS_VALUES: ReadonlySet<string> = new Set([
  'noun', 'verb', 'adjective', 'adverb', 'auxiliary', 'particle', 'interjection', 'symbol', 'number', 'other',
]);

export interface EnglishLexiconEntry {
  lemma: string;
  /** '' when the file gives none (then suffix rules guess). */
  pos: PartOfSpeech | '';
}

/** dictionaries/userdict/en-lemmas.tsv: form → lemma (and optional part of speech). */
function readEnglishLexicon(file: string): Map<string, EnglishLexiconEntry> {
  const map = new Map<string, EnglishLexiconEntry>();
  dataLines(file).forEach((line, i) => {
    const [form, lemma, pos = ''] = line.split('\t');
    if (!form || !lemma || (pos !== '' && !POS_VALUES.has(pos))) {
      throw new Error(`${file}: data line ${i + 1}: expected "form<TAB>lemma[<TAB>pos]", got "${line}"`);
    }
    map.set(form.toLowerCase(), { lemma, pos: pos as PartOfSpeech | '' });
  });
  return map;
}

export interface WordLists {
  /** Japanese stopwords (base forms), dictionaries/stopwords/ja.txt. */
  jaStop: ReadonlySet<string>;
  /** English stopwords (lowercase), dictionaries/stopwords/en.txt; negations are deliberately absent. */
  enStop: ReadonlySet<string>;
  /** Japanese negation base forms (ない, ぬ, ん, ず): never stop, never terms. */
  jaNegations: ReadonlySet<string>;
  /** English negation words: never stop, never terms, tagged posDetail 'NEG'. */
  enNegations: ReadonlySet<string>;
  enLexicon: ReadonlyMap<string, EnglishLexiconEntry>;
  /** Verb + particle pairs kept as bigrams although the particle is a stopword ("log in", "sign up"). */
  enPhrasalVerbs: ReadonlySet<string>;
  /** Greetings, politeness formulas and fillers that never name a theme (dictionaries/stopwords/label-fillers.txt). */
  labelFillers: Set<string>;
  /** Words that never name a theme alone: "order", 対応, 便利 (dictionaries/stopwords/label-generic.txt). */
  labelGeneric: ReadonlySet<string>;
  /** Nouns of what went wrong ("crash", 遅延), joined in labels with what they happen to (dictionaries/stopwords/label-problems.txt). */
  labelProblems: ReadonlySet<string>;
  /** Who, when, where and which currency ("daughter", "saturday", "european", "gbp"): never a theme's label (dictionaries/stopwords/label-side-details.txt). */
  labelSideDetails: ReadonlySet<string>;
}

let cached: WordLists | undefined;

/** Reads the word lists once per process. */
export function loadWordLists(): WordLists {
  cached ??= {
    jaStop: readWordSet(dictionaryPath('stopwords', 'ja.txt')),
    enStop: readWordSet(dictionaryPath('stopwords', 'en.txt')),
    jaNegations: readWordSet(dictionaryPath('stopwords', 'ja-negations.txt')),
    enNegations: readWordSet(dictionaryPath('stopwords', 'en-negations.txt')),
    enLexicon: readEnglishLexicon(dictionaryPath('userdict', 'en-lemmas.tsv')),
    enPhrasalVerbs: readWordSet(dictionaryPath('userdict', 'en-phrasal-verbs.txt')),
    labelFillers: readWordSet(dictionaryPath('stopwords', 'label-fillers.txt')),
    labelGeneric: readWordSet(dictionaryPath('stopwords', 'label-generic.txt')),
    labelProblems: readWordSet(dictionaryPath('stopwords', 'label-problems.txt')),
    labelSideDetails: readWordSet(dictionaryPath('stopwords', 'label-side-details.txt')),
  };
  return cached;
}
