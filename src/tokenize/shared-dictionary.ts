// One kuromoji dictionary in memory for every thread of the process. The main thread reads the 12 uncompressed
// dictionary files (scripts/build-dictionary.mjs) into SharedArrayBuffers once; worker threads get them in their
// workerData (shared, not copied) and build kuromoji's dictionary objects as views over them. kuromoji itself keeps
// the typed arrays it is given (the trie's BASE/CHECK, ByteBuffers over tid/tid_pos/unk*, the cost matrix), except
// tid_map, which its loader parses into a JS object of ≈ 390,000 arrays per thread: instead, the main thread indexes
// tid_map once into two shared Int32Arrays (CSR: entry ids of trie id t are ids[offsets[t] .. offsets[t + 1]]).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type kuromoji from 'kuromoji';
import { KUROMOJI_DICT_FILES, hasRawDictFiles, rawDictFile } from './dictionary-path.js';

type RawFileName = (typeof KUROMOJI_DICT_FILES)[number];

/** The trie id → token info ids index of tid_map.dat (compressed sparse rows). */
export interface TargetIndex {
  /** Length (highest trie id + 2): entries of trie id t are ids[offsets[t]] … ids[offsets[t + 1] - 1]. */
  offsets: Int32Array;
  /** Token info ids (byte offsets into tid.dat), in tid_map.dat's order. */
  ids: Int32Array;
}

/** What a worker thread receives: plain data, every buffer a SharedArrayBuffer (structured clone shares them). */
export interface SharedDictionary {
  dicPath: string;
  files: Record<RawFileName, SharedArrayBuffer>;
  targetOffsets: SharedArrayBuffer;
  targetIds: SharedArrayBuffer;
}

/** Index a kuromoji target map file (int count, then per key: int key, int n, n × int id; little endian). */
export function indexTargetMap(bytes: Uint8Array, share: boolean): TargetIndex {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // kuromoji's loadTargetMap reads records until the buffer ends, appending a repeated key's ids; trailing zero
  // padding (build-dictionary.mjs writes the builder's whole buffers) reads as keys with no ids.
  const walk = (visit: (key: number, at: number, n: number) => void): void => {
    let p = 4;
    while (p + 8 <= bytes.byteLength) {
      const key = view.getInt32(p, true);
      const n = view.getInt32(p + 4, true);
      visit(key, p + 8, n);
      p += 8 + 4 * n;
    }
  };
  let maxKey = -1;
  let total = 0;
  walk((key, _at, n) => {
    if (n > 0) {
      if (key < 0) throw new Error(`tid_map: negative trie id ${key}`);
      if (key > maxKey) maxKey = key;
      total += n;
    }
  });
  const alloc = (length: number): Int32Array =>
    share ? new Int32Array(new SharedArrayBuffer(length * 4)) : new Int32Array(length);
  const offsets = alloc(maxKey + 2);
  walk((key, _at, n) => {
    if (n > 0) offsets[key + 1]! += n;
  });
  for (let k = 1; k < offsets.length; k++) offsets[k]! += offsets[k - 1]!;
  const ids = alloc(total);
  const fill = offsets.slice(0, Math.max(0, offsets.length - 1));
  walk((key, at, n) => {
    for (let i = 0; i < n; i++) ids[fill[key]!++] = view.getInt32(at + 4 * i, true);
  });
  return { offsets, ids };
}

/** The same index from the target map kuromoji parsed itself (the fallback: kuromoji.builder over .dat.gz). */
export function indexParsedTargetMap(targetMap: Record<number, number[] | undefined>): TargetIndex {
  let maxKey = -1;
  let total = 0;
  for (const key of Object.keys(targetMap)) {
    const k = Number(key);
    const ids = targetMap[k];
    if (ids === undefined || ids.length === 0) continue;
    if (k > maxKey) maxKey = k;
    total += ids.length;
  }
  const offsets = new Int32Array(maxKey + 2);
  const ids = new Int32Array(total);
  let n = 0;
  for (let k = 0; k <= maxKey; k++) {
    offsets[k] = n;
    for (const id of targetMap[k] ?? []) ids[n++] = parseInt(String(id));
  }
  offsets[maxKey + 1] = n;
  return { offsets, ids };
}

function readIntoSharedBuffer(file: string): SharedArrayBuffer {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const shared = new SharedArrayBuffer(size);
    const bytes = new Uint8Array(shared);
    let at = 0;
    while (at < size) {
      const n = fs.readSync(fd, bytes, at, size - at, at);
      if (n === 0) throw new Error(`${file} ended after ${at} of ${size} bytes`);
      at += n;
    }
    return shared;
  } finally {
    fs.closeSync(fd);
  }
}

// One shared copy per dictionary folder per process: read by the main thread, given to worker threads. `users`
// counts the worker pools holding it (a tokenizer of this thread holds it for good: Infinity); a copy nobody holds
// is dropped, so that the memory is freed while no worker runs (the theme step stops them) and read again after.
const sharedByPath = new Map<string, { shared: SharedDictionary; users: number }>();

/** In a worker thread: use the dictionary the main thread read (its workerData) instead of reading the files. */
export function provideSharedDictionary(shared: SharedDictionary): void {
  sharedByPath.set(shared.dicPath, { shared, users: Infinity });
}

/**
 * The dictionary in `dicPath` read into SharedArrayBuffers, once per process; null when the folder has no
 * uncompressed files (kuromoji's bundled .dat.gz: each thread then loads its own through kuromoji.builder).
 * `holder` 'pool' must be given back with releaseSharedDictionary; 'tokenizer' (this thread's) keeps it.
 */
export function loadSharedDictionary(dicPath: string, holder: 'pool' | 'tokenizer' = 'tokenizer'): SharedDictionary | null {
  let entry = sharedByPath.get(dicPath);
  if (!entry) {
    if (!hasRawDictFiles(dicPath)) return null;
    entry = { shared: readSharedDictionary(dicPath), users: 0 };
    sharedByPath.set(dicPath, entry);
  }
  entry.users = holder === 'tokenizer' ? Infinity : entry.users + 1;
  return entry.shared;
}

/** A worker pool is done with its dictionary (its threads have stopped). */
export function releaseSharedDictionary(shared: SharedDictionary): void {
  const entry = sharedByPath.get(shared.dicPath);
  if (entry?.shared !== shared) return;
  entry.users--;
  if (entry.users <= 0) sharedByPath.delete(shared.dicPath);
}

function readSharedDictionary(dicPath: string): SharedDictionary {
  const files = {} as Record<RawFileName, SharedArrayBuffer>;
  for (const f of KUROMOJI_DICT_FILES) files[f] = readIntoSharedBuffer(path.join(dicPath, rawDictFile(f)));
  const index = indexTargetMap(new Uint8Array(files['tid_map.dat.gz']), true);
  return {
    dicPath,
    files,
    targetOffsets: index.offsets.buffer as SharedArrayBuffer,
    targetIds: index.ids.buffer as SharedArrayBuffer,
  };
}

// kuromoji's own parts (the package, last released in 2018, exports only the builder).
interface KuromojiDictionaries {
  loadTrie(base: Int32Array, check: Int32Array): void;
  token_info_dictionary: {
    loadDictionary(bytes: Uint8Array): void;
    loadPosVector(bytes: Uint8Array): void;
    target_map: unknown;
  };
  loadConnectionCosts(costs: Int16Array): void;
  loadUnknownDictionaries(...buffers: [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint32Array, Uint8Array]): void;
}
const kuromojiParts = (() => {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve('kuromoji/package.json'));
  return {
    DynamicDictionaries: require(path.join(root, 'src/dict/DynamicDictionaries.js')) as new () => KuromojiDictionaries,
    Tokenizer: require(path.join(root, 'src/Tokenizer.js')) as new (dic: KuromojiDictionaries) => kuromoji.Tokenizer<kuromoji.IpadicFeatures>,
  };
})();

/**
 * kuromoji's tokenizer over views of the shared buffers (nothing copied), and the shared tid_map index that
 * fast-kuromoji.ts reads. kuromoji's target map (used only when fast-kuromoji hands text back to kuromoji) is a
 * read-only view of the index: target_map[trieId] builds that id's array on demand.
 */
export function tokenizerOverSharedDictionary(shared: SharedDictionary): {
  tokenizer: kuromoji.Tokenizer<kuromoji.IpadicFeatures>;
  targetIndex: TargetIndex;
} {
  const f = shared.files;
  const dic = new kuromojiParts.DynamicDictionaries();
  dic.loadTrie(new Int32Array(f['base.dat.gz']), new Int32Array(f['check.dat.gz']));
  const known = dic.token_info_dictionary;
  known.loadDictionary(new Uint8Array(f['tid.dat.gz']));
  known.loadPosVector(new Uint8Array(f['tid_pos.dat.gz']));
  const targetIndex: TargetIndex = { offsets: new Int32Array(shared.targetOffsets), ids: new Int32Array(shared.targetIds) };
  known.target_map = targetMapView(targetIndex);
  dic.loadConnectionCosts(new Int16Array(f['cc.dat.gz']));
  dic.loadUnknownDictionaries(
    new Uint8Array(f['unk.dat.gz']),
    new Uint8Array(f['unk_pos.dat.gz']),
    new Uint8Array(f['unk_map.dat.gz']),
    new Uint8Array(f['unk_char.dat.gz']),
    new Uint32Array(f['unk_compat.dat.gz']),
    new Uint8Array(f['unk_invoke.dat.gz']),
  );
  return { tokenizer: new kuromojiParts.Tokenizer(dic), targetIndex };
}

/** kuromoji's `target_map[trieId]` (an array of token info ids, or undefined) answered from the index. */
function targetMapView({ offsets, ids }: TargetIndex): Record<number, number[] | undefined> {
  return new Proxy({} as Record<number, number[] | undefined>, {
    get(_target, key) {
      if (typeof key !== 'string') return undefined;
      const t = Number(key);
      if (!Number.isInteger(t) || t < 0 || t + 1 >= offsets.length || offsets[t] === offsets[t + 1]) return undefined;
      return Array.from(ids.subarray(offsets[t], offsets[t + 1]));
    },
  });
}
