// The opt-in transformers.js backend: text classification and sentence embeddings from a local model directory.
// `@huggingface/transformers` (with onnxruntime) is imported only when a model is first used, so runs that do not
// configure one never pay for it. The network is off unless the caller opts in with a hub name.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SentimentLabel } from '../types.js';

export type ModelDtype = 'fp32' | 'q8';

export interface TransformerLoadOptions {
  /** Allow a Hugging Face hub name (downloads on first use). Off by default: koe runs offline. */
  allowRemote?: boolean;
  /** 'fp32' reads onnx/model.onnx (default), 'q8' reads onnx/model_quantized.onnx. */
  dtype?: ModelDtype;
}

/** Files a local model directory must have (the ONNX file depends on dtype). */
export function expectedModelFiles(dtype: ModelDtype = 'fp32'): string[] {
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', dtype === 'q8' ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx'];
}

/** A model directory that cannot be used: the message names the directory and what is missing or broken. */
export class ModelDirectoryError extends Error {
  override name = 'ModelDirectoryError';
}

const HUB_NAME = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;

interface ModelLocation {
  /** What transformers.js is given as the model id. */
  id: string;
  /** Folder it resolves local ids against. */
  localModelPath: string | null;
  remote: boolean;
}

/** Checks a local model directory (or accepts a hub name when allowed) before transformers.js sees it. */
export function resolveModelLocation(model: string, options: TransformerLoadOptions = {}): ModelLocation {
  const dtype = options.dtype ?? 'fp32';
  const expected = expectedModelFiles(dtype);
  const dir = path.resolve(model);
  if (!fs.existsSync(dir)) {
    if (options.allowRemote && HUB_NAME.test(model)) return { id: model, localModelPath: null, remote: true };
    throw new ModelDirectoryError(
      `model directory ${dir} does not exist: koe needs a local transformers.js model there with ${expected.join(', ')}` +
        (HUB_NAME.test(model) ? ' (to download a hub model instead, allow the network explicitly)' : ''),
    );
  }
  if (!fs.statSync(dir).isDirectory()) throw new ModelDirectoryError(`model path ${dir} is a file, expected a directory with ${expected.join(', ')}`);
  const missing = expected.filter((f) => !fs.existsSync(path.join(dir, f)));
  if (missing.length > 0) {
    throw new ModelDirectoryError(
      `model directory ${dir} is missing ${missing.join(', ')} (a transformers.js model directory has ${expected.join(', ')})`,
    );
  }
  for (const json of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) {
    try {
      JSON.parse(fs.readFileSync(path.join(dir, json), 'utf8'));
    } catch (err) {
      throw new ModelDirectoryError(`model directory ${dir}: ${json} is not valid JSON (${(err as Error).message})`);
    }
  }
  return { id: path.basename(dir), localModelPath: path.dirname(dir) + path.sep, remote: false };
}

type Task = 'text-classification' | 'feature-extraction';
// One loaded pipeline per (task, model, dtype), shared by every caller; the promise is cached so concurrent first
// calls load once.
const loaded = new Map<string, Promise<unknown>>();

async function loadPipeline(task: Task, model: string, options: TransformerLoadOptions): Promise<unknown> {
  const dtype = options.dtype ?? 'fp32';
  const location = resolveModelLocation(model, options);
  const key = `${task}\u0000${location.localModelPath ?? ''}${location.id}\u0000${dtype}`;
  let promise = loaded.get(key);
  if (!promise) {
    promise = (async () => {
      const transformers = await import('@huggingface/transformers');
      const { env } = transformers;
      env.allowRemoteModels = location.remote;
      env.allowLocalModels = !location.remote;
      if (location.localModelPath) env.localModelPath = location.localModelPath;
      try {
        return await transformers.pipeline(task, location.id, { dtype });
      } catch (err) {
        const where = location.localModelPath ? path.join(location.localModelPath, location.id) : location.id;
        throw new ModelDirectoryError(`cannot load ${task} model ${where}: ${(err as Error).message}`);
      }
    })();
    loaded.set(key, promise);
    // A failed load is not cached: fixing the directory and retrying works.
    promise.catch(() => loaded.delete(key));
  }
  return promise;
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  const n = Math.max(1, Math.floor(size));
  for (let i = 0; i < items.length; i += n) yield items.slice(i, i + n);
}

/**
 * How model labels become koe's sentiment labels (case-insensitive, checked in this order):
 * - positive / pos / POSITIVE, negative / neg, neutral / neu (also ポジティブ, ネガティブ, ニュートラル);
 * - star ratings "1 star" … "5 stars": 1–2 negative, 3 neutral, 4–5 positive;
 * - LABEL_i, with 2 labels: 0 negative, 1 positive; with 3: 0 negative, 1 neutral, 2 positive (the common
 *   cardiffnlp / SST convention); with 5: as 1–5 stars.
 * A `labelMap` override (model label → positive/neutral/negative) wins over all of these.
 */
export function mapSentimentLabel(
  raw: string,
  labelCount: number,
  labelMap: Record<string, SentimentLabel> = {},
): SentimentLabel | null {
  const override = labelMap[raw] ?? labelMap[raw.toLowerCase()];
  if (override) return override;
  const l = raw.trim().toLowerCase();
  if (l === 'positive' || l === 'pos' || l === 'ポジティブ') return 'positive';
  if (l === 'negative' || l === 'neg' || l === 'ネガティブ') return 'negative';
  if (l === 'neutral' || l === 'neu' || l === 'ニュートラル') return 'neutral';
  const stars = /^([1-5])\s*stars?$/.exec(l);
  if (stars) return starsLabel(Number(stars[1]));
  const generic = /^label_(\d+)$/.exec(l);
  if (generic) {
    const i = Number(generic[1]);
    if (labelCount === 2) return i === 0 ? 'negative' : i === 1 ? 'positive' : null;
    if (labelCount === 3) return i === 0 ? 'negative' : i === 1 ? 'neutral' : i === 2 ? 'positive' : null;
    if (labelCount === 5 && i <= 4) return starsLabel(i + 1);
  }
  return null;
}

function starsLabel(stars: number): SentimentLabel {
  return stars <= 2 ? 'negative' : stars === 3 ? 'neutral' : 'positive';
}

export interface TransformerSentiment {
  label: SentimentLabel;
  /** p(positive) − p(negative), in [-1, 1]. */
  score: number;
  /** Probability of the chosen label. */
  confidence: number;
  probs: Record<SentimentLabel, number>;
  /** The model's own top label (before mapping). */
  modelLabel: string;
}

export interface ClassifyOptions extends TransformerLoadOptions {
  /** Texts per model call (default 32). */
  batchSize?: number;
  /** Overrides for the label mapping (see mapSentimentLabel). */
  labelMap?: Record<string, SentimentLabel>;
}

interface ScoredLabel {
  label: string;
  score: number;
}
type ClassifierPipeline = (texts: string[], options: { top_k: number | null }) => Promise<ScoredLabel[][]>;

/** Sentiment of each text from a text-classification model, in input order, batch by batch. */
export async function classifySentiment(model: string, texts: readonly string[], options: ClassifyOptions = {}): Promise<TransformerSentiment[]> {
  if (texts.length === 0) return [];
  const classifier = (await loadPipeline('text-classification', model, options)) as ClassifierPipeline;
  const out: TransformerSentiment[] = [];
  for (const chunk of chunks(texts, options.batchSize ?? 32)) {
    const results = await classifier(chunk, { top_k: null });
    for (const scores of results) {
      const probs: Record<SentimentLabel, number> = { positive: 0, neutral: 0, negative: 0 };
      for (const s of scores) {
        const mapped = mapSentimentLabel(s.label, scores.length, options.labelMap);
        if (!mapped) {
          throw new ModelDirectoryError(
            `model ${model}: label "${s.label}" has no sentiment mapping; pass a labelMap such as {"${s.label}": "negative"}`,
          );
        }
        probs[mapped] += s.score;
      }
      const label = (Object.keys(probs) as SentimentLabel[]).reduce((a, b) => (probs[b] > probs[a] ? b : a), 'neutral');
      out.push({ label, score: probs.positive - probs.negative, confidence: probs[label], probs, modelLabel: scores[0]?.label ?? '' });
    }
  }
  return out;
}

interface TensorLike {
  dims: number[];
  data: Float32Array;
}
type ExtractorPipeline = (texts: string[], options: { pooling: 'mean'; normalize: boolean }) => Promise<TensorLike>;

/**
 * A short hash of a local model directory's config, tokenizer and ONNX file size and modification time: replacing
 * the model, even under the same directory name, changes it. Throws ModelDirectoryError for an unusable directory.
 */
export function modelDirectoryHash(modelDir: string): string {
  resolveModelLocation(modelDir);
  const dir = path.resolve(modelDir);
  const [config, tokenizer, , onnx] = expectedModelFiles('fp32').map((f) => path.join(dir, f));
  const h = createHash('sha1');
  h.update(fs.readFileSync(config as string));
  h.update(fs.readFileSync(tokenizer as string));
  const stat = fs.statSync(onnx as string);
  h.update(`\u0000${stat.size}\u0000${Math.floor(stat.mtimeMs)}`);
  return h.digest('hex').slice(0, 16);
}

/** One L2-normalised, mean-pooled embedding per text (feature-extraction), in input order. */
export async function embedTexts(
  model: string,
  texts: readonly string[],
  options: TransformerLoadOptions & { batchSize?: number } = {},
): Promise<Float32Array[]> {
  if (texts.length === 0) return [];
  const extractor = (await loadPipeline('feature-extraction', model, options)) as ExtractorPipeline;
  const out: Float32Array[] = [];
  for (const chunk of chunks(texts, options.batchSize ?? 32)) {
    const tensor = await extractor(chunk, { pooling: 'mean', normalize: true });
    const dim = tensor.dims[tensor.dims.length - 1] ?? 0;
    for (let i = 0; i < chunk.length; i++) out.push(tensor.data.slice(i * dim, (i + 1) * dim));
  }
  return out;
}
