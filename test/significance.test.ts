import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, binomialUpperTail, hypergeometricUpperTail } from '../src/significance.js';

describe('binomialUpperTail', () => {
  it.each([
    // P(X ≥ 3 | n = 3, p = 0.5) = 1/8
    [3, 3, 0.5, 0.125],
    // P(X ≥ 2 | n = 4, p = 0.5) = 11/16
    [2, 4, 0.5, 11 / 16],
    // P(X ≥ 0) = 1
    [0, 10, 0.1, 1],
    // k above n is impossible
    [11, 10, 0.5, 0],
    // P(X ≥ 1 | n = 10, p = 0.1) = 1 − 0.9^10
    [1, 10, 0.1, 1 - 0.9 ** 10],
  ])('P(X ≥ %i | n = %i, p = %f)', (k, n, p, expected) => {
    expect(binomialUpperTail(k, n, p)).toBeCloseTo(expected, 12);
  });

  it('stays finite for large n', () => {
    const p = binomialUpperTail(700, 5000, 0.1);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-10);
  });
});

describe('hypergeometricUpperTail (one-sided Fisher exact test)', () => {
  it.each([
    // Fisher's tea-tasting table: 8 cups, 4 with milk first, 4 chosen, all 4 right: 1 / C(8,4) = 1/70
    [4, 8, 4, 4, 1 / 70],
    // 3 or more right: (C(4,3)·C(4,1) + 1) / 70 = 17/70
    [3, 8, 4, 4, 17 / 70],
    // at or below the least possible count: certain
    [0, 8, 4, 4, 1],
    // 10 drawn from 12 with 6 successes: at least 4 successes must be drawn
    [4, 12, 6, 10, 1],
    // more than the successes: impossible
    [5, 8, 4, 4, 0],
  ])('P(X ≥ %i | N = %i, K = %i, n = %i)', (k, population, successes, draws, expected) => {
    expect(hypergeometricUpperTail(k, population, successes, draws)).toBeCloseTo(expected, 12);
  });

  it('is tiny for a group that holds nearly all of a window', () => {
    // 218 documents, 31 in the window; a group of 89 holds 23 of them
    expect(hypergeometricUpperTail(23, 218, 31, 89)).toBeLessThan(1e-3);
    expect(hypergeometricUpperTail(13, 218, 31, 89)).toBeGreaterThan(0.3);
  });
});

describe('benjaminiHochberg', () => {
  it('matches the hand-computed q-values, in input order', () => {
    // sorted p: 0.01, 0.02, 0.03, 0.5 with m = 4 → 0.04, 0.04, 0.04, 0.5
    expect(benjaminiHochberg([0.5, 0.01, 0.03, 0.02])).toEqual([0.5, 0.04, 0.04, 0.04]);
    expect(benjaminiHochberg([])).toEqual([]);
  });
});
