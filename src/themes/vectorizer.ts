// Vectorizers turn documents into unit vectors of one space. Named backends in a registry (BERTopic-style):
// 'tfidf-lsa' (default, offline, no model) and 'embedding' (sentence embeddings from a local transformers.js model,
// computed by the pipeline and handed in as precomputed vectors, because that backend is asynchronous).
import type { ThemeDoc } from './theme-types.js';
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
}

export interface VectorizerBackend {
  readonly name: string;
  fit(docs: readonly ThemeDoc[], options: { seed: number; dimensions?: number }): FittedVectorizer;
  load(serialized: SerializedVectorizer): FittedVectorizer;
}

const embeddingBackend: VectorizerBackend = {
  name: 'embedding',
  fit() {
    throw new Error(
      "vectorizer 'embedding' needs precomputed vectors: compute them with embedTexts(modelDir, texts) from src/models/transformer.ts and pass them to discoverThemes",
    );
  },
  load() {
    return embeddingBackend.fit([], { seed: 0 });
  },
};

export const VECTORIZERS: Readonly<Record<string, VectorizerBackend>> = {
  'tfidf-lsa': tfidfLsaBackend,
  embedding: embeddingBackend,
};

export const DEFAULT_VECTORIZER = 'tfidf-lsa';

export function getVectorizer(name: string = DEFAULT_VECTORIZER): VectorizerBackend {
  const backend = VECTORIZERS[name];
  if (!backend) throw new Error(`unknown vectorizer ${JSON.stringify(name)}; valid: ${Object.keys(VECTORIZERS).join(', ')}`);
  return backend;
}
