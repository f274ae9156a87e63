import { beforeAll, describe, expect, it } from 'vitest';
import { labelGroups } from '../../src/themes/label-themes.js';
import type { ThemeDoc } from '../../src/themes/theme-types.js';
import { createTokenizer, type DocTokenizer } from '../../src/tokenize/index.js';
import { themeDocsWith } from './theme-fixture.js';

let tokenizer: DocTokenizer;
beforeAll(async () => {
  tokenizer = await createTokenizer();
});

const themeDocs = (texts: readonly string[], prefix: string): ThemeDoc[] => themeDocsWith(tokenizer, texts, prefix);

/** Labels the groups, each given as its texts; returns one label per group. */
function labelTexts(...groups: (readonly string[])[]): ReturnType<typeof labelGroups> {
  const docs: ThemeDoc[] = [];
  const indices = groups.map((texts, g) => {
    const start = docs.length;
    docs.push(...themeDocs(texts, `g${g}`));
    return texts.map((_, i) => start + i);
  });
  return labelGroups(docs, indices);
}

const LOGIN_EN = ["Can't log in since the update.", 'Login fails with my password.', 'The login page keeps spinning.'];
const REFUND_JA = ['返金がまだです。', '返金の連絡がない。', 'いつ返金されますか。'];

describe('labelGroups', () => {
  it('names each group by its own distinctive terms, in each language it holds', () => {
    const [login, refund] = labelTexts(LOGIN_EN, REFUND_JA);
    expect(login!.labelEn).toMatch(/login|password/);
    expect(login!.labelJa).toBeNull();
    expect(refund!.labelJa).toContain('返金');
    expect(refund!.label).toBe(refund!.labelJa);
  });

  it('keeps a retail compound whole (品揃え, not the 品 kuromoji alone would split off)', () => {
    const [selection] = labelTexts(
      ['品揃えがいいので便利です。', '品揃えが豊富で助かる。', '近所の店より品揃えがいい。'],
      LOGIN_EN,
    );
    expect(selection!.labelJa).toContain('品揃え');
    expect(selection!.terms).not.toContain('品');
  });

  it('prefers a noun to a lone kanji that is as frequent (逆 of 逆に)', () => {
    const [careful] = labelTexts(
      ['配達が丁寧すぎて逆に驚いた。', '配達が丁寧で逆に恐縮した。', '逆に配達が丁寧すぎる。'],
      REFUND_JA,
    );
    expect(careful!.labelJa!.split('・')[0]).toMatch(/^配(達|送)$/);
    expect(careful!.terms.indexOf('逆')).toBeGreaterThan(careful!.terms.indexOf('配達'));
  });

  it('names praise of fast delivery by its concept, in either language (配達の早さ / delivery speed)', () => {
    const [fast] = labelTexts(['配達が早すぎて逆に驚いた。', '配送が早くて助かる。', 'Fast delivery, arrived quickly.'], REFUND_JA);
    expect(fast!.labelJa!.split('・')[0]).toBe('配達の早さ');
    expect(fast!.labelEn!.split(', ')[0]).toBe('delivery speed');
  });

  it('shows a concept by its display word, not by the stem that matches it (欠品, not 入っていな)', () => {
    const [missing] = labelTexts(
      ['牛乳が入っていなかった。', '卵だけ入っていなかった。', '注文した水が入っていない。'],
      LOGIN_EN,
    );
    expect(missing!.terms).toContain('欠品');
    expect(missing!.terms.join(' ')).not.toContain('入っていな');
  });
});
