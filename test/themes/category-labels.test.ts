// Category labels a support lead can tell apart (src/themes/category-labels.ts): parts cut from one area get what
// sets each apart ("請求・支払い：為替 / billing and payment: exchange rate"), and no two category labels are alike.
import { beforeAll, describe, expect, it } from 'vitest';
import { distinctCategoryLabels, withDistinction } from '../../src/themes/category-labels.js';
import { categorizeThemes, CATEGORY_CONCEPT_SHARE, newTheme, type ThemeConceptProfile, type ThemeSet } from '../../src/themes/theme-set.js';
import type { Theme, ThemeDoc } from '../../src/themes/theme-types.js';
import { createTokenizer, type DocTokenizer } from '../../src/tokenize/index.js';
import { themeDocsWith } from './theme-fixture.js';

const BILLING = '請求・支払い / billing and payment';

/** A theme of `members` documents whose concepts are mentioned by the given numbers of them. */
function theme(id: string, members: number, concepts: Record<string, number>, labelEn: string | null = null): { theme: Theme; profile: ThemeConceptProfile } {
  return {
    theme: { ...newTheme(id, null), size: members, labelEn, label: labelEn ?? id },
    profile: { members, conceptDf: new Map(Object.entries(concepts)), area: 'billing' },
  };
}

function labelsOf(groups: ReturnType<typeof theme>[][], labels: string[]): string[] {
  const profiles = new Map(groups.flat().map((t) => [t.theme.id, t.profile]));
  return distinctCategoryLabels(groups.map((g) => g.map((t) => t.theme)), labels, profiles, CATEGORY_CONCEPT_SHARE);
}

describe('distinctCategoryLabels', () => {
  it('names two parts of one area after the concept each says and the other does not', () => {
    // exchange-rate questions and a fee theme that also speaks of exchange; refunds and receipts of refunds
    const exchange = [theme('t1', 4, { currency: 4 }), theme('t2', 4, { currency: 3, fee: 4 })];
    const refunds = [theme('t3', 4, { refund: 4 }), theme('t4', 4, { refund: 2, receipt: 4 })];
    expect(labelsOf([exchange, refunds], [BILLING, BILLING])).toEqual([
      '請求・支払い：為替 / billing and payment: exchange rate',
      '請求・支払い：返金 / billing and payment: refund',
    ]);
  });

  it('skips a concept both parts say alike, and one that already names the category', () => {
    // both parts are about cards; the category is already called card
    const a = [theme('t1', 4, { card: 4, currency: 4 }), theme('t2', 4, { card: 4, currency: 2 })];
    const b = [theme('t3', 4, { card: 4, refund: 4 }), theme('t4', 4, { card: 4, refund: 4 })];
    expect(labelsOf([a, b], [BILLING, BILLING])).toEqual([
      '請求・支払い：為替 / billing and payment: exchange rate',
      '請求・支払い：返金 / billing and payment: refund',
    ]);
    expect(labelsOf([a, b], ['カード / card', 'カード / card'])).toEqual(['カード：為替 / card: exchange rate', 'カード：返金 / card: refund']);
  });

  it('joins a second concept when the first is said by less than half of the part', () => {
    const a = [theme('t1', 4, { currency: 4 }), theme('t2', 4, { fee: 4 }), theme('t3', 4, {})];
    const b = [theme('t4', 4, { refund: 4 })];
    expect(labelsOf([a, b], [BILLING, BILLING])[0]).toBe('請求・支払い：為替・手数料 / billing and payment: exchange rate, fee');
  });

  it('leaves alone a label no other category has', () => {
    const a = [theme('t1', 4, { currency: 4 })];
    const b = [theme('t2', 4, { refund: 4 })];
    expect(labelsOf([a, b], [BILLING, '返金 / refund'])).toEqual([BILLING, '返金 / refund']);
  });

  it('falls back on the largest theme\'s first label word, then on its id: no two labels are ever alike', () => {
    // no concept in either part: the theme words tell them apart
    const a = [theme('t1', 6, {}, 'atm, card'), theme('t2', 2, {}, 'pin')];
    const b = [theme('t3', 5, {}, 'cheque')];
    expect(labelsOf([a, b], [BILLING, BILLING])).toEqual(['請求・支払い：atm / billing and payment: atm', '請求・支払い：cheque / billing and payment: cheque']);
    // nothing tells them apart at all: the largest theme's id, as `koe themes` lists it
    const c = [theme('t4', 3, {}, 'card')];
    const d = [theme('t5', 3, {}, 'card')];
    const got = labelsOf([c, d], ['card', 'card']);
    expect(new Set(got).size).toBe(2);
    expect(got).toEqual(['card (t4)', 'card (t5)']);
  });
});

describe('withDistinction', () => {
  it.each([
    [BILLING, '為替', 'exchange rate', '請求・支払い：為替 / billing and payment: exchange rate'],
    // one language only: the word of that language
    ['ログイン・パスワード', '二段階認証', 'two-factor authentication', 'ログイン・パスワード：二段階認証'],
    ['friend, money', '友達', 'source', 'friend, money: source'],
    // a concept with no word in one language lends the other's
    [BILLING, undefined, 'swift', '請求・支払い：swift / billing and payment: swift'],
  ])('%s + %s / %s → %s', (base, ja, en, expected) => {
    expect(withDistinction(base, ja, en)).toBe(expected);
  });
});

describe('categorizeThemes over an area cut in two', () => {
  let tokenizer: DocTokenizer;
  beforeAll(async () => {
    tokenizer = await createTokenizer();
  });

  // Eight billing themes, each about its own thing, in both languages: more than a category holds (six), so the
  // area is cut by the themes' centres into the money-moving half and the paperwork half.
  const TOPICS: [string, string[]][] = [
    ['exchange', ['為替レートが悪い。', 'The exchange rate was bad.', '為替レートがおかしい。']],
    ['atm', ['ATMでお金を引き出せない。', 'I cannot withdraw cash at the ATM.', 'The ATM withdrawal failed.']],
    ['twice', ['二重請求されました。', 'I was charged twice.', 'Charged twice for one coffee.']],
    ['transfer', ['銀行振込が届かない。', 'My bank transfer has not arrived.', 'The wire transfer is missing.']],
    ['refund', ['返金がまだです。', 'Still no refund.', 'Where is my refund?']],
    ['receipt', ['領収書が欲しい。', 'I need a receipt.', 'Please send me a receipt.']],
    ['tax', ['消費税の表示がおかしい。', 'The sales tax is wrong.', 'VAT is missing on the invoice.']],
    ['points', ['ポイントが消えた。', 'My reward points are gone.', 'Points were not added.']],
  ];

  it('gives each part a label of its own, both starting with the area and naming what sets the part apart', () => {
    const docs: ThemeDoc[] = [];
    const membersOf = new Map<string, number[]>();
    const themes: Theme[] = TOPICS.map(([topic, texts], i) => {
      const id = `t${i + 1}`;
      const rows = themeDocsWith(tokenizer, texts, topic);
      membersOf.set(id, rows.map((_, k) => docs.length + k));
      docs.push(...rows);
      return { ...newTheme(id, null), label: topic, size: rows.length, centroid: Float32Array.from(i < 4 ? [1, 0.01 * i, 0] : [0, 1, 0.01 * i]) };
    });
    const set: ThemeSet = { themes, assignments: new Map(), categories: [] };
    categorizeThemes(set, docs, new Map(), membersOf);
    const categoryOf = (id: string): string => set.themes.find((t) => t.id === id)!.categoryId!;
    const labelOf = (id: string): string => set.categories.find((c) => c.id === categoryOf(id))!.label;
    // the two halves are two categories
    expect(new Set(['t1', 't2', 't3', 't4'].map(categoryOf)).size).toBe(1);
    expect(new Set(['t5', 't6', 't7', 't8'].map(categoryOf)).size).toBe(1);
    expect(categoryOf('t1')).not.toBe(categoryOf('t5'));
    // each named after the area and something of its own half, never the same
    expect(labelOf('t1')).not.toBe(labelOf('t5'));
    for (const id of ['t1', 't5']) expect(labelOf(id)).toMatch(/^請求・支払い：.+ \/ billing and payment: .+$/);
    expect(labelOf('t1')).toMatch(/exchange rate|withdrawal|double charge|bank transfer/);
    expect(labelOf('t5')).toMatch(/refund|receipt|tax|points/);
  });
});
