// Compressed sparse rows: the documents × terms weight matrix. Short feedback has ~5–20 terms, so 100k documents
// fit in a few MB, and every product below walks only the non-zeros.

export interface SparseMatrix {
  rows: number;
  cols: number;
  rowPtr: Int32Array;
  colIdx: Int32Array;
  values: Float32Array;
}

/** Builds a CSR matrix from per-row (column → value) maps. Columns within a row are sorted for repeatability. */
export function sparseFromRows(rowsData: readonly Map<number, number>[], cols: number): SparseMatrix {
  let nnz = 0;
  for (const r of rowsData) nnz += r.size;
  const rowPtr = new Int32Array(rowsData.length + 1);
  const colIdx = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let k = 0;
  rowsData.forEach((r, i) => {
    const entries = [...r.entries()].sort((a, b) => a[0] - b[0]);
    for (const [c, v] of entries) {
      colIdx[k] = c;
      values[k] = v;
      k++;
    }
    rowPtr[i + 1] = k;
  });
  return { rows: rowsData.length, cols, rowPtr, colIdx, values };
}

/** X (n×V sparse) · D (V×l dense, row-major) → n×l. */
export function sparseTimesDense(x: SparseMatrix, d: Float32Array, l: number): Float32Array {
  const out = new Float32Array(x.rows * l);
  for (let i = 0; i < x.rows; i++) {
    const o = i * l;
    for (let p = x.rowPtr[i]!; p < x.rowPtr[i + 1]!; p++) {
      const v = x.values[p]!;
      const dOff = x.colIdx[p]! * l;
      for (let c = 0; c < l; c++) out[o + c]! += v * d[dOff + c]!;
    }
  }
  return out;
}

/** Xᵀ (V×n) · Q (n×l dense, row-major) → V×l. */
export function sparseTransposeTimesDense(x: SparseMatrix, q: Float32Array, l: number): Float32Array {
  const out = new Float32Array(x.cols * l);
  for (let i = 0; i < x.rows; i++) {
    const qOff = i * l;
    for (let p = x.rowPtr[i]!; p < x.rowPtr[i + 1]!; p++) {
      const v = x.values[p]!;
      const o = x.colIdx[p]! * l;
      for (let c = 0; c < l; c++) out[o + c]! += v * q[qOff + c]!;
    }
  }
  return out;
}
