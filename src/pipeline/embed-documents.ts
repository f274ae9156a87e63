// The opt-in sentence-vector theme representations, computed before updateThemes and cached in `doc_vectors` so a
// re-run encodes only new or changed texts: sentence embeddings alone from a local transformers.js model (the
// 'embedding' vectorizer), or a sentence encoder's vectors joined with the words and concepts (use-lite-en or a
// model directory; the 'tfidf-lsa+encoder' vectorizer).
import path from 'node:path';
import { createEncodingThreads } from '../models/encoding-threads.js';
import { encodeDocs, encoderRef, loadSentenceEncoder } from '../models/sentence-encoder.js';
import { embedTexts, modelDirectoryHash } from '../models/transformer.js';
import type { EncoderRef } from '../themes/theme-types.js';
import { encoderCovers, encoderVectorsId } from '../themes/encoder-lsa-vectorizer.js';
import type { Db } from '../store/open-store.js';
import { docsWithoutVector, saveDocVectors } from '../store/theme-repository.js';
import { EMBEDDING_BACKEND } from '../themes/embedding-vectorizer.js';

export { encoderVectorsId };

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

export interface EncodeDocumentsOptions {
  /** Worker threads that each load the encoder (0: this thread). */
  workers?: number;
  /** Documents read, encoded and written per step (default 512). */
  pageSize?: number;
  log?: (message: string) => void;
}

/**
 * Encodes every analysed document the encoder covers (use-lite-en: English) whose vector is missing or stale, page by
 * page into `doc_vectors`, on `workers` threads side by side; returns the encoder's reference for updateThemes.
 * Each page is committed on its own: a killed run keeps what it encoded.
 */
export async function precomputeEncoderVectors(
  db: Db,
  name: string,
  options: EncodeDocumentsOptions = {},
): Promise<{ encoder: EncoderRef; computed: number }> {
  const workers = Math.max(0, Math.floor(options.workers ?? 0));
  const pageSize = Math.max(1, Math.floor(options.pageSize ?? 512));
  const local = await loadSentenceEncoder(name);
  const encoder = encoderRef(local);
  const id = encoderVectorsId(encoder);
  let threads: ReturnType<typeof createEncodingThreads> | null = null;
  let computed = 0;
  let afterId: string | null = null;
  try {
    for (;;) {
      const page = docsWithoutVector(db, id, afterId, pageSize);
      if (page.length === 0) break;
      afterId = page[page.length - 1]!.id;
      const covered = page.filter((d) => encoderCovers(encoder, d));
      if (covered.length === 0) continue;
      let vectors: Float32Array[];
      if (workers > 0 && covered.length >= 2 * workers) {
        threads ??= createEncodingThreads(name, workers);
        const size = Math.ceil(covered.length / workers);
        const parts = await Promise.all(
          Array.from({ length: workers }, (_, w) => threads!.encode(covered.slice(w * size, (w + 1) * size))),
        );
        vectors = parts.flat();
      } else vectors = await encodeDocs(local, covered);
      db.transaction(() => saveDocVectors(db, id, covered.map((d, i) => ({ docId: d.id, contentHash: d.contentHash, vector: vectors[i]! }))))();
      computed += covered.length;
    }
  } finally {
    await threads?.close();
  }
  options.log?.(`sentence encoder ${encoder.name} (${encoder.id}): ${computed} document(s) encoded, the rest cached or not in its languages`);
  return { encoder, computed };
}
