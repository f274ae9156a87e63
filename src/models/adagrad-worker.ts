// Worker-thread entry for training: runs the AdaGrad jobs it is sent (problems arrive on SharedArrayBuffers, so
// no data is copied) and returns each fit's weights, transferred rather than copied.
import { serveRequests } from '../thread-pool.js';
import { fitAdaGrad, type AdaGradFit, type AdaGradJob } from './linear-classifier.js';

// fitAdaGrad allocates plain ArrayBuffers: they can be handed over.
serveRequests<AdaGradJob, AdaGradFit>(fitAdaGrad, (fit) => [fit.W.buffer as ArrayBuffer, fit.b.buffer as ArrayBuffer]);
