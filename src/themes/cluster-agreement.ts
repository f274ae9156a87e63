// Agreement between a clustering and gold groups: adjusted mutual information (arithmetic normalisation, as
// scikit-learn), V-measure and adjusted Rand index. Used by scripts/eval-themes.ts and the tests.

export interface Agreement {
  ami: number;
  vMeasure: number;
  ari: number;
  homogeneity: number;
  completeness: number;
}

function contingency(gold: readonly string[], predicted: readonly string[]) {
  const gi = new Map<string, number>();
  const pi = new Map<string, number>();
  for (const g of gold) if (!gi.has(g)) gi.set(g, gi.size);
  for (const p of predicted) if (!pi.has(p)) pi.set(p, pi.size);
  const a = new Float64Array(gi.size);
  const b = new Float64Array(pi.size);
  const cells = new Map<number, number>();
  for (let k = 0; k < gold.length; k++) {
    const i = gi.get(gold[k]!)!;
    const j = pi.get(predicted[k]!)!;
    a[i]!++;
    b[j]!++;
    const key = i * pi.size + j;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  return { a, b, cells, cols: pi.size };
}

function entropy(counts: Float64Array, n: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let s = 0.99999999999980993;
  LANCZOS.forEach((c, i) => (s += c / (x + i + 1)));
  const t = x + LANCZOS.length - 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}
const logFactorial = (k: number): number => logGamma(k + 1);

function expectedMutualInformation(a: Float64Array, b: Float64Array, n: number): number {
  let emi = 0;
  const lfN = logFactorial(n);
  for (const ai of a) {
    for (const bj of b) {
      const start = Math.max(1, ai + bj - n);
      const end = Math.min(ai, bj);
      const base = logFactorial(ai) + logFactorial(bj) + logFactorial(n - ai) + logFactorial(n - bj) - lfN;
      for (let nij = start; nij <= end; nij++) {
        const term = (nij / n) * Math.log((n * nij) / (ai * bj));
        const logP = base - logFactorial(nij) - logFactorial(ai - nij) - logFactorial(bj - nij) - logFactorial(n - ai - bj + nij);
        emi += term * Math.exp(logP);
      }
    }
  }
  return emi;
}

export function clusterAgreement(gold: readonly string[], predicted: readonly string[]): Agreement {
  const n = gold.length;
  const { a, b, cells, cols } = contingency(gold, predicted);
  const hU = entropy(a, n);
  const hV = entropy(b, n);
  let mi = 0;
  let sumComb = 0;
  for (const [key, nij] of cells) {
    const i = Math.floor(key / cols);
    const j = key % cols;
    mi += (nij / n) * Math.log((n * nij) / (a[i]! * b[j]!));
    sumComb += (nij * (nij - 1)) / 2;
  }
  const emi = expectedMutualInformation(a, b, n);
  const denom = (hU + hV) / 2 - emi;
  const ami = Math.abs(denom) < 1e-15 ? 1 : (mi - emi) / denom;
  const homogeneity = hU === 0 ? 1 : mi / hU;
  const completeness = hV === 0 ? 1 : mi / hV;
  const vMeasure = homogeneity + completeness === 0 ? 0 : (2 * homogeneity * completeness) / (homogeneity + completeness);
  let sumA = 0;
  let sumB = 0;
  for (const x of a) sumA += (x * (x - 1)) / 2;
  for (const x of b) sumB += (x * (x - 1)) / 2;
  const total = (n * (n - 1)) / 2;
  const expected = (sumA * sumB) / total;
  const max = (sumA + sumB) / 2;
  const ari = max === expected ? 1 : (sumComb - expected) / (max - expected);
  return { ami, vMeasure, ari, homogeneity, completeness };
}
