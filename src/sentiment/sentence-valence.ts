// What both languages' sentence scorers produce, and the clause-level rules they share: requests, unmet
// expectations, contrast, exclamation and questions, then squashing the sum into [-1, 1].

/** One lexicon hit after negation and intensity were applied. */
export interface Hit {
  /** Token or word index in the sentence. */
  pos: number;
  /** Clause number within the sentence (punctuation and contrast words start a new clause). */
  clause: number;
  score: number;
  /** Not softened by a request in its clause (また利用させてください is an intent to return, not a wish). */
  notRequest?: boolean;
  /** The valence of a request word itself (ほしい, please): no complaint on its own. */
  requestWord?: boolean;
}

/** Everything a language-specific pass found in one sentence. */
export interface SentenceCues {
  hits: Hit[];
  /** Contrast words (but, けど, 接続助詞 が) by position, with the weight of what came before. */
  contrasts: { pos: number; value: number }[];
  /** Requests (〜てほしい, please …) by clause: factor on positive hits in that clause. */
  requests: Map<number, number>;
  /** Unmet expectations (〜のに, expected … but): factor on positive hits before them. */
  unmet: { pos: number; value: number }[];
  /** Factor on positive valence when the sentence is a question; 1 when it is not. */
  questionFactor: number;
  exclamations: number;
  /** Sentence starts with a contrast word (でも, However, …): its weight in the document rises. */
  initialContrast: boolean;
  /** Valence from character cues (emoji, kaomoji, ♪), added once. */
  textCue: number;
  /** A wish in the past (〜してほしかった, 欲しかった): something was missing, a complaint rather than a request. */
  pastWish?: boolean;
  /** A capability the product lacks is named (missing some features, ダークモードがない). */
  wantsCapability?: boolean;
}

export function emptyCues(): SentenceCues {
  return {
    hits: [],
    contrasts: [],
    requests: new Map(),
    unmet: [],
    questionFactor: 1,
    exclamations: 0,
    initialContrast: false,
    textCue: 0,
  };
}

/** The scored sentence: score in [-1, 1] and how much evidence it rests on. */
export interface SentenceValence {
  score: number;
  /** Lexicon hits plus character cues; 0 means the score is the back-off prior alone. */
  evidence: number;
  initialContrast: boolean;
  /** The sentence asks for something or asks a question (a request cue, a question mark). */
  asks?: boolean;
  /** It names a capability the product lacks (missing some features, ダークモードがない): a request for it. */
  wantsCapability?: boolean;
  /** It holds a clear complaint: a hit of COMPLAINT_HIT or stronger (not the mild valence of a request word). */
  complains?: boolean;
  /** Nothing but a politeness formula (よろしくお願いいたします, "Thanks in advance"): left out of the document score. */
  formulaOnly?: boolean;
}

/**
 * A hit at least this negative is a complaint (届かない −0.6, "hurt"), request words themselves (ほしい, please) never
 * are: a request or question without a complaint is labelled neutral (score-sentiment-rules.ts). 0.3 rather than 0.4
 * on the tuning halves of eval:sentiment; with it 3-class macro-F1 is jalan 0.773 (as before; held out 0.768 →
 * 0.771) and airline 0.704 → 0.706, binary figures unchanged (the score is kept).
 */
export const COMPLAINT_HIT = 0.3;

/** How much more the clause after a contrast word weighs (VADER uses 1.5 after "but"). */
const AFTER_CONTRAST = 1.5;
/** Squashing constant: one clear word (0.5) gives ≈ 0.45, three give ≈ 0.83. */
const SQUASH_ALPHA = 1;
/** Each exclamation mark (up to 3) pushes the sum away from 0 (VADER: 0.292 on its ±4 scale). */
const EXCLAMATION_STEP = 0.07;
/** A sentence that ends on its contrast word (良かったのですが…) keeps a reservation unsaid. */
const TRAILING_CONTRAST_FACTOR = 0.3;
const TRAILING_CONTRAST_VALENCE = -0.1;

export function finishSentence(cues: SentenceCues, prior: number): SentenceValence {
  const lastContrast = cues.contrasts.length > 0 ? cues.contrasts[cues.contrasts.length - 1] : undefined;
  let raw = 0;
  const trailing = lastContrast !== undefined && !cues.initialContrast && !cues.hits.some((h) => h.pos > lastContrast.pos);
  if (trailing) raw += TRAILING_CONTRAST_VALENCE;
  for (const hit of cues.hits) {
    let s = hit.score;
    if (s > 0) {
      const request = hit.notRequest ? undefined : cues.requests.get(hit.clause);
      if (request !== undefined) s *= request;
      for (const u of cues.unmet) if (hit.pos < u.pos) s *= u.value;
    }
    if (trailing) s *= TRAILING_CONTRAST_FACTOR;
    else if (lastContrast) s *= hit.pos < lastContrast.pos ? lastContrast.value : AFTER_CONTRAST;
    raw += s;
  }
  raw += cues.textCue;
  const evidence = cues.hits.length + (cues.textCue !== 0 ? 1 : 0) + (trailing ? 1 : 0);
  if (raw === 0) raw = prior + (cues.questionFactor < 1 ? -0.03 : 0);
  if (raw !== 0 && cues.exclamations > 0) raw += Math.sign(raw) * EXCLAMATION_STEP * Math.min(3, cues.exclamations);
  if (cues.questionFactor < 1) raw *= raw > 0 ? cues.questionFactor : (1 + cues.questionFactor) / 2;
  const score = raw / Math.sqrt(raw * raw + SQUASH_ALPHA);
  const asks = cues.requests.size > 0 || cues.questionFactor < 1;
  const complains = cues.hits.some((h) => !h.requestWord && h.score <= -COMPLAINT_HIT) || cues.unmet.length > 0 || cues.pastWish === true;
  return { score, evidence, initialContrast: cues.initialContrast, asks, wantsCapability: cues.wantsCapability === true, complains };
}

/** Negating a positive word gives a clear negative; negating a negative word only a mild positive (悪くない). */
export function negate(score: number, factor: number): number {
  return score > 0 ? score * factor : score * factor * 0.6;
}

const EXCLAMATION = /[!！]/g;
const QUESTION = /[?？]/;

export function countExclamations(text: string): number {
  return text.match(EXCLAMATION)?.length ?? 0;
}

export function hasQuestionMark(text: string): boolean {
  return QUESTION.test(text);
}
