// Seeded spherical k-means (cosine) with k-means++ seeding. Used for the coarse cells of the neighbour search and
// for splitting one theme into sub-themes; rows must be unit length.
import { dot, normalizeVector } from './vector-math.js';
import type { Random } from './seeded-random.js';

export interface KMeansResult {
  k: number;
  centroids: Float32Array;
  assignment: Int32Array;
}

export function sphericalKMeans(
  m: Float32Array,
  dim: number,
  rows: readonly number[],
  k: number,
  random: Random,
  iterations = 10,
): KMeansResult {
  const n = rows.length;
  k = Math.max(1, Math.min(k, n));
  const centroids = new Float32Array(k * dim);
  // k-means++ on cosine distance (1 - cos).
  const dist = new Float64Array(n).fill(Infinity);
  let pick = Math.floor(random() * n);
  for (let c = 0; c < k; c++) {
    centroids.set(m.subarray(rows[pick]! * dim, rows[pick]! * dim + dim), c * dim);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.max(0, 1 - dot(m, rows[i]! * dim, centroids, c * dim, dim));
      if (d < dist[i]!) dist[i] = d;
      total += dist[i]! * dist[i]!;
    }
    if (c + 1 === k) break;
    if (total <= 0) {
      pick = Math.floor(random() * n);
      continue;
    }
    let target = random() * total;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      target -= dist[i]! * dist[i]!;
      if (target <= 0) {
        pick = i;
        break;
      }
    }
  }
  const assignment = new Int32Array(n);
  for (let it = 0; it < iterations; it++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const best = nearestCentroid(m, rows[i]! * dim, centroids, k, dim).index;
      if (best !== assignment[i] || it === 0) changed++;
      assignment[i] = best;
    }
    centroids.fill(0);
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const c = assignment[i]!;
      counts[c]!++;
      const o = rows[i]! * dim;
      for (let j = 0; j < dim; j++) centroids[c * dim + j]! += m[o + j]!;
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) {
        // An empty cell restarts on a random member so k stays meaningful.
        const r = rows[Math.floor(random() * n)]!;
        centroids.set(m.subarray(r * dim, r * dim + dim), c * dim);
      } else normalizeVector(centroids.subarray(c * dim, c * dim + dim));
    }
    if (changed === 0) break;
  }
  return { k, centroids, assignment };
}

export function nearestCentroid(
  m: Float32Array,
  offset: number,
  centroids: Float32Array,
  k: number,
  dim: number,
): { index: number; similarity: number } {
  let best = 0;
  let bestSim = -Infinity;
  for (let c = 0; c < k; c++) {
    const s = dot(m, offset, centroids, c * dim, dim);
    if (s > bestSim) {
      bestSim = s;
      best = c;
    }
  }
  return { index: best, similarity: bestSim };
}
