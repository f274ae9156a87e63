// Stance in theme discovery (discover-clusters.ts): praise and problems that share their words are clustered apart,
// and praise clusters tied by the kNN graph merge (mergeConnectedClusters) while problem clusters stay as found.
import { describe, expect, it } from 'vitest';
import { discoverClusters, mergeConnectedClusters } from '../../src/themes/discover-clusters.js';
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
    // 40 rows about "delivery" (axis 0): the even ones praise, the odd ones complain; 40 about "login" (axis 1).
    const rows = [...around(0, 40, dim, random), ...around(1, 40, dim, random)];
    const m = new Float32Array(rows.flat());
    const stance = rows.map((_, r) => (r < 40 && r % 2 === 0 ? 1 : 0));
    const all = rows.map((_, r) => r);
    const mixed = (members: number[][]): number => members.filter((g) => new Set(g.map((r) => stance[r])).size > 1).length;
    // Without a stance the words decide: praise and complaints about delivery share a cluster.
    expect(mixed(discoverClusters(m, dim, all, options).members)).toBeGreaterThan(0);
    const withStance = discoverClusters(m, dim, all, { ...options, stance });
    expect(mixed(withStance.members)).toBe(0);
    expect(withStance.members.flat().sort((a, b) => a - b)).toEqual(all);
    expect(withStance.stances).toEqual(withStance.members.map((g) => stance[g[0]!]));
    expect(new Set(withStance.stances)).toEqual(new Set([0, 1]));
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
