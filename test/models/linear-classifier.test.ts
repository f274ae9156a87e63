import { describe, expect, it } from 'vitest';
import { classificationMetrics } from '../../src/models/classification-metrics.js';
import {
  assertLinearClassifierModel,
  IN_THREAD,
  crossValidateWith,
  predict,
  stratifiedFolds,
  trainLinearClassifier,
  type LabelledVector,
} from '../../src/models/linear-classifier.js';
import { DEFAULT_FEATURE_OPTIONS, extractFeatures, featureCounts, hashString } from '../../src/models/text-features.js';
import type { Lang } from '../../src/types.js';

// Small hand-written feedback in both languages; positive and negative share topic words so the model must learn
// the sentiment words, not the topics.
const TRAIN: [string, Lang, string][] = [
  ['Delivery was fast and the staff were friendly', 'en', 'positive'],
  ['Great app, works perfectly', 'en', 'positive'],
  ['Refund was quick, thank you', 'en', 'positive'],
  ['Love the new design, very easy to use', 'en', 'positive'],
  ['Support answered quickly and solved it', 'en', 'positive'],
  ['Excellent quality for the price', 'en', 'positive'],
  ['Delivery was late and the box was broken', 'en', 'negative'],
  ['The app crashes every time I log in', 'en', 'negative'],
  ['Still waiting for my refund, terrible', 'en', 'negative'],
  ['The new design is confusing and slow', 'en', 'negative'],
  ['Support never answered, awful', 'en', 'negative'],
  ['Poor quality, not worth the price', 'en', 'negative'],
  ['配送が早くて助かりました', 'ja', 'positive'],
  ['スタッフの対応がとても丁寧でした', 'ja', 'positive'],
  ['アプリが使いやすくて満足です', 'ja', 'positive'],
  ['返金がすぐに処理されて良かった', 'ja', 'positive'],
  ['品質が良くて値段も安い', 'ja', 'positive'],
  ['配送が遅くて箱が壊れていた', 'ja', 'negative'],
  ['スタッフの対応が悪くて不満です', 'ja', 'negative'],
  ['アプリが落ちてログインできない', 'ja', 'negative'],
  ['返金されないまま一ヶ月待っている', 'ja', 'negative'],
  ['品質が悪いのに値段が高い', 'ja', 'negative'],
];

const examples: LabelledVector[] = TRAIN.map(([text, lang, label]) => ({ features: extractFeatures({ text, lang }), label }));

describe('text features', () => {
  it('are L2-normalised and sorted', () => {
    const v = extractFeatures({ text: 'The app crashes, the app crashes!', lang: 'en' });
    const norm = Math.hypot(...v.values);
    expect(norm).toBeCloseTo(1, 5);
    expect(Array.from(v.indices)).toEqual(Array.from(v.indices).sort((a, b) => a - b));
  });

  it('has word unigrams, bigrams and character n-grams', () => {
    // English: char n-grams stay within words (padded with spaces).
    const en = featureCounts({ text: 'app crashes', lang: 'en' });
    expect(en.get('w app')).toBe(1);
    expect(en.get('b app crashes')).toBe(1);
    expect(en.get('c ap')).toBe(1);
    expect(en.has('cp c')).toBe(false);
    // Japanese: character 2–4-grams over the text.
    const ja = featureCounts({ text: '届かない', lang: 'ja' });
    expect(ja.get('c届か')).toBe(1);
    expect(ja.get('cかない')).toBe(1);
    expect(ja.get('c届かない')).toBe(1);
  });

  it('uses token base forms and stems when tokens are given', () => {
    const tokens = [
      { surface: 'crashes', base: 'crash', stem: 'crash', pos: 'verb' as const, posDetail: '', sentence: 0, stop: false },
      { surface: '遅く', base: '遅い', stem: '遅い', pos: 'adjective' as const, posDetail: '', sentence: 0, stop: false },
    ];
    expect(featureCounts({ text: 'crashes', lang: 'en', tokens: tokens.slice(0, 1) }).get('w crash')).toBe(1);
    expect(featureCounts({ text: '遅く', lang: 'ja', tokens: tokens.slice(1) }).get('w 遅い')).toBe(1);
  });

  it("add an encoder vector's components after the text norm, scaled by vectorWeight", () => {
    const text = { text: 'the app crashes', lang: 'en' as const };
    const plain = extractFeatures(text);
    const withVector = extractFeatures({ ...text, vector: [0.6, -0.8, 0] });
    // Two more non-zero entries (the zero component adds none); the text part keeps its values.
    expect(withVector.indices.length).toBe(plain.indices.length + 2);
    const valueAt = (v: typeof plain, index: number): number => v.values[Array.from(v.indices).indexOf(index)] ?? 0;
    for (const index of plain.indices) expect(valueAt(withVector, index)).toBeCloseTo(valueAt(plain, index), 6);
    const added = Array.from(withVector.values).filter((_, i) => !plain.indices.includes(withVector.indices[i]!));
    expect(added.map(Math.abs).sort()).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    const doubled = extractFeatures({ ...text, vector: [0.6, -0.8, 0] }, { ...DEFAULT_FEATURE_OPTIONS, vectorWeight: 2 });
    const addedDoubled = Array.from(doubled.values).filter((_, i) => !plain.indices.includes(doubled.indices[i]!));
    expect(addedDoubled.map(Math.abs).sort()).toEqual([expect.closeTo(1.2, 6), expect.closeTo(1.6, 6)]);
  });

  it('hashes with a seed', () => {
    expect(hashString('遅い', 1)).toBe(hashString('遅い', 1));
    expect(hashString('遅い', 1)).not.toBe(hashString('遅い', 2));
  });
});

describe('trainLinearClassifier + predict', () => {
  const model = trainLinearClassifier(examples);

  it('fits the training set and generalises to new sentences with the same words', () => {
    const cases: [string, Lang, string][] = [
      ['The refund was quick and support was friendly', 'en', 'positive'], // positive words in new order
      ['Terrible, the app crashes and support never answered', 'en', 'negative'],
      ['対応が丁寧で満足です', 'ja', 'positive'],
      ['箱が壊れていて不満です', 'ja', 'negative'],
    ];
    for (const [text, lang, label] of cases) expect(predict(model, extractFeatures({ text, lang })).label, text).toBe(label);
    const fitted = examples.map((e) => predict(model, e.features).label);
    expect(classificationMetrics(examples.map((e) => e.label), fitted).accuracy).toBe(1);
  });

  it('gives probabilities that sum to 1', () => {
    const p = predict(model, extractFeatures({ text: 'ok', lang: 'en' }));
    expect(Object.values(p.probs).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(Object.keys(p.probs)).toEqual(['negative', 'positive']);
  });

  it('repeats exactly with the same seed and survives JSON', () => {
    const again = trainLinearClassifier(examples);
    expect(JSON.stringify(again)).toBe(JSON.stringify(model));
    const revived: unknown = JSON.parse(JSON.stringify(model));
    assertLinearClassifierModel(revived);
    const f = extractFeatures({ text: '配送が遅い', lang: 'ja' });
    expect(predict(revived, f).probs).toEqual(predict(model, f).probs);
  });

  it('needs two labels', () => {
    expect(() => trainLinearClassifier(examples.filter((e) => e.label === 'positive'))).toThrow(/at least two labels, got 1 \(positive\)/);
  });

  it('rejects a model of another format or version', () => {
    expect(() => assertLinearClassifierModel({ ...model, version: 99 })).toThrow(/version 99 is not supported/);
    expect(() => assertLinearClassifierModel({ format: 'x' })).toThrow(/format is "x"/);
  });

  it('balanced class weights keep a rare class from vanishing', () => {
    // 10 'other' against 2 'bug': without weights the bug examples barely move the model.
    const texts: [string, string][] = [
      ...Array.from({ length: 10 }, (_, i): [string, string] => [`nice game number ${i} fun to play`, 'other']),
      ['app crashes on start', 'bug'],
      ['crashes when I open the map', 'bug'],
    ];
    const data = texts.map(([t, l]) => ({ features: extractFeatures({ text: t, lang: 'en' as const }), label: l }));
    const balanced = trainLinearClassifier(data, { classWeights: 'balanced' });
    const plain = trainLinearClassifier(data, { classWeights: 'none' });
    const probe = extractFeatures({ text: 'it crashes', lang: 'en' });
    expect(predict(balanced, probe).probs.bug).toBeGreaterThan(predict(plain, probe).probs.bug!);
  });
});

describe('crossValidateWith', () => {
  it('stratifies folds: each fold gets its share of each class', () => {
    const labels = [...Array(10).fill('a'), ...Array(5).fill('b')] as string[];
    const folds = stratifiedFolds(labels, 5, 1);
    for (let f = 0; f < 5; f++) {
      expect(labels.filter((l, i) => l === 'a' && folds[i] === f)).toHaveLength(2);
      expect(labels.filter((l, i) => l === 'b' && folds[i] === f)).toHaveLength(1);
    }
  });

  it('reports accuracy and macro-F1 from out-of-fold predictions', async () => {
    // Every topic with every verdict: held-out sentences share verdict words with training ones, not whole sentences.
    const topics = ['Delivery', 'Support', 'The app', 'The refund', 'Checkout', 'The price'];
    const verdicts: [string, string][] = [
      ['was great', 'positive'],
      ['was excellent', 'positive'],
      ['made me happy', 'positive'],
      ['was terrible', 'negative'],
      ['was awful', 'negative'],
      ['made me angry', 'negative'],
    ];
    const data = topics.flatMap((t) =>
      verdicts.map(([v, label]) => ({ features: extractFeatures({ text: `${t} ${v}`, lang: 'en' as const }), label })),
    );
    const cv = await crossValidateWith(IN_THREAD, data, { folds: 3 });
    expect(cv.folds).toBe(3);
    expect(cv.outOfFold).toHaveLength(data.length);
    expect(cv.n).toBe(data.length);
    expect(cv.accuracy).toBeGreaterThan(0.9);
    expect(cv.macroF1).toBeGreaterThan(0.9);
  });
});

describe('classificationMetrics', () => {
  it('computes macro-F1 over classes', () => {
    // positive: tp 1, gold 2, pred 1 → F1 2/3; negative: tp 1, gold 1, pred 2 → F1 2/3.
    const m = classificationMetrics(['positive', 'positive', 'negative'], ['positive', 'negative', 'negative']);
    expect(m.accuracy).toBeCloseTo(2 / 3);
    expect(m.macroF1).toBeCloseTo(2 / 3);
  });
});
