import { describe, expect, it } from 'vitest';
import { isoWeekOf, periodSeries, periodStart } from '../../src/insights/periods.js';
import { parseDurationDays } from '../../src/insights/durations.js';

describe('ISO 8601 weeks', () => {
  it.each([
    // Thursday 1 Jan 2026: week 1 of 2026
    ['2026-01-01', '2026-W01'],
    // Monday 29 Dec 2025 already belongs to 2026-W01
    ['2025-12-29', '2026-W01'],
    // Sunday 3 Jan 2021 still belongs to 2020-W53
    ['2021-01-03', '2020-W53'],
    // an ordinary week
    ['2026-01-26', '2026-W05'],
  ])('%s is in %s', (day, week) => {
    expect(isoWeekOf(day)).toBe(week);
  });

  it('finds the Monday a week starts on', () => {
    expect(periodStart('2026-W01', 'week')).toBe('2025-12-29');
    expect(periodStart('2020-W53', 'week')).toBe('2020-12-28');
  });
});

describe('period series', () => {
  it('lists every period, none skipped, across a year end', () => {
    expect(periodSeries('2025-12-20', '2026-01-10', 'week')).toEqual(['2025-W51', '2025-W52', '2026-W01', '2026-W02']);
    expect(periodSeries('2025-11-30', '2026-02-01', 'month')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(periodSeries('2026-02-27', '2026-03-01', 'day')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(periodSeries('2026-03-01', '2026-02-01', 'day')).toEqual([]);
  });
});

describe('durations', () => {
  it('reads days and weeks, refuses the rest', () => {
    expect(parseDurationDays('7d')).toBe(7);
    expect(parseDurationDays('8w')).toBe(56);
    expect(() => parseDurationDays('1m', 'window')).toThrow(/--window takes .* like 7d or 8w, got "1m"/);
    expect(() => parseDurationDays('0d')).toThrow();
  });
});
