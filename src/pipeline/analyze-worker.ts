// Worker-thread entry: builds an analyzer once, over the kuromoji dictionary the pool shares, then analyzes the
// batches it is sent; given a run's provisional themes, it also places each document among them (place-docs.ts),
// so that the main thread only writes the outcome.
import { workerData } from 'node:worker_threads';
import { serveRequests } from '../thread-pool.js';
import { placerFromModel } from '../themes/place-docs.js';
import { provideSharedDictionary } from '../tokenize/index.js';
import type { Doc } from '../types.js';
import { createAnalyzer, themeDocOf, type DocAnalysis } from './analyze-batch.js';
import type { AnalyzeWorkerData } from './worker-pool.js';

const data = workerData as AnalyzeWorkerData;
if (data.dictionary) provideSharedDictionary(data.dictionary);
const ready = createAnalyzer(data.analyzer);
const placer = data.placement ? placerFromModel(data.placement) : null;

serveRequests<readonly Doc[], DocAnalysis[]>(async (docs) => {
  const analyses = await (await ready)(docs);
  if (placer && data.placement) {
    const { token } = data.placement;
    const { vectors, placements } = placer.place(docs.map((d, i) => themeDocOf(d, analyses[i]!)));
    analyses.forEach((a, i) => (a.placement = { token, vector: vectors.slice(i * placer.dim, (i + 1) * placer.dim), ...placements[i]! }));
  }
  return analyses;
});
