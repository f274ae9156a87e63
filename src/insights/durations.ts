import { InsightOptionError } from './insight-error.js';

/** Days in a duration written `7d` or `8w` (months vary in length, so they are not accepted). */
export function parseDurationDays(text: string, option = 'duration'): number {
  const m = /^(\d+)\s*([dw])$/i.exec(text.trim());
  if (!m || Number(m[1]) <= 0) {
    throw new InsightOptionError(`--${option} takes a number of days or weeks like 7d or 8w, got "${text}"`);
  }
  return Number(m[1]) * (m[2]!.toLowerCase() === 'w' ? 7 : 1);
}

/** A YYYY-MM-DD day option, checked. */
export function parseDayOption(text: string, option: string): string {
  const day = text.trim().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day))) {
    throw new InsightOptionError(`--${option} takes a date YYYY-MM-DD, got "${text}"`);
  }
  return day;
}
