import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IngestFatalError, listInputFiles } from '../../src/ingest/index.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-list-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function touch(rel: string): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '');
  return file;
}

describe('listInputFiles', () => {
  it('expands directories recursively to supported files, sorted; keeps explicit files; no duplicates', () => {
    const b = touch('in/b.csv');
    const a = touch('in/a.JSONL');
    const nested = touch('in/sub/c.tsv');
    touch('in/notes.txt');
    touch('in/.hidden.csv');
    const explicit = touch('export.dat');
    expect(listInputFiles([path.join(root, 'in'), explicit, b])).toEqual([a, b, nested, explicit]);
  });

  it('throws IngestFatalError naming a missing path', () => {
    const missing = path.join(root, 'missing.csv');
    expect(() => listInputFiles([missing])).toThrow(IngestFatalError);
    expect(() => listInputFiles([missing])).toThrow(missing);
  });
});
