// Training on both cores: the runs of an ensemble (and so of every cross-validation fold) are independent, so
// worker threads fit them side by side on the same shared training problem.
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../spawn-worker.js';
import type { AdaGradFit, AdaGradJob, AdaGradRunner } from './linear-classifier.js';

export interface TrainingThreads extends AdaGradRunner {
  readonly size: number;
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

/** `size` worker threads that run AdaGrad jobs; fits come back in job order, the same as in one thread. */
export function createTrainingThreads(size: number): TrainingThreads {
  const slots: Slot[] = [];
  const pending = new Map<number, { resolve: (fit: AdaGradFit) => void; reject: (err: Error) => void; slot: Slot }>();
  const waiting: (() => void)[] = [];
  let failure: Error | null = null;
  let seq = 0;

  const fail = (err: Error): void => {
    failure ??= err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    for (const w of waiting.splice(0)) w();
  };

  for (let i = 0; i < size; i++) {
    const slot: Slot = { worker: spawnWorker(import.meta.url, 'adagrad-worker', null), busy: false };
    slot.worker.on('message', (msg: { seq: number; fit?: AdaGradFit; error?: string }) => {
      const p = pending.get(msg.seq);
      if (!p) return;
      pending.delete(msg.seq);
      p.slot.busy = false;
      waiting.shift()?.();
      if (msg.error !== undefined) p.reject(new Error(`training failed in a worker thread: ${msg.error}`));
      else p.resolve(msg.fit!);
    });
    slot.worker.on('error', (err) => fail(err));
    slot.worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`a training worker thread exited with code ${code}`));
    });
    slots.push(slot);
  }

  const acquire = async (): Promise<Slot> => {
    for (;;) {
      if (failure) throw failure;
      // Claimed in the same tick it is found: jobs submitted together must not all get the first idle thread.
      const idle = slots.find((s) => !s.busy);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };

  const run = async (job: AdaGradJob): Promise<AdaGradFit> => {
    const slot = await acquire();
    const id = ++seq;
    return new Promise<AdaGradFit>((resolve, reject) => {
      pending.set(id, { resolve, reject, slot });
      slot.worker.postMessage({ seq: id, job });
    });
  };

  return {
    size,
    shared: true,
    fit: (jobs) => Promise.all(jobs.map(run)),
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
