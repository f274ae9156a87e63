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
  // Date.UTC would roll 2026-02-30 over into March and read year 26 as 1926: both are refused here.
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  // Every row has a date: written from the fields by day arithmetic rather than through two Date objects (a
  // seventh of the reader's time went to the Date round trip). Years outside 1000–9999 after the shift go the
  // long way (toISOString's six-digit form).
  let minutes = hour * 60 + minute - offsetMinutes;
  let days = daysFromCivil(year, month, day);
  const dayShift = Math.floor(minutes / 1440);
  days += dayShift;
  minutes -= dayShift * 1440;
  const [y, m, d] = civilFromDays(days);
  if (y < 1000 || y > 9999) return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000).toISOString();
  return `${y}-${pad2(m)}-${pad2(d)}T${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}:${pad2(second)}.${String(millis).padStart(3, '0')}Z`;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

// Days since 1970-01-01 of a proleptic Gregorian date and back: H. Hinnant, "chrono-Compatible Low-Level Date
// Algorithms" (public domain), integer arithmetic only.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of the proleptic Gregorian calendar (the one Date uses). */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1]!;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
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
