import { describe, expect, it } from 'vitest';
import { getVectorizer } from '../../src/themes/index.js';
import { ENCODER_LSA_BACKEND, ENCODER_WEIGHT } from '../../src/themes/encoder-lsa-vectorizer.js';
import type { EncoderRef, ThemeDoc } from '../../src/themes/theme-types.js';

// A 4-number "encoder" for English only: the stage takes each document's vector as given (the pipeline computes
// them), so a hand-made one shows what the space does with it.
const encoder: EncoderRef = { name: 'test-encoder', id: 'test@1', dims: 4, langs: ['en'] };
const en = (id: string, text: string, terms: string[], encoded: number[]): ThemeDoc => ({
  id, text, lang: 'en', terms, sentiment: null, kind: null, encoded: Float32Array.from(encoded),
});
const ja = (id: string, text: string, terms: string[]): ThemeDoc => ({ id, text, lang: 'ja', terms, sentiment: null, kind: null });

// Two English texts about a card that never came share no word; the encoder reads them alike.
const cardLate = en('card-late', 'My card never came', ['card', 'never', 'come'], [1, 0.1, 0, 0]);
const stillWaiting = en('still-waiting', 'Still waiting for the plastic to show up', ['wait', 'plastic', 'show'], [0.9, 0.2, 0, 0]);
const pin = en('pin', 'How do I change my PIN?', ['change', 'pin'], [0, 0, 1, 0]);
const pinAgain = en('pin-again', 'Where can I change the PIN of my card?', ['change', 'pin', 'card'], [0, 0.1, 0.9, 0]);
const loginJa = ja('login-ja', 'ログインできない', ['ログイン']);
const docs = [cardLate, stillWaiting, pin, pinAgain, loginJa, ja('login-ja-2', 'ログインがまたできない', ['ログイン', 'また'])];

function rows(vectors: Float32Array, dim: number): Float32Array[] {
  return Array.from({ length: vectors.length / dim }, (_, i) => vectors.subarray(i * dim, (i + 1) * dim));
}
const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (a: Float32Array): number => Math.sqrt(dot(a, a));

describe('tfidf-lsa+encoder: words and concepts joined with a sentence encoder', () => {
  const lsa = getVectorizer('tfidf-lsa').fit(docs, { seed: 1 });
  const joined = getVectorizer(ENCODER_LSA_BACKEND).fit(docs, { seed: 1, encoder });

  it('brings together English texts the encoder reads alike though they share no word', () => {
    const [a, b] = rows(lsa.transform([cardLate, stillWaiting]), lsa.dim);
    const [c, d] = rows(joined.transform([cardLate, stillWaiting]), joined.dim);
    expect(dot(c!, d!)).toBeGreaterThan(dot(a!, b!) + 0.15);
    // ...and keeps apart what the encoder reads apart.
    const [e, f] = rows(lsa.transform([cardLate, pin]), lsa.dim);
    const [g, h] = rows(joined.transform([cardLate, pin]), joined.dim);
    expect(dot(g!, h!)).toBeLessThanOrEqual(dot(e!, f!) + 1e-6);
    expect(dot(g!, h!)).toBeLessThan(dot(c!, d!) - 0.2);
  });

  it('gives each covered document unit length, the encoder holding its weight of it', () => {
    expect(joined.dim).toBe(lsa.dim + encoder.dims);
    const [v] = rows(joined.transform([pinAgain]), joined.dim);
    expect(norm(v!)).toBeCloseTo(1, 5);
    const encoderPart = v!.subarray(lsa.dim);
    expect(dot(encoderPart, encoderPart)).toBeCloseTo(ENCODER_WEIGHT, 5);
  });

  it('places a document in a language the encoder does not cover by its words alone, at full length', () => {
    const [v] = rows(joined.transform([loginJa]), joined.dim);
    const [w] = rows(lsa.transform([loginJa]), lsa.dim);
    expect(v!.subarray(lsa.dim).every((x) => x === 0)).toBe(true);
    expect([...v!.subarray(0, lsa.dim)].map((x) => x.toFixed(5))).toEqual([...w!].map((x) => x.toFixed(5)));
  });

  it('names the document whose encoder vector is missing, rather than placing it by its words', () => {
    const { encoded: _none, ...bare } = pin;
    expect(() => joined.transform([bare])).toThrow(/no test-encoder vector for document pin: encode it first/);
  });

  it('needs the encoder to be fitted', () => {
    expect(() => getVectorizer(ENCODER_LSA_BACKEND).fit(docs, { seed: 1 })).toThrow(/needs a sentence encoder/);
  });

  it('loads from what it stores: the same id, the same vectors, the encoder it reads', () => {
    const loaded = getVectorizer(ENCODER_LSA_BACKEND).load(joined.serialize());
    expect(loaded.modelId).toBe(joined.modelId);
    expect(loaded.modelId).toMatch(/^tfidf-lsa\+encoder:[0-9a-f]{16}$/);
    expect([...loaded.transform(docs)]).toEqual([...joined.transform(docs)]);
    expect((joined.serialize().params as { encoder: EncoderRef }).encoder).toEqual(encoder);
    // The concept dictionary's version stays where koe stats and the run note read it.
    expect((joined.serialize().params as { dictionaryVersion: unknown }).dictionaryVersion).toBe(
      (lsa.serialize().params as { dictionaryVersion: unknown }).dictionaryVersion,
    );
  });

  it('labels by the words, as the default space does', () => {
    expect([...joined.features(pinAgain)]).toEqual([...lsa.features(pinAgain)]);
  });
});
