// Encoding for training on every core: a sentence encoder loaded in each of a few worker threads, fed chunks of
// documents side by side (about 11 ms per English document for use-lite-en on one thread).
import type { Lang } from '../types.js';
import { createThreadPool } from '../thread-pool.js';
import type { EncodeReply, EncodeRequest } from './encode-worker.js';
import type { SentenceEncoderRef } from './sentence-encoder.js';

export interface EncodingThreads {
  readonly size: number;
  /** The encoder's reference (name, id, dims, langs), as `encoderRef` gives it. */
  ref(): Promise<SentenceEncoderRef>;
  /** One vector per document, in order; documents in languages the encoder does not cover get zeros. */
  encode(docs: readonly { text: string; lang: Lang }[]): Promise<Float32Array[]>;
  close(): Promise<void>;
}

/** `size` worker threads, each loading the encoder `name` (a built-in name or a model directory). */
export function createEncodingThreads(name: string, size: number): EncodingThreads {
  const pool = createThreadPool<EncodeRequest, EncodeReply>(import.meta.url, 'encode-worker', name, size, 'sentence encoding');
  return {
    size,
    ref: async () => (await pool.run({ ref: true })) as SentenceEncoderRef,
    encode: async (docs) => (await pool.run({ docs: docs.map((d) => ({ text: d.text, lang: d.lang })) })) as Float32Array[],
    close: () => pool.close(),
  };
}
