// koe's default sentiment scorer: lexicon + clause rules per sentence, then a weighted document score.
import type { SentimentLabel, SentimentResult, Token, TokenizedDoc } from '../types.js';
import { englishLexicon } from './english-lexicon.js';
import { japaneseLexicon } from './japanese-lexicon.js';
import { withoutQuotedPosts } from './quoted-posts.js';
import { englishSentenceCues } from './score-english-sentence.js';
import { japaneseSentenceCues } from './score-japanese-sentence.js';
import { formulaSpans, withoutFormulas } from './politeness-formulas.js';
import { finishSentence, hasQuestionMark, type SentenceValence } from './sentence-valence.js';
import { languageCalibration, textCueValence, type Calibration, type CueLang } from './text-cues.js';

export const RULES_MODEL = 'rules';
const LONE_NOT = /^[^A-Za-z]*not[^A-Za-z]*$/i;
/** In feedback one complaint outweighs a polite sentence around it ("Thanks. My bag is still missing."). */
const NEGATIVITY_BIAS = 2;
const FORMULA_ONLY: SentenceValence = { score: 0, evidence: 0, initialContrast: false, formulaOnly: true };

export interface RulesOptions {
  /**
   * |score| below this is neutral, for every document; default: the language's bands in
   * dictionaries/sentiment/calibration.tsv (see neutralBandFor).
   */
  neutralBand?: number;
}

/**
 * The neutral band for a document: given, or the language's calibration — wider when the document asks, and at least
 * the single-cue band when its score rests on one cue or none (one word is weaker evidence than several).
 */
export function neutralBandFor(
  doc: Pick<TokenizedDoc, 'lang' | 'sentences' | 'text'>,
  evidence: number,
  options: RulesOptions = {},
): number {
  if (options.neutralBand !== undefined) return options.neutralBand;
  return bandOf(languageCalibration(doc.lang === 'ja' ? 'ja' : 'en'), asks(doc), evidence);
}

/**
 * Whether a document asks something: a sentence with a question mark. In English posts a retweeted or quoted post's
 * question is someone else's (withoutQuotedPosts), as for scoring.
 */
export function asks(doc: Pick<TokenizedDoc, 'lang' | 'sentences' | 'text'>): boolean {
  if (doc.sentences.length === 0) return hasQuestionMark(doc.text);
  const own = doc.lang === 'ja' ? doc.sentences : withoutQuotedPosts(doc.sentences);
  return own.some(hasQuestionMark);
}

/** The band rule itself, for given bands (the calibration sweep in scripts/eval-sentiment.ts tries many). */
export function bandOf(bands: Pick<Calibration, 'neutralBand' | 'questionBand' | 'singleCueBand'>, asking: boolean, evidence: number): number {
  const band = asking ? bands.questionBand : bands.neutralBand;
  return evidence <= 1 ? Math.max(band, bands.singleCueBand) : band;
}

/**
 * The tokens of `sentence` that do not lie inside any of `spans`, placed by finding each surface after the one before
 * (tokens cover the sentence in order); a token that cannot be placed is kept.
 */
function tokensOutside(tokens: readonly Token[], sentence: string, spans: readonly [number, number][]): Token[] {
  let at = 0;
  return tokens.filter((t) => {
    const start = sentence.indexOf(t.surface, at);
    if (start < 0 || t.surface === '') return true;
    at = start + t.surface.length;
    return !spans.some(([from, to]) => start >= from && at <= to);
  });
}

/** Tokens grouped by their sentence index. */
function tokensBySentence(tokens: readonly Token[], count: number): Token[][] {
  const groups: Token[][] = Array.from({ length: count }, () => []);
  for (const t of tokens) groups[t.sentence]?.push(t);
  return groups;
}

/** Per-sentence valences of a document (Japanese from tokens, English from the sentence text). */
export function sentenceValences(doc: TokenizedDoc): SentenceValence[] {
  const lang: CueLang = doc.lang === 'ja' ? 'ja' : 'en';
  const sentences = doc.sentences.length > 0 ? doc.sentences : doc.text.trim() === '' ? [] : [doc.text];
  const { prior } = languageCalibration(lang);
  if (lang === 'ja') {
    const lex = japaneseLexicon();
    const emoji = englishLexicon().emoji;
    const groups = tokensBySentence(doc.tokens, sentences.length);
    return sentences.map((text, i) => {
      const stripped = withoutFormulas(text, 'ja');
      if (stripped.onlyFormula) return FORMULA_ONLY;
      // A formula inside a sentence (突然のご連絡失礼いたします) says nothing either: its tokens are left out.
      const tokens = stripped.hadFormula ? tokensOutside(groups[i] ?? [], text, formulaSpans(text, 'ja')) : (groups[i] ?? []);
      const cues = japaneseSentenceCues(tokens, stripped.hadFormula ? stripped.text : text, lex);
      cues.textCue += textCueValence(stripped.text, 'ja', emoji);
      return finishSentence(cues, prior);
    });
  }
  const lex = englishLexicon();
  const valences = withoutQuotedPosts(sentences).map((text) => {
    const stripped = withoutFormulas(text, 'en');
    if (stripped.onlyFormula) return { ...FORMULA_ONLY };
    const cues = englishSentenceCues(stripped.text, lex);
    cues.textCue += textCueValence(stripped.text, 'en', lex.emoji);
    return finishSentence(cues, prior);
  });
  // "Awesome service... NOT!" split into two sentences: the lone NOT takes the praise before it back.
  sentences.forEach((text, i) => {
    const prev = valences[i - 1];
    if (prev && prev.score > 0 && LONE_NOT.test(text)) prev.score = -prev.score * 0.5;
  });
  return valences;
}

/**
 * Document score: a weighted mean of sentence scores where later sentences, sentences opening with a contrast
 * (しかし, However) and sentences with stronger valence weigh more — a closing verdict outweighs a neutral preamble.
 */
export function documentScore(all: readonly SentenceValence[]): number {
  // Politeness formulas say nothing about the experience: the document is what is said between them.
  const valences = all.filter((v) => !v.formulaOnly);
  const n = valences.length;
  if (n === 0) return 0;
  if (n === 1) return valences[0]?.score ?? 0;
  // A sentence that only wishes for a missing capability ("The only thing missing is a sleep timer."), in a document
  // with no complaint, does not outweigh the praise beside it as a complaint does. Other requests keep the bias: on
  // the airline set a tweet that only asks where its luggage is, is a complaint.
  const complaint = valences.some((v) => v.complains === true);
  const biased = (v: SentenceValence): boolean => v.score < 0 && (complaint || v.wantsCapability !== true);
  const weights = valences.map(
    (v, i) => (1 + (0.5 * i) / (n - 1)) * (0.3 + Math.abs(v.score)) * (v.evidence > 0 ? 1 : 0.5) * (biased(v) ? NEGATIVITY_BIAS : 1),
  );
  valences.forEach((v, i) => {
    if (!v.initialContrast || i === 0) return;
    for (let k = 0; k < i; k++) weights[k] = (weights[k] ?? 0) * 0.6;
    weights[i] = (weights[i] ?? 0) * 1.5;
  });
  let sum = 0;
  let total = 0;
  valences.forEach((v, i) => {
    sum += (weights[i] ?? 0) * v.score;
    total += weights[i] ?? 0;
  });
  return total > 0 ? sum / total : 0;
}

export function labelFor(score: number, neutralBand: number): SentimentLabel {
  if (Math.abs(score) < neutralBand) return 'neutral';
  return score > 0 ? 'positive' : 'negative';
}

/** Confidence in [0, 1]: distance from the band edge, discounted when only the back-off prior spoke. */
export function confidenceFor(score: number, neutralBand: number, evidence: number): number {
  const a = Math.abs(score);
  const c =
    a < neutralBand
      ? 0.5 + 0.5 * (1 - a / Math.max(neutralBand, 1e-9))
      : 0.5 + 0.5 * Math.min(1, (a - neutralBand) / Math.max(0.5 - neutralBand, 0.1));
  return Math.round((evidence > 0 ? c : c * 0.6) * 1000) / 1000;
}

/**
 * The customer's own rating as a valence in [-1, 1], or null without one: stars and CSAT 1–5 around 3, CES 1–7
 * around 4, NPS 0–10 around 7 (6 and below are detractors).
 */
export function ratingValence(rating: number | null | undefined, scale: TokenizedDoc['ratingScale'] | undefined): number | null {
  if (rating === null || rating === undefined || !scale) return null;
  const v = scale === 'nps' ? (rating - 7) / 3 : scale === 'ces' ? (rating - 4) / 3 : (rating - 3) / 2;
  return Math.max(-1, Math.min(1, v));
}

/**
 * How much the rating moves the text's score: a 1★ review (valence −1) moves it by −0.5, so a text with a weak
 * positive cue ("ポイントがまた消えました" read as mildly positive) is not praise, while a clear text keeps its sign.
 */
export const RATING_WEIGHT = 0.5;

/**
 * Requests and questions are neutral unless they complain ("Dark mode please!", PayPayに対応してほしい): a document
 * whose every sentence (politeness formulas aside) asks or requests, none with a clear complaint (COMPLAINT_HIT), and
 * whose rating does not say otherwise, is labelled neutral when its score leans negative. The score is kept (a
 * request still tells something was missing); only the label, which share-negative counts, changes.
 */
export function requestWithoutComplaint(valences: readonly SentenceValence[], score: number, rated: number | null): boolean {
  // Sentences with no sentiment cue at all ("突然のご連絡", "I usually order in the evening") neither ask nor complain.
  const own = valences.filter((v) => !v.formulaOnly && (v.asks === true || v.evidence > 0));
  if (own.length === 0 || score >= 0 || (rated !== null && rated < 0)) return false;
  return own.every((v) => v.asks === true && v.complains !== true);
}

/** Scores one tokenized document with koe's lexicon + rules scorer. Synchronous and fast. */
export function scoreSentimentRules(doc: TokenizedDoc, options: RulesOptions = {}): SentimentResult {
  const valences = sentenceValences(doc);
  const rated = ratingValence(doc.rating, doc.ratingScale);
  const textScore = documentScore(valences);
  const score = rated === null ? textScore : Math.max(-1, Math.min(1, textScore + RATING_WEIGHT * rated));
  const evidence = valences.reduce((a, v) => a + v.evidence, 0);
  const neutralBand = neutralBandFor(doc, evidence, options);
  return {
    label: requestWithoutComplaint(valences, score, rated) ? 'neutral' : labelFor(score, neutralBand),
    score,
    confidence: confidenceFor(score, neutralBand, evidence),
    sentences: valences.map((v) => v.score),
    model: RULES_MODEL,
  };
}
