import { describe, expect, it } from 'vitest';
import { computeTrends } from '../../src/insights/trends.js';
import { createFixture } from './fixture-db.js';

// Week 2026-W10 (Mar 2–8) has three documents, W11 none, W12 (Mar 16–22) two.
function fixture() {
  return createFixture()
    .addThemes([{ id: 't1', label: '配送' }])
    .addDocs([
      { id: 'a', createdAt: '2026-03-02', theme: 't1', sentiment: 'negative', score: -0.8, channel: 'app', lang: 'ja' },
      { id: 'b', createdAt: '2026-03-04', theme: 't1', sentiment: 'positive', score: 0.4, channel: 'web', lang: 'ja' },
      { id: 'c', createdAt: '2026-03-05', sentiment: 'neutral', score: 0, channel: 'app', lang: 'en' },
      { id: 'd', createdAt: '2026-03-16', theme: 't1', sentiment: 'negative', score: -0.5, channel: 'app', lang: 'en' },
      { id: 'e', createdAt: '2026-03-22', sentiment: 'positive', score: 0.9, channel: 'web', lang: 'en' },
    ]);
}

describe('computeTrends', () => {
  it('per ISO week, empty weeks as 0', () => {
    const f = fixture();
    const r = computeTrends(f.db, { by: 'week' });
    expect(r.points.map((p) => [p.period, p.documents, p.negative])).toEqual([
      ['2026-W10', 3, 1],
      ['2026-W11', 0, 0],
      ['2026-W12', 2, 1],
    ]);
    expect(r.points[1]).toMatchObject({ share: 0, shareNegative: null, meanSentiment: null });
    expect(r.points[0]!.meanSentiment).toBeCloseTo(-0.4 / 3);
    f.close();
  });

  it('share of all feedback for a theme; volume for a channel', () => {
    const f = fixture();
    const theme = computeTrends(f.db, { by: 'week', themeId: 't1' }).points;
    expect(theme.map((p) => [p.documents, p.allDocuments])).toEqual([
      [2, 3],
      [0, 0],
      [1, 2],
    ]);
    expect(theme[0]!.share).toBeCloseTo(2 / 3);
    expect(theme[0]!.shareNegative).toBe(0.5);
    const app = computeTrends(f.db, { by: 'month', channel: 'app', lang: 'en' }).points;
    expect(app).toEqual([
      { period: '2026-03', documents: 2, allDocuments: 5, share: 0.4, negative: 1, shareNegative: 0.5, meanSentiment: -0.25 },
    ]);
    f.close();
  });

  it('since/until give the range, also beyond the data', () => {
    const f = fixture();
    const r = computeTrends(f.db, { by: 'day', since: '2026-03-21', until: '2026-03-24' });
    expect(r.points.map((p) => [p.period, p.documents])).toEqual([
      ['2026-03-21', 0],
      ['2026-03-22', 1],
      ['2026-03-23', 0],
      ['2026-03-24', 0],
    ]);
    f.close();
  });

  it('an empty database gives no points', () => {
    const f = createFixture();
    expect(computeTrends(f.db, { by: 'week' }).points).toEqual([]);
    f.close();
  });
});
