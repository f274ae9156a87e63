// Worker-thread entry: builds an analyzer once, then analyzes the batches it is sent; given the stored space and
// themes of a run at size, it also places each analyzed batch among the themes (provisional themes), so the main
// thread only writes the outcome.
import { workerData } from 'node:worker_threads';
import { serveRequests } from '../thread-pool.js';
import type { Doc } from '../types.js';
import { placeDocuments, placementSpaceOf } from '../themes/place-documents.js';
import { createAnalyzer, themeDocOf, type AnalysisReply, type AnalyzeWorkerData } from './analyze-batch.js';

const data = workerData as AnalyzeWorkerData;
const ready = createAnalyzer(data.analyzer);
const space = data.placement ? placementSpaceOf(data.placement) : null;

serveRequests<readonly Doc[], AnalysisReply>(
  async (docs) => {
    const analyses = await (await ready)(docs);
    if (!space) return { analyses };
    return { analyses, placed: placeDocuments(space, docs.map((d, i) => themeDocOf(d, analyses[i]!))) };
  },
  // The vectors are this batch's own buffer: handed over, not copied.
  (reply) => (reply.placed ? [reply.placed.vectors.buffer as ArrayBuffer] : []),
);
