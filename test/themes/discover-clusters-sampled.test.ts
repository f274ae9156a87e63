import { describe, expect, it } from 'vitest';
import { discoverClusters, discoverClustersSampled, sampleRows } from '../../src/themes/discover-clusters.js';
import { seededRandom } from '../../src/seeded-random.js';

/** `perGroup` noisy unit vectors around each of `groups` orthogonal directions. */
function groupedVectors(groups: number, perGroup: number, dim: number): { m: Float32Array; gold: number[] } {
  const random = seededRandom(3);
  const n = groups * perGroup;
  const m = new Float32Array(n * dim);
  const gold: number[] = [];
  for (let r = 0; r < n; r++) {
    const g = r % groups;
    gold.push(g);
    let norm = 0;
    for (let i = 0; i < dim; i++) {
      const v = (i === g ? 1 : 0) + (random() - 0.5) * 0.3;
      m[r * dim + i] = v;
      norm += v * v;
    }
    for (let i = 0; i < dim; i++) m[r * dim + i]! /= Math.sqrt(norm);
  }
  return { m, gold };
}

describe('discoverClustersSampled', () => {
  const options = { seed: 1, neighbours: 8, resolution: 1, minClusterSize: 5, assignThreshold: 0.3 };

  it('clusters a seeded sample and assigns every other row to its nearest cluster: the same groups as clustering all', () => {
    const dim = 12;
    const { m, gold } = groupedVectors(6, 200, dim);
    const rows = gold.map((_, i) => i);
    const sampled = discoverClustersSampled(m, dim, rows, { ...options, maxDocs: 300 });
    const full = discoverClusters(m, dim, rows, options);
    expect(sampled.members).toHaveLength(6);
    expect(full.members).toHaveLength(6);
    // Every row is placed exactly once, and each cluster is one gold group.
    const placed = [...sampled.members.flat(), ...sampled.unclustered].sort((a, b) => a - b);
    expect(placed).toEqual(rows);
    for (const members of sampled.members) expect(new Set(members.map((r) => gold[r])).size).toBe(1);
    // The same input and seed give the same clusters.
    expect(discoverClustersSampled(m, dim, rows, { ...options, maxDocs: 300 }).members).toEqual(sampled.members);
  });

  it('is plain discoverClusters up to maxDocs', () => {
    const dim = 12;
    const { m, gold } = groupedVectors(3, 50, dim);
    const rows = gold.map((_, i) => i);
    expect(discoverClustersSampled(m, dim, rows, { ...options, maxDocs: 1000 })).toEqual(discoverClusters(m, dim, rows, options));
  });

  it('samples k rows without repeats, in row order, the same for the same seed', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => i * 2);
    const a = sampleRows(rows, 100, 7);
    expect(a).toHaveLength(100);
    expect(new Set(a).size).toBe(100);
    expect([...a].sort((x, y) => x - y)).toEqual(a);
    expect(sampleRows(rows, 100, 7)).toEqual(a);
    expect(sampleRows(rows, 100, 8)).not.toEqual(a);
  });
});
