import { describe, expect, it } from 'vitest';
import { eraseWordsFromTheme, labelWithoutWords } from '../../src/themes/erase-words.js';
import { newTheme } from '../../src/themes/theme-set.js';

const words = new Set(['クワガタ', 'quokka']);

describe('labelWithoutWords', () => {
  it.each([
    ['クワガタ柄・梱包 / delivery delay', '梱包 / delivery delay'],
    ['クワガタ柄 / quokka print, delivery delay', 'delivery delay'],
    ['配送の遅延 / delivery delay', '配送の遅延 / delivery delay'],
    ['quokkas, box', 'quokkas, box'], // a whole word: "quokkas" is another term
    ['クワガタ柄', null],
  ])('%s → %s', (label, expected) => {
    expect(labelWithoutWords(label, words)).toBe(expected);
  });
});

describe('eraseWordsFromTheme', () => {
  it('takes the words out of terms and generated labels, and leaves a label a person gave', () => {
    const theme = { ...newTheme('t2', null), label: 'クワガタ柄・梱包 / delivery delay', labelJa: 'クワガタ柄・梱包', labelEn: 'delivery delay', terms: ['クワガタ柄', '梱包', 'delay'] };
    expect(eraseWordsFromTheme(theme, words)).toBe(true);
    expect(theme).toMatchObject({ label: '梱包 / delivery delay', labelJa: '梱包', labelEn: 'delivery delay', terms: ['梱包', 'delay'] });
    expect(eraseWordsFromTheme(theme, words)).toBe(false);
    const named = { ...newTheme('t3', null), label: 'クワガタ柄の箱', labelPinned: true, terms: [] };
    expect(eraseWordsFromTheme(named, words)).toBe(false);
    expect(named.label).toBe('クワガタ柄の箱');
  });
});
