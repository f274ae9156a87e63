import { createThreadPool } from '../thread-pool.js';
import type { Doc } from '../types.js';
import type { AnalyzeBatch, AnalyzerConfig, DocAnalysis } from './analyze-batch.js';

export interface AnalyzerPool {
  analyze: AnalyzeBatch;
  /** How many batches can be in flight at once. */
  readonly size: number;
  close(): Promise<void>;
}

/**
 * A fixed pool of worker threads, each with its own tokenizer and models, fed one batch at a time.
 * Batches go to an idle worker; callers bound the number in flight to `size`.
 */
export function createWorkerPool(config: AnalyzerConfig, size: number): AnalyzerPool {
  const pool = createThreadPool<readonly Doc[], DocAnalysis[]>(import.meta.url, 'analyze-worker', config, size, 'analysis');
  return {
    size,
    analyze: (docs) => pool.run(docs),
    close: () => pool.close(),
  };
}
