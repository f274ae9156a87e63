// Learning from a team's labels: read a labels file (or take stored documents with ratings as weak labels), run
// them through normalize + tokenize like `koe run` does, fit the linear classifier, choose how much to blend it with
// the rules by cross-validation, and store it as the active model for its task.
import { availableParallelism } from 'node:os';
import type { Doc, RatingScale, SentimentLabel, TokenizedDoc } from '../types.js';
import { FEEDBACK_KINDS } from '../types.js';
import { readFeedback, type IngestOptions } from '../ingest/index.js';
import { normalizeFeedback } from '../normalize/index.js';
import { createTokenizer, type DocTokenizer } from '../tokenize/index.js';
import { scoreSentimentRules } from '../sentiment/index.js';
import { explainKindRules, loadKindCues } from '../classify/index.js';
import {
  chooseBlendWeight,
  kindRulesProbabilities,
  labelMacroF1,
  sentimentObjective,
  sentimentRulesProbabilities,
  type Probabilities,
} from '../models/blend.js';
import { classificationMetrics } from '../models/classification-metrics.js';
import {
  DEFAULT_TRAIN_OPTIONS,
  IN_THREAD,
  crossValidateWith,
  trainLinearClassifierWith,
  type AdaGradRunner,
  type LabelledVector,
  type LinearTrainOptions,
} from '../models/linear-classifier.js';
import { createEncodingThreads } from '../models/encoding-threads.js';
import { createTrainingThreads } from '../models/training-threads.js';
import { kindRuleFeatures, sentimentRuleFeatures, type RuleFeatureSet } from '../models/rule-features.js';
import { DEFAULT_FEATURE_OPTIONS, extractFeatures, type FeatureOptions } from '../models/text-features.js';
import type { TrainedModel, TrainedTask } from '../models/trained-model.js';
import { encodeDocs, encoderRef, loadSentenceEncoder, type SentenceEncoder, type SentenceEncoderRef } from '../models/sentence-encoder.js';
import type { Db } from '../store/open-store.js';
import { saveTrainedModel } from '../store/model-repository.js';

export const SENTIMENT_LABELS: readonly SentimentLabel[] = ['positive', 'neutral', 'negative'];

/** Accepted spellings in a labels file (case-insensitive) → koe's label. */
const LABEL_ALIASES: Record<TrainedTask, Record<string, string>> = {
  sentiment: { pos: 'positive', neg: 'negative', neu: 'neutral', ポジティブ: 'positive', ネガティブ: 'negative', ニュートラル: 'neutral' },
  kind: {
    feature: 'feature_request',
    'feature request': 'feature_request',
    'feature-request': 'feature_request',
    request: 'feature_request',
    'bug report': 'bug',
  },
};

/** The koe label for a label as written in a labels file, or null when it is not one of the task's labels. */
export function normalizeTaskLabel(task: TrainedTask, raw: string): string | null {
  const l = raw.trim().toLowerCase();
  const label = LABEL_ALIASES[task][l] ?? l;
  const valid: readonly string[] = task === 'sentiment' ? SENTIMENT_LABELS : FEEDBACK_KINDS;
  return valid.includes(label) ? label : null;
}

/** A labels-file row that was not used: names file, line, field and value. */
export interface SkippedLabelRow {
  file: string;
  line: number;
  field: string | null;
  reason: string;
  value: string | null;
}

export interface FitOptions {
  folds?: number;
  train?: Partial<LinearTrainOptions>;
  features?: FeatureOptions;
  /** Blend with the rules (weight chosen by CV); false trains the model alone (weight 0). Default true. */
  blendWithRules?: boolean;
  /** Give the classifier the rules' outputs (and the rating) as features. Default true. */
  ruleFeatures?: boolean;
  /** Include the rating among the rule features. Default true; always false when training from ratings. */
  ratingFeatures?: boolean;
  labelSource?: string;
  now?: () => Date;
  /**
   * Each document's sentence-encoder vector (same order as the documents), and the encoder that made them: the
   * classifier reads the vectors as features, and the model records the encoder so later runs embed the same way.
   */
  vectors?: { encoder: SentenceEncoderRef; vectors: readonly ArrayLike<number>[] };
  /**
   * Worker threads that fit the ensemble runs side by side, and that encode with a sentence encoder given by name
   * (the model is the same with any number). Default: one per core, up to the ensemble size, from 2,000 examples on
   * (below that, starting threads costs more than it saves); 0 or 1 works in this thread.
   */
  threads?: number;
}

/** Worker threads to train `examples` examples with, by default one per core from 2,000 examples on. */
function trainingThreadCount(options: FitOptions, examples: number): number {
  if (options.threads !== undefined) return options.threads;
  if (examples < 2000) return 0;
  return Math.min(availableParallelism(), options.train?.ensemble ?? DEFAULT_TRAIN_OPTIONS.ensemble);
}

/** What both ways of training (labels file, ratings) take on top of FitOptions: how documents become features. */
export interface DocumentTrainOptions extends FitOptions {
  /** A tokenizer to reuse (one is created otherwise: kuromoji loads in ≈ 0.5 s). */
  tokenizer?: DocTokenizer;
  /**
   * A pretrained sentence encoder whose vectors the classifier also reads: a built-in name (`use-lite-en`), a local
   * transformers.js model directory, or a loaded encoder. Later runs embed with the same encoder.
   */
  encoder?: string | SentenceEncoder;
  /** Progress lines (encoding can take minutes). */
  log?: (message: string) => void;
  /** Documents per encoder request and progress line (default 1,000); threads encode chunks side by side. */
  encodeChunk?: number;
}

export interface TrainOptions extends DocumentTrainOptions {
  /** Column (or JSONL key) with the text; default: the ingest default (`text`, or its known aliases). */
  textField?: string;
  /** Column with the label; default `label`. */
  labelField?: string;
  /**
   * Column with ids of documents already in the database (their `source_id`, or koe's document id). When set, the
   * labels file needs no text: the stored documents' texts are used.
   */
  idField?: string;
  /** Extra ingest options (encoding, format). */
  ingest?: IngestOptions;
  /** At least this many usable examples are needed (default 20). */
  minExamples?: number;
}

export interface TrainReport {
  model: TrainedModel & { id: number };
  /** Examples per label used for training. */
  labelCounts: Record<string, number>;
  skipped: SkippedLabelRow[];
}

/** Training cannot start (too few labels, a file with no usable rows): the message says what is missing. */
export class TrainingDataError extends Error {
  override name = 'TrainingDataError';
}

interface RulesView {
  /** The rules' answer as probabilities, for the blend. */
  probs: Probabilities;
  /** The rules' outputs as classifier features. */
  features: Record<string, number>;
}

/** What the default rules say about each document, as the backends will see it at prediction time. */
function rulesViews(task: TrainedTask, docs: readonly TokenizedDoc[], modelLabels: readonly string[], rating: boolean): RulesView[] {
  const cues = task === 'kind' ? loadKindCues() : [];
  return docs.map((doc) => {
    const sentiment = scoreSentimentRules(doc);
    if (task === 'sentiment') {
      return { probs: sentimentRulesProbabilities(sentiment.score, sentiment.label), features: sentimentRuleFeatures(sentiment, doc, { rating }) };
    }
    const decision = explainKindRules(doc, sentiment, cues);
    return {
      probs: kindRulesProbabilities(decision.result.label, decision.result.confidence, modelLabels),
      features: kindRuleFeatures(decision.result, decision.scores, sentiment, doc, { rating }),
    };
  });
}

/**
 * Fits a model on tokenized documents and their labels (no database): k-fold CV of the linear model, the rules
 * weight chosen on the out-of-fold predictions, then the final model on every example.
 */
export async function fitTrainedModel(
  task: TrainedTask,
  docs: readonly TokenizedDoc[],
  labels: readonly string[],
  options: FitOptions = {},
): Promise<TrainedModel> {
  if (docs.length !== labels.length) throw new Error(`fitTrainedModel: ${docs.length} documents but ${labels.length} labels`);
  const distinct = [...new Set(labels)].sort();
  if (distinct.length < 2) {
    throw new TrainingDataError(`training ${task} needs at least two different labels; got ${distinct.join(', ') || 'none'}`);
  }
  const features = options.features ?? DEFAULT_FEATURE_OPTIONS;
  const ratingFeatures = options.ratingFeatures ?? true;
  const views = rulesViews(task, docs, distinct, ratingFeatures);
  const ruleFeatures: RuleFeatureSet | null = options.ruleFeatures === false ? null : task === 'sentiment' ? 'sentiment-v1' : 'kind-v1';
  const encoded = options.vectors;
  if (encoded && encoded.vectors.length !== docs.length) {
    throw new Error(`fitTrainedModel: ${docs.length} documents but ${encoded.vectors.length} encoder vectors`);
  }
  const examples: LabelledVector[] = docs.map((d, i) => ({
    features: extractFeatures(
      { ...d, extra: ruleFeatures ? (views[i] as RulesView).features : undefined, vector: encoded?.vectors[i] },
      features,
    ),
    label: labels[i] as string,
  }));
  const smallest = Math.min(...distinct.map((l) => labels.filter((x) => x === l).length));
  const folds = Math.max(2, Math.min(options.folds ?? 5, smallest));
  const threads = trainingThreadCount(options, examples.length);
  // Cross-validation, then the final model on every example, with the same runner.
  const fit = async (runner: AdaGradRunner) => ({
    cv: await crossValidateWith(runner, examples, { ...options.train, features, folds }),
    classifier: await trainLinearClassifierWith(runner, examples, { ...options.train, features }),
  });
  const threadRunner = threads > 1 ? createTrainingThreads(threads) : null;
  const { cv, classifier } = await (threadRunner ? fit(threadRunner).finally(() => threadRunner.close()) : fit(IN_THREAD));
  const rules = options.blendWithRules === false ? null : views.map((v) => v.probs);
  const modelProbs = cv.outOfFold.map((p) => p.probs);
  const choice = chooseBlendWeight(labels, modelProbs, rules, task === 'sentiment' ? sentimentObjective : labelMacroF1);
  const rulesOnly = classificationMetrics(labels, views.map((v) => argmaxOver(v.probs, distinct)));
  return {
    task,
    version: 0,
    createdAt: (options.now?.() ?? new Date()).toISOString(),
    trainedOn: examples.length,
    labelSource: options.labelSource ?? 'labels',
    blendWeight: choice.weight,
    ruleFeatures,
    ratingFeatures,
    encoder: encoded ? encoderRef(encoded.encoder) : null,
    metrics: {
      folds,
      accuracy: choice.metrics.accuracy,
      macroF1: choice.metrics.macroF1,
      f1: choice.metrics.f1,
      modelOnly: { accuracy: cv.accuracy, macroF1: cv.macroF1 },
      rulesOnly: { accuracy: rulesOnly.accuracy, macroF1: rulesOnly.macroF1 },
    },
    classifier,
  };
}

function argmaxOver(probs: Probabilities, labels: readonly string[]): string {
  let best = labels[0] as string;
  for (const l of labels) if ((probs[l] ?? 0) > (probs[best] ?? 0)) best = l;
  return best;
}

function countLabels(labels: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const l of labels) counts[l] = (counts[l] ?? 0) + 1;
  return counts;
}

interface StoredDocRow {
  id: string;
  source_id: string | null;
  lang: Doc['lang'];
  text: string;
  sentences: string;
  rating: number | null;
  rating_scale: RatingScale | null;
}

function docFromRow(r: StoredDocRow): Doc {
  return {
    id: r.id,
    sourceId: r.source_id,
    contentHash: '',
    text: r.text,
    lang: r.lang,
    sentences: JSON.parse(r.sentences) as string[],
    piiMasked: {},
    createdAt: null,
    rating: r.rating,
    ratingScale: r.rating_scale,
    channel: null,
    product: null,
    source: null,
    metadata: {},
  };
}

/** Documents per encoder call in training, and between progress lines. */
const ENCODE_CHUNK = 1000;

/**
 * Normalized documents → tokens (as `koe run` tokenizes them) → encoder vectors when an encoder is given → the fitted
 * model. The encoder reads the normalized texts, as later runs will.
 */
async function fitDocuments(task: TrainedTask, docs: readonly Doc[], labels: readonly string[], options: DocumentTrainOptions): Promise<TrainedModel> {
  const tokenizer = options.tokenizer ?? (await createTokenizer());
  const tokenized = docs.map((d) => tokenizer.tokenize(d));
  if (options.encoder === undefined) return fitTrainedModel(task, tokenized, labels, options);
  return fitTrainedModel(task, tokenized, labels, { ...options, vectors: await encodeForTraining(tokenized, options.encoder, options) });
}

/**
 * Every document's encoder vector, in chunks with a progress line each: on worker threads (one encoder loaded in
 * each) when the encoder is given by name and the set is large enough, else in this thread. The vectors are the same.
 */
async function encodeForTraining(
  docs: readonly TokenizedDoc[],
  spec: string | SentenceEncoder,
  options: DocumentTrainOptions,
): Promise<NonNullable<FitOptions['vectors']>> {
  const chunks: TokenizedDoc[][] = [];
  const size = Math.max(1, options.encodeChunk ?? ENCODE_CHUNK);
  for (let i = 0; i < docs.length; i += size) chunks.push(docs.slice(i, i + size));
  let done = 0;
  const progress = (name: string, n: number): void => {
    done += n;
    options.log?.(`sentence encoder ${name}: ${done} of ${docs.length} documents`);
  };
  const threads = typeof spec === 'string' ? Math.min(trainingThreadCount(options, docs.length), chunks.length) : 0;
  if (typeof spec !== 'string' || threads <= 1) {
    const encoder = typeof spec === 'string' ? await loadSentenceEncoder(spec) : spec;
    const vectors: Float32Array[] = [];
    for (const chunk of chunks) {
      vectors.push(...(await encodeDocs(encoder, chunk)));
      progress(encoder.name, chunk.length);
    }
    return { encoder: encoderRef(encoder), vectors };
  }
  const pool = createEncodingThreads(spec, threads);
  try {
    // An encoder that cannot load fails here with the same clear error as in this thread.
    const ref = await pool.ref().catch(async (err: unknown) => {
      await loadSentenceEncoder(spec);
      throw err;
    });
    const parts = await Promise.all(
      chunks.map(async (chunk) => {
        const vectors = await pool.encode(chunk);
        progress(ref.name, chunk.length);
        return vectors;
      }),
    );
    return { encoder: ref, vectors: parts.flat() };
  } finally {
    await pool.close();
  }
}

/**
 * Trains `task` from a labels file (CSV, TSV or JSONL; UTF-8 or Shift_JIS) and stores the model as the active one.
 * Rows with text + label are normalized and tokenized as `koe run` would; with `idField`, rows name stored documents
 * instead. Unusable rows (unknown label, unknown id, no text) are skipped and reported, not fatal.
 */
export async function trainFromLabels(db: Db, task: TrainedTask, labelsFile: string, options: TrainOptions = {}): Promise<TrainReport> {
  const labelField = options.labelField ?? 'label';
  const skipped: SkippedLabelRow[] = [];
  const docs: Doc[] = [];
  const labels: string[] = [];
  const byId = options.idField !== undefined;
  // In id mode the label column stands in for the text, so ingest's checks (present, non-empty) apply to it.
  const fieldMap: IngestOptions['fieldMap'] = byId
    ? { ...options.ingest?.fieldMap, id: options.idField, text: labelField }
    : { ...options.ingest?.fieldMap, ...(options.textField ? { text: options.textField } : {}) };
  const findStored = db.prepare(
    'SELECT id, source_id, lang, text, sentences, rating, rating_scale FROM documents WHERE source_id = ? OR id = ? LIMIT 1',
  );
  for await (const item of readFeedback([labelsFile], { ...options.ingest, fieldMap })) {
    if (!item.ok) {
      skipped.push(item.rejected);
      continue;
    }
    const row = item.row;
    const rawLabel = byId ? row.text : row.metadata[labelField];
    if (rawLabel === undefined || rawLabel === null || String(rawLabel).trim() === '') {
      skipped.push({ file: row.file, line: row.line, field: labelField, reason: `no label in column "${labelField}"`, value: null });
      continue;
    }
    const label = normalizeTaskLabel(task, String(rawLabel));
    if (!label) {
      const valid = task === 'sentiment' ? SENTIMENT_LABELS : FEEDBACK_KINDS;
      skipped.push({
        file: row.file,
        line: row.line,
        field: labelField,
        reason: `unknown ${task} label (valid: ${valid.join(', ')})`,
        value: String(rawLabel).slice(0, 40),
      });
      continue;
    }
    if (byId) {
      const id = row.sourceId;
      const stored = id ? (findStored.get(id, id) as StoredDocRow | undefined) : undefined;
      if (!stored) {
        skipped.push({
          file: row.file,
          line: row.line,
          field: options.idField ?? 'id',
          reason: id ? 'no stored document with this id (run koe run first)' : 'id is missing',
          value: id,
        });
        continue;
      }
      docs.push(docFromRow(stored));
    } else {
      docs.push(normalizeFeedback(row));
    }
    labels.push(label);
  }
  const minExamples = options.minExamples ?? 20;
  if (docs.length < minExamples) {
    throw new TrainingDataError(
      `${labelsFile}: ${docs.length} usable labelled rows, at least ${minExamples} are needed` +
        (skipped.length ? ` (${skipped.length} rows skipped; first: line ${skipped[0]?.line}: ${skipped[0]?.reason})` : ''),
    );
  }
  const model = await fitDocuments(task, docs, labels, { ...options, labelSource: options.labelSource ?? `labels:${labelsFile}` });
  return { model: saveTrainedModel(db, model), labelCounts: countLabels(labels), skipped };
}

/**
 * The weak sentiment label a rating gives, or null for the middle of the scale: stars / CSAT 1–2 negative, 4–5
 * positive; NPS 0–6 negative, 9–10 positive. CES (effort) is not a sentiment rating and gives nothing.
 */
export function ratingSentiment(rating: number | null, scale: RatingScale | null): 'positive' | 'negative' | null {
  if (rating === null || scale === null) return null;
  if (scale === 'stars' || scale === 'csat') return rating <= 2 ? 'negative' : rating >= 4 ? 'positive' : null;
  if (scale === 'nps') return rating <= 6 ? 'negative' : rating >= 9 ? 'positive' : null;
  return null;
}

export interface RatingsTrainOptions extends DocumentTrainOptions {
  /** Each of positive and negative needs at least this many rated documents (default 30). */
  minPerLabel?: number;
}

/** How many stored documents have a usable rating, per weak label: to decide whether training from ratings is worth it. */
export function countRatingLabels(db: Db): { positive: number; negative: number } {
  const rows = db.prepare('SELECT rating, rating_scale FROM documents WHERE rating IS NOT NULL AND rating_scale IS NOT NULL').all() as {
    rating: number;
    rating_scale: RatingScale;
  }[];
  const counts = { positive: 0, negative: 0 };
  for (const r of rows) {
    const l = ratingSentiment(r.rating, r.rating_scale);
    if (l) counts[l]++;
  }
  return counts;
}

/**
 * Trains the sentiment model from stored documents' ratings (weak labels, positive vs negative) when there are
 * enough of them, and stores it as the active sentiment model. Throws TrainingDataError when there are too few.
 */
export async function trainFromRatings(db: Db, options: RatingsTrainOptions = {}): Promise<TrainReport> {
  const minPerLabel = options.minPerLabel ?? 30;
  const rows = db
    .prepare(
      `SELECT id, source_id, lang, text, sentences, rating, rating_scale FROM documents
       WHERE rating IS NOT NULL AND rating_scale IS NOT NULL ORDER BY id`,
    )
    .all() as StoredDocRow[];
  const docs: Doc[] = [];
  const labels: string[] = [];
  for (const r of rows) {
    const label = ratingSentiment(r.rating, r.rating_scale);
    if (!label) continue;
    docs.push(docFromRow(r));
    labels.push(label);
  }
  const counts = countLabels(labels);
  if ((counts.positive ?? 0) < minPerLabel || (counts.negative ?? 0) < minPerLabel) {
    throw new TrainingDataError(
      `not enough rated documents to train from ratings: ${counts.positive ?? 0} positive (stars/CSAT 4–5, NPS 9–10) and ` +
        `${counts.negative ?? 0} negative (stars/CSAT 1–2, NPS 0–6); at least ${minPerLabel} of each are needed`,
    );
  }
  // The rating is the label here: a model that read it as a feature would learn nothing about the text.
  const model = await fitDocuments('sentiment', docs, labels, { ...options, labelSource: 'ratings', ratingFeatures: false });
  return { model: saveTrainedModel(db, model), labelCounts: counts, skipped: [] };
}
