import { createThreadPool } from '../thread-pool.js';
import { releaseSharedDictionary, sharedDefaultDictionary, type SharedDictionary } from '../tokenize/index.js';
import type { PlacementModel } from '../themes/place-docs.js';
import type { Doc } from '../types.js';
import type { AnalyzeBatch, AnalyzerConfig, DocAnalysis } from './analyze-batch.js';

export interface AnalyzerPool {
  analyze: AnalyzeBatch;
  /** How many batches can be in flight at once. */
  readonly size: number;
  close(): Promise<void>;
}

/** What each analysis worker thread is started with. */
export interface AnalyzeWorkerData {
  analyzer: AnalyzerConfig;
  /** The kuromoji dictionary read once by this thread, shared by all workers (null: each loads its own). */
  dictionary: SharedDictionary | null;
  /** A run's provisional themes: each analysed document is also placed among them (null: none yet). */
  placement: PlacementModel | null;
}

/**
 * A fixed pool of worker threads, each with its own tokenizer and models, fed one batch at a time. The tokenizers
 * are built over one copy of the kuromoji dictionary, read here into SharedArrayBuffers (freed after close() unless
 * another pool or this thread's own tokenizer holds it).
 * Batches go to an idle worker; callers bound the number in flight to `size`.
 */
export function createWorkerPool(config: AnalyzerConfig, size: number, placement: PlacementModel | null = null): AnalyzerPool {
  const workerData: AnalyzeWorkerData = { analyzer: config, dictionary: sharedDefaultDictionary(), placement };
  const pool = createThreadPool<readonly Doc[], DocAnalysis[]>(import.meta.url, 'analyze-worker', workerData, size, 'analysis');
  return {
    size,
    analyze: (docs) => pool.run(docs),
    async close() {
      await pool.close();
      if (workerData.dictionary) releaseSharedDictionary(workerData.dictionary);
    },
  };
}
