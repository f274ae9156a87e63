// Kill and resume, as an operator meets it: `koe run` on a generated input (full run, timed), then the same
// command on a fresh database SIGKILLed once ~80% of the rows are analyzed (`--by rows`, the default) or at 80% of
// the full run's wall time (`--by time`, as someone timing it from outside would), then the same command again
// (timed), with the compiled CLI (built first). Prints both wall times, their ratio, and what each run recorded in
// `runs`.
//   npm run bench:resume -- [--rows 200000] [--at 0.8] [--by rows|time]
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { PACKAGE_ROOT } from '../src/paths.js';
import { generatedInput } from './lib/bench-support.js';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '200000' }, at: { type: 'string', default: '0.8' }, by: { type: 'string', default: 'rows' } },
});
const rows = Number(values.rows);
const at = Number(values.at);
if (values.by !== 'rows' && values.by !== 'time') throw new Error(`--by must be rows or time, got "${values.by}"`);
const killAt = at * rows;
const input = generatedInput(rows);
// The koe an operator runs: the compiled CLI (`npm run build`), not the TypeScript sources through tsx, whose
// compiling at start (main thread and each worker) would count in both runs.
execFileSync('npm', ['run', 'build', '--silent'], { cwd: PACKAGE_ROOT, stdio: 'inherit' });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-resume-'));

function koeRun(
  db: string,
  kill?: { analyzed: number } | { seconds: number },
): Promise<{ secs: number; code: number | null; signal: string | null; stderr: string; analyzedAtKill: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(PACKAGE_ROOT, 'dist/cli/main.js'), 'run', '--db', db, '--progress', '--verbose', input], {
      cwd: PACKAGE_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let analyzed = 0;
    let analyzedAtKill = 0;
    const killNow = (): void => {
      analyzedAtKill = analyzed;
      child.kill('SIGKILL');
    };
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      const all = [...stderr.matchAll(/analyzed (\d[\d,]*)/g)];
      if (all.length > 0) analyzed = Number(all.at(-1)![1]!.replace(/,/g, ''));
      if (kill && 'analyzed' in kill && analyzed >= kill.analyzed && child.exitCode === null && analyzedAtKill === 0) killNow();
    });
    const timer = kill && 'seconds' in kill ? setTimeout(killNow, kill.seconds * 1000) : null;
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ secs: (performance.now() - t0) / 1000, code, signal, stderr, analyzedAtKill });
    });
  });
}

const runsOf = (db: string): unknown[] => {
  const d = new Database(db, { readonly: true });
  try {
    return d
      .prepare('SELECT id, status, phase, rows_read, rows_skipped, inserted, unchanged, analyzed, batches_committed, resumes_run_id, duration_ms FROM runs ORDER BY id')
      .all();
  } finally {
    d.close();
  }
};

console.log(`kill and resume on ${rows.toLocaleString('en')} generated rows; machine: ${os.availableParallelism()} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (shared)`);
const full = await koeRun(path.join(dir, 'full.db'));
const timingsOf = (stderr: string): string =>
  stderr
    .split('\n')
    .filter((l) => l.includes('timings (ms)') || l.includes('theme step') || l.includes('finishing interrupted run'))
    .join(' | ');
console.log(`  full run          ${full.secs.toFixed(1)} s (exit ${full.code})  ${timingsOf(full.stderr)}`);
const killedDb = path.join(dir, 'killed.db');
const killed = await koeRun(killedDb, values.by === 'time' ? { seconds: at * full.secs } : { analyzed: killAt });
console.log(
  `  killed ${values.by === 'time' ? `at ${Math.round(at * 100)}% of the full run's time` : `at ≥${Math.round(killAt).toLocaleString('en')} analyzed`}` +
    ` after ${killed.secs.toFixed(1)} s (${killed.signal}), ${killed.analyzedAtKill.toLocaleString('en')} analyzed as last reported`,
);
console.log(`  load average before the same command again: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const resumed = await koeRun(killedDb);
console.log(`  same command again ${resumed.secs.toFixed(1)} s (exit ${resumed.code}) = ${((resumed.secs / full.secs) * 100).toFixed(0)}% of the full run  ${timingsOf(resumed.stderr)}`);
console.log(`  ${resumed.stderr.split('\n').filter((l) => l.startsWith('note:')).join('\n  ')}`);
console.log('  runs:', JSON.stringify(runsOf(killedDb)));
fs.rmSync(dir, { recursive: true, force: true });
