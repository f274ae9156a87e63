// Trained systems for the eval scripts: `koe train`'s model (linear classifier blended with the rules) trained on
// one part of a labelled file and tested on the rest, or on another file. Documents go through the same normalize
// and tokenize stages as `koe run`. Reads ../shared/data at run time; trained weights stay in memory, never on disk.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyKindLinear } from '../../src/classify/linear-backend.js';
import { loadKindCues } from '../../src/classify/index.js';
import { classificationMetrics, type ClassificationMetrics } from '../../src/models/classification-metrics.js';
import { stratifiedFolds, type Prediction } from '../../src/models/linear-classifier.js';
import { seededRandom } from '../../src/seeded-random.js';
import type { TrainedModel, TrainedTask } from '../../src/models/trained-model.js';
import { normalizeFeedback } from '../../src/normalize/index.js';
import { fitTrainedModel, type FitOptions } from '../../src/pipeline/train.js';
import { scoreSentimentLinear } from '../../src/sentiment/linear-backend.js';
import { createTokenizer, type DocTokenizer } from '../../src/tokenize/index.js';
import type { RawFeedback, TokenizedDoc } from '../../src/types.js';
import { encodeDocs, encoderRef, loadSentenceEncoder, type SentenceEncoderRef } from '../../src/models/sentence-encoder.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED_DATA_DIR = path.join(REPO_ROOT, '..', 'shared', 'data');

export interface DevRow {
  id: string;
  text: string;
  label: string;
  split?: string;
  [field: string]: unknown;
}

export function readDevFile(name: string): DevRow[] {
  return fs
    .readFileSync(path.join(SHARED_DATA_DIR, name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as DevRow);
}

let tokenizer: Promise<DocTokenizer> | null = null;

/** Rows → tokenized documents, through normalize (NFKC, PII masking, language, sentences) and tokenize. */
export async function toDocs(rows: readonly DevRow[], file = 'dev'): Promise<TokenizedDoc[]> {
  tokenizer ??= createTokenizer();
  const t = await tokenizer;
  return rows.map((r, i) => {
    const raw: RawFeedback = {
      file,
      line: i + 1,
      sourceId: r.id,
      text: r.text,
      createdAt: null,
      rating: typeof r.rating === 'number' || typeof r.rating === 'string' ? Number(r.rating) : null,
      ratingScale: r.rating !== undefined && r.rating !== null ? 'stars' : null,
      channel: null,
      product: null,
      source: null,
      metadata: {},
    };
    return t.tokenize(normalizeFeedback(raw));
  });
}

/** Rows with split 'train' train when the file has a split field; otherwise a seeded 80/20 split. */
export function trainTestSplit<T extends DevRow>(rows: readonly T[], seed = 7): { train: T[]; test: T[] } {
  if (rows.some((r) => r.split === 'train')) {
    return { train: rows.filter((r) => r.split === 'train'), test: rows.filter((r) => r.split !== 'train') };
  }
  const random = seededRandom(seed);
  const train: T[] = [];
  const test: T[] = [];
  for (const r of rows) (random() < 0.8 ? train : test).push(r);
  return { train, test };
}

/**
 * The trained system's prediction for each test document, through the same code as the 'linear' backends: blended
 * with the rules as trained, and the model alone (blend weight 0).
 */
export function predictDocs(
  model: TrainedModel,
  docs: readonly TokenizedDoc[],
  vectors?: readonly ArrayLike<number>[],
): { blended: Prediction[]; modelOnly: Prediction[] } {
  const alone: TrainedModel = { ...model, blendWeight: 0 };
  const cues = model.task === 'kind' ? loadKindCues() : [];
  const run = (m: TrainedModel): Prediction[] =>
    docs.map((doc, i) => {
      const vector = vectors?.[i];
      if (m.task === 'sentiment') {
        const r = scoreSentimentLinear(doc, m, {}, vector);
        // Probabilities are not part of SentimentResult; the score's sign and the label are what the figures use.
        return { label: r.label, probs: { positive: Math.max(0, r.score), negative: Math.max(0, -r.score) } };
      }
      const k = classifyKindLinear(doc, m, cues, vector);
      return { label: k.label, probs: { [k.label]: k.confidence } };
    });
  return { blended: run(model), modelOnly: run(alone) };
}

export function fit(task: TrainedTask, docs: readonly TokenizedDoc[], labels: readonly string[], options: FitOptions = {}): Promise<TrainedModel> {
  return fitTrainedModel(task, docs, labels, options);
}

export interface SentimentFigures {
  /** Positive vs negative rows only, sign of p(positive) − p(negative); exactly 0 counts as wrong. */
  binary: ClassificationMetrics;
  /** Three classes, where the test rows have neutral. */
  threeClass: ClassificationMetrics | null;
}

export function sentimentFigures(gold: readonly string[], predictions: readonly Prediction[]): SentimentFigures {
  const polarGold: string[] = [];
  const polarPred: string[] = [];
  gold.forEach((g, i) => {
    if (g !== 'positive' && g !== 'negative') return;
    const p = predictions[i] as Prediction;
    const score = (p.probs.positive ?? 0) - (p.probs.negative ?? 0);
    polarGold.push(g);
    polarPred.push(score > 0 ? 'positive' : score < 0 ? 'negative' : 'zero');
  });
  const binary = classificationMetrics(polarGold, polarPred, ['positive', 'negative']);
  const threeClass = gold.includes('neutral')
    ? classificationMetrics(gold, predictions.map((p) => p.label), ['positive', 'neutral', 'negative'])
    : null;
  return { binary, threeClass };
}

/** Maps the app-review labels to koe's kinds for the bug / feature_request / other comparison. */
export function appReviewKind(label: string): string {
  if (label === 'BUG') return 'bug';
  if (label === 'FEATURE') return 'feature_request';
  return 'other';
}

/** Every row's sentence-encoder vector, in file order, and the encoder that made them. */
export interface EncodedDocs {
  encoder: SentenceEncoderRef;
  vectors: readonly Float32Array[];
}

/**
 * Every document's vector from a sentence encoder, cached under node_modules/.cache (keyed by file, row count and
 * encoder id) because use-lite-en takes minutes over the airline file. The cache holds vectors of ../shared/data
 * texts, so it stays outside the repository.
 */
export async function encodeForEval(encoderName: string, cacheName: string, docs: readonly TokenizedDoc[]): Promise<EncodedDocs> {
  const encoder = await loadSentenceEncoder(encoderName);
  const ref = encoderRef(encoder);
  const cacheDir = path.join(REPO_ROOT, 'node_modules', '.cache', 'koe-eval');
  const cacheFile = path.join(cacheDir, `${cacheName}.${docs.length}.${encoder.id.replace(/[^\w.@-]/g, '_')}.f32`);
  if (fs.existsSync(cacheFile)) {
    const buf = fs.readFileSync(cacheFile);
    const all = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    if (all.length === docs.length * encoder.dims) {
      return { encoder: ref, vectors: docs.map((_, i) => all.slice(i * encoder.dims, (i + 1) * encoder.dims)) };
    }
  }
  const vectors = await encodeDocs(encoder, docs);
  const all = new Float32Array(docs.length * encoder.dims);
  vectors.forEach((v, i) => all.set(v, i * encoder.dims));
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(cacheFile, Buffer.from(all.buffer));
  return { encoder: ref, vectors };
}

/** Seed of the folds of crossValidateTrained (so callers can recover which fold a row was in). */
export const CV_FOLD_SEED = 11;

/**
 * k-fold evaluation of the whole training procedure (CV inside each training fold chooses the blend weight): every
 * document is predicted by a model that never saw it.
 */
export async function crossValidateTrained(
  task: TrainedTask,
  docs: readonly TokenizedDoc[],
  labels: readonly string[],
  folds = 5,
  options: FitOptions = {},
  encoded?: EncodedDocs,
): Promise<{ blended: Prediction[]; modelOnly: Prediction[]; blendWeights: number[] }> {
  const foldOf = stratifiedFolds(labels, folds, CV_FOLD_SEED);
  const blended = new Array<Prediction>(docs.length);
  const modelOnly = new Array<Prediction>(docs.length);
  const blendWeights: number[] = [];
  for (let f = 0; f < folds; f++) {
    const trainIdx = docs.map((_, i) => i).filter((i) => foldOf[i] !== f);
    const testIdx = docs.map((_, i) => i).filter((i) => foldOf[i] === f);
    const model = await fitTrainedModel(
      task,
      trainIdx.map((i) => docs[i] as TokenizedDoc),
      trainIdx.map((i) => labels[i] as string),
      encoded ? { ...options, vectors: { encoder: encoded.encoder, vectors: trainIdx.map((i) => encoded.vectors[i] as Float32Array) } } : options,
    );
    blendWeights.push(model.blendWeight);
    const preds = predictDocs(
      model,
      testIdx.map((i) => docs[i] as TokenizedDoc),
      encoded ? testIdx.map((i) => encoded.vectors[i] as Float32Array) : undefined,
    );
    testIdx.forEach((i, j) => {
      blended[i] = preds.blended[j] as Prediction;
      modelOnly[i] = preds.modelOnly[j] as Prediction;
    });
  }
  return { blended, modelOnly, blendWeights };
}
