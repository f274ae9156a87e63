import { createThreadPool } from '../thread-pool.js';
import type { Doc } from '../types.js';
import type { PlacementSnapshot } from '../themes/place-documents.js';
import type { AnalysisReply, AnalyzerConfig, AnalyzeWorkerData } from './analyze-batch.js';

export interface AnalyzerPool {
  analyze: (docs: readonly Doc[]) => Promise<AnalysisReply>;
  /** How many batches can be in flight at once. */
  readonly size: number;
  close(): Promise<void>;
}

/**
 * A fixed pool of worker threads, each with its own tokenizer and models, fed one batch at a time.
 * Batches go to an idle worker; callers bound the number in flight to `size`. Given a placement snapshot, each
 * worker also places its batches among the themes (AnalysisReply.placed).
 */
export function createWorkerPool(config: AnalyzerConfig, size: number, placement?: PlacementSnapshot): AnalyzerPool {
  const data: AnalyzeWorkerData = { analyzer: config, ...(placement ? { placement } : {}) };
  const pool = createThreadPool<readonly Doc[], AnalysisReply>(import.meta.url, 'analyze-worker', data, size, 'analysis');
  return {
    size,
    analyze: (docs) => pool.run(docs),
    close: () => pool.close(),
  };
}
