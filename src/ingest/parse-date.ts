// Dates as people export them: ISO 8601, 2026/11/24 13:05, 2026-11-24 13:05:00, 2026年11月24日, 20261124,
// epoch seconds (9–11 digits) and epoch milliseconds (13 digits); English month names (Sep 01, 2026,
// 1 September 2026, Tue, 01 Sep 2026 10:05:00 +0000) and any date-fns pattern given. Output is always ISO 8601 UTC.
import { createRequire } from 'node:module';
import type * as DateFns from 'date-fns';
import type * as EnUs from 'date-fns/locale/en-US';

// date-fns is loaded on the first date with letters in it or a --date-format: ISO-only inputs never need it.
const require = createRequire(import.meta.url);
let dateFns: { parse: typeof DateFns.parse; isValid: typeof DateFns.isValid; enUS: typeof EnUs.enUS } | null = null;
function loadDateFns(): NonNullable<typeof dateFns> {
  dateFns ??= {
    parse: (require('date-fns/parse') as typeof DateFns).parse,
    isValid: (require('date-fns/isValid') as typeof DateFns).isValid,
    enUS: (require('date-fns/locale/en-US') as typeof EnUs).enUS,
  };
  return dateFns;
}

const DATE_TIME =
  /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const JAPANESE_DATE =
  /^(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日(?:\s*\(.\))?(?:\s*(\d{1,2})(?::|時)\s*(\d{1,2})分?(?:(?::|\s*)(\d{1,2})秒?)?)?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const EPOCH_SECONDS = /^\d{9,11}(?:\.\d+)?$/;
const EPOCH_MILLIS = /^\d{13}$/;

/** Minutes east of UTC for `Z`, `UTC`, `+09:00`, `+0900` or `+09`; null when it is none of these. */
export function parseUtcOffset(zone: string): number | null {
  const z = zone.trim();
  if (/^(Z|UTC|GMT)$/i.test(z)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(z);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? '0');
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function toIso(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  offsetMinutes: number,
): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(local);
  // Date.UTC rolls 2026-02-30 over into March: a round trip catches days that do not exist.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return new Date(local - offsetMinutes * 60_000).toISOString();
}

/** English month-name layouts understood without a --date-format (App Store, e-mail and US exports). */
export const ENGLISH_DATE_PATTERNS: readonly string[] = [
  'MMM d, yyyy',
  'MMMM d, yyyy',
  'MMM d, yyyy h:mm a',
  'MMM d, yyyy h:mm:ss a',
  'MMM d, yyyy HH:mm',
  'MMM d, yyyy HH:mm:ss',
  'MMMM d, yyyy h:mm a',
  'd MMM yyyy',
  'd MMMM yyyy',
  'd MMM yyyy HH:mm',
  'd MMM yyyy HH:mm:ss',
  'd MMMM yyyy HH:mm',
  'MMMM d, yyyy HH:mm',
  'EEE, d MMM yyyy HH:mm:ss',
  'EEE MMM d yyyy HH:mm:ss',
];

const TRAILING_OFFSET = /\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})$/i;
const REFERENCE_DATE = new Date(2000, 0, 1);

/**
 * A date written with a date-fns pattern (English month and day names), in `defaultOffsetMinutes` unless it ends
 * with an offset (`+0900`, `GMT`). date-fns reads into local time: only its fields are used, so the machine's
 * time zone does not matter.
 */
export function parseDateWithPatterns(value: string, patterns: readonly string[], defaultOffsetMinutes: number): string | null {
  let v = value.trim();
  let offset = defaultOffsetMinutes;
  const zone = TRAILING_OFFSET.exec(v);
  if (zone) {
    const parsed = parseUtcOffset(zone[1]!);
    if (parsed !== null) {
      offset = parsed;
      v = v.slice(0, zone.index).trim();
    }
  }
  const { parse, isValid, enUS } = loadDateFns();
  for (const pattern of patterns) {
    const d = parse(v, pattern, REFERENCE_DATE, { locale: enUS });
    if (!isValid(d)) continue;
    return toIso(d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds(), offset);
  }
  return null;
}

const HAS_LETTER = /[a-z]/i;

/**
 * Parses a date or date-time into ISO 8601 UTC; `defaultOffsetMinutes` applies when the value has no offset.
 * `patterns` (date-fns, e.g. `MMM dd, yyyy`) are tried first. Returns null when the value is not a date this reader
 * understands.
 */
export function parseDate(value: string, defaultOffsetMinutes: number, patterns: readonly string[] = []): string | null {
  const v = value.trim();
  if (patterns.length > 0) {
    const parsed = parseDateWithPatterns(v, patterns, defaultOffsetMinutes);
    if (parsed !== null) return parsed;
  }
  let m = DATE_TIME.exec(v);
  if (m) {
    const offset = m[9] ? parseUtcOffset(m[9]) : defaultOffsetMinutes;
    if (offset === null) return null;
    const fraction = m[8] ? Math.floor(Number(`0.${m[8]}`) * 1000) : 0;
    return toIso(Number(m[1]), Number(m[3]), Number(m[4]), Number(m[5] ?? 0), Number(m[6] ?? 0), Number(m[7] ?? 0), fraction, offset);
  }
  m = JAPANESE_DATE.exec(v);
  if (m) {
    return toIso(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), 0, defaultOffsetMinutes);
  }
  m = COMPACT_DATE.exec(v);
  if (m) return toIso(Number(m[1]), Number(m[2]), Number(m[3]), 0, 0, 0, 0, defaultOffsetMinutes);
  if (EPOCH_MILLIS.test(v)) return new Date(Number(v)).toISOString();
  if (EPOCH_SECONDS.test(v)) return new Date(Math.round(Number(v) * 1000)).toISOString();
  if (HAS_LETTER.test(v)) return parseDateWithPatterns(v, ENGLISH_DATE_PATTERNS, defaultOffsetMinutes);
  return null;
}
