import type { Lang } from '../types.js';

// Sentence ends: 。 ! ? (NFKC has turned ！？ into !?) and line breaks in any language; '.' when a space, the end,
// or a Japanese character follows and the word before is not an abbreviation (Mr., e.g., U.S.) — so v4.2, 3.5
// and example.com never split. Closing brackets and quotes after the end stay with their sentence, and nothing
// inside 「…」『…』(…) splits: 「最高！」と言われた is one sentence.

const OPEN_TO_CLOSE = new Map<number, string>([
  [0x300c, '」'], // 「
  [0x300e, '』'], // 『
  [0x28, ')'],
  [0x3010, '】'], // 【
  [0x5b, ']'],
  [0x3014, '〕'], // 〔
  [0x201c, '”'], // “
  [0x300a, '》'], // 《
  [0x3008, '〉'], // 〈
]);
const CLOSERS = new Set([0x300d, 0x300f, 0x29, 0x3011, 0x5d, 0x3015, 0x201d, 0x300b, 0x3009, 0x22, 0x27, 0x2019]);
const FULL_STOP = 0x3002; // 。
const PERIOD = 0x2e;
const BANG = 0x21;
const QUESTION = 0x3f;
const NEWLINE = 0x0a;
/** A bracket that does not close within this many characters is treated as a stray character. */
const MAX_BRACKET_SPAN = 200;

const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof sr jr st vs etc e.g i.e eg ie inc ltd co corp no nos approx appt min max fig dept est ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun ca cf al u.s u.k u.s.a a.m p.m ' +
    'am pm ver vol ext tel'
  ).split(' '),
);

function isTerminator(c: number): boolean {
  return c === FULL_STOP || c === BANG || c === QUESTION || c === PERIOD;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x3000;
}

/** Is the word (letters and inner dots) just before position `end` an abbreviation or an initial? */
function abbreviationBefore(text: string, end: number): boolean {
  let k = end;
  while (k > 0) {
    const c = text.charCodeAt(k - 1);
    if (isAsciiAlnum(c) || c === PERIOD) k--;
    else break;
  }
  if (k === end) return false;
  const word = text.slice(k, end);
  if (end - k === 1) return /[A-Z]/.test(word); // an initial: J. Smith
  if (ABBREVIATIONS.has(word.toLowerCase())) return true;
  return /^(?:[a-z]\.)+[a-z]$/i.test(word); // U.S, e.g, i.e
}

/** Should the run of end marks text[i, j) end a sentence? */
function endsSentence(text: string, i: number, j: number, lang: Lang): boolean {
  const n = text.length;
  let hasFullStop = false;
  let periods = 0;
  for (let k = i; k < j; k++) {
    const c = text.charCodeAt(k);
    if (c === FULL_STOP) hasFullStop = true;
    else if (c === PERIOD) periods++;
  }
  if (hasFullStop) return true;
  const singlePeriod = periods === 1 && j - i === 1;
  const next = j < n ? text.charCodeAt(j) : -1;
  if (next === -1 || next === NEWLINE || CLOSERS.has(next)) return !(singlePeriod && abbreviationBefore(text, i));
  // v4.2, example.com, Yahoo!Japan, ?id=
  if (isAsciiAlnum(next) || next === 0x2c || next === 0x2d || next === 0x2f || next === 0x5f) return false;
  if (isSpace(next)) {
    if (singlePeriod) return !abbreviationBefore(text, i);
    if (periods === j - i) {
      // An ellipsis ends a sentence only when a new one visibly starts (not before a lower-case word).
      let k = j;
      while (k < n && isSpace(text.charCodeAt(k))) k++;
      const after = k < n ? text.charCodeAt(k) : -1;
      return lang === 'ja' || !(after >= 0x61 && after <= 0x7a);
    }
    return true;
  }
  return next >= 0x3000 && next < 0xd800; // a Japanese character right after the mark
}

/** Splits text (normalized) into trimmed, non-empty sentences. */
export function splitSentences(text: string, lang: Lang): string[] {
  const out: string[] = [];
  const n = text.length;
  const expected: string[] = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) {
      pushTrimmed(out, text, start, i);
      start = i + 1;
      expected.length = 0;
      continue;
    }
    const close = OPEN_TO_CLOSE.get(c);
    if (close !== undefined) {
      const found = text.indexOf(close, i + 1);
      if (found !== -1 && found - i <= MAX_BRACKET_SPAN) expected.push(close);
      continue;
    }
    if (expected.length > 0) {
      if (text[i] === expected[expected.length - 1]) expected.pop();
      continue;
    }
    if (!isTerminator(c)) continue;
    // The whole run of end marks: "!?", "。。", "...".
    let j = i + 1;
    while (j < n && isTerminator(text.charCodeAt(j))) j++;
    if (endsSentence(text, i, j, lang)) {
      while (j < n && CLOSERS.has(text.charCodeAt(j))) j++;
      pushTrimmed(out, text, start, j);
      start = j;
    }
    i = j - 1;
  }
  pushTrimmed(out, text, start, n);
  return out;
}

function pushTrimmed(out: string[], text: string, start: number, end: number): void {
  if (end <= start) return;
  const s = text.slice(start, end).trim();
  if (s) out.push(s);
}
