// Labels from class-based TF-IDF (c-TF-IDF, as BERTopic): a term scores high when it is frequent inside a group and
// rare across groups. Labels are made per language from that language's documents, so a theme holding both shows
// "ログイン / login, password".
import { conceptOfVariant, loadConceptDictionary, matchConcepts, type Concept, type ConceptDictionary } from './concept-dictionary.js';
import { englishWordClass, loadWordLists } from '../tokenize/index.js';
import { isJapaneseTerm, isLabelTerm, isSideDetail, labelGenericWords } from './label-terms.js';
import type { ThemeDoc } from './theme-types.js';

/** A term beside the first must be said by at least this share of the group's documents in its language. */
export const SECOND_TERM_COVERAGE = 0.25;
/** The first term too must be said by this share of the group's documents in its language ("car" from 2 texts of 25). */
export const FIRST_TERM_COVERAGE = 0.1;
/** A previous label's terms are kept while each is still among this many best candidates (labels do not drift). */
export const STABLE_LABEL_RANK = 5;
/**
 * A problem word and the thing it happens to become one phrase ("delivery delay", 決済画面のクラッシュ) when at least
 * this share of the group's documents in that language say the thing (it is what the theme is about) and this share of
 * those that say the problem say it of the thing.
 */
export const PHRASE_SHARE = 0.5;
const CANDIDATES = 12;

// Concepts name what different words say alike ("log in", "sign in", "login" → "login"): a document's concepts
// count as label terms in its own language. Cached per document object, labels are recomputed often.
const conceptTermCache = new WeakMap<ThemeDoc, { ids: string[]; terms: string[] }>();
function docConcepts(doc: ThemeDoc, dictionary: ConceptDictionary): { ids: string[]; terms: string[] } {
  let cached = conceptTermCache.get(doc);
  if (!cached) {
    cached = { ids: [...matchConcepts(dictionary, doc.text, [], doc.lang).concepts.keys()], terms: [] };
    for (const id of cached.ids) {
      const display = conceptDisplay(dictionary.byId.get(id)!, doc.lang === 'ja' ? 'ja' : 'en');
      if (display) cached.terms.push(display);
    }
    conceptTermCache.set(doc, cached);
  }
  return cached;
}
const conceptTerms = (doc: ThemeDoc, dictionary: ConceptDictionary): string[] => docConcepts(doc, dictionary).terms;

/** The concepts a document mentions (concept dictionary), matched once per document object. */
export const docConceptIds = (doc: ThemeDoc): readonly string[] => docConcepts(doc, loadConceptDictionary()).ids;

/** The terms of a document as labels count them (its terms in label form and its concepts' display words). */
export function docLabelTerms(doc: ThemeDoc): Set<string> {
  const out = new Set<string>();
  for (const raw of [...doc.terms, ...conceptTerms(doc, loadConceptDictionary())]) {
    const t = labelTerm(raw);
    if (t !== null) out.add(t);
  }
  return out;
}

/**
 * A concept's word in a label: the dictionary's `label` for that language (スマホ決済 / mobile payment), else its first
 * variant that is a noun or noun phrase and not an instance ("freshness", not "fresh"; not a brand).
 */
export function conceptDisplay(concept: Concept, lang: 'ja' | 'en'): string | undefined {
  const named = concept.label[lang];
  if (named !== null) return named;
  const variants = concept[lang];
  // A generic word stays the name of its concept ("order"), so that labels skip it rather than a rarer variant.
  return variants.find((v) => !concept.instances.has(v) && (isLabelTerm(v.toLowerCase()) || labelGenericWords().has(v.toLowerCase()))) ?? variants[0];
}

/** A brand stands for its concept only when it is what the group says: this share of the concept's mentions. */
export const INSTANCE_AS_TOPIC = 0.8;

/**
 * A compound or phrase is shown instead of a word it contains when it holds at least this share of the word's
 * documents (領収書 for 領収): the word is then a fragment of it. Half was tried: ゴルフ became ゴルファー.
 */
export const WHOLE_OVER_PART = 0.8;

const instancePhrases = new WeakMap<ConceptDictionary, Map<string, { phrase: string; id: string }[]>>();
/**
 * An English word that in these texts is mostly the first word of a brand ("apple" of "Apple Pay") stands for that
 * brand: it is an instance of the brand's concept.
 */
function instanceWord(dictionary: ConceptDictionary, term: string, texts: readonly string[]): TermConcept | null {
  if (!/^[a-z]+$/.test(term)) return null;
  let byFirst = instancePhrases.get(dictionary);
  if (!byFirst) {
    byFirst = new Map();
    for (const c of dictionary.concepts) {
      for (const v of c.instances) {
        const words = v.split(' ');
        if (words.length > 1 && /^[a-z]+$/.test(words[0]!)) byFirst.set(words[0]!, [...(byFirst.get(words[0]!) ?? []), { phrase: v, id: c.id }]);
      }
    }
    instancePhrases.set(dictionary, byFirst);
  }
  const phrases = byFirst.get(term);
  if (!phrases) return null;
  const word = new RegExp(`\\b${term}\\b`, 'gi');
  let uses = 0;
  for (const text of texts) uses += text.match(word)?.length ?? 0;
  for (const { phrase, id } of phrases) {
    const inPhrase = new RegExp(`\\b${phrase.split(' ').join('\\s*')}\\b`, 'gi');
    let phraseUses = 0;
    for (const text of texts) phraseUses += text.match(inPhrase)?.length ?? 0;
    if (uses > 0 && phraseUses * 2 >= uses) {
      const concept = dictionary.byId.get(id)!;
      const display = conceptDisplay(concept, 'en');
      if (display !== undefined) return { concept, display, instance: true };
    }
  }
  return null;
}

/** The concept a label term names, as a display word or a variant, and whether it is an instance (brand) of it. */
interface TermConcept {
  concept: Concept;
  /** The concept's display word in the term's language. */
  display: string;
  instance: boolean;
}

const displayIndex = new WeakMap<ConceptDictionary, Map<string, string>>();
/** Display word (both languages) → concept id; the first concept to claim a word keeps it. */
function conceptsByDisplay(dictionary: ConceptDictionary): Map<string, string> {
  let index = displayIndex.get(dictionary);
  if (!index) {
    index = new Map();
    for (const c of dictionary.concepts) {
      for (const lang of ['ja', 'en'] as const) {
        const d = conceptDisplay(c, lang);
        if (d !== undefined && !index.has(d)) index.set(d, c.id);
      }
    }
    displayIndex.set(dictionary, index);
  }
  return index;
}

const namedIndex = new WeakMap<ConceptDictionary, Set<string>>();
/**
 * True when the dictionary's `label` column names a concept with this word: a name written for labels is a noun
 * phrase even where the word rules would doubt it (たらい回し starts in hiragana). Generic words stay out ("app").
 */
function isNamedLabel(dictionary: ConceptDictionary, term: string): boolean {
  let named = namedIndex.get(dictionary);
  if (!named) {
    named = new Set();
    for (const c of dictionary.concepts) for (const w of [c.label.ja, c.label.en]) if (w !== null && !labelGenericWords().has(w)) named.add(w);
    namedIndex.set(dictionary, named);
  }
  return named.has(term);
}

function termConcept(dictionary: ConceptDictionary, term: string, japanese: boolean): TermConcept | null {
  const id = conceptsByDisplay(dictionary).get(term) ?? conceptOfVariant(dictionary, term);
  if (id === undefined) return null;
  const concept = dictionary.byId.get(id)!;
  const display = conceptDisplay(concept, japanese ? 'ja' : 'en');
  if (display === undefined) return null;
  return { concept, display, instance: concept.instances.has(term) || concept.instances.has(term.normalize('NFKC')) };
}

export interface GroupLabel {
  label: string;
  labelJa: string | null;
  labelEn: string | null;
  /** Most distinctive terms, best first (both languages). */
  terms: string[];
}


/** Terms shown in labels: lowercased English, Japanese as is; very short or numeric terms are not labels. */
function labelTerm(term: string): string | null {
  const t = isJapaneseTerm(term) ? term : term.toLowerCase();
  if (/^[\d\s.,:/-]+$/.test(t)) return null;
  if (!isJapaneseTerm(t) && t.length < 2) return null;
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
  if (!isJapaneseTerm(term)) return 1;
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

/**
 * False for an English word the lexicon does not know that no text writes as it is: a stem of the lemmatizer
 * ("freez" of freezes, "pend" of pending) rather than a brand or product word ("paypay", "topup", "csv").
 */
export function saidAsWritten(term: string, texts: readonly string[]): boolean {
  if (!/^[a-z]+$/.test(term) || englishWordClass(term, loadWordLists()) !== '') return true;
  const word = new RegExp(`\\b${term}\\b`, 'i');
  return texts.some((text) => word.test(text));
}

/**
 * A Japanese term the group's texts nearly always write after an honorific prefix is shown as they write it (得 →
 * お得): the tokenizer drops お / ご / 御 so that お届け and 届け count as one word, and 得 alone names nothing.
 */
export const PREFIXED_SHARE = 0.8;

/** `term` with the honorific prefix that at least PREFIXED_SHARE of its uses in `texts` carry, else as it is. */
export function asWritten(term: string, texts: readonly string[]): string {
  if (!isJapaneseTerm(term) || /^[おご御]/.test(term)) return term;
  let uses = 0;
  const prefixed = new Map<string, number>();
  for (const text of texts) {
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) {
      uses++;
      const before = text[at - 1];
      if (before === 'お' || before === 'ご' || before === '御') prefixed.set(before, (prefixed.get(before) ?? 0) + 1);
    }
  }
  const [prefix, n] = [...prefixed].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  return uses > 0 && n >= PREFIXED_SHARE * uses ? prefix + term : term;
}

/** The label terms a group had before (a theme's labelJa / labelEn), kept while they still describe it. */
export interface PreviousLabel {
  labelJa: string | null;
  labelEn: string | null;
}

const previousTerms = (label: string | null, separator: string): string[] => (label ? label.split(separator).filter((t) => t !== '') : []);

const problemWords = (): ReadonlySet<string> => loadWordLists().labelProblems;

/** One noun phrase of a problem and its thing: "checkout crash" (English), 決済画面のクラッシュ (Japanese). */
export function problemPhrase(thing: string, problem: string, japanese: boolean): string {
  return japanese ? `${thing}の${problem}` : `${thing} ${problem}`;
}

/** The thing and the problem of a phrase problemPhrase made ("checkout crash" → checkout, crash), else null. */
export function splitProblemPhrase(term: string, japanese: boolean): [string, string] | null {
  for (const problem of problemWords()) {
    const joint = japanese ? `の${problem}` : ` ${problem}`;
    if (term.length > joint.length && term.endsWith(joint)) return [term.slice(0, -joint.length), problem];
  }
  return null;
}

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
      .filter(([t, c]) => c >= Math.min(2, isJapaneseTerm(t) ? langCount[gi]!.ja : langCount[gi]!.en))
      .map(([t, c]) => ({ t, score: (c / Math.max(1, g.total)) * Math.log(1 + average / overall.get(t)!) * labelPreference(t) }))
      .sort((a, b) => b.score - a.score || (a.t < b.t ? -1 : a.t > b.t ? 1 : 0));
    const docsInLanguage = (japanese: boolean): number => (japanese ? langCount[gi]!.ja : langCount[gi]!.en);
    const covers = (t: string, japanese: boolean): boolean => (g.counts.get(t) ?? 0) >= SECOND_TERM_COVERAGE * docsInLanguage(japanese);
    const groupTexts = (): string[] => (texts ??= groups[gi]!.filter((i) => docs[i]!.lang !== 'ja').map((i) => docs[i]!.text));
    let texts: string[] | undefined;
    let jaTexts: string[] | undefined;
    const japaneseTexts = (): string[] => (jaTexts ??= groups[gi]!.filter((i) => docs[i]!.lang === 'ja').map((i) => docs[i]!.text));
    // A chosen term as the texts write it (お得); a phrase this step joined stays as it is.
    const shown = (words: string[], japanese: boolean): string[] => (japanese ? words.map((w) => (g.counts.has(w) ? asWritten(w, japaneseTexts()) : w)) : words);
    let everyText: string[] | undefined;
    const allTexts = (): string[] => (everyText ??= groups[gi]!.map((i) => docs[i]!.text));
    const count = (t: string): number => g.counts.get(t) ?? 0;
    // Documents of the group that mention each concept (any language: a Japanese text says "PayPay" too).
    let conceptDocs: Map<string, number> | undefined;
    const mentions = (id: string): number => {
      if (!conceptDocs) {
        conceptDocs = new Map();
        for (const i of groups[gi]!) for (const c of docConcepts(docs[i]!, dictionary).ids) conceptDocs.set(c, (conceptDocs.get(c) ?? 0) + 1);
      }
      return conceptDocs.get(id) ?? 0;
    };
    // One concept, one word: a brand gives way to its concept's name (paypay → mobile payment) unless the group's
    // mentions of the concept are mostly that brand (then the brand is the topic); a second word of a concept already
    // in the label says nothing new (paypay beside mobile payment, "topup, top-up"). Other words for a concept keep
    // their place: they are often more precise than its name ("direct debit", not "bank transfer"; tried, dropped).
    const asLabelWord = (t: string, japanese: boolean): { word: string; concept: string | null } => {
      const tc = termConcept(dictionary, t, japanese) ?? instanceWord(dictionary, t, allTexts());
      if (tc === null) return { word: t, concept: null };
      const id = tc.concept.id;
      if (!tc.instance) {
        // The concept's own word gives way to a brand that is the group's whole topic ("PayPay keeps failing").
        for (const i of tc.concept.instances) {
          const asTerm = /^[ -~]+$/.test(i) ? i.toLowerCase() : i;
          if (asTerm !== t && isJapaneseTerm(asTerm) === japanese && count(asTerm) >= INSTANCE_AS_TOPIC * mentions(id)) return { word: asTerm, concept: id };
        }
        return { word: t, concept: id };
      }
      if (tc.display !== t && count(t) < INSTANCE_AS_TOPIC * mentions(id) && (isLabelTerm(tc.display) || isNamedLabel(dictionary, tc.display))) return { word: tc.display, concept: id };
      return { word: t, concept: id };
    };
    // A word that the group nearly always says inside a longer compound or phrase (領収 of 領収書, スマート of
    // スマートフォン) is shown as that whole.
    const whole = (t: string, japanese: boolean): string => {
      for (const { t: u } of scored) {
        if (u.length > t.length && u.includes(t) && isJapaneseTerm(u) === japanese && count(u) >= WHOLE_OVER_PART * count(t) && (isLabelTerm(u) || isNamedLabel(dictionary, u))) return u;
      }
      return t;
    };
    // A problem word and the thing it happens to: one phrase of the problem (配送・遅延 → 配送の遅延, "delay, delivery" →
    // "delivery delay") when most of the group says the thing and the problem is mostly said of it. A theme where
    // only some say the thing keeps both words: the phrase would name a part of it (the checkout crashes of a theme
    // of crashes: クラッシュ・決済画面 stays).
    const joinProblem = (words: string[], japanese: boolean): string[] => {
      if (words.length !== 2) return words;
      const problems = problemWords();
      const [a, b] = words as [string, string];
      if (problems.has(a) === problems.has(b)) return words;
      const [thing, problem] = problems.has(a) ? [b, a] : [a, b];
      let withThing = 0;
      let withProblem = 0;
      let both = 0;
      for (const i of groups[gi]!) {
        if ((docs[i]!.lang === 'ja') !== japanese) continue;
        const terms = docLabelTerms(docs[i]!);
        const t = terms.has(thing);
        const p = terms.has(problem);
        if (t) withThing++;
        if (p) withProblem++;
        if (t && p) both++;
      }
      const joined = withThing >= PHRASE_SHARE * docsInLanguage(japanese) && both >= PHRASE_SHARE * withProblem;
      return joined ? [problemPhrase(thing, problem, japanese)] : words;
    };
    /** True when the words keep the rules between them: no two of one concept, no brand in place of its concept. */
    const wordsAgree = (words: readonly string[], japanese: boolean): boolean => {
      const concepts = new Set<string>();
      for (const w of words) {
        const { word, concept } = asLabelWord(whole(w, japanese), japanese);
        if (word !== w) return false;
        if (concept === null) continue;
        if (concepts.has(concept)) return false;
        concepts.add(concept);
      }
      return true;
    };
    const pick = (japanese: boolean): string[] => {
      // The best few nouns (checking verb use in the group's texts is the costly step, so only for those).
      const candidates: string[] = [];
      for (const { t } of scored) {
        if (candidates.length >= CANDIDATES) break;
        if (isJapaneseTerm(t) !== japanese || !(isLabelTerm(t) || isNamedLabel(dictionary, t))) continue;
        // (a concept's name is a word by construction, though no text need write it: "topup")
        if (!japanese && (usedAsVerb(t, groupTexts()) || (!conceptsByDisplay(dictionary).has(t) && !saidAsWritten(t, allTexts())))) continue;
        candidates.push(t);
      }
      const top = candidates.slice(0, STABLE_LABEL_RANK);
      // A phrase this step joined stands for its two words (a term of its own, "app crash", stays as it is).
      const before = previousTerms(japanese ? (previous[gi]?.labelJa ?? null) : (previous[gi]?.labelEn ?? null), japanese ? '・' : ', ')
        .map((t) => (japanese && !top.includes(t) && /^[おご御]/.test(t) && top.includes(t.slice(1)) ? t.slice(1) : t)) // お得 shown for 得
        .flatMap((t) => (top.includes(t) ? [t] : (splitProblemPhrase(t, japanese) ?? [t])));
      if (
        before.length > 0 &&
        before.length <= termsPerLanguage &&
        before.every((t, i) => top.includes(t) && (i === 0 || covers(t, japanese))) &&
        wordsAgree(before, japanese)
      ) {
        return shown(joinProblem(before, japanese), japanese);
      }
      const chosen: string[] = [];
      const chosenConcepts = new Set<string>();
      for (const t of candidates) {
        // The whole of a part that holds a word already chosen would repeat it: the part stands (ネット・掲示板, not
        // ネット then ネット掲示板 skipped).
        const w = whole(t, japanese);
        const { word, concept } = asLabelWord(w !== t && chosen.some((c) => w.includes(c)) ? t : w, japanese);
        if (concept !== null && chosenConcepts.has(concept)) continue;
        // Skip a term already said by a chosen phrase ("card" after "credit card") and vice versa.
        if (chosen.some((c) => c.includes(word) || word.includes(c))) continue;
        if (chosen.length > 0 ? !covers(word, japanese) : count(word) < FIRST_TERM_COVERAGE * docsInLanguage(japanese)) continue;
        chosen.push(word);
        if (concept !== null) chosenConcepts.add(concept);
        if (chosen.length >= termsPerLanguage) break;
      }
      if (chosen.length === 0) {
        // A group whose only distinctive word is a generic one ("app") or a side detail ("gbp") is better named by it
        // than by nothing.
        const generic = scored.find(
          ({ t }) => isJapaneseTerm(t) === japanese && (labelGenericWords().has(t) || isSideDetail(t)) && count(t) >= FIRST_TERM_COVERAGE * docsInLanguage(japanese),
        );
        if (generic) chosen.push(generic.t);
      }
      return shown(joinProblem(chosen, japanese), japanese);
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
