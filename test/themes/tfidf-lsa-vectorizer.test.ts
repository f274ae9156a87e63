import { describe, expect, it } from 'vitest';
import { getVectorizer } from '../../src/themes/index.js';
import { CONCEPT_BOOST_LENGTH, CONCEPT_PREFIX, defaultDimensions } from '../../src/themes/tfidf-lsa-vectorizer.js';
import type { ThemeDoc } from '../../src/themes/index.js';

const doc = (id: string, text: string, terms: string[], lang: 'ja' | 'en' = 'ja'): ThemeDoc => ({ id, text, lang, terms, sentiment: null, kind: null });

// A long text: the login concept once among 30 words of its own (a news-length paragraph).
const ownWords = Array.from({ length: 30 }, (_, i) => `話題${String.fromCharCode(0x4e00 + i)}`);
const short = doc('short', 'ログインできない', ['ログイン']);
const long = doc('long', `ログインできない。${ownWords.join('、')}`, ['ログイン', ...ownWords]);
const english = doc('en', 'I cannot log in', ['log', 'in'], 'en');
const docs = [short, long, english];
const login = `${CONCEPT_PREFIX}login`;

describe('tfidf-lsa concept boost by document length', () => {
  const vectorizer = getVectorizer('tfidf-lsa').fit(docs, { seed: 1 });

  it('gives a short text its concepts with the whole boost, a long one the boost spread over its length', () => {
    const shortWeight = vectorizer.features(short).get(login)!;
    const longWeight = vectorizer.features(long).get(login)!;
    // Same concept, same count, same idf: only the boost differs (31 features: 30 words and the concept).
    expect(longWeight / shortWeight).toBeCloseTo(CONCEPT_BOOST_LENGTH / 31, 6);
    // An English feedback text of a few words keeps the whole boost too.
    expect(vectorizer.features(english).get(login)).toBeCloseTo(shortWeight, 6);
  });

  it('keeps the whole boost for every length in a model fitted before the length rule existed', () => {
    const serialized = vectorizer.serialize();
    const { conceptBoostLength: _dropped, ...oldParams } = serialized.params as Record<string, unknown>;
    const old = getVectorizer('tfidf-lsa').load({ ...serialized, params: oldParams });
    expect(old.features(long).get(login)).toBeCloseTo(old.features(short).get(login)!, 6);
    expect(old.modelId).not.toBe(vectorizer.modelId);
  });
});

describe('tfidf-lsa without words (koe forget)', () => {
  const corpus = [
    doc('a', 'クワガタ柄の箱が潰れて届いた', ['クワガタ', '箱', '潰れる', '届く']),
    doc('b', '箱が潰れて届いた', ['箱', '潰れる', '届く']),
    doc('c', '配送が遅い', ['配送', '遅い']),
    doc('d', 'My parcel arrived crushed', ['parcel', 'arrived', 'crushed'], 'en'),
    doc('e', 'The parcel arrived late', ['parcel', 'arrived', 'late'], 'en'),
  ];
  const vectorizer = getVectorizer('tfidf-lsa').fit(corpus, { seed: 3 });

  it('drops the words, keeps its id, and gives every document without them the same vector', () => {
    expect(vectorizer.features(corpus[0]!).has('クワガタ')).toBe(true);
    const without = vectorizer.withoutFeatures!(new Set(['クワガタ']));
    expect(without.modelId).toBe(vectorizer.modelId);
    expect(without.features(corpus[0]!).has('クワガタ')).toBe(false);
    const others = corpus.slice(1);
    expect([...without.transform(others)]).toEqual([...vectorizer.transform(others)]);
    // Stored and loaded again, it is the same space.
    const loaded = getVectorizer('tfidf-lsa').load(without.serialize());
    expect(loaded.modelId).toBe(vectorizer.modelId);
    expect(JSON.stringify(without.serialize().params)).not.toContain('クワガタ');
    expect([...loaded.transform(others)]).toEqual([...vectorizer.transform(others)]);
  });

  it('tells the feature a term gives: English by stem', () => {
    expect(vectorizer.featureOf!('arrived')).toBe('arriv');
    expect(vectorizer.featureOf!('arrival')).toBe('arriv');
    expect(vectorizer.featureOf!('箱')).toBe('箱');
  });
});

describe('tfidf-lsa rank by corpus size', () => {
  // 40 topics of three words each, 10 documents per topic: a vocabulary larger than any rank asked for.
  const corpus = (n: number): ThemeDoc[] =>
    Array.from({ length: n }, (_, i) => {
      const topic = i % 40;
      const terms = [`topic${topic}a`, `topic${topic}b`, `topic${topic}c`, `extra${i % 7}`];
      return doc(`d${i}`, terms.join(' '), terms, 'en');
    });

  it('keeps a tenth of the documents as dimensions below 1,000 documents, at least 20', () => {
    expect(defaultDimensions(270)).toBe(27);
    expect(defaultDimensions(540)).toBe(54);
    expect(defaultDimensions(999)).toBe(100);
    expect(defaultDimensions(120)).toBe(20);
    expect(getVectorizer('tfidf-lsa').fit(corpus(400), { seed: 1 }).dim).toBe(40);
  });

  it('keeps 200 from 1,000 documents on and 100 above 20,000', () => {
    expect(defaultDimensions(1_000)).toBe(200);
    expect(defaultDimensions(20_000)).toBe(200);
    expect(defaultDimensions(20_001)).toBe(100);
  });

  it('takes the rank a config names', () => {
    expect(getVectorizer('tfidf-lsa').fit(corpus(400), { seed: 1, dimensions: 60 }).dim).toBe(60);
  });
});
