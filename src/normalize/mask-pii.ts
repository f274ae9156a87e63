import type { PiiKind } from '../types.js';
import { PII_MASKERS, type PiiMasker } from './pii-maskers.js';

// Personal data is replaced by placeholders before anything is stored. Run on NFKC text (full-width digits and
// ＠ are then ASCII). The maskers (pii-maskers.ts) run in order, each a named candidate pattern plus a check, so
// that order numbers, dates, prices, versions and JAN codes stay. Their examples and look-alikes are checked
// when this module loads: a masker that stops masking its example, or starts masking a look-alike, fails at once.

export type PiiCounts = Partial<Record<PiiKind, number>>;

export const PII_PLACEHOLDERS: Readonly<Record<PiiKind, string>> = {
  EMAIL: '<EMAIL>',
  PHONE: '<PHONE>',
  CARD: '<CARD>',
  MYNUMBER: '<MYNUMBER>',
  POSTAL: '<POSTAL>',
  URL: '<URL>',
  IP: '<IP>',
  NAME: '<NAME>',
  ADDRESS: '<ADDRESS>',
};

/** Dash-like characters people put between digits: hyphen, ‐ ‑ ‒ – — ―, minus, katakana ー, full-width and small forms. */
const DASH_BETWEEN_DIGITS = /(?<=\d ?)[\u2010-\u2015\u2212\u30FC\uFF0D\uFE58\uFE63\uFF70\u2043](?= ?\d)/g;

/** The same text, same length, with dash-likes between digits written '-': patterns match one dash. */
const ANY_DASH_LIKE = /[\u2010-\u2015\u2212\u30FC\uFF0D\uFE58\uFE63\uFF70\u2043]/;

function viewOf(text: string): string {
  return ANY_DASH_LIKE.test(text) ? text.replace(DASH_BETWEEN_DIGITS, '-') : text;
}


function applyMasker(masker: PiiMasker, text: string, counts: PiiCounts, view = viewOf(text)): string {
  if (masker.needs && !masker.needs.test(text)) return text;
  const pattern = masker.pattern;
  pattern.lastIndex = 0;
  let out = '';
  let copied = 0;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(view)) !== null) {
    if (m[0] === '') {
      pattern.lastIndex++;
      continue;
    }
    const decision = masker.check ? masker.check(m, view) : true;
    if (decision === false) continue;
    const [from, to] = decision === true ? [0, m[0].length] : decision;
    const start = m.index + from;
    const end = m.index + to;
    if (end <= start || start < copied) continue;
    out += text.slice(copied, start) + PII_PLACEHOLDERS[masker.kind];
    copied = end;
    counts[masker.kind] = (counts[masker.kind] ?? 0) + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * Replaces personal data by placeholders: e-mail, phone, card, My Number, postal code, URL with a token, IP,
 * names where the text marks them (honorifics, titles, signatures, labels) and street addresses.
 */
export function maskPii(text: string): { text: string; counts: PiiCounts } {
  const counts: PiiCounts = {};
  // No shared pre-check: each masker's own `needs` decides, so a new masker cannot be skipped by a stale filter.
  let t = text;
  let view = viewOf(t);
  for (const masker of PII_MASKERS) {
    const next = applyMasker(masker, t, counts, view);
    // The view is made again only when a masker changed the text (most texts change under none).
    if (next !== t) {
      t = next;
      view = viewOf(t);
    }
  }
  return { text: t, counts };
}

/** Masks a string that may not be normalized yet (a metadata value, a label, a message): NFKC first. */
export function maskPiiLoose(value: string): string {
  return maskPii(value.normalize('NFKC')).text;
}

/** A message for a person or a log (stderr, runs.error, rejected_rows.reason): masked first, then cut. */
export function maskMessage(message: string, maxChars = Infinity): string {
  const masked = maskPiiLoose(message);
  return masked.length > maxChars ? masked.slice(0, maxChars - 1) + '…' : masked;
}

/** A masker whose example is not masked or whose look-alike is. */
export class PiiMaskerError extends Error {
  override name = 'PiiMaskerError';
}

/** Every example of every masker must be masked by it (its placeholder appears); every look-alike must survive. */
export function piiMaskerFailures(maskers: readonly PiiMasker[] = PII_MASKERS): string[] {
  const failures: string[] = [];
  const names = new Set<string>();
  for (const masker of maskers) {
    if (names.has(masker.name)) failures.push(`pii masker ${masker.name}: the name is used twice`);
    names.add(masker.name);
    if (!masker.pattern.global) failures.push(`pii masker ${masker.name}: the pattern needs the g flag`);
    if (masker.examples.length === 0) failures.push(`pii masker ${masker.name}: no examples`);
    for (const example of masker.examples) {
      const text = example.normalize('NFKC');
      const alone: PiiCounts = {};
      applyMasker(masker, text, alone);
      if (!alone[masker.kind]) failures.push(`pii masker ${masker.name}: example ${JSON.stringify(example)} is not masked`);
    }
    for (const lookAlike of masker.lookAlikes) {
      const text = lookAlike.normalize('NFKC');
      const masked = maskPii(text);
      if (masked.text !== text) {
        failures.push(`pii masker ${masker.name}: look-alike ${JSON.stringify(lookAlike)} became ${JSON.stringify(masked.text)}`);
      }
    }
  }
  return failures;
}

/** Checks the masker table at load, as the cue dictionaries are checked: a broken entry fails loudly. */
export function checkPiiMaskers(maskers: readonly PiiMasker[] = PII_MASKERS): void {
  const failures = piiMaskerFailures(maskers);
  if (failures.length > 0) throw new PiiMaskerError(failures.join('\n'));
}

if (!process.env.KOE_SKIP_PII_CHECK) checkPiiMaskers();
