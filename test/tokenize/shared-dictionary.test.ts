import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import kuromoji from 'kuromoji';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listInputFiles, readFeedback } from '../../src/ingest/index.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { spawnWorker } from '../../src/spawn-worker.js';
import { KOE_DICT_DIR, releaseSharedDictionary, sharedDefaultDictionary, type SharedDictionary } from '../../src/tokenize/index.js';
import { indexParsedTargetMap, indexTargetMap, loadSharedDictionary } from '../../src/tokenize/shared-dictionary.js';

// koe's built dictionary (scripts/build-dictionary.mjs, run by `npm test`): read once into SharedArrayBuffers,
// tokenizers in worker threads are built over those same bytes.
type Tokenizer = kuromoji.Tokenizer<kuromoji.IpadicFeatures>;
let kuromojiFromGz: Tokenizer;
beforeAll(async () => {
  kuromojiFromGz = await new Promise<Tokenizer>((resolve, reject) =>
    kuromoji.builder({ dicPath: KOE_DICT_DIR }).build((err, t) => (err ? reject(err) : resolve(t))),
  );
});

/** kuromoji's own parse of a tid_map file: { trie id: token info ids }. */
function kuromojiTargetMap(bytes: Uint8Array): Record<number, number[] | undefined> {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve('kuromoji/package.json'));
  const TokenInfoDictionary = require(path.join(root, 'src/dict/TokenInfoDictionary.js')) as new () => {
    loadTargetMap(b: Uint8Array): void;
    target_map: Record<number, number[] | undefined>;
  };
  const dict = new TokenInfoDictionary();
  dict.loadTargetMap(bytes);
  return dict.target_map;
}

describe('the tid_map index', () => {
  it('holds, for every trie id, the token info ids kuromoji parses from tid_map.dat, in order', () => {
    const bytes = fs.readFileSync(path.join(KOE_DICT_DIR, 'tid_map.dat'));
    const parsed = kuromojiTargetMap(new Uint8Array(bytes));
    const { offsets, ids } = indexTargetMap(new Uint8Array(bytes), false);
    const keys = Object.keys(parsed).map(Number);
    expect(keys.length).toBeGreaterThan(300_000);
    const differing = keys.filter((key) => {
      const want = parsed[key]!;
      const got = ids.subarray(offsets[key], offsets[key + 1]);
      return got.length !== want.length || want.some((id, i) => got[i] !== id);
    });
    expect(differing).toEqual([]);
    let withEntries = 0;
    for (let t = 0; t + 1 < offsets.length; t++) if (offsets[t] !== offsets[t + 1]) withEntries++;
    expect(withEntries).toBe(keys.length);
    // The fallback (kuromoji.builder's parsed map) indexes to the same arrays.
    const fromParsed = indexParsedTargetMap(parsed);
    expect(Buffer.from(fromParsed.offsets.buffer).equals(Buffer.from(offsets.buffer))).toBe(true);
    expect(Buffer.from(fromParsed.ids.buffer).equals(Buffer.from(ids.buffer))).toBe(true);
  });

  it('appends the ids of a key that appears twice, as kuromoji does, and ignores keys without ids', () => {
    const ints = [3, 7, 2, 100, 104, 2, 1, 200, 7, 1, 108, 0, 0];
    const bytes = new Uint8Array(new Int32Array(ints).buffer);
    const parsed = kuromojiTargetMap(bytes);
    const { offsets, ids } = indexTargetMap(bytes, true);
    expect(ids.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(parsed).toEqual({ 2: [200], 7: [100, 104, 108] });
    expect(Array.from(ids.subarray(offsets[7], offsets[8]))).toEqual([100, 104, 108]);
    expect(Array.from(ids.subarray(offsets[2], offsets[3]))).toEqual([200]);
    expect(offsets[0]).toBe(offsets[1]);
  });
});

describe('the shared copy a worker pool holds', () => {
  // Before any tokenizer of this thread holds it (the next describe loads one for good).
  it('is read once while a pool holds it, and dropped when the last pool gives it back', () => {
    const first = sharedDefaultDictionary();
    const second = sharedDefaultDictionary();
    expect(first).not.toBeNull();
    expect(second).toBe(first);
    releaseSharedDictionary(first!);
    expect(sharedDefaultDictionary()).toBe(first); // the second pool still holds it
    releaseSharedDictionary(first!);
    releaseSharedDictionary(first!);
    const again = sharedDefaultDictionary();
    expect(again).not.toBe(first); // read again: the workers were stopped, its memory could go
    releaseSharedDictionary(again!);
  });
});

describe('one dictionary for all threads', () => {
  // A private copy of the process's shared dictionary, so that the test may write into its padding.
  let shared: SharedDictionary;
  let worker: Worker;
  const ask = (q: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.postMessage(q);
    });

  beforeAll(async () => {
    const original = sharedDefaultDictionary();
    if (!original) throw new Error(`koe's dictionary is not built in ${KOE_DICT_DIR} (node scripts/build-dictionary.mjs)`);
    expect(loadSharedDictionary(KOE_DICT_DIR)).toBe(original); // read once per process
    const copy = (b: SharedArrayBuffer): SharedArrayBuffer => {
      const c = new SharedArrayBuffer(b.byteLength);
      new Uint8Array(c).set(new Uint8Array(b));
      return c;
    };
    shared = {
      dicPath: original.dicPath,
      files: Object.fromEntries(Object.entries(original.files).map(([f, b]) => [f, copy(b)])) as SharedDictionary['files'],
      targetOffsets: copy(original.targetOffsets),
      targetIds: copy(original.targetIds),
    };
    worker = spawnWorker(import.meta.url, 'fixtures/shared-dictionary-worker', shared);
    await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  }, 60_000);
  afterAll(async () => {
    await worker?.terminate();
  });

  it('builds the worker’s kuromoji over SharedArrayBuffers', async () => {
    expect(await ask({ ask: 'buffers' })).toEqual({
      trieBase: true,
      trieCheck: true,
      tokenInfo: true,
      features: true,
      connectionCosts: true,
      unknownInfo: true,
      unknownFeatures: true,
    });
  });

  it('reads the very bytes the main thread holds (a byte written here is seen there)', async () => {
    const features = new Uint8Array(shared.files['tid_pos.dat.gz']);
    const last = features.length - 1;
    expect(features[last]).toBe(0); // the builder's zero padding, read by no entry
    expect(await ask({ ask: 'last feature byte' })).toBe(0);
    features[last] = 0x5a;
    expect(await ask({ ask: 'last feature byte' })).toBe(0x5a);
    features[last] = 0;
  });

  it('gives the tokens kuromoji gives from the .dat.gz files, in the worker thread', async () => {
    const texts = [
      'ログイン画面が表示されない。アプリを再起動しても、直りません。',
      '置き配にしたのに二段階認証のSMSが届かず、受け取れませんでした😢',
      'カスタマーサクセスチームのオンボーディングが最高 iPhone 15 Pro ｶﾀｶﾅ  です',
      '𠮷野家の牛丼',
      'これは\uD800です',
    ];
    for await (const item of readFeedback(listInputFiles([path.join(PACKAGE_ROOT, 'data')]))) {
      if (item.ok) texts.push(item.row.text);
      if (texts.length >= 400) break;
    }
    const fromWorker = (await ask({ ask: 'tokenize', texts })) as (kuromoji.IpadicFeatures[] | 'threw')[];
    expect(texts.length).toBeGreaterThan(300);
    texts.forEach((t, i) => {
      const expected = (() => {
        try {
          return kuromojiFromGz.tokenize(t);
        } catch {
          return 'threw'; // on an unpaired high surrogate
        }
      })();
      expect(fromWorker[i], t).toEqual(expected);
    });
  });
});
