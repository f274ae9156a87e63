import { describe, expect, it } from 'vitest';
import { computeJourneySentiment } from '../../src/insights/journey.js';
import { createFixture } from './fixture-db.js';

describe('computeJourneySentiment', () => {
  it('every stage in journey order; the moment of truth is the worst stage with enough documents', () => {
    const f = createFixture().addDocs([
      { id: 'a', stage: 'delivery', sentiment: 'negative', score: -0.7 },
      { id: 'b', stage: 'delivery', sentiment: 'negative', score: -0.5 },
      { id: 'c', stage: 'delivery', sentiment: 'neutral', score: 0 },
      { id: 'd', stage: 'use', sentiment: 'positive', score: 0.5 },
      { id: 'e', stage: 'use', sentiment: 'positive', score: 0.5 },
      { id: 'f', stage: 'use', sentiment: 'negative', score: -0.5 },
      // worst of all, but a single document is not a pattern
      { id: 'g', stage: 'billing', sentiment: 'negative', score: -0.9 },
      { id: 'h', stage: null, sentiment: 'neutral' },
    ]);
    const j = computeJourneySentiment(f.db, 'stage');
    expect(j.steps.map((s) => s.step)).toEqual(['discover', 'purchase', 'delivery', 'onboarding', 'use', 'support', 'billing', 'cancel']);
    expect(j.steps[2]).toMatchObject({ step: 'delivery', documents: 3, negative: 2, shareNegative: 2 / 3 });
    expect(j.steps[2]!.meanSentiment).toBeCloseTo(-0.4);
    expect(j.steps[0]).toMatchObject({ documents: 0, meanSentiment: null });
    expect(j.momentOfTruth?.step).toBe('delivery');
    expect(j.untagged).toBe(1);
    f.close();
  });
});
