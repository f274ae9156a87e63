import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import kuromoji from 'kuromoji';
import { bundledDictPath, defaultDictPath, isCompleteDictDir, rawDictFile, hasRawDictFiles } from './dictionary-path.js';
import { fastKuromoji } from './fast-kuromoji.js';

export type KuromojiTokenizer = kuromoji.Tokenizer<kuromoji.IpadicFeatures>;

export interface TokenizerOptions {
  /** Override the kuromoji dictionary directory (a folder of the 12 .dat.gz files). */
  dicPath?: string;
}

// One tokenizer per dictionary folder per process (≈ 370 MB each); concurrent callers share the in-flight load.
const loading = new Map<string, Promise<KuromojiTokenizer>>();

function load(dicPath: string): Promise<KuromojiTokenizer> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, tokenizer: KuromojiTokenizer): void => {
      if (err) reject(new Error(`could not load the kuromoji dictionary from ${dicPath}: ${err.message}`));
      else resolve(withFastTokenize(tokenizer));
    };
    if (hasRawDictFiles(dicPath)) buildFromRawFiles(dicPath, done);
    else kuromoji.builder({ dicPath }).build(done);
  });
}

// kuromoji's own parts (the package, last released in 2018, exports only the builder): its dictionary loader, whose
// file reading a subclass replaces, and its tokenizer.
type Loader = { load(callback: (err: Error | null, dic: unknown) => void): void };
const kuromojiParts = (() => {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve('kuromoji/package.json'));
  return {
    DictionaryLoader: require(path.join(root, 'src/loader/DictionaryLoader.js')) as new (dicPath: string) => Loader,
    Tokenizer: require(path.join(root, 'src/Tokenizer.js')) as new (dic: unknown) => KuromojiTokenizer,
  };
})();

/**
 * kuromoji's tokenizer over the uncompressed dictionary files that scripts/build-dictionary.mjs writes beside the
 * .dat.gz ones: the same bytes without gunzip, which is most of kuromoji's loading time (541–607 → 264–289 ms per
 * thread, and every worker thread loads its own).
 */
function buildFromRawFiles(dicPath: string, done: (err: Error | null, tokenizer: KuromojiTokenizer) => void): void {
  const { DictionaryLoader, Tokenizer } = kuromojiParts;
  const loader = new DictionaryLoader(dicPath) as Loader & { loadArrayBuffer(file: string, callback: (err: Error | null, buffer?: ArrayBuffer) => void): void };
  loader.loadArrayBuffer = (file, callback) => {
    fs.readFile(rawDictFile(file), (err, buffer) => {
      if (err) return callback(err);
      // The file's own bytes when the Buffer spans its whole ArrayBuffer (large files are not pooled), else a copy.
      const whole = buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength;
      callback(null, (whole ? buffer.buffer : buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength)) as ArrayBuffer);
    });
  };
  loader.load((err, dic) => done(err, err ? (null as unknown as KuromojiTokenizer) : new Tokenizer(dic)));
}

/**
 * kuromoji's tokenizer with tokenize() replaced by fast-kuromoji.ts (the same tokens, about three times faster);
 * kuromoji's own tokenize() stays on the prototype (Object.getPrototypeOf), which the tests compare against.
 */
function withFastTokenize(tokenizer: KuromojiTokenizer): KuromojiTokenizer {
  const fast = fastKuromoji(tokenizer);
  const wrapped = Object.create(tokenizer) as KuromojiTokenizer;
  wrapped.tokenize = (text) => fast.tokenize(text);
  return wrapped;
}

/**
 * The kuromoji tokenizer, loaded once. Without `dicPath`: koe's dictionary (.cache/kuromoji-dict, IPADIC + user
 * words) when built, else kuromoji's bundled IPADIC; if koe's dictionary fails to load, the bundled one is used.
 */
export function getKuromoji(options: TokenizerOptions = {}): Promise<KuromojiTokenizer> {
  const explicit = options.dicPath;
  const key = explicit ?? '<default>';
  let pending = loading.get(key);
  if (!pending) {
    if (explicit !== undefined) {
      pending = isCompleteDictDir(explicit, false)
        ? load(explicit)
        : Promise.reject(new Error(`kuromoji dictionary folder ${explicit} is missing some of its 12 .dat.gz files`));
    } else {
      const { dicPath, withUserWords } = defaultDictPath();
      pending = withUserWords ? load(dicPath).catch(() => load(bundledDictPath())) : load(dicPath);
    }
    // A failed load is not cached, so a later call can retry (e.g. after the dictionary is built).
    pending.catch(() => loading.delete(key));
    loading.set(key, pending);
  }
  return pending;
}
