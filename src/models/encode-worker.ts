// Worker-thread entry for `koe train --encoder`: loads the sentence encoder named in workerData once, then encodes
// the chunks of documents it is sent (or answers with the encoder's reference, to record in the model).
import { workerData } from 'node:worker_threads';
import type { Lang } from '../types.js';
import { serveRequests } from '../thread-pool.js';
import { encodeDocs, encoderRef, loadSentenceEncoder, type SentenceEncoderRef } from './sentence-encoder.js';

export type EncodeRequest = { ref: true } | { docs: { text: string; lang: Lang }[] };
export type EncodeReply = SentenceEncoderRef | Float32Array[];

const ready = loadSentenceEncoder(workerData as string);
serveRequests<EncodeRequest, EncodeReply>(async (request) => {
  const encoder = await ready;
  return 'ref' in request ? encoderRef(encoder) : encodeDocs(encoder, request.docs);
});
