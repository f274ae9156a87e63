import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CACHE_DIR } from '../paths.js';

/** The files kuromoji's NodeDictionaryLoader reads (scripts/build-dictionary.mjs writes the same list). */
export const KUROMOJI_DICT_FILES = [
  'base.dat.gz', 'check.dat.gz', 'tid.dat.gz', 'tid_pos.dat.gz', 'tid_map.dat.gz', 'cc.dat.gz',
  'unk.dat.gz', 'unk_pos.dat.gz', 'unk_map.dat.gz', 'unk_char.dat.gz', 'unk_compat.dat.gz', 'unk_invoke.dat.gz',
] as const;

/** Written last by the build script: its presence means the folder is complete. */
export const KOE_DICT_STAMP = 'koe-dict.stamp.json';

/** Where scripts/build-dictionary.mjs puts IPADIC + koe's user words. */
export const KOE_DICT_DIR = path.join(CACHE_DIR, 'kuromoji-dict');

/** kuromoji's bundled IPADIC (no koe user words). */
export function bundledDictPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('kuromoji/package.json')), 'dict');
}

/** The uncompressed file beside a kuromoji .dat.gz file (written by scripts/build-dictionary.mjs). */
export function rawDictFile(gzFile: string): string {
  return gzFile.replace(/\.gz$/, '');
}

/** Whether `dir` holds all 12 dictionary files uncompressed too (read without gunzip: get-kuromoji.ts). */
export function hasRawDictFiles(dir: string): boolean {
  return KUROMOJI_DICT_FILES.every((f) => fs.existsSync(path.join(dir, rawDictFile(f))));
}

export function isCompleteDictDir(dir: string, requireStamp: boolean): boolean {
  if (requireStamp && !fs.existsSync(path.join(dir, KOE_DICT_STAMP))) return false;
  return KUROMOJI_DICT_FILES.every((f) => fs.existsSync(path.join(dir, f)));
}

/**
 * The dictionary getKuromoji() loads when no dicPath is given: koe's built dictionary when it is complete,
 * else kuromoji's bundled IPADIC (then user words such as 置き配 or 二段階認証 split into parts; run
 * `node scripts/build-dictionary.mjs` to build it).
 */
export function defaultDictPath(): { dicPath: string; withUserWords: boolean } {
  if (isCompleteDictDir(KOE_DICT_DIR, true)) return { dicPath: KOE_DICT_DIR, withUserWords: true };
  return { dicPath: bundledDictPath(), withUserWords: false };
}
