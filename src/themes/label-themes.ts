// Labels from class-based TF-IDF (c-TF-IDF, as BERTopic): a term scores high when it is frequent inside a group and
// rare across groups. Labels are made per language from that language's documents, so a theme holding both shows
// "ログイン / login, password".
import { loadConceptDictionary, matchConcepts, type ConceptDictionary } from './concept-dictionary.js';
import { isLabelTerm } from './label-terms.js';
import type { ThemeDoc } from './theme-types.js';

/** A term beside the first must be said by at least this share of the group's documents in its language. */
export const SECOND_TERM_COVERAGE = 0.25;
/** The first term too must be said by this share of the group's documents in its language ("car" from 2 texts of 25). */
export const FIRST_TERM_COVERAGE = 0.1;
/** A previous label's terms are kept while each is still among this many best candidates (labels do not drift). */
export const STABLE_LABEL_RANK = 5;
const CANDIDATES = 12;

// Concepts name what different words say alike ("log in", "sign in", "login" → "login"): a document's concepts
// count as label terms in its own language. Cached per document object, labels are recomputed often.
const conceptTermCache = new WeakMap<ThemeDoc, string[]>();
function conceptTerms(doc: ThemeDoc, dictionary: ConceptDictionary): string[] {
  let terms = conceptTermCache.get(doc);
  if (!terms) {
    terms = [];
    for (const id of matchConcepts(dictionary, doc.text, [], doc.lang).concepts.keys()) {
      const c = dictionary.byId.get(id)!;
      const display = conceptDisplay(doc.lang === 'ja' ? c.ja : c.en);
      if (display) terms.push(display);
    }
    conceptTermCache.set(doc, terms);
  }
  return terms;
}

/** The terms of a document as labels count them (its terms in label form and its concepts' display words). */
export function docLabelTerms(doc: ThemeDoc): Set<string> {
  const out = new Set<string>();
  for (const raw of [...doc.terms, ...conceptTerms(doc, loadConceptDictionary())]) {
    const t = labelTerm(raw);
    if (t !== null) out.add(t);
  }
  return out;
}

/** A concept's word in a label: its first variant that is a noun or noun phrase ("freshness", not "fresh"). */
export function conceptDisplay(variants: readonly string[]): string | undefined {
  return variants.find((v) => isLabelTerm(v.toLowerCase())) ?? variants[0];
}

export interface GroupLabel {
  label: string;
  labelJa: string | null;
  labelEn: string | null;
  /** Most distinctive terms, best first (both languages). */
  terms: string[];
}

const isJapanese = (term: string): boolean => /[\u3040-\u30ff\u3400-\u9fff]/.test(term);

/** Terms shown in labels: lowercased English, Japanese as is; very short or numeric terms are not labels. */
function labelTerm(term: string): string | null {
  const t = isJapanese(term) ? term : term.toLowerCase();
  if (/^[\d\s.,:/-]+$/.test(t)) return null;
  if (!isJapanese(t) && t.length < 2) return null;
  return t;
}

/**
 * Phrases say more than words ("credit card" over "card"); nouns say more than Japanese verbs and adjectives
 * (a base form ending in okurigana such as 過ぎる, 早い), which still win when clearly more distinctive. Less still
 * a lone kanji (逆 of 逆に, 手 of 手に入る, 品 of a split compound): rarely what a theme is about, and too
 * ambiguous for the concept dictionary too, which keeps only variants of two characters or more.
 */
function labelPreference(term: string): number {
  if (term.includes(' ')) return 1.15;
  if (!isJapanese(term)) return 1;
  if ([...term].length === 1) return 0.4;
  if (/[\u3040-\u309f]$/.test(term)) return 0.6;
  return 1;
}

// An English word followed by a determiner or an object pronoun is a verb there ("place an order", "ask the driver",
// "ignore my emails"), whatever the lexicon says of it out of context.
const OBJECT_AFTER = '(?:a|an|the|my|your|our|their|his|her|its|this|that|these|those|me|us|them|him|it)';

/** True when most of a word's uses in these texts are verb uses (see OBJECT_AFTER). */
export function usedAsVerb(term: string, texts: readonly string[]): boolean {
  if (!/^[a-z]+$/.test(term)) return false;
  const any = new RegExp(`\\b${term}(?:s|es|d|ed|ing)?\\b`, 'gi');
  const verb = new RegExp(`\\b${term}(?:s|es|d|ed|ing)?\\s+${OBJECT_AFTER}\\b`, 'gi');
  let uses = 0;
  let verbUses = 0;
  for (const text of texts) {
    uses += text.match(any)?.length ?? 0;
    verbUses += text.match(verb)?.length ?? 0;
  }
  return uses > 0 && verbUses * 2 >= uses;
}

/** The label terms a group had before (a theme's labelJa / labelEn), kept while they still describe it. */
export interface PreviousLabel {
  labelJa: string | null;
  labelEn: string | null;
}

const previousTerms = (label: string | null, separator: string): string[] => (label ? label.split(separator).filter((t) => t !== '') : []);

/**
 * One label per group of documents (groups given as indices into `docs`). Label terms are nouns and noun phrases
 * (isLabelTerm): no bare verb, adverb, adjective or politeness formula. The first term is the most distinctive
 * (c-TF-IDF); a second one is shown only when at least SECOND_TERM_COVERAGE of the group's documents in that
 * language say it, so a brand or a word from a minority of documents does not stand beside the topic. A previous
 * label stays while its terms remain among the STABLE_LABEL_RANK best candidates and keep that coverage.
 */
export function labelGroups(
  docs: readonly ThemeDoc[],
  groups: readonly (readonly number[])[],
  termsPerLanguage = 2,
  previous: readonly (PreviousLabel | null)[] = [],
): GroupLabel[] {
  const dictionary = loadConceptDictionary();
  // Document frequency of each term per group and overall (a term counts once per document).
  const perGroup = groups.map((members) => {
    const counts = new Map<string, number>();
    let total = 0;
    for (const i of members) {
      const seen = new Set<string>();
      for (const raw of [...docs[i]!.terms, ...conceptTerms(docs[i]!, dictionary)]) {
        const t = labelTerm(raw);
        if (t === null || seen.has(t)) continue;
        seen.add(t);
        counts.set(t, (counts.get(t) ?? 0) + 1);
        total++;
      }
    }
    return { counts, total };
  });
  const overall = new Map<string, number>();
  let allTotal = 0;
  for (const g of perGroup) {
    for (const [t, c] of g.counts) overall.set(t, (overall.get(t) ?? 0) + c);
    allTotal += g.total;
  }
  const average = allTotal / Math.max(1, groups.length);
  const langCount = groups.map((members) => {
    const ja = members.filter((i) => docs[i]!.lang === 'ja').length;
    return { ja, en: members.length - ja };
  });
  return perGroup.map((g, gi) => {
    const scored = [...g.counts.entries()]
      // A label term must recur: at least two documents of the group (or the only one in a tiny group).
      .filter(([t, c]) => c >= Math.min(2, isJapanese(t) ? langCount[gi]!.ja : langCount[gi]!.en))
      .map(([t, c]) => ({ t, score: (c / Math.max(1, g.total)) * Math.log(1 + average / overall.get(t)!) * labelPreference(t) }))
      .sort((a, b) => b.score - a.score || (a.t < b.t ? -1 : a.t > b.t ? 1 : 0));
    const docsInLanguage = (japanese: boolean): number => (japanese ? langCount[gi]!.ja : langCount[gi]!.en);
    const covers = (t: string, japanese: boolean): boolean => (g.counts.get(t) ?? 0) >= SECOND_TERM_COVERAGE * docsInLanguage(japanese);
    const groupTexts = (): string[] => (texts ??= groups[gi]!.filter((i) => docs[i]!.lang !== 'ja').map((i) => docs[i]!.text));
    let texts: string[] | undefined;
    const pick = (japanese: boolean): string[] => {
      // The best few nouns (checking verb use in the group's texts is the costly step, so only for those).
      const candidates: string[] = [];
      for (const { t } of scored) {
        if (candidates.length >= CANDIDATES) break;
        if (isJapanese(t) === japanese && isLabelTerm(t) && (japanese || !usedAsVerb(t, groupTexts()))) candidates.push(t);
      }
      const before = previousTerms(japanese ? (previous[gi]?.labelJa ?? null) : (previous[gi]?.labelEn ?? null), japanese ? '・' : ', ');
      const top = candidates.slice(0, STABLE_LABEL_RANK);
      if (before.length > 0 && before.length <= termsPerLanguage && before.every((t, i) => top.includes(t) && (i === 0 || covers(t, japanese)))) return before;
      const chosen: string[] = [];
      for (const t of candidates) {
        // Skip a term already said by a chosen phrase ("card" after "credit card") and vice versa.
        if (chosen.some((c) => c.includes(t) || t.includes(c))) continue;
        if (chosen.length > 0 ? !covers(t, japanese) : (g.counts.get(t) ?? 0) < FIRST_TERM_COVERAGE * docsInLanguage(japanese)) continue;
        chosen.push(t);
        if (chosen.length >= termsPerLanguage) break;
      }
      return chosen;
    };
    const members = groups[gi]!;
    const jaDocs = members.filter((i) => docs[i]!.lang === 'ja').length;
    const enDocs = members.length - jaDocs;
    const ja = pick(true);
    const en = pick(false);
    // A language speaks in the label when it holds a fair part of the group.
    const jaShown = ja.length > 0 && (jaDocs >= 2 || jaDocs === members.length) && jaDocs / members.length >= 0.1;
    const enShown = en.length > 0 && (enDocs >= 2 || enDocs === members.length) && enDocs / members.length >= 0.1;
    const labelJa = ja.length > 0 && jaDocs > 0 ? ja.join('・') : null;
    const labelEn = en.length > 0 && enDocs > 0 ? en.join(', ') : null;
    const parts = [jaShown ? labelJa : null, enShown ? labelEn : null].filter((p): p is string => p !== null);
    const label = parts.length > 0 ? parts.join(' / ') : (labelJa ?? labelEn ?? '(no distinctive terms)');
    return { label, labelJa, labelEn, terms: scored.slice(0, 10).map((s) => s.t) };
  });
}
