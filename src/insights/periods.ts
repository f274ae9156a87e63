/** How time is bucketed: calendar day, ISO 8601 week (2026-W05, weeks start on Monday) or calendar month. */
export type Granularity = 'day' | 'week' | 'month';

export const GRANULARITIES: readonly Granularity[] = ['day', 'week', 'month'];

const DAY_MS = 86_400_000;

function parseDay(day: string): Date {
  const d = new Date(`${day.slice(0, 10)}T00:00:00.000Z`);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a date: "${day}"`);
  return d;
}

/** YYYY-MM-DD (UTC) of a Date. */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The day `n` days after `day` (negative n goes back). */
export function addDays(day: string, n: number): string {
  return dayOf(new Date(parseDay(day).getTime() + n * DAY_MS));
}

/** Whole days from `from` to `to` (both YYYY-MM-DD or ISO timestamps; only the day part counts). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / DAY_MS);
}

/** ISO 8601 week of a day: the week belongs to the year of its Thursday. */
export function isoWeekOf(day: string): string {
  const d = parseDay(day);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(d.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  const week = Math.floor((thursday.getTime() - jan1) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The period a day (or ISO timestamp, read in UTC) falls in. */
export function periodOf(dayOrIso: string, by: Granularity): string {
  const day = dayOrIso.slice(0, 10);
  if (by === 'day') return day;
  if (by === 'month') return day.slice(0, 7);
  return isoWeekOf(day);
}

/** First day of a period, e.g. 2026-W05 → 2026-01-26. */
export function periodStart(period: string, by: Granularity): string {
  if (by === 'day') return period;
  if (by === 'month') return `${period}-01`;
  const m = /^(\d{4})-W(\d{2})$/.exec(period);
  if (!m) throw new RangeError(`not an ISO week: "${period}"`);
  // Week 1 holds January 4th; step back to its Monday.
  const jan4 = `${m[1]}-01-04`;
  const jan4Weekday = (parseDay(jan4).getUTCDay() + 6) % 7;
  return addDays(jan4, -jan4Weekday + (Number(m[2]) - 1) * 7);
}

/** Every period from the one holding `fromDay` to the one holding `toDay`, in order, none skipped. */
export function periodSeries(fromDay: string, toDay: string, by: Granularity): string[] {
  if (fromDay.slice(0, 10) > toDay.slice(0, 10)) return [];
  const out: string[] = [];
  const last = periodOf(toDay, by);
  let day = periodStart(periodOf(fromDay, by), by);
  for (;;) {
    const p = periodOf(day, by);
    out.push(p);
    if (p === last) return out;
    if (by === 'day') day = addDays(day, 1);
    else if (by === 'week') day = addDays(day, 7);
    else {
      const [y, mo] = day.split('-').map(Number) as [number, number];
      day = dayOf(new Date(Date.UTC(y, mo, 1)));
    }
  }
}
