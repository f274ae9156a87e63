import { beforeAll, describe, expect, it } from 'vitest';
import { contentTerms, createTokenizer } from '../../src/tokenize/index.js';
import type { DocTokenizer } from '../../src/tokenize/index.js';
import { makeDoc } from './fixtures.js';

let tokenizer: DocTokenizer;
beforeAll(async () => {
  tokenizer = await createTokenizer();
});

const tokens = (text: string) => tokenizer.tokenizeText(text, 'en');
const terms = (text: string): string[] => contentTerms(tokens(text), 'en');

describe('English tokens', () => {
  it.each([
    // contractions stay one token, negations are never stop and are tagged NEG
    ["I don't like it", "don't"],
    ["The app can't load", "can't"],
    ['It won’t open', "won't"], // typographic apostrophe normalised in base
    ['This is not working', 'not'],
    ['I will never order again', 'never'],
    ['No refund yet', 'no'],
    ['It dont work', 'dont'],
  ])('%s keeps negation %s', (text, negation) => {
    const t = tokens(text).find((x) => x.base === negation);
    expect(t).toMatchObject({ posDetail: 'NEG', stop: false });
  });

  it('lowercases, lemmatizes and Porter-stems', () => {
    const got = tokens('Deliveries were DELAYED and the Boxes arrived damaged');
    expect(got.map((t) => [t.surface, t.base, t.stem, t.stop])).toEqual([
      ['Deliveries', 'delivery', 'deliveri', false],
      ['were', 'be', 'be', true],
      ['DELAYED', 'delay', 'delai', false],
      ['and', 'and', 'and', true],
      ['the', 'the', 'the', true],
      ['Boxes', 'box', 'box', false],
      ['arrived', 'arrive', 'arriv', false],
      ['damaged', 'damaged', 'damag', false],
    ]);
  });

  it('guesses simple parts of speech', () => {
    const pos = Object.fromEntries(tokens('She quickly refunded 2 orders, great!').map((t) => [t.surface, t.pos]));
    expect(pos).toEqual({ She: 'other', quickly: 'adverb', refunded: 'verb', '2': 'number', orders: 'noun', ',': 'symbol', great: 'adjective', '!': 'symbol' });
  });

  it('handles empty and emoji-only text', () => {
    expect(tokens('')).toEqual([]);
    expect(tokens('   ')).toEqual([]);
    expect(tokens('😡😡 👎').map((t) => [t.surface, t.pos, t.posDetail])).toEqual([
      ['😡', 'symbol', 'EMOJI'],
      ['😡', 'symbol', 'EMOJI'],
      ['👎', 'symbol', 'EMOJI'],
    ]);
  });

  it('keeps PII placeholders and @mentions whole, and out of terms', () => {
    const got = tokens('@AcmeSupport mail <EMAIL> or see <URL> about the refund');
    expect(got.map((t) => [t.surface, t.posDetail])).toContainEqual(['@AcmeSupport', 'MENTION']);
    expect(got.map((t) => [t.surface, t.posDetail])).toContainEqual(['<EMAIL>', 'PII']);
    expect(contentTerms(got, 'en')).toEqual(['mail', 'refund']);
  });

  it('reads possessives as the owner', () => {
    expect(terms("the company's website")).toEqual(['company', 'website', 'company website']);
  });

  it('sends Japanese runs inside English text to kuromoji', () => {
    const got = tokens('The 配送状況 page is broken');
    // 配送状況 is one user-dictionary word or 配送 + 状況, depending on the dictionary: joined either way
    expect(got.filter((t) => t.posDetail === '一般' || t.posDetail === 'サ変接続').map((t) => t.surface).join('')).toBe('配送状況');
    expect(contentTerms(got, 'en')).toEqual(['配送状況', 'page', 'broken']);
  });
});

describe('English terms', () => {
  it.each([
    // adjacent content words give a bigram
    ['My credit card was charged twice', ['credit', 'card', 'credit card', 'charge']],
    ['Customer service never answered my emails', ['customer', 'service', 'customer service', 'answer', 'email']],
    // listed phrasal verbs survive their stopword particle
    ['I keep logging in again and again', ['log', 'log in']],
    // adverbs are not terms (forever, instead: the slow concept hears "took forever")
    ['Sign up took forever', ['sign', 'sign up']],
    ['I got the wrong order instead', ['wrong', 'order', 'wrong order']],
    // parts of speech from natural's lexicon: "solid" is an adjective, so "otherwise solid" is no noun phrase;
    // a flat adverb that is an adjective too still describes ("fast delivery")
    ['Otherwise solid app', ['solid', 'app', 'solid app']],
    ['Fast delivery every time', ['fast', 'delivery', 'fast delivery', 'time']],
    // readable lemmas for theme labels
    ['Refunds and deliveries are slow', ['refund', 'delivery', 'slow']],
  ])('%s → %j', (text, expected) => {
    expect(terms(text)).toEqual(expected);
  });

  it('has no stopwords, negations or numbers among terms, and no bigram across them', () => {
    const got = terms("I didn't get the 2 login codes, not even one");
    expect(got).toEqual(['login', 'code', 'login code']);
  });

  it('does not make bigrams across sentences or punctuation', () => {
    const doc = tokenizer.tokenize(makeDoc('en', ['Great app.', 'Delivery was late, refund please.']));
    expect(doc.terms).toEqual(['great', 'app', 'great app', 'delivery', 'late', 'refund']);
    expect(doc.tokens.filter((t) => t.sentence === 1).map((t) => t.surface)[0]).toBe('Delivery');
  });
});
