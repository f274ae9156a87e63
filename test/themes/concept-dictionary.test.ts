import { describe, expect, it } from 'vitest';
import { loadConceptDictionary, matchConcepts, parseConceptDictionary } from '../../src/themes/concept-dictionary.js';

describe('concept dictionary', () => {
  const dictionary = loadConceptDictionary();

  it('loads the bundled dictionary with at least 150 concepts', () => {
    expect(dictionary.concepts.length).toBeGreaterThanOrEqual(150);
  });

  it.each([
    // spelling variants of one concept in Japanese
    { text: 'ログオンできない', lang: 'ja', concept: 'login' },
    { text: 'サインインに失敗します', lang: 'ja', concept: 'login' },
    // English phrases match after stemming ("logging in", "arrived")
    { text: 'I keep logging in and getting kicked out', lang: 'en', concept: 'login' },
    { text: 'my parcel never arrived', lang: 'en', concept: 'delivery' },
    { text: '荷物がまだ届かない', lang: 'ja', concept: 'delivery' },
    { text: '返金してください', lang: 'ja', concept: 'refund' },
    { text: 'I want my money back', lang: 'en', concept: 'refund' },
    { text: '解約したい', lang: 'ja', concept: 'cancel_subscription' },
    { text: 'how do I unsubscribe', lang: 'en', concept: 'cancel_subscription' },
    { text: '二重に請求されています', lang: 'ja', concept: 'double_charge' },
    { text: 'I was charged twice', lang: 'en', concept: 'double_charge' },
  ] as const)('$text → $concept', ({ text, lang, concept }) => {
    expect([...matchConcepts(dictionary, text, [], lang).concepts.keys()]).toContain(concept);
  });

  it('does not match a one-character Japanese variant inside another word (便 in 便利)', () => {
    expect([...matchConcepts(dictionary, 'とても便利です', [], 'ja').concepts.keys()]).not.toContain('flight');
  });

  it('names the line of a malformed entry', () => {
    expect(() => parseConceptDictionary('concept\tcategory\tja\ten\nlogin\taccount\tログイン\n', 'x.tsv')).toThrow(/x\.tsv:2: expected 4/);
  });
});
