import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IpadicFeatures } from 'kuromoji';
import { bundledDictPath, getKuromoji, type KuromojiTokenizer } from '../../src/tokenize/index.js';
import { listInputFiles, readFeedback } from '../../src/ingest/index.js';
import { normalizeFeedback } from '../../src/normalize/index.js';
import { PACKAGE_ROOT } from '../../src/paths.js';

// fast-kuromoji.ts must give exactly kuromoji's tokens: every field of every token, in order.
let fast: KuromojiTokenizer;
let kuromojiItself: KuromojiTokenizer;
beforeAll(async () => {
  fast = await getKuromoji();
  kuromojiItself = Object.getPrototypeOf(fast) as KuromojiTokenizer;
});

const both = (text: string): { fast: IpadicFeatures[] | string; kuromoji: IpadicFeatures[] | string } => {
  const run = (t: KuromojiTokenizer): IpadicFeatures[] | string => {
    try {
      return t.tokenize(text);
    } catch (err) {
      return `threw ${String(err)}`;
    }
  };
  return { fast: run(fast), kuromoji: run(kuromojiItself) };
};

describe('fast kuromoji', () => {
  it('is not kuromoji’s own tokenize (the comparison below compares two implementations)', () => {
    expect(fast.tokenize).not.toBe(kuromojiItself.tokenize);
  });

  it.each([
    // ordinary sentences, with 、 and 。 chunks (word positions continue across chunks)
    ['ログイン画面が表示されない。アプリを再起動しても、直りません。'],
    ['配送が3日も遅れました、サポートに電話してもつながらない'],
    // unknown words: katakana run, Latin, digits, half-width katakana, blanks
    ['カスタマーサクセスチームのオンボーディングが最高 iPhone 15 Pro ｶﾀｶﾅ  です'],
    // surrogate pairs: an emoji alone, a supplementary kanji in a word and in a grouped unknown run
    ['最高😀でした'],
    ['𠮷野家の牛丼'],
    ['𠮷𠮷𠮷と書く'],
    ['😀😀👍🏻最高'],
    // a lone low surrogate is a character to kuromoji; an unpaired high surrogate makes kuromoji throw
    ['これは\uDC00です'],
    ['これは\uD800です'],
    ['\uD83D'],
    // punctuation only, one character, empty
    ['。。、'],
    ['あ'],
    [''],
    // a long sentence without punctuation (kuromoji's quadratic case)
    ['とても'.repeat(80) + '良い商品だと思いますがもう少し安ければ嬉しいです'.repeat(5)],
  ])('gives kuromoji’s tokens for %j', (text) => {
    const r = both(text);
    expect(r.fast).toStrictEqual(r.kuromoji);
  });

  it('gives kuromoji’s tokens over kuromoji’s bundled dictionary too (no uncompressed files: kuromoji.builder, its parsed target map indexed)', async () => {
    const bundled = await getKuromoji({ dicPath: bundledDictPath() });
    const itself = Object.getPrototypeOf(bundled) as KuromojiTokenizer;
    expect(bundled.tokenize).not.toBe(itself.tokenize);
    for (const text of ['ログイン画面が表示されない。アプリを再起動しても、直りません。', '置き配が届かない😀', '𠮷野家の牛丼 iPhone ｶﾀｶﾅ', 'あ']) {
      expect(bundled.tokenize(text), text).toStrictEqual(itself.tokenize(text));
    }
  });

  it('gives kuromoji’s tokens after a sentence long enough to drop its buffers, and for the next one', () => {
    for (const text of ['配送が遅い'.repeat(1700), 'ログインできません']) {
      const r = both(text);
      expect(r.fast).toStrictEqual(r.kuromoji);
    }
  });

  it('gives kuromoji’s tokens for every text of the bundled sample, raw and normalized', async () => {
    let texts = 0;
    for await (const item of readFeedback(listInputFiles([path.join(PACKAGE_ROOT, 'data')]))) {
      if (!item.ok) continue;
      const normalized = normalizeFeedback(item.row).text;
      for (const text of [item.row.text, normalized]) {
        const r = both(text);
        expect(r.fast, text).toStrictEqual(r.kuromoji);
        texts++;
      }
    }
    expect(texts).toBeGreaterThan(1000);
  });
});
