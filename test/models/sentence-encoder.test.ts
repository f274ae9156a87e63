import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeDocs, encoderRef, loadModelEncoder, loadSentenceEncoder, SentenceEncoderError } from '../../src/models/sentence-encoder.js';
import { ModelDirectoryError } from '../../src/models/transformer.js';
import { TINY_MODEL, useTempDirs } from '../support/temp-dirs.js';

const tmpDir = useTempDirs('koe-encoder-');

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(na * nb);
}

describe('use-lite-en (Universal Sentence Encoder lite, from its npm package)', () => {
  it('encodes each text as 512 numbers, in input order, with paraphrases closer than other topics', async () => {
    const encoder = await loadSentenceEncoder('use-lite-en');
    expect(encoder).toMatchObject({ name: 'use-lite-en', dims: 512, langs: ['en'] });
    expect(encoder.id).toMatch(/^use-lite-en@\d+\.\d+\.\d+$/);
    const [late, delayed, darkMode, empty] = await encoder.encode([
      'My parcel arrived three days late.',
      'The delivery was delayed by several days.',
      'Please add a dark mode to the app.',
      '',
    ]);
    for (const v of [late, delayed, darkMode, empty]) expect(v).toHaveLength(512);
    expect(cosine(late!, delayed!)).toBeGreaterThan(cosine(late!, darkMode!) + 0.2);
    // The same text gives the same vector whatever batch it is in.
    const [alone] = await encoder.encode(['Please add a dark mode to the app.']);
    expect(cosine(alone!, darkMode!)).toBeCloseTo(1, 4);
    expect(await encoder.encode([])).toEqual([]);
  });

  it('is loaded once, and answers a repeated batch from memory', async () => {
    const a = await loadSentenceEncoder('use-lite-en');
    expect(await loadSentenceEncoder('use-lite-en')).toBe(a);
    const texts = ['refund still not received', 'great support'];
    expect(a.encode([...texts])).toBe(a.encode([...texts]));
  });
});

describe('a local transformers.js model directory as encoder', () => {
  it('takes its dimension count from the model and its id from the directory contents', async () => {
    const encoder = await loadSentenceEncoder(TINY_MODEL);
    expect(encoder.name).toBe(TINY_MODEL);
    expect(encoder.id).toMatch(/^dir:[0-9a-f]{16}$/);
    const vectors = await encoder.encode(['the app crashes', 'とても良い']);
    expect(vectors.map((v) => v.length)).toEqual([encoder.dims, encoder.dims]);
    expect(encoder.dims).toBeGreaterThan(0);
  });

  it('names the directory and what is missing when it is not a model', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'config.json'), '{}');
    await expect(loadSentenceEncoder(dir)).rejects.toThrow(ModelDirectoryError);
    await expect(loadSentenceEncoder(dir)).rejects.toThrow(/is missing tokenizer\.json/);
    await expect(loadSentenceEncoder(path.join(dir, 'nowhere'))).rejects.toThrow(/does not exist/);
  });
});

describe('encodeDocs', () => {
  it('sends only documents in the encoder\'s languages, and gives the others all zeros, in order', async () => {
    const inner = await loadSentenceEncoder('use-lite-en');
    const sent: string[] = [];
    const encoder = { ...inner, encode: (texts: readonly string[]) => (sent.push(...texts), inner.encode(texts)) };
    const vectors = await encodeDocs(encoder, [
      { text: 'The app crashes on login.', lang: 'en' },
      { text: 'ログインできません。', lang: 'ja' },
      { text: 'Checkout is slow.', lang: 'en' },
    ]);
    expect(sent).toEqual(['The app crashes on login.', 'Checkout is slow.']);
    expect(vectors.map((v) => v.length)).toEqual([512, 512, 512]);
    expect(vectors[1]!.every((x) => x === 0)).toBe(true);
    expect(vectors[0]!.some((x) => x !== 0) && vectors[2]!.some((x) => x !== 0)).toBe(true);
  });
});

describe('loadModelEncoder', () => {
  it('gives the encoder a model was trained with, and refuses one whose weights changed', async () => {
    const encoder = await loadSentenceEncoder('use-lite-en');
    const ref = encoderRef(encoder);
    expect((await loadModelEncoder(ref, 'sentiment model v2')).id).toBe(encoder.id);
    const stale = { ...ref, id: 'use-lite-en@0.0.1' };
    await expect(loadModelEncoder(stale, 'sentiment model v2')).rejects.toThrow(SentenceEncoderError);
    await expect(loadModelEncoder(stale, 'sentiment model v2')).rejects.toThrow(/sentiment model v2 was trained with .*use-lite-en@0\.0\.1.*retrain/);
  });
});
