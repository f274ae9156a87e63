// Themes stay stable across runs, so a koe whose concept dictionary changed keeps the themes it found before until
// the user rebuilds them: `koe run` says so (and why), and `koe themes rebuild` finds them again with the current one.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo } from './io.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('koe-dictionary-change-');
const FIXTURE = path.join(import.meta.dirname, '..', 'pipeline', 'fixtures', 'mixed-feedback.jsonl');

/** `koe run --json` over `inputs`: the run's summary and what it wrote on stderr. */
async function koeRun(db: string, inputs: string[]): Promise<{ themes: { mode: string; conceptDictionaryChanged?: boolean }; err: string }> {
  const io = captureIo();
  expect(await main(['run', '--db', db, '--workers', '0', '--json', ...inputs], io)).toBe(0);
  return { themes: (JSON.parse(io.out()) as { themes: { mode: string; conceptDictionaryChanged?: boolean } }).themes, err: io.err() };
}

/** `koe stats`: its table and its JSON. */
async function koeStats(db: string): Promise<{ table: string; predates: boolean }> {
  const table = captureIo();
  expect(await main(['stats', '--db', db], table)).toBe(0);
  const json = captureIo();
  expect(await main(['stats', '--db', db, '--format', 'json'], json)).toBe(0);
  return { table: table.out(), predates: (JSON.parse(json.out()) as { themesPredateDictionary: boolean }).themesPredateDictionary };
}

/** A JSONL file of one new document. */
function oneMore(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify({ id: name, text, created_at: '2026-11-02T09:00:00Z' }) + '\n');
  return file;
}

describe('koe run after the concept dictionary changed', () => {
  it('keeps the themes, says (run and stats) a rebuild would read them with the new dictionary, and is quiet after it', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'koe.db');
    const first = await koeRun(db, [FIXTURE]);
    expect(first.themes.conceptDictionaryChanged).toBeUndefined();

    // The same space, as if fitted by an earlier koe with another dictionary.
    const d = new Database(db);
    d.prepare("UPDATE theme_models SET params = json_set(params, '$.dictionaryVersion', 'an-earlier-dictionary')").run();
    d.close();

    const second = await koeRun(db, [FIXTURE, oneMore(dir, 'a.jsonl', '配達が早くて助かりました。')]);
    expect(second.themes.mode).toBe('incremental');
    expect(second.themes.conceptDictionaryChanged).toBe(true);
    expect(second.err).toContain('older concept dictionary');
    expect(second.err).toContain(`koe themes rebuild --db ${db}`);
    const before = await koeStats(db);
    expect(before.predates).toBe(true);
    expect(before.table).toContain('found with an older concept dictionary');

    const io = captureIo();
    expect(await main(['themes', 'rebuild', '--db', db], io)).toBe(0);

    const third = await koeRun(db, [FIXTURE, oneMore(dir, 'a.jsonl', '配達が早くて助かりました。'), oneMore(dir, 'b.jsonl', 'Fast delivery, thank you!')]);
    expect(third.themes.mode).toBe('incremental');
    expect(third.themes.conceptDictionaryChanged).toBeUndefined();
    expect(third.err).not.toContain('older concept dictionary');
    const after = await koeStats(db);
    expect(after.predates).toBe(false);
    expect(after.table).not.toContain('older concept dictionary');
  });
});
