import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKoe } from '../../src/pipeline/run-koe.js';
import { openStore } from '../../src/store/open-store.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('koe-kill-');

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const TOTAL = 2000;

function writeInput(file: string): void {
  const openings = ['ログインできません', '注文した商品が届きません', 'The app crashes on checkout', 'Please add dark mode', '返金をお願いします', 'Support was very helpful'];
  const lines: string[] = [];
  for (let i = 0; i < TOTAL; i++) {
    lines.push(JSON.stringify({ id: `k${i}`, text: `${openings[i % openings.length]} (${i})`, created_at: '2026-10-01T00:00:00Z' }));
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

/** Starts `koe run` in a child process and SIGKILLs it once it reports analyzed documents. */
function runAndKill(db: string, input: string): Promise<{ signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'run', '--db', db, '--progress', '--workers', '0', '--batch-size', '20', input],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const m = /analyzed (\d[\d,]*)/.exec(stderr);
      if (m && Number(m[1]!.replace(/,/g, '')) > 0) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ signal, stderr }));
  });
}

describe('a run killed half-way', () => {
  it('leaves the database consistent, and the re-run ends with exactly the right documents', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'koe.db');
    const input = path.join(dir, 'feedback.jsonl');
    writeInput(input);

    const killed = await runAndKill(db, input);
    expect(killed.signal).toBe('SIGKILL');

    let store = openStore(db);
    // Nothing of the killed run was committed; its runs row says it never finished.
    expect(store.db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(0);
    expect(store.db.prepare('SELECT status FROM runs').pluck().all()).toEqual(['running']);
    store.close();

    const summary = await runKoe({ db, inputs: [input], config: { workers: 0, batchSize: 200 } });
    expect(summary.interruptedRuns).toEqual([1]);
    expect(summary).toMatchObject({ status: 'ok', rowsRead: TOTAL, inserted: TOTAL });

    store = openStore(db);
    const ids = store.db.prepare('SELECT id FROM documents ORDER BY id').pluck().all() as string[];
    expect(ids).toHaveLength(TOTAL);
    expect(new Set(ids).size).toBe(TOTAL);
    expect(store.db.prepare('SELECT count(*) FROM analyses').pluck().get()).toBe(TOTAL);
    expect(store.db.prepare('SELECT status FROM runs ORDER BY id').pluck().all()).toEqual(['failed', 'ok']);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    store.close();
  });
});
