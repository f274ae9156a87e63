// The bilingual concept dictionary: customer-experience concepts with Japanese and English variants
// (ログイン / ログオン / サインイン ↔ login / log in / sign in). Terms and phrases of both languages map to one shared
// concept id, which becomes one shared dimension of the document vectors, so Japanese and English feedback about
// the same problem can land in one theme.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { dictionaryPath } from '../paths.js';
import type { Lang } from '../types.js';

const require = createRequire(import.meta.url);
// natural's index pulls in storage back-ends and prints to stdout: load the stemmer module alone.
const porter = require('natural/lib/natural/stemmers/porter_stemmer.js') as { stem(word: string): string };

export interface Concept {
  id: string;
  category: string;
  ja: string[];
  en: string[];
  /** A broader concept that every match of this one also counts (runaround → customer_support), or null. */
  broader: string | null;
  /**
   * The concept's name in a label, per language (スマホ決済 / mobile payment), from the `label` column; null when the
   * column leaves it out (then a label shows the first variant that is a noun: conceptDisplay).
   */
  label: { ja: string | null; en: string | null };
  /**
   * Variants that are instances of the concept rather than words for it: brands and product names (PayPay, Apple
   * Pay) from the `instances` column, as the variants are written (Japanese NFKC, English lowercased).
   */
  instances: Set<string>;
}

export interface ConceptDictionary {
  concepts: Concept[];
  byId: Map<string, Concept>;
  /** Stemmed English phrase (words joined by one space) → concept id. */
  en: Map<string, string>;
  /** Stemmed first word → the most words of a variant starting with it: other words start none (the scan skips them). */
  enLongestFrom: Map<string, number>;
  /** Japanese variant → concept id, and variants grouped by first character, longest first. */
  ja: Map<string, string>;
  jaByFirstChar: Map<string, string[]>;
  /** A version string of what matching reads: part of the vectorizer model id, so editing variants refits vectors. */
  version: string;
}

export const DEFAULT_CONCEPTS_PATH = dictionaryPath('concepts', 'concepts.tsv');

const stemCache = new Map<string, string>();
export function stemWord(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /^[a-z]+$/.test(word) && word.length > 2 ? porter.stem(word) : word;
    if (stemCache.size < 200_000) stemCache.set(word, s);
  }
  return s;
}

export function englishWords(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [];
}

function stemPhrase(phrase: string): string {
  return englishWords(phrase.replace(/-/g, ' ')).map(stemWord).join(' ');
}

/** The data rows of a dictionary TSV: blank lines and # comments skipped, and a first row whose first cell is `header`. */
function* dataRows(tsv: string, header: string): Generator<{ cells: string[]; line: string; index: number }> {
  let first = true;
  for (const [index, line] of tsv.split(/\r?\n/).entries()) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const cells = line.split('\t');
    if (first) {
      first = false;
      if (cells[0] === header) continue;
    }
    yield { cells, line, index };
  }
}

/**
 * Parses the TSV (id, category, ja variants `|`-separated, en variants `|`-separated, then optional: a broader
 * concept id, a label `ja|en`, instances `|`-separated); errors name the line.
 */
export function parseConceptDictionary(tsv: string, source = 'concepts.tsv'): ConceptDictionary {
  const concepts: Concept[] = [];
  const byId = new Map<string, Concept>();
  const en = new Map<string, string>();
  const ja = new Map<string, string>();
  const enLongestFrom = new Map<string, number>();
  const broaderLines = new Map<string, number>();
  for (const { cells, line, index } of dataRows(tsv, 'concept')) {
    if (cells.length < 4 || cells.length > 7) {
      throw new Error(`${source}:${index + 1}: expected 4 to 7 tab-separated fields, got ${cells.length}: ${JSON.stringify(line.slice(0, 60))}`);
    }
    const [id, category, jaCell, enCell, broaderCell = '', labelCell = '', instancesCell = ''] = cells as [string, string, string, string, string?, string?, string?];
    if (!/^[a-z0-9_]+$/.test(id)) throw new Error(`${source}:${index + 1}: concept id must be [a-z0-9_]+, got ${JSON.stringify(id)}`);
    if (byId.has(id)) throw new Error(`${source}:${index + 1}: duplicate concept id ${JSON.stringify(id)}`);
    const concept: Concept = {
      id,
      category,
      // One character is too ambiguous as a substring (便 in 便利): such variants are not matched.
      ja: jaCell.split('|').map((v) => v.trim().normalize('NFKC')).filter((v) => v.length >= 2),
      en: enCell.split('|').map((v) => v.trim().toLowerCase()).filter(Boolean),
      broader: broaderCell.trim() || null,
      label: parseLabelCell(labelCell, `${source}:${index + 1}`),
      instances: new Set(),
    };
    for (const raw of instancesCell.split('|').map((v) => v.trim()).filter(Boolean)) {
      // An instance is one of the line's own variants, so marking it changes no match.
      const asJa = raw.normalize('NFKC');
      const asEn = raw.toLowerCase();
      if (concept.ja.includes(asJa)) concept.instances.add(asJa);
      else if (concept.en.includes(asEn)) concept.instances.add(asEn);
      else throw new Error(`${source}:${index + 1}: instance ${JSON.stringify(raw)} of ${JSON.stringify(id)} is not one of its variants`);
    }
    broaderLines.set(id, index + 1);
    concepts.push(concept);
    byId.set(id, concept);
    for (const v of concept.ja) if (!ja.has(v)) ja.set(v, id);
    for (const v of concept.en) {
      const key = stemPhrase(v);
      if (key === '') continue;
      if (!en.has(key)) en.set(key, id);
      const keyWords = key.split(' ');
      enLongestFrom.set(keyWords[0]!, Math.max(enLongestFrom.get(keyWords[0]!) ?? 0, keyWords.length));
    }
  }
  for (const c of concepts) {
    if (c.broader === null) continue;
    const broader = byId.get(c.broader);
    // One level only: a broader concept is a plain concept, so a match counts at most two dimensions.
    if (!broader || broader.broader !== null || broader.id === c.id) {
      throw new Error(`${source}:${broaderLines.get(c.id)}: broader concept of ${JSON.stringify(c.id)} must be another concept without a broader one, got ${JSON.stringify(c.broader)}`);
    }
  }
  const jaByFirstChar = new Map<string, string[]>();
  for (const v of ja.keys()) {
    const first = v[0]!;
    const list = jaByFirstChar.get(first) ?? [];
    list.push(v);
    jaByFirstChar.set(first, list);
  }
  for (const list of jaByFirstChar.values()) list.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  // The version covers what matching reads (ids, variants, broader links): a label or instance edit changes no
  // vector, so it does not make the next rebuild refit them.
  let hash = 0;
  const matched = concepts.map((c) => [c.id, c.ja.join('|'), c.en.join('|'), c.broader ?? ''].join('\t')).join('\n');
  for (let i = 0; i < matched.length; i++) hash = (Math.imul(hash, 31) + matched.charCodeAt(i)) >>> 0;
  return { concepts, byId, en, enLongestFrom, ja, jaByFirstChar, version: `${concepts.length}-${hash.toString(16)}` };
}

/** The `label` column: `ja|en`, either side may be empty (`|mobile payment`: the other language shows a variant). */
function parseLabelCell(cell: string, where: string): Concept['label'] {
  const trimmed = cell.trim();
  if (trimmed === '') return { ja: null, en: null };
  const parts = trimmed.split('|').map((v) => v.trim());
  if (parts.length !== 2) throw new Error(`${where}: label must be "ja|en" (either side may be empty), got ${JSON.stringify(trimmed)}`);
  const [ja, en] = parts as [string, string];
  return { ja: ja === '' ? null : ja.normalize('NFKC'), en: en === '' ? null : en.toLowerCase() };
}

let defaultDictionary: ConceptDictionary | null = null;

/** The bundled dictionary, read once per process. */
export function loadConceptDictionary(file = DEFAULT_CONCEPTS_PATH): ConceptDictionary {
  if (file === DEFAULT_CONCEPTS_PATH && defaultDictionary) return defaultDictionary;
  const dictionary = parseConceptDictionary(fs.readFileSync(file, 'utf8'), file);
  if (file === DEFAULT_CONCEPTS_PATH) defaultDictionary = dictionary;
  return dictionary;
}

export const DEFAULT_CATEGORY_NAMES_PATH = dictionaryPath('concepts', 'categories.tsv');

/** A concept category's name in labels, per language. */
export interface CategoryName {
  ja: string;
  en: string;
}

/**
 * Parses categories.tsv (category, ja name, en name). A category must be one that `dictionary` uses; errors name
 * the line. Categories left out name no area (general, sentiment).
 */
export function parseCategoryNames(tsv: string, dictionary: ConceptDictionary, source = 'categories.tsv'): Map<string, CategoryName> {
  const used = new Set(dictionary.concepts.map((c) => c.category));
  const names = new Map<string, CategoryName>();
  for (const { cells, line, index } of dataRows(tsv, 'category')) {
    if (cells.length !== 3 || cells.some((c) => c.trim() === '')) {
      throw new Error(`${source}:${index + 1}: expected 3 tab-separated non-empty fields (category, ja, en), got ${JSON.stringify(line.slice(0, 60))}`);
    }
    const [category, ja, en] = cells.map((c) => c.trim()) as [string, string, string];
    if (!used.has(category)) throw new Error(`${source}:${index + 1}: no concept has the category ${JSON.stringify(category)}`);
    if (names.has(category)) throw new Error(`${source}:${index + 1}: duplicate category ${JSON.stringify(category)}`);
    names.set(category, { ja: ja.normalize('NFKC'), en });
  }
  return names;
}

let defaultCategoryNames: Map<string, CategoryName> | null = null;

/** The bundled category names, read once per process. */
export function loadCategoryNames(): Map<string, CategoryName> {
  defaultCategoryNames ??= parseCategoryNames(fs.readFileSync(DEFAULT_CATEGORY_NAMES_PATH, 'utf8'), loadConceptDictionary(), DEFAULT_CATEGORY_NAMES_PATH);
  return defaultCategoryNames;
}

export interface ConceptMatch {
  /** Concept id → occurrences in the document. */
  concepts: Map<string, number>;
  /** Terms that are nothing but a concept variant (replaced by the concept in the vector). */
  coveredTerms: Set<string>;
}

// Whether a term is nothing but a variant, remembered per dictionary: the same terms recur in every document.
const variantTerms = new WeakMap<ConceptDictionary, Map<string, boolean>>();
function isConceptVariant(dictionary: ConceptDictionary, term: string): boolean {
  let known = variantTerms.get(dictionary);
  if (!known) variantTerms.set(dictionary, (known = new Map()));
  let is = known.get(term);
  if (is === undefined) {
    const t = term.toLowerCase();
    is = dictionary.ja.has(t) || dictionary.en.has(stemPhrase(t));
    if (known.size < 200_000) known.set(term, is);
  }
  return is;
}

/** The concept a whole term is a variant of ("paypay", 楽天ペイ, "sign in"), or undefined: the matcher's own tables. */
export function conceptOfVariant(dictionary: ConceptDictionary, term: string): string | undefined {
  return dictionary.ja.get(term.normalize('NFKC')) ?? dictionary.en.get(stemPhrase(term.toLowerCase()));
}

/** Concepts mentioned in a document, from its terms and from phrases in its text (both languages are scanned). */
export function matchConcepts(dictionary: ConceptDictionary, text: string, terms: readonly string[], lang: Lang): ConceptMatch {
  const concepts = new Map<string, number>();
  const coveredTerms = new Set<string>();
  const add = (id: string): void => {
    concepts.set(id, (concepts.get(id) ?? 0) + 1);
    const broader = dictionary.byId.get(id)!.broader;
    if (broader !== null) concepts.set(broader, (concepts.get(broader) ?? 0) + 1);
  };
  // Japanese: longest variant at each position of the text (Japanese text often quotes English product words too).
  if (lang !== 'en' || /[\u3040-\u30ff\u4e00-\u9fff]/.test(text)) {
    for (let i = 0; i < text.length; ) {
      const candidates = dictionary.jaByFirstChar.get(text[i]!);
      let matched = 0;
      if (candidates) {
        for (const v of candidates) {
          if (text.startsWith(v, i)) {
            add(dictionary.ja.get(v)!);
            matched = v.length;
            break;
          }
        }
      }
      i += matched || 1;
    }
  }
  // English: longest stemmed n-gram at each word.
  const words = englishWords(text).map(stemWord);
  for (let i = 0; i < words.length; ) {
    let matched = 0;
    for (let len = Math.min(dictionary.enLongestFrom.get(words[i]!) ?? 0, words.length - i); len >= 1; len--) {
      const id = dictionary.en.get(words.slice(i, i + len).join(' '));
      if (id) {
        add(id);
        matched = len;
        break;
      }
    }
    i += matched || 1;
  }
  for (const term of terms) if (isConceptVariant(dictionary, term)) coveredTerms.add(term);
  return { concepts, coveredTerms };
}
