// koe upgrade: a database an earlier koe wrote is brought up to this schema on its own (a deploy step), under the
// write lease; read-only commands never change it and name the command instead. Real SQLite files, the real CLI.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runKoe } from '../../src/pipeline/run-koe.js';
import { captureIo } from '../cli/io.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('koe-upgrade-');

async function koe(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** A database as the koe before migration 015 left it: the column and its record gone. */
async function earlierDatabase(): Promise<string> {
  const dir = tempDir();
  const input = path.join(dir, 'feedback.jsonl');
  fs.writeFileSync(input, ['ログインできません', 'The app crashes on checkout'].map((text, i) => JSON.stringify({ id: `u${i}`, text })).join('\n') + '\n');
  const db = path.join(dir, 'koe.db');
  await runKoe({ db, inputs: [input], config: { workers: 0 } });
  const d = new Database(db);
  d.exec('ALTER TABLE themes DROP COLUMN centroid_norm; DELETE FROM schema_migrations WHERE version = 15;');
  d.close();
  return db;
}

const hasColumn = (db: string): boolean => {
  const d = new Database(db, { readonly: true });
  try {
    return (d.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('themes') as string[]).includes('centroid_norm');
  } finally {
    d.close();
  }
};

describe('koe upgrade', () => {
  it('applies what an earlier database lacks, once; read-only commands name it until then', async () => {
    const db = await earlierDatabase();
    const refused = await koe('stats', '--db', db);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('015-theme-centroid-norm');
    expect(refused.err).toContain(`run koe upgrade --db ${db} first`);

    const upgraded = await koe('upgrade', '--db', db);
    expect(upgraded).toEqual({ code: 0, out: `${db}: applied 1 migration(s): 015-theme-centroid-norm\n`, err: '' });
    expect(hasColumn(db)).toBe(true);
    expect((await koe('upgrade', '--db', db)).out).toBe(`${db}: up to date\n`);
    expect((await koe('stats', '--db', db)).code).toBe(0);
  }, 60_000);

  it('names a live writer of the earlier koe and exits 2 at once; with --wait it upgrades once that writer ends', async () => {
    const db = await earlierDatabase();
    const writer = spawn('sleep', ['30'], { stdio: 'ignore' });
    const now = new Date().toISOString();
    const d = new Database(db);
    d.prepare('INSERT INTO write_lease (id, run_id, command, pid, host, started_at, heartbeat_at) VALUES (1, NULL, ?, ?, ?, ?, ?)').run(
      'koe run --db koe.db (the earlier koe)',
      writer.pid,
      os.hostname(),
      now,
      now,
    );
    d.close();
    try {
      const busy = await koe('upgrade', '--db', db);
      expect(busy.code).toBe(2);
      expect(busy.err).toContain(`the database is being written by koe run --db koe.db (the earlier koe), pid ${writer.pid}`);
      expect(hasColumn(db)).toBe(false);

      const waiting = koe('upgrade', '--db', db, '--wait', '60');
      setTimeout(() => writer.kill('SIGKILL'), 300);
      const done = await waiting;
      expect(done.code).toBe(0);
      expect(done.err).toContain('waiting: the database is being written by koe run --db koe.db (the earlier koe)');
      expect(done.out).toContain('applied 1 migration(s): 015-theme-centroid-norm');
      expect(hasColumn(db)).toBe(true);
    } finally {
      writer.kill('SIGKILL');
    }
  }, 60_000);
});
