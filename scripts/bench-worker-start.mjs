// Start-up cost of analysis workers, from a compiled build (run `npm run build` first):
//   node scripts/bench-worker-start.mjs [--dist DIR] [--workers N] [--batches B] [--rows-file F]
// Pool: time from spawning N worker threads to each one's answer to a one-document batch (a ready analyzer), then
// B batches of 500 rows per worker (the first is the cold one), and the process's peak RSS (VmHWM).
// --main also builds one analyzer on the main thread (workers: 0): createAnalyzer time, then its batches.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: path.join(import.meta.dirname, '..', 'dist') },
    workers: { type: 'string', default: '2' },
    batches: { type: 'string', default: '4' },
    'rows-file': { type: 'string', default: '/tmp/koe-bench-varied-200000-12.jsonl' },
    main: { type: 'boolean', default: false },
  },
});
const dist = path.resolve(values.dist);
const load = (rel) => import(pathToFileURL(path.join(dist, rel)).href);
const workers = Number(values.workers);
const batches = Number(values.batches);

const { normalizeFeedback } = await load('normalize/index.js');
const lines = fs.readFileSync(values['rows-file'], 'utf8').split('\n').slice(160000, 160000 + 500 * batches * Math.max(1, workers) + 1);
const docs = lines.filter(Boolean).map((l) => JSON.parse(l)).map((r) =>
  normalizeFeedback({ text: r.text, sourceId: r.id, createdAt: r.created_at, rating: r.rating, channel: r.channel, product: r.product, source: null, metadata: {} }));
const config = { sentiment: { backend: 'rules' }, kind: { backend: 'rules' } };
const ms = (t) => `${(performance.now() - t).toFixed(0)} ms`;
const vmHwm = () => {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? `${(Number(m[1]) / 1024).toFixed(0)} MiB` : '?';
};

if (values.main) {
  const { createAnalyzer } = await load('pipeline/analyze-batch.js');
  const t0 = performance.now();
  const analyze = await createAnalyzer(config);
  console.log(`main thread: createAnalyzer ${ms(t0)}`);
  for (let b = 0; b < batches; b++) {
    const t = performance.now();
    await analyze(docs.slice(b * 500, b * 500 + 500));
    console.log(`  batch ${b} (500 rows) ${ms(t)}`);
  }
  console.log(`  peak RSS ${vmHwm()}`);
}

if (workers > 0) {
  const { createWorkerPool } = await load('pipeline/worker-pool.js');
  const t0 = performance.now();
  const pool = createWorkerPool(config, workers);
  // One single-document batch per worker, sent together: each goes to a different idle thread.
  const ready = await Promise.all(Array.from({ length: workers }, async (_, i) => {
    await pool.analyze(docs.slice(i, i + 1));
    return performance.now() - t0;
  }));
  console.log(`${workers} worker(s): ready (spawn → first one-document reply) ${ready.map((t) => `${t.toFixed(0)} ms`).join(', ')}`);
  let next = 0;
  for (let b = 0; b < batches; b++) {
    const t = performance.now();
    const rounds = Array.from({ length: workers }, async () => {
      const from = next;
      next += 500;
      const s = performance.now();
      await pool.analyze(docs.slice(from, from + 500));
      return performance.now() - s;
    });
    const times = await Promise.all(rounds);
    console.log(`  round ${b}: ${workers} × 500 rows in ${ms(t)} (per batch ${times.map((x) => x.toFixed(0)).join(', ')} ms)`);
  }
  await pool.close();
  console.log(`  peak RSS ${vmHwm()} (VmHWM: main + worker threads)`);
}
