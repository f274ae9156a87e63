// Louvain's resolution by corpus size (update-theme-set.ts, defaultResolution): the √ law below 10,000 documents,
// never below the floor under which a few hundred documents came out in one or two themes (livedoor's articles at
// 270: 1–2 themes for 9 categories at 0.3; eval-themes --per-group), 0.7 since session 20.
import { describe, expect, it } from 'vitest';
import { defaultResolution, resolveThemeOptions } from '../../src/themes/update-theme-set.js';

describe('defaultResolution', () => {
  it('is the base resolution from 10,000 documents on', () => {
    expect(defaultResolution(10_000)).toBe(1.5);
    expect(defaultResolution(1_000_000)).toBe(1.5);
  });

  it('falls with √(documents / 10,000) below that', () => {
    expect(defaultResolution(4_000)).toBeCloseTo(1.5 * Math.sqrt(0.4), 10);
    expect(defaultResolution(2_500)).toBeCloseTo(0.75, 10);
    expect(defaultResolution(2_500)).toBeLessThan(defaultResolution(4_000));
  });

  it('does not fall below 0.7 for small corpora, nor for an empty one', () => {
    for (const n of [0, 1, 50, 270, 540, 1_080, 1_526, 2_000]) expect(defaultResolution(n)).toBe(0.7);
    expect(defaultResolution(2_200)).toBeGreaterThan(0.7);
  });

  it('is what a theme step uses unless the config names one', () => {
    expect(resolveThemeOptions({}, 300).resolution).toBe(0.7);
    expect(resolveThemeOptions({ resolution: 0.3 }, 300).resolution).toBe(0.3);
  });
});
