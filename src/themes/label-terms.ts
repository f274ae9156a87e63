// Which terms may name a theme: nouns and noun phrases of the problem. Japanese verbs and adjectives come out of
// kuromoji as base forms with their own endings (笑う, 早い; see VERB_OR_ADJECTIVE); English single words take their usual word class
// from the lexicon ("ask", "ignore" are verbs, "fresh" an adjective); greetings and politeness formulas ("thanks in
// advance", よろしくお願いいたします) are listed in dictionaries/stopwords/label-fillers.txt; words every kind of feedback
// uses, actions asked for and Japanese adjectival nouns ("order", 対応, 便利) in label-generic.txt.
import { englishWordClass, loadWordLists } from '../tokenize/index.js';

/** Words that never name a theme alone (dictionaries/stopwords/label-generic.txt): "order", 対応, 便利. */
export const labelGenericWords = (): ReadonlySet<string> => loadWordLists().labelGeneric;

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
// kuromoji base forms of verbs end in an u-row kana (笑う, 届く, 落ちる), a concept's conjugated variant in て/で
// (落ちて); of adjectives in い after one kanji or
// after し (早い, 優しい), or in たい / ない (したい, 少ない). Nouns ending in kana (品揃え, 手続き, 支払い, 問い合わせ)
// do not match, which a plain "ends in hiragana" test would get wrong.
const VERB_OR_ADJECTIVE = /(?:[うくぐすつぬぶむるてで]|^\p{Script=Han}い|しい|たい|ない)$/u;
const STARTS_WITH_HIRAGANA = /^[\u3040-\u309f]/;
// A case particle between content words makes a clause, not a noun phrase (機能を追加, 対応が良, 何度も説明); の joins
// nouns into one (決済時のクラッシュ, 配達員の対応) and stays.
const CLAUSE = /[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}ー\p{Script=Latin}](?:を|が|に|は|で|へ|も|と)[\p{Script=Han}\p{Script=Katakana}]/u;

export const isJapaneseTerm = (term: string): boolean => JAPANESE.test(term);

/**
 * True when `term` says who, when, where or in which currency rather than what (dictionaries/stopwords/
 * label-side-details.txt): "daughter", 土曜日, "european", "gbp", and English phrases holding one ("last saturday",
 * "european bank"). Many of a theme's documents may say such a word, so coverage does not keep it out of a label.
 */
export function isSideDetail(term: string): boolean {
  const side = loadWordLists().labelSideDetails;
  if (side.has(term)) return true;
  return !isJapaneseTerm(term) && term.includes(' ') && term.split(' ').some((w) => side.has(w));
}

/** True when `term` (a theme term as labels show it: English lowercased) can stand in a label. */
export function isLabelTerm(term: string): boolean {
  const lists = loadWordLists();
  if (lists.labelFillers.has(term) || labelGenericWords().has(term) || isSideDetail(term)) return false;
  if (isJapaneseTerm(term)) {
    // An all-hiragana term is a grammatical or filler word (ちょっと) more often than a noun.
    return !VERB_OR_ADJECTIVE.test(term) && !STARTS_WITH_HIRAGANA.test(term) && !CLAUSE.test(term);
  }
  const words = term.split(' ');
  if (words.length > 1) {
    // A phrase names a thing when it ends in a noun ("credit card", "late delivery"); phrasal verbs ("log in") and
    // formula pieces ("thank advance") do not.
    const last = words[words.length - 1]!;
    if (words.some((w) => lists.labelFillers.has(w))) return false;
    // An evaluation of a generic word ("good app", "great service") names nothing more than the word.
    if (labelGenericWords().has(last) && words.slice(0, -1).every((w) => englishWordClass(w, lists) === 'adjective')) return false;
    const cls = englishWordClass(last, lists);
    return cls === 'noun' || cls === '';
  }
  const cls = englishWordClass(term, lists);
  // Unknown words are mostly product and brand names (paypay, checkout): allowed.
  return cls === 'noun' || cls === '';
}
