import { beforeAll, describe, expect, it } from 'vitest';
import { createKindClassifier, loadKindCues } from '../../src/classify/index.js';
import { classifyKindLinear } from '../../src/classify/linear-backend.js';
import { encodeDocs, encoderRef, loadSentenceEncoder } from '../../src/models/sentence-encoder.js';
import type { TrainedModel } from '../../src/models/trained-model.js';
import { fitTrainedModel } from '../../src/pipeline/train.js';
import { scoreSentimentRules } from '../../src/sentiment/index.js';
import type { TokenizedDoc } from '../../src/types.js';
import { labelledKind } from '../models/fixtures/labelled-feedback.js';
import { tokenizedDoc } from './make-doc.js';

let model: TrainedModel;

beforeAll(async () => {
  const rows = labelledKind();
  const docs = await Promise.all(rows.map((r) => tokenizedDoc(r.text)));
  model = { ...(await fitTrainedModel('kind', docs, rows.map((r) => r.label))), version: 2 };
});

describe("kind backend 'linear'", () => {
  it('classifies new reviews with the trained labels, blended with the cue rules', async () => {
    const classifier = await createKindClassifier({ backend: 'linear', model });
    const cases: [string, string][] = [
      ['The widget crashes every time I open it', 'bug'], // a topic the model has not seen
      ['The widget: please add a dark mode', 'feature_request'],
      ['The widget is fun to play with friends', 'other'],
    ];
    const docs: TokenizedDoc[] = await Promise.all(cases.map(([t]) => tokenizedDoc(t)));
    const results = await classifier.classify(docs, docs.map((d) => scoreSentimentRules(d)));
    results.forEach((r, i) => expect(r.label, cases[i]![0]).toBe(cases[i]![1]));
    for (const r of results) {
      expect(r.confidence).toBeGreaterThan(0.3);
      expect(r.confidence).toBeLessThanOrEqual(1);
      expect(r.model).toMatch(/linear:v2$/);
    }
  });

  it('reads sentence-encoder vectors when the model was trained with them', async () => {
    const rows = labelledKind();
    const docs = await Promise.all(rows.map((r) => tokenizedDoc(r.text)));
    const encoder = await loadSentenceEncoder('use-lite-en');
    const vectors = { encoder: encoderRef(encoder), vectors: await encodeDocs(encoder, docs) };
    const encoded = { ...(await fitTrainedModel('kind', docs, rows.map((r) => r.label), { vectors })), version: 3 };
    expect(encoded.encoder?.name).toBe('use-lite-en');
    const classifier = await createKindClassifier({ backend: 'linear', model: encoded });
    const fresh = await Promise.all(['The widget crashes every time I open it', 'The widget: please add a dark mode'].map((t) => tokenizedDoc(t)));
    const results = await classifier.classify(fresh, fresh.map((d) => scoreSentimentRules(d)));
    expect(results.map((r) => r.label)).toEqual(['bug', 'feature_request']);
    // A vector of the wrong size is refused, naming the expected size.
    expect(() => classifyKindLinear(fresh[0]!, encoded, loadKindCues(), new Float32Array(3))).toThrow(/3 dimensions, 512 expected/);
  });

  it('checks its config', async () => {
    await expect(createKindClassifier({ backend: 'linear' })).rejects.toThrow(/needs a trained model.*koe train kind/);
    await expect(createKindClassifier({ backend: 'linear', model: { ...model, task: 'sentiment' } })).rejects.toThrow(/was given a sentiment model/);
    const odd = { ...model, classifier: { ...model.classifier, labels: ['bug', 'wishlist'], bias: [0, 0] } };
    await expect(createKindClassifier({ backend: 'linear', model: odd })).rejects.toThrow(/labels koe does not know: wishlist/);
  });
});
