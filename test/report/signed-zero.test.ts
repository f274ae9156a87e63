import { describe, expect, it } from 'vitest';
import { withoutMinusZero } from '../../src/report/signed-zero.js';

describe('withoutMinusZero', () => {
  it('drops the minus of a figure that rounded to zero, in either notation', () => {
    expect(withoutMinusZero((-0.4).toFixed(0))).toBe('0');
    expect(withoutMinusZero((-0.04).toFixed(1))).toBe('0.0');
    expect(withoutMinusZero((-0.4).toLocaleString('ja-JP', { maximumFractionDigits: 0 }))).toBe('0');
    expect(withoutMinusZero((-0.004).toLocaleString('de-DE', { maximumFractionDigits: 2, minimumFractionDigits: 2 }))).toBe('0,00');
  });

  it('keeps every other figure as it is', () => {
    for (const s of ['-1', '-0.5', '-0.05', '0', '+0.0', '-10', '-0,01', '12']) expect(withoutMinusZero(s)).toBe(s);
  });
});
