import { describe, expect, it } from 'vitest';
import { parseRating, parseRatingScale } from '../../src/ingest/index.js';
import type { RatingScale } from '../../src/types.js';

describe('parseRating', () => {
  const accepted: [comment: string, value: string | number | null, scale: RatingScale | null, rating: number | null][] = [
    ['NPS bottom', '0', 'nps', 0],
    ['NPS top', '10', 'nps', 10],
    ['CSAT', '5', 'csat', 5],
    ['CES', '7', 'ces', 7],
    ['half stars', '3.5', 'stars', 3.5],
    ['JSON number', 4, 'csat', 4],
    ['full-width digits', '９', 'nps', 9],
    ['empty is no rating', ' ', 'nps', null],
    ['null is no rating', null, 'csat', null],
    ['no scale: kept unchecked', '42', null, 42],
  ];
  for (const [comment, value, scale, rating] of accepted) {
    it(`accepts ${comment}`, () => {
      expect(parseRating(value, scale)).toEqual({ ok: true, rating });
    });
  }

  const refused: [comment: string, value: string, scale: RatingScale, reason: string][] = [
    ['NPS 11', '11', 'nps', 'rating 11 is outside the nps scale 0–10'],
    ['negative NPS', '-1', 'nps', 'rating -1 is outside the nps scale 0–10'],
    ['CSAT 0', '0', 'csat', 'rating 0 is outside the csat scale 1–5'],
    ['CES 8', '8', 'ces', 'rating 8 is outside the ces scale 1–7'],
    ['stars 6', '6', 'stars', 'rating 6 is outside the stars scale 1–5'],
    ['fractional NPS', '7.5', 'nps', 'rating 7.5 is not a whole number on the nps scale 0–10'],
    ['quarter stars', '3.25', 'stars', 'rating 3.25 is not a multiple of 0.5 on the stars scale 1–5'],
    ['words', 'good', 'csat', 'rating "good" is not a number'],
  ];
  for (const [comment, value, scale, reason] of refused) {
    it(`refuses ${comment}`, () => {
      expect(parseRating(value, scale)).toEqual({ ok: false, reason });
    });
  }

  it('reads scale names', () => {
    expect(parseRatingScale(' NPS ')).toBe('nps');
    expect(parseRatingScale('star')).toBe('stars');
    expect(parseRatingScale('likert')).toBeNull();
  });
});
