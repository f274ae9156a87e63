import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../spawn-worker.js';
import type { Doc } from '../types.js';
import type { AnalyzeBatch, AnalyzerConfig, DocAnalysis } from './analyze-batch.js';

interface Pending {
  resolve: (r: DocAnalysis[]) => void;
  reject: (e: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  busy: boolean;
  pending: Map<number, Pending>;
}

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
  let seq = 0;
  const workers: PoolWorker[] = [];
  const waiting: (() => void)[] = [];
  let failure: Error | null = null;

  for (let i = 0; i < size; i++) {
    const worker = spawnWorker(import.meta.url, 'analyze-worker', config);
    const pw: PoolWorker = { worker, busy: false, pending: new Map() };
    worker.on('message', (msg: { seq: number; results?: DocAnalysis[]; error?: string }) => {
      const p = pw.pending.get(msg.seq);
      if (!p) return;
      pw.pending.delete(msg.seq);
      pw.busy = false;
      waiting.shift()?.();
      if (msg.error !== undefined) p.reject(new Error(`analysis failed in a worker: ${msg.error}`));
      else p.resolve(msg.results ?? []);
    });
    const failAll = (err: Error): void => {
      failure = err;
      for (const p of pw.pending.values()) p.reject(err);
      pw.pending.clear();
      for (const w of waiting.splice(0)) w();
    };
    worker.on('error', (err) => failAll(err));
    worker.on('exit', (code) => {
      if (code !== 0) failAll(new Error(`an analysis worker exited with code ${code}`));
    });
    workers.push(pw);
  }

  const acquire = async (): Promise<PoolWorker> => {
    for (;;) {
      if (failure) throw failure;
      // Claimed in the same tick it is found: two calls in one tick must not both get this worker.
      const idle = workers.find((w) => !w.busy);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };

  return {
    size,
    async analyze(docs: readonly Doc[]) {
      const pw = await acquire();
      const id = ++seq;
      return new Promise<DocAnalysis[]>((resolve, reject) => {
        pw.pending.set(id, { resolve, reject });
        pw.worker.postMessage({ seq: id, docs });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}
