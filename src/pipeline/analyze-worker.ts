// Worker-thread entry: builds an analyzer once, then analyzes the batches it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { createAnalyzer, type AnalyzerConfig } from './analyze-batch.js';
import type { Doc } from '../types.js';

interface BatchMessage {
  seq: number;
  docs: Doc[];
}

const port = parentPort;
if (!port) throw new Error('analyze-worker must run in a worker thread');

const ready = createAnalyzer(workerData as AnalyzerConfig);

port.on('message', (msg: BatchMessage) => {
  ready
    .then((analyze) => analyze(msg.docs))
    .then((results) => port.postMessage({ seq: msg.seq, results }))
    .catch((err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err));
      port.postMessage({ seq: msg.seq, error: e.stack ?? e.message });
    });
});
