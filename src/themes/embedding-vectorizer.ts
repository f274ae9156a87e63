// The opt-in 'embedding' vectorizer: sentence embeddings from a local transformers.js model. Embedding is
// asynchronous and this stage is not, so the pipeline computes and caches the vectors first
// (src/pipeline/embed-documents.ts); this backend only names the space (model id, dimension) the cached vectors
// live in. Its features are plain term counts, used only for labels.
import { loadConceptDictionary, type ConceptDictionary } from './concept-dictionary.js';
import { documentFeatures } from './tfidf-lsa-vectorizer.js';
import type { ThemeDoc } from './theme-types.js';
import type { FittedVectorizer, SerializedVectorizer, VectorizerBackend } from './vectorizer.js';

export const EMBEDDING_BACKEND = 'embedding';

interface EmbeddingParams {
  dim: number;
}

class EmbeddingVectorizer implements FittedVectorizer {
  readonly backend = EMBEDDING_BACKEND;

  constructor(
    readonly modelId: string,
    readonly dim: number,
    private readonly dictionary: ConceptDictionary,
  ) {}

  /** Sublinear counts of the same features the tfidf-lsa backend uses (terms, concept ids), without idf. */
  features(doc: ThemeDoc): Map<string, number> {
    const out = new Map<string, number>();
    for (const [f, c] of documentFeatures(doc, this.dictionary)) out.set(f, 1 + Math.log(c));
    return out;
  }

  transform(docs: readonly ThemeDoc[]): Float32Array {
    if (docs.length === 0) return new Float32Array(0);
    throw new Error(
      `vectorizer 'embedding' (${this.modelId}) has no cached vector for ${docs.length} document(s), e.g. ${docs[0]!.id}: ` +
        'embed them first (precomputeEmbeddings, or koe run / koe themes rebuild with --embedding-model DIR)',
    );
  }

  serialize(): SerializedVectorizer {
    const params: EmbeddingParams = { dim: this.dim };
    return { backend: this.backend, modelId: this.modelId, params, data: null };
  }
}

export const embeddingBackend: VectorizerBackend = {
  name: EMBEDDING_BACKEND,
  fit(_docs, options) {
    if (!options.precomputed) {
      throw new Error(
        "vectorizer 'embedding' needs precomputed vectors: compute them with precomputeEmbeddings(db, modelDir) from " +
          'src/pipeline/embed-documents.ts (which uses embedTexts from src/models/transformer.ts) and pass their ' +
          '{ modelId, dim } as `precomputed`',
      );
    }
    const { modelId, dim } = options.precomputed;
    if (!modelId.startsWith(`${EMBEDDING_BACKEND}:`)) throw new Error(`not an embedding model id: ${modelId}`);
    return new EmbeddingVectorizer(modelId, dim, loadConceptDictionary());
  },
  load(serialized) {
    const dim = (serialized.params as Partial<EmbeddingParams> | null)?.dim;
    if (serialized.backend !== EMBEDDING_BACKEND || typeof dim !== 'number') throw new Error(`not an embedding model: ${serialized.modelId}`);
    return new EmbeddingVectorizer(serialized.modelId, dim, loadConceptDictionary());
  },
};
