// The opt-in embedding theme representation: sentence embeddings of the stored documents from a local
// transformers.js model, cached in `doc_vectors` under the model's id so a re-run embeds only new or changed texts.
// Runs before updateThemes, which then reads every vector from the cache (the 'embedding' vectorizer).
import path from 'node:path';
import { embedTexts, modelDirectoryHash } from '../models/transformer.js';
import type { Db } from '../store/open-store.js';
import { docsWithoutVector, saveDocVectors } from '../store/theme-repository.js';
import { EMBEDDING_BACKEND } from '../themes/embedding-vectorizer.js';

export interface EmbedDocumentsOptions {
  /** Documents read, embedded and written per step (default 256): memory stays flat on large databases. */
  pageSize?: number;
  /** Texts per model call (default 32). */
  batchSize?: number;
  log?: (message: string) => void;
}

export interface EmbedDocumentsSummary {
  modelId: string;
  /** Documents embedded now (new, or text changed since their vector was computed). */
  computed: number;
}

/**
 * The id of a model's embedding space: `embedding:` + a hash of its config, tokenizer and ONNX file size and
 * modification time, so replacing the model (even under the same directory name) invalidates the cached vectors.
 * Throws ModelDirectoryError naming the directory when it is not a usable model directory.
 */
export function embeddingModelId(modelDir: string): string {
  return `${EMBEDDING_BACKEND}:${modelDirectoryHash(modelDir)}`;
}

/** Embeds every analysed document whose vector for this model is missing or stale, page by page, into `doc_vectors`. */
export async function precomputeEmbeddings(db: Db, modelDir: string, options: EmbedDocumentsOptions = {}): Promise<EmbedDocumentsSummary> {
  const modelId = embeddingModelId(modelDir);
  const pageSize = Math.max(1, Math.floor(options.pageSize ?? 256));
  let computed = 0;
  let afterId: string | null = null;
  for (;;) {
    const page = docsWithoutVector(db, modelId, afterId, pageSize);
    if (page.length === 0) break;
    const vectors = await embedTexts(modelDir, page.map((d) => d.text), { batchSize: options.batchSize ?? 32 });
    // Each page is written on its own: an interrupted run keeps what it embedded (the cache is keyed by text hash).
    db.transaction(() => saveDocVectors(db, modelId, page.map((d, i) => ({ docId: d.id, contentHash: d.contentHash, vector: vectors[i]! }))))();
    computed += page.length;
    afterId = page[page.length - 1]!.id;
  }
  options.log?.(`embeddings (${modelId}, ${path.resolve(modelDir)}): ${computed} document(s) embedded, the rest cached`);
  return { modelId, computed };
}
