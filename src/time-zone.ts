// Local days in a named time zone (IANA, e.g. Asia/Tokyo). Stored times are UTC; a support lead's "Monday" is a
// local one: 168 of the 1,526 sample documents fall on another day in JST than in UTC. Offsets are looked up once
// per UTC hour (Intl is slow per call), which stays right across daylight-saving changes.
import type { Database as Db } from 'better-sqlite3';

/** A bad time zone or day given by a person: the message says what is wrong (a usage error, HTTP 400). */
export class TimeZoneError extends RangeError {
  override name = 'TimeZoneError';
}

export const UTC = 'UTC';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's canonical name, or an InsightOptionError naming the bad value. */
export function checkTimeZone(zone: string | null | undefined): string {
  if (zone === null || zone === undefined || zone === '' || zone.toUpperCase() === 'UTC') return UTC;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new TimeZoneError(`unknown time zone "${zone}" (an IANA name such as Asia/Tokyo, Europe/London or UTC)`);
  }
}

function formatterOf(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

const offsetCache = new Map<string, number>();

/** Minutes the zone is ahead of UTC at the instant `ms`. */
export function offsetMinutes(zone: string, ms: number): number {
  if (zone === UTC) return 0;
  const hourKey = `${zone}|${Math.floor(ms / 3_600_000)}`;
  const cached = offsetCache.get(hourKey);
  if (cached !== undefined) return cached;
  const parts = Object.fromEntries(formatterOf(zone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  const minutes = Math.round((asUtc - Math.floor(ms / 60_000) * 60_000) / 60_000);
  if (offsetCache.size > 200_000) offsetCache.clear();
  offsetCache.set(hourKey, minutes);
  return minutes;
}

/** The local day (YYYY-MM-DD) of an ISO 8601 UTC timestamp; a bare day is returned as it is. */
export function localDayOf(iso: string, zone: string): string {
  if (zone === UTC || iso.length <= 10) return iso.slice(0, 10);
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso.slice(0, 10);
  return new Date(ms + offsetMinutes(zone, ms) * 60_000).toISOString().slice(0, 10);
}

/** The UTC instant (ISO 8601) at which the local day `day` begins in `zone`. */
export function utcStartOfLocalDay(day: string, zone: string): string {
  const midnightAsUtc = Date.parse(`${day.slice(0, 10)}T00:00:00.000Z`);
  if (Number.isNaN(midnightAsUtc)) throw new TimeZoneError(`not a date: "${day}"`);
  if (zone === UTC) return new Date(midnightAsUtc).toISOString();
  // Two passes: the offset at the guessed instant, then at the corrected one (differs only across a DST change).
  let guess = midnightAsUtc - offsetMinutes(zone, midnightAsUtc) * 60_000;
  guess = midnightAsUtc - offsetMinutes(zone, guess) * 60_000;
  return new Date(guess).toISOString();
}

const registered = new WeakSet<Db>();

/**
 * Registers `koe_local_day(created_at, zone)` on a connection, for SQL that groups by local day. UTC callers use
 * plain `substr(created_at, 1, 10)` instead (see localDaySql), which SQLite evaluates faster.
 */
export function registerTimeFunctions(db: Db): void {
  if (registered.has(db)) return;
  db.function('koe_local_day', { deterministic: true }, (iso: unknown, zone: unknown) =>
    typeof iso === 'string' ? localDayOf(iso, typeof zone === 'string' ? zone : UTC) : null,
  );
  registered.add(db);
}

/** SQL for the local day of a timestamp column in `zone`; binds nothing (the zone was checked by checkTimeZone). */
export function localDaySql(db: Db, column: string, zone: string | null | undefined): string {
  const z = checkTimeZone(zone);
  if (z === UTC) return `substr(${column}, 1, 10)`;
  registerTimeFunctions(db);
  return `koe_local_day(${column}, '${z.replace(/'/g, "''")}')`;
}

/**
 * The lower bound for "created on or after local day `day`" in plain ISO comparisons: the day itself in UTC
 * (as before time zones, so the created_at index is used the same way), else the UTC instant the local day begins.
 */
export function dayBound(day: string, zone: string | null | undefined): string {
  const z = checkTimeZone(zone);
  return z === UTC ? day.slice(0, 10) : utcStartOfLocalDay(day, z);
}
