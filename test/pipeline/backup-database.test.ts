// koe backup: a consistent copy while another connection writes (the committed batches, not the one in flight),
// checked, openable as a koe database; it never overwrites a file or writes over the database. Real SQLite files.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { backupDatabase } from '../../src/pipeline/backup-database.js';
import { runKoe } from '../../src/pipeline/run-koe.js';
import { captureIo } from '../cli/io.js';
import { readDb } from '../support/read-db.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('koe-backup-');

async function database(): Promise<{ dir: string; db: string }> {
  const dir = tempDir();
  const db = path.join(dir, 'koe.db');
  const input = path.join(dir, 'feedback.jsonl');
  fs.writeFileSync(input, Array.from({ length: 120 }, (_, i) => JSON.stringify({ id: `b${i}`, text: i % 2 ? `Refund still missing (${i})` : `返金がまだです (${i})` })).join('\n') + '\n');
  await runKoe({ db, inputs: [input], config: { workers: 0 } });
  return { dir, db };
}

describe('koe backup', () => {
  it('copies what is committed while another connection is writing, and the copy is a checked koe database', async () => {
    const { dir, db } = await database();
    const writer = new Database(db);
    writer.exec('BEGIN IMMEDIATE');
    writer.prepare("UPDATE documents SET text = 'not committed' WHERE id = 'b0'").run();
    const out = path.join(dir, 'copy.db');
    try {
      const r = backupDatabase(db, out);
      expect(r).toMatchObject({ out, documents: 120, check: 'ok', schema: expect.stringMatching(/^\d{3}-/) });
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
    expect(readDb(out, (d) => d.prepare("SELECT text FROM documents WHERE id = 'b0'").pluck().get())).toBe('返金がまだです (0)');
    expect(readDb(out, (d) => d.prepare("SELECT count(*) FROM themes WHERE status = 'active'").pluck().get())).toBeGreaterThan(0);
    const io = captureIo();
    expect(await main(['stats', '--db', out], io)).toBe(0);
  }, 60_000);

  it('copies a database an earlier koe wrote as it is, so that it can be backed up before koe upgrade', async () => {
    const { dir, db } = await database();
    const earlier = new Database(db);
    earlier.exec('ALTER TABLE themes DROP COLUMN centroid_norm; DELETE FROM schema_migrations WHERE version = 15;');
    earlier.close();
    const out = path.join(dir, 'before-upgrade.db');
    expect(backupDatabase(db, out)).toMatchObject({ documents: 120, check: 'ok' });
    expect(() => readDb(db, () => null)).toThrow(/needs an upgrade/); // the backup left the source as it was
    const io = captureIo();
    expect(await main(['upgrade', '--db', out], io)).toBe(0);
    expect(io.out()).toContain('applied 1 migration(s): 015-theme-centroid-norm');
  }, 60_000);

  it('never overwrites a file or the database itself', async () => {
    const { dir, db } = await database();
    const existing = path.join(dir, 'taken.db');
    fs.writeFileSync(existing, 'mine');
    for (const [out, message] of [
      [existing, `${existing} exists: koe backup does not overwrite a file`],
      [db, 'is the database (or its -wal/-shm file)'],
      [`${db}-wal`, 'is the database (or its -wal/-shm file)'],
    ] as const) {
      const io = captureIo();
      expect(await main(['backup', '--db', db, '--out', out], io)).toBe(2);
      expect(io.err()).toContain(message);
    }
    expect(fs.readFileSync(existing, 'utf8')).toBe('mine');
  }, 60_000);
});
