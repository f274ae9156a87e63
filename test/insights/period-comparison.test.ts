// "This week" against each theme's own baseline, with the counts behind every figure.
import { describe, expect, it } from 'vitest';
import { compareThemePeriods } from '../../src/insights/period-comparison.js';
import { createFixture, type FixtureDoc } from './fixture-db.js';

function docs(prefix: string, theme: string, days: string[], extra: Partial<FixtureDoc> = {}): FixtureDoc[] {
  return days.map((d, i) => ({ id: `${prefix}${i}`, theme, createdAt: d, ...extra }));
}

describe('compareThemePeriods', () => {
  it('ranks themes by change against their own baseline average and counts NPS impact with its responses', () => {
    const f = createFixture()
      .addThemes([{ id: 't1', label: 'steady' }, { id: 't2', label: 'spike' }, { id: 't3', label: 'new' }])
      // baseline: 4 weeks 2026-02-02 … 2026-03-01; period 2026-03-02 … 2026-03-08
      .addDocs(docs('s', 't1', ['2026-02-03', '2026-02-10', '2026-02-17', '2026-02-24', '2026-03-03']))
      .addDocs(docs('p', 't2', ['2026-02-03', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05'], { sentiment: 'negative', rating: 3, ratingScale: 'nps' }))
      .addDocs(docs('n', 't3', ['2026-03-06', '2026-03-07'], { rating: 10, ratingScale: 'nps' }));
    const c = compareThemePeriods(f.db, { since: '2026-03-02', until: '2026-03-08', minRatings: 2 });
    expect(c.baseline).toMatchObject({ since: '2026-02-02', until: '2026-03-01', periods: 4, documents: 5 });
    expect(c.period).toMatchObject({ documents: 7, negative: 4, days: 7 });
    expect(c.themes.map((t) => [t.themeId, t.count, t.baselineAverage, t.change])).toEqual([
      ['t2', 4, 0.25, 3.75],
      ['t3', 2, 0, 2],
      ['t1', 1, 1, 0],
    ]);
    const spike = c.themes[0]!;
    expect(spike.series).toEqual([1, 0, 0, 0, 4]);
    expect(spike.shareNegative).toBe(1);
    // 4 detractors of 6 NPS responses in the period: lifting them would add 100 × 4 / 6 points.
    expect(spike.nps).toEqual({ responses: 4, unhappy: 4, score: -100, impact: (100 * 4) / 6 });
    expect(c.themes[1]!.isNew).toBe(true);
    f.close();
  });

  it('drops impact figures behind fewer ratings than minRatings but keeps the counts', () => {
    const f = createFixture()
      .addThemes([{ id: 't1', label: 'x' }])
      .addDocs(docs('a', 't1', ['2026-03-02'], { rating: 2, ratingScale: 'nps' }));
    const c = compareThemePeriods(f.db, { since: '2026-03-02', until: '2026-03-08' });
    expect(c.themes[0]!.nps).toEqual({ responses: 1, unhappy: 1, score: null, impact: null });
    f.close();
  });

  it('reads the period in a time zone', () => {
    const f = createFixture()
      .addThemes([{ id: 't1', label: 'x' }])
      .addDocs([{ id: 'a', theme: 't1', createdAt: '2026-03-01T20:00:00.000Z' }]);
    expect(compareThemePeriods(f.db, { since: '2026-03-02', until: '2026-03-08' }).period.documents).toBe(0);
    expect(compareThemePeriods(f.db, { since: '2026-03-02', until: '2026-03-08', timeZone: 'Asia/Tokyo' }).period.documents).toBe(1);
    expect(() => compareThemePeriods(f.db, { since: '2026-03-09', until: '2026-03-08' })).toThrow(/after/);
    f.close();
  });
});
