import { describe, expect, it } from 'vitest';
import { graphSharpening, MAX_SHARPENING, MIN_SHARPENING, SHARPENED_WEIGHT } from '../../src/themes/graph-sharpening.js';
import { discoverClusters } from '../../src/themes/discover-clusters.js';
import type { KnnGraph } from '../../src/themes/knn-graph.js';
import { gaussian, seededRandom } from '../../src/themes/seeded-random.js';
import { normalizeRows } from '../../src/themes/vector-math.js';
import { clusterAgreement } from '../../src/themes/cluster-agreement.js';

/** A kNN graph whose every node has the same neighbour similarities (nearest first). */
function uniformGraph(n: number, similarities: number[]): KnnGraph {
  const k = similarities.length;
  const neighbours = new Int32Array(n * k);
  const sims = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    similarities.forEach((s, p) => {
      neighbours[i * k + p] = (i + p + 1) % n;
      sims[i * k + p] = s;
    });
  }
  return { n, k, neighbours, similarities: sims };
}

describe('graphSharpening', () => {
  it.each([
    // short feedback: near-duplicate nearest neighbours (Banking77-like) keep the sharp exponent
    ['nearest 0.97, typical 0.80', [0.97, 0.8, 0.8], Math.log(SHARPENED_WEIGHT) / Math.log(0.8 / 0.97)],
    // news paragraphs: nearest 0.63, typical 0.38 (livedoor-like) get a gentle one
    ['nearest 0.63, typical 0.38', [0.63, 0.38, 0.38], Math.log(SHARPENED_WEIGHT) / Math.log(0.38 / 0.63)],
  ])('%s → p where the typical neighbour weighs SHARPENED_WEIGHT of the nearest', (_case, sims, expected) => {
    const p = graphSharpening(uniformGraph(20, sims));
    expect(p).toBeCloseTo(expected, 4);
    expect((sims[1]! / sims[0]!) ** p).toBeCloseTo(SHARPENED_WEIGHT, 4);
  });

  it('stays within its bounds when all neighbours are alike or far apart', () => {
    expect(graphSharpening(uniformGraph(10, [0.5, 0.5, 0.5]))).toBe(MAX_SHARPENING);
    expect(graphSharpening(uniformGraph(10, [0.9, 0.05, 0.05]))).toBe(MIN_SHARPENING);
    expect(graphSharpening(uniformGraph(10, [0.999, 0.99, 0.99]))).toBe(MAX_SHARPENING);
  });
});

describe('discoverClusters with the graph-set sharpening', () => {
  // Three topics of loosely related texts: each vector is its topic's direction plus much noise of its own, so a
  // document's neighbours are all about equally close (as news paragraphs, not near-duplicate feedback).
  const dim = 60;
  const topics = 3;
  const perTopic = 60;
  const random = seededRandom(7);
  const m = new Float32Array(topics * perTopic * dim);
  const gold: string[] = [];
  for (let r = 0; r < topics * perTopic; r++) {
    const topic = Math.floor(r / perTopic);
    gold.push(`topic${topic}`);
    for (let d = 0; d < dim; d++) m[r * dim + d] = gaussian(random) * 0.45 + (d % topics === topic ? 0.35 : 0);
  }
  normalizeRows(m, dim);
  const rows = gold.map((_, i) => i);
  const options = { seed: 1, neighbours: 10, resolution: 1, minClusterSize: 3, assignThreshold: 0.3, refineIterations: 0 };
  const agreement = (sharpening?: number) => {
    const found = discoverClusters(m, dim, rows, { ...options, ...(sharpening === undefined ? {} : { sharpening }) });
    const predicted = rows.map(() => 'none');
    found.members.forEach((g, c) => g.forEach((r) => (predicted[r] = `c${c}`)));
    return { themes: found.members.length, ami: clusterAgreement(gold, predicted).ami };
  };

  it('finds the three topics where the fixed exponent of short feedback cuts them into pieces', () => {
    const auto = agreement();
    const fixed = agreement(6);
    expect(auto.themes).toBe(3);
    expect(fixed.themes).toBeGreaterThan(3);
    expect(auto.ami).toBeGreaterThan(0.8);
    expect(fixed.ami).toBeLessThan(auto.ami - 0.1);
  });
});
