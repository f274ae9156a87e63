// Louvain community detection (Blondel et al. 2008) with a resolution parameter, over a weighted undirected graph
// in CSR form. Communities of a kNN cosine graph find the number of themes by themselves and suit short texts,
// where centroid methods and silhouette struggle. Node order is fixed and ties go to the first candidate, so the
// result is deterministic.
import type { KnnGraph } from './knn-graph.js';

export interface WeightedGraph {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
}

/** Symmetrised kNN graph: w(i,j) = (max of the two directed similarities)^power, only positive ones kept. */
export function graphFromKnn(knn: KnnGraph, minSimilarity = 0, power = 1): WeightedGraph {
  const maps: Map<number, number>[] = Array.from({ length: knn.n }, () => new Map());
  for (let i = 0; i < knn.n; i++) {
    for (let p = 0; p < knn.k; p++) {
      const j = knn.neighbours[i * knn.k + p]!;
      const raw = knn.similarities[i * knn.k + p]!;
      if (j < 0 || !(raw > minSimilarity)) continue;
      const s = raw ** power;
      if ((maps[i]!.get(j) ?? 0) < s) maps[i]!.set(j, s);
      if ((maps[j]!.get(i) ?? 0) < s) maps[j]!.set(i, s);
    }
  }
  return graphFromMaps(maps);
}

function graphFromMaps(maps: Map<number, number>[]): WeightedGraph {
  let total = 0;
  for (const m of maps) total += m.size;
  const offsets = new Int32Array(maps.length + 1);
  const targets = new Int32Array(total);
  const weights = new Float64Array(total);
  let k = 0;
  maps.forEach((m, i) => {
    for (const [j, w] of [...m.entries()].sort((a, b) => a[0] - b[0])) {
      targets[k] = j;
      weights[k] = w;
      k++;
    }
    offsets[i + 1] = k;
  });
  return { n: maps.length, offsets, targets, weights };
}

export interface LouvainOptions {
  resolution?: number;
  maxLevels?: number;
  maxPasses?: number;
}

/** Community of every node, numbered 0.. in order of first appearance. */
export function louvain(graph: WeightedGraph, options: LouvainOptions = {}): Int32Array {
  const resolution = options.resolution ?? 1;
  let g = graph;
  // membership[i] = node of the current level that original node i belongs to.
  const membership = Int32Array.from({ length: graph.n }, (_, i) => i);
  for (let level = 0; level < (options.maxLevels ?? 10); level++) {
    const { community, moved } = localMoving(g, resolution, options.maxPasses ?? 20);
    const { renumbered, count } = renumber(community);
    for (let i = 0; i < membership.length; i++) membership[i] = renumbered[membership[i]!]!;
    if (!moved || count === g.n) break;
    g = aggregate(g, renumbered, count);
  }
  return renumber(membership).renumbered;
}

function localMoving(g: WeightedGraph, resolution: number, maxPasses: number): { community: Int32Array; moved: boolean } {
  const n = g.n;
  const degree = new Float64Array(n);
  const selfLoop = new Float64Array(n);
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    for (let p = g.offsets[i]!; p < g.offsets[i + 1]!; p++) {
      degree[i]! += g.weights[p]!;
      if (g.targets[p] === i) selfLoop[i]! += g.weights[p]!;
    }
    m2 += degree[i]!;
  }
  const community = Int32Array.from({ length: n }, (_, i) => i);
  const total = Float64Array.from(degree);
  if (m2 <= 0) return { community, moved: false };
  const neighbourWeight = new Float64Array(n);
  const touched: number[] = [];
  let movedAny = false;
  for (let pass = 0; pass < maxPasses; pass++) {
    let moves = 0;
    for (let i = 0; i < n; i++) {
      const own = community[i]!;
      touched.length = 0;
      for (let p = g.offsets[i]!; p < g.offsets[i + 1]!; p++) {
        const j = g.targets[p]!;
        if (j === i) continue;
        const c = community[j]!;
        if (neighbourWeight[c] === 0) touched.push(c);
        neighbourWeight[c]! += g.weights[p]!;
      }
      total[own]! -= degree[i]!;
      const ki = degree[i]!;
      let best = own;
      let bestGain = neighbourWeight[own]! - (resolution * total[own]! * ki) / m2;
      for (const c of touched) {
        const gain = neighbourWeight[c]! - (resolution * total[c]! * ki) / m2;
        if (gain > bestGain + 1e-12) {
          bestGain = gain;
          best = c;
        }
      }
      total[best]! += ki;
      if (best !== own) {
        community[i] = best;
        moves++;
      }
      for (const c of touched) neighbourWeight[c] = 0;
      neighbourWeight[own] = 0;
    }
    if (moves === 0) break;
    movedAny = true;
  }
  return { community, moved: movedAny };
}

function renumber(labels: Int32Array): { renumbered: Int32Array; count: number } {
  const map = new Map<number, number>();
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    let v = map.get(labels[i]!);
    if (v === undefined) {
      v = map.size;
      map.set(labels[i]!, v);
    }
    out[i] = v;
  }
  return { renumbered: out, count: map.size };
}

function aggregate(g: WeightedGraph, community: Int32Array, count: number): WeightedGraph {
  const maps: Map<number, number>[] = Array.from({ length: count }, () => new Map());
  for (let i = 0; i < g.n; i++) {
    const ci = community[i]!;
    const m = maps[ci]!;
    for (let p = g.offsets[i]!; p < g.offsets[i + 1]!; p++) {
      const cj = community[g.targets[p]!]!;
      m.set(cj, (m.get(cj) ?? 0) + g.weights[p]!);
    }
  }
  return graphFromMaps(maps);
}

/** The subgraph induced by `rows` (its nodes numbered 0.. in the order of `rows`); edges leaving `rows` are dropped. */
export function inducedSubgraph(graph: WeightedGraph, rows: readonly number[]): WeightedGraph {
  const local = new Map(rows.map((r, i) => [r, i]));
  const maps: Map<number, number>[] = rows.map(() => new Map());
  rows.forEach((r, i) => {
    for (let p = graph.offsets[r]!; p < graph.offsets[r + 1]!; p++) {
      const j = local.get(graph.targets[p]!);
      if (j !== undefined) maps[i]!.set(j, graph.weights[p]!);
    }
  });
  return graphFromMaps(maps);
}
