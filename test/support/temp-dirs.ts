import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** A maker of temporary directories for one test file, all removed after its tests. Call at module level. */
export function useTempDirs(prefix: string): () => string {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
}

/** Built by scripts/build-tiny-model.py from synthetic sentences (2 layers, hidden 32, labels NEGATIVE/POSITIVE). */
export const TINY_MODEL = path.join(import.meta.dirname, '..', 'fixtures', 'tiny-model');
