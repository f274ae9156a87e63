// The key a resume point is recorded with: the same inputs read the same way give the same key; anything that could
// move the rows (a file's size, modification time or first bytes, the ingest options, the files' order) changes it,
// and a run then reads its inputs from the start.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputsKey } from '../../src/pipeline/run-resume.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('koe-inputs-key-');

function inputs(dir: string): { file: string; sourceKey: string }[] {
  const a = path.join(dir, 'a.csv');
  const b = path.join(dir, 'b.jsonl');
  if (!fs.existsSync(a)) fs.writeFileSync(a, 'id,text\n1,ログインできません\n2,Please add dark mode\n');
  if (!fs.existsSync(b)) fs.writeFileSync(b, '{"id":"t1","text":"返金をお願いします"}\n');
  return [
    { file: a, sourceKey: 'a.csv' },
    { file: b, sourceKey: 'b.jsonl' },
  ];
}

describe('inputsKey', () => {
  it('is the same for the same files read the same way', () => {
    const dir = tempDir();
    expect(inputsKey(inputs(dir), {})).toBe(inputsKey(inputs(dir), {}));
  });

  it('changes with the ingest options, the order of the files, a file grown, edited in place or touched', () => {
    const dir = tempDir();
    const files = inputs(dir);
    const before = inputsKey(files, {});
    expect(inputsKey(files, { fieldMap: { text: 'body' } })).not.toBe(before);
    expect(inputsKey([...files].reverse(), {})).not.toBe(before);

    const a = files[0]!.file;
    const { mtime } = fs.statSync(a);
    // Same size, same modification time, other words: the hash of the first 64 KiB tells.
    fs.writeFileSync(a, fs.readFileSync(a, 'utf8').replace('dark', 'DARK'));
    fs.utimesSync(a, mtime, mtime);
    const edited = inputsKey(files, {});
    expect(edited).not.toBe(before);
    // A row appended.
    fs.appendFileSync(a, '3,また落ちました\n');
    fs.utimesSync(a, mtime, mtime);
    const grown = inputsKey(files, {});
    expect(grown).not.toBe(edited);
    // Only touched: the modification time says the file may have changed.
    fs.utimesSync(a, mtime, new Date(mtime.getTime() + 5000));
    expect(inputsKey(files, {})).not.toBe(grown);
  });
});
