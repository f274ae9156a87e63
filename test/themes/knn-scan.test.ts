// The neighbour search's candidate scan shared with a helper thread (src/themes/knn-scan.ts): the graph is the same,
// bit for bit, as one thread's, and the helper really takes rows once it has started.
import { describe, expect, it } from 'vitest';
import { buildKnnGraph } from '../../src/themes/knn-graph.js';
import { seededRandom } from '../../src/themes/seeded-random.js';
import { normalizeRows } from '../../src/themes/vector-math.js';

function clusteredUnitVectors(n: number, dim: number): Float32Array {
  const random = seededRandom(11);
  const centres = Array.from({ length: 12 }, () => Array.from({ length: dim }, () => random() - 0.5));
  const m = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const c = centres[i % centres.length]!;
    for (let d = 0; d < dim; d++) m[i * dim + d] = c[d]! + 0.4 * (random() - 0.5);
  }
  normalizeRows(m, dim);
  return m;
}

describe('buildKnnGraph with the scan shared', () => {
  it('gives the graph one thread gives, and the helper thread scans rows of it', async () => {
    const [n, dim] = [4000, 24];
    const m = clusteredUnitVectors(n, dim);
    const options = { k: 10, exactLimit: 100 };
    const alone = buildKnnGraph(m, dim, n, { ...options, random: seededRandom(5), sharedScanFrom: Infinity });
    expect(alone.helperRows).toBe(0);
    expect(alone.neighbours.every((j) => j >= 0)).toBe(true);
    // The helper starts with the first shared scan and takes part once it is up: until then the caller scans alone.
    let helped = 0;
    for (let attempt = 0; attempt < 60 && helped === 0; attempt++) {
      const shared = buildKnnGraph(m, dim, n, { ...options, random: seededRandom(5), sharedScanFrom: 1 });
      expect(Buffer.from(shared.neighbours.buffer).equals(Buffer.from(alone.neighbours.buffer))).toBe(true);
      expect(Buffer.from(shared.similarities.buffer).equals(Buffer.from(alone.similarities.buffer))).toBe(true);
      helped = shared.helperRows ?? 0;
      if (helped === 0) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(helped).toBeGreaterThan(0);
    expect(helped).toBeLessThan(n);
  }, 60_000);
});
