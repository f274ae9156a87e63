// The bilingual corpus of npm run eval:pii: feedback rows with planted personal data and look-alikes that must
// survive, generated from the templates below (seeded, so every run is the same corpus). Formats were written
// the way people type them — dashes of every kind, full-width digits, spaces, dots, parentheses, +81 and 0 forms,
// names with and without a space before 様 — before looking at what the maskers catch. No text comes from
// ../shared/data: every template and word list here was written for koe.
import { seededRandom, type Random } from '../src/seeded-random.js';

export type PlantedKind = 'EMAIL' | 'PHONE' | 'CARD' | 'MYNUMBER' | 'POSTAL' | 'URL' | 'IP' | 'NAME' | 'ADDRESS';
export type Field = 'text' | 'id' | 'channel' | 'product' | 'source' | 'metadata-key' | 'metadata-value' | 'metadata-number' | 'rejected';

export interface Planted {
  kind: PlantedKind;
  /** The exact string planted: it must be found nowhere after the run. */
  value: string;
  field: Field;
  format: string;
}

export interface LookAlike {
  category: string;
  /** The exact string planted: it must survive in the stored text. */
  value: string;
  /** The row it was planted in. */
  rowId: string;
}

export interface CorpusRow {
  id?: string | number;
  text?: unknown;
  created_at?: string;
  channel?: string;
  product?: string;
  source?: string;
  [key: string]: unknown;
}

export interface Corpus {
  rows: CorpusRow[];
  planted: Planted[];
  lookAlikes: LookAlike[];
}

const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const digits = (r: Random, n: number): string => Array.from({ length: n }, () => String(Math.floor(r() * 10))).join('');
const toFullWidth = (s: string): string => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

// --- word lists (written for koe) ---
const JA_SURNAMES = ['山田', '佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '中村', '小林', '加藤', '吉田', '山口', '松本', '井上', '木村', '清水', '山崎', '森', '池田', '橋本', '阿部', '石川', '前田', '藤田', '岡田', '後藤', '長谷川', '村上', '近藤', '坂本'];
const JA_GIVEN = ['太郎', '花子', '健', '美咲', '翔太', '陽菜', '大輔', '由美', '誠', '恵子', '直樹', '彩', '拓也', '真由美', '浩二'];
const KATAKANA_NAMES = ['スミス', 'ジョンソン', 'ブラウン', 'ガルシア', 'マルティネス', 'キム', 'ホワイト', 'ミュラー', 'ロペス', 'ウィルソン'];
const EN_FIRST = ['John', 'Emma', 'Olivia', 'Liam', 'Noah', 'Sophia', 'James', 'Ava', 'Lucas', 'Mia', 'Ethan', 'Chloe', 'Daniel', 'Grace', 'Samuel', 'Hannah'];
const EN_LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Martin', 'Thompson', 'White', 'Harris', "O'Brien", 'McDonald'];
const LOCAL_PARTS = ['taro.yamada', 'hanako_s', 'k.tanaka88', 'john.smith', 'emma+shop', 'liam_b', 'support.user', 'm-ito', 'yuki2024', 'a.b.c', 'o.brien', 'sato.k'];
const NON_ASCII_LOCALS = ['josé', 'müller', 'françois.d', 'やまだ', '田中', 'さとう.はなこ', 'zoë', 'ユーザー'];
const DOMAINS = ['example.com', 'example.co.jp', 'mail.example.jp', 'example.net', 'shop-example.org', 'example.ne.jp', 'sub.example.io'];
const PREFS: [string, string, string][] = [
  ['東京都', '千代田区', '丸の内'], ['東京都', '渋谷区', '神南'], ['大阪府', '大阪市北区', '梅田'], ['神奈川県', '横浜市西区', '高島'],
  ['愛知県', '名古屋市中区', '栄'], ['福岡県', '福岡市博多区', '博多駅前'], ['北海道', '札幌市中央区', '大通西'], ['京都府', '京都市下京区', '烏丸通'],
  ['埼玉県', 'さいたま市大宮区', '桜木町'], ['兵庫県', '神戸市中央区', '三宮町'], ['千葉県', '船橋市', '本町'], ['宮城県', '仙台市青葉区', '一番町'],
];
const STREETS = ['Maple', 'Oak', 'Pine', 'Elm', 'Cedar', 'Washington', 'Lake', 'Hill', 'Park', 'Sunset', 'Baker', 'High', 'Church', 'Mill'];
const STREET_TYPES = ['Street', 'St', 'Avenue', 'Ave', 'Road', 'Rd', 'Drive', 'Dr', 'Lane', 'Boulevard', 'Blvd', 'Way', 'Court'];
const US_STATES = ['CA', 'NY', 'TX', 'WA', 'IL', 'MA', 'OR', 'FL'];
const DASHES = ['-', 'ー', '–', '‐', '−', '－', '—'];

function luhnDigit(partial: string): string {
  for (let d = 0; d <= 9; d++) {
    const s = partial + d;
    let sum = 0;
    let double = false;
    for (let i = s.length - 1; i >= 0; i--) {
      let x = s.charCodeAt(i) - 48;
      if (double) {
        x *= 2;
        if (x > 9) x -= 9;
      }
      sum += x;
      double = !double;
    }
    if (sum % 10 === 0) return String(d);
  }
  return '0';
}

function myNumberDigit(eleven: string): string {
  let sum = 0;
  for (let n = 1; n <= 11; n++) sum += (eleven.charCodeAt(11 - n) - 48) * (n <= 6 ? n + 1 : n - 5);
  const r = sum % 11;
  return String(r <= 1 ? 0 : 11 - r);
}

function eanDigit(twelve: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (twelve.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

// --- planted values, by kind: [format name, generator] ---
type Gen = (r: Random) => string;

const EMAILS: [string, Gen][] = [
  ['plain', (r) => `${pick(r, LOCAL_PARTS)}@${pick(r, DOMAINS)}`],
  ['capitals', (r) => `${pick(r, EN_FIRST)}.${pick(r, EN_LAST).replace("'", '')}@${pick(r, DOMAINS)}`.replace(/^./, (c) => c.toUpperCase())],
  ['full-width', (r) => toFullWidth(`${pick(r, LOCAL_PARTS)}@${pick(r, DOMAINS)}`)],
  ['full-width at only', (r) => `${pick(r, LOCAL_PARTS)}＠${pick(r, DOMAINS)}`],
  ['non-ASCII local part', (r) => `${pick(r, NON_ASCII_LOCALS)}@${pick(r, DOMAINS)}`],
  ['digits in local part', (r) => `user${digits(r, 4)}@${pick(r, DOMAINS)}`],
  ['spelled [at] [dot]', (r) => `${pick(r, LOCAL_PARTS)} [at] ${pick(r, DOMAINS).replace(/\./g, ' [dot] ')}`],
  ['spelled (at)', (r) => `${pick(r, LOCAL_PARTS)}(at)${pick(r, DOMAINS)}`],
  ['upper case', (r) => `${pick(r, LOCAL_PARTS)}@${pick(r, DOMAINS)}`.toUpperCase()],
  ['angle brackets', (r) => `<${pick(r, LOCAL_PARTS)}@${pick(r, DOMAINS)}>`],
  ['mailto', (r) => `mailto:${pick(r, LOCAL_PARTS)}@${pick(r, DOMAINS)}`],
  ['★ for @ (Japanese sites)', (r) => `${pick(r, LOCAL_PARTS)}★${pick(r, DOMAINS)}`],
  ['spaces around @', (r) => `${pick(r, LOCAL_PARTS)} @ ${pick(r, DOMAINS)}`],
  ['IDN domain', (r) => `${pick(r, LOCAL_PARTS)}@${pick(r, ['例え', 'テスト', 'お店'])}.jp`],
];

function jpMobile(r: Random): string[] {
  return [pick(r, ['090', '080', '070']), digits(r, 4), digits(r, 4)];
}

const PHONES: [string, Gen][] = [
  ['JP mobile hyphens', (r) => jpMobile(r).join('-')],
  ['JP mobile other dash', (r) => jpMobile(r).join(pick(r, DASHES))],
  ['JP mobile spaces', (r) => jpMobile(r).join(' ')],
  ['JP mobile no separator', (r) => jpMobile(r).join('')],
  ['JP mobile full-width', (r) => toFullWidth(jpMobile(r).join('-'))],
  ['JP mobile full-width with ー', (r) => toFullWidth(jpMobile(r).join('|')).replace(/｜/g, 'ー')],
  ['JP mobile dots', (r) => jpMobile(r).join('.')],
  ['JP mobile spaced dashes', (r) => jpMobile(r).join(' - ')],
  ['JP mobile parentheses', (r) => { const [a, b, c] = jpMobile(r); return `${a}(${b})${c}`; }],
  ['JP mobile full-width parentheses', (r) => { const [a, b, c] = jpMobile(r); return toFullWidth(`${a}(${b})${c}`); }],
  ['JP mobile area in parentheses', (r) => { const [a, b, c] = jpMobile(r); return `(${a})${b}-${c}`; }],
  ['tel: prefix', (r) => `tel:${jpMobile(r).join('')}`],
  ['Tel. prefix glued', (r) => `${pick(r, ['Tel.', 'TEL.', 'tel.'])}${jpMobile(r).join('-')}`],
  ['(+81) in parentheses', (r) => `(+81) ${pick(r, ['90', '80'])} ${digits(r, 4)} ${digits(r, 4)}`],
  ['+81 (0) mobile', (r) => `+81-(0)${pick(r, ['90', '80'])}-${digits(r, 4)}-${digits(r, 4)}`],
  ['space before the dash', (r) => `03 -${digits(r, 4)}- ${digits(r, 4)}`],
  ['+81 hyphen mobile', (r) => `+81-${pick(r, ['90', '80'])}-${digits(r, 4)}-${digits(r, 4)}`],
  ['Tokyo landline', (r) => `03-${digits(r, 4)}-${digits(r, 4)}`],
  ['Tokyo landline parentheses', (r) => `(03)${digits(r, 4)}-${digits(r, 4)}`],
  ['Tokyo landline mid parentheses', (r) => `03(${digits(r, 4)})${digits(r, 4)}`],
  ['Osaka landline', (r) => `06${pick(r, DASHES)}${digits(r, 4)}${pick(r, DASHES)}${digits(r, 4)}`],
  ['regional landline', (r) => `0${pick(r, ['45', '52', '92', '11', '75', '78'])}-${digits(r, 3)}-${digits(r, 4)}`],
  ['toll-free 0120', (r) => `0120-${digits(r, 3)}-${digits(r, 3)}`],
  ['navi-dial 0570', (r) => `0570${pick(r, DASHES)}${digits(r, 3)}${pick(r, DASHES)}${digits(r, 3)}`],
  ['toll-free 0800', (r) => `0800-${digits(r, 3)}-${digits(r, 4)}`],
  ['+81 mobile', (r) => `+81 ${pick(r, ['90', '80', '70'])}-${digits(r, 4)}-${digits(r, 4)}`],
  ['+81 spaces', (r) => `+81 ${pick(r, ['90', '80'])} ${digits(r, 4)} ${digits(r, 4)}`],
  ['+81 (0)', (r) => `+81 (0)3 ${digits(r, 4)} ${digits(r, 4)}`],
  ['+81 hyphens', (r) => `+81-3-${digits(r, 4)}-${digits(r, 4)}`],
  ['US parentheses', (r) => `(${pick(r, ['415', '212', '646', '312', '206'])}) 555-${digits(r, 4)}`],
  ['US hyphens', (r) => `${pick(r, ['415', '212', '646', '312', '206'])}-555-${digits(r, 4)}`],
  ['US dots', (r) => `${pick(r, ['415', '212', '617'])}.555.${digits(r, 4)}`],
  ['US en dash', (r) => `${pick(r, ['415', '212', '617'])}–555–${digits(r, 4)}`],
  ['US 1-800', (r) => `1-${pick(r, ['800', '888', '877'])}-${digits(r, 3)}-${digits(r, 4)}`],
  ['US +1', (r) => `+1 ${pick(r, ['415', '212', '646'])} 555 ${digits(r, 4)}`],
  ['US +1 parentheses', (r) => `+1 (${pick(r, ['415', '212'])}) 555-${digits(r, 4)}`],
  ['US bare 10 digits', (r) => `${pick(r, ['415', '212', '646'])}555${digits(r, 4)}`],
  ['US spaces', (r) => `${pick(r, ['415', '212', '646'])} 555 ${digits(r, 4)}`],
  ['US +1 hyphens', (r) => `+1-${pick(r, ['415', '212'])}-555-${digits(r, 4)}`],
  ['UK +44', (r) => `+44 20 ${digits(r, 4)} ${digits(r, 4)}`],
  ['UK +44 (0)', (r) => `+44 (0)20 ${digits(r, 4)} ${digits(r, 4)}`],
  ['00 international prefix', (r) => `0044 20 ${digits(r, 4)} ${digits(r, 4)}`],
  ['DE with slash', (r) => `030/${digits(r, 7)}`],
  ['US dots with 1', (r) => `1.800.${digits(r, 3)}.${digits(r, 4)}`],
  ['UK national', (r) => `020 ${digits(r, 4)} ${digits(r, 4)}`],
  ['UK mobile', (r) => `07${digits(r, 3)} ${digits(r, 6)}`],
  ['DE +49', (r) => `+49 30 ${digits(r, 7)}`],
  ['FR +33', (r) => `+33 1 ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`],
  ['FR national', (r) => `0${pick(r, ['1', '6'])} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`],
];

function cardNumber(r: Random): { digits: string; groups: number[] } {
  const kind = pick(r, ['visa', 'mc', 'mc2', 'amex', 'jcb', 'discover']);
  const prefix = { visa: '4', mc: `5${1 + Math.floor(r() * 5)}`, mc2: '2221', amex: pick(r, ['34', '37']), jcb: `35${28 + Math.floor(r() * 60)}`, discover: '6011' }[kind]!;
  const length = kind === 'amex' ? 15 : 16;
  const partial = prefix + digits(r, length - prefix.length - 1);
  return { digits: partial + luhnDigit(partial), groups: kind === 'amex' ? [4, 6, 5] : [4, 4, 4, 4] };
}

function grouped(d: string, groups: number[], sep: string): string {
  const parts: string[] = [];
  let i = 0;
  for (const g of groups) {
    parts.push(d.slice(i, i + g));
    i += g;
  }
  return parts.join(sep);
}

const CARDS: [string, Gen][] = [
  ['spaces', (r) => { const c = cardNumber(r); return grouped(c.digits, c.groups, ' '); }],
  ['hyphens', (r) => { const c = cardNumber(r); return grouped(c.digits, c.groups, '-'); }],
  ['no separator', (r) => cardNumber(r).digits],
  ['full-width', (r) => { const c = cardNumber(r); return toFullWidth(grouped(c.digits, c.groups, '-')); }],
  ['other dash', (r) => { const c = cardNumber(r); return grouped(c.digits, c.groups, pick(r, DASHES)); }],
  ['dots', (r) => { const c = cardNumber(r); return grouped(c.digits, c.groups, '.'); }],
  ['Diners 14 digits 4-4-4-2', (r) => { const partial = `36${digits(r, 11)}`; return grouped(partial + luhnDigit(partial), [4, 4, 4, 2], ' '); }],
  ['full-width spaces', (r) => { const c = cardNumber(r); return toFullWidth(grouped(c.digits, c.groups, '|')).replace(/｜/g, '\u3000'); }],
];

function myNumber(r: Random): string {
  const eleven = String(1 + Math.floor(r() * 9)) + digits(r, 10);
  return eleven + myNumberDigit(eleven);
}

const MY_NUMBERS: [string, Gen][] = [
  ['12 digits', (r) => myNumber(r)],
  ['4-4-4 spaces', (r) => myNumber(r).replace(/(\d{4})(\d{4})(\d{4})/, '$1 $2 $3')],
  ['4-4-4 hyphens', (r) => myNumber(r).replace(/(\d{4})(\d{4})(\d{4})/, '$1-$2-$3')],
  ['full-width', (r) => toFullWidth(myNumber(r))],
  ['full-width 4-4-4 with ideographic spaces', (r) => toFullWidth(myNumber(r)).replace(/^(.{4})(.{4})(.{4})$/u, '$1\u3000$2\u3000$3')],
];

const POSTALS: [string, Gen][] = [
  ['〒 hyphen', (r) => `〒${digits(r, 3)}-${digits(r, 4)}`],
  ['〒 space', (r) => `〒 ${digits(r, 3)}-${digits(r, 4)}`],
  ['〒 no hyphen', (r) => `〒${digits(r, 7)}`],
  ['〒 full-width', (r) => toFullWidth(`${digits(r, 3)}-${digits(r, 4)}`).replace(/^/, '〒')],
  ['〒 other dash', (r) => `〒${digits(r, 3)}${pick(r, DASHES)}${digits(r, 4)}`],
  ['〒 spaced dash', (r) => `〒${digits(r, 3)} - ${digits(r, 4)}`],
];
/** Postal codes that need their context: the value planted is the code, the template gives the label. */
const LABELLED_POSTALS: [string, Gen, (v: string, r: Random) => string][] = [
  ['郵便番号 label', (r) => `${digits(r, 3)}-${digits(r, 4)}`, (v) => `郵便番号：${v}`],
  ['郵便番号は', (r) => `${digits(r, 3)}-${digits(r, 4)}`, (v) => `郵便番号は${v}です`],
  ['before a prefecture', (r) => `${digits(r, 3)}-${digits(r, 4)}`, (v, r) => `${v} ${pick(r, PREFS)[0]}${pick(r, PREFS)[1]}`],
  ['US state + ZIP', (r) => `${pick(r, US_STATES)} ${digits(r, 5)}`, (v) => `Portland, ${v}`],
  ['ZIP+4', (r) => `${digits(r, 5)}-${digits(r, 4)}`, (v) => `zip code ${v}`],
  ['Canadian postal code', () => 'M5V 3L9', (v) => `Toronto, ON ${v}`],
  ['UK postcode', (r) => `${pick(r, ['SW1A', 'EC1V', 'M1', 'B33', 'LS1', 'N1'])} ${Math.floor(r() * 9) + 1}${pick(r, ['AA', 'BD', 'XY', 'QT', 'NP'])}`, (v) => `London, ${v}`],
];

const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const token = (r: Random, n: number): string => Array.from({ length: n }, () => TOKEN_CHARS[Math.floor(r() * TOKEN_CHARS.length)]).join('');

const URLS: [string, Gen][] = [
  ['reset token query', (r) => `https://${pick(r, DOMAINS)}/reset?token=${token(r, 24)}`],
  ['session id query', (r) => `https://app.${pick(r, DOMAINS)}/account?sid=${token(r, 16)}&lang=ja`],
  ['invite path', (r) => `https://${pick(r, DOMAINS)}/invite/${token(r, 20)}`],
  ['credentials', (r) => `https://${pick(r, ['admin', 'taro', 'user1'])}:${token(r, 8)}@${pick(r, DOMAINS)}/files`],
  ['order id path', (r) => `https://shop.${pick(r, DOMAINS)}/orders/${digits(r, 9)}/detail`],
  ['unsubscribe with e-mail', (r) => `https://${pick(r, DOMAINS)}/unsubscribe?email=${pick(r, LOCAL_PARTS)}%40example.com`],
  ['uuid path', (r) => `https://${pick(r, DOMAINS)}/t/${[8, 4, 4, 4, 12].map((n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('')).join('-')}`],
  ['fragment token', (r) => `https://${pick(r, DOMAINS)}/callback#access_token=${token(r, 20)}`],
  ['www with query', (r) => `www.${pick(r, DOMAINS)}/track?code=${token(r, 10)}`],
  ['user name in the path', (r) => `https://${pick(r, DOMAINS)}/users/${pick(r, LOCAL_PARTS).replace(/[+]/g, '')}`],
  ['no scheme, token query', (r) => `${pick(r, DOMAINS)}/verify?code=${token(r, 12)}`],
  ['jsessionid', (r) => `http://${pick(r, DOMAINS)}/cart;jsessionid=${token(r, 24)}`],
];

const IPS: [string, Gen][] = [
  ['IPv4', (r) => `${pick(r, ['203.0.113', '198.51.100', '192.168.1', '10.0.0'])}.${1 + Math.floor(r() * 250)}`],
  ['IPv6 compressed', (r) => `2001:db8::${Math.floor(r() * 65535).toString(16)}:${Math.floor(r() * 65535).toString(16)}`],
  ['IPv6 full', () => ''],
  ['IPv4 with port', (r) => `${pick(r, ['203.0.113', '198.51.100'])}.${1 + Math.floor(r() * 250)}:${pick(r, ['8080', '443', '3000'])}`],
  ['IPv6 link-local', (r) => `fe80::${Math.floor(r() * 65535).toString(16)}:${Math.floor(r() * 65535).toString(16)}:${Math.floor(r() * 65535).toString(16)}`],
];
IPS[2] = ['IPv6 full', (r) => Array.from({ length: 8 }, () => Math.floor(r() * 65535).toString(16).padStart(4, '0')).join(':')];

/** Names: [format, name generator, sentence around the name]. */
const NAMES: [string, Gen, (name: string, r: Random) => string][] = [
  ['姓+様', (r) => pick(r, JA_SURNAMES), (n) => `${n}様、ご連絡ありがとうございます。`],
  ['姓 名+様', (r) => `${pick(r, JA_SURNAMES)} ${pick(r, JA_GIVEN)}`, (n) => `${n}様宛に届いた荷物が壊れていました。`],
  ['姓名+様 no space', (r) => `${pick(r, JA_SURNAMES)}${pick(r, JA_GIVEN)}`, (n) => `宛名は${n}様です。`],
  ['姓+さん', (r) => pick(r, JA_SURNAMES), (n) => `電話に出た${n}さんがとても丁寧でした。`],
  ['姓名+さん', (r) => `${pick(r, JA_SURNAMES)}${pick(r, JA_GIVEN)}`, (n) => `${n}さんという方から連絡がありました`],
  ['姓 + space + 様', (r) => pick(r, JA_SURNAMES), (n) => `${n} 様 お世話になっております。`],
  ['romanized -san', (r) => pick(r, EN_LAST.filter((x) => !x.includes("'"))), (n) => `${n}-san at the desk was very helpful`],
  ['Dear greeting', (r) => `${pick(r, EN_FIRST)}`, (n) => `Dear ${n},\nmy order never came.`],
  ['Hi greeting', (r) => `${pick(r, EN_FIRST)}`, (n) => `Hi ${n}, thanks for the quick reply.`],
  ['From: header', (r) => `${pick(r, EN_FIRST)} ${pick(r, EN_LAST)}`, (n, r) => `From: ${n} <${pick(r, LOCAL_PARTS)}@example.com>\nThe app is broken.`],
  ['姓+さま', (r) => pick(r, JA_SURNAMES), (n) => `${n}さま、返信ありがとうございます`],
  ['姓+殿', (r) => pick(r, JA_SURNAMES), (n) => `請求書が${n}殿になっていた。`],
  ['姓+氏', (r) => pick(r, JA_SURNAMES), (n) => `営業の${n}氏から説明がありました。`],
  ['katakana+さん', (r) => pick(r, KATAKANA_NAMES), (n) => `サポートの${n}さんに助けてもらいました。`],
  ['担当: 姓', (r) => pick(r, JA_SURNAMES), (n) => `返信が来ません。\n担当：${n}`],
  ['と申します', (r) => pick(r, JA_SURNAMES), (n) => `${n}と申します。注文した商品が届きません。`],
  ['Mr/Ms + last', (r) => pick(r, EN_LAST), (n, r) => `${pick(r, ['Mr.', 'Ms.', 'Mrs', 'Dr.'])} ${n} promised a refund.`],
  ['Mr + first last', (r) => `${pick(r, EN_FIRST)} ${pick(r, EN_LAST)}`, (n) => `I spoke with Mr ${n} on the phone.`],
  ['Mr. no space', (r) => pick(r, EN_LAST), (n) => `Mr.${n} was rude on the phone`],
  ['Regards signature', (r) => `${pick(r, EN_FIRST)} ${pick(r, EN_LAST)}`, (n, r) => `The app keeps logging me out.\n${pick(r, ['Regards', 'Best regards', 'Kind regards', 'Thanks', 'Cheers'])},\n${n}`],
  ['inline sign-off', (r) => pick(r, EN_FIRST), (n, r) => `Please fix the sync bug. ${pick(r, ['Thanks', 'Cheers', 'Regards'])}, ${n}`],
  ['my name is', (r) => `${pick(r, EN_FIRST)} ${pick(r, EN_LAST)}`, (n) => `My name is ${n} and my order is late.`],
];

/** Addresses: [format, generator]. */
const ADDRESSES: [string, Gen][] = [
  ['都道府県+市区+丁目-番-号', (r) => { const [p, c, t] = pick(r, PREFS); return `${p}${c}${t}${1 + Math.floor(r() * 5)}-${1 + Math.floor(r() * 20)}-${1 + Math.floor(r() * 30)}`; }],
  ['丁目 番 号 no prefecture', (r) => { const [, c, t] = pick(r, PREFS); return `${c}${t}${1 + Math.floor(r() * 5)}丁目${1 + Math.floor(r() * 20)}番${1 + Math.floor(r() * 30)}号`; }],
  ['丁目 番地 号', (r) => { const [p, c, t] = pick(r, PREFS); return `${p}${c}${t}${1 + Math.floor(r() * 5)}丁目${1 + Math.floor(r() * 20)}番${1 + Math.floor(r() * 30)}号`; }],
  ['市区 without prefecture', (r) => { const [, c, t] = pick(r, PREFS); return `${c}${t}${1 + Math.floor(r() * 5)}-${1 + Math.floor(r() * 20)}-${1 + Math.floor(r() * 30)}`; }],
  ['building and floor', (r) => { const [p, c, t] = pick(r, PREFS); return `${p}${c}${t}${1 + Math.floor(r() * 5)}-${1 + Math.floor(r() * 20)}-${1 + Math.floor(r() * 30)} ${t}第${1 + Math.floor(r() * 3)}ビル ${2 + Math.floor(r() * 8)}階`; }],
  ['with room number', (r) => { const [p, c, t] = pick(r, PREFS); return `${p}${c}${t}${1 + Math.floor(r() * 5)}-${1 + Math.floor(r() * 20)}-${1 + Math.floor(r() * 30)} コーポ${pick(r, ['山田', '桜', '緑'])}${100 + Math.floor(r() * 400)}号室`; }],
  ['full-width block number', (r) => { const [p, c, t] = pick(r, PREFS); return `${p}${c}${t}${toFullWidth(`${1 + Math.floor(r() * 5)}-${1 + Math.floor(r() * 20)}-${1 + Math.floor(r() * 30)}`)}`; }],
  ['romanized Japanese', (r) => `${1 + Math.floor(r() * 9)}-${1 + Math.floor(r() * 20)}-${1 + Math.floor(r() * 30)} ${pick(r, ['Roppongi', 'Shibuya', 'Umeda', 'Sakae'])}, ${pick(r, ['Minato-ku', 'Shibuya-ku', 'Kita-ku', 'Naka-ku'])}`],
  ['漢数字 丁目', (r) => { const [p, c, t] = pick(r, PREFS); return `${p}${c}${t}${pick(r, ['一', '二', '三', '四', '五'])}丁目${1 + Math.floor(r() * 20)}番${1 + Math.floor(r() * 30)}号`; }],
  ['US street', (r) => `${1 + Math.floor(r() * 9800)} ${pick(r, STREETS)} ${pick(r, STREET_TYPES)}`],
  ['US street with unit', (r) => `${1 + Math.floor(r() * 9800)} ${pick(r, STREETS)} ${pick(r, STREET_TYPES)}, Apt ${1 + Math.floor(r() * 30)}${pick(r, ['A', 'B', ''])}`],
  ['UK street', (r) => `${1 + Math.floor(r() * 200)} ${pick(r, STREETS)} ${pick(r, ['Road', 'Street', 'Lane', 'Close', 'Gardens'])}`],
];

// --- sentence templates around a planted value (value in {}) ---
const JA_AROUND: Record<PlantedKind, string[]> = {
  EMAIL: ['返信は{}までお願いします。', 'メールアドレス：{}', '登録したメール{}に確認メールが届きません。', '{}宛に請求書を送ってください'],
  PHONE: ['折り返しは{}にお願いします。', '電話番号は{}です。', '{}に何度かけても繋がらない。', '携帯（{}）までご連絡ください', '連絡先 {} 平日のみ'],
  CARD: ['カード番号{}で二重に引き落とされました。', '{}のカードが使えません', 'クレジットカード {} の請求がおかしい'],
  MYNUMBER: ['マイナンバー{}を入力したらエラーになった', '個人番号：{}', '番号 {} を登録しました', '提出した{}が反映されない'],
  POSTAL: ['{} 宛の配送が遅れています', '送り先は{}です', '住所変更（{}）ができない'],
  URL: ['このリンク{}を開くとエラーになります。', '{} から招待されたが参加できない', 'メールのURL（{}）が期限切れ'],
  IP: ['{}からのアクセスがブロックされました', 'IPアドレス{}で接続できない'],
  NAME: ['{}'],
  ADDRESS: ['お届け先は{}です。', '住所：{}', '{}に届くはずの荷物が来ない'],
};
const EN_AROUND: Record<PlantedKind, string[]> = {
  EMAIL: ['Please reply to {} as soon as possible.', 'My login is {} and it stopped working.', 'Send the invoice to {} thanks'],
  PHONE: ['my number is {} if you need it', 'text me at {}', 'Call me back on {} please.', 'You can reach me at {} after 6pm.', 'I called {} three times and nobody answered.', 'phone: {}'],
  CARD: ['I was charged twice on card {} last week.', 'My card {} keeps getting declined.', 'Card number {} was billed the wrong amount'],
  MYNUMBER: ['I entered my My Number {} and the form crashed', 'the 12-digit number {} was rejected'],
  POSTAL: ['Deliver to {} please.', 'my address ends with {} and the form rejects it'],
  URL: ['The link {} gives a 404.', 'I got this invite {} but it does not work', 'reset link {} expired immediately'],
  IP: ['Login blocked from {} again.', 'my IP is {} if that helps'],
  NAME: ['{}'],
  ADDRESS: ['Ship to {} please.', 'I live at {} and the courier never came.', 'My address is {} but the app says invalid'],
};

// --- look-alikes that must survive: (category, value generator, sentence) ---
const LOOK_ALIKES: [string, Gen, string][] = [
  ['order number (phone-shaped)', (r) => `0${digits(r, 9)}`, '注文番号：{}の商品がまだ届きません。'],
  ['order number (12 digits)', (r) => digits(r, 12), '注文番号 {} の件で問い合わせました。'],
  ['order number English', (r) => `${digits(r, 3)}-${digits(r, 7)}-${digits(r, 7)}`, 'Order # {} arrived damaged.'],
  ['tracking number', (r) => `${digits(r, 4)}-${digits(r, 4)}-${digits(r, 4)}`, '追跡番号 {} で確認できません'],
  ['ISO date', (r) => `2026-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`, '{}に注文しました。'],
  ['slashed date', (r) => `2026/${1 + Math.floor(r() * 12)}/${1 + Math.floor(r() * 28)}`, '{} 13:05 に問い合わせ'],
  ['US date', (r) => `${1 + Math.floor(r() * 12)}/${1 + Math.floor(r() * 28)}/2026`, 'ordered on {} and still waiting'],
  ['time range', () => '09:00-18:00', '営業時間は{}と書いてあるのに電話が繋がらない'],
  ['yen price', (r) => `¥${1 + Math.floor(r() * 99)},${digits(r, 3)}`, '{}は高すぎる'],
  ['dollar price', (r) => `$${1 + Math.floor(r() * 999)}.${digits(r, 2)}`, 'It costs {} per month now'],
  ['version', (r) => `v${1 + Math.floor(r() * 9)}.${Math.floor(r() * 20)}.${Math.floor(r() * 30)}`, 'after updating to {} the app crashes'],
  ['build number', (r) => `10.0.${digits(r, 5)}.${Math.floor(r() * 99)}`, 'Windows version {} shows a blank screen'],
  ['JAN code', (r) => { const t = `49${digits(r, 10)}`; return t + eanDigit(t); }, 'JANコード {} の商品が在庫切れ'],
  ['JAN code bare', (r) => { const t = `45${digits(r, 10)}`; return t + eanDigit(t); }, 'バーコード{}が読み取れない'],
  ['model number', (r) => `KJ-${digits(r, 2)}X${digits(r, 2)}J`, '型番 {} のテレビ'],
  ['quantity range', (r) => `${1 + Math.floor(r() * 5)}-${6 + Math.floor(r() * 5)}`, 'it took {} days to arrive'],
  ['percent', (r) => `${Math.floor(r() * 100)}%`, '満足度は{}でした'],
  ['help page URL', (r) => `https://${pick(r, DOMAINS)}/help/${pick(r, ['login', 'billing', 'shipping-faq'])}`, 'see {} for details'],
  ['mention', (r) => `@${pick(r, ['support', 'koe_app', 'shop_help'])}`, '{} please answer'],
  ['honorific role (お客様)', () => 'お客様', '{}センターに電話しました'],
  ['honorific role (店員さん)', () => '店員さん', '{}の対応が良かった'],
  ['honorific role (担当者様)', () => '担当者様', 'ご{}へ'],
  ['honorific role (ドライバーさん)', () => 'ドライバーさん', '配達の{}が親切'],
  ['仕様', () => '仕様変更', '{}で使いにくくなった'],
  ['皆さん', () => '皆さん', 'スタッフの{}ありがとう'],
  ['Dr Pepper', () => 'Dr Pepper', 'the {} was flat'],
  ['sign-off without name', () => 'Thanks, great app', '{}!'],
  ['road not an address', (r) => `${2 + Math.floor(r() * 5)} days on the road`, 'the parcel spent {}'],
  ['ward without a block number', (r) => `${pick(r, PREFS)[1]}の店舗`, '{}で買いました'],
  ['time', (r) => `${10 + Math.floor(r() * 12)}:${String(Math.floor(r() * 60)).padStart(2, '0')}`, '{}頃にエラー'],
  ['ratio', () => '16:9', 'the video is {} but shows black bars'],
  ['count with comma', (r) => `${1 + Math.floor(r() * 9)},${digits(r, 3)}件`, '回答数{}'],
  ['points', (r) => `+${1 + Math.floor(r() * 50)} points`, 'I only got {} this month'],
];

function around(r: Random, kind: PlantedKind, value: string, lang: 'ja' | 'en'): string {
  const template = pick(r, (lang === 'ja' ? JA_AROUND : EN_AROUND)[kind]);
  return template.replace('{}', value);
}

/** Builds the corpus: `size` rows of text with planted values, plus rows with values in other fields. */
export function buildPiiCorpus(seed = 13): Corpus {
  const r = seededRandom(seed);
  const rows: CorpusRow[] = [];
  const planted: Planted[] = [];
  const lookAlikes: LookAlike[] = [];
  let n = 0;
  const date = (): string => `2026-${String(1 + Math.floor(r() * 11)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}T10:00:00Z`;
  const row = (text: string, extra: Partial<CorpusRow> = {}): CorpusRow => ({ id: `t-${++n}`, text, created_at: date(), channel: pick(r, ['web', 'app', 'メール', 'chat']), product: pick(r, ['アプリ', 'Web Shop', 'ポイント']), ...extra });

  const simple: [PlantedKind, [string, Gen][], number][] = [
    ['EMAIL', EMAILS, 8],
    ['PHONE', PHONES, 6],
    ['CARD', CARDS, 12],
    ['MYNUMBER', MY_NUMBERS, 12],
    ['POSTAL', POSTALS, 6],
    ['URL', URLS, 6],
    ['IP', IPS, 8],
    ['ADDRESS', ADDRESSES, 7],
  ];
  for (const [kind, formats, perFormat] of simple) {
    for (const [format, gen] of formats) {
      for (let i = 0; i < perFormat; i++) {
        const value = gen(r);
        const lang = kind === 'MYNUMBER' ? (r() < 0.8 ? 'ja' : 'en') : r() < 0.5 ? 'ja' : 'en';
        planted.push({ kind, value, field: 'text', format });
        rows.push(row(around(r, kind, value, lang)));
      }
    }
  }
  for (const [format, gen, sentence] of LABELLED_POSTALS) {
    for (let i = 0; i < 6; i++) {
      const value = gen(r);
      planted.push({ kind: 'POSTAL', value, field: 'text', format });
      rows.push(row(`${sentence(value, r)}`));
    }
  }
  for (const [format, gen, sentence] of NAMES) {
    for (let i = 0; i < 6; i++) {
      const value = gen(r);
      planted.push({ kind: 'NAME', value, field: 'text', format });
      rows.push(row(sentence(value, r)));
    }
  }
  // Personal data outside the text: ids, channel, product, source, metadata keys and values, numbers.
  for (let i = 0; i < 6; i++) {
    const email = EMAILS[0]![1](r);
    planted.push({ kind: 'EMAIL', value: email, field: 'id', format: 'e-mail as source id' });
    rows.push(row('ログインできません。', { id: email }));
    const phone = PHONES[0]![1](r);
    planted.push({ kind: 'PHONE', value: phone, field: 'id', format: 'phone as source id' });
    rows.push(row('The app crashes on start.', { id: phone }));
    const channelEmail = EMAILS[0]![1](r);
    planted.push({ kind: 'EMAIL', value: channelEmail, field: 'channel', format: 'e-mail as channel' });
    rows.push(row('返品したい', { channel: channelEmail }));
    const productPhone = PHONES.find(([f]) => f === 'Tokyo landline')![1](r);
    planted.push({ kind: 'PHONE', value: productPhone, field: 'product', format: 'phone in product' });
    rows.push(row('Screen flickers', { product: `support line ${productPhone}` }));
    const sourceEmail = EMAILS[5]![1](r);
    planted.push({ kind: 'EMAIL', value: sourceEmail, field: 'source', format: 'e-mail as source' });
    rows.push(row('配送が遅い', { source: sourceEmail }));
    const keyEmail = EMAILS[0]![1](r);
    planted.push({ kind: 'EMAIL', value: keyEmail, field: 'metadata-key', format: 'e-mail as a column name' });
    rows.push(row('good service', { [keyEmail]: 'yes' }));
    const valuePhone = PHONES.find(([f]) => f === 'JP mobile no separator')![1](r);
    planted.push({ kind: 'PHONE', value: valuePhone, field: 'metadata-value', format: 'phone in a metadata column' });
    rows.push(row('返金されません', { contact: valuePhone }));
    const card = cardNumber(r).digits;
    planted.push({ kind: 'CARD', value: card, field: 'metadata-number', format: 'card as a JSON number' });
    rows.push(row('charged twice', { payment_ref: Number(card) }));
    const phoneNumber = `9${digits(r, 9)}`;
    planted.push({ kind: 'PHONE', value: phoneNumber, field: 'metadata-number', format: 'phone as a JSON number under "phone"' });
    rows.push(row('call me', { phone: Number(phoneNumber) }));
  }
  // Rejected rows: the bad value and the reason must not quote personal data.
  for (let i = 0; i < 6; i++) {
    const email = EMAILS[0]![1](r);
    planted.push({ kind: 'EMAIL', value: email, field: 'rejected', format: 'e-mail in a bad date' });
    rows.push(row('日付が壊れた行', { created_at: email }));
    const c = cardNumber(r);
    const card = grouped(c.digits, c.groups, ' ');
    planted.push({ kind: 'CARD', value: card, field: 'rejected', format: 'card in a bad rating' });
    rows.push(row('rating broken', { rating: `${'x'.repeat(150)} ${card}`, rating_scale: 'stars' }));
  }
  // Look-alikes, each in its own row, several of each category.
  for (const [category, gen, sentence] of LOOK_ALIKES) {
    for (let i = 0; i < 4; i++) {
      const value = gen(r);
      const planted = row(sentence.replace('{}', value));
      lookAlikes.push({ category, value, rowId: String(planted.id) });
      rows.push(planted);
    }
  }
  return { rows, planted, lookAlikes };
}
