// Small exact tests for counts, written out so the numbers in reports can be checked by hand.

function logChoose(n: number, k: number): number {
  let s = 0;
  const kk = Math.min(k, n - k);
  for (let i = 1; i <= kk; i++) s += Math.log(n - kk + i) - Math.log(i);
  return s;
}

/** P(X ≥ k) for X ~ Binomial(n, p): the one-sided upper tail. */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  // Sum the pmf upward from k; each term from the previous by the ratio (n−j)/(j+1) · p/(1−p).
  let term = Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
  let sum = term;
  const odds = p / (1 - p);
  for (let j = k; j < n; j++) {
    term *= ((n - j) / (j + 1)) * odds;
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return Math.min(1, sum);
}

/**
 * P(X ≥ k) for X ~ Hypergeometric(population, successes, draws): one-sided Fisher's exact test of a 2×2 table —
 * of `population` documents, `successes` fall in a window; `draws` of them form a group; is the group's window
 * count k higher than chance would put there?
 */
export function hypergeometricUpperTail(k: number, population: number, successes: number, draws: number): number {
  const lo = Math.max(0, draws - (population - successes));
  const hi = Math.min(draws, successes);
  if (k <= lo) return 1;
  if (k > hi) return 0;
  const logTotal = logChoose(population, draws);
  let sum = 0;
  for (let x = k; x <= hi; x++) {
    const term = Math.exp(logChoose(successes, x) + logChoose(population - successes, draws - x) - logTotal);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return Math.min(1, sum);
}

/**
 * Benjamini–Hochberg adjusted p-values (q-values), in the input order: controls the false discovery rate
 * over the m tests, so testing many themes does not make noise look like news.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const q = new Array<number>(m).fill(1);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const { p, i } = order[r]!;
    running = Math.min(running, (p * m) / (r + 1));
    q[i] = Math.min(1, running);
  }
  return q;
}
