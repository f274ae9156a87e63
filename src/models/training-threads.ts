// Training on both cores: the runs of an ensemble (and so of every cross-validation fold) are independent, so
// worker threads fit them side by side on the same shared training problem.
import { createThreadPool } from '../thread-pool.js';
import type { AdaGradFit, AdaGradJob, AdaGradRunner } from './linear-classifier.js';

export interface TrainingThreads extends AdaGradRunner {
  readonly size: number;
  close(): Promise<void>;
}

/** `size` worker threads that run AdaGrad jobs; fits come back in job order, the same as in one thread. */
export function createTrainingThreads(size: number): TrainingThreads {
  const pool = createThreadPool<AdaGradJob, AdaGradFit>(import.meta.url, 'adagrad-worker', null, size, 'training');
  return {
    size,
    shared: true,
    fit: (jobs) => Promise.all(jobs.map((job) => pool.run(job))),
    close: () => pool.close(),
  };
}
