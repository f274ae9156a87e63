// Opening a database that cannot be used says which file and what to do: a folder that does not exist, a file
// damaged (cut short, as by a disk that filled or a copy that stopped); and how far a run lets the WAL grow before
// SQLite copies it back (paceCheckpoints); where a run keeps its statement journals (keepTempInMemory). Real SQLite
// files.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runKoe, runKoeOn } from '../../src/pipeline/run-koe.js';
import { DatabaseCheckError } from '../../src/store/check-database.js';
import { checkpointPages, keepTempInMemory, openStore, paceCheckpoints, type Db } from '../../src/store/open-store.js';
import { captureIo } from '../cli/io.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('koe-open-');

describe('openStore', () => {
  it('names the folder that does not exist instead of creating nothing', () => {
    const db = path.join(tempDir(), 'no-such-folder', 'koe.db');
    expect(() => openStore(db)).toThrow(new DatabaseCheckError(`cannot create ${db}: the folder ${path.dirname(db)} does not exist`));
  });

  it('says a damaged file is damaged and how to get back what it holds, for readers and writers alike', async () => {
    const dir = tempDir();
    const good = path.join(dir, 'good.db');
    const input = path.join(dir, 'feedback.jsonl');
    fs.writeFileSync(input, Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: `d${i}`, text: `配送が遅いです、まだ届きません (${i})` })).join('\n') + '\n');
    await runKoe({ db: good, inputs: [input], config: { workers: 0, skipThemes: true } });
    const bad = path.join(dir, 'bad.db');
    fs.writeFileSync(bad, fs.readFileSync(good).subarray(0, 64 * 1024)); // cut short: its schema points at pages it lacks
    for (const readonly of [true, false]) {
      expect(() => openStore(bad, { readonly })).toThrow(/bad\.db is damaged \(SQLite: database disk image is malformed\): restore it from a backup; sqlite3's "\.recover" command may save what is left of it/);
    }
    const io = captureIo();
    expect(await main(['stats', '--db', bad], io)).toBe(2);
    expect(io.err()).toMatch(/^koe stats: .*bad\.db is damaged/);
  }, 60_000);
});

describe('paceCheckpoints', () => {
  it('lets the WAL grow to a tenth of the database, from SQLite\'s 1,000 pages up to the 64 MiB it is cut back to', () => {
    expect(checkpointPages(50, 4096)).toBe(1000); // a new database: SQLite's default
    expect(checkpointPages(10_000, 4096)).toBe(1000);
    expect(checkpointPages(45_000, 4096)).toBe(4500); // 100,000 short reviews: ≈ 180 MB
    expect(checkpointPages(470_000, 4096)).toBe(16_384); // a million: capped at 64 MiB of 4 KiB pages
    expect(checkpointPages(470_000, 65_536)).toBe(1024);
  });

  it('sets the connection\'s wal_autocheckpoint from the file it has open, again as it grows', () => {
    const store = openStore(path.join(tempDir(), 'koe.db'));
    try {
      const { db } = store;
      expect(paceCheckpoints(db)).toBe(1000);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      db.exec('CREATE TABLE filler (b BLOB)');
      const fill = db.prepare('INSERT INTO filler VALUES (zeroblob(4000))');
      db.transaction(() => {
        for (let i = 0; i < 20_000; i++) fill.run();
      })();
      const pages = db.pragma('page_count', { simple: true }) as number;
      expect(pages).toBeGreaterThan(20_000);
      expect(paceCheckpoints(db)).toBe(Math.round(pages / 10));
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(Math.round(pages / 10));
    } finally {
      store.close();
    }
  });
});

describe('keepTempInMemory', () => {
  const TEMP_STORE = { default: 0, memory: 2 };
  const tempStore = (db: Db): number => db.pragma('temp_store', { simple: true }) as number;
  /** A store of its own and 400 short ja/en feedback rows to run koe on. */
  const withFeedbackStore = async (test: (db: Db, input: string) => Promise<void> | void): Promise<void> => {
    const dir = tempDir();
    const input = path.join(dir, 'feedback.jsonl');
    const texts = ['配送が遅いです、まだ届きません', 'The app crashes when I pay', '返品の手続きが分かりにくい', 'Please add dark mode'];
    fs.writeFileSync(input, Array.from({ length: 400 }, (_, i) => JSON.stringify({ id: `d${i}`, text: `${texts[i % 4]} (${i})` })).join('\n') + '\n');
    const store = openStore(path.join(dir, 'koe.db'));
    try {
      await test(store.db, input);
    } finally {
      store.close();
    }
  };

  it('switches the connection between memory and files, never inside a transaction', () =>
    withFeedbackStore((db) => {
      expect(tempStore(db)).toBe(TEMP_STORE.default);
      expect(keepTempInMemory(db, true)).toBe(true);
      expect(tempStore(db)).toBe(TEMP_STORE.memory);
      db.exec('BEGIN');
      expect(keepTempInMemory(db, false)).toBe(false); // SQLite would refuse: nothing changes
      expect(tempStore(db)).toBe(TEMP_STORE.memory);
      db.exec('COMMIT');
      expect(keepTempInMemory(db, false)).toBe(true);
      expect(tempStore(db)).toBe(TEMP_STORE.default);
    }));

  it('is on while koe run writes its batches, off for its theme step and after it', () =>
    withFeedbackStore(async (db, input) => {
      const seen: { batches: number[]; themes: number[] } = { batches: [], themes: [] };
      const summary = await runKoeOn(db, {
        inputs: [input],
        config: { workers: 0, batchSize: 100 },
        onProgress: () => seen.batches.push(tempStore(db)),
        onPhase: (phase) => {
          if (phase === 'themes') seen.themes.push(tempStore(db));
        },
      });
      expect(summary.inserted).toBe(400);
      expect(summary.analyzed).toBe(400);
      expect(seen.batches).toEqual(Array(4).fill(TEMP_STORE.memory));
      expect(seen.themes).toEqual([TEMP_STORE.default]);
      expect(tempStore(db)).toBe(TEMP_STORE.default);
      expect(db.prepare('SELECT count(*) FROM analyses').pluck().get()).toBe(400);
    }), 60_000);

  it('leaves a --strict run\'s one transaction as SQLite has it: nothing to switch inside it', () =>
    withFeedbackStore(async (db, input) => {
      const seen: number[] = [];
      const summary = await runKoeOn(db, {
        inputs: [input],
        config: { workers: 0, batchSize: 100, strict: true, skipThemes: true },
        onProgress: () => seen.push(tempStore(db)),
      });
      expect(summary.inserted).toBe(400);
      expect(seen).toEqual(Array(4).fill(TEMP_STORE.default));
      expect(tempStore(db)).toBe(TEMP_STORE.default);
    }), 60_000);
});
