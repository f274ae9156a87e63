// How sharply the kNN graph's edge weights follow similarity (w = s^p) before Louvain. Modularity is blind to a
// common scale of the weights, so p sets only the contrast between a document's closest and its ordinary
// neighbours: too little and unrelated groups blur into one community, too much and a topic falls apart into its
// tightest pairs. How far apart those are depends on the texts: short feedback in a 200-dimension LSA space has
// near-duplicate nearest neighbours (Banking77: nearest 0.97, typical neighbour 0.80), news paragraphs do not
// (livedoor: 0.63 and 0.38). A fixed p = 6, measured on Banking77, cut livedoor's categories into 27-30 pieces of
// their tightest pairs. So p is set from the graph itself: the typical neighbour's weight is SHARPENED_WEIGHT of
// the nearest neighbour's, which p = 6 gives on Banking77.
import type { KnnGraph } from './knn-graph.js';

/**
 * Weight of the typical (median) neighbour relative to the typical nearest neighbour: p = 6 on Banking77 with 15
 * neighbours (0.80 / 0.97); with the 20 neighbours of today's default the median neighbour is further (0.78), so p =
 * 5.2 there, livedoor 1.9 and the sample 2.2 (update-theme-set.ts, MAX_NEIGHBOURS).
 */
export const SHARPENED_WEIGHT = 0.32;
export const MIN_SHARPENING = 1;
export const MAX_SHARPENING = 6;

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  return values[values.length >> 1] ?? 0;
}

/** The exponent p for w = s^p: (median neighbour similarity / median nearest similarity)^p = SHARPENED_WEIGHT. */
export function graphSharpening(knn: KnnGraph): number {
  const nearest: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < knn.n; i++) {
    for (let p = 0; p < knn.k; p++) {
      const s = knn.similarities[i * knn.k + p]!;
      if (knn.neighbours[i * knn.k + p]! < 0 || !(s > 0)) continue;
      all.push(s);
      if (p === 0) nearest.push(s);
    }
  }
  if (all.length === 0) return MAX_SHARPENING;
  const ratio = median(all) / median(nearest);
  if (!(ratio > 0) || ratio >= 1) return MAX_SHARPENING;
  const p = Math.log(SHARPENED_WEIGHT) / Math.log(ratio);
  return Math.min(MAX_SHARPENING, Math.max(MIN_SHARPENING, p));
}
