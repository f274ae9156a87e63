import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_TRAIN_OPTIONS,
  IN_THREAD,
  crossValidateWith,
  trainLinearClassifier,
  trainLinearClassifierWith,
  type AdaGradJob,
  type LabelledVector,
} from '../../src/models/linear-classifier.js';
import { extractFeatures } from '../../src/models/text-features.js';
import { createTrainingThreads } from '../../src/models/training-threads.js';

// Every topic with every verdict, in both languages: enough rows for folds and an ensemble of four runs.
const TOPICS = ['Delivery', 'Support', 'The app', 'The refund', 'Checkout', '配送', 'サポート', 'アプリ'];
const VERDICTS: [string, string][] = [
  ['was great', 'positive'],
  ['made me happy', 'positive'],
  ['はとても良かった', 'positive'],
  ['was terrible', 'negative'],
  ['made me angry', 'negative'],
  ['は最悪だった', 'negative'],
];
const examples: LabelledVector[] = TOPICS.flatMap((t) =>
  VERDICTS.map(([v, label]) => ({ features: extractFeatures({ text: `${t} ${v}`, lang: /[ぁ-ん]/.test(v) ? 'ja' : 'en' }), label })),
);

const threads = createTrainingThreads(2);
afterAll(() => threads.close());

describe('createTrainingThreads', () => {
  it('trains the same model on two worker threads as in this thread, byte for byte (five runs on two threads)', async () => {
    const inThread = trainLinearClassifier(examples, { ensemble: 5, seed: 7 });
    const onThreads = await trainLinearClassifierWith(threads, examples, { ensemble: 5, seed: 7 });
    expect(JSON.stringify(onThreads)).toBe(JSON.stringify(inThread));
    expect(threads.size).toBe(2);
  });

  it('cross-validates to the same out-of-fold predictions', async () => {
    const inThread = await crossValidateWith(IN_THREAD, examples, { folds: 3 });
    const onThreads = await crossValidateWith(threads, examples, { folds: 3 });
    expect(onThreads.outOfFold).toEqual(inThread.outOfFold);
    expect(onThreads.macroF1).toBe(inThread.macroF1);
    expect(onThreads.macroF1).toBeGreaterThan(0.9);
  });

  it('rejects a job that fails in a thread with its error, and goes on with the next', async () => {
    const job = { problem: null, options: DEFAULT_TRAIN_OPTIONS, seed: 1 } as unknown as AdaGradJob;
    await expect(threads.fit([job])).rejects.toThrow(/training failed in a worker thread: TypeError/);
    const again = await trainLinearClassifierWith(threads, examples, { ensemble: 2 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(trainLinearClassifier(examples, { ensemble: 2 })));
  });
});
