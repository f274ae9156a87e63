import { fileURLToPath } from 'node:url';
import path from 'node:path';

// This file sits one level below the package root both as src/paths.ts and as dist/paths.js,
// so data shipped beside the code (dictionaries/, src/store/*.sql) resolves the same way in both.
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

export const DICTIONARIES_DIR = path.join(PACKAGE_ROOT, 'dictionaries');

/** A file under dictionaries/. */
export function dictionaryPath(...parts: string[]): string {
  return path.join(DICTIONARIES_DIR, ...parts);
}

/** Built artefacts (the kuromoji dictionary with koe's user words) live in an ignored cache folder. */
export const CACHE_DIR = process.env.KOE_CACHE_DIR ?? path.join(PACKAGE_ROOT, '.cache');
