import { beforeAll, describe, expect, it } from 'vitest';
import { contentTerms, createTokenizer, getKuromoji } from '../../src/tokenize/index.js';
import type { DocTokenizer } from '../../src/tokenize/index.js';
import { makeDoc } from './fixtures.js';

// Real kuromoji, loaded once for this file. These cases hold with and without koe's user dictionary.
let tokenizer: DocTokenizer;
beforeAll(async () => {
  tokenizer = await createTokenizer();
});

const terms = (text: string): string[] => contentTerms(tokenizer.tokenizeText(text, 'ja'), 'ja');

describe('Japanese compound terms', () => {
  it.each([
    // noun + noun: the screen of the login is one concept
    ['ログイン画面が表示されない', 'ログイン画面'],
    // katakana loan-word compound (IPADIC has no entry: one unknown token or two nouns)
    ['カスタマーサポートの対応が丁寧でした', 'カスタマーサポート'],
    // サ変 noun + 一般 noun
    ['配送状況が確認できません', '配送状況'],
    // a dictionary word stays whole
    ['クレジットカードが使えなくなった', 'クレジットカード'],
    // prefix 再 + noun
    ['パスワードの再設定ができない', '再設定'],
    // Latin word in Japanese text is lowercased
    ['iPhoneで使っています', 'iphone'],
    // Latin words split by a blank stay one name
    ['Amazon Payで支払えない', 'amazon pay'],
    // relative-time suffix is not part of the concept
    ['アップデート後に落ちる', 'アップデート'],
    // a hyphenated Latin word stays whole, as the English tokenizer keeps it (kuromoji alone: wi / fi)
    ['Wi-Fiでもモバイル回線でも同じです', 'wi-fi'],
    ['e-mailが届かない', 'e-mail'],
  ])('%s → %s', (text, expected) => {
    expect(terms(text)).toContain(expected);
  });

  it.each([
    // a compound comes with its own nouns, so that it meets texts that say them alone (ログイン, 画面)
    ['ログイン画面が表示されない', ['ログイン画面', 'ログイン', '画面']],
    ['公的申請書を提出する', ['公的申請書', '公的', '申請']],
    // a one-kanji noun is a part too (独女 → 独, 女), and so is a Latin word of a name ("amazon pay" → amazon, pay)
    ['独女の結婚観', ['独女', '独', '女', '結婚観', '結婚']],
    ['Amazon Payで支払えない', ['amazon pay', 'amazon', 'pay']],
  ])('%s → compound and parts %j', (text, expected) => {
    const got = terms(text);
    for (const e of expected) expect(got).toContain(e);
  });

  it.each([
    // a suffix (さん, 観 of 結婚観, 戦 of 決勝戦) is no part of its own
    ['配達員さんが親切', ['さん']],
    ['独女の結婚観', ['観']],
    ['決勝戦を見た', ['戦']],
  ])('%s has no suffix part %j', (text, absent) => {
    const got = terms(text);
    for (const a of absent) expect(got).not.toContain(a);
  });

  it("compoundParts 'long' keeps only the parts of two characters or more that are not Latin words", () => {
    const long = (text: string): string[] => contentTerms(tokenizer.tokenizeText(text, 'ja'), 'ja', { compoundParts: 'long' });
    expect(long('独女の結婚観')).toEqual(['独女', '結婚観', '結婚']);
    expect(long('Amazon Payで支払えない')).toEqual(['amazon pay', '支払える']);
  });

  it.each([
    // numbers and counters are not glued: 3日前 gives no term
    ['3日前に注文した', ['3日前', '日前', '前', '3日']],
    // pronouns and 非自立 nouns are not glued nor terms
    ['その画面のことが分からない', ['その画面', 'こと', '画面こと']],
    // honorific prefix dropped, so ご対応 and 対応 are one term
    ['ご対応ありがとうございました', ['ご対応']],
    // a blank separates words that would otherwise read as one compound
    ['アプリ 画面', ['アプリ画面']],
    // the parts of a hyphenated Latin word are not terms of their own; number ranges are not joined into one
    ['Wi-Fiが遅い', ['wi', 'fi']],
    ['2-3日で届いた', ['2-3', '2-3日']],
  ])('%s has none of %j', (text, absent) => {
    const got = terms(text);
    for (const a of absent) expect(got).not.toContain(a);
  });

  it('keeps verbs and adjectives as base forms and drops function words', () => {
    // 届かなかった → 届く; 遅い stays; する/ない are not terms
    expect(terms('荷物が届かなかった')).toEqual(['荷物', '届く']);
    expect(terms('返信が遅いです')).toEqual(['返信', '遅い']);
    expect(terms('ログインする')).toEqual(['ログイン']);
  });

  it('does not join across sentences', () => {
    const doc = tokenizer.tokenize(makeDoc('ja', ['画面が白い。', 'ログイン', '画面']));
    expect(doc.terms).not.toContain('ログイン画面');
    expect(doc.terms).toEqual(['画面', '白い', 'ログイン', '画面']);
  });
});

describe('Japanese tokens', () => {
  it('gives base forms, mapped parts of speech and IPADIC details', () => {
    const tokens = tokenizer.tokenizeText('荷物が届かなかった', 'ja', 2);
    expect(tokens.map((t) => [t.surface, t.base, t.pos, t.posDetail, t.stop])).toEqual([
      ['荷物', '荷物', 'noun', '一般', false],
      ['が', 'が', 'particle', '格助詞', true],
      ['届か', '届く', 'verb', '自立', false],
      // negation auxiliary: not stop, sentiment needs it
      ['なかっ', 'ない', 'auxiliary', '*', false],
      ['た', 'た', 'auxiliary', '*', true],
    ]);
    expect(tokens.every((t) => t.sentence === 2 && t.stem === t.base)).toBe(true);
  });

  it('marks stopwords from ja.txt and keeps unknown words as their surface', () => {
    const tokens = tokenizer.tokenizeText('私はこれを使うことにした', 'ja');
    const stop = Object.fromEntries(tokens.map((t) => [t.base, t.stop]));
    expect(stop).toMatchObject({ 私: true, これ: true, こと: true, 使う: false, する: true });
  });

  it('handles empty and emoji-only text', () => {
    expect(tokenizer.tokenizeText('', 'ja')).toEqual([]);
    const emoji = tokenizer.tokenizeText('😀👍🏻', 'ja');
    expect(emoji.map((t) => [t.surface, t.pos, t.posDetail])).toEqual([
      ['😀', 'symbol', 'EMOJI'],
      ['👍🏻', 'symbol', 'EMOJI'],
    ]);
    expect(contentTerms(emoji, 'ja')).toEqual([]);
  });

  it('keeps words next to emoji (kuromoji alone drops 最高 after two emoji)', () => {
    const tokens = tokenizer.tokenizeText('😀👍🏻最高❤️', 'ja');
    expect(tokens.map((t) => t.surface)).toEqual(['😀', '👍🏻', '最高', '❤️']);
  });

  it('keeps placeholders whole and reads emoticons and laughter as non-terms', () => {
    const got = tokenizer.tokenizeText('<EMAIL>に返信が来ない(^o^)www', 'ja');
    expect(got[0]).toMatchObject({ surface: '<EMAIL>', posDetail: 'PII', stop: true });
    // 来る is a stopword; (^o^) and www give no term
    expect(contentTerms(got, 'ja')).toEqual(['返信']);
  });

  it('reads an all-English sentence of a Japanese doc with the English rules', () => {
    const doc = tokenizer.tokenize(makeDoc('ja', ['配達が遅い。', "I don't like the packaging."]));
    expect(doc.tokens.map((t) => t.surface)).toContain("don't");
    expect(doc.terms).toEqual(['配達', '遅い', 'packaging']);
  });

  it('tokenizes a whole doc sentence by sentence', () => {
    const doc = tokenizer.tokenize(makeDoc('ja', ['ログイン画面が表示されない。', 'サポートに電話した。']));
    expect(doc.tokens.find((t) => t.surface === 'サポート')?.sentence).toBe(1);
    expect(doc.terms).toEqual(['ログイン画面', 'ログイン', '画面', '表示', 'サポート', '電話']);
    expect(doc.id).toBe('doc-1');
  });

  it('uses the text when the doc has no sentences, and nothing for an empty doc', () => {
    const doc = makeDoc('ja', []);
    expect(tokenizer.tokenize({ ...doc, text: '画面' }).terms).toEqual(['画面']);
    expect(tokenizer.tokenize(doc)).toMatchObject({ tokens: [], terms: [] });
  });
});

describe('getKuromoji', () => {
  it('is a singleton per dictionary folder', async () => {
    const [a, b] = await Promise.all([getKuromoji(), getKuromoji()]);
    expect(a).toBe(b);
  });

  it('names the folder when a dictionary is missing', async () => {
    await expect(getKuromoji({ dicPath: '/nonexistent/koe-dict' })).rejects.toThrow('/nonexistent/koe-dict');
  });
});
