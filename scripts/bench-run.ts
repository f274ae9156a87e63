// End-to-end speed and memory of `koe run`: a large input made from the bundled sample (data/), streamed
// through every stage into a fresh database. Prints rows/s per phase and peak RSS.
//   npx tsx scripts/bench-run.ts [--rows 100000] [--workers 2] [--no-themes] [--sentiment rules|none]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { listInputFiles, readFeedback } from '../src/ingest/index.js';
import { runKoe } from '../src/pipeline/run-koe.js';
import { PACKAGE_ROOT } from '../src/paths.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    workers: { type: 'string', default: String(Math.min(2, os.availableParallelism())) },
    'no-themes': { type: 'boolean', default: false },
    sentiment: { type: 'string', default: 'rules' },
    kind: { type: 'string', default: 'rules' },
  },
});
const rows = Number(values.rows);
const workers = Number(values.workers);

async function sampleTexts(): Promise<{ text: string; created_at: string | null; channel: string | null; product: string | null }[]> {
  const out = [];
  for await (const item of readFeedback(listInputFiles([path.join(PACKAGE_ROOT, 'data')]))) {
    if (item.ok) out.push({ text: item.row.text, created_at: item.row.createdAt, channel: item.row.channel, product: item.row.product });
  }
  return out;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-bench-'));
const input = path.join(dir, 'feedback.jsonl');
const samples = await sampleTexts();
if (samples.length === 0) throw new Error('no sample data under data/');
const fd = fs.openSync(input, 'w');
let seed = 42;
const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
for (let i = 0; i < rows; i++) {
  // Two sample texts joined, so documents are not exact repeats (and content hashes differ).
  const a = samples[Math.floor(rand() * samples.length)]!;
  const b = samples[Math.floor(rand() * samples.length)]!;
  fs.writeSync(fd, JSON.stringify({ id: `b${i}`, text: rand() < 0.5 ? a.text : `${a.text} ${b.text}`, created_at: a.created_at, channel: a.channel, product: a.product }) + '\n');
}
fs.closeSync(fd);
const mb = fs.statSync(input).size / 1e6;

const db = path.join(dir, 'koe.db');
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
const t0 = performance.now();
const summary = await runKoe({
  db,
  inputs: [input],
  config: {
    workers,
    skipThemes: values['no-themes'],
    sentiment: { backend: values.sentiment },
    kind: { backend: values.kind },
  },
});
const secs = (performance.now() - t0) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);

const t = summary.timings;
console.log(`koe run on ${rows.toLocaleString('en')} rows (${mb.toFixed(1)} MB JSONL), ${workers} worker(s), sentiment=${values.sentiment}, kind=${values.kind}`);
console.log(`  total            ${secs.toFixed(1)} s  (${Math.round(rows / secs).toLocaleString('en')} rows/s)`);
console.log(`  read+normalize   ${(t.readAndNormalize / 1000).toFixed(1)} s (main thread)`);
console.log(`  write            ${(t.write / 1000).toFixed(1)} s`);
console.log(`  themes           ${(t.themes / 1000).toFixed(1)} s  ${summary.themes ? `(${JSON.stringify(summary.themes)})` : ''}`);
console.log(`  peak RSS         ${(peakRss / 2 ** 20).toFixed(0)} MiB (main + worker threads)`);
console.log(`  inserted ${summary.inserted}, rejected ${summary.rejected}; db ${(fs.statSync(db).size / 1e6).toFixed(0)} MB`);
fs.rmSync(dir, { recursive: true, force: true });
