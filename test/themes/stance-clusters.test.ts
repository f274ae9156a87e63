// Stance in theme discovery (discover-clusters.ts): praise and problems that share their words are clustered apart,
// and praise clusters tied by the kNN graph merge (mergeConnectedClusters) while problem clusters stay as found.
import { describe, expect, it } from 'vitest';
import { discoverClusters, louvainByStance, mergeConnectedClusters, stanceAssortativity } from '../../src/themes/discover-clusters.js';
import { buildKnnGraph } from '../../src/themes/knn-graph.js';
import { graphFromKnn, louvain, type WeightedGraph } from '../../src/themes/louvain.js';
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

describe('louvainByStance', () => {
  /** An undirected graph in CSR form from weighted edges. */
  function graphOf(n: number, edges: [number, number, number][]): WeightedGraph {
    const adjacency: [number, number][][] = Array.from({ length: n }, () => []);
    for (const [a, b, w] of edges) {
      adjacency[a]!.push([b, w]);
      adjacency[b]!.push([a, w]);
    }
    const offsets = new Int32Array(n + 1);
    adjacency.forEach((list, i) => (offsets[i + 1] = offsets[i]! + list.length));
    const sorted = adjacency.map((list) => list.sort((x, y) => x[0] - y[0]));
    return { n, offsets, targets: Int32Array.from(sorted.flat().map(([j]) => j)), weights: Float64Array.from(sorted.flat().map(([, w]) => w)) };
  }
  const clique = (from: number, size: number): [number, number, number][] =>
    Array.from({ length: size }, (_, i) => Array.from({ length: size - i - 1 }, (_, j): [number, number, number] => [from + i, from + i + j + 1, 1])).flat();
  // Praise (stance 1): two cliques of five (rows 0–4, 5–9) with weak ties between every pair across them. Problems
  // (stance 0): eight cliques of ten (rows 10–89), nine tenths of the graph's weight. No edge joins the stances.
  const edges: [number, number, number][] = [...clique(0, 5), ...clique(5, 5)];
  for (let a = 0; a < 5; a++) for (let b = 5; b < 10; b++) edges.push([a, b, 0.1]);
  for (let c = 0; c < 8; c++) edges.push(...clique(10 + 10 * c, 10));
  const graph = graphOf(90, edges);
  const stance = Int32Array.from({ length: 90 }, (_, i) => (i < 10 ? 1 : 0));

  it('cuts each stance at the resolution for its own size, where the whole graph would lump the small one', () => {
    // Over the whole graph the praise pair is measured against all the problems' weight and merges.
    const whole = louvain(graph, { resolution: 1 });
    expect(whole[0]).toBe(whole[5]);
    const byStance = louvainByStance(graph, stance, 1);
    expect(byStance[0]).not.toBe(byStance[5]);
    // Each clique is one community, and no community holds two stances.
    for (let c = 0; c < 10; c++) expect(new Set(byStance.subarray(c < 2 ? 5 * c : 10 * c - 10, c < 2 ? 5 * c + 5 : 10 * c)).size).toBe(1);
    expect(new Set(byStance).size).toBe(10);
    for (let i = 0; i < 10; i++) for (let j = 10; j < 90; j++) expect(byStance[i]).not.toBe(byStance[j]);
  });
});
