// A light English lemmatizer: an exception list (dictionaries/userdict/en-lemmas.tsv) first, then suffix rules
// for plurals, -ed and -ing. It aims at readable theme labels ("deliveries" → "delivery", "crashed" → "crash"),
// not at linguistic completeness; Token.stem (Porter) is what matching uses.
import type { EnglishLexiconEntry } from './word-lists.js';

const VOWEL = /[aeiouy]/;
const DOUBLED = /([bdgkmnprtv])\1$/;

/** Puts back the silent e that -ed/-ing removed ("charg" → "charge", "updat" → "update", "us" → "use"). */
function restoreE(stem: string): string {
  if (/(?:v|c|z|u|ir|ur|ang|[rdl]g|ag)$/.test(stem)) return stem + 'e';
  if (/[^aeiouls]l$/.test(stem)) return stem + 'e'; // handl, enabl, settl
  if (/[aeiou]s$/.test(stem) && !/(?:ss|ous)$/.test(stem)) return stem + 'e'; // us, clos, caus, purchas
  if (/(?:[^aeiou]ar|stor|scor|ignor|plor|ador)$/.test(stem)) return stem + 'e'; // shar, compar, stor, ignor
  // consonant + single vowel (not e) + consonant at the end: the usual shape of a silent-e verb (lik, nam, typ,
  // decid, updat); -it and -on endings are mostly unstressed syllables without e (visit, mention), except in short words.
  if (/[^aeiou][aiouy][bcdfgkmnpstz]$/.test(stem)) {
    if (/(?:it|on|om)$/.test(stem) && stem.length > 4) return stem;
    return stem + 'e';
  }
  return stem;
}

function stripSuffix(word: string, suffixLength: number): string | null {
  const stem = word.slice(0, -suffixLength);
  if (stem.length < 2 || !VOWEL.test(stem)) return null;
  if (DOUBLED.test(stem)) return stem.slice(0, -1); // stopped, shipped, logging
  return restoreE(stem);
}

/** Lemma of a lowercase English word. */
export function englishLemma(word: string, lexicon: ReadonlyMap<string, EnglishLexiconEntry>): string {
  const known = lexicon.get(word);
  if (known) return known.lemma;
  // possessive: "company's" → "company" (contractions like "it's" are in the lexicon or the stop list)
  if (word.endsWith("'s") && word.length > 3) return englishLemma(word.slice(0, -2), lexicon);
  const n = word.length;
  if (n < 4 || !/^[a-z]+$/.test(word)) return word;
  if (word.endsWith('ies')) return n > 4 ? word.slice(0, -3) + 'y' : word.slice(0, -1);
  if (word.endsWith('ied')) return n > 4 ? word.slice(0, -3) + 'y' : word.slice(0, -1);
  if (word.endsWith('eed')) return word.slice(0, -1); // agreed, guaranteed (need, feed: lexicon)
  if (word.endsWith('ed')) return stripSuffix(word, 2) ?? word;
  if (word.endsWith('ing')) return stripSuffix(word, 3) ?? word;
  if (word.endsWith('s')) {
    if (/(?:ss|us|is|ous|ics)$/.test(word)) return word;
    if (/(?:ch|sh|x|z|ss)es$/.test(word)) return word.slice(0, -2);
    return word.slice(0, -1);
  }
  return word;
}
