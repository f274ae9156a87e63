import type { PiiKind } from '../types.js';
import { F, meetsRequirements, PII_MASKERS, textShape, type PiiMasker, type TextShape } from './pii-maskers.js';

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

function viewOf(text: string, shape: TextShape): string {
  // The same text, same length, with dash-likes between digits written '-': patterns match one dash.
  return shape.classes & F.DASH_LIKE ? text.replace(DASH_BETWEEN_DIGITS, '-') : text;
}

function applyMasker(masker: PiiMasker, text: string, counts: PiiCounts, shape = textShape(text), view = viewOf(text, shape)): string {
  if (masker.requires && !meetsRequirements(shape, masker.requires)) return text;
  if (masker.needs && !masker.needs.test(text)) return text;
  return runMasker(masker, text, counts, view);
}

/** The masker's pattern and check over a text that meets its requirements and needs. */
function runMasker(masker: PiiMasker, text: string, counts: PiiCounts, view: string): string {
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
export function maskPii(text: string, maskers: readonly PiiMasker[] = PII_MASKERS): { text: string; counts: PiiCounts } {
  const counts: PiiCounts = {};
  // No shared filter before the maskers (a new masker could be skipped by a stale one): each masker's own
  // `requires`, then its `needs`, decides. One pass over the text (textShape) answers every `requires`; they are
  // read from flat arrays here because most texts skip most maskers and the skipping is the hot loop.
  const plan = planOf(maskers);
  let t = text;
  let shape = textShape(t);
  let view = viewOf(t, shape);
  for (let i = 0; i < maskers.length; i++) {
    const all = plan.all[i]!;
    const any = plan.any[i]!;
    if ((shape.classes & all) !== all || (any !== 0 && (shape.classes & any) === 0)) continue;
    if (shape.digits < plan.digits[i]! || shape.digitRun < plan.digitRun[i]!) continue;
    // The requirements were just read from the plan: only the masker's needs remain before its pattern runs.
    const masker = maskers[i]!;
    if (masker.needs && !masker.needs.test(t)) continue;
    const next = runMasker(masker, t, counts, view);
    // Shape and view are made again only when a masker changed the text (most texts change under none).
    if (next !== t) {
      t = next;
      shape = textShape(t);
      view = viewOf(t, shape);
    }
  }
  return { text: t, counts };
}

/** The maskers' requirements as flat arrays (made once per masker table). */
interface MaskerPlan {
  all: Int32Array;
  any: Int32Array;
  digits: Int32Array;
  digitRun: Int32Array;
}

const plans = new WeakMap<readonly PiiMasker[], MaskerPlan>();

let lastPlan: { maskers: readonly PiiMasker[]; plan: MaskerPlan } | null = null;

function planOf(maskers: readonly PiiMasker[]): MaskerPlan {
  // Every call passes the same table (PII_MASKERS): remembered without a WeakMap lookup.
  if (lastPlan !== null && lastPlan.maskers === maskers) return lastPlan.plan;
  let plan = plans.get(maskers);
  if (plan === undefined) {
    plan = { all: new Int32Array(maskers.length), any: new Int32Array(maskers.length), digits: new Int32Array(maskers.length), digitRun: new Int32Array(maskers.length) };
    maskers.forEach((masker, i) => {
      plan!.all[i] = masker.requires?.all ?? 0;
      plan!.any[i] = masker.requires?.any ?? 0;
      plan!.digits[i] = masker.requires?.digits ?? 0;
      plan!.digitRun[i] = masker.requires?.digitRun ?? 0;
    });
    plans.set(maskers, plan);
  }
  lastPlan = { maskers, plan };
  return plan;
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
