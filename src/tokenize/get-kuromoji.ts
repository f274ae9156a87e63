import kuromoji from 'kuromoji';
import { bundledDictPath, defaultDictPath, isCompleteDictDir } from './dictionary-path.js';
import { fastKuromoji } from './fast-kuromoji.js';
import {
  loadSharedDictionary,
  provideSharedDictionary,
  releaseSharedDictionary,
  tokenizerOverSharedDictionary,
  type SharedDictionary,
  type TargetIndex,
} from './shared-dictionary.js';

export type KuromojiTokenizer = kuromoji.Tokenizer<kuromoji.IpadicFeatures>;

export interface TokenizerOptions {
  /** Override the kuromoji dictionary directory (a folder of the 12 .dat.gz files). */
  dicPath?: string;
}

// One tokenizer per dictionary folder per thread; concurrent callers share the in-flight load. Over koe's built
// dictionary its ≈ 100 MB of dictionary bytes are one copy per process (shared-dictionary.ts).
const loading = new Map<string, Promise<KuromojiTokenizer>>();

/**
 * kuromoji's tokenizer for `dicPath`. Over the uncompressed files that scripts/build-dictionary.mjs writes beside the
 * .dat.gz ones, read once per process into SharedArrayBuffers (shared-dictionary.ts): no gunzip, and worker threads
 * given those buffers (provideSharedDictionary) build theirs over the same memory instead of reading a copy. Without
 * them (kuromoji's bundled .dat.gz), kuromoji's own builder.
 */
function load(dicPath: string): Promise<KuromojiTokenizer> {
  const fail = (err: unknown): Error => new Error(`could not load the kuromoji dictionary from ${dicPath}: ${err instanceof Error ? err.message : String(err)}`);
  try {
    const shared = loadSharedDictionary(dicPath);
    if (shared) {
      const built = tokenizerOverSharedDictionary(shared);
      return Promise.resolve(withFastTokenize(built.tokenizer, built.targetIndex));
    }
  } catch (err) {
    return Promise.reject(fail(err));
  }
  return new Promise((resolve, reject) => {
    kuromoji.builder({ dicPath }).build((err, tokenizer) => (err ? reject(fail(err)) : resolve(withFastTokenize(tokenizer))));
  });
}

/**
 * kuromoji's tokenizer with tokenize() replaced by fast-kuromoji.ts (the same tokens, about three times faster);
 * kuromoji's own tokenize() stays on the prototype (Object.getPrototypeOf), which the tests compare against.
 */
function withFastTokenize(tokenizer: KuromojiTokenizer, targetIndex?: TargetIndex): KuromojiTokenizer {
  const fast = fastKuromoji(tokenizer, targetIndex);
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

/**
 * The default dictionary (as getKuromoji() picks it) read into SharedArrayBuffers once, for a pool's worker threads
 * to build their tokenizers over (provideSharedDictionary); give it back with releaseSharedDictionary when the
 * threads have stopped. Null when it has no uncompressed files (kuromoji's bundled .dat.gz) or they cannot be
 * read: each thread then loads its own, with getKuromoji's fallback.
 */
export function sharedDefaultDictionary(): SharedDictionary | null {
  try {
    return loadSharedDictionary(defaultDictPath().dicPath, 'pool');
  } catch {
    return null;
  }
}

export { provideSharedDictionary, releaseSharedDictionary };
