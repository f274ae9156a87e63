// Finds clusters among unit document vectors: kNN cosine graph → Louvain communities → small communities
// dissolved → their members (and any other loose document) join the nearest cluster when close enough.
// The number of clusters comes out of the graph; a target count is met by searching the resolution.
import { buildKnnGraph } from './knn-graph.js';
import { graphFromKnn, louvain } from './louvain.js';
import { graphSharpening } from './graph-sharpening.js';
import { seededRandom } from './seeded-random.js';
import { centroidOf, dot } from './vector-math.js';

export interface ClusterOptions {
  seed: number;
  neighbours: number;
  resolution: number;
  minClusterSize: number;
  assignThreshold: number;
  /** Desired number of clusters (approximate); automatic when absent. */
  target?: number;
  /** Set on the second pass over loose documents (no third). */
  secondChance?: boolean;
  /** Spherical k-means passes that polish the communities (documents move to their nearest centre). */
  refineIterations?: number;
  /** Exponent p of the graph's edge weights s^p; from the graph's own similarities when absent (graph-sharpening.ts). */
  sharpening?: number;
  /** Near-duplicate clusters whose centres have at least this cosine are merged (see mergeNearDuplicates); off when absent. */
  mergeSimilarity?: number;
}

export interface Clusters {
  /** Each cluster as row indices (into the vectors matrix), largest first. */
  members: number[][];
  centroids: Float32Array[];
  /** Rows that fit no cluster. */
  unclustered: number[];
}

export function hasVector(m: Float32Array, dim: number, r: number): boolean {
  for (let i = 0; i < dim; i++) if (m[r * dim + i] !== 0) return true;
  return false;
}

/** Clusters the given rows of `m` (n×dim, unit rows). */
export function discoverClusters(m: Float32Array, dim: number, rows: readonly number[], options: ClusterOptions): Clusters {
  const usable = rows.filter((r) => hasVector(m, dim, r));
  const empty = rows.filter((r) => !hasVector(m, dim, r));
  if (usable.length < Math.max(2, options.minClusterSize)) return { members: [], centroids: [], unclustered: [...rows] };

  // Pack the usable rows so the graph works on 0..n-1.
  const packed = new Float32Array(usable.length * dim);
  usable.forEach((r, i) => packed.set(m.subarray(r * dim, r * dim + dim), i * dim));
  const knn = buildKnnGraph(packed, dim, usable.length, { k: options.neighbours, random: seededRandom(options.seed) });
  // Similarities are sharpened (s^p, p from the graph: graph-sharpening.ts) so that communities follow the strongest
  // ties; the second pass over loose documents keeps weak ties, which is all they have.
  const sharpening = options.sharpening ?? graphSharpening(knn);
  const graph = graphFromKnn(knn, 0, options.secondChance ? 1 : sharpening);

  const cluster = (resolution: number): Clusters => {
    const communities = louvain(graph, { resolution });
    return finishClusters(packed, dim, communities, options);
  };
  let result: Clusters;
  if (options.target && options.target > 0) {
    // Resolution search: more resolution, more clusters. Bisection on log scale, keeping the closest count.
    let lo = Math.log(0.05);
    let hi = Math.log(50);
    result = cluster(options.resolution);
    for (let step = 0; step < 12 && result.members.length !== options.target; step++) {
      const mid = (lo + hi) / 2;
      const candidate = cluster(Math.exp(mid));
      if (Math.abs(candidate.members.length - options.target) < Math.abs(result.members.length - options.target)) result = candidate;
      if (candidate.members.length < options.target) lo = mid;
      else hi = mid;
    }
  } else result = cluster(options.resolution);

  // Back to the caller's row numbers.
  const out: Clusters = {
    members: result.members.map((c) => c.map((i) => usable[i]!)),
    centroids: result.centroids,
    unclustered: [...result.unclustered.map((i) => usable[i]!), ...empty].sort((a, b) => a - b),
  };
  // Second chance: loose documents can share a problem that the sharp graph cut into pairs (ja/en twins).
  if (!options.secondChance && out.unclustered.length >= options.minClusterSize * 2) {
    const again = discoverClusters(m, dim, out.unclustered, { ...options, resolution: options.resolution / 3, secondChance: true, target: undefined });
    out.members.push(...again.members);
    out.centroids.push(...again.centroids);
    out.unclustered = again.unclustered;
  }
  if (!options.secondChance && options.mergeSimilarity !== undefined && !options.target) return mergeNearDuplicates(m, dim, out, options.mergeSimilarity);
  return out;
}

/**
 * One issue, one theme: clusters whose centres have a cosine of at least `threshold` are merged. The cosine of two
 * unit centres ĉA·ĉB is how close A's members are, on average, to B's centre relative to their own centre
 * (mean x·ĉB / mean x·ĉA over x in A), so a threshold of 0.7 reads "A's documents are 70% as close to B as to
 * themselves". Pairs are taken most similar first and checked again against the merged centres (union-find), so a
 * chain of weak links does not glue unrelated clusters.
 */
export function mergeNearDuplicates(m: Float32Array, dim: number, clusters: Clusters, threshold: number): Clusters {
  const k = clusters.members.length;
  if (k < 2) return clusters;
  const pairs: { a: number; b: number; s: number }[] = [];
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const s = dot(clusters.centroids[a]!, 0, clusters.centroids[b]!, 0, dim);
      if (s >= threshold) pairs.push({ a, b, s });
    }
  }
  if (pairs.length === 0) return clusters;
  pairs.sort((x, y) => y.s - x.s || x.a - y.a || x.b - y.b);
  const parent = clusters.members.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const members = clusters.members.map((g) => g.slice());
  const centroids = clusters.centroids.slice();
  for (const { a, b } of pairs) {
    const ra = root(a);
    const rb = root(b);
    if (ra === rb) continue;
    if (dot(centroids[ra]!, 0, centroids[rb]!, 0, dim) < threshold) continue;
    const [keep, gone] = ra < rb ? [ra, rb] : [rb, ra];
    parent[gone] = keep;
    members[keep] = [...members[keep]!, ...members[gone]!];
    members[gone] = [];
    centroids[keep] = centroidOf(m, dim, members[keep]!);
  }
  const kept = members.map((g, i) => ({ g: g.sort((x, y) => x - y), c: centroids[i]! })).filter((x) => x.g.length > 0);
  kept.sort((x, y) => y.g.length - x.g.length || x.g[0]! - y.g[0]!);
  return { members: kept.map((x) => x.g), centroids: kept.map((x) => x.c), unclustered: clusters.unclustered };
}

function finishClusters(m: Float32Array, dim: number, communities: Int32Array, options: ClusterOptions): Clusters {
  const groups = new Map<number, number[]>();
  communities.forEach((c, i) => {
    const g = groups.get(c);
    if (g) g.push(i);
    else groups.set(c, [i]);
  });
  const kept = [...groups.values()].filter((g) => g.length >= options.minClusterSize);
  let loose = [...groups.values()].filter((g) => g.length < options.minClusterSize).flat();
  kept.sort((a, b) => b.length - a.length || a[0]! - b[0]!);
  let centroids = kept.map((g) => centroidOf(m, dim, g));
  let members = kept.map((g) => g.slice());
  const n = m.length / dim;
  for (let it = 0; it < (options.refineIterations ?? 0) && centroids.length > 1; it++) {
    const wasLoose = new Uint8Array(n);
    for (const r of loose) wasLoose[r] = 1;
    const next: number[][] = centroids.map(() => []);
    const nextLoose: number[] = [];
    for (let r = 0; r < n; r++) {
      const best = nearest(m, dim, r, centroids);
      if (wasLoose[r] && best.similarity < options.assignThreshold) nextLoose.push(r);
      else next[best.index]!.push(r);
    }
    members = next.filter((g) => g.length >= options.minClusterSize);
    loose = [...nextLoose, ...next.filter((g) => g.length < options.minClusterSize).flat()];
    members.sort((a, b) => b.length - a.length || a[0]! - b[0]!);
    centroids = members.map((g) => centroidOf(m, dim, g));
  }
  const unclustered: number[] = [];
  for (const r of loose.sort((a, b) => a - b)) {
    const best = nearest(m, dim, r, centroids);
    if (best.index >= 0 && best.similarity >= options.assignThreshold) members[best.index]!.push(r);
    else unclustered.push(r);
  }
  for (const g of members) g.sort((a, b) => a - b);
  return { members, centroids, unclustered };
}

export function nearest(m: Float32Array, dim: number, r: number, centroids: readonly Float32Array[]): { index: number; similarity: number } {
  let index = -1;
  let similarity = -Infinity;
  centroids.forEach((c, i) => {
    const s = dot(m, r * dim, c, 0, dim);
    if (s > similarity) {
      similarity = s;
      index = i;
    }
  });
  return { index, similarity };
}

/** A seeded choice of `k` of `rows`, in row order (the same rows for the same input and seed). */
export function sampleRows(rows: readonly number[], k: number, seed: number): number[] {
  if (rows.length <= k) return [...rows];
  const random = seededRandom(seed ^ 0x5a17);
  const pool = [...rows];
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, k).sort((a, b) => a - b);
}

/**
 * discoverClusters at any size: up to `maxDocs` rows are clustered as they are; beyond, the clusters are found on a
 * seeded sample of `maxDocs` rows and every other row joins its nearest cluster centre when close enough
 * (assignThreshold), as a new document does in an incremental run. The kNN graph and Louvain then cost the same
 * at a million documents as at `maxDocs`, and assignment is linear in the rest.
 */
export function discoverClustersSampled(m: Float32Array, dim: number, rows: readonly number[], options: ClusterOptions & { maxDocs: number }): Clusters {
  if (rows.length <= options.maxDocs) return discoverClusters(m, dim, rows, options);
  const sample = sampleRows(rows, options.maxDocs, options.seed);
  const found = discoverClusters(m, dim, sample, options);
  const inSample = new Set(sample);
  const members = found.members.map((g) => g.slice());
  const unclustered = [...found.unclustered];
  for (const r of rows) {
    if (inSample.has(r)) continue;
    const best = nearest(m, dim, r, found.centroids);
    if (best.index >= 0 && best.similarity >= options.assignThreshold) members[best.index]!.push(r);
    else unclustered.push(r);
  }
  for (const g of members) g.sort((a, b) => a - b);
  return { members, centroids: found.centroids, unclustered: unclustered.sort((a, b) => a - b) };
}
