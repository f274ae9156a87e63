// Truncated SVD of a sparse matrix by the randomized range finder (Halko, Martinsson & Tropp 2011), seeded so the
// same matrix always gives the same basis. Only n×l and V×l dense blocks are ever held (l = rank + oversampling).
import { gaussian, seededRandom } from './seeded-random.js';
import { sparseTimesDense, sparseTransposeTimesDense, type SparseMatrix } from './sparse-matrix.js';

export interface TruncatedSvd {
  rank: number;
  /** Singular values, descending. */
  singularValues: Float64Array;
  /** Right singular vectors as a V×rank row-major matrix: a document's coordinates are x · components. */
  components: Float32Array;
}

export interface SvdOptions {
  rank: number;
  seed: number;
  oversample?: number;
  powerIterations?: number;
}

export function randomizedSvd(x: SparseMatrix, options: SvdOptions): TruncatedSvd {
  const maxRank = Math.max(1, Math.min(x.rows, x.cols));
  const rank = Math.min(options.rank, maxRank);
  const l = Math.min(rank + (options.oversample ?? 10), maxRank);
  const random = seededRandom(options.seed);
  const omega = new Float32Array(x.cols * l);
  for (let i = 0; i < omega.length; i++) omega[i] = gaussian(random);

  // Intermediate bases only need to stay well scaled (one CholeskyQR pass); the final one must be orthonormal.
  const iterations = options.powerIterations ?? 2;
  let q = orthonormalizeColumns(sparseTimesDense(x, omega, l), x.rows, l, iterations === 0 ? 2 : 1);
  for (let it = 0; it < iterations; it++) {
    const z = orthonormalizeColumns(sparseTransposeTimesDense(x, q, l), x.cols, l, 1);
    q = orthonormalizeColumns(sparseTimesDense(x, z, l), x.rows, l, it === iterations - 1 ? 2 : 1);
  }
  // Bᵀ = Xᵀ Q (V×l); B Bᵀ is l×l and its eigenvectors give B's left singular vectors.
  const bt = sparseTransposeTimesDense(x, q, l);
  const gram = gramMatrix(bt, x.cols, l);
  const { values, vectors } = symmetricEigen(gram, l);
  const order = [...values.keys()].sort((a, b) => values[b]! - values[a]!).slice(0, rank);
  const singularValues = new Float64Array(rank);
  const components = new Float32Array(x.cols * rank);
  order.forEach((e, k) => {
    const s = Math.sqrt(Math.max(values[e]!, 0));
    singularValues[k] = s;
    if (s < 1e-12) return;
    // v_k = Bᵀ u_k / s_k
    for (let j = 0; j < x.cols; j++) {
      let acc = 0;
      const o = j * l;
      for (let c = 0; c < l; c++) acc += bt[o + c]! * vectors[c * l + e]!;
      components[j * rank + k] = acc / s;
    }
  });
  return { rank, singularValues, components };
}

/** AᵀA in float64 for an n×l row-major A. */
function gramMatrix(a: Float32Array, n: number, l: number): Float64Array {
  const g = new Float64Array(l * l);
  for (let r = 0; r < n; r++) {
    const o = r * l;
    for (let i = 0; i < l; i++) {
      const ai = a[o + i]!;
      if (ai === 0) continue;
      const gi = i * l;
      for (let j = i; j < l; j++) g[gi + j]! += ai * a[o + j]!;
    }
  }
  for (let i = 0; i < l; i++) for (let j = 0; j < i; j++) g[i * l + j] = g[j * l + i]!;
  return g;
}

/**
 * Orthonormal basis of the columns of an n×l row-major matrix by CholeskyQR2: two passes of A R⁻¹ with R from the
 * Cholesky factor of AᵀA. It works row by row (cache-friendly for tall matrices); a small ridge keeps rank-deficient
 * blocks (duplicate documents) factorisable.
 */
export function orthonormalizeColumns(a: Float32Array, n: number, l: number, passes = 2): Float32Array {
  let q = a;
  for (let pass = 0; pass < passes; pass++) {
    const g = gramMatrix(q, n, l);
    let trace = 0;
    for (let i = 0; i < l; i++) trace += g[i * l + i]!;
    const ridge = Math.max(trace / l, 1e-30) * 1e-10;
    for (let i = 0; i < l; i++) g[i * l + i]! += ridge;
    const r = cholesky(g, l);
    const inv = invertUpper(r, l);
    const out = new Float32Array(n * l);
    const acc = new Float64Array(l);
    for (let row = 0; row < n; row++) {
      const o = row * l;
      acc.fill(0);
      for (let i = 0; i < l; i++) {
        const qi = q[o + i]!;
        if (qi === 0) continue;
        const ii = i * l;
        for (let j = i; j < l; j++) acc[j]! += qi * inv[ii + j]!;
      }
      for (let j = 0; j < l; j++) out[o + j] = acc[j]!;
    }
    q = out;
  }
  return q;
}

/** Upper-triangular R with RᵀR = G (G symmetric positive definite after the ridge). */
function cholesky(g: Float64Array, l: number): Float64Array {
  const r = new Float64Array(l * l);
  for (let i = 0; i < l; i++) {
    for (let j = i; j < l; j++) {
      let s = g[i * l + j]!;
      for (let k = 0; k < i; k++) s -= r[k * l + i]! * r[k * l + j]!;
      if (i === j) r[i * l + i] = Math.sqrt(Math.max(s, 1e-300));
      else r[i * l + j] = s / r[i * l + i]!;
    }
  }
  return r;
}

function invertUpper(r: Float64Array, l: number): Float64Array {
  const inv = new Float64Array(l * l);
  for (let j = 0; j < l; j++) {
    inv[j * l + j] = 1 / r[j * l + j]!;
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += r[i * l + k]! * inv[k * l + j]!;
      inv[i * l + j] = -s / r[i * l + i]!;
    }
  }
  return inv;
}

/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations; vectors are columns. */
export function symmetricEigen(m: Float64Array, l: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(m);
  const v = new Float64Array(l * l);
  for (let i = 0; i < l; i++) v[i * l + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < l; p++) for (let q = p + 1; q < l; q++) off += a[p * l + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < l; p++) {
      for (let q = p + 1; q < l; q++) {
        const apq = a[p * l + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * l + q]! - a[p * l + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < l; k++) {
          const akp = a[k * l + p]!;
          const akq = a[k * l + q]!;
          a[k * l + p] = c * akp - s * akq;
          a[k * l + q] = s * akp + c * akq;
        }
        for (let k = 0; k < l; k++) {
          const apk = a[p * l + k]!;
          const aqk = a[q * l + k]!;
          a[p * l + k] = c * apk - s * aqk;
          a[q * l + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < l; k++) {
          const vkp = v[k * l + p]!;
          const vkq = v[k * l + q]!;
          v[k * l + p] = c * vkp - s * vkq;
          v[k * l + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(l);
  for (let i = 0; i < l; i++) values[i] = a[i * l + i]!;
  return { values, vectors: v };
}
