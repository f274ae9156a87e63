// The default feedback-kind classifier: bilingual cue dictionaries vote, then a few ordered rules settle conflicts.
// The label set and the rules are written out in src/classify/README.md; keep the two in step.
import type { FeedbackKind, KindResult, SentimentResult, TokenizedDoc } from '../types.js';
import { FEEDBACK_KINDS } from '../types.js';
import { dictionaryPath } from '../paths.js';
import { loadCueFile, type Cue } from './cue-dictionary.js';
import { matchingCues, scoreByLabel, viewOfText } from './match-cues.js';

export const KIND_RULES_MODEL = 'rules';

/** The default cue files; both apply to every document, since Japanese feedback often carries English words. */
export const DEFAULT_KIND_CUE_FILES: readonly string[] = [dictionaryPath('kind', 'ja.tsv'), dictionaryPath('kind', 'en.tsv')];

/** A cue score at or above this counts as evidence for a kind. */
export const KIND_THRESHOLD = 1;

/** Defect evidence at or above this is firm (a named failure, not just "problem" or つながらない). */
const FIRM_DEFECT = 1.5;

export function loadKindCues(files: readonly string[] = DEFAULT_KIND_CUE_FILES): Cue<FeedbackKind>[] {
  return files.flatMap((file) => loadCueFile(file, 'kind', FEEDBACK_KINDS));
}

let defaultCues: Cue<FeedbackKind>[] | undefined;
function defaultKindCues(): Cue<FeedbackKind>[] {
  defaultCues ??= loadKindCues();
  return defaultCues;
}

/** Why a document got its kind: the cue scores and the rule that decided. */
export interface KindDecision {
  result: KindResult;
  scores: Record<FeedbackKind, number>;
  rule: string;
  hits: Cue<FeedbackKind>[];
}

/** Classifies one document with the default cue files. */
export function classifyKindRules(doc: TokenizedDoc, sentiment: SentimentResult): KindResult {
  return explainKindRules(doc, sentiment, defaultKindCues()).result;
}

/** The decision with its evidence, for tests, debugging and the eval script. */
export function explainKindRules(doc: TokenizedDoc, sentiment: SentimentResult, cues: readonly Cue<FeedbackKind>[]): KindDecision {
  const hits = matchingCues(cues, viewOfText(doc.text, doc.tokens));
  const byLabel = scoreByLabel(hits);
  const scores = {
    other: byLabel.get('other') ?? 0,
    bug: byLabel.get('bug') ?? 0,
    feature_request: byLabel.get('feature_request') ?? 0,
    question: byLabel.get('question') ?? 0,
    complaint: byLabel.get('complaint') ?? 0,
    praise: byLabel.get('praise') ?? 0,
  };
  const decide = (label: FeedbackKind, rule: string, confidence: number): KindDecision => ({
    result: { label, confidence: round(clamp01(confidence)), model: KIND_RULES_MODEL },
    scores,
    rule,
    hits,
  });
  const { bug, feature_request: feature, question, complaint, praise } = scores;
  const tone = toneOf(doc, sentiment);

  // 0. An explicit non-answer (特になし, "n/a") stays other whatever its sentiment, when nothing else is said.
  if (scores.other >= KIND_THRESHOLD && Math.max(bug, feature, question, complaint, praise) < KIND_THRESHOLD) {
    return decide('other', 'non-answer cue', evidence(scores.other, 0));
  }

  // 1. A defect outranks a request: "please fix", "I wish it didn't crash" are bug reports.
  //    Ties go to bug; only a stronger request keeps the request label ("add X; also it crashes sometimes").
  //    A weak defect cue inside a strong service complaint (電話がつながらない) stays a complaint: a single generic cue
  //    ("problem", "issue", つながらない) must at least match the complaint evidence, a firm one only half of it.
  const bugOutweighsComplaint = bug >= FIRM_DEFECT ? bug * 2 >= complaint : bug >= complaint;
  if (bug >= KIND_THRESHOLD && bug >= feature && bugOutweighsComplaint) {
    return decide('bug', 'defect cue', evidence(bug, Math.max(feature, complaint, question)));
  }
  // 2. A request for something new. Outweighed by complaint evidence, a request asks to put right what the complaint
  //    says (配達が遅いです。改善してください; phone support never answers … 改善をお願いいたします): the complaint.
  if (feature >= KIND_THRESHOLD && feature >= complaint) {
    return decide('feature_request', 'request cue', evidence(feature, Math.max(bug, question, complaint)));
  }
  // 3. A real question. Complaints are often phrased as questions (なんでこんなに広告が多いんですか?, "why is support so
  //    slow?"), so a question needs twice the complaint evidence; otherwise it is rhetorical.
  if (question >= KIND_THRESHOLD && question >= 2 * complaint) {
    return decide('question', 'interrogative cue', evidence(question, complaint));
  }
  // 4. Dissatisfaction with service, price or policy, not a defect.
  if (complaint >= KIND_THRESHOLD && complaint >= praise) {
    return decide('complaint', 'complaint cue', evidence(complaint, praise));
  }
  if (tone === 'negative' && praise < KIND_THRESHOLD) {
    return decide('complaint', 'negative with no defect cue', 0.35 + 0.4 * toneStrength(sentiment));
  }
  // 5. Positive with nothing to fix, add or ask. A praise cue outvotes a negative tone when no complaint cue backs it
  //    (lexicon sentiment reads "solved my problem" as negative).
  if (praise >= KIND_THRESHOLD && (tone !== 'negative' || complaint < KIND_THRESHOLD)) {
    return decide('praise', 'praise cue', evidence(praise, complaint));
  }
  if (tone === 'positive') {
    return decide('praise', 'positive with no other cue', 0.35 + 0.4 * toneStrength(sentiment));
  }
  if (complaint >= KIND_THRESHOLD) {
    return decide('complaint', 'complaint cue outweighed by praise', evidence(complaint, praise) * 0.6);
  }
  return decide('other', 'no cue', 0.5);
}

type Tone = 'positive' | 'neutral' | 'negative';

/** Sentiment, with the rating as a tie-breaker when the text itself reads neutral. */
function toneOf(doc: TokenizedDoc, sentiment: SentimentResult): Tone {
  if (sentiment.label !== 'neutral') return sentiment.label;
  const stars = starsOf(doc);
  if (stars === null) return 'neutral';
  if (stars <= 2) return 'negative';
  if (stars >= 4) return 'positive';
  return 'neutral';
}

/** The rating on a 1–5 scale (NPS mapped), or null when there is none. */
function starsOf(doc: TokenizedDoc): number | null {
  if (doc.rating === null || doc.ratingScale === null) return null;
  switch (doc.ratingScale) {
    case 'stars':
    case 'csat':
      return doc.rating;
    case 'nps':
      return doc.rating <= 6 ? 1 : doc.rating >= 9 ? 5 : 3;
    case 'ces':
      // Customer effort: high effort is bad.
      return doc.rating >= 5 ? 2 : doc.rating <= 3 ? 4 : 3;
  }
}

function toneStrength(sentiment: SentimentResult): number {
  return clamp01(Math.max(Math.abs(sentiment.score), sentiment.confidence * 0.5));
}

/** Confidence from the winning score and the strongest rival: grows with evidence, shrinks with competition. */
function evidence(winner: number, rival: number): number {
  const strength = 1 - Math.exp(-winner);
  const margin = winner / (winner + Math.max(0, rival) + 0.25);
  return strength * margin;
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
