// Worker-thread entry: builds an analyzer once, over the kuromoji dictionary the pool shares, then analyzes the
// batches it is sent.
import { workerData } from 'node:worker_threads';
import { serveRequests } from '../thread-pool.js';
import { provideSharedDictionary } from '../tokenize/index.js';
import type { Doc } from '../types.js';
import { createAnalyzer, type DocAnalysis } from './analyze-batch.js';
import type { AnalyzeWorkerData } from './worker-pool.js';

const data = workerData as AnalyzeWorkerData;
if (data.dictionary) provideSharedDictionary(data.dictionary);
const ready = createAnalyzer(data.analyzer);

serveRequests<readonly Doc[], DocAnalysis[]>(async (docs) => (await ready)(docs));
