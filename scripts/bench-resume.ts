// Kill and resume, as an operator meets it: `koe run` on a generated input (full run, timed), then the same
// command on a fresh database SIGKILLed once ~80% of the rows are analyzed (`--by rows`, the default) or at 80% of
// the full run's wall time (`--by time`, as someone timing it from outside would), then the same command again
// (timed), with the compiled CLI (built first). Prints both wall times, their ratio, and what each run recorded in
// `runs`; and, from the full run's commits as they landed (its database polled), the least a resumed run can take:
// the rows the killed run left, at the full run's own time per row over its last rows, plus its final theme step.
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

/** Seconds since the run's start at which its committed analyses (runs.analyzed) were seen, polled every 250 ms. */
type CommitCurve = { secs: number; runId: number; analyzed: number }[];

function watchCommits(db: string, t0: number): { stop(): CommitCurve } {
  const curve: CommitCurve = [];
  const timer = setInterval(() => {
    if (!fs.existsSync(db)) return;
    try {
      const d = new Database(db, { readonly: true, fileMustExist: true });
      try {
        const r = d.prepare('SELECT id, analyzed FROM runs ORDER BY id DESC LIMIT 1').get() as { id: number; analyzed: number } | undefined;
        if (r) curve.push({ secs: (performance.now() - t0) / 1000, runId: r.id, analyzed: r.analyzed });
      } finally {
        d.close();
      }
    } catch {
      // the database is being created
    }
  }, 250);
  return {
    stop() {
      clearInterval(timer);
      return curve;
    },
  };
}

/** When the curve first reached `analyzed` (seconds), or null. */
const reachedAt = (curve: CommitCurve, analyzed: number): number | null => curve.find((p) => p.analyzed >= analyzed)?.secs ?? null;

function koeRun(
  db: string,
  kill?: { analyzed: number } | { seconds: number },
): Promise<{ secs: number; code: number | null; signal: string | null; stderr: string; analyzedAtKill: number; curve: CommitCurve }> {
  const t0 = performance.now();
  const commits = watchCommits(db, t0);
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
      resolve({ secs: (performance.now() - t0) / 1000, code, signal, stderr, analyzedAtKill, curve: commits.stop() });
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
// The least a resumed run can take: the rows the killed run did not commit, at the full run's own pace over its
// last rows (its commits as they landed), plus the final theme step every run ends with. A resumed run that
// repeats nothing is at this floor plus its start; the ratio the floor gives is the best a kill at this point allows.
const left = rows - (Number(/after its row (\d+)/.exec(resumed.stderr)?.[1] ?? 0) || 0);
const finalStepMs = Number(/(?<!early )theme step \([^)]*\): \{"vectorize":(\d+),"themes":(\d+),"write":(\d+)\}/.exec(full.stderr)?.slice(1, 4).reduce((a, b) => a + Number(b), 0) ?? 0);
const from = reachedAt(full.curve, rows - left);
const to = reachedAt(full.curve, rows);
if (from !== null && to !== null && left > 0) {
  const floor = to - from + finalStepMs / 1000;
  console.log(
    `  the full run committed its last ${left.toLocaleString('en')} rows in ${(to - from).toFixed(1)} s and then took its final theme step (${(finalStepMs / 1000).toFixed(1)} s): ` +
      `a resumed run doing only that takes ${floor.toFixed(1)} s = ${((floor / full.secs) * 100).toFixed(0)}% of the full run (the floor for this kill); ` +
      `it took ${(resumed.secs - floor).toFixed(1)} s more`,
  );
  // The resumed run's own row counts only what it analyzed.
  const own = resumed.curve.filter((p) => p.runId === Math.max(...resumed.curve.map((q) => q.runId)));
  const started = own.find((p) => p.analyzed > 0)?.secs;
  const finished = reachedAt(own, left);
  if (started !== undefined && finished !== null) {
    console.log(`  the resumed run committed its first batch after ${started.toFixed(1)} s and its last after ${finished.toFixed(1)} s (the full run: ${(to - from).toFixed(1)} s for these rows)`);
  }
  const at80 = full.curve.filter((p) => p.secs <= at * full.secs).at(-1)?.analyzed ?? 0;
  console.log(`  at ${Math.round(at * 100)}% of its time the full run had committed ${at80.toLocaleString('en')} rows (${((at80 / rows) * 100).toFixed(0)}%)`);
}
console.log('  runs:', JSON.stringify(runsOf(killedDb)));
fs.rmSync(dir, { recursive: true, force: true });
