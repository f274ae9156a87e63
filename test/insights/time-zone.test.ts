import { describe, expect, it } from 'vitest';
import { checkTimeZone, localDayOf, utcStartOfLocalDay } from '../../src/time-zone.js';

describe('time zones', () => {
  it.each([
    ['2026-03-01T15:00:00.000Z', 'Asia/Tokyo', '2026-03-02'],
    ['2026-03-01T14:59:59.000Z', 'Asia/Tokyo', '2026-03-01'],
    ['2026-03-01T03:00:00.000Z', 'America/New_York', '2026-02-28'],
    // New York moves to daylight time on 2026-03-08: 04:30 UTC is 00:30 EDT on the 8th... of the 8th? 23:30 EST on the 7th
    ['2026-03-08T04:30:00.000Z', 'America/New_York', '2026-03-07'],
    ['2026-07-01T03:30:00.000Z', 'America/New_York', '2026-06-30'],
    ['2026-07-01T04:30:00.000Z', 'America/New_York', '2026-07-01'],
    ['2026-03-01T23:00:00.000Z', 'UTC', '2026-03-01'],
  ])('%s in %s is %s', (iso, zone, day) => {
    expect(localDayOf(iso, zone)).toBe(day);
  });

  it('finds the instant a local day begins, across daylight saving', () => {
    expect(utcStartOfLocalDay('2026-03-02', 'Asia/Tokyo')).toBe('2026-03-01T15:00:00.000Z');
    expect(utcStartOfLocalDay('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(utcStartOfLocalDay('2026-03-09', 'America/New_York')).toBe('2026-03-09T04:00:00.000Z');
  });

  it('names a bad zone', () => {
    expect(checkTimeZone('asia/tokyo')).toBe('Asia/Tokyo');
    expect(() => checkTimeZone('Tokyo')).toThrow(/unknown time zone "Tokyo"/);
  });
});
