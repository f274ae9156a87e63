import { describe, expect, it } from 'vitest';
import { computeCxMetrics, computeMetrics, computeThemeImpact } from '../../src/insights/cx-metrics.js';
import { createFixture } from './fixture-db.js';

describe('computeCxMetrics (hand-computed)', () => {
  it.each([
    // 3 promoters, 2 passives, 5 detractors of 10 → (3 − 5) / 10 = −20
    ['mixed NPS', [10, 9, 9, 8, 7, 6, 5, 3, 0, 6].map((r) => ({ rating: r, scale: 'nps' })), { nps: -20, promoters: 3, passives: 2, detractors: 5 }],
    // all promoters → 100
    ['all promoters', [9, 10, 10].map((r) => ({ rating: r, scale: 'nps' })), { nps: 100, responses: 3 }],
    // no ratings → null, not 0 and not NaN
    ['no ratings', [], { nps: null, responses: 0 }],
    // a rating outside 0–10 and a csat rating are never counted as NPS
    ['wrong scale ignored', [{ rating: 11, scale: 'nps' }, { rating: 9, scale: 'csat' }, { rating: 4, scale: 'nps' }], { nps: -100, responses: 1 }],
  ])('%s', (_name, ratings, expected) => {
    expect(computeCxMetrics(ratings).nps).toMatchObject(expected);
  });

  it('CSAT is the share of 4–5 in percent; CES the mean of 1–7', () => {
    const m = computeCxMetrics([
      { rating: 5, scale: 'csat' },
      { rating: 4, scale: 'csat' },
      { rating: 3, scale: 'csat' },
      { rating: 1, scale: 'csat' },
      { rating: 2, scale: 'ces' },
      { rating: 5, scale: 'ces' },
      { rating: 9, scale: 'ces' }, // outside 1–7: not counted
      { rating: 5, scale: 'stars' }, // stars are not CSAT
      { rating: null, scale: 'csat' },
    ]);
    expect(m.csat).toEqual({ responses: 4, satisfied: 2, csat: 50 });
    expect(m.ces).toEqual({ responses: 2, ces: 3.5 });
    expect(m.stars).toEqual({ responses: 1, stars: 5 }); // averaged on their own scale
    expect(m.nps.nps).toBeNull();
  });
});

// Ten NPS responses: 4 promoters, 2 passives, 4 detractors → NPS 0.
// Detractors: 3 in "login" (t1), 1 in "price" (t2).
function fixture() {
  const docs = [
    { id: 'p1', rating: 10, theme: 't2', createdAt: '2026-03-02', channel: 'app' },
    { id: 'p2', rating: 9, theme: 't2', createdAt: '2026-03-02', channel: 'app' },
    { id: 'p3', rating: 9, theme: null, createdAt: '2026-03-03', channel: 'web' },
    { id: 'p4', rating: 10, theme: 't1', createdAt: '2026-03-10', channel: 'web' },
    { id: 's1', rating: 8, theme: 't1', createdAt: '2026-03-10', channel: 'web' },
    { id: 's2', rating: 7, theme: null, createdAt: '2026-03-10', channel: 'web' },
    { id: 'd1', rating: 3, theme: 't1', createdAt: '2026-03-11', channel: 'app' },
    { id: 'd2', rating: 0, theme: 't1', createdAt: '2026-03-11', channel: 'app' },
    { id: 'd3', rating: 6, theme: 't1', createdAt: '2026-03-12', channel: 'app' },
    { id: 'd4', rating: 5, theme: 't2', createdAt: '2026-03-12', channel: 'web' },
  ].map((d) => ({ ...d, ratingScale: 'nps' as const }));
  return createFixture()
    .addThemes([
      { id: 't1', label: 'ログイン' },
      { id: 't2', label: 'price' },
    ])
    .addDocs([
      ...docs,
      { id: 'c1', rating: 2, ratingScale: 'csat', theme: 't1', createdAt: '2026-03-12' },
      { id: 'c2', rating: 5, ratingScale: 'csat', theme: 't2', createdAt: '2026-03-12' },
    ]);
}

describe('computeMetrics', () => {
  it('overall and per week (empty weeks null)', () => {
    const f = fixture();
    const r = computeMetrics(f.db, { since: '2026-03-02', until: '2026-03-22' }, 'week');
    expect(r.overall.nps).toEqual({ responses: 10, promoters: 4, passives: 2, detractors: 4, nps: 0 });
    expect(r.overall.csat.csat).toBe(50);
    expect(r.groups.map((g) => [g.key, g.nps.nps])).toEqual([
      ['2026-W10', 100],
      ['2026-W11', (100 * (1 - 4)) / 7],
      ['2026-W12', null],
    ]);
    f.close();
  });

  it('per channel and per theme', () => {
    const f = fixture();
    const ch = computeMetrics(f.db, {}, 'channel').groups;
    // app: p1 p2 d1 d2 d3 → (2 − 3) / 5 = −20; web: p3 p4 s1 s2 d4 → (2 − 1) / 5 = 20
    expect(ch.map((g) => [g.key, g.nps.nps])).toEqual([
      ['app', -20],
      ['web', 20],
      ['(none)', null], // only CSAT ratings there
    ]);
    const th = computeMetrics(f.db, {}, 'theme').groups;
    expect(th.find((g) => g.key === 't1')).toMatchObject({ label: 'ログイン', nps: { responses: 5, nps: -40 } });
    expect(th.find((g) => g.key === '(none)')!.nps.responses).toBe(2);
    f.close();
  });
});

describe('computeThemeImpact', () => {
  it('NPS points gained if a theme’s detractors were passives, ranked, with counts', () => {
    const f = fixture();
    const impact = computeThemeImpact(f.db, 'nps');
    expect(impact.map((i) => [i.themeId, i.unhappy, i.responses, i.impact])).toEqual([
      ['t1', 3, 5, 30], // 3 of 10 detractors → NPS 0 → 30
      ['t2', 1, 3, 10],
    ]);
    expect(impact[0]).toMatchObject({ overall: 0, overallResponses: 10, score: -40 });
    f.close();
  });

  it('CSAT points gained if a theme’s unsatisfied responses were satisfied', () => {
    const f = fixture();
    expect(computeThemeImpact(f.db, 'csat').map((i) => [i.themeId, i.impact])).toEqual([
      ['t1', 50],
      ['t2', 0],
    ]);
    f.close();
  });
});
