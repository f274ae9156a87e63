import type { PiiKind } from '../types.js';

// Personal data is replaced by placeholders before anything is stored. Run on NFKC text (full-width digits and
// ＠ are then ASCII). Each rule is a candidate pattern plus a check, so that order numbers, dates, times, prices,
// versions and other digit runs stay: cards must pass Luhn, phones must have a phone's length and shape, bare
// postal codes need an address next to them, and any number right after "order #", 注文番号 and the like is kept.

export type PiiCounts = Partial<Record<PiiKind, number>>;

export const PII_PLACEHOLDERS: Readonly<Record<PiiKind, string>> = {
  EMAIL: '<EMAIL>',
  PHONE: '<PHONE>',
  CARD: '<CARD>',
  POSTAL: '<POSTAL>',
  URL: '<URL>',
  IP: '<IP>',
};

/** A number right after one of these is an order, ticket or booking reference, not personal data. */
const REFERENCE_BEFORE =
  /(?:注文|オーダー|受付|伝票|問い?合わせ|問合せ|管理|予約|追跡|請求書?|チケット|商品|品番|型番|型式|order|ticket|invoice|ref(?:erence)?|tracking|case|booking|confirmation|transaction|item|sku|model|serial|product)\s*(?:番号|id|no\.?|number|num|#|コード|code)?\s*(?:[:：#=]|は|が|is|was)?\s*#?\s*$|#\s*$/i;
const VERSION_BEFORE = /(?:\bv|\bver\.?|version|バージョン)\s*$/i;

function before(text: string, offset: number, length = 24): string {
  return text.slice(Math.max(0, offset - length), offset);
}

const URL_PATTERN = /\b(?:https?:\/\/|www\.)[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/gi;
const EMAIL_PATTERN = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const IPV4_PATTERN = /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\w|\.\d)/g;
const CARD_PATTERN = /(?<![\w\-.])[2-6]\d(?:[ -]?\d){11,17}(?![\w-]|[ .-]\d)/g;
const INTL_PHONE_PATTERN = /(?<![\w+])\+\d{1,3}(?:[\s-]?\(?\d{1,4}\)?){2,5}(?![\w\-/]|[.:]\d)/g;
const JP_PHONE_PATTERN =
  /(?<![\w+\-/.:])(?:0\d{1,4}[-\s]?\(?\d{1,4}\)?[-\s]?\d{3,4}|\(0\d{1,4}\)\s?\d{1,4}[-\s]?\d{3,4})(?![\w\-/]|[.:]\d)/g;
const US_PHONE_PATTERN = /(?<![\w+\-/.:])(?:\([2-9]\d{2}\)\s?|[2-9]\d{2}[-.\s])[2-9]\d{2}[-.\s]\d{4}(?![\w\-/]|[.:]\d)/g;
const MARKED_POSTAL_PATTERN = /〒\s?\d{3}-?\d{4}(?!\d)/g;
const BARE_POSTAL_PATTERN = /(?<![\w\-.])\d{3}-\d{4}(?![\w-]|\.\d)/g;
const POSTAL_LABEL_BEFORE = /(?:郵便番号|住所|postal\s*code|post\s*code|zip(?:\s*code)?)\s*[:：]?\s*$/i;
const ADDRESS_AFTER = /^\s*(?:北海道|東京都|京都府|大阪府|[\u4E00-\u9FFF]{2,3}県)/;

/** A quick pre-check: text with none of these holds nothing to mask. */
const MAYBE_PII = /[\d@]|:\/\/|www\./i;

function luhnValid(digits: string): boolean {
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

/** 20261124130500 and the like: a timestamp, not a card, even when Luhn happens to pass. */
function looksLikeTimestamp(digits: string): boolean {
  if (digits.length !== 14 && digits.length !== 17) return false;
  const year = Number(digits.slice(0, 4));
  const month = Number(digits.slice(4, 6));
  const day = Number(digits.slice(6, 8));
  return year >= 1970 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** Sentence punctuation after a URL is not part of it; a closing parenthesis is, when the URL opened one. */
function trimUrl(match: string): string {
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
  return match.slice(0, end);
}

/** A URL that names a page (host and plain path) is kept; one that carries a query, fragment, login or id is not. */
function urlNeedsMasking(url: string): boolean {
  if (/[?#]/.test(url)) return true;
  const withoutScheme = url.replace(/^https?:\/\//i, '');
  const slash = withoutScheme.indexOf('/');
  const host = slash === -1 ? withoutScheme : withoutScheme.slice(0, slash);
  if (host.includes('@')) return true;
  const path = slash === -1 ? '' : withoutScheme.slice(slash + 1);
  for (const segment of path.split('/')) {
    if (segment === '') continue;
    if (/[@=;]/.test(segment) || /\d{6,}/.test(segment) || /^[0-9a-f-]{12,}$/i.test(segment)) return true;
    if (segment.length >= 16 && /\d/.test(segment) && /[A-Za-z]/.test(segment) && !/^[a-z]+(?:[-_.][a-z0-9]+)*$/i.test(segment)) return true;
  }
  return false;
}

// The replacers are module-level functions (not closures made per call: this runs for every document) and
// count into `active`, which maskPii sets for the duration of one synchronous call.
let active: PiiCounts = {};

function mask(kind: PiiKind): string {
  active[kind] = (active[kind] ?? 0) + 1;
  return PII_PLACEHOLDERS[kind];
}

function replaceUrl(match: string): string {
  const url = trimUrl(match);
  return urlNeedsMasking(url) ? mask('URL') + match.slice(url.length) : match;
}

function replaceEmail(): string {
  return mask('EMAIL');
}

function replaceIp(match: string, offset: number, whole: string): string {
  return VERSION_BEFORE.test(before(whole, offset, 12)) ? match : mask('IP');
}

function replaceCard(match: string, offset: number, whole: string): string {
  const groups = match.split(/[ -]/);
  for (const g of groups) if (g.length < 3) return match;
  const digits = groups.join('');
  if (digits.length < 13 || digits.length > 19 || !luhnValid(digits) || looksLikeTimestamp(digits)) return match;
  return REFERENCE_BEFORE.test(before(whole, offset)) ? match : mask('CARD');
}

function phoneWithin(match: string, offset: number, whole: string, minDigits: number, maxDigits: number): string {
  const digits = match.replace(/\D/g, '');
  if (digits.length < minDigits || digits.length > maxDigits) return match;
  return REFERENCE_BEFORE.test(before(whole, offset)) ? match : mask('PHONE');
}

function replaceIntlPhone(match: string, offset: number, whole: string): string {
  return phoneWithin(match, offset, whole, 8, 15);
}

function replaceJpPhone(match: string, offset: number, whole: string): string {
  return phoneWithin(match, offset, whole, 10, 11);
}

function replaceUsPhone(match: string, offset: number, whole: string): string {
  return phoneWithin(match, offset, whole, 10, 10);
}

function replaceMarkedPostal(): string {
  return mask('POSTAL');
}

function replaceBarePostal(match: string, offset: number, whole: string): string {
  const end = offset + match.length;
  const isAddress = POSTAL_LABEL_BEFORE.test(before(whole, offset, 16)) || ADDRESS_AFTER.test(whole.slice(end, end + 8));
  return isAddress ? mask('POSTAL') : match;
}

/** Replaces e-mail addresses, phone numbers, card numbers, postal codes, URLs with tokens and IPv4 addresses. */
export function maskPii(text: string): { text: string; counts: PiiCounts } {
  const counts: PiiCounts = {};
  if (!MAYBE_PII.test(text)) return { text, counts };
  active = counts;
  let t = text;
  if (t.includes('://') || /www\./i.test(t)) t = t.replace(URL_PATTERN, replaceUrl);
  if (t.includes('@')) t = t.replace(EMAIL_PATTERN, replaceEmail);
  if (/\d/.test(t)) {
    if (t.includes('.')) t = t.replace(IPV4_PATTERN, replaceIp);
    t = t.replace(CARD_PATTERN, replaceCard);
    if (t.includes('+')) t = t.replace(INTL_PHONE_PATTERN, replaceIntlPhone);
    t = t.replace(JP_PHONE_PATTERN, replaceJpPhone);
    t = t.replace(US_PHONE_PATTERN, replaceUsPhone);
    if (t.includes('〒')) t = t.replace(MARKED_POSTAL_PATTERN, replaceMarkedPostal);
    if (t.includes('-')) t = t.replace(BARE_POSTAL_PATTERN, replaceBarePostal);
  }
  active = {};
  return { text: t, counts };
}
