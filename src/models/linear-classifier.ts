// Multinomial logistic regression over hashed sparse features, trained by seeded AdaGrad with L2 and class
// weights. Pure TypeScript: tens of thousands of short documents train in seconds, and the model is plain JSON.
import { classificationMetrics, type ClassificationMetrics } from './classification-metrics.js';
import { DEFAULT_FEATURE_OPTIONS, type FeatureOptions, type SparseVector } from './text-features.js';
import { seededRandom } from '../seeded-random.js';

export const LINEAR_MODEL_FORMAT = 'koe-linear-classifier';
export const LINEAR_MODEL_VERSION = 1;

export interface LabelledVector {
  features: SparseVector;
  label: string;
}

export interface LinearTrainOptions {
  /** Passes over the data. */
  epochs: number;
  /** AdaGrad base step size. */
  learningRate: number;
  /** L2 penalty, applied to the weights a document touches (scaled per update). */
  l2: number;
  /** 'balanced' weighs each class by n / (classes × n_class), so a rare class counts as much as a common one. */
  classWeights: 'balanced' | 'none';
  /** Seed of the example order. */
  seed: number;
  /** Runs (with seeds seed, seed + 1, …) whose weights are averaged: less dependent on one example order. */
  ensemble: number;
}

export const DEFAULT_TRAIN_OPTIONS: LinearTrainOptions = {
  epochs: 10,
  learningRate: 0.15,
  l2: 1e-4,
  classWeights: 'balanced',
  seed: 42,
  ensemble: 4,
};

/** A trained model, JSON-serialisable. Weights are stored sparse: only hashed buckets seen in training. */
export interface LinearClassifierModel {
  format: typeof LINEAR_MODEL_FORMAT;
  version: typeof LINEAR_MODEL_VERSION;
  labels: string[];
  features: FeatureOptions;
  training: LinearTrainOptions & { examples: number };
  bias: number[];
  /** base64 of an Int32Array: the hashed buckets that have weights, ascending. */
  indices: string;
  /** base64 of a Float32Array, row-major [bucket][label]. */
  weights: string;
}

export interface Prediction {
  label: string;
  /** Probability per label, summing to 1. */
  probs: Record<string, number>;
}

function shuffleInPlace<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
}

function toBase64(array: Int32Array | Float32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

function int32FromBase64(s: string): Int32Array {
  const buf = Buffer.from(s, 'base64');
  const out = new Int32Array(buf.byteLength / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

function float32FromBase64(s: string): Float32Array {
  const buf = Buffer.from(s, 'base64');
  const out = new Float32Array(buf.byteLength / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

function softmaxInPlace(z: Float64Array): void {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    const e = Math.exp((z[k] as number) - max);
    z[k] = e;
    sum += e;
  }
  for (let k = 0; k < z.length; k++) z[k] = (z[k] as number) / sum;
}

/**
 * A training set compacted for AdaGrad: the hashed buckets it uses renumbered 0..F-1, its rows as flat CSR arrays
 * (on SharedArrayBuffers when worker threads will read them, so no thread copies them).
 */
export interface TrainingProblem {
  /** Row i's entries are cols/values[offsets[i] .. offsets[i + 1]). */
  offsets: Int32Array;
  cols: Int32Array;
  values: Float64Array;
  targets: Int32Array;
  classWeight: Float64Array;
  /** Compact feature count. */
  F: number;
  /** Label count. */
  K: number;
}

/** One AdaGrad run: the problem, the options and the seed of its example order. */
export interface AdaGradJob {
  problem: TrainingProblem;
  options: LinearTrainOptions;
  seed: number;
}

export interface AdaGradFit {
  W: Float64Array;
  b: Float64Array;
}

/** One AdaGrad run of softmax regression over a compacted problem. */
export function fitAdaGrad({ problem, options: opts, seed }: AdaGradJob): AdaGradFit {
  const { offsets, cols, values, targets, classWeight, F, K } = problem;
  const n = targets.length;
  const W = new Float64Array(F * K);
  const G = new Float64Array(F * K).fill(1e-8);
  const b = new Float64Array(K);
  const Gb = new Float64Array(K).fill(1e-8);
  const order = Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(seed);
  const z = new Float64Array(K);
  const g = new Float64Array(K);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const from = offsets[i] as number;
      const to = offsets[i + 1] as number;
      const y = targets[i] as number;
      for (let k = 0; k < K; k++) z[k] = b[k] as number;
      for (let j = from; j < to; j++) {
        const base = (cols[j] as number) * K;
        const x = values[j] as number;
        for (let k = 0; k < K; k++) z[k] = (z[k] as number) + x * (W[base + k] as number);
      }
      softmaxInPlace(z);
      const cw = classWeight[y] as number;
      for (let k = 0; k < K; k++) g[k] = cw * ((z[k] as number) - (k === y ? 1 : 0));
      for (let k = 0; k < K; k++) {
        const gk = g[k] as number;
        Gb[k] = (Gb[k] as number) + gk * gk;
        b[k] = (b[k] as number) - (opts.learningRate * gk) / Math.sqrt(Gb[k] as number);
      }
      for (let j = from; j < to; j++) {
        const base = (cols[j] as number) * K;
        const x = values[j] as number;
        for (let k = 0; k < K; k++) {
          const w = W[base + k] as number;
          const grad = (g[k] as number) * x + opts.l2 * w;
          const acc = (G[base + k] as number) + grad * grad;
          G[base + k] = acc;
          W[base + k] = w - (opts.learningRate * grad) / Math.sqrt(acc);
        }
      }
    }
  }
  return { W, b };
}

/**
 * Runs AdaGrad jobs and returns their fits in job order: in this thread, or spread over worker threads
 * (`createTrainingThreads`). The fits are the same either way.
 */
export interface AdaGradRunner {
  /** Whether problems should be built on SharedArrayBuffers. */
  readonly shared: boolean;
  fit(jobs: readonly AdaGradJob[]): Promise<AdaGradFit[]>;
}

export const IN_THREAD: AdaGradRunner = { shared: false, fit: async (jobs) => jobs.map(fitAdaGrad) };

function typedArray<T extends Int32Array | Float64Array>(Kind: { new (b: ArrayBufferLike): T; BYTES_PER_ELEMENT: number }, length: number, shared: boolean): T {
  const bytes = length * Kind.BYTES_PER_ELEMENT;
  return new Kind(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
}

interface TrainingPlan {
  labels: string[];
  featureOptions: FeatureOptions;
  options: LinearTrainOptions;
  examples: number;
  /** Hashed bucket → compact feature number. */
  rowOf: Map<number, number>;
  jobs: AdaGradJob[];
}

function planTraining(
  examples: readonly LabelledVector[],
  options: Partial<LinearTrainOptions> & { features?: FeatureOptions },
  shared: boolean,
): TrainingPlan {
  const opts: LinearTrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const featureOptions = options.features ?? DEFAULT_FEATURE_OPTIONS;
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  if (labels.length < 2) {
    throw new Error(`training needs at least two labels, got ${labels.length} (${labels.join(', ') || 'none'})`);
  }
  const K = labels.length;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));

  // Compact the hashed buckets actually used, so weights and AdaGrad state stay small.
  const rowOf = new Map<number, number>();
  let nnz = 0;
  for (const e of examples) nnz += e.features.indices.length;
  const offsets = typedArray(Int32Array, examples.length + 1, shared);
  const cols = typedArray(Int32Array, nnz, shared);
  const values = typedArray(Float64Array, nnz, shared);
  let at = 0;
  examples.forEach((e, i) => {
    offsets[i] = at;
    for (let j = 0; j < e.features.indices.length; j++, at++) {
      const h = e.features.indices[j] as number;
      let row = rowOf.get(h);
      if (row === undefined) {
        row = rowOf.size;
        rowOf.set(h, row);
      }
      cols[at] = row;
      values[at] = e.features.values[j] as number;
    }
  });
  offsets[examples.length] = at;
  const counts = new Float64Array(K);
  const targets = typedArray(Int32Array, examples.length, shared);
  examples.forEach((e, i) => {
    const y = labelIndex.get(e.label) as number;
    targets[i] = y;
    counts[y] = (counts[y] as number) + 1;
  });
  const classWeight = typedArray(Float64Array, K, shared);
  counts.forEach((c, k) => (classWeight[k] = opts.classWeights === 'balanced' ? examples.length / (K * c) : 1));
  const problem: TrainingProblem = { offsets, cols, values, targets, classWeight, F: rowOf.size, K };
  // An ensemble of runs in different example orders, averaged: a linear model's average is one linear model.
  const runs = Math.max(1, Math.floor(opts.ensemble));
  const jobs = Array.from({ length: runs }, (_, run) => ({ problem, options: opts, seed: opts.seed + run }));
  return { labels, featureOptions, options: opts, examples: examples.length, rowOf, jobs };
}

function assembleModel(plan: TrainingPlan, fits: readonly AdaGradFit[]): LinearClassifierModel {
  const K = plan.labels.length;
  const F = plan.rowOf.size;
  const W = new Float64Array(F * K);
  const b = new Float64Array(K);
  for (const fitted of fits) {
    for (let i = 0; i < W.length; i++) W[i] = (W[i] as number) + (fitted.W[i] as number) / fits.length;
    for (let k = 0; k < K; k++) b[k] = (b[k] as number) + (fitted.b[k] as number) / fits.length;
  }
  // Store buckets in ascending order so the JSON is the same for the same training run.
  const buckets = Int32Array.from(plan.rowOf.keys()).sort();
  const weights = new Float32Array(F * K);
  for (let i = 0; i < buckets.length; i++) {
    const row = plan.rowOf.get(buckets[i] as number) as number;
    for (let k = 0; k < K; k++) weights[i * K + k] = W[row * K + k] as number;
  }
  return {
    format: LINEAR_MODEL_FORMAT,
    version: LINEAR_MODEL_VERSION,
    labels: plan.labels,
    features: plan.featureOptions,
    training: { ...plan.options, examples: plan.examples },
    bias: Array.from(b),
    indices: toBase64(buckets),
    weights: toBase64(weights),
  };
}

/** Trains a classifier. Labels are taken from the examples (sorted); at least two distinct labels are needed. */
export function trainLinearClassifier(
  examples: readonly LabelledVector[],
  options: Partial<LinearTrainOptions> & { features?: FeatureOptions } = {},
): LinearClassifierModel {
  const plan = planTraining(examples, options, false);
  return assembleModel(plan, plan.jobs.map(fitAdaGrad));
}

/** The same classifier as `trainLinearClassifier`, its ensemble runs given to `runner` (e.g. worker threads). */
export async function trainLinearClassifierWith(
  runner: AdaGradRunner,
  examples: readonly LabelledVector[],
  options: Partial<LinearTrainOptions> & { features?: FeatureOptions } = {},
): Promise<LinearClassifierModel> {
  const plan = planTraining(examples, options, runner.shared);
  return assembleModel(plan, await runner.fit(plan.jobs));
}

/** Checks that a parsed JSON value is a model this code can run, with a message that says what is wrong. */
export function assertLinearClassifierModel(value: unknown): asserts value is LinearClassifierModel {
  const m = value as Partial<LinearClassifierModel> | null;
  if (!m || typeof m !== 'object') throw new Error('linear model: expected a JSON object');
  if (m.format !== LINEAR_MODEL_FORMAT) throw new Error(`linear model: format is ${JSON.stringify(m.format)}, expected "${LINEAR_MODEL_FORMAT}"`);
  if (m.version !== LINEAR_MODEL_VERSION) {
    throw new Error(`linear model: version ${JSON.stringify(m.version)} is not supported (this koe reads version ${LINEAR_MODEL_VERSION})`);
  }
  if (!Array.isArray(m.labels) || m.labels.length < 2) throw new Error('linear model: labels must list at least two classes');
  if (!Array.isArray(m.bias) || m.bias.length !== m.labels.length) throw new Error('linear model: bias must have one value per label');
  if (typeof m.indices !== 'string' || typeof m.weights !== 'string' || !m.features) {
    throw new Error('linear model: indices, weights and features are required');
  }
}

// Dense weights are built once per model object: a lookup per feature instead of a binary search.
const denseWeights = new WeakMap<LinearClassifierModel, Float32Array>();

function denseWeightsOf(model: LinearClassifierModel): Float32Array {
  let dense = denseWeights.get(model);
  if (dense) return dense;
  const K = model.labels.length;
  const indices = int32FromBase64(model.indices);
  const weights = float32FromBase64(model.weights);
  if (weights.length !== indices.length * K) {
    throw new Error(`linear model: ${weights.length} weights do not fit ${indices.length} buckets × ${K} labels`);
  }
  dense = new Float32Array((1 << model.features.bits) * K);
  for (let i = 0; i < indices.length; i++) {
    const base = (indices[i] as number) * K;
    for (let k = 0; k < K; k++) dense[base + k] = weights[i * K + k] as number;
  }
  denseWeights.set(model, dense);
  return dense;
}

/** Class probabilities for one document's features (extracted with `model.features`). */
export function predict(model: LinearClassifierModel, features: SparseVector): Prediction {
  const K = model.labels.length;
  const dense = denseWeightsOf(model);
  const z = Float64Array.from(model.bias);
  for (let j = 0; j < features.indices.length; j++) {
    const base = (features.indices[j] as number) * K;
    const x = features.values[j] as number;
    for (let k = 0; k < K; k++) z[k] = (z[k] as number) + x * (dense[base + k] ?? 0);
  }
  softmaxInPlace(z);
  const probs: Record<string, number> = {};
  let best = 0;
  for (let k = 0; k < K; k++) {
    probs[model.labels[k] as string] = z[k] as number;
    if ((z[k] as number) > (z[best] as number)) best = k;
  }
  return { label: model.labels[best] as string, probs };
}

export interface CrossValidationResult extends ClassificationMetrics {
  folds: number;
  /** Out-of-fold prediction for every example, in input order (for choosing blend weights without leakage). */
  outOfFold: Prediction[];
}

/** Stratified fold number per example: each class is spread evenly over the folds, in seeded order. */
export function stratifiedFolds(labels: readonly string[], folds: number, seed: number): number[] {
  const random = seededRandom(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const list = byLabel.get(l) ?? [];
    list.push(i);
    byLabel.set(l, list);
  });
  const fold = new Array<number>(labels.length).fill(0);
  let offset = 0;
  for (const l of [...byLabel.keys()].sort()) {
    const list = byLabel.get(l) as number[];
    shuffleInPlace(list, random);
    list.forEach((i, j) => (fold[i] = (j + offset) % folds));
    offset += list.length;
  }
  return fold;
}

/**
 * k-fold stratified cross-validation: accuracy and macro-F1 over the out-of-fold predictions. Each fold's ensemble
 * runs go to `runner` (IN_THREAD, or worker threads: the same result).
 */
export async function crossValidateWith(
  runner: AdaGradRunner,
  examples: readonly LabelledVector[],
  options: Partial<LinearTrainOptions> & { features?: FeatureOptions; folds?: number } = {},
): Promise<CrossValidationResult> {
  const folds = Math.max(2, Math.min(options.folds ?? 5, examples.length));
  const seed = options.seed ?? DEFAULT_TRAIN_OPTIONS.seed;
  const foldOf = stratifiedFolds(
    examples.map((e) => e.label),
    folds,
    seed,
  );
  const outOfFold = new Array<Prediction>(examples.length);
  for (let f = 0; f < folds; f++) {
    const train = examples.filter((_, i) => foldOf[i] !== f);
    const model = await trainLinearClassifierWith(runner, train, options);
    examples.forEach((e, i) => {
      if (foldOf[i] === f) outOfFold[i] = predict(model, e.features);
    });
  }
  const metrics = classificationMetrics(
    examples.map((e) => e.label),
    outOfFold.map((p) => p.label),
  );
  return { ...metrics, folds, outOfFold };
}
