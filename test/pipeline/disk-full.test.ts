// A run that meets a full disk (SQLite's SQLITE_FULL, here from PRAGMA max_page_count on the run's own connection):
// it says so, names the database and what to do; the batches it committed stay, and the same command with room
// finishes the work. Real SQLite file, real kuromoji.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunFailedError, runKoe, runKoeOn } from '../../src/pipeline/run-koe.js';
import { openStore } from '../../src/store/open-store.js';
import { RECURRING_OPENINGS as OPENINGS } from '../support/killed-run.js';
import { readDb } from '../support/read-db.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('koe-disk-full-');
const CONFIG = { workers: 0, batchSize: 20, skipThemes: true };

describe('a run on a full disk', () => {
  it('names the database and what to do, keeps its committed batches, and the same command with room finishes', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'koe.db');
    const input = path.join(dir, 'feedback.jsonl');
    fs.writeFileSync(input, Array.from({ length: 400 }, (_, i) => JSON.stringify({ id: `f${i}`, text: `${OPENINGS[i % OPENINGS.length]!} (${i})` })).join('\n') + '\n');
    openStore(db).close(); // an empty koe database

    const store = openStore(db);
    let failure: unknown;
    try {
      const pages = store.db.pragma('page_count', { simple: true }) as number;
      store.db.pragma(`max_page_count = ${pages + 60}`); // room for a few batches, not for 400 documents
      await runKoeOn(store.db, { inputs: [input], config: CONFIG }).catch((err: unknown) => (failure = err));
    } finally {
      store.close();
    }
    expect(failure).toBeInstanceOf(RunFailedError);
    const message = (failure as Error).message;
    expect(message).toContain(`(writing ${db}: the disk is full)`);
    const committed = Number(/the (\d+) batch\(es\) committed before it are kept: make room and run the same command again to finish/.exec(message)?.[1]);
    expect(committed).toBeGreaterThan(0);
    expect(readDb(db, (d) => d.prepare('SELECT count(*) FROM documents').pluck().get())).toBe(committed * CONFIG.batchSize);

    const summary = await runKoe({ db, inputs: [input], config: CONFIG });
    expect(summary).toMatchObject({ resumedRunId: 1, analyzed: 400 - committed * CONFIG.batchSize, inserted: 400 });
    expect(readDb(db, (d) => d.prepare('SELECT count(*) FROM analyses').pluck().get())).toBe(400);
  }, 60_000);
});
