// Politeness formulas carry no sentiment (issue 15): a ticket wrapped in お世話になっております … よろしくお願いいたします
// or ending in "Thanks in advance" is scored on what it says in between. The formulas are data:
// dictionaries/sentiment/politeness-formulas.tsv.
import { dictionaryPath } from '../paths.js';
import { LexiconFileError, parseTsv, readTextFile, termField } from './lexicon-file.js';

export const POLITENESS_FILE = dictionaryPath('sentiment', 'politeness-formulas.tsv');

export interface Formulas {
  ja: string[];
  en: string[];
}

export function parseFormulas(text: string, file: string): Formulas {
  const out: Formulas = { ja: [], en: [] };
  for (const row of parseTsv(text, file, ['term', 'lang', 'note'], 2)) {
    const term = termField(row, file, 'term');
    const lang = row.fields.lang ?? '';
    if (lang !== 'ja' && lang !== 'en' && lang !== 'any') throw new LexiconFileError(file, row.line, 'lang', lang, 'must be ja, en or any');
    if (lang !== 'en') out.ja.push(term);
    if (lang !== 'ja') out.en.push(term.toLowerCase());
  }
  // Longest first, so いつもお世話になっております is cut whole before お世話になっております.
  out.ja.sort((a, b) => b.length - a.length);
  out.en.sort((a, b) => b.length - a.length);
  return out;
}

let cached: Formulas | undefined;
export function politenessFormulas(): Formulas {
  cached ??= parseFormulas(readTextFile(POLITENESS_FILE), POLITENESS_FILE);
  return cached;
}

const LETTER = /[\p{L}\p{N}]/u;

/** The sentence without its formulas (English case-insensitively), and whether anything else is left. */
export function withoutFormulas(sentence: string, lang: 'ja' | 'en'): { text: string; onlyFormula: boolean; hadFormula: boolean } {
  const formulas = politenessFormulas();
  let text = sentence;
  let hadFormula = false;
  for (const f of lang === 'ja' ? formulas.ja : [...formulas.en, ...formulas.ja]) {
    const re = new RegExp(f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
    if (re.test(text)) {
      hadFormula = true;
      text = text.replace(re, ' ');
    }
  }
  return { text, hadFormula, onlyFormula: hadFormula && !LETTER.test(text) };
}
