// Stopping a run on request (Ctrl-C, a scheduler's SIGTERM): it stops before writing its next batch, records why,
// frees the database and exits as a shell reports the signal; the same command again finishes the work. Through the
// library (an AbortSignal) and through the CLI in a child process (real signals). And what a monitor reads of a run:
// --json on stdout. Real kuromoji and SQLite files.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runKoe, RunStoppedError } from '../../src/pipeline/run-koe.js';
import { captureIo } from './io.js';
import { RECURRING_OPENINGS as OPENINGS } from '../support/killed-run.js';
import { readDb } from '../support/read-db.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('koe-stop-');
const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** A database path (not created yet) and an input of `rows` recurring issues beside it. */
function dbAndInput(rows: number): { db: string; input: string } {
  const dir = tempDir();
  const input = path.join(dir, 'feedback.jsonl');
  fs.writeFileSync(input, Array.from({ length: rows }, (_, i) => JSON.stringify({ id: `s${i}`, text: `${OPENINGS[i % OPENINGS.length]!} (${i})` })).join('\n') + '\n');
  return { db: path.join(dir, 'koe.db'), input };
}

const runRows = (db: string) => readDb(db, (d) => d.prepare('SELECT status, analyzed, batches_committed, error FROM runs ORDER BY id').all());

describe('a run stopped on request', () => {
  it('stops before its next batch, is recorded failed with the reason, and the same command finishes the rest', async () => {
    const { db, input } = dbAndInput(600);
    const config = { workers: 0, batchSize: 50, skipThemes: true };
    const stop = new AbortController();
    const stopped = await runKoe({ db, inputs: [input], config, signal: stop.signal, onProgress: (p) => p.batchesCommitted === 3 && stop.abort('SIGTERM') }).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(RunStoppedError);
    expect((stopped as Error).message).toBe('stopped by SIGTERM after 3 batch(es) committed; the same command again finishes the work');
    expect(runRows(db)).toEqual([{ status: 'failed', analyzed: 150, batches_committed: 3, error: (stopped as Error).message }]);
    expect(readDb(db, (d) => d.prepare('SELECT count(*) FROM write_lease').pluck().get())).toBe(0);

    const rest = await runKoe({ db, inputs: [input], config });
    expect(rest).toMatchObject({ resumedRunId: 1, analyzed: 450, inserted: 600, status: 'ok' });
  }, 60_000);

  it('koe run on SIGTERM exits 143 with the reason (in --json too), and frees the database', async () => {
    const { db, input } = dbAndInput(6000);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'run', '--db', db, '--progress', '--workers', '0', '--batch-size', '20', '--no-themes', '--json', input], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    let signalled = false;
    child.stderr!.on('data', (c: Buffer) => {
      stderr += c.toString();
      if (!signalled && /analyzed [1-9]/.test(stderr)) {
        signalled = true;
        child.kill('SIGTERM');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(143);
    expect(stderr).toContain('koe run: SIGTERM: stopping before the next batch is written');
    expect(stderr).toMatch(/koe run: stopped by SIGTERM after \d+ batch\(es\) committed; the same command again finishes the work/);
    const [run] = runRows(db) as { status: string; batches_committed: number }[];
    expect(run).toMatchObject({ status: 'failed' });
    expect(run!.batches_committed).toBeGreaterThan(0);
    expect(readDb(db, (d) => d.prepare('SELECT count(*) FROM write_lease').pluck().get())).toBe(0);
    expect(readDb(db, (d) => d.prepare('SELECT count(*) FROM documents').pluck().get())).toBe(run!.batches_committed * 20);
    expect(JSON.parse(stdout)).toEqual({ status: 'stopped', runId: 1, error: `stopped by SIGTERM after ${run!.batches_committed} batch(es) committed; the same command again finishes the work` });
  }, 60_000);

  it('koe run --json prints the run summary as one JSON object on stdout, and nothing else there', async () => {
    const { db, input } = dbAndInput(30);
    const io = captureIo();
    expect(await main(['run', '--db', db, '--workers', '0', '--json', input], io)).toBe(0);
    const summary = JSON.parse(io.out()) as Record<string, unknown>;
    expect(summary).toMatchObject({ runId: 1, status: 'ok', rowsRead: 30, inserted: 30, rejected: 0, resumedRunId: null });
    expect(io.out().trim().split('\n')).toHaveLength(1);
    expect(io.err()).toContain('run 1: read 30 rows'); // the human summary stays on stderr
  }, 60_000);

  it('koe run --json says a failure on stdout too, also one before the run started', async () => {
    const { db, input } = dbAndInput(5);
    const failed = async (args: string[]): Promise<Record<string, unknown>> => {
      const io = captureIo();
      expect(await main(['run', '--db', db, '--workers', '0', '--json', ...args], io)).toBe(2);
      expect(io.out().trim().split('\n')).toHaveLength(1);
      const out = JSON.parse(io.out()) as Record<string, unknown>;
      expect(io.err()).toContain(out.error as string); // the same sentence on stderr
      return out;
    };
    // Bad arguments: nothing ran.
    expect(await failed(['--batch-size', '0', input])).toEqual({ status: 'failed', runId: null, error: '--batch-size must be an integer ≥ 1, got "0"' });
    // An input that is not there: the run started and is recorded failed.
    const missing = await failed([path.join(path.dirname(input), 'nope.jsonl')]);
    expect(missing).toMatchObject({ status: 'failed', runId: 1 });
    expect(missing.error).toContain('nope.jsonl');
    // A database file that is not one: the run never started.
    const damaged = path.join(path.dirname(input), 'damaged.db');
    fs.writeFileSync(damaged, 'this is not a SQLite database, it only has its name'.repeat(100));
    const io = captureIo();
    expect(await main(['run', '--db', damaged, '--workers', '0', '--json', input], io)).toBe(2);
    expect(JSON.parse(io.out())).toMatchObject({ status: 'failed', runId: null });
  }, 60_000);
});
