import { describe, expect, it } from 'vitest';
import { pickQuotes } from '../../src/themes/pick-quotes.js';
import type { ThemeDoc } from '../../src/themes/theme-types.js';
import type { SentimentLabel } from '../../src/types.js';

/** Theme members, closest to the centre first (scores 1, 0.99, 0.98 …). */
function members(...rows: [id: string, text: string, sentiment?: SentimentLabel][]): { doc: ThemeDoc; score: number }[] {
  return rows.map(([id, text, sentiment = 'negative'], i) => ({
    doc: { id, text, lang: /[\u3040-\u30ff\u4e00-\u9fff]/.test(text) ? 'ja' : 'en', terms: [], sentiment, kind: null },
    score: 1 - i / 100,
  }));
}

describe('pickQuotes', () => {
  it('takes the documents closest to the theme centre', () => {
    const got = pickQuotes(
      members(['a', 'Login fails every morning.'], ['b', 'Cannot log in since the update.'], ['c', 'The login page is blank.'], ['d', 'Sign-in is broken for me.']),
      3,
    );
    expect(got).toEqual(['a', 'b', 'c']);
  });

  it('quotes a bilingual theme in both languages before a third quote in the first', () => {
    const got = pickQuotes(
      members(['en1', 'Login fails every morning.'], ['en2', 'Cannot log in since the update.'], ['ja1', 'ログインできません。'], ['ja2', '毎朝ログインに失敗する。']),
      2,
    );
    expect(got).toEqual(['en1', 'ja1']);
  });

  it('speaks with the voice of most of the theme: its praise waits behind its complaints', () => {
    const got = pickQuotes(
      members(['p', 'Logging in is quick and easy now.', 'positive'], ['n1', 'Login fails every morning.'], ['n2', 'Cannot log in since the update.'], ['n3', 'The login page is blank.']),
      3,
    );
    expect(got).toEqual(['n1', 'n2', 'n3']);
  });

  it('has no voice to follow in a theme split between praise and complaint', () => {
    const got = pickQuotes(members(['p', 'The chat agent was very helpful.', 'positive'], ['n', 'The chat agent was rude to me.']), 2);
    expect(got).toEqual(['p', 'n']);
  });

  it('shows a complaint once, whatever channel prefix, amount or emoji it comes with, or when it opens another', () => {
    const got = pickQuotes(
      members(
        ['a', 'ポイントで支払った分まで、カードに請求されています。'],
        ['b', '(電話受付) ポイントで支払った分まで、カードに請求されています。'],
        ['c', 'I was charged 1,200 yen twice for one order 😡'],
        ['d', 'I was charged 3,400 yen twice for one order!!'],
        ['e', 'The points I used were charged to my card as well.'],
      ),
      3,
    );
    expect(got).toEqual(['a', 'c', 'e']);
    // One that only opens another is the same request.
    expect(pickQuotes(members(['a', 'Dark mode please!'], ['b', 'Dark mode please! Every other app has it.'], ['c', 'Add a dark theme.']), 2)).toEqual(['a', 'c']);
    // The same opening with another point is not.
    expect(pickQuotes(members(['a', 'The chat agent was very helpful.', 'neutral'], ['b', 'The chat agent was rude to me.', 'neutral']), 2)).toEqual(['a', 'b']);
  });

  it('prefers readable quotes, and still quotes a theme of only very short or very long texts', () => {
    const long = `The app ${'keeps crashing and '.repeat(20)}I give up.`;
    expect(pickQuotes(members(['short', 'Bad'], ['ok', 'The app crashes at checkout.']), 1)).toEqual(['ok']);
    expect(pickQuotes(members(['short', 'Bad'], ['long', long]), 2)).toEqual(['short', 'long']);
  });
});
