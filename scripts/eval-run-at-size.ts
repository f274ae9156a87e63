// What themes at size keep, through `koe run` as a nightly job runs it (issue 12): with `clusterSample` below the
// corpus, a run fits its space and finds its themes on its FIRST documents (the early theme step), places every
// later batch among them as it commits, and finds new themes among the rest in its final step. Measured on Banking77
// (../shared/data, 10,003 support questions, 77 intents) against the gold intents: AMI, themes, unthemed share — in
// the file's order (grouped by intent: the hardest case, later intents are unseen by the early step) and shuffled
// (seeded: feedback as it arrives over time).
//   npx tsx scripts/eval-run-at-size.ts [--cluster-sample 3000] [--workers 2] [--seed 7]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runKoe } from '../src/pipeline/run-koe.js';
import { primaryThemeBySource } from './lib/primary-themes.js';
import { clusterAgreement } from '../src/themes/index.js';
import { seededRandom } from '../src/seeded-random.js';

const { values } = parseArgs({
  options: { 'cluster-sample': { type: 'string', default: '3000' }, workers: { type: 'string', default: '2' }, seed: { type: 'string', default: '7' } },
});
const clusterSample = Number(values['cluster-sample']);
const file = path.resolve(import.meta.dirname, '../../shared/data/en-intents-banking77.train.jsonl');
if (!fs.existsSync(file)) {
  console.error(`needs ${file} (../shared/data)`);
  process.exit(2);
}
const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
const gold = new Map(lines.map((l) => JSON.parse(l) as { id: string; label: string }).map((r) => [r.id, r.label]));

const random = seededRandom(Number(values.seed));
const shuffled = [...lines];
for (let i = shuffled.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-run-at-size-'));
console.log(`Banking77 train (${lines.length} questions, ${new Set(gold.values()).size} intents) through koe run, clusterSample ${clusterSample}, ${values.workers} worker(s)`);
try {
  for (const [order, rows] of [
    ['file order (grouped by intent)', lines],
    ['shuffled', shuffled],
  ] as const) {
    const input = path.join(dir, `${order.split(' ')[0]}.jsonl`);
    fs.writeFileSync(input, rows.join('\n') + '\n');
    const db = path.join(dir, `${order.split(' ')[0]}.db`);
    const t = performance.now();
    const summary = await runKoe({ db, inputs: [input], config: { workers: Number(values.workers), themes: { clusterSample } } });
    const themeOf = primaryThemeBySource(db);
    const ids = [...gold.keys()];
    // Unthemed documents count as one group of their own (as eval-themes.ts counts them).
    const m = clusterAgreement(ids.map((id) => gold.get(id)!), ids.map((id) => themeOf.get(id) ?? 'unthemed'));
    const unthemed = ids.filter((id) => !themeOf.has(id)).length / ids.length;
    console.log(
      `  ${order.padEnd(30)} AMI ${m.ami.toFixed(3)}  V-measure ${m.vMeasure.toFixed(3)}  themes ${summary.themes?.activeThemes ?? "?"}  ` +
        `unthemed ${(100 * unthemed).toFixed(1)}%  early step ${summary.earlyThemes ? `over ${summary.earlyThemes.documents}` : 'none'}  ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
