// Finds clusters among unit document vectors: kNN cosine graph → Louvain communities → small communities
// dissolved → their members (and any other loose document) join the nearest cluster when close enough.
// The number of clusters comes out of the graph; a target count is met by searching the resolution.
import { buildKnnGraph, type KnnGraph } from './knn-graph.js';
import { graphFromKnn, inducedSubgraph, louvain, type WeightedGraph } from './louvain.js';
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
  /**
   * Stance of each row of the matrix (by row number; see stanceOfKind in update-theme-set.ts: praise 1, anything
   * else 0). When the stance follows the text (its assortativity on the kNN graph is at least STANCE_ASSORTATIVITY),
   * the similarity graph links only rows of one stance and the k-means passes move a row only among clusters of its
   * stance, so "fast delivery, thank you" and "my delivery is late" are never one theme.
   */
  stance?: ArrayLike<number>;
  /** Set on the second pass: the stance was already found to follow the text (or is absent). */
  stanceChecked?: boolean;
  /**
   * Clusters of this stance are merged while modularity at `resolution` gains (see mergeConnectedClusters). Needs
   * `stance`.
   */
  stanceMerge?: { stance: number; resolution: number };
}

export interface Clusters {
  /** Each cluster as row indices (into the vectors matrix), largest first. */
  members: number[][];
  centroids: Float32Array[];
  /** Rows that fit no cluster. */
  unclustered: number[];
  /** Stance of each cluster (that of most of its members) when a stance was given and followed the text. */
  stances?: number[];
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
  const plainKnn = buildKnnGraph(packed, dim, usable.length, { k: options.neighbours, random: seededRandom(options.seed) });
  const given = options.stance ? Int32Array.from(usable, (r) => options.stance![r]!) : null;
  const stance = given && (options.stanceChecked || stanceAssortativity(plainKnn, given) >= STANCE_ASSORTATIVITY) ? given : null;
  const knn = stance ? knnWithinStance(packed, dim, stance, options) : plainKnn;
  // Similarities are sharpened (s^p, p from the graph's own similarities, before any stance split:
  // graph-sharpening.ts) so that communities follow the strongest ties; the second pass over loose documents keeps
  // weak ties, which is all they have.
  const sharpening = options.sharpening ?? graphSharpening(plainKnn);
  const graph = graphFromKnn(knn, 0, options.secondChance ? 1 : sharpening);

  const cluster = (resolution: number): Clusters => {
    const communities = stance ? louvainByStance(graph, stance, resolution) : louvain(graph, { resolution });
    return finishClusters(packed, dim, communities, options, stance);
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
    ...(stance ? { stances: Array.from(clusterStances(result.members, stance)) } : {}),
  };
  // Second chance: loose documents can share a problem that the sharp graph cut into pairs (ja/en twins).
  if (!options.secondChance && out.unclustered.length >= options.minClusterSize * 2) {
    const again = discoverClusters(m, dim, out.unclustered, {
      ...options,
      resolution: options.resolution / 3,
      secondChance: true,
      target: undefined,
      stance: stance ? options.stance : undefined,
      stanceChecked: true,
    });
    out.members.push(...again.members);
    out.centroids.push(...again.centroids);
    out.unclustered = again.unclustered;
    if (out.stances && again.stances) out.stances.push(...again.stances);
  }
  if (options.secondChance || options.target) return out;
  let merged = out;
  if (options.stanceMerge && stance) {
    // On the plain similarities (not sharpened): the ties between two wordings or two languages of one praise are
    // moderate, and the sharpened graph all but drops them.
    const packedRow = new Map(usable.map((r, i) => [r, i]));
    const clusterOf = new Int32Array(usable.length).fill(-1);
    out.members.forEach((g, c) =>
      g.forEach((r) => {
        const i = packedRow.get(r);
        if (i !== undefined) clusterOf[i] = c;
      }),
    );
    merged = mergeConnectedClusters(m, dim, out, graphFromKnn(knn, 0, 1), clusterOf, options.stanceMerge);
  }
  if (options.mergeSimilarity !== undefined) return mergeNearDuplicates(m, dim, merged, options.mergeSimilarity);
  return merged;
}

/**
 * One issue, one theme, for the clusters of one stance (praise): two clusters merge while joining them raises the
 * modularity of the kNN graph at `resolution` — the graph weight between them exceeds resolution × (degree of A ×
 * degree of B) / (total degree), the test Louvain applies when it moves a node — the pair that gains most first,
 * then again with the merged cluster's weights (Clauset–Newman–Moore greedy agglomeration over clusters). Clusters
 * of other stances are left as they are. `clusterOf[i]`: the cluster of graph node i (-1 for none).
 */
export function mergeConnectedClusters(
  m: Float32Array,
  dim: number,
  clusters: Clusters,
  graph: WeightedGraph,
  clusterOf: Int32Array,
  merge: { stance: number; resolution: number },
): Clusters {
  const k = clusters.members.length;
  const stances = clusters.stances;
  if (k < 2 || !stances) return clusters;
  const between = Array.from({ length: k }, () => new Map<number, number>());
  const degree = new Float64Array(k);
  let totalDegree = 0;
  for (let i = 0; i < graph.n; i++) {
    const a = clusterOf[i]!;
    for (let p = graph.offsets[i]!; p < graph.offsets[i + 1]!; p++) {
      const w = graph.weights[p]!;
      totalDegree += w;
      if (a < 0) continue;
      degree[a]! += w;
      const b = clusterOf[graph.targets[p]!]!;
      if (b >= 0 && b !== a) between[a]!.set(b, (between[a]!.get(b) ?? 0) + w);
    }
  }
  if (totalDegree <= 0) return clusters;
  const members = clusters.members.map((g) => g.slice());
  const alive = members.map((_, c) => stances[c] === merge.stance);
  for (;;) {
    let best = { a: -1, b: -1, gain: 0 };
    for (let a = 0; a < k; a++) {
      if (!alive[a]) continue;
      for (const [b, w] of between[a]!) {
        if (b <= a || !alive[b]) continue;
        const gain = w - (merge.resolution * degree[a]! * degree[b]!) / totalDegree;
        if (gain > best.gain + 1e-12) best = { a, b, gain };
      }
    }
    if (best.a < 0) break;
    const { a, b } = best;
    alive[b] = false;
    members[a] = [...members[a]!, ...members[b]!];
    members[b] = [];
    degree[a]! += degree[b]!;
    for (const [c, w] of between[b]!) {
      if (c === a) continue;
      between[a]!.set(c, (between[a]!.get(c) ?? 0) + w);
      between[c]!.set(a, (between[c]!.get(a) ?? 0) + w);
      between[c]!.delete(b);
    }
    between[a]!.delete(b);
  }
  const kept = members.map((g, c) => ({ g: g.sort((x, y) => x - y), stance: stances[c]! })).filter((x) => x.g.length > 0);
  kept.sort((x, y) => y.g.length - x.g.length || x.g[0]! - y.g[0]!);
  return {
    members: kept.map((x) => x.g),
    centroids: kept.map((x) => centroidOf(m, dim, x.g)),
    unclustered: clusters.unclustered,
    stances: kept.map((x) => x.stance),
  };
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
      if (clusters.stances && clusters.stances[a] !== clusters.stances[b]) continue;
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
  const kept = members.map((g, i) => ({ g: g.sort((x, y) => x - y), c: centroids[i]!, stance: clusters.stances?.[i] })).filter((x) => x.g.length > 0);
  kept.sort((x, y) => y.g.length - x.g.length || x.g[0]! - y.g[0]!);
  return {
    members: kept.map((x) => x.g),
    centroids: kept.map((x) => x.c),
    unclustered: clusters.unclustered,
    ...(clusters.stances ? { stances: kept.map((x) => x.stance!) } : {}),
  };
}

/**
 * A stance is applied only when it follows the text: the classifier's praise on feedback is written as praise and
 * sits together (assortativity 0.50 on the sample), while on news articles with upbeat words (livedoor, 29% "praise",
 * 0.10) or on support questions with stray praise labels (Banking77, 1%, 0.04) it cuts across the topics, and setting
 * it apart split them (livedoor AMI through koe run 0.371 → 0.290; Banking77 0.616 → 0.600). Small feedback corpora
 * read lower, their kNN neighbourhoods being a larger share of them: the sample's 397 NPS answers 0.32, its first 255
 * app reviews 0.27 and its 504 tickets 0.23 (all 625 reviews 0.50); livedoor at 270 articles 0.07, Banking77 at 539
 * questions 0.003. At 0.3 the 255 reviews' delivery-fee theme held 17 praise records among 43 (session 19).
 */
export const STANCE_ASSORTATIVITY = 0.2;

/**
 * Newman's assortativity of a two-valued stance over the directed kNN edges: 1 when edges join only rows of one
 * stance, 0 when they join rows as often as the stance shares predict.
 */
export function stanceAssortativity(knn: KnnGraph, stance: ArrayLike<number>): number {
  let same = 0;
  let ends = 0;
  let edges = 0;
  for (let i = 0; i < knn.n; i++) {
    for (let p = 0; p < knn.k; p++) {
      const j = knn.neighbours[i * knn.k + p]!;
      if (j < 0) continue;
      edges++;
      const a = stance[i] ? 1 : 0;
      const b = stance[j] ? 1 : 0;
      ends += a + b;
      if (a === 1 && b === 1) same++;
    }
  }
  if (edges === 0) return 0;
  const share = ends / (2 * edges);
  const spread = share - share * share;
  return spread <= 0 ? 0 : (same / edges - share * share) / spread;
}

/** One kNN graph over all rows whose edges stay inside a stance: each stance's graph is built on its rows alone. */
function knnWithinStance(packed: Float32Array, dim: number, stance: Int32Array, options: ClusterOptions): KnnGraph {
  const n = stance.length;
  const k = Math.max(1, Math.min(options.neighbours, n - 1));
  const neighbours = new Int32Array(n * k).fill(-1);
  const similarities = new Float32Array(n * k).fill(-Infinity);
  for (const value of [...new Set(stance)].sort((a, b) => a - b)) {
    const rows: number[] = [];
    stance.forEach((s, i) => {
      if (s === value) rows.push(i);
    });
    if (rows.length < 2) continue;
    const sub = new Float32Array(rows.length * dim);
    rows.forEach((r, i) => sub.set(packed.subarray(r * dim, r * dim + dim), i * dim));
    const g = buildKnnGraph(sub, dim, rows.length, { k: options.neighbours, random: seededRandom(options.seed + value) });
    rows.forEach((r, i) => {
      for (let p = 0; p < g.k; p++) {
        const j = g.neighbours[i * g.k + p]!;
        if (j < 0) continue;
        neighbours[r * k + p] = rows[j]!;
        similarities[r * k + p] = g.similarities[i * g.k + p]!;
      }
    });
  }
  return { n, k, neighbours, similarities };
}

/**
 * Louvain over a graph whose edges stay inside a stance, one stance at a time. Run over the whole graph at once,
 * modularity would measure each stance's communities against the whole graph's weight, so a stance holding a share f
 * of it would be cut as coarsely as at resolution × f (the sample's praise, a fifth of its documents: all praise of
 * the app and of delivery in one theme). Each stance's graph is cut at the resolution for its own size instead: the
 * step's resolution × √(its share of the documents), the same √ law as defaultResolution (update-theme-set.ts).
 */
export function louvainByStance(graph: WeightedGraph, stance: Int32Array, resolution: number): Int32Array {
  const out = new Int32Array(graph.n);
  let next = 0;
  for (const value of [...new Set(stance)].sort((a, b) => a - b)) {
    const rows: number[] = [];
    stance.forEach((s, i) => {
      if (s === value) rows.push(i);
    });
    const communities = louvain(inducedSubgraph(graph, rows), { resolution: resolution * Math.sqrt(rows.length / graph.n) });
    let count = 0;
    rows.forEach((r, i) => {
      out[r] = next + communities[i]!;
      count = Math.max(count, communities[i]! + 1);
    });
    next += count;
  }
  return out;
}

/** The stance most members of each cluster have (a tie goes to the lower value). */
function clusterStances(members: readonly number[][], stance: ArrayLike<number>): Int32Array {
  return Int32Array.from(members, (g) => {
    const counts = new Map<number, number>();
    for (const r of g) counts.set(stance[r]!, (counts.get(stance[r]!) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
  });
}

function finishClusters(m: Float32Array, dim: number, communities: Int32Array, options: ClusterOptions, stance: Int32Array | null = null): Clusters {
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
    const stances = stance ? clusterStances(members, stance) : null;
    for (let r = 0; r < n; r++) {
      const best = nearest(m, dim, r, centroids, stances && stance ? (c) => stances[c] === stance[r] : undefined);
      if (wasLoose[r] && best.similarity < options.assignThreshold) nextLoose.push(r);
      else next[best.index]!.push(r);
    }
    members = next.filter((g) => g.length >= options.minClusterSize);
    loose = [...nextLoose, ...next.filter((g) => g.length < options.minClusterSize).flat()];
    members.sort((a, b) => b.length - a.length || a[0]! - b[0]!);
    centroids = members.map((g) => centroidOf(m, dim, g));
  }
  const unclustered: number[] = [];
  const stances = stance ? clusterStances(members, stance) : null;
  for (const r of loose.sort((a, b) => a - b)) {
    const best = nearest(m, dim, r, centroids, stances && stance ? (c) => stances[c] === stance[r] : undefined);
    if (best.index >= 0 && best.similarity >= options.assignThreshold) members[best.index]!.push(r);
    else unclustered.push(r);
  }
  for (const g of members) g.sort((a, b) => a - b);
  return { members, centroids, unclustered };
}

/** The nearest centre to row `r` (among those `allowed`, when given). */
export function nearest(
  m: Float32Array,
  dim: number,
  r: number,
  centroids: readonly Float32Array[],
  allowed?: (index: number) => boolean,
): { index: number; similarity: number } {
  let index = -1;
  let similarity = -Infinity;
  centroids.forEach((c, i) => {
    if (allowed && !allowed(i)) return;
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
  const stances = found.stances;
  for (const r of rows) {
    if (inSample.has(r)) continue;
    const best = nearest(m, dim, r, found.centroids, stances && options.stance ? (c) => stances[c] === options.stance![r] : undefined);
    if (best.index >= 0 && best.similarity >= options.assignThreshold) members[best.index]!.push(r);
    else unclustered.push(r);
  }
  for (const g of members) g.sort((a, b) => a - b);
  return { members, centroids: found.centroids, unclustered: unclustered.sort((a, b) => a - b), ...(stances ? { stances } : {}) };
}
