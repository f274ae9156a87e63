// Ratings that agree with what the text says, with a little noise: a crash report rarely gets 5 stars.

import type { Rng } from './prng.js';
import type { Theme } from './theme.js';

export type Scale = 'stars' | 'nps' | 'csat' | 'ces';

type Dist = ReadonlyArray<readonly [number, number]>;

const range = (from: number, weights: number[]): Dist => weights.map((w, i) => [from + i, w] as const);

const STARS = {
  negative: range(1, [58, 26, 11, 3, 2]),
  request: range(1, [3, 10, 35, 35, 17]),
  positive: range(1, [1, 2, 7, 28, 62]),
  neutral: range(1, [5, 5, 25, 30, 35]),
};
const NPS = {
  negative: range(0, [8, 6, 9, 10, 10, 12, 10, 7, 4, 2, 1]),
  request: range(0, [0, 0, 0, 2, 3, 6, 12, 22, 25, 14, 6]),
  positive: range(0, [0, 0, 0, 0, 0, 1, 2, 6, 17, 32, 42]),
  neutral: range(0, [1, 0, 1, 2, 4, 12, 12, 22, 22, 14, 10]),
};
/** CSAT is the post-contact score: how the support contact went, not how the product is. */
const CSAT = {
  negative: range(1, [15, 20, 25, 25, 15]),
  request: range(1, [0, 10, 35, 35, 20]),
  positive: range(1, [0, 0, 5, 25, 70]),
  neutral: range(1, [0, 5, 15, 40, 40]),
};
/** CES here is agreement with "KoeMart made it easy to handle my issue": 1 = very hard, 7 = very easy. */
const CES = {
  negative: range(1, [8, 12, 18, 22, 20, 14, 6]),
  request: range(1, [2, 5, 12, 25, 28, 18, 10]),
  positive: range(1, [0, 0, 0, 5, 20, 40, 35]),
  neutral: range(1, [0, 2, 5, 15, 30, 30, 18]),
};

/** Themes whose ratings differ from their polarity's default. */
const OVERRIDES: Partial<Record<Scale, Record<string, Dist>>> = {
  stars: {
    'checkout-crash': range(1, [75, 18, 5, 1, 1]),
    price: range(1, [20, 30, 35, 12, 3]),
  },
  nps: {
    price: range(0, [3, 3, 5, 8, 10, 14, 16, 17, 14, 7, 3]),
    'checkout-crash': range(0, [20, 12, 14, 14, 10, 10, 8, 6, 3, 2, 1]),
  },
  csat: {
    'support-bad': range(1, [60, 30, 8, 2, 0]),
    'subscription-cancel': range(1, [35, 30, 20, 10, 5]),
    'praise-staff': range(1, [0, 0, 0, 25, 75]),
  },
  ces: {
    'support-bad': range(1, [35, 30, 18, 10, 5, 2, 0]),
    'subscription-cancel': range(1, [40, 28, 16, 10, 4, 2, 0]),
  },
};

const BY_SCALE: Record<Scale, Record<Theme['polarity'], Dist>> = { stars: STARS, nps: NPS, csat: CSAT, ces: CES };
const SCALE_RANGE: Record<Scale, readonly [number, number]> = { stars: [1, 5], nps: [0, 10], csat: [1, 5], ces: [1, 7] };

/** A rating for a record on this scale; 2% of the time any value at all (people misclick). */
export function ratingFor(theme: Theme, scale: Scale, rng: Rng): number {
  const [min, max] = SCALE_RANGE[scale];
  if (rng.chance(0.02)) return rng.int(min, max);
  const dist = OVERRIDES[scale]?.[theme.id] ?? BY_SCALE[scale][theme.polarity];
  return rng.weighted(dist);
}
