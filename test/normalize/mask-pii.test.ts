import { describe, expect, it } from 'vitest';
import { maskPii, normalizeText } from '../../src/normalize/index.js';
import { checkPiiMaskers, maskMessage, piiMaskerFailures } from '../../src/normalize/mask-pii.js';
import { eanValid, F, luhnValid, meetsRequirements, myNumberValid, PII_MASKERS, textShape, type PiiMasker } from '../../src/normalize/pii-maskers.js';

// Masking runs on normalized text in the pipeline; these cases go through normalizeText first too.
const mask = (text: string) => maskPii(normalizeText(text));

describe('maskPii masks', () => {
  const cases: [comment: string, input: string, expected: string, kind: string][] = [
    ['e-mail in English', 'Contact me at john.smith+koe@example.co.uk please', 'Contact me at <EMAIL> please', 'EMAIL'],
    ['e-mail glued to Japanese', '連絡先はtaro.yamada@example.jpまでお願いします', '連絡先は<EMAIL>までお願いします', 'EMAIL'],
    ['full-width e-mail (NFKC first)', 'ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ に送りました', '<EMAIL> に送りました', 'EMAIL'],
    ['mobile with hyphens', '携帯は090-1234-5678です', '携帯は<PHONE>です', 'PHONE'],
    ['mobile without separators', '電話番号 09012345678 に折り返しください', '電話番号 <PHONE> に折り返しください', 'PHONE'],
    ['full-width mobile', '０８０－１２３４－５６７８まで', '<PHONE>まで', 'PHONE'],
    ['Tokyo landline', '03-1234-5678に電話しました', '<PHONE>に電話しました', 'PHONE'],
    ['landline with parentheses', '(03) 1234-5678 is the office', '<PHONE> is the office', 'PHONE'],
    ['area code in parentheses mid-number', '03(1234)5678まで', '<PHONE>まで', 'PHONE'],
    ['toll-free', 'フリーダイヤル0120-123-456は繋がらない', 'フリーダイヤル<PHONE>は繋がらない', 'PHONE'],
    ['Japan in international form', 'call +81 90-1234-5678 anytime', 'call <PHONE> anytime', 'PHONE'],
    ['US in international form', 'Reach me on +1 415 555 0100.', 'Reach me on <PHONE>.', 'PHONE'],
    ['US with parentheses', 'my number is (415) 555-0100', 'my number is <PHONE>', 'PHONE'],
    ['Visa with spaces (Luhn ok)', 'card 4111 1111 1111 1111 was charged twice', 'card <CARD> was charged twice', 'CARD'],
    ['Mastercard with hyphens', 'カード番号5500-0000-0000-0004で決済', 'カード番号<CARD>で決済', 'CARD'],
    ['card at the end of a sentence', 'The card I used is 5555 5555 5555 4444.', 'The card I used is <CARD>.', 'CARD'],
    ['Amex 15 digits', 'Amex 378282246310005 declined', 'Amex <CARD> declined', 'CARD'],
    ['postal code with 〒', '〒150-0001 東京都渋谷区', '<POSTAL> 東京都渋谷区', 'POSTAL'],
    ['postal code before a prefecture', '住所は 530-0001 大阪府大阪市です', '住所は <POSTAL> 大阪府大阪市です', 'POSTAL'],
    ['postal code after 郵便番号', '郵便番号:100-0005', '郵便番号:<POSTAL>', 'POSTAL'],
    ['zip label', 'Postal code 123-4567', 'Postal code <POSTAL>', 'POSTAL'],
    ['URL with a token', 'Reset link https://example.com/reset?token=abc123XYZ doesn\'t work', 'Reset link <URL> doesn\'t work', 'URL'],
    ['URL with an id-like path', 'https://shop.example.jp/orders/84736251/detail を開けない', '<URL> を開けない', 'URL'],
    ['URL with credentials', 'ftp? no: https://user:pass@example.com/x', 'ftp? no: <URL>', 'URL'],
    ['IPv4', 'blocked from 203.0.113.42 again', 'blocked from <IP> again', 'IP'],
  ];
  for (const [comment, input, expected, kind] of cases) {
    it(comment, () => {
      const result = mask(input);
      expect(result.text).toBe(expected);
      expect(result.counts).toEqual({ [kind]: 1 });
    });
  }

  it('counts several kinds in one text', () => {
    const result = mask('メール a@b.jp、電話 090-1111-2222、別の電話 03-3333-4444');
    expect(result.text).toBe('メール <EMAIL>、電話 <PHONE>、別の電話 <PHONE>');
    expect(result.counts).toEqual({ EMAIL: 1, PHONE: 2 });
  });
});

describe('maskPii keeps', () => {
  const cases: [comment: string, input: string][] = [
    ['Japanese order number', '注文番号 123456789 の商品が届きません'],
    ['order number with hyphen', 'order #A-12345 never arrived'],
    ['order number that passes Luhn', 'Order number 4111111111111111 is wrong'],
    ['order number in Japanese that looks like a phone', '注文番号:0312345678'],
    ['order number after は', '注文番号は0312345678です'],
    ['order number after "is"', 'The order number is 0312345678.'],
    ['ISO date', '2026-11-24に購入しました'],
    ['slashed date and time', '2026/11/24 13:05 に問い合わせ'],
    ['time range', 'open 09:00-18:00 only'],
    ['yen price', '¥12,800は高すぎる'],
    ['dollar price', 'It costs $49.99 per month'],
    ['version number', 'after updating to v4.2.1 it crashes'],
    ['four-part version', 'version 10.0.19045.3 broke it'],
    ['short numbers', '3回目の問い合わせ、2時間待った'],
    ['16 digits failing Luhn', 'ref 1234 5678 9012 3456 is what they gave'],
    ['a timestamp-like digit run', 'log id 20261124130500'],
    ['bare 3-4 digits without address context', 'error 404-1234 on the page'],
    ['URL naming a help page', 'see https://example.com/help/login for details'],
    ['percentages and counts', '満足度は95%、回答数1,234件'],
    ['tracking number', '追跡番号 1234-5678-9012 で確認'],
  ];
  for (const [comment, input] of cases) {
    it(comment, () => {
      const normalized = normalizeText(input);
      const result = maskPii(normalized);
      expect(result.text).toBe(normalized);
      expect(result.counts).toEqual({});
    });
  }
});

describe('the masker table', () => {
  // Each entry's examples must be masked by it and its look-alikes must survive the whole masking (checked at load too).
  for (const masker of PII_MASKERS) {
    it(`${masker.name}: ${masker.examples.length} examples masked, ${masker.lookAlikes.length} look-alikes kept`, () => {
      expect(piiMaskerFailures([masker])).toEqual([]);
    });
  }

  it('fails loudly on an entry whose example is not masked or whose look-alike is', () => {
    const broken: PiiMasker = {
      name: 'broken',
      kind: 'PHONE',
      pattern: /\d{3}/g,
      examples: ['no digits here'],
      lookAlikes: ['携帯は090-1234-5678です'],
    };
    expect(() => checkPiiMaskers([broken])).toThrow(/broken: example "no digits here" is not masked[\s\S]*look-alike/);
  });
});

describe('the pre-checks (requires) only skip maskers that could find nothing', () => {
  // Every masker's `requires` must follow from its `needs`, pattern or check: without them the result is the same.
  const unchecked = PII_MASKERS.map((masker) => ({ ...masker, requires: undefined }));
  const texts = [
    ...PII_MASKERS.flatMap((masker) => [...masker.examples, ...masker.lookAlikes]),
    'ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ に送りました', // full-width: NFKC makes the @ and the dot
    '０８０－１２３４－５６７８まで', // full-width digits and dash
    '電話 090ー1234ー5678、メール a@b.jp\nRegards,\nJohn Smith', // several kinds: a placeholder changes the shape
    '<PHONE> Mr Smith', // a placeholder's capitals before a title
    'web', 'app', 'p7', 'r1', '', '1234567890123', 'アプリが落ちます',
  ];
  for (const text of texts) {
    it(JSON.stringify(text), () => {
      const normalized = normalizeText(text);
      expect(maskPii(normalized)).toEqual(maskPii(normalized, unchecked));
      expect(maskPii(text)).toEqual(maskPii(text, unchecked));
    });
  }

  it("reads a text's character classes, digits and longest digit run in one pass", () => {
    const shape = textShape('Tel 03ー1234-5678 様');
    expect(shape.digits).toBe(10);
    expect(shape.digitRun).toBe(4);
    for (const bit of [F.UPPER, F.LOWER, F.LETTER, F.DIGIT, F.DASH_LIKE, F.HYPHEN, F.JA_HONORIFIC]) expect(shape.classes & bit).toBe(bit);
    expect(shape.classes & (F.AT | F.COLON | F.JA_MUNICIPALITY)).toBe(0);
    expect(meetsRequirements(shape, { all: F.UPPER | F.DIGIT, digits: 10 })).toBe(true);
    expect(meetsRequirements(shape, { digitRun: 5 })).toBe(false);
    expect(meetsRequirements(shape, { any: F.AT | F.COLON })).toBe(false);
  });
});

describe('check digits', () => {
  it('Luhn, EAN-13 and My Number', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(eanValid('4901234567894')).toBe(true); // a JAN code
    expect(eanValid('4901234567895')).toBe(false);
    expect(myNumberValid('123456789018')).toBe(true);
    expect(myNumberValid('123456789012')).toBe(false);
  });
});

describe('maskPii, the kinds added for issue 13', () => {
  const cases: [comment: string, input: string, expected: string][] = [
    ['My Number with its check digit, no label', '番号 8765 4321 0989 を書きました', '番号 <MYNUMBER> を書きました'],
    ['My Number after its label even with a wrong check digit', 'マイナンバー: 1234-5678-9012', 'マイナンバー: <MYNUMBER>'],
    ['JAN code is a product, not a card', 'JAN 4901234567894 の商品', 'JAN 4901234567894 の商品'],
    ['phone with katakana ー as dashes', '０９０ー１２３４ー５６７８に電話', '<PHONE>に電話'],
    ['phone with en dashes', 'call 212–555–0147 now', 'call <PHONE> now'],
    ['phone with spaced dashes', '090 - 1234 - 5678', '<PHONE>'],
    ['1-800 number', 'call 1-800-555-0199 please', 'call <PHONE> please'],
    ['IPv6', 'from 2001:db8::8a2e:370:7334 again', 'from <IP> again'],
    ['e-mail with a non-ASCII local part', 'やまだ@example.jp に送った', '<EMAIL> に送った'],
    ['name before 様 with a space', '山田 太郎様へ', '<NAME>様へ'],
    ['name before さん', '佐藤さんが親切でした', '<NAME>さんが親切でした'],
    ['role before さん stays', '店員さんが親切でした', '店員さんが親切でした'],
    ['English title', 'Ms. Tanaka was kind', 'Ms. <NAME> was kind'],
    ['signature after Regards', 'App crashes.\nRegards,\nJohn Smith', 'App crashes.\nRegards,\n<NAME>'],
    ['Japanese signature label', '返信ください。\n担当：佐々木', '返信ください。\n担当：<NAME>'],
    ['Japanese street address', '住所は東京都千代田区千代田1-1です', '住所は<ADDRESS>です'],
    ['English street address', 'I live at 1600 Pennsylvania Avenue now', 'I live at <ADDRESS> now'],
    ['a ward without a block number stays', '品川区の店舗で3-4回待った', '品川区の店舗で3-4回待った'],
    ['postal code without a hyphen after 〒', '〒1500001 渋谷', '<POSTAL> 渋谷'],
    ['invite link with an opaque token', 'https://app.example.com/invite/Qm9iYnkxMjM0NTY3ODkw', '<URL>'],
  ];
  for (const [comment, input, expected] of cases) {
    it(comment, () => {
      expect(maskPii(normalizeText(input)).text).toBe(normalizeText(expected));
    });
  }

  it('masks a message before cutting it, so a cut never leaves most of a card', () => {
    const message = `rating ${'x'.repeat(60)} 4111 1111 1111 1111 is not a number`;
    const cut = maskMessage(message, 90);
    expect(cut).toContain('<CARD>');
    expect(cut).not.toMatch(/4111/);
  });
});
