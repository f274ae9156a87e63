// Vectorizers turn documents into unit vectors of one space. Named backends in a registry (BERTopic-style):
// 'tfidf-lsa' (default, offline, no model), 'tfidf-lsa+encoder' (the same joined with an offline sentence
// encoder's vectors, encoder-lsa-vectorizer.ts) and 'embedding' (sentence embeddings from a local transformers.js model,
// computed and cached by the pipeline and named here as `precomputed`, because that backend is asynchronous).
import type { EncoderRef, ThemeDoc } from './theme-types.js';
import { encoderLsaBackend } from './encoder-lsa-vectorizer.js';
import { embeddingBackend } from './embedding-vectorizer.js';
import { tfidfLsaBackend } from './tfidf-lsa-vectorizer.js';

export interface SerializedVectorizer {
  backend: string;
  modelId: string;
  /** JSON-safe parameters (vocabulary, idf, ...). */
  params: unknown;
  /** Dense numeric payload (e.g. the LSA projection), or null. */
  data: Float32Array | null;
}

export interface FittedVectorizer {
  readonly backend: string;
  /** Identifies the space: cached vectors and centroids are only comparable under the same model id. */
  readonly modelId: string;
  readonly dim: number;
  /** Unit-length rows, one per document (an all-zero row when a document has no usable terms). */
  transform(docs: readonly ThemeDoc[]): Float32Array;
  serialize(): SerializedVectorizer;
  /** Weighted features of a document, for labelling (term → weight); concept features are prefixed "§". */
  features(doc: ThemeDoc): Map<string, number>;
  /**
   * The same space without these features (words of erased documents that no stored document has): it keeps its
   * model id, since every stored document's vector is unchanged. Absent for backends that keep no words.
   */
  withoutFeatures?(features: ReadonlySet<string>): FittedVectorizer;
  /** The feature a document term gives (English terms: their stem), for checking who still uses a word. */
  featureOf?(term: string): string;
}

export interface VectorizerFitOptions {
  seed: number;
  dimensions?: number;
  /** The space of vectors computed outside the stage (the 'embedding' backend): model id and dimension. */
  precomputed?: { modelId: string; dim: number };
  /** The sentence encoder whose vectors the documents carry (ThemeDoc.encoded), for the 'tfidf-lsa+encoder' space. */
  encoder?: EncoderRef;
}

export interface VectorizerBackend {
  readonly name: string;
  fit(docs: readonly ThemeDoc[], options: VectorizerFitOptions): FittedVectorizer;
  load(serialized: SerializedVectorizer): FittedVectorizer;
}

export const VECTORIZERS: Readonly<Record<string, VectorizerBackend>> = {
  'tfidf-lsa': tfidfLsaBackend,
  embedding: embeddingBackend,
  'tfidf-lsa+encoder': encoderLsaBackend,
};

export const DEFAULT_VECTORIZER = 'tfidf-lsa';

export function getVectorizer(name: string = DEFAULT_VECTORIZER): VectorizerBackend {
  const backend = VECTORIZERS[name];
  if (!backend) throw new Error(`unknown vectorizer ${JSON.stringify(name)}; valid: ${Object.keys(VECTORIZERS).join(', ')}`);
  return backend;
}
