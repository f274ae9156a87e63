import { describe, expect, it } from 'vitest';
import { randomizedSvd, symmetricEigen } from '../../src/themes/randomized-svd.js';
import { sparseFromRows } from '../../src/themes/sparse-matrix.js';
import { graphFromKnn, louvain } from '../../src/themes/louvain.js';
import { buildKnnGraph } from '../../src/themes/knn-graph.js';
import { seededRandom } from '../../src/themes/seeded-random.js';
import { normalizeRows } from '../../src/themes/vector-math.js';
import { clusterAgreement } from '../../src/themes/cluster-agreement.js';

describe('randomizedSvd', () => {
  it('finds the singular values of a small sparse matrix (checked against the eigenvalues of XᵀX)', () => {
    const random = seededRandom(3);
    const rows = Array.from({ length: 40 }, () => {
      const m = new Map<number, number>();
      for (let j = 0; j < 4; j++) m.set(Math.floor(random() * 12), random());
      return m;
    });
    const x = sparseFromRows(rows, 12);
    const xtx = new Float64Array(144);
    for (const r of rows) for (const [i, a] of r) for (const [j, b] of r) xtx[i * 12 + j]! += a * b;
    const exact = [...symmetricEigen(xtx, 12).values].sort((a, b) => b - a).map((v) => Math.sqrt(Math.max(v, 0)));
    const svd = randomizedSvd(x, { rank: 5, seed: 1, powerIterations: 3 });
    for (let k = 0; k < 5; k++) expect(svd.singularValues[k]).toBeCloseTo(exact[k]!, 3);
    // Components are orthonormal columns.
    for (let a = 0; a < 5; a++) {
      for (let b = 0; b < 5; b++) {
        let s = 0;
        for (let j = 0; j < 12; j++) s += svd.components[j * 5 + a]! * svd.components[j * 5 + b]!;
        expect(s).toBeCloseTo(a === b ? 1 : 0, 4);
      }
    }
  });

  it('gives the same basis for the same seed', () => {
    const x = sparseFromRows([new Map([[0, 1], [1, 2]]), new Map([[1, 1], [2, 1]]), new Map([[0, 3], [2, 1]])], 3);
    expect(randomizedSvd(x, { rank: 2, seed: 9 }).components).toEqual(randomizedSvd(x, { rank: 2, seed: 9 }).components);
  });
});

describe('kNN graph + Louvain', () => {
  it('separates two groups of points and agrees between exact and inverted-file search', () => {
    const random = seededRandom(5);
    const dim = 8;
    const n = 400;
    const m = new Float32Array(n * dim);
    // Two directions with noise: points 0..199 near e0, 200..399 near e1.
    for (let i = 0; i < n; i++) {
      for (let d = 0; d < dim; d++) m[i * dim + d] = random() * 0.3;
      m[i * dim + (i < 200 ? 0 : 1)]! += 1;
    }
    normalizeRows(m, dim);
    for (const exactLimit of [1000, 10]) {
      const graph = graphFromKnn(buildKnnGraph(m, dim, n, { k: 10, random: seededRandom(1), exactLimit }), 0, 6);
      const communities = louvain(graph, { resolution: 0.5 });
      const gold = Array.from({ length: n }, (_, i) => (i < 200 ? 'a' : 'b'));
      const agreement = clusterAgreement(gold, [...communities].map(String));
      // Louvain may cut a group into parts, never mixes the two.
      expect(agreement.homogeneity).toBeCloseTo(1, 5);
    }
  });
});

describe('clusterAgreement', () => {
  it.each([
    // identical partitions, whatever the names
    { gold: ['a', 'a', 'b', 'b'], pred: ['x', 'x', 'y', 'y'], ami: 1, ari: 1 },
    // everything in one cluster tells nothing
    { gold: ['a', 'a', 'b', 'b'], pred: ['x', 'x', 'x', 'x'], ami: 0, ari: 0 },
  ])('AMI $ami, ARI $ari for $pred', ({ gold, pred, ami, ari }) => {
    const r = clusterAgreement(gold, pred);
    expect(r.ami).toBeCloseTo(ami, 6);
    expect(r.ari).toBeCloseTo(ari, 6);
  });

  it('matches scikit-learn on a small mixed case', () => {
    // sklearn: adjusted_mutual_info_score([0,0,0,1,1,1],[0,0,1,1,2,2]) = 0.2987924581708901
    //          adjusted_rand_score(...) = 0.24242424242424246
    const r = clusterAgreement(['0', '0', '0', '1', '1', '1'], ['0', '0', '1', '1', '2', '2']);
    expect(r.ami).toBeCloseTo(0.2987924581708901, 6);
    expect(r.ari).toBeCloseTo(0.24242424242424246, 6);
  });
});
