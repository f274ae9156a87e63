// Cost of a sentence encoder (`koe train --encoder`) on the bundled sample (data/): the encoder alone (ms per English
// document, one thread, as koe calls it), then `koe run --reanalyze` on the sample with a sentiment model trained
// without and with the encoder. Labels for the two models come from the sample's own ratings (koe train
// --from-ratings), so nothing outside the repository is read. Prints wall time, CPU time and peak RSS.
//   npx tsx scripts/bench-encoder.ts [--encoder use-lite-en] [--workers 2] [--repeats 2]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { listInputFiles, readFeedback } from '../src/ingest/index.js';
import { encodeDocs, loadSentenceEncoder } from '../src/models/sentence-encoder.js';
import { normalizeFeedback } from '../src/normalize/index.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { runKoe } from '../src/pipeline/run-koe.js';
import { trainFromRatings } from '../src/pipeline/train.js';
import { openStore } from '../src/store/open-store.js';
import type { Doc } from '../src/types.js';

const { values } = parseArgs({
  options: {
    encoder: { type: 'string', default: 'use-lite-en' },
    workers: { type: 'string', default: String(Math.min(2, os.availableParallelism())) },
    repeats: { type: 'string', default: '2' },
  },
});
const workers = Number(values.workers);
const repeats = Math.max(1, Number(values.repeats));
const sampleDir = path.join(PACKAGE_ROOT, 'data');
const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

const docs: Doc[] = [];
for await (const item of readFeedback(listInputFiles([sampleDir]))) if (item.ok) docs.push(normalizeFeedback(item.row));

const encoder = await loadSentenceEncoder(values.encoder);
const covered = docs.filter((d) => encoder.langs === null || encoder.langs.includes(d.lang));
await encodeDocs(encoder, covered.slice(0, 8)); // loads the model
let t = performance.now();
await encodeDocs(encoder, covered);
const encodeMs = performance.now() - t;
console.log(
  `encoder ${encoder.id}: ${covered.length} of ${docs.length} sample documents in its languages, ` +
    `${(encodeMs / Math.max(1, covered.length)).toFixed(1)} ms per document (one thread), peak RSS ${peakRssMb()} MB`,
);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-bench-encoder-'));
try {
  for (const withEncoder of [false, true]) {
    const db = path.join(dir, `${withEncoder ? 'encoder' : 'plain'}.db`);
    await runKoe({ db, inputs: [sampleDir], config: { workers, skipThemes: true }, log: () => {} });
    const store = openStore(db);
    await trainFromRatings(store.db, withEncoder ? { encoder: values.encoder } : {});
    store.close();
    const walls: number[] = [];
    const cpus: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const cpu = process.cpuUsage();
      t = performance.now();
      await runKoe({ db, inputs: [sampleDir], reanalyze: true, config: { workers, skipThemes: true }, log: () => {} });
      walls.push((performance.now() - t) / 1000);
      const used = process.cpuUsage(cpu);
      cpus.push((used.user + used.system) / 1e6);
    }
    const range = (xs: number[]): string => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)} s`;
    console.log(
      `koe run --reanalyze on the sample (${docs.length} documents, ${workers} worker(s), no themes), sentiment model ` +
        `trained from ratings ${withEncoder ? `with --encoder ${values.encoder}` : 'without an encoder'}: ` +
        `wall ${range(walls)}, CPU ${range(cpus)} (all threads)`,
    );
  }
  console.log(`peak RSS of this process ${peakRssMb()} MB`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
