import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { csvLine, neutraliseFormula } from '../../src/cli/format.js';
import { runKoe } from '../../src/pipeline/run-koe.js';
import { captureIo } from './io.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('koe-safe-');

/** A small koe database whose texts, channel and product begin like spreadsheet formulas. */
async function formulaDatabase(): Promise<{ dir: string; db: string }> {
  const dir = tempDir();
  const input = path.join(dir, 'feedback.jsonl');
  const rows = [
    { id: 'f1', text: '=HYPERLINK("http://evil.example/x","click") アプリが落ちます', channel: '+app', product: '@shop' },
    { id: 'f2', text: '-2 stars, delivery was late', channel: 'web', product: '-' },
    { id: 'f3', text: '配送が遅いです。梱包も雑でした。', channel: 'メール', product: 'ポイント' },
  ];
  fs.writeFileSync(input, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const db = path.join(dir, 'koe.db');
  await runKoe({ db, inputs: [input], config: { workers: 0, skipThemes: true } });
  return { dir, db };
}

async function koe(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('CSV cells that a spreadsheet would run', () => {
  const cases: [comment: string, cell: string, expected: string][] = [
    ['a formula', '=1+1', "'=1+1"],
    ['plus', '+81 is Japan', "'+81 is Japan"],
    ['minus', '-2 stars', "'-2 stars"],
    ['at sign', '@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['tab first', '\t=1', "'\t=1"],
    ['carriage return first', '\r=1', "'\r=1"],
    ['spaces before a formula', '  =1', "'  =1"],
    ['ordinary text', 'アプリが落ちます', 'アプリが落ちます'],
    ['a formula sign later in the text', 'a=b', 'a=b'],
  ];
  for (const [comment, cell, expected] of cases) {
    it(comment, () => expect(neutraliseFormula(cell)).toBe(expected));
  }

  it('every CSV koe writes (export, query, trends, metrics) goes through csvLine: text neutralised, numbers kept, raw on request', () => {
    expect(csvLine(['=1+1', -0.5, '@x', 'ok'])).toBe("'=1+1,-0.5,'@x,ok\r\n");
    expect(csvLine(['=1+1', -0.5], { raw: true })).toBe('=1+1,-0.5\r\n');
  });

  it('koe export --format csv: no cell starts a formula, a UTF-8 BOM first; --raw leaves cells as stored; JSONL untouched', async () => {
    const { dir, db } = await formulaDatabase();
    const csv = path.join(dir, 'out.csv');
    expect((await koe('export', '--db', db, '--format', 'csv', '--out', csv)).code).toBe(0);
    const bytes = fs.readFileSync(csv);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    const text = bytes.toString('utf8').slice(1);
    const cells = text.split(/,|\r\n/).map((c) => c.replace(/^"/, ''));
    // Numbers stay numbers (a negative sentiment score); no text cell may start a formula.
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-\d+(?:\.\d+)?$/.test(c))).toEqual([]);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/x""`);
    expect(text).toContain("'+app");
    expect(text).toContain('-0.'); // a negative score is a number, not neutralised

    const raw = path.join(dir, 'raw.csv');
    expect((await koe('export', '--db', db, '--format', 'csv', '--raw', '--out', raw)).code).toBe(0);
    expect(fs.readFileSync(raw, 'utf8')).toContain(',+app,');

    const jsonl = (await koe('export', '--db', db)).out;
    expect(jsonl).toContain('"text":"=HYPERLINK(');
    expect((await koe('export', '--db', db, '--raw')).code).toBe(2); // --raw is for CSV
  }, 60_000);

  it('--excel writes Shift_JIS without a BOM', async () => {
    const { dir, db } = await formulaDatabase();
    const out = path.join(dir, 'sjis.csv');
    expect((await koe('export', '--db', db, '--format', 'csv', '--excel', '--out', out)).code).toBe(0);
    const bytes = fs.readFileSync(out);
    expect(bytes[0]).not.toBe(0xef);
    expect(iconv.decode(bytes, 'shift_jis')).toContain('配送が遅いです');
    expect(bytes.toString('utf8')).not.toContain('配送が遅いです');
  }, 60_000);
});

describe('the database is checked before it is written', () => {
  it('refuses a SQLite file that is not a koe database, and leaves it as it was', async () => {
    const dir = tempDir();
    const foreign = path.join(dir, 'foreign.sqlite');
    const other = new Database(foreign);
    other.exec('CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES (\'x\')');
    other.close();
    const bytes = fs.readFileSync(foreign);
    for (const argv of [['themes', '--db', foreign], ['themes', 'rebuild', '--db', foreign], ['stats', '--db', foreign]]) {
      const result = await koe(...argv);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/is a SQLite database but not a koe database \(it has tables customers\)/);
      expect(result.err).not.toMatch(/\n\s+at /); // no stack trace
    }
    const input = path.join(dir, 'in.jsonl');
    fs.writeFileSync(input, '{"text":"hello there"}\n');
    expect((await koe('run', '--db', foreign, input)).code).toBe(2);
    expect(fs.readFileSync(foreign).equals(bytes)).toBe(true);
    expect(fs.existsSync(foreign + '-wal')).toBe(false);
  });

  it('refuses a file that is not SQLite at all, and a koe database written by a newer koe', async () => {
    const dir = tempDir();
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'just some notes, not a database at all');
    const input = path.join(dir, 'in.jsonl');
    fs.writeFileSync(input, '{"text":"hello there"}\n');
    const r1 = await koe('run', '--db', notes, input);
    expect(r1.code).toBe(2);
    expect(r1.err).toMatch(/is not a SQLite database/);

    const db = path.join(dir, 'koe.db');
    await runKoe({ db, inputs: [input], config: { workers: 0, skipThemes: true } });
    const d = new Database(db);
    d.prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, '999-from-the-future', 'x')`).run();
    d.close();
    const r2 = await koe('run', '--db', db, input);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/written by a newer koe \(migration 999-from-the-future/);
  });

  it('a read-only command does not change the database file', async () => {
    const { dir, db } = await formulaDatabase();
    const before = fs.readFileSync(db);
    for (const argv of [['themes', '--db', db], ['stats', '--db', db], ['export', '--db', db], ['report', '--db', db, '--out', path.join(dir, 'r.html')]]) {
      expect((await koe(...argv)).code).toBe(0);
    }
    expect(fs.readFileSync(db).equals(before)).toBe(true);
    expect(fs.existsSync(db + '-wal') ? fs.statSync(db + '-wal').size : 0).toBe(0);
  }, 60_000);
});

describe('--out', () => {
  it('is never the database or its -wal / -shm, for export and report', async () => {
    const { db } = await formulaDatabase();
    const bytes = fs.readFileSync(db);
    for (const out of [db, `${db}-wal`, `${db}-shm`, path.join(path.dirname(db), '.', 'koe.db')]) {
      for (const argv of [['export', '--db', db, '--out', out], ['export', '--db', db, '--format', 'csv', '--out', out], ['report', '--db', db, '--out', out]]) {
        const result = await koe(...argv);
        expect(result.code).toBe(2);
        expect(result.err).toMatch(/is the database \(or its -wal\/-shm file\)/);
      }
    }
    expect(fs.readFileSync(db).equals(bytes)).toBe(true);
  }, 60_000);

  it('a missing folder or an unwritable path exits 2 with one sentence and no stack', async () => {
    const { dir, db } = await formulaDatabase();
    const missing = path.join(dir, 'no-such-folder', 'out.csv');
    for (const argv of [['export', '--db', db, '--out', missing], ['report', '--db', db, '--out', missing]]) {
      const result = await koe(...argv);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/cannot write --out .*: the folder .* does not exist/);
      expect(result.err.trim().split('\n')).toHaveLength(1); // one sentence, no stack, no usage hint
      expect(result.err).not.toMatch(/ENOENT/);
    }
    const folder = path.join(dir, 'a-folder');
    fs.mkdirSync(folder);
    const result = await koe('export', '--db', db, '--out', folder);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/it is a folder/);
  }, 60_000);
});
