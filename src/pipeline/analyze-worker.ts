// Worker-thread entry: builds an analyzer once, then analyzes the batches it is sent.
import { workerData } from 'node:worker_threads';
import { serveRequests } from '../thread-pool.js';
import type { Doc } from '../types.js';
import { createAnalyzer, type AnalyzerConfig, type DocAnalysis } from './analyze-batch.js';

const ready = createAnalyzer(workerData as AnalyzerConfig);

serveRequests<readonly Doc[], DocAnalysis[]>(async (docs) => (await ready)(docs));
