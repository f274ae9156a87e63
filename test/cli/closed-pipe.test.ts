import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKoe } from '../../src/pipeline/run-koe.js';
import { useTempDirs } from '../support/temp-dirs.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const FIXTURE = path.join(import.meta.dirname, '..', 'pipeline', 'fixtures', 'mixed-feedback.jsonl');
const tempDir = useTempDirs('koe-pipe-');

describe('koe export | head', () => {
  it('ends quietly with exit 0 when the reader closes the pipe early', async () => {
    const db = path.join(tempDir(), 'koe.db');
    // Enough records that the export is still writing when the pipe closes.
    const input = path.join(path.dirname(db), 'many.jsonl');
    const base = fs.readFileSync(FIXTURE, 'utf8').trim().split('\n');
    fs.writeFileSync(input, Array.from({ length: 300 }, (_, i) => {
      const r = JSON.parse(base[i % base.length]!) as { text: string };
      return JSON.stringify({ id: `p${i}`, text: `${r.text} (${i})` });
    }).join('\n'));
    await runKoe({ db, inputs: [input], config: { workers: 0, skipThemes: true } });

    const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'export', '--db', db], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code, stderr }));
    });
    expect(result.stderr).not.toContain('EPIPE');
    expect(result.code).toBe(0);
  });
});
