// koe run's exit codes tell the truth (README "Exit codes"), each case on a real file; and every preset is listed.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { PRESET_NAMES } from '../../src/index.js';
import { captureIo } from './io.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('koe-cli-exit-');
const PRESETS_DIR = path.join(import.meta.dirname, '..', 'ingest', 'fixtures', 'presets');

async function run(args: string[]): Promise<{ code: number; err: string; out: string }> {
  const io = captureIo();
  const code = await main(['run', '--workers', '0', '--no-themes', ...args], io);
  return { code, err: io.err(), out: io.out() };
}

describe('koe run exit codes', () => {
  it('2 when an input has no text column, naming it in one sentence, and nothing is written', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'koe.db');
    fs.writeFileSync(path.join(dir, 'scores.csv'), 'id,score\n1,5\n2,4\n');
    const r = await run(['--db', db, path.join(dir, 'scores.csv')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/scores\.csv:1: no text column \(columns: id, score\).*nothing was written/);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('2 for an .xlsx, with what to do instead', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'export.xlsx'), 'PK\u0003\u0004');
    const r = await run(['--db', path.join(dir, 'koe.db'), path.join(dir, 'export.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Excel workbook (.xlsx) is not a supported format: save it as CSV (UTF-8) or JSON Lines');
  });

  it('2 when every row was rejected, 1 when some were', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'dates.csv'), 'text,created_at\na,someday\nb,yesterday\n');
    const all = await run(['--db', path.join(dir, 'a.db'), path.join(dir, 'dates.csv')]);
    expect(all.code).toBe(2);
    expect(all.err).toContain('every one of the 2 rows was rejected');
    fs.writeFileSync(path.join(dir, 'some.csv'), 'text,created_at\na,someday\nb,2026-11-01\n');
    const some = await run(['--db', path.join(dir, 'b.db'), path.join(dir, 'some.csv')]);
    expect(some.code).toBe(1);
    expect(some.err).toMatch(/read 2 rows — 1 new, 0 updated, 0 unchanged, 1 rejected, 0 duplicates/);
  });

  it('0 with a warning when the inputs hold no rows at all', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'empty'));
    fs.writeFileSync(path.join(dir, 'header-only.csv'), 'id,text\n');
    const r = await run(['--db', path.join(dir, 'koe.db'), path.join(dir, 'empty'), path.join(dir, 'header-only.csv')]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('warning: the inputs hold no rows (1 file(s) read): nothing was stored');
  });

  it('2 for a config file with a misspelled key, naming its path and the key meant', async () => {
    const dir = tempDir();
    const config = path.join(dir, 'koe.config.json');
    fs.writeFileSync(config, JSON.stringify({ ingest: { fieldmap: { text: 'body' } } }));
    const r = await run(['--db', path.join(dir, 'koe.db'), '--config', config, path.join(PRESETS_DIR, 'zendesk.csv')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown key "ingest.fieldmap" — did you mean "ingest.fieldMap"?');
  });

  it('reports duplicate ids with both lines and counts them in the summary', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 't.csv'), 'id,text\nt1,first\nt2,other\nt1,second\n');
    const r = await run(['--db', path.join(dir, 'koe.db'), path.join(dir, 't.csv')]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`duplicate ${path.join(dir, 't.csv')}:2: id "t1" again on line 4; the later row is kept`);
    expect(r.err).toMatch(/read 3 rows — 2 new, 0 updated, 0 unchanged, 0 rejected, 1 duplicates/);
  });

  it('warns when ratings have no scale', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'r.csv'), 'text,rating\ngood,5\n');
    const r = await run(['--db', path.join(dir, 'koe.db'), path.join(dir, 'r.csv')]);
    expect(r.err).toContain('warning: 1 rating(s) have no scale and count in no metric');
  });
});

describe('koe run --preset', () => {
  it('lists every preset in --help', async () => {
    const io = captureIo();
    expect(await main(['run', '--help'], io)).toBe(0);
    for (const name of PRESET_NAMES) expect(io.out()).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  // Each preset on its fixture through the whole command: rows read / stored / rejected as the README lists them.
  const expected: Record<string, { file: string; read: number; stored: number; rejected: number; code: number }> = {
    'google-play': { file: 'google-play.csv', read: 6, stored: 6, rejected: 0, code: 0 },
    'app-store': { file: 'app-store.csv', read: 4, stored: 4, rejected: 0, code: 0 },
    zendesk: { file: 'zendesk.csv', read: 3, stored: 3, rejected: 0, code: 0 },
    intercom: { file: 'intercom.jsonl', read: 3, stored: 3, rejected: 0, code: 0 },
    'ja-survey': { file: 'ja-survey.csv', read: 6, stored: 5, rejected: 1, code: 1 },
  };
  it.each(Object.entries(expected))('%s', async (name, e) => {
    const dir = tempDir();
    const r = await run(['--db', path.join(dir, 'koe.db'), '--preset', name, path.join(PRESETS_DIR, e.file)]);
    expect(r.code).toBe(e.code);
    expect(r.err).toMatch(new RegExp(`read ${e.read} rows — ${e.stored} new, 0 updated, 0 unchanged, ${e.rejected} rejected, 0 duplicates`));
    expect(r.err).not.toContain('warning');
  });
});
