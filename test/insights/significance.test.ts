import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, binomialUpperTail } from '../../src/insights/significance.js';

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

describe('benjaminiHochberg', () => {
  it('matches the hand-computed q-values, in input order', () => {
    // sorted p: 0.01, 0.02, 0.03, 0.5 with m = 4 → 0.04, 0.04, 0.04, 0.5
    expect(benjaminiHochberg([0.5, 0.01, 0.03, 0.02])).toEqual([0.5, 0.04, 0.04, 0.04]);
    expect(benjaminiHochberg([])).toEqual([]);
  });
});
