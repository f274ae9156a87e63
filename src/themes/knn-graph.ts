// k-nearest-neighbour cosine graph over unit vectors, never as an n×n matrix: exact for small sets, and for large
// ones an inverted-file search (seeded coarse k-means cells, each point compared with the members of its
// `probes` nearest cells), which keeps 100k documents to seconds.
import { insertNeighbour, scanAllRows } from './knn-scan.js';
import { sphericalKMeans } from './spherical-kmeans.js';
import { dot } from './vector-math.js';
import type { Random } from './seeded-random.js';

/** Above this many points the search narrows (fewer probes, capped cell scans) so 100k+ stays fast. */
const LARGE_SET = 50_000;

export interface KnnGraph {
  n: number;
  k: number;
  /** neighbours[i*k + j] = j-th nearest neighbour of i (-1 when fewer exist). */
  neighbours: Int32Array;
  similarities: Float32Array;
  /** Rows the helper thread scanned (large sets only; the graph is the same whoever scanned them). */
  helperRows?: number;
}

export interface KnnOptions {
  k: number;
  random: Random;
  /** Exact search below this many points. */
  exactLimit?: number;
  probes?: number;
  /** Share the scan with a helper thread from this many points (default SHARED_SCAN_FROM; Infinity: never). */
  sharedScanFrom?: number;
}

export function buildKnnGraph(m: Float32Array, dim: number, n: number, options: KnnOptions): KnnGraph {
  const k = Math.max(1, Math.min(options.k, n - 1));
  const neighbours = new Int32Array(n * k).fill(-1);
  const similarities = new Float32Array(n * k).fill(-Infinity);
  const insert = (i: number, j: number, s: number): void => insertNeighbour(neighbours, similarities, k, i, j, s);
  if (n <= 1) return { n, k, neighbours, similarities };

  if (n <= (options.exactLimit ?? 3000)) {
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const s = dot(m, i * dim, m, j * dim, dim);
        insert(i, j, s);
        insert(j, i, s);
      }
    }
    return { n, k, neighbours, similarities };
  }

  const all = Array.from({ length: n }, (_, i) => i);
  // Large sets: two probes (the candidate scan dominates, and dense regions are covered by many cells), and a
  // crowded cell is scanned only up to its cap.
  const large = n > LARGE_SET;
  const wantedProbes = options.probes ?? (large ? 2 : 3);
  // √(probes·n) cells balance the two costs per point: ranking the cells and scanning `probes` cells of points.
  const cellsCount = Math.max(8, Math.round(Math.sqrt(wantedProbes * n)));
  // Cells are trained on a sample: enough for good partitions, bounded cost at 100k+.
  const sampleSize = Math.min(n, cellsCount * 12);
  const sample = sampleRows(all, sampleSize, options.random);
  const cells = sphericalKMeans(m, dim, sample, cellsCount, options.random, 5);
  const probes = Math.min(wantedProbes, cells.k);
  const members: number[][] = Array.from({ length: cells.k }, () => []);
  const pointCells = new Int32Array(n * probes);
  const cap = Math.ceil((2 * n) / cells.k);
  const rankDims = Math.min(dim, 32);
  const bestSims = new Float64Array(probes);
  const bestCells = new Int32Array(probes);
  for (let i = 0; i < n; i++) {
    bestSims.fill(-Infinity);
    bestCells.fill(0);
    // Top `probes` cells by a small insertion list (sorting all cells per point costs more than the dots).
    // Cells are ranked on the leading LSA dimensions only (most of the energy, a fraction of the cost).
    for (let c = 0; c < cells.k; c++) {
      const s = dot(m, i * dim, cells.centroids, c * dim, rankDims);
      if (s <= bestSims[probes - 1]!) continue;
      let p = probes - 1;
      while (p > 0 && bestSims[p - 1]! < s) {
        bestSims[p] = bestSims[p - 1]!;
        bestCells[p] = bestCells[p - 1]!;
        p--;
      }
      bestSims[p] = s;
      bestCells[p] = c;
    }
    for (let p = 0; p < probes; p++) pointCells[i * probes + p] = bestCells[p]!;
    // A point lives in its nearest cell that is not full: capped cells bound the scan for every query.
    let home = -1;
    let smallest = bestCells[0]!;
    for (let p = 0; p < probes; p++) {
      const size = members[bestCells[p]!]!.length;
      if (size < cap) {
        home = bestCells[p]!;
        break;
      }
      if (size < members[smallest]!.length) smallest = bestCells[p]!;
    }
    if (home < 0) home = smallest;
    members[home]!.push(i);
  }
  // The candidate scan, most of the cost: shared with a helper thread on large sets (knn-scan.ts; the same graph).
  const cellStarts = new Int32Array(cells.k + 1);
  for (let c = 0; c < cells.k; c++) cellStarts[c + 1] = cellStarts[c]! + members[c]!.length;
  const cellMembers = new Int32Array(cellStarts[cells.k]!);
  members.forEach((list, c) => cellMembers.set(list, cellStarts[c]!));
  const job = { m, dim, n, k, probes, pointCells, cellStarts, cellMembers, cap: large ? cap : 0, neighbours, similarities };
  const { helperRows } = scanAllRows(job, options.sharedScanFrom);
  return { n, k, neighbours, similarities, helperRows };
}

function sampleRows(rows: number[], size: number, random: Random): number[] {
  if (size >= rows.length) return rows;
  const copy = rows.slice();
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, size).sort((a, b) => a - b);
}
