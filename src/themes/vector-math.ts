// Dense row-major Float32 helpers. Vectors of one space share a dimension `dim`; a matrix of n rows is one
// Float32Array of n*dim values, which keeps 100k documents in a few tens of MB and avoids per-row objects.

export function dot(a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, dim: number): number {
  // Four accumulators: the hot loop of the neighbour search, ~2× faster than one running sum in V8.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < dim; i += 4) {
    s0 += a[aOffset + i]! * b[bOffset + i]!;
    s1 += a[aOffset + i + 1]! * b[bOffset + i + 1]!;
    s2 += a[aOffset + i + 2]! * b[bOffset + i + 2]!;
    s3 += a[aOffset + i + 3]! * b[bOffset + i + 3]!;
  }
  for (; i < dim; i++) s0 += a[aOffset + i]! * b[bOffset + i]!;
  return s0 + s1 + s2 + s3;
}

/** Scales every row to unit length in place; zero rows stay zero. */
export function normalizeRows(m: Float32Array, dim: number): void {
  const n = m.length / dim;
  for (let r = 0; r < n; r++) {
    const o = r * dim;
    let s = 0;
    for (let i = 0; i < dim; i++) s += m[o + i]! * m[o + i]!;
    if (s <= 0) continue;
    const inv = 1 / Math.sqrt(s);
    for (let i = 0; i < dim; i++) m[o + i]! *= inv;
  }
}

export function normalizeVector(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  if (s > 0) {
    const inv = 1 / Math.sqrt(s);
    for (let i = 0; i < v.length; i++) v[i]! *= inv;
  }
  return v;
}

/** Unit-length mean of the given rows (the direction of a cluster on the sphere). */
export function centroidOf(m: Float32Array, dim: number, rows: readonly number[]): Float32Array {
  return normalizeVector(sumOfRows(m, dim, rows));
}

/** The sum of the given rows. */
export function sumOfRows(m: Float32Array, dim: number, rows: readonly number[]): Float32Array {
  const c = new Float32Array(dim);
  for (const r of rows) {
    const o = r * dim;
    for (let i = 0; i < dim; i++) c[i]! += m[o + i]!;
  }
  return c;
}

/** Euclidean length. */
export function vectorNorm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

export function row(m: Float32Array, dim: number, r: number): Float32Array {
  return m.subarray(r * dim, (r + 1) * dim);
}
