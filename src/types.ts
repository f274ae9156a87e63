// The records as they flow through koe: RawFeedback → Doc → TokenizedDoc → AnalyzedDoc → (themes).
// Stages depend on this file only; nothing here depends on a stage.

export type Lang = 'ja' | 'en' | 'other';

/** A rating keeps its scale: NPS 0–10, CSAT 1–5, CES 1–7, stars 1–5. */
export type RatingScale = 'nps' | 'csat' | 'ces' | 'stars';

/** One rating of a row. CES declares which end of its 1–7 scale is easy (`easyEnd`); other scales leave it out. */
export interface RatingValue {
  scale: RatingScale;
  rating: number;
  easyEnd?: 'low' | 'high';
}

/** One input row as read from a file, before any cleaning. `text` is raw and must never be stored. */
export interface RawFeedback {
  /** File the row came from, as given on the command line. */
  file: string;
  /** 1-based physical line where the record starts (CSV records can span lines). */
  line: number;
  /** The id given in the input, if any. */
  sourceId: string | null;
  text: string;
  /** ISO 8601 (UTC, `YYYY-MM-DDTHH:mm:ss.sssZ`) or null when the row has no date. */
  createdAt: string | null;
  /** The first rating (kept for single-rating readers); `ratings` holds every rating of the row. */
  rating: number | null;
  ratingScale: RatingScale | null;
  /** Every rating on a known scale, one per scale (a survey row can carry NPS, CSAT and CES). */
  ratings?: RatingValue[];
  /** Which input identifies the row for id-less identity: its path relative to the directory given (or its name). */
  sourceKey?: string;
  channel: string | null;
  product: string | null;
  source: string | null;
  /** Extra columns, kept as they were. */
  metadata: Record<string, unknown>;
}

/** A row that could not be read: reported, counted, never silently dropped. */
export interface RejectedRow {
  file: string;
  line: number;
  field: string | null;
  reason: string;
  /** A short excerpt of the offending value (truncated, PII-masked where possible). */
  value: string | null;
}

/** What a reader yields: good rows and rejected ones, in file order. */
export type IngestItem =
  | { ok: true; row: RawFeedback }
  | { ok: false; rejected: RejectedRow; fileProblem?: undefined }
  /**
   * `unusable`: the file cannot be read as feedback (no text column, not a supported format); no row of it was read.
   * `warning`: a note about the file (a mapped column is missing); not a row, nothing rejected.
   */
  | { ok: false; rejected: RejectedRow; fileProblem: 'unusable' | 'warning' };

export type PiiKind = 'EMAIL' | 'PHONE' | 'CARD' | 'MYNUMBER' | 'POSTAL' | 'URL' | 'IP' | 'NAME' | 'ADDRESS';

/** A cleaned, PII-masked document. From here on `text` is safe to store. */
export interface Doc {
  /** Stable document id: the source id, or a hash of source file identity and content. */
  id: string;
  sourceId: string | null;
  /** sha256 (hex) of the masked text: tells a changed document from an unchanged one. */
  contentHash: string;
  /** NFKC-normalized, PII-masked text. */
  text: string;
  lang: Lang;
  /** Sentences of `text`, in order. */
  sentences: string[];
  piiMasked: Partial<Record<PiiKind, number>>;
  /** Set when the source id was personal data and `sourceId` (and so `id`) is its keyed hash. */
  sourceIdHashed?: true;
  createdAt: string | null;
  rating: number | null;
  ratingScale: RatingScale | null;
  /** Every rating on a known scale (absent: none but `rating`, if that has a scale). */
  ratings?: RatingValue[];
  channel: string | null;
  product: string | null;
  source: string | null;
  metadata: Record<string, unknown>;
  /** NUL, control and invisible characters removed from the text. */
  controlChars?: number;
}

export type PartOfSpeech =
  | 'noun'
  | 'verb'
  | 'adjective'
  | 'adverb'
  | 'auxiliary'
  | 'particle'
  | 'interjection'
  | 'symbol'
  | 'number'
  | 'other';

/** One token, the same shape for Japanese (kuromoji) and English (natural). */
export interface Token {
  surface: string;
  /** Dictionary form (Japanese base form, English lowercase lemma/stem-free form). */
  base: string;
  /** English: Porter stem of base; Japanese: same as base. Used for matching, not display. */
  stem: string;
  pos: PartOfSpeech;
  /** Finer tag from the tokenizer (IPADIC pos_detail_1, or English tag) for rules that need it. */
  posDetail: string;
  /** Index of the sentence (in Doc.sentences) this token belongs to. */
  sentence: number;
  /** True for stopwords and function words. */
  stop: boolean;
}

export interface TokenizedDoc extends Doc {
  tokens: Token[];
  /** Content terms for theme discovery: nouns, compound nouns, verbs, adjectives (base forms), English lemmas and bigrams. */
  terms: string[];
}

export type SentimentLabel = 'positive' | 'neutral' | 'negative';

export interface SentimentResult {
  label: SentimentLabel;
  /** In [-1, 1]. */
  score: number;
  /** In [0, 1]. */
  confidence: number;
  /** Per-sentence scores in [-1, 1], aligned with Doc.sentences. */
  sentences: number[];
  /** Which scorer produced it (e.g. "rules", "rules+linear", "transformer"). */
  model: string;
}

export type Emotion = 'joy' | 'anger' | 'sadness' | 'fear' | 'surprise' | 'disgust' | 'trust' | 'anticipation';

export type FeedbackKind = 'bug' | 'feature_request' | 'question' | 'complaint' | 'praise' | 'other';
export const FEEDBACK_KINDS: readonly FeedbackKind[] = ['bug', 'feature_request', 'question', 'complaint', 'praise', 'other'];

export interface KindResult {
  label: FeedbackKind;
  confidence: number;
  model: string;
}

export type JourneyStage = 'discover' | 'purchase' | 'delivery' | 'onboarding' | 'use' | 'support' | 'billing' | 'cancel';
export type Touchpoint = 'web' | 'app' | 'store' | 'call_centre' | 'email' | 'chat' | 'delivery';

export interface AnalyzedDoc extends TokenizedDoc {
  sentiment: SentimentResult;
  emotions: Emotion[];
  kind: KindResult;
  stage: JourneyStage | null;
  touchpoint: Touchpoint | null;
}
