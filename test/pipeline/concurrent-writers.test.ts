import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runKoe } from '../../src/pipeline/run-koe.js';
import { rebuildThemes } from '../../src/pipeline/theme-writes.js';
import { openStore } from '../../src/store/open-store.js';
import { readDb } from '../support/read-db.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('koe-writers-');
const ROOT = path.resolve(import.meta.dirname, '..', '..');

const OPENINGS = [
  'ログインできません、パスワードを入れてもエラーになります',
  '注文した商品がまだ届きません、配送が遅いです',
  'The app crashes on checkout every time I pay',
  'Please add dark mode to the app',
];

function writeInput(file: string, rows: number, prefix = 'w'): void {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) lines.push(JSON.stringify({ id: `${prefix}${i}`, text: `${OPENINGS[i % OPENINGS.length]} (${i})` }));
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

interface Child {
  process: ChildProcess;
  stderr: () => string;
  stdout: () => string;
  exit: Promise<number | null>;
  /** Resolves once stderr matches. */
  when: (pattern: RegExp) => Promise<void>;
}

function koe(args: string[]): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString();
    for (const w of waiters.splice(0)) {
      if (w.pattern.test(stderr)) w.resolve();
      else waiters.push(w);
    }
  });
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  return {
    process: child,
    stderr: () => stderr,
    stdout: () => stdout,
    exit: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    when: (pattern) => (pattern.test(stderr) ? Promise.resolve() : new Promise((resolve) => waiters.push({ pattern, resolve }))),
  };
}

/** Runs the CLI in this process (another pid than the child run). */
async function koeHere(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await main(args, { stdout: out, stderr: err, isTTY: false });
  return { code, stdout, stderr };
}

/**
 * Stops a run (SIGSTOP) at a moment it holds no SQLite write lock, and returns what resumes it: frozen, it stays the
 * live holder of the database for as long as the test needs whatever the machine's load (left going, a 20,000-row
 * run once finished before the commands meant to meet it, in a busy CI run). Between its batches' commits is where
 * a cron run spends nearly all its time, so this is the state a person's command meets.
 */
async function freezeBetweenWrites(child: ChildProcess, dbPath: string): Promise<() => void> {
  const probe = new Database(dbPath);
  probe.pragma('busy_timeout = 0');
  const resume = () => void child.kill('SIGCONT');
  try {
    for (;;) {
      child.kill('SIGSTOP');
      while (!/^\d+ \(.*\) T/s.test(fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8'))) await sleep(1);
      try {
        probe.prepare('BEGIN IMMEDIATE').run();
        probe.prepare('ROLLBACK').run();
        return resume;
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
      }
      resume(); // stopped inside a batch's transaction: let it commit
      await sleep(5);
    }
  } catch (err) {
    resume();
    throw err;
  } finally {
    probe.close();
  }
}

const runRows = (db: string) => readDb(db, (d) => d.prepare('SELECT id, status, phase, pid FROM runs ORDER BY id').all() as { id: number; status: string; phase: string; pid: number }[]);

describe('one writer at a time', () => {
  it('a second run names the one that holds the database and exits 2 at once; with --wait it runs after it', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'koe.db');
    const input = path.join(dir, 'big.jsonl');
    const other = path.join(dir, 'other.jsonl');
    writeInput(input, 6000);
    writeInput(other, 20, 'o');

    const first = koe(['run', '--db', db, '--progress', '--workers', '0', '--batch-size', '20', '--no-themes', input]);
    await first.when(/analyzed [1-9]/);
    const resumeFirst = await freezeBetweenWrites(first.process, db);
    let waiting: Child;
    try {
      const second = await koeHere(['run', '--db', db, '--workers', '0', other]);
      expect(second.code).toBe(2);
      expect(second.stderr).toContain(`run 1 (koe run --db ${db}`);
      expect(second.stderr).toContain(`pid ${first.process.pid}`);
      expect(second.stderr).toContain('--wait');
      // The live run was not taken for a dead one, and the refused run left no trace.
      expect(runRows(db)).toMatchObject([{ id: 1, status: 'running', phase: 'analysis', pid: first.process.pid }]);

      waiting = koe(['run', '--db', db, '--workers', '0', '--no-themes', '--wait', '300', other]);
      await waiting.when(/waiting: the database is being written by run 1/);
    } finally {
      resumeFirst();
    }
    expect(await first.exit).toBe(0);
    expect(await waiting.exit).toBe(0);
    expect(runRows(db).map((r) => [r.id, r.status])).toEqual([
      [1, 'ok'],
      [2, 'ok'],
    ]);
    expect(readDb(db, (d) => d.prepare('SELECT count(*) FROM write_lease').pluck().get())).toBe(0);
  }, 120_000);

  it('curation during a run is queued and applied by its theme step; a split or rebuild names the run and exits 2', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'koe.db');
    const start = path.join(dir, 'start.jsonl');
    const input = path.join(dir, 'big.jsonl');
    writeInput(start, 400, 's');
    writeInput(input, 2000);
    await runKoe({ db, inputs: [start], config: { workers: 0, batchSize: 100 } });
    const themeIds = readDb(db, (d) => d.prepare(`SELECT id FROM themes WHERE status = 'active' ORDER BY size DESC`).pluck().all() as string[]);
    expect(themeIds.length).toBeGreaterThanOrEqual(2);
    const [renamed, ignored] = themeIds as [string, string];

    const run = koe(['run', '--db', db, '--progress', '--workers', '0', '--batch-size', '20', input]);
    await run.when(/analyzed [1-9]/);
    const resumeRun = await freezeBetweenWrites(run.process, db);
    try {
      const rename = await koeHere(['themes', 'rename', renamed, 'ログイン / login trouble', '--db', db]);
      expect(rename.code).toBe(0);
      expect(rename.stdout).toContain('queued');
      expect(rename.stdout).toContain('run 2');
      expect((await koeHere(['themes', 'ignore', ignored, '--db', db])).stdout).toContain('queued');
      const split = await koeHere(['themes', 'split', renamed, '--db', db]);
      expect(split.code).toBe(2);
      expect(split.stderr).toContain('being written by run 2');
      const rebuild = await koeHere(['themes', 'rebuild', '--db', db]);
      expect(rebuild.code).toBe(2);
      expect(rebuild.stderr).toContain('being written by run 2');
      // Queued, not applied yet: the run's theme step applies it.
      expect(readDb(db, (d) => d.prepare('SELECT label FROM themes WHERE id = ?').pluck().get(renamed))).not.toBe('ログイン / login trouble');
    } finally {
      resumeRun();
    }

    expect(await run.exit).toBe(0);
    const after = readDb(db, (d) => ({
      renamed: d.prepare('SELECT label, label_pinned FROM themes WHERE id = ?').get(renamed),
      ignored: d.prepare('SELECT status FROM themes WHERE id = ?').pluck().get(ignored),
      pending: d.prepare('SELECT count(*) FROM theme_curation WHERE pending = 1').pluck().get(),
      runs: d.prepare('SELECT status FROM runs ORDER BY id').pluck().all(),
    }));
    expect(after).toEqual({ renamed: { label: 'ログイン / login trouble', label_pinned: 1 }, ignored: 'ignored', pending: 0, runs: ['ok', 'ok'] });
  }, 120_000);

  it('a rebuild that fails is recorded as failed, not left running, and frees the database', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'koe.db');
    const input = path.join(dir, 'small.jsonl');
    writeInput(input, 60);
    await runKoe({ db, inputs: [input], config: { workers: 0 } });
    const store = openStore(db);
    try {
      await expect(rebuildThemes(store.db, { config: { embeddingModel: path.join(dir, 'no-such-model') } })).rejects.toThrow(/no-such-model/);
      expect(store.db.prepare('SELECT operation, status FROM runs ORDER BY id').all()).toEqual([
        { operation: 'run', status: 'ok' },
        { operation: 'rebuild', status: 'failed' },
      ]);
      expect(store.db.prepare('SELECT count(*) FROM write_lease').pluck().get()).toBe(0);
      const ok = await rebuildThemes(store.db);
      expect(ok.runId).toBe(3);
    } finally {
      store.close();
    }
  });
});
