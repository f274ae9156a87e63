// Worker-thread entry for training: runs the AdaGrad jobs it is sent (problems arrive on SharedArrayBuffers, so
// no data is copied) and returns each fit's weights, transferred rather than copied.
import { parentPort } from 'node:worker_threads';
import { fitAdaGrad, type AdaGradJob } from './linear-classifier.js';

const port = parentPort;
if (!port) throw new Error('adagrad-worker must run in a worker thread');

port.on('message', (msg: { seq: number; job: AdaGradJob }) => {
  try {
    const fit = fitAdaGrad(msg.job);
    // fitAdaGrad allocates plain ArrayBuffers: they can be handed over.
    port.postMessage({ seq: msg.seq, fit }, [fit.W.buffer as ArrayBuffer, fit.b.buffer as ArrayBuffer]);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    port.postMessage({ seq: msg.seq, error: e.stack ?? e.message });
  }
});
