import { describe, expect, it } from 'vitest';
import { findEmerging } from '../../src/insights/emerging.js';
import { addDays } from '../../src/insights/periods.js';
import { createFixture, type FixtureDoc } from './fixture-db.js';

// 9 weeks ending Sunday 2026-03-29. Background: 20 unthemed documents a week.
// t1 "app crash": 2 a week throughout (steady). t2 "決済エラー": 2 a week, then 12 in the last week (grows).
// t3: nothing in the baseline, 3 in the last week (below the minimum count). t4: appeared in the latest run.
const LAST = '2026-03-29';
/** Customers put one problem in their own words (near-identical texts are quoted once). */
const PAYMENT_ERRORS = ['カード決済でエラーが出ます', '支払いボタンを押すとエラーになる', 'クレジットカードで払えません'];

function buildDocs(): FixtureDoc[] {
  const docs: FixtureDoc[] = [];
  for (let week = 0; week < 9; week++) {
    const recent = week === 8;
    const day = (i: number) => addDays(LAST, -(8 - week) * 7 - 6 + (i % 7));
    for (let i = 0; i < 20; i++) docs.push({ id: `bg-${week}-${i}`, createdAt: day(i) });
    for (let i = 0; i < 2; i++) docs.push({ id: `t1-${week}-${i}`, createdAt: day(i), theme: 't1' });
    const t2 = recent ? 12 : 2;
    for (let i = 0; i < t2; i++) {
      docs.push({
        id: `t2-${week}-${i}`,
        createdAt: day(i),
        theme: 't2',
        lang: 'ja',
        sentiment: 'negative',
        text: `${PAYMENT_ERRORS[i % PAYMENT_ERRORS.length]} <script>${i}</script>`,
        themeScore: i / 20,
      });
    }
    if (recent) for (let i = 0; i < 3; i++) docs.push({ id: `t3-${i}`, createdAt: day(i), theme: 't3' });
  }
  docs.push({ id: 't4-0', createdAt: LAST, theme: 't4' });
  return docs;
}

function fixture() {
  const f = createFixture()
    .addThemes([
      { id: 't1', label: 'app crash' },
      { id: 't2', label: '決済エラー' },
      { id: 't3', label: 'tiny' },
      { id: 't4', label: 'new theme' },
    ])
    .addDocs(buildDocs());
  f.addThemeChange(f.runId, 't1', 'appeared');
  const run2 = f.newRun();
  f.addThemeChange(run2, 't4', 'appeared').addThemeChange(run2, 't2', 'grew', 18, 28);
  return f;
}

describe('findEmerging', () => {
  it('finds the theme that grows in the last week, with its numbers and two quotes', () => {
    const f = fixture();
    const r = findEmerging(f.db);
    expect(r.asOf).toBe(LAST);
    expect(r.window).toEqual({ from: '2026-03-23', to: LAST, documents: 20 + 2 + 12 + 3 + 1 });
    expect(r.baseline).toMatchObject({ from: '2026-01-26', to: '2026-03-22', documents: 8 * 24 });
    expect(r.emerging.map((e) => e.themeId)).toEqual(['t2']);
    const t2 = r.emerging[0]!;
    expect(t2.windowCount).toBe(12);
    expect(t2.baselineCount).toBe(16);
    expect(t2.expected).toBeCloseTo((16 * 38) / 192);
    expect(t2.ratio).toBeCloseTo(12 / ((16 * 38) / 192));
    expect(t2.qValue).toBeLessThan(0.05);
    expect(t2.quotes).toHaveLength(2);
    expect(t2.quotes[0]!.docId).toBe('t2-8-11'); // most central first
    f.close();
  });

  it('does not flag steady or tiny themes', () => {
    const f = fixture();
    const r = findEmerging(f.db);
    const byId = new Map(r.tested.map((t) => [t.themeId, t]));
    expect(byId.get('t1')).toMatchObject({ windowCount: 2, baselineCount: 16, emerging: false });
    expect(byId.get('t1')!.pValue).toBeGreaterThan(0.3);
    // three documents with no baseline are significant by the test, but below the minimum count
    expect(byId.get('t3')).toMatchObject({ windowCount: 3, baselineCount: 0, ratio: null, emerging: false });
    f.close();
  });

  it('lists themes that appeared in the latest run', () => {
    const f = fixture();
    expect(findEmerging(f.db).newThemes.map((t) => [t.themeId, t.runId, t.windowCount])).toEqual([['t4', 2, 1]]);
    f.close();
  });

  it('after the first run every theme "appeared": none is listed as new', () => {
    const f = createFixture().addThemes([{ id: 't1', label: 'x' }]).addDocs([{ id: 'a', theme: 't1' }]);
    f.addThemeChange(f.runId, 't1', 'appeared');
    expect(findEmerging(f.db).newThemes).toEqual([]);
    f.close();
  });

  it('options: --as-of moves the window; a lower min count lets t3 through', () => {
    const f = fixture();
    const earlier = findEmerging(f.db, { asOf: '2026-03-22' });
    expect(earlier.window!.from).toBe('2026-03-16');
    expect(earlier.emerging).toEqual([]);
    expect(findEmerging(f.db, { minCount: 3 }).emerging.map((e) => e.themeId).sort()).toEqual(['t2', 't3']);
    f.close();
  });

  it('an empty database: nothing emerges, no error', () => {
    const f = createFixture();
    const r = findEmerging(f.db);
    expect(r).toMatchObject({ asOf: null, window: null, emerging: [], newThemes: [] });
    f.close();
  });
});
