// The kNN graph theme discovery builds, timed alone and with its candidate scan shared with the helper thread
// (src/themes/knn-scan.ts), alternately, on clustered unit vectors of the early theme step's size (30,500 documents,
// 100 LSA dimensions, 20 neighbours). Checks that both give the same graph.
//   npm run bench:knn -- [--n 30500] [--dim 100] [--k 20] [--rounds 3]
import { parseArgs } from 'node:util';
import { buildKnnGraph } from '../src/themes/knn-graph.js';
import { seededRandom } from '../src/themes/seeded-random.js';
import { normalizeRows } from '../src/themes/vector-math.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '30500' },
    dim: { type: 'string', default: '100' },
    k: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
  },
});
const [n, dim, k, rounds] = [values.n, values.dim, values.k, values.rounds].map(Number) as [number, number, number, number];
const random = seededRandom(11);
const centres = Array.from({ length: 150 }, () => Array.from({ length: dim }, () => random() - 0.5));
const m = new Float32Array(n * dim);
for (let i = 0; i < n; i++) {
  const c = centres[Math.floor(random() * centres.length)]!;
  for (let d = 0; d < dim; d++) m[i * dim + d] = c[d]! + 0.8 * (random() - 0.5);
}
normalizeRows(m, dim);
// The helper starts with the first shared scan; give it time to load before timing.
buildKnnGraph(m, dim, Math.min(n, 9000), { k, random: seededRandom(1), sharedScanFrom: 1 });
await new Promise((resolve) => setTimeout(resolve, 2000));
console.log(`kNN graph of ${n.toLocaleString('en-US')} unit vectors, ${dim} dimensions, ${k} neighbours`);
let reference: Int32Array | null = null;
for (let r = 0; r < rounds; r++) {
  for (const sharedScanFrom of [Infinity, 1]) {
    const t = performance.now();
    const g = buildKnnGraph(m, dim, n, { k, random: seededRandom(1), sharedScanFrom });
    const secs = (performance.now() - t) / 1000;
    reference ??= g.neighbours.slice();
    const same = Buffer.from(g.neighbours.buffer, g.neighbours.byteOffset, g.neighbours.byteLength).equals(Buffer.from(reference.buffer));
    console.log(`  ${sharedScanFrom === Infinity ? 'alone ' : 'shared'} ${secs.toFixed(2)} s  helper scanned ${(g.helperRows ?? 0).toLocaleString('en-US')} rows  ${same ? 'same graph' : 'DIFFERENT GRAPH'}`);
    if (!same) process.exitCode = 1;
  }
}
