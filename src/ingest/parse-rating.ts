import type { RatingScale } from '../types.js';

/** The range of each scale, and whether a rating must be a whole number (stars allow halves). */
export const RATING_SCALES: Readonly<Record<RatingScale, { min: number; max: number; step: number }>> = {
  nps: { min: 0, max: 10, step: 1 },
  csat: { min: 1, max: 5, step: 1 },
  ces: { min: 1, max: 7, step: 1 },
  stars: { min: 1, max: 5, step: 0.5 },
};

const SCALE_ALIASES: Readonly<Record<string, RatingScale>> = {
  nps: 'nps',
  csat: 'csat',
  ces: 'ces',
  stars: 'stars',
  star: 'stars',
};

/** The scale named by `name` (case-insensitive; `star` is accepted), or null. */
export function parseRatingScale(name: string): RatingScale | null {
  return SCALE_ALIASES[name.trim().toLowerCase()] ?? null;
}

export type RatingResult = { ok: true; rating: number | null } | { ok: false; reason: string };

/** Checks a rating against its scale. An empty value is no rating; a rating without a scale is kept unchecked. */
export function parseRating(value: string | number | null, scale: RatingScale | null): RatingResult {
  if (value === null) return { ok: true, rating: null };
  const text = typeof value === 'number' ? String(value) : value.normalize('NFKC').trim();
  if (text === '') return { ok: true, rating: null };
  const rating = typeof value === 'number' ? value : /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(rating)) return { ok: false, reason: `rating ${JSON.stringify(text)} is not a number` };
  if (!scale) return { ok: true, rating };
  const { min, max, step } = RATING_SCALES[scale];
  if (rating < min || rating > max) return { ok: false, reason: `rating ${text} is outside the ${scale} scale ${min}–${max}` };
  if (Math.abs(rating / step - Math.round(rating / step)) > 1e-9) {
    const what = step === 1 ? 'a whole number' : `a multiple of ${step}`;
    return { ok: false, reason: `rating ${text} is not ${what} on the ${scale} scale ${min}–${max}` };
  }
  return { ok: true, rating };
}
