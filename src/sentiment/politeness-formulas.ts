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

/** A formula as matched: its case-insensitive regex, and how a sentence without it can be told cheaply. */
interface CompiledFormula {
  re: RegExp;
  term: string;
  /**
   * 'exact': kana and kanji have no case, so `includes` answers exactly what the regex would. 'ascii': only ASCII
   * letters fold to ASCII letters, except ſ (U+017F) and the Kelvin sign (U+212A), so in a sentence without those
   * the lowercased sentence must contain the term. null: no shortcut.
   */
  check: 'exact' | 'ascii' | null;
}

const KANA_KANJI_ONLY = /^[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+$/;
const LOWER_ASCII_ONLY = /^[\x20-\x40\x5b-\x7e]+$/;
const FOLDS_TO_ASCII = /[\u017f\u212a]/;

let compiled: Record<'ja' | 'en', CompiledFormula[]> | undefined;
function compiledFormulas(lang: 'ja' | 'en'): CompiledFormula[] {
  if (!compiled) {
    const formulas = politenessFormulas();
    const compile = (term: string): CompiledFormula => ({
      re: new RegExp(term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu'),
      term,
      check: KANA_KANJI_ONLY.test(term) ? 'exact' : LOWER_ASCII_ONLY.test(term) ? 'ascii' : null,
    });
    compiled = { ja: formulas.ja.map(compile), en: [...formulas.en, ...formulas.ja].map(compile) };
  }
  return compiled[lang];
}

/** The sentence without its formulas (English case-insensitively), and whether anything else is left. */
export function withoutFormulas(sentence: string, lang: 'ja' | 'en'): { text: string; onlyFormula: boolean; hadFormula: boolean } {
  const { text, hadFormula } = cutFormulas(sentence, lang, () => ' ');
  return { text, hadFormula, onlyFormula: hadFormula && !LETTER.test(text) };
}

/**
 * Where the formulas are in a sentence, as [start, end) character ranges (found as withoutFormulas finds them,
 * longest first): a Japanese sentence is scored from its tokens, and those inside a formula are left out.
 */
export function formulaSpans(sentence: string, lang: 'ja' | 'en'): [number, number][] {
  const spans: [number, number][] = [];
  // Blanks of the same length keep later matches at their places in the sentence.
  cutFormulas(sentence, lang, (match, at) => {
    spans.push([at, at + match.length]);
    return ' '.repeat(match.length);
  });
  return spans;
}

/** Each formula of the sentence, longest first, replaced by what `blank` gives for it (at its offset in the text so far). */
function cutFormulas(sentence: string, lang: 'ja' | 'en', blank: (match: string, at: number) => string): { text: string; hadFormula: boolean } {
  let text = sentence;
  let hadFormula = false;
  // Removing formulas only deletes characters and adds blanks, so this holds for every text below.
  const asciiCheckHolds = !FOLDS_TO_ASCII.test(sentence);
  let lower: string | undefined;
  for (const f of compiledFormulas(lang)) {
    // Most sentences hold no formula: rule it out without running the case-insensitive regex.
    if (f.check === 'exact' && !text.includes(f.term)) continue;
    if (f.check === 'ascii' && asciiCheckHolds && !(lower ??= text.toLowerCase()).includes(f.term)) continue;
    f.re.lastIndex = 0;
    if (f.re.test(text)) {
      hadFormula = true;
      text = text.replace(f.re, (match: string, at: number) => blank(match, at));
      lower = undefined;
    }
  }
  return { text, hadFormula };
}
