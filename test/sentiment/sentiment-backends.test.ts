import { describe, expect, it } from 'vitest';
import { SENTIMENT_BACKENDS, createSentimentScorer } from '../../src/sentiment/index.js';
import { makeDoc } from './make-doc.js';

describe('sentiment backend registry', () => {
  it('defaults to the rules scorer', async () => {
    const scorer = await createSentimentScorer();
    expect(scorer.name).toBe('rules');
    const [ja, en] = await scorer.score([await makeDoc('部屋が清潔で快適でした。'), await makeDoc('Worst airline ever.')]);
    expect(ja?.label).toBe('positive');
    expect(en?.label).toBe('negative');
  });

  it('passes the neutral band through', async () => {
    const scorer = await createSentimentScorer({ backend: 'rules', neutralBand: 0.99 });
    const [r] = await scorer.score([await makeDoc('The staff were friendly.')]);
    expect(r?.label).toBe('neutral');
  });

  it('fails on an unknown backend, listing the valid ones', async () => {
    await expect(createSentimentScorer({ backend: 'bert' })).rejects.toThrow(/unknown sentiment backend "bert"; valid backends: .*rules/);
  });

  it('has a pass-through that scores every document neutral, one score per sentence', async () => {
    const scorer = await createSentimentScorer({ backend: 'none' });
    const [r] = await scorer.score([await makeDoc('Worst airline ever. Never again.')]);
    expect(r).toMatchObject({ label: 'neutral', score: 0, model: 'none' });
    expect(r?.sentences).toEqual([0, 0]);
  });

  it('has rules registered', () => {
    expect(SENTIMENT_BACKENDS.has('rules')).toBe(true);
  });
});
