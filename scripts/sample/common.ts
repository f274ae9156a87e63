// Fragments and slot values shared by every theme: openers and sign-offs of tickets, products, fake PII.
// All personal data here is fictional: reserved example domains, test card numbers, placeholder phone numbers.

import type { Rng } from './prng.js';

export type SampleLang = 'ja' | 'en';

export const ITEMS: Record<SampleLang, readonly string[]> = {
  ja: [
    '牛乳', '卵', 'お米', '冷凍餃子', 'ミネラルウォーター', 'トイレットペーパー', '洗濯洗剤', 'おむつ', 'ドッグフード',
    '野菜セット', 'コーヒー豆', '食パン', 'お惣菜', 'ビール', '豆腐', '納豆', 'バナナ', '鶏むね肉', 'ヨーグルト', 'アイス',
  ],
  en: [
    'milk', 'eggs', 'rice', 'frozen gyoza', 'bottled water', 'toilet paper', 'laundry detergent', 'diapers', 'dog food',
    'veggie box', 'coffee beans', 'bread', 'tofu', 'natto', 'bananas', 'chicken breast', 'yogurt', 'ice cream', 'beer',
  ],
};

/** Fictional addresses on reserved example domains (RFC 2606 / .jp equivalents). */
export const EMAILS: readonly string[] = [
  'taro.yamada@example.jp', 'hanako.sato@example.jp', 'k.suzuki@example.co.jp', 'yuki.tanaka@example.com',
  'jsmith@example.com', 'emily.r@example.net', 'mike.t@example.org', 'ken1984@example.ne.jp',
];

/** Placeholder numbers of the kind Japanese manuals use as examples. */
export const PHONES: readonly string[] = ['090-1234-5678', '080-1234-5678', '090-0000-1234', '070-1234-0000'];

/** Payment-network test card numbers: never real accounts. */
export const CARDS: readonly string[] = ['4111 1111 1111 1111', '4111-1111-1111-1111', '5555 5555 5555 4444'];

export const REGIONS: ReadonlyArray<readonly [string, string, number]> = [
  // [metadata value, Japanese name, weight]
  ['Tokyo', '東京', 30], ['Kanagawa', '神奈川', 12], ['Osaka', '大阪', 12], ['Saitama', '埼玉', 8], ['Chiba', '千葉', 7],
  ['Aichi', '愛知', 8], ['Hyogo', '兵庫', 5], ['Fukuoka', '福岡', 6], ['Kyoto', '京都', 4], ['Hokkaido', '北海道', 5],
  ['Miyagi', '宮城', 3],
];

/** Ticket openers (polite) and sign-offs, by channel. Empty string = none. */
export const TICKET_OPENERS: Record<SampleLang, Record<'email' | 'chat' | 'phone', readonly string[]>> = {
  ja: {
    email: ['お世話になっております。', 'いつもお世話になっております。', 'いつも利用させていただいております。', 'お問い合わせいたします。', '突然のご連絡失礼いたします。', 'KoeMartサポートご担当者様\n'],
    chat: ['すみません、', 'こんにちは。', '相談です。', 'お忙しいところすみません。', '失礼します。'],
    phone: ['（電話受付）', '【入電】お客様より：'],
  },
  en: {
    email: ['Hi,', 'Hello,', 'Hello KoeMart team,', 'Dear KoeMart Support,', 'Hi there,', 'To whom it may concern,'],
    chat: ['hi', 'Hello,', 'Hi there.', 'Hi, I need some help.'],
    phone: ['(Phone call)', '[Call] Customer says:'],
  },
};

export const TICKET_SIGNOFFS: Record<SampleLang, readonly string[]> = {
  ja: ['よろしくお願いいたします。', 'お手数をおかけしますが、よろしくお願いいたします。', 'ご対応のほどよろしくお願い申し上げます。', 'よろしくお願いします。'],
  en: ['Thanks,', 'Thank you.', 'Regards', 'Thanks in advance.', 'Best regards,'],
};

/** Sign-offs for a thank-you message, where "please handle this" would be odd. */
export const TICKET_SIGNOFFS_THANKS: Record<SampleLang, readonly string[]> = {
  ja: ['今後ともよろしくお願いいたします。', '取り急ぎお礼まで。'],
  en: ['Thanks again,', 'Cheers,', 'Kind regards,'],
};

export const EMOJI: Record<SampleLang, Record<'negative' | 'positive' | 'request', readonly string[]>> = {
  ja: {
    negative: ['😡', '😢', '💢', '😭', '(T_T)', '…', '😤', '(´・ω・`)'],
    positive: ['😊', '👍', '✨', '🙌', '(^^)', '♪', '☺️'],
    request: ['🙏', '😊', '(^^;'],
  },
  en: {
    negative: ['😡', '😤', '🙄', '😞', '👎', ':('],
    positive: ['😊', '👍', '🙌', '❤️', ':)', '💯'],
    request: ['🙏', ':)', '😅'],
  },
};

/** Plausible slips of the keyboard or the kana-kanji converter. */
export const JA_TYPOS: ReadonlyArray<readonly [string, string]> = [
  ['ございます', 'ごさいます'], ['ください', '下さい'], ['できない', '出来ない'], ['できません', '出来ません'],
  ['届かない', '届かなぃ'], ['ログイン', 'ログイ ン'], ['問い合わせ', '問合せ'], ['アプリ', 'あぷり'],
];

export function fakeOrderNumber(rng: Rng): string {
  return String(rng.int(10_000_000, 99_999_999));
}

export function amountText(lang: SampleLang, rng: Rng): string {
  const yen = rng.int(8, 120) * 100 - rng.pick([0, 20, 2]);
  const formatted = yen.toLocaleString('en-US');
  return lang === 'ja' ? `${formatted}円` : `¥${formatted}`;
}
