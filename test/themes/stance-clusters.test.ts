// Stance in theme discovery (discover-clusters.ts): praise and problems that share their words are clustered apart,
// and praise clusters tied by the kNN graph merge (mergeConnectedClusters) while problem clusters stay as found.
import { describe, expect, it } from 'vitest';
import { discoverClusters, mergeConnectedClusters, stanceAssortativity } from '../../src/themes/discover-clusters.js';
import { buildKnnGraph } from '../../src/themes/knn-graph.js';
import { graphFromKnn } from '../../src/themes/louvain.js';
import { seededRandom } from '../../src/seeded-random.js';
import { stanceOfKind } from '../../src/themes/update-theme-set.js';

/** Noisy unit vectors around axis `axis` of `dim`. */
function around(axis: number, count: number, dim: number, random: () => number): number[][] {
  return Array.from({ length: count }, () => {
    const v = Array.from({ length: dim }, (_, i) => (i === axis ? 1 : 0) + (random() - 0.5) * 0.3);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

describe('stance in discoverClusters', () => {
  const options = { seed: 1, neighbours: 8, resolution: 1, minClusterSize: 5, assignThreshold: 0.3 };

  it('keeps praise and complaints about the same thing apart when a stance is given', () => {
    const random = seededRandom(5);
    const dim = 8;
    // 40 rows about "delivery" (axis 0): the even ones praise it, with a little of their own words (axis 7), the odd
    // ones complain; 40 about "login" (axis 1).
    const stance = Array.from({ length: 80 }, (_, r) => (r < 40 && r % 2 === 0 ? 1 : 0));
    const rows = [...around(0, 40, dim, random), ...around(1, 40, dim, random)].map((v, r) => {
      if (!stance[r]) return v;
      const w = v.map((x, i) => x + (i === 7 ? 0.15 : 0));
      const norm = Math.hypot(...w);
      return w.map((x) => x / norm);
    });
    const m = new Float32Array(rows.flat());
    const all = rows.map((_, r) => r);
    const knn = buildKnnGraph(m, dim, rows.length, { k: options.neighbours, random: seededRandom(options.seed) });
    expect(stanceAssortativity(knn, stance)).toBeGreaterThan(0.3);
    const mixed = (members: number[][]): number => members.filter((g) => new Set(g.map((r) => stance[r])).size > 1).length;
    // Without a stance the words decide: praise and complaints about delivery share a cluster.
    expect(mixed(discoverClusters(m, dim, all, options).members)).toBeGreaterThan(0);
    const withStance = discoverClusters(m, dim, all, { ...options, stance });
    expect(mixed(withStance.members)).toBe(0);
    expect(withStance.members.flat().sort((a, b) => a - b)).toEqual(all);
    expect(withStance.stances).toEqual(withStance.members.map((g) => stance[g[0]!]));
    expect(new Set(withStance.stances)).toEqual(new Set([0, 1]));
  });

  it('ignores a stance that cuts across the text (upbeat news, stray labels): the clusters are those without it', () => {
    const random = seededRandom(9);
    const dim = 8;
    const rows = [...around(0, 40, dim, random), ...around(1, 40, dim, random)];
    const m = new Float32Array(rows.flat());
    // Every third row "praise", whatever it says.
    const stance = rows.map((_, r) => (r % 3 === 0 ? 1 : 0));
    const all = rows.map((_, r) => r);
    const knn = buildKnnGraph(m, dim, rows.length, { k: options.neighbours, random: seededRandom(options.seed) });
    expect(stanceAssortativity(knn, stance)).toBeLessThan(0.3);
    const withStance = discoverClusters(m, dim, all, { ...options, stance });
    expect(withStance.stances).toBeUndefined();
    expect(withStance.members).toEqual(discoverClusters(m, dim, all, options).members);
  });

  it('measures assortativity: 1 when edges join only one stance, about 0 when they ignore it', () => {
    const knn = { n: 4, k: 1, neighbours: Int32Array.from([1, 0, 3, 2]), similarities: Float32Array.from([1, 1, 1, 1]) };
    expect(stanceAssortativity(knn, [1, 1, 0, 0])).toBeCloseTo(1);
    expect(stanceAssortativity(knn, [1, 0, 1, 0])).toBeCloseTo(-1);
    expect(stanceAssortativity(knn, [0, 0, 0, 0])).toBe(0);
  });

  it('takes the stance from the feedback kind: praise apart, requests and questions with problems', () => {
    expect(stanceOfKind('praise')).toBe(1);
    for (const kind of ['bug', 'complaint', 'feature_request', 'question', 'other', null] as const) expect(stanceOfKind(kind)).toBe(0);
  });
});

describe('mergeConnectedClusters', () => {
  // Eight nodes in four clusters of two; clusters 0–1 (praise) and 2–3 (problems) are tied alike: a strong tie
  // inside each cluster, a moderate one between the two of a stance.
  const knn = {
    n: 8,
    k: 2,
    neighbours: Int32Array.from([1, 2, 0, 3, 3, 0, 2, 1, 5, 6, 4, 7, 7, 4, 6, 5]),
    similarities: Float32Array.from([0.9, 0.5, 0.9, 0.5, 0.9, 0.5, 0.9, 0.5, 0.9, 0.5, 0.9, 0.5, 0.9, 0.5, 0.9, 0.5]),
  };
  const dim = 2;
  const m = new Float32Array([1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1]);
  const clusters = {
    members: [[0, 1], [2, 3], [4, 5], [6, 7]],
    centroids: [new Float32Array([1, 0]), new Float32Array([0, 1]), new Float32Array([1, 0]), new Float32Array([0, 1])],
    unclustered: [],
    stances: [1, 1, 0, 0],
  };
  const clusterOf = Int32Array.from([0, 0, 1, 1, 2, 2, 3, 3]);

  it('merges the praise clusters that joining gains modularity for, and leaves the problem clusters', () => {
    const merged = mergeConnectedClusters(m, dim, clusters, graphFromKnn(knn), clusterOf, { stance: 1, resolution: 1 });
    expect(merged.members).toEqual([[0, 1, 2, 3], [4, 5], [6, 7]]);
    expect(merged.stances).toEqual([1, 0, 0]);
  });

  it('merges nothing when the resolution asks for more ties than there are', () => {
    const merged = mergeConnectedClusters(m, dim, clusters, graphFromKnn(knn), clusterOf, { stance: 1, resolution: 8 });
    expect(merged.members).toEqual(clusters.members);
  });
});
