import { beforeAll, describe, expect, it } from 'vitest';
import { fitTrainedModel } from '../../src/pipeline/train.js';
import { createSentimentScorer } from '../../src/sentiment/index.js';
import type { TrainedModel } from '../../src/models/trained-model.js';
import { createTokenizer, type DocTokenizer } from '../../src/tokenize/index.js';
import type { Doc, TokenizedDoc } from '../../src/types.js';
import { labelledSentiment } from '../models/fixtures/labelled-feedback.js';

let tokenizer: DocTokenizer;
let model: TrainedModel;

function doc(text: string, sentences = [text]): TokenizedDoc {
  const d: Doc = {
    id: text, sourceId: null, contentHash: '', text, lang: /[ぁ-んァ-ン一-龯]/.test(text) ? 'ja' : 'en', sentences,
    piiMasked: {}, createdAt: null, rating: null, ratingScale: null, channel: null, product: null, source: null, metadata: {},
  };
  return tokenizer.tokenize(d);
}

beforeAll(async () => {
  tokenizer = await createTokenizer();
  const rows = labelledSentiment();
  model = { ...(await fitTrainedModel('sentiment', rows.map((r) => doc(r.text)), rows.map((r) => r.label))), version: 4 };
});

describe("sentiment backend 'linear'", () => {
  it('labels new feedback in both languages from the trained model (blended with the rules)', async () => {
    const scorer = await createSentimentScorer({ backend: 'linear', model });
    const cases: [string, string][] = [
      ['The invoice was excellent and quick', 'positive'], // verdict words seen in training, new topic
      ['The invoice was terrible and slow', 'negative'],
      ['請求書が最悪でした', 'negative'],
      ['請求書がとても良かったです', 'positive'],
    ];
    const results = await scorer.score(cases.map(([t]) => doc(t)));
    results.forEach((r, i) => expect(r.label, cases[i]![0]).toBe(cases[i]![1]));
    for (const r of results) {
      expect(r.score).toBeGreaterThanOrEqual(-1);
      expect(r.score).toBeLessThanOrEqual(1);
      expect(r.confidence).toBeGreaterThan(0.3);
      expect(r.model).toMatch(/^(rules\+)?linear:v4$/);
    }
  });

  it('keeps per-sentence scores aligned with the sentences', async () => {
    const scorer = await createSentimentScorer({ backend: 'linear', model });
    const [r] = await scorer.score([doc('Support was great, thank you. Delivery was terrible and slow.', ['Support was great, thank you.', 'Delivery was terrible and slow.'])]);
    expect(r!.sentences).toHaveLength(2);
  });

  it('says what is missing without a model, and refuses a kind model', async () => {
    await expect(createSentimentScorer({ backend: 'linear' })).rejects.toThrow(/needs a trained model.*koe train sentiment/);
    await expect(createSentimentScorer({ backend: 'linear', model: { ...model, task: 'kind' } })).rejects.toThrow(/was given a kind model/);
    await expect(createSentimentScorer({ backend: 'linear', model: { ...model, blendWeight: 2 } })).rejects.toThrow(/blendWeight must be a number in \[0, 1\]/);
  });
});
