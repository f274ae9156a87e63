import { describe, expect, it } from 'vitest';
import { parseDate, parseUtcOffset } from '../../src/ingest/index.js';

const JST = 9 * 60;

describe('parseDate', () => {
  const cases: [comment: string, input: string, expected: string | null][] = [
    ['ISO with offset ignores the default', '2026-11-24T13:05:00+09:00', '2026-11-24T04:05:00.000Z'],
    ['ISO with Z', '2026-11-24T04:05:00Z', '2026-11-24T04:05:00.000Z'],
    ['ISO with fraction and compact offset', '2026-11-24T13:05:00.250+0900', '2026-11-24T04:05:00.250Z'],
    ['ISO without offset uses the default', '2026-11-24T13:05', '2026-11-24T04:05:00.000Z'],
    ['slashes with minutes', '2026/11/24 13:05', '2026-11-24T04:05:00.000Z'],
    ['slashes, one-digit month and day', '2026/1/5', '2026-01-04T15:00:00.000Z'],
    ['date only is local midnight', '2026-11-24', '2026-11-23T15:00:00.000Z'],
    ['space-separated with seconds', '2026-11-24 13:05:00', '2026-11-24T04:05:00.000Z'],
    ['UTC suffix', '2026-11-24 04:05:00 UTC', '2026-11-24T04:05:00.000Z'],
    ['Japanese date and time', '2026年11月24日 13:05', '2026-11-24T04:05:00.000Z'],
    ['compact date', '20261124', '2026-11-23T15:00:00.000Z'],
    ['epoch seconds', '1795493100', '2026-11-24T04:05:00.000Z'],
    ['epoch milliseconds (13 digits)', '1795493100000', '2026-11-24T04:05:00.000Z'],
    ['surrounding spaces', '  2026/11/24  ', '2026-11-23T15:00:00.000Z'],
    ['no 30 February', '2026-02-30', null],
    ['29 February of a leap year', '2024-02-29', '2024-02-28T15:00:00.000Z'],
    ['no 29 February in 2100 (not a leap year)', '2100-02-29', null],
    ['29 February 2000 (divisible by 400)', '2000-02-29', '2000-02-28T15:00:00.000Z'],
    ['no 31 April', '2026-04-31', null],
    ['a two-digit year written with four digits is not read as 19xx', '0026-01-01', null],
    ['no hour 25', '2026-11-24 25:00', null],
    ['month 13', '2026/13/01', null],
    ['words', 'yesterday', null],
    ['US order is not guessed', '11/24/2026', null],
    ['mixed separators', '2026-11/24', null],
  ];
  for (const [comment, input, expected] of cases) {
    it(comment, () => {
      expect(parseDate(input, JST)).toBe(expected);
    });
  }

  it('parses offsets', () => {
    expect(parseUtcOffset('Z')).toBe(0);
    expect(parseUtcOffset('+09:00')).toBe(540);
    expect(parseUtcOffset('-05:30')).toBe(-330);
    expect(parseUtcOffset('JST')).toBeNull();
  });
});
