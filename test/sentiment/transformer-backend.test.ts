import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSentimentScorer } from '../../src/sentiment/index.js';
import type { TokenizedDoc } from '../../src/types.js';

// Built by scripts/build-tiny-model.py (synthetic sentences, labels NEGATIVE/POSITIVE).
const TINY_MODEL = path.join(import.meta.dirname, '..', 'fixtures', 'tiny-model');

function doc(text: string, sentences: string[]): TokenizedDoc {
  return {
    id: text, sourceId: null, contentHash: '', text, lang: 'en', sentences, piiMasked: {}, createdAt: null, rating: null,
    ratingScale: null, channel: null, product: null, source: null, metadata: {}, tokens: [], terms: [],
  };
}

describe("sentiment backend 'transformer'", () => {
  it('scores documents in batches, with per-sentence scores aligned', async () => {
    const scorer = await createSentimentScorer({ backend: 'transformer', modelDir: TINY_MODEL, batchSize: 2 });
    const docs = [
      doc('great service and fast delivery', ['great service and fast delivery']),
      doc('the app crashes every time . very bad support', ['the app crashes every time .', 'very bad support']),
      doc('とても良い', ['とても良い']),
    ];
    const results = await scorer.score(docs);
    expect(results.map((r) => r.label)).toEqual(['positive', 'negative', 'positive']);
    expect(results.map((r) => r.sentences.length)).toEqual([1, 2, 1]);
    expect(results[1]!.sentences.every((s) => s < 0)).toBe(true);
    expect(results[0]!.model).toBe('transformer:tiny-model');
  });

  it('names what is wrong in its config and in the model directory', async () => {
    await expect(createSentimentScorer({ backend: 'transformer' })).rejects.toThrow(/needs modelDir/);
    await expect(createSentimentScorer({ backend: 'transformer', modelDir: TINY_MODEL, labelMap: { NEGATIVE: 'bad' } })).rejects.toThrow(/labelMap values/);
    const scorer = await createSentimentScorer({ backend: 'transformer', modelDir: '/nonexistent/model' });
    await expect(scorer.score([doc('x', ['x'])])).rejects.toThrow(/model directory \/nonexistent\/model does not exist/);
  });
});
