import { readFileSync } from 'node:fs';
import net from 'node:net';
import { dictionaryPath } from '../paths.js';
import type { PiiKind } from '../types.js';

// The personal-data maskers: a typed table of named entries, each a candidate pattern, a check that decides
// what of a candidate is personal data, its examples (must be masked) and its look-alikes (must survive).
// Patterns need checks (Luhn, the My Number check digit, EAN, IPv6 parsing, word lists), so the table is code;
// the word lists it reads are data under dictionaries/pii/ with SOURCE.md. mask-pii.ts runs the table in order
// and checks every example and look-alike when it loads.
//
// Patterns run on the "view" of an NFKC text: the same length, with every dash-like character between digits
// (ー – — ‐ − －) written '-', so one pattern serves all the dashes people type in phone and card numbers.

/** What a check returns: false keeps the candidate, true masks all of it, [start, end) masks part of it. */
export type MaskDecision = boolean | readonly [number, number];

export interface PiiMasker {
  /** Unique name, e.g. "phone-jp". */
  name: string;
  kind: PiiKind;
  /**
   * What a text must have for this masker to find anything (speed): character classes, how many ASCII digits,
   * the longest run of them (absent: always run). Each is implied by `needs`, the pattern or the check, so skipping changes nothing;
   * all maskers' requirements are tested together from one pass over the text (textShape).
   */
  requires?: MaskerRequirements;
  /** Skip the pattern when the text does not match this (speed; tested only when `requires` is met). */
  needs?: RegExp;
  /** A global regex run on the view. */
  pattern: RegExp;
  /** Decides for one candidate (`text` is the whole view). Absent: mask every match. */
  check?: (match: RegExpExecArray, text: string) => MaskDecision;
  /** Texts in which this masker must mask something (checked at load). */
  examples: string[];
  /** Texts that must come out of the whole masking unchanged (checked at load). */
  lookAlikes: string[];
}

/** Character classes a masker can require (bits of TextShape.classes). */
export const F = {
  DIGIT: 1 << 0,
  UPPER: 1 << 1,
  LOWER: 1 << 2,
  /** A-Z or a-z: the 'i' patterns here have no 'u' flag, so only ASCII letters match ASCII letters. */
  LETTER: 1 << 3,
  AT: 1 << 4,
  DOT: 1 << 5,
  COLON: 1 << 6,
  SLASH: 1 << 7,
  PLUS: 1 << 8,
  HYPHEN: 1 << 9,
  /** A dash-like character other than '-' (the view rewrites these between digits). */
  DASH_LIKE: 1 << 10,
  /** ★ ☆ written for @. */
  STAR: 1 << 11,
  /** ア, first of アット(マーク). */
  KATAKANA_A: 1 << 12,
  /** 〒 and 郵 (郵便番号). */
  JA_POSTAL_MARK: 1 << 13,
  /** 市 区 町 村 郡. */
  JA_MUNICIPALITY: 1 << 14,
  /** First characters of the honorifics: 様 さ(ま/ん) 殿 氏 先(生) く(ん) 君 ち(ゃん). */
  JA_HONORIFIC: 1 << 15,
  /** First characters of the name labels: 担(当) 記(入) 氏(名) 名(前/義) 署(名) 差(出人) 送(信者) 申(込者/し) 契(約者) よ(り). */
  JA_NAME_LABEL: 1 << 16,
  /** First characters of 電話, 携帯, 連絡先. */
  JA_PHONE_WORD: 1 << 17,
  /** M, D, P: first letters of the English titles (Mr, Ms, Dr, Prof, …). */
  TITLE_INITIAL: 1 << 18,
} as const;

export interface MaskerRequirements {
  /** Every one of these classes. */
  all?: number;
  /** At least one of these classes. */
  any?: number;
  /** At least this many ASCII digits in the text. */
  digits?: number;
  /** A run of at least this many ASCII digits. */
  digitRun?: number;
}

/** What one pass over a text finds: its character classes, ASCII digit count and longest digit run. */
export interface TextShape {
  classes: number;
  digits: number;
  digitRun: number;
}

const CLASSES_OF = new Uint32Array(0x10000);
function markClass(chars: string, bit: number): void {
  for (const c of chars) CLASSES_OF[c.charCodeAt(0)]! |= bit;
}
for (let c = 0x30; c <= 0x39; c++) CLASSES_OF[c] = F.DIGIT;
for (let c = 0x41; c <= 0x5a; c++) CLASSES_OF[c] = F.UPPER | F.LETTER;
for (let c = 0x61; c <= 0x7a; c++) CLASSES_OF[c] = F.LOWER | F.LETTER;
markClass('@', F.AT);
markClass('.', F.DOT);
markClass(':', F.COLON);
markClass('/', F.SLASH);
markClass('+', F.PLUS);
markClass('-', F.HYPHEN);
markClass('\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30FC\uFF0D\uFE58\uFE63\uFF70\u2043', F.DASH_LIKE);
markClass('★☆', F.STAR);
markClass('ア', F.KATAKANA_A);
markClass('〒郵', F.JA_POSTAL_MARK);
markClass('市区町村郡', F.JA_MUNICIPALITY);
markClass('様さ殿氏先く君ち', F.JA_HONORIFIC);
markClass('担記氏名署差送申契よ', F.JA_NAME_LABEL);
markClass('電携連', F.JA_PHONE_WORD);
markClass('MDP', F.TITLE_INITIAL);

export function textShape(text: string): TextShape {
  let classes = 0;
  let digits = 0;
  let run = 0;
  let digitRun = 0;
  for (let i = 0; i < text.length; i++) {
    const bits = CLASSES_OF[text.charCodeAt(i)]!;
    classes |= bits;
    if (bits & F.DIGIT) {
      digits++;
      if (++run > digitRun) digitRun = run;
    } else run = 0;
  }
  return { classes, digits, digitRun };
}

/** Whether a text of this shape can hold what a masker looks for (false: the masker cannot find anything). */
export function meetsRequirements(shape: TextShape, req: MaskerRequirements): boolean {
  return (
    (req.all === undefined || (shape.classes & req.all) === req.all) &&
    (req.any === undefined || (shape.classes & req.any) !== 0) &&
    (req.digits === undefined || shape.digits >= req.digits) &&
    (req.digitRun === undefined || shape.digitRun >= req.digitRun)
  );
}

function readWordList(file: string): string[] {
  return readFileSync(dictionaryPath('pii', file), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

const JA_NOT_NAME_WORDS = readWordList('ja-not-names.txt').map((w) => w.replace(/^[おご](?=.)/, ''));
const JA_NOT_NAME_SUFFIXES = JA_NOT_NAME_WORDS.filter((w) => w.startsWith('～') || w.length >= 2).map((w) => w.replace(/^～/, ''));
const JA_NOT_NAME_WHOLE = new Set(JA_NOT_NAME_WORDS.filter((w) => !w.startsWith('～')));
const EN_NOT_NAMES = new Set(readWordList('en-not-names.txt').map((w) => w.toLowerCase()));
const EN_SIGN_OFFS = readWordList('en-sign-offs.txt').sort((a, b) => b.length - a.length);
const EN_STREET_TYPES = readWordList('en-street-types.txt');

/** A number right after one of these is an order, ticket or booking reference, not personal data. */
const REFERENCE_BEFORE =
  /(?:注文|オーダー|受付|伝票|問い?合わせ|問合せ|管理|予約|追跡|請求書?|チケット|商品|品番|型番|型式|会員|お客様|顧客|ポイント|クーポン|シリアル|製造|ロット|JAN|order|ticket|invoice|ref(?:erence)?|tracking|case|booking|confirmation|transaction|item|sku|model|serial|product|barcode|account|member|customer|ean|upc|lot|batch)\s*(?:番号|id|no\.?|number|num|#|コード|code)?\s*(?:[:：#=]|は|が|is|was)?\s*#?\s*$|#\s*$/i;
const VERSION_BEFORE = /(?:\bv|\bver\.?|version|バージョン)\s*$/i;
const MY_NUMBER_LABEL_BEFORE = /(?:マイナンバー|個人番号|my\s?number)\s*(?:カード)?\s*(?:番号)?\s*(?:[:：]|は|is)?\s*$/i;
const PHONE_LABEL = String.raw`(?:電話番号|電話|携帯番号|携帯|連絡先|TEL|Tel|tel|FAX|Fax|fax|phone(?: number)?|Phone(?: number)?|mobile|Mobile|cell|Cell|call me (?:at|on))`;

function before(text: string, offset: number, length = 28): string {
  return text.slice(Math.max(0, offset - length), offset);
}

const isReference = (m: RegExpExecArray, text: string): boolean => REFERENCE_BEFORE.test(before(text, m.index));
const digitCount = (s: string): number => s.replace(/\D/g, '').length;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** EAN-13 / EAN-8 (JAN) check digit: weights 1 and 3 from the left for 13 digits (3 and 1 for 8). */
export function eanValid(digits: string): boolean {
  if (digits.length !== 13 && digits.length !== 8) return false;
  let sum = 0;
  for (let i = 0; i < digits.length - 1; i++) {
    const weight = (digits.length === 13 ? i % 2 === 0 : i % 2 === 1) ? 1 : 3;
    sum += (digits.charCodeAt(i) - 48) * weight;
  }
  return (10 - (sum % 10)) % 10 === digits.charCodeAt(digits.length - 1) - 48;
}

/** My Number (個人番号): 11 digits and a check digit (the Ministry's formula, weights 2–7 from the right). */
export function myNumberValid(digits: string): boolean {
  if (!/^\d{12}$/.test(digits)) return false;
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = digits.charCodeAt(11 - n) - 48;
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const r = sum % 11;
  const check = r <= 1 ? 0 : 11 - r;
  return check === digits.charCodeAt(11) - 48;
}

/** 20261124130500 and the like: a timestamp, not a card, even when Luhn happens to pass. */
function looksLikeTimestamp(digits: string): boolean {
  if (digits.length !== 14 && digits.length !== 17) return false;
  const year = Number(digits.slice(0, 4));
  const month = Number(digits.slice(4, 6));
  const day = Number(digits.slice(6, 8));
  return year >= 1970 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** Sentence punctuation after a URL is not part of it; a closing parenthesis is, when the URL opened one. */
function urlEnd(match: string): number {
  let end = match.length;
  while (end > 0) {
    const c = match[end - 1]!;
    if (".,;:!?'\"]".includes(c)) {
      end--;
      continue;
    }
    if (c === ')') {
      const inside = match.slice(0, end);
      if (inside.split('(').length < inside.split(')').length) {
        end--;
        continue;
      }
    }
    break;
  }
  return end;
}

/** A URL that names a page (host and plain path) is kept; one with a query, fragment, login, id or token is not. */
function urlNeedsMasking(url: string): boolean {
  if (/[?#]/.test(url)) return true;
  const withoutScheme = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = withoutScheme.indexOf('/');
  const host = slash === -1 ? withoutScheme : withoutScheme.slice(0, slash);
  if (host.includes('@')) return true;
  const path = slash === -1 ? '' : withoutScheme.slice(slash + 1);
  const segments = path.split('/');
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment === '') continue;
    // A profile page names its person: /users/taro.yamada, /u/jsmith, /members/12.
    if (i > 0 && /^(?:users?|u|profiles?|members?|people|accounts?|customers?)$/i.test(segments[i - 1]!)) return true;
    if (/[@=;~]/.test(segment) || /\d{5,}/.test(segment) || /^[0-9a-f-]{12,}$/i.test(segment)) return true;
    // An opaque token: long, letters and digits mixed, not a slug of words.
    if (segment.length >= 12 && /\d/.test(segment) && /[A-Za-z]/.test(segment) && !/^[a-z]+(?:[-_.][a-z0-9]+)*$/i.test(segment)) return true;
    if (segment.length >= 20 && /[A-Z]/.test(segment) && /[a-z]/.test(segment) && !/[-_.]/.test(segment)) return true;
  }
  return false;
}

const KANJI = '\\u4E00-\\u9FFF\\u3005\\u3006\\u30F6';
const KATAKANA = '\\u30A1-\\u30FA\\u30FC';
const NAME_RUN = `(?:[${KANJI}]{1,4}(?: ?[${KANJI}]{1,4})?|[${KATAKANA}]{2,10}(?:[・ ][${KATAKANA}]{2,10})?)`;

/** A word before a honorific that is a role or group (お客様, 店員さん, 仕様), not a person. */
function isJaNotName(word: string): boolean {
  const w = word.replace(/ /g, '');
  return JA_NOT_NAME_WHOLE.has(w) || JA_NOT_NAME_SUFFIXES.some((entry) => w.endsWith(entry));
}

/** After a Japanese name label, the name ends where a particle or punctuation starts, not mid-verb (名前は覚えて). */
const JA_AFTER_NAME = /^(?:$|[\s、。,.:：)）」』!！?？\n]|です|でし|で|と申|より|が|から|に|の|へ|は|も|さん|様|さま|殿|氏)/;

/** Every word capitalised, and the first a word rather than an acronym (SWA, AA and JP are companies, not names). */
const capitalisedWords = (s: string): boolean => s.split(/\s+/).every((w) => /^[A-Z]/.test(w)) && /^[A-Z][a-z'’]/.test(s);
const notNameWord = (s: string): boolean => s.split(/\s+/).some((w) => EN_NOT_NAMES.has(w.replace(/[.,]/g, '').toLowerCase()));

const SIGN_OFF = EN_SIGN_OFFS.map((s) => s.replace(/ /g, '[ ]+')).join('|');
const STREET_TYPE = EN_STREET_TYPES.map((s) => s[0]!.toUpperCase() + s.slice(1)).join('|');
const EN_NAME = String.raw`[A-Z][A-Za-z'’\-]+(?:[ ]+[A-Z]\.?(?![A-Za-z'’]))?(?:[ ]+[A-Z][A-Za-z'’\-]+)?`;

const PREFECTURE = '(?:東京都|北海道|京都府|大阪府|[\\u4E00-\\u9FFF]{2,3}県)';
const JA_BLOCK = String.raw`(?:\d{1,4}|[一二三四五六七八九十]{1,3})(?:丁目|番町)[ ]?\d{1,4}(?:(?:番地?|-|の)[ ]?\d{1,4}(?:号)?)?(?:-\d{1,4})?|\d{1,5}番地?(?:[ ]?\d{1,4}号?)?|\d{1,4}-\d{1,4}(?:-\d{1,4})?`;
const JA_TOWN_CHAR = `(?:[${KANJI}${KATAKANA}0-9]|(?<=[${KANJI}])の(?=[${KANJI}]))`;

export const PII_MASKERS: readonly PiiMasker[] = [
  {
    name: 'url',
    kind: 'URL',
    requires: { all: F.LETTER, any: F.COLON | F.DOT },
    needs: /:\/\/|www\./i,
    pattern: /\b(?:(?:https?|ftp|sftp):\/\/|www\.)[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/gi,
    check: (m) => {
      const end = urlEnd(m[0]);
      return urlNeedsMasking(m[0].slice(0, end)) ? [0, end] : false;
    },
    examples: [
      'Reset link https://example.com/reset?token=abc123XYZ fails',
      'https://shop.example.jp/orders/84736251/detail を開けない',
      'open https://user:secret@files.example.com/x',
      'invite: https://app.example.com/invite/Qm9iYnkxMjM0NTY3ODkw',
      'https://example.com/s/aZ3kP9qL2mX7vB1n',
      'https://example.com/users/taro.yamada',
    ],
    lookAlikes: ['see https://example.com/help/login for details', 'https://www.example.co.jp/support/faq を見ました', 'www.example.com/pricing'],
  },
  {
    name: 'url-without-scheme',
    kind: 'URL',
    requires: { all: F.DOT | F.SLASH | F.LETTER },
    needs: /\.[a-z]{2,}\//i,
    // example.com/verify?code=… typed without https:// carries the same token.
    pattern: /(?<![\w@./-])(?:[a-z0-9-]+\.)+(?:com|net|org|jp|io|co|app|dev|info|biz|me|ly|uk|de|fr)\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*/gi,
    check: (m) => {
      const end = urlEnd(m[0]);
      return urlNeedsMasking(m[0].slice(0, end)) ? [0, end] : false;
    },
    examples: ['open example.com/verify?code=Zx81KqP2 now', 'shop.example.co.jp/orders/84736251'],
    lookAlikes: ['see example.com/help for details', 'example.co.jp/faq/shipping'],
  },
  {
    name: 'email',
    kind: 'EMAIL',
    requires: { all: F.AT | F.DOT | F.LETTER },
    // An @ with a dotted domain after it: "@united thanks" (a mention) skips the costly pattern.
    needs: /@[^\s@]*\.[A-Za-z]{2}/,
    // The lookbehind starts a candidate only at the start of a run of address characters (linear, not quadratic).
    pattern: /(?<![\p{L}\p{N}._%+\-!#$&'*=?^`{|}~])[\p{L}\p{N}._%+\-!#$&'*=?^`{|}~]+@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[A-Za-z]{2,24}(?![A-Za-z])/gu,
    check: (m) => {
      // A local part glued to Japanese text ("連絡はyamada@…"): the address starts at the ASCII part.
      const at = m[0].indexOf('@');
      const local = m[0].slice(0, at);
      const ascii = /[A-Za-z0-9._%+-]+$/.exec(local);
      if (ascii && ascii[0].length < local.length && /[\u3040-\u30FF\u4E00-\u9FFF]$/.test(local.slice(0, local.length - ascii[0].length))) {
        return [local.length - ascii[0].length, m[0].length];
      }
      return true;
    },
    examples: ['Contact me at john.smith+koe@example.co.uk please', '連絡先はtaro.yamada@example.jpまで', 'やまだ＠example.jp', 'josé.müller@example.de', 'user@mail.example.com'],
    lookAlikes: ['@support please help', 'meet @ 5pm', 'twitter @koe_app'],
  },
  {
    name: 'email-spelled-out',
    kind: 'EMAIL',
    requires: { any: F.LETTER | F.KATAKANA_A | F.STAR | F.AT },
    needs: /\bat\b|アット|[★☆]|\(a\)| @ /i,
    pattern: /[A-Za-z0-9._%+-]+ ?(?:\[at\]|\(at\)|\{at\}| at |アットマーク|アット|[★☆]|\(a\)|@)\s?[A-Za-z0-9-]+(?: ?(?:\[dot\]|\(dot\)| dot |\.) ?[A-Za-z0-9-]+)+/gi,
    // Japanese sites write ★ (or ☆) for @ so that crawlers miss the address: people copy that habit.
    check: (m) => {
      // "name @ example.com" with spaces: only a lower-case domain with a common ending ("arrived @ JFK. Late" is not one).
      if (/ @ /.test(m[0])) return /@ ?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|jp|io|co|uk|de|fr|info|biz|me|app|dev|edu|gov)$/.test(m[0]);
      return /(?:\[at\]|\(at\)|\{at\}|アット|[★☆]|\(a\))/i.test(m[0]) || / dot /i.test(m[0]);
    },
    examples: ['mail me: jane.doe [at] example [dot] com', 'hanako(at)example.jp', 'bob at example dot com', 'taro★example.co.jp', 'taro.yamada @ example.com'],
    lookAlikes: ['I was at home at 5', 'look at example.com/help', 'arrived @ JFK. Late again'],
  },
  {
    name: 'ipv6',
    kind: 'IP',
    requires: { all: F.COLON },
    needs: /[0-9a-f]:[0-9a-f:]|::/i,
    pattern: /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|\d{1,3}(?:\.\d{1,3}){3})?(?![\w:])/g,
    check: (m) => {
      const candidate = m[0];
      const groups = candidate.split(':').filter((g) => g !== '').length;
      return net.isIPv6(candidate) && groups >= 2 && (candidate.includes('::') || groups >= 8);
    },
    examples: ['connecting from 2001:db8:85a3::8a2e:370:7334 fails', 'IPv6 fe80::1ff:fe23:4567:890a', 'addr 2001:0db8:0000:0000:0000:ff00:0042:8329'],
    lookAlikes: ['at 13:05:22 it crashed', 'ratio 16:9', 'std::vector', '10:00-18:00'],
  },
  {
    name: 'ipv4',
    kind: 'IP',
    requires: { all: F.DOT, digits: 4 },
    needs: /\d\.\d/,
    pattern: /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\w|\.\d)/g,
    check: (m, text) => !VERSION_BEFORE.test(before(text, m.index, 12)),
    examples: ['blocked from 203.0.113.42 again', 'IP:192.168.1.10'],
    lookAlikes: ['version 10.0.19045.3 broke it', 'after updating to v4.2.1 it crashes'],
  },
  {
    name: 'card',
    kind: 'CARD',
    requires: { digits: 13, digitRun: 4 },
    needs: /\d{4}/,
    pattern: /(?<![\w\-.])[2-6]\d(?:[ .-]?\d){11,17}(?![\w-]|[ .-]\d)/g,
    check: (m, text) => {
      const groups = m[0].split(/[ .-]/);
      // Groups of 3+ digits (4-4-4-4, 4-6-5), the last may be 2 (Diners 4-4-4-2); not several short numbers.
      if (groups.some((g, i) => g.length < (i === groups.length - 1 && groups.length > 1 ? 2 : 3))) return false;
      const digits = groups.join('');
      if (digits.length < 13 || digits.length > 19 || !luhnValid(digits) || looksLikeTimestamp(digits)) return false;
      // A 13-digit JAN / EAN barcode is a product, not a card (13-digit cards are no longer issued).
      if (digits.length === 13 && eanValid(digits)) return false;
      return !isReference(m, text);
    },
    examples: ['card 4111 1111 1111 1111 was charged twice', 'カード番号5500-0000-0000-0004で決済', 'Amex 378282246310005 declined', 'JCB 3530 1113 3330 0000', 'カード 4111ー1111ー1111ー1111', '4111.1111.1111.1111', 'Diners 3056 9309 0259 04'],
    lookAlikes: ['JAN 4901234567894 の商品', 'バーコード4549131234563', 'ref 1234 5678 9012 3456 is what they gave', 'Order number 4111111111111111 is wrong', 'log id 20261124130500'],
  },
  {
    name: 'my-number',
    kind: 'MYNUMBER',
    requires: { digits: 12, digitRun: 4 },
    needs: /\d{4}/,
    pattern: /(?<![\w\-.])\d{4}[ -]?\d{4}[ -]?\d{4}(?![\w-]|[ .-]\d)/g,
    check: (m, text) => {
      if (MY_NUMBER_LABEL_BEFORE.test(before(text, m.index))) return true;
      return myNumberValid(m[0].replace(/\D/g, '')) && !isReference(m, text);
    },
    examples: ['マイナンバーは123456789018です', '個人番号 1234 5678 9018', 'my number 1234-5678-9018', '番号 8765 4321 0989 を書きました'],
    lookAlikes: ['追跡番号 1234-5678-9012 で確認', '注文番号 123456789018', 'ID 123456789012'],
  },
  {
    name: 'phone-labelled',
    kind: 'PHONE',
    requires: { any: F.LETTER | F.JA_PHONE_WORD, digits: 7 },
    needs: /電話|携帯|連絡先|tel|fax|phone|mobile|cell|call me/i,
    pattern: new RegExp(String.raw`${PHONE_LABEL}\.?[ ]*(?:番号)?[ ]*(?:は|:|：|#|is|at|on|number)?[ ]*(?:[:：])?[ ]*(\+?[\d(][\d ().-]{5,22}\d)`, 'g'),
    check: (m) => {
      const n = digitCount(m[1]!);
      if (n < 7 || n > 15) return false;
      const start = m[0].length - m[1]!.length;
      return [start, m[0].length];
    },
    examples: ['TEL 06 6123 4567', 'Tel.03-1234-5678', '電話: 045.123.4567', '連絡先は 011 (222) 3333', 'call me at 555 0123 456'],
    lookAlikes: ['電話で2回問い合わせた', 'phone 12 broke after 2 days'],
  },
  {
    name: 'phone-in-context',
    kind: 'PHONE',
    requires: { digitRun: 10 },
    needs: /\b(?:call|text|reach|ring|dial|contact|number)|電話|連絡|携帯|折り返|かけ|繋が|つなが|通じ/i,
    // A bare run of digits has a phone's shape only in context: "text me at 4155550123", "返信は…に電話".
    pattern: /(?:(?:\b(?:call(?:ed|ing)?|text(?:ed)?|reach|ring|dial(?:ed)?|contact|my (?:phone |cell |mobile )?number)\b[^.\n\d]{0,24}?|(?:電話|連絡|携帯|折り返し)[^。\n\d]{0,12}?)(\+?\d{10,11})(?!\d)|(?<![\w.+-])(\+?\d{10,11})(?=[^。\n\d]{0,10}(?:かけ|電話|繋が|つなが|通じ|折り返)))/gi,
    check: (m, text) => {
      const digits = m[1] ?? m[2]!;
      const start = m[0].length - digits.length;
      if (REFERENCE_BEFORE.test(before(text, m.index + start))) return false;
      return [start, m[0].length];
    },
    examples: ['text me at 4155550123', 'my number is 4155550123 if you need it', '電話は4155550123へ', '4155550123に何度かけても繋がらない'],
    lookAlikes: ['I called about order 1234567890 twice', 'called 3 times'],
  },
  {
    name: 'phone-international',
    kind: 'PHONE',
    requires: { all: F.PLUS, digits: 8 },
    needs: /\+/,
    pattern: /(?<![\w+])\+ ?\d{1,3}(?:(?: ?- ?|[ .])?\(0\))?(?:(?: ?- ?|[ .])?\(?\d{1,5}\)?){1,6}(?![\w\-/]|[.:]\d)/g,
    check: (m) => {
      const n = digitCount(m[0].replace('(0)', ''));
      return n >= 8 && n <= 15;
    },
    examples: ['call +81 90-1234-5678 anytime', 'Reach me on +1 415 555 0100.', '+44 20 7946 0958', '+81 (0)3 1234 5678', '+49 30 1234567', '+33 1 23 45 67 89'],
    lookAlikes: ['+3 points', 'score +12', '+1,200 yen'],
  },
  {
    name: 'phone-national',
    kind: 'PHONE',
    requires: { digits: 10 },
    needs: /0\d/,
    pattern: /(?<![\w+\-/.:,])(?:\(0\d{1,4}\) ?|0\d{1,4}(?: ?- ?|[ .])?)\(?\d{1,4}\)?(?: ?- ?|[ .])?\d{3,4}(?![\w\-/]|[.:,]\d)/g,
    check: (m, text) => {
      const n = digitCount(m[0]);
      return n >= 10 && n <= 11 && !isReference(m, text);
    },
    examples: ['携帯は090-1234-5678です', '090 - 1234 - 5678', '09012345678に折り返し', '03(1234)5678まで', 'フリーダイヤル0120-123-456', '0570-012-345', '0800-123-4567', '090ー1234ー5678', '080–1234–5678', '070 1234 5678', '020 7946 0958', '030 12345678'],
    lookAlikes: ['注文番号:0312345678', '2026-11-24に購入', '¥12,800は高い', 'open 09:00-18:00 only'],
  },
  {
    name: 'phone-slash',
    kind: 'PHONE',
    requires: { all: F.SLASH, digits: 9 },
    needs: /0\d+\/\d/,
    // German and Austrian numbers are often written area code / number.
    pattern: /(?<![\w/.-])0\d{2,4}\/ ?\d{4,8}(?![\w/]|[.,]\d)/g,
    check: (m, text) => {
      const n = digitCount(m[0]);
      return n >= 9 && n <= 12 && !isReference(m, text);
    },
    examples: ['Tel. 030/1234567', 'ruf an: 089/12345678'],
    lookAlikes: ['page 012/345', '2026/11/24'],
  },
  {
    name: 'phone-french',
    kind: 'PHONE',
    requires: { digits: 10 },
    needs: /0\d/,
    pattern: /(?<![\w+\-/.:,])0[1-9](?:[ .-]\d{2}){4}(?![\w\-/]|[.:,]\d)/g,
    check: (m, text) => !isReference(m, text),
    examples: ['appelez 01 23 45 67 89', '06.12.34.56.78'],
    lookAlikes: ['01.02.2026 delivery'],
  },
  {
    name: 'phone-north-american',
    kind: 'PHONE',
    requires: { digits: 10 },
    needs: /\d{3}/,
    pattern: /(?<![\w+\-/.:,])(?:1(?: ?- ?|[ .])?)?(?:\(\d{3}\) ?|\d{3}(?: ?- ?|[ .]))\d{3}(?: ?- ?|[ .])\d{4}(?![\w\-/]|[.:,]\d)/g,
    check: (m, text) => !isReference(m, text),
    examples: ['my number is (415) 555-0100', '1-800-555-0199', '415.555.0100', '1 (888) 555 0123', '212–555–0147'],
    lookAlikes: ['ticket 415-555-0100', 'The order number is 212-555-0147.'],
  },
  {
    name: 'postal-jp-marked',
    kind: 'POSTAL',
    requires: { any: F.JA_POSTAL_MARK, digits: 7 },
    needs: /〒|郵便番号/,
    pattern: /(?:〒|郵便番号) ?(?:[:：]|は)? ?\d{3}(?: ?- ?)?\d{4}(?!\d)/g,
    // 〒 goes with the code; the word 郵便番号 stays as a label.
    check: (m) => (m[0].startsWith('〒') ? true : [/\d/.exec(m[0])!.index, m[0].length]),
    examples: ['〒150-0001 東京都渋谷区', '〒 1500001', '〒150 - 0001', '郵便番号は100-0005です', '郵便番号:100-0005', '郵便番号 1000005'],
    lookAlikes: ['〒マークが印刷されていない'],
  },
  {
    name: 'postal-jp-bare',
    kind: 'POSTAL',
    requires: { all: F.HYPHEN, digits: 7, digitRun: 4 },
    needs: /\d{3}-\d{4}/,
    pattern: /(?<![\w\-.])\d{3}-\d{4}(?![\w-]|\.\d)/g,
    check: (m, text) => {
      const end = m.index + m[0].length;
      return (
        /(?:住所|所在地|宛先|送り先|届け先|postal\s*code|post\s*code|zip(?:\s*code)?)\s*(?:は|[:：])?\s*$/i.test(before(text, m.index, 16)) ||
        new RegExp(`^ ?(?:${PREFECTURE}|[\\u4E00-\\u9FFF]{1,4}[市区町村郡])`).test(text.slice(end, end + 10))
      );
    },
    examples: ['住所は 530-0001 大阪府大阪市です', 'Postal code 123-4567', '100-0001 千代田区千代田'],
    lookAlikes: ['error 404-1234 on the page', '注文 123-4567 が届かない'],
  },
  {
    name: 'postal-us-uk',
    kind: 'POSTAL',
    // Every branch of the pattern has 2 digits or more (UK M1 1AE, Canada M5V 3L9, US 94105).
    requires: { all: F.LETTER, digits: 2 },
    needs: /[A-Z]{2} \d{5}|zip|post|[A-Z]\d[A-Z\d]? ?\d[A-Z]/i,
    pattern: /(?:\b[A-Z]{2} \d{5}(?:-\d{4})?\b|\b(?:zip|postcode|post code|postal code)(?: code)?:? ?(?:\d{5}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})\b|(?:, ?|\n)[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b|(?:, ?|\n|\b(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT) )[A-Z]\d[A-Z] ?\d[A-Z]\d\b)/gi,
    check: (m) => {
      const code = /(?:\d{5}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d)$/i.exec(m[0]);
      if (!code) return false;
      // "CA 94105": the state must be written in capitals.
      if (/^[A-Za-z]{2} \d{5}/.test(m[0]) && !/^[A-Z]{2} /.test(m[0])) return false;
      if (/^[A-Z]{2} \d{5}/.test(m[0]) && !/^(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])$/.test(m[0].slice(0, 2))) return false;
      return [code.index, m[0].length];
    },
    examples: ['San Francisco, CA 94105', 'zip code: 10001-1234', 'London, SW1A 1AA', 'postcode M1 1AE', 'Toronto, ON M5V 3L9'],
    lookAlikes: ['PS5 3DS games', 'model AB 12345 works', 'I waited ca 10000 years'],
  },
  {
    name: 'address-ja',
    kind: 'ADDRESS',
    requires: { all: F.JA_MUNICIPALITY, digits: 1 },
    needs: /[市区町村郡]/,
    pattern: new RegExp(
      String.raw`(?:${PREFECTURE} ?)?[${KANJI}${KATAKANA}]{1,8}[市区町村郡]${JA_TOWN_CHAR}{0,14}?(?:${JA_BLOCK})(?: ?[^、。,\n]{0,24}?\d{1,4}(?:号室|階|F))?`,
      'gu',
    ),
    check: (m) => {
      // Start at the prefecture, or after a label glued in front (住所東京都… / 住所は).
      const pref = new RegExp(PREFECTURE).exec(m[0]);
      const label = /^(?:現住所|住所|所在地|宛先|送り先|届け先|配送先|自宅|実家)/.exec(m[0]);
      const start = pref && pref.index > 0 ? pref.index : label ? label[0].length : 0;
      return [start, m[0].length];
    },
    examples: ['住所は東京都千代田区千代田1-1です', '大阪市北区梅田3-1-1に届けて', '札幌市中央区北1条西2丁目3番地', '神奈川県横浜市西区港未来2-3-1 ランドマーク1201号室', '福岡県福岡市博多区博多駅前2丁目1-1', '大阪市北区梅田1-1-3 大阪駅前第1ビル 5階'],
    lookAlikes: ['品川区の店舗で3-4回待った', '市役所で2-3時間', '区切りが1-2箇所おかしい'],
  },
  {
    name: 'address-ja-romanized',
    kind: 'ADDRESS',
    requires: { all: F.HYPHEN | F.LOWER, digits: 1 },
    needs: /-(?:ku|shi|cho|machi|gun)\b/,
    pattern: /\b\d{1,4}-\d{1,4}(?:-\d{1,4})?,? [A-Z][a-z]+(?:-[a-z]+)?(?: \d-chome)?,? [A-Z][a-z]+-(?:ku|shi|cho|machi|gun)\b/g,
    examples: ['1-2-3 Roppongi, Minato-ku, Tokyo', 'send it to 4-5 Umeda, Kita-ku'],
    lookAlikes: ['I live in Minato-ku', 'rated 4-5 stars'],
  },
  {
    name: 'address-en',
    kind: 'ADDRESS',
    requires: { all: F.UPPER, digits: 1 },
    needs: /\d[A-Za-z]? (?:[NSEW]\.? )?[A-Z\d]|Box/,
    pattern: new RegExp(
      String.raw`\b(?:\d{1,5}[A-Za-z]?(?:-\d{1,4})? (?:[NSEW]\.? )?(?:[A-Z][A-Za-z'’.-]*|\d{1,3}(?:st|nd|rd|th)) (?:[A-Z][A-Za-z'’.-]* ){0,3}(?:${STREET_TYPE})\b\.?(?:,? ?(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|#)\.? ?#?[A-Za-z0-9-]+)?|P\.? ?O\.? Box \d{1,6})`,
      'g',
    ),
    examples: ['I live at 1600 Pennsylvania Avenue', 'ship to 221B Baker Street, Flat 2', 'send it to 42 W 31st St. Apt 5B', 'P.O. Box 1234'],
    lookAlikes: ['I waited 3 days on the road', 'gave it 5 Stars', 'Route 66 Diner was great'],
  },
  {
    name: 'name-ja-honorific',
    kind: 'NAME',
    requires: { all: F.JA_HONORIFIC },
    needs: /様|さま|さん|殿|氏|先生|くん|君|ちゃん/,
    pattern: new RegExp(`${NAME_RUN}(?= ?(?:様(?![々子式相])|さま|さん|殿(?![堂下様])|氏(?![名])|先生|くん|ちゃん(?!と)))`, 'gu'),
    check: (m) => !isJaNotName(m[0]),
    examples: ['山田 太郎様へ', '山田 様 お世話になっております', '対応してくれた佐藤さんが親切', '鈴木殿', '田中氏によると', 'スミスさんに伝えて', '林さん', '高橋先生'],
    lookAlikes: ['お客様各位', '店員さんが親切', '担当者様', '仕様が変わった', '皆さんありがとう', '氏名を入力', 'ドライバーさんが丁寧', '同様の問題', 'ご苦労様です', '美容師さん', '社長さん', '女将さんが親切', '2名様で予約', '前年同様の売上', 'ちゃんと届いた', '輸出仕様品', '彼氏と行った'],
  },
  {
    name: 'name-ja-labelled',
    kind: 'NAME',
    requires: { all: F.JA_NAME_LABEL },
    needs: /担当|記入|氏名|名前|署名|差出人|送信者|申込者|契約者|名義|申し|より/,
    pattern: new RegExp(
      String.raw`(?:(?:担当者?|記入者|氏名|お名前|名前|署名|差出人|送信者|申込者|契約者|名義)[ ]*[:：][ ]*(${NAME_RUN})|(${NAME_RUN})と申し(?:ます|ました)|(?:^|\n)[ ]*(${NAME_RUN})より[ ]*[。.]?(?=\n|$))`,
      'gu',
    ),
    check: (m, text) => {
      const name = m[1] ?? m[2] ?? m[3]!;
      const at = m[1] !== undefined ? m[0].lastIndexOf(name) : m[0].indexOf(name);
      const after = text.slice(m.index + at + name.length, m.index + at + name.length + 3);
      if (m[1] !== undefined && !JA_AFTER_NAME.test(after)) return false;
      if (isJaNotName(name)) return false;
      return [at, at + name.length];
    },
    examples: ['担当：佐々木', '担当者: 小林 健', '私は木村と申します', 'よろしくお願いします\n中村より', 'お名前: ワタナベ'],
    lookAlikes: ['名前は覚えていない', '担当は親切でした', '担当: 不明', '本社より連絡がありました'],
  },
  {
    name: 'name-en-greeting',
    kind: 'NAME',
    requires: { all: F.UPPER },
    needs: /\b(?:dear|hi|hello|hey)\b|-san|-sama|\bsan\b/i,
    pattern: new RegExp(String.raw`(?:\b(?:Dear|Hi|Hello|Hey|dear|hi|hello|hey)[ ]+(${EN_NAME})(?=[ ]*,|[ ]*\n)|\b([A-Z][A-Za-z'’]+)(?:-| )(?:san|sama|sensei|kun|chan)\b)`, 'g'),
    check: (m) => {
      const name = m[1] ?? m[2]!;
      if (!capitalisedWords(name) || notNameWord(name)) return false;
      const at = m[0].indexOf(name, m[1] !== undefined ? m[0].search(/[ ]/) : 0);
      return [at, at + name.length];
    },
    examples: ['Dear John,\nthe app crashes', 'Hi Emma, thanks', 'Tanaka-san at the desk helped', 'Suzuki san was kind', 'McDonald-san'],
    lookAlikes: ['Hi Team, any news?', 'Hello all, quick question', 'Hi, the app crashes', 'Hi SWA, my bag is lost'],
  },
  {
    name: 'name-en-title',
    kind: 'NAME',
    requires: { all: F.TITLE_INITIAL },
    needs: /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Mister|Doctor)\b/,
    pattern: new RegExp(String.raw`\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Mister|Doctor)(?:\.[ ]*|[ ]+)(${EN_NAME})`, 'g'),
    check: (m) => {
      const name = m[1]!;
      if (notNameWord(name.split(/\s+/)[0]!)) return false;
      return [m[0].length - name.length, m[0].length];
    },
    examples: ['Mr. John Smith helped me', 'Ms Tanaka was kind', 'Dr O’Neil called', 'Mr.Brown was rude'],
    lookAlikes: ['Dr Pepper tastes odd', 'Dr. Martens boots', 'Mr Who'],
  },
  {
    name: 'name-en-signature',
    kind: 'NAME',
    requires: { all: F.UPPER },
    needs: /\n|[,.!]|my name|name:|from:|signed/i,
    // A sign-off needs the name to end its line (so "Thanks, Great app" is not one); a label does not: "From: Emma
    // Williams The app is broken" is what an e-mail becomes once its line breaks and <address> are gone.
    pattern: new RegExp(
      String.raw`(?:(?:(?:^|\n|[.!?] )[ ]*(?:${SIGN_OFF})[ ]*[,.:!\-—]*[ ]*\n?[ ]*|(?:^|\n)[ ]*(?:--|—|–|-)[ ]*)(${EN_NAME})[ ]*[.!]?(?=\n|$| and | from |,| <| \(| -)|\b(?:my name is|my name's|name:|customer name:|signed by|from:)[ ]+(${EN_NAME})\b)`,
      'gi',
    ),
    check: (m) => {
      const name = m[1] ?? m[2]!;
      if (!capitalisedWords(name) || notNameWord(name)) return false;
      const at = m[0].lastIndexOf(name);
      return [at, at + name.length];
    },
    examples: ['From: John Smith <j@example.com>', 'From: Emma Williams The app is broken.', "From: Ava O'Brien The app", 'Thanks for the help.\nRegards,\nJohn Smith', 'Cheers, Emma', 'Best regards, Akiko Sato', 'My name is Peter Parker and I am upset', '-- Dana K.'],
    lookAlikes: ['Thanks, great app', 'Regards, the Support Team', 'Thanks again for nothing', 'Best price ever', 'Thanks AA!'],
  },
];
