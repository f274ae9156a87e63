// End-to-end speed and memory of `koe run` at size: a generated input of varied Japanese and English feedback
// (scripts/lib/feedback-generator.ts: topic templates × word lists, Zipf vocabulary, lengths from a clause to a
// paragraph), streamed through every stage into a fresh database with `koe run` defaults. Prints wall time,
// rows/s per stage, peak RSS (main + worker threads: VmHWM of the process) and peak disk (db + WAL + shm).
//   npm run bench:run -- [--rows 1000000] [--workers N] [--no-themes] [--sample] [--keep]
// --sample builds the input from the bundled sample (data/) recombined, as earlier versions of this script did.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { listInputFiles, readFeedback } from '../src/ingest/index.js';
import { runKoe } from '../src/pipeline/run-koe.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { databaseBytes, generatedInput, mib, peakRssBytes, watchDisk } from './lib/bench-support.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    workers: { type: 'string' },
    'no-themes': { type: 'boolean', default: false },
    sample: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'batch-size': { type: 'string' },
  },
});
const rows = Number(values.rows);

async function sampleInput(file: string): Promise<void> {
  const samples: { text: string; created_at: string | null }[] = [];
  for await (const item of readFeedback(listInputFiles([path.join(PACKAGE_ROOT, 'data')]))) {
    if (item.ok) samples.push({ text: item.row.text, created_at: item.row.createdAt });
  }
  const fd = fs.openSync(file, 'w');
  let seed = 42;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < rows; i++) {
    const a = samples[Math.floor(rand() * samples.length)]!;
    const b = samples[Math.floor(rand() * samples.length)]!;
    fs.writeSync(fd, JSON.stringify({ id: `b${i}`, text: rand() < 0.5 ? a.text : `${a.text} ${b.text}`, created_at: a.created_at }) + '\n');
  }
  fs.closeSync(fd);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-bench-'));
let input: string;
const g0 = performance.now();
if (values.sample) {
  input = path.join(dir, 'feedback.jsonl');
  await sampleInput(input);
} else input = generatedInput(rows);
const genSecs = (performance.now() - g0) / 1000;
const mb = fs.statSync(input).size / 1e6;

const db = path.join(dir, 'koe.db');
const disk = watchDisk(db);
const t0 = performance.now();
const summary = await runKoe({
  db,
  inputs: [input],
  config: {
    ...(values.workers !== undefined ? { workers: Number(values.workers) } : {}),
    ...(values['batch-size'] !== undefined ? { batchSize: Number(values['batch-size']) } : {}),
    skipThemes: values['no-themes'],
  },
  log: (m) => console.error(`[koe] ${m}`),
});
const secs = (performance.now() - t0) / 1000;
const peakDisk = disk.stop();
const finalDisk = databaseBytes(db);

const t = summary.timings;
const rate = (ms: number): string => (ms > 0 ? `${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s` : '-');
console.log(`koe run on ${rows.toLocaleString('en')} rows (${mb.toFixed(1)} MB JSONL, ${values.sample ? 'sample recombined' : 'generated, varied'}; input ready in ${genSecs.toFixed(1)} s), koe run defaults${values.workers ? `, workers ${values.workers}` : ''}`);
console.log(`  machine          ${os.availableParallelism()} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (shared: timings are pessimistic)`);
console.log(`  total            ${secs.toFixed(1)} s  (${Math.round(rows / secs).toLocaleString('en')} rows/s end to end)`);
console.log(`  read+normalize   ${(t.readAndNormalize / 1000).toFixed(1)} s  ${rate(t.readAndNormalize)} (main thread)`);
console.log(`  analyze          ${(t.analyze / 1000).toFixed(1)} s  (summed batch wall time, overlapping on workers)`);
console.log(`  write            ${(t.write / 1000).toFixed(1)} s  ${rate(t.write)}`);
console.log(`  read→write wall  ${((t.total - t.themes) / 1000).toFixed(1)} s  ${rate(t.total - t.themes)}`);
console.log(`  themes           ${(t.themes / 1000).toFixed(1)} s  ${summary.themes ? `${summary.themes.activeThemes} themes, ${(summary.themes.unthemedShare * 100).toFixed(1)}% unthemed, ${JSON.stringify(summary.themes.timings)}` : ''}`);
if (summary.earlyThemes) {
  const e = summary.earlyThemes;
  console.log(`    of which        an early theme step over the first ${e.documents.toLocaleString('en')} documents ${JSON.stringify(e.timings)}; ${summary.provisional.toLocaleString('en')} documents themed provisionally in their batch`);
}
if (summary.themes?.pending !== undefined) {
  console.log(`    final step      incremental over ${summary.themes.pending.toLocaleString('en')} pending documents, ${summary.themes.discovered!.toLocaleString('en')} of them unthemed and clustered`);
}
console.log(`  peak RSS         ${mib(peakRssBytes())} (VmHWM: main + worker threads)`);
console.log(`  disk             peak ${mib(peakDisk)}, final ${mib(finalDisk)} (${(peakDisk / finalDisk).toFixed(2)}× final)`);
console.log(`  inserted ${summary.inserted}, rejected ${summary.rejected}, batches ${summary.batchesCommitted}`);
if (values.keep) console.log(`  kept ${db}`);
else fs.rmSync(dir, { recursive: true, force: true });
