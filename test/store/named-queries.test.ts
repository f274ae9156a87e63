import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  QUERIES_DIR,
  namedQueriesMarkdown,
  bindParams,
  getNamedQuery,
  listNamedQueries,
  NamedQueryError,
  parseParamArgs,
  runNamedQuery,
} from '../../src/store/named-queries.js';
import { createFixture, type Fixture } from '../insights/fixture-db.js';

// Three active themes and one ignored, over two ISO weeks (2026-W10 = Mar 2–8, W11 = Mar 9–15).
function buildFixture(): Fixture {
  return createFixture()
    .addThemes([
      { id: 't1', label: 'ログインできない' },
      { id: 't2', label: 'delivery delay' },
      { id: 't3', label: 'dark mode' },
      { id: 't4', label: 'noise', status: 'ignored' },
    ])
    .addDocs([
      { id: 'd1', theme: 't1', createdAt: '2026-03-02', sentiment: 'negative', kind: 'bug', channel: 'app', product: 'A', lang: 'ja', text: 'ログインできません', rating: 2, ratingScale: 'nps', stage: 'use', touchpoint: 'app' },
      { id: 'd2', theme: 't1', createdAt: '2026-03-03', sentiment: 'negative', kind: 'bug', channel: 'app', product: 'A', lang: 'ja', text: 'またログインエラー', rating: 9, ratingScale: 'nps', stage: 'use', touchpoint: 'app', themeScore: 0.9 },
      { id: 'd3', theme: 't1', createdAt: '2026-03-10', sentiment: 'neutral', kind: 'question', channel: 'web', product: 'A', lang: 'ja', text: 'ログイン方法は?', stage: 'onboarding', touchpoint: 'web' },
      { id: 'd4', theme: 't2', createdAt: '2026-03-10', sentiment: 'negative', kind: 'complaint', channel: 'email', product: 'B', text: 'parcel was late', rating: 8, ratingScale: 'nps', stage: 'delivery', touchpoint: 'delivery' },
      { id: 'd5', theme: 't2', createdAt: '2026-03-11', sentiment: 'positive', kind: 'praise', channel: 'email', product: 'B', text: 'arrived early, thanks', rating: 10, ratingScale: 'nps', stage: 'delivery' },
      { id: 'd6', theme: 't3', createdAt: '2026-03-12', sentiment: 'neutral', kind: 'feature_request', channel: 'app', product: 'A', text: 'please add dark mode', alsoThemes: ['t1'] },
      { id: 'd7', theme: 't3', createdAt: '2026-03-13', sentiment: 'positive', kind: 'feature_request', channel: 'app', product: 'A', text: 'dark mode would be great', themeScore: 0.95 },
      { id: 'd8', theme: 't4', createdAt: '2026-03-13', sentiment: 'negative', kind: 'other', channel: 'web', text: 'asdf' },
      { id: 'd9', theme: null, createdAt: '2026-03-14', sentiment: 'positive', kind: 'praise', channel: null, product: null, text: 'love it', rating: 5, ratingScale: 'csat' },
    ]);
}

describe('named queries: the catalogue', () => {
  it('every query documents its params and columns, and declares exactly the :params its SQL uses', () => {
    const queries = listNamedQueries();
    expect(queries.length).toBeGreaterThanOrEqual(8);
    for (const q of queries) {
      expect(q.summary, q.name).not.toBe('');
      expect(q.columns.length, q.name).toBeGreaterThan(0);
      const body = q.sql
        .split('\n')
        .filter((l) => !l.startsWith('--'))
        .join('\n');
      const used = new Set([...body.matchAll(/:([a-z_][a-z0-9_]*)/g)].map((m) => m[1]));
      expect([...used].sort(), q.name).toEqual(q.params.map((p) => p.name).sort());
    }
  });

  it('declared columns match the columns SQLite returns', () => {
    const f = buildFixture();
    for (const q of listNamedQueries()) {
      const given = Object.fromEntries(q.params.filter((p) => p.required).map((p) => [p.name, 't1']));
      const result = runNamedQuery(f.db, q.name, given);
      expect(result.columns, q.name).toEqual(q.columns.map((c) => c.name));
    }
    f.close();
  });
});

describe('named queries: parameters', () => {
  const query = () => getNamedQuery('theme-trend');

  it.each([
    // a required parameter left out is named, with how to give it
    [{}, /missing parameter theme.*--param theme=VALUE/],
    // an unknown parameter lists the valid ones
    [{ theme: 't1', colour: 'red' }, /unknown parameter colour; its parameters: theme, period, since, until/],
    // enumerations are checked
    [{ theme: 't1', period: 'year' }, /period must be one of day, week, month/],
    // dates are checked
    [{ theme: 't1', since: '2026/06/01' }, /since must be a date YYYY-MM-DD/],
  ])('refuses %o', (given, message) => {
    expect(() => bindParams(query(), given)).toThrow(NamedQueryError);
    expect(() => bindParams(query(), given)).toThrow(message);
  });

  it('fills defaults and converts ints', () => {
    expect(bindParams(getNamedQuery('top-negative-themes'), { limit: '3' })).toEqual({
      since: '0000-01-01',
      until: '9999-12-31',
      min_count: 5,
      limit: 3,
    });
  });

  it('refuses an unknown query, listing the known ones', () => {
    expect(() => getNamedQuery('nope')).toThrow(/unknown query "nope"; known queries: .*theme-trend/);
  });

  it('binds values: SQL in a value is data, not code', () => {
    const f = buildFixture();
    const evil = "t1' OR 1=1 --";
    expect(runNamedQuery(f.db, 'theme-examples', { theme: evil }).rows).toEqual([]);
    expect(f.db.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: 9 });
    f.close();
  });

  it('parses NAME=VALUE pairs from the command line', () => {
    expect(parseParamArgs(['since=2026-06-01', 'theme=a=b'])).toEqual({ since: '2026-06-01', theme: 'a=b' });
    expect(() => parseParamArgs(['since'])).toThrow(/NAME=VALUE/);
  });
});

describe('named queries: results on a fixture', () => {
  let f: Fixture;
  beforeEach(() => {
    f = buildFixture();
  });
  afterEach(() => f.close());

  it('theme-trend: per ISO week, primary theme only', () => {
    const { rows } = runNamedQuery(f.db, 'theme-trend', { theme: 't1' });
    expect(rows).toEqual([
      { period: '2026-W10', documents: 2, negative: 2, share_negative: 1, mean_sentiment: -0.6 },
      { period: '2026-W11', documents: 1, negative: 0, share_negative: 0, mean_sentiment: 0 },
    ]);
    // by day and restricted to a range
    const days = runNamedQuery(f.db, 'theme-trend', { theme: 't1', period: 'day', since: '2026-03-03' }).rows;
    expect(days.map((r) => r.period)).toEqual(['2026-03-03', '2026-03-10']);
  });

  it('sentiment-trend: counts by label, filtered by channel', () => {
    const { rows } = runNamedQuery(f.db, 'sentiment-trend', { period: 'month' });
    expect(rows).toEqual([
      { period: '2026-03', documents: 9, positive: 3, neutral: 2, negative: 4, share_negative: 0.4444, mean_sentiment: -0.0667 },
    ]);
    const app = runNamedQuery(f.db, 'sentiment-trend', { period: 'week', channel: 'app' }).rows;
    expect(app.map((r) => [r.period, r.documents])).toEqual([
      ['2026-W10', 2],
      ['2026-W11', 2],
    ]);
  });

  it('theme-by-channel: active themes only, share within the theme', () => {
    const { rows } = runNamedQuery(f.db, 'theme-by-channel');
    expect(rows.filter((r) => r.theme_id === 't1')).toEqual([
      { theme_id: 't1', theme_label: 'ログインできない', channel: 'app', documents: 2, share_of_theme: 0.6667, share_negative: 1 },
      { theme_id: 't1', theme_label: 'ログインできない', channel: 'web', documents: 1, share_of_theme: 0.3333, share_negative: 0 },
    ]);
    expect(rows.some((r) => r.theme_id === 't4')).toBe(false);
  });

  it('kind-by-product: a missing product shows as (none)', () => {
    const { rows } = runNamedQuery(f.db, 'kind-by-product');
    expect(rows.filter((r) => r.product === 'A')).toEqual([
      { product: 'A', kind: 'bug', documents: 2, share_of_product: 0.4 },
      { product: 'A', kind: 'feature_request', documents: 2, share_of_product: 0.4 },
      { product: 'A', kind: 'question', documents: 1, share_of_product: 0.2 },
    ]);
    expect(rows.filter((r) => r.product === '(none)').map((r) => [r.kind, r.documents])).toEqual([
      ['other', 1],
      ['praise', 1],
    ]);
  });

  it('top-negative-themes: ranked by negatives, min_count respected', () => {
    const { rows } = runNamedQuery(f.db, 'top-negative-themes', { min_count: '2' });
    expect(rows.map((r) => [r.theme_id, r.negative, r.documents])).toEqual([
      ['t1', 2, 3],
      ['t2', 1, 2],
      ['t3', 0, 2],
    ]);
    expect(runNamedQuery(f.db, 'top-negative-themes', { min_count: '3' }).rows.map((r) => r.theme_id)).toEqual(['t1']);
  });

  it('followups: negative, detractor or bug/complaint; done ones hidden; age to as_of', () => {
    const open = runNamedQuery(f.db, 'followups', { as_of: '2026-03-20' }).rows;
    expect(open.map((r) => [r.doc_id, r.reasons, r.age_days])).toEqual([
      ['d1', 'negative detractor bug', 18],
      ['d2', 'negative bug', 17],
      ['d4', 'negative complaint', 10],
      ['d8', 'negative', 7],
    ]);
    f.db.prepare(`INSERT INTO followups (doc_id, done_at) VALUES ('d1', '2026-03-21T00:00:00Z')`).run();
    expect(runNamedQuery(f.db, 'followups', { as_of: '2026-03-20' }).rows.map((r) => r.doc_id)).toEqual(['d2', 'd4', 'd8']);
    expect(runNamedQuery(f.db, 'followups', { status: 'done' }).rows.map((r) => r.doc_id)).toEqual(['d1']);
  });

  it('feature-requests: themes by request count, with the most central example', () => {
    const { rows } = runNamedQuery(f.db, 'feature-requests');
    expect(rows).toEqual([
      { theme_id: 't3', theme_label: 'dark mode', requests: 2, documents: 2, share_requests: 1, example: 'dark mode would be great' },
    ]);
  });

  it('theme-examples: any rank, primary and central first, filter by sentiment', () => {
    const all = runNamedQuery(f.db, 'theme-examples', { theme: 't1' }).rows;
    expect(all.map((r) => r.doc_id)).toEqual(['d2', 'd1', 'd3', 'd6']);
    const neg = runNamedQuery(f.db, 'theme-examples', { theme: 't1', sentiment: 'negative', limit: '1' }).rows;
    expect(neg).toEqual([
      { doc_id: 'd2', source_id: 'src-d2', created_at: '2026-03-03T12:00:00.000Z', lang: 'ja', sentiment_label: 'negative', kind: 'bug', score: 0.9, text: 'またログインエラー' },
    ]);
  });

  it('nps-by-channel: nps-scale ratings only', () => {
    const { rows } = runNamedQuery(f.db, 'nps-by-channel');
    expect(rows).toEqual([
      { channel: 'app', responses: 2, promoters: 1, passives: 0, detractors: 1, nps: 0 },
      { channel: 'email', responses: 2, promoters: 1, passives: 1, detractors: 0, nps: 50 },
    ]);
  });

  it('journey-sentiment: worst stage first', () => {
    const { rows } = runNamedQuery(f.db, 'journey-sentiment');
    expect(rows[0]).toMatchObject({ step: 'use', documents: 2, negative: 2, mean_sentiment: -0.6 });
    const touch = runNamedQuery(f.db, 'journey-sentiment', { by: 'touchpoint' }).rows;
    expect(touch.map((r) => r.step)).toContain('delivery');
  });
});

describe('named queries: documentation', () => {
  it('src/store/queries/README.md matches the query headers (KOE_UPDATE_DOCS=1 regenerates it)', () => {
    const file = path.join(QUERIES_DIR, 'README.md');
    const expected = namedQueriesMarkdown();
    if (process.env.KOE_UPDATE_DOCS) fs.writeFileSync(file, expected);
    expect(fs.readFileSync(file, 'utf8')).toBe(expected);
  });
});

describe('views for analysts (migration 003)', () => {
  it('v_documents: one row per document with its primary theme; v_theme_documents: every membership', () => {
    const f = buildFixture();
    expect(f.db.prepare('SELECT count(*) AS n FROM v_documents').get()).toEqual({ n: 9 });
    expect(f.db.prepare(`SELECT id, day, theme_id, theme_label, kind FROM v_documents WHERE id = 'd6'`).get()).toEqual({
      id: 'd6',
      day: '2026-03-12',
      theme_id: 't3',
      theme_label: 'dark mode',
      kind: 'feature_request',
    });
    expect(f.db.prepare(`SELECT theme_id, rank FROM v_theme_documents WHERE doc_id = 'd6' ORDER BY rank`).all()).toEqual([
      { theme_id: 't3', rank: 0 },
      { theme_id: 't1', rank: 1 },
    ]);
    f.close();
  });

  it('v_ratings reads each rating on its own scale only', () => {
    const f = buildFixture();
    expect(f.db.prepare('SELECT doc_id, nps_group, csat_satisfied FROM v_ratings ORDER BY doc_id').all()).toEqual([
      { doc_id: 'd1', nps_group: 'detractor', csat_satisfied: null },
      { doc_id: 'd2', nps_group: 'promoter', csat_satisfied: null },
      { doc_id: 'd4', nps_group: 'passive', csat_satisfied: null },
      { doc_id: 'd5', nps_group: 'promoter', csat_satisfied: null },
      { doc_id: 'd9', nps_group: null, csat_satisfied: 1 },
    ]);
    f.close();
  });
});

describe('named queries: periods', () => {
  it('since..until holds whole UTC days, from the first instant of since to the last of until (through the date index)', () => {
    const f = createFixture()
      .addThemes([{ id: 't1', label: 'dark mode' }])
      .addDocs(
        // Four around one day, six long before: a short period (read by date) and the whole range (by theme).
        ['2026-03-09T23:59:59.999Z', '2026-03-10T00:00:00.000Z', '2026-03-10T23:59:59.999Z', '2026-03-11T00:00:00.000Z', ...Array.from({ length: 6 }, (_, i) => `2026-01-0${i + 1}T12:00:00.000Z`)].map((createdAt, i) => ({
          id: `p${i}`, theme: 't1', createdAt, sentiment: 'neutral' as const, kind: 'feature_request' as const, channel: 'app', product: 'A', text: `dark mode ${i}`, rating: 9, ratingScale: 'nps' as const, stage: 'use',
        })),
      );
    const day = { since: '2026-03-10', until: '2026-03-10' };
    const total = (name: string, column: string, extra: Record<string, string> = {}): number =>
      runNamedQuery(f.db, name, { ...day, ...extra }).rows.reduce((n, r) => n + Number(r[column]), 0);
    expect(total('feature-requests', 'requests')).toBe(2);
    expect(total('kind-by-product', 'documents')).toBe(2);
    expect(total('journey-sentiment', 'documents')).toBe(2);
    expect(total('sentiment-trend', 'documents', { period: 'day' })).toBe(2);
    expect(total('nps-by-channel', 'responses')).toBe(2);
    expect(total('theme-by-channel', 'documents')).toBe(2);
    expect(total('top-negative-themes', 'documents', { min_count: '1' })).toBe(2);
    expect(total('theme-trend', 'documents', { theme: 't1', period: 'day' })).toBe(2);
    expect(total('kind-by-product', 'documents', { since: '2026-03-09', until: '2026-03-11' })).toBe(4);
    expect(total('feature-requests', 'requests', { since: '2026-03-09', until: '2026-03-11' })).toBe(4);
    expect(total('feature-requests', 'requests', { since: '0000-01-01', until: '9999-12-31' })).toBe(10);
    expect(total('feature-requests', 'requests', { since: '2026-01-01', until: '2026-03-10' })).toBe(9); // by theme
  });

  it('the whole range counts undated documents, even when most documents have no date', () => {
    const f = createFixture()
      .addThemes([{ id: 't1', label: 'dark mode' }])
      .addDocs(
        ['2026-03-10T12:00:00.000Z', null, null, null].map((createdAt, i) => ({
          id: `u${i}`, theme: 't1', createdAt, sentiment: 'neutral' as const, kind: 'feature_request' as const, text: `dark mode ${i}`,
        })),
      );
    const rows = runNamedQuery(f.db, 'feature-requests', {}).rows;
    expect(rows.map((r) => r.requests)).toEqual([4]);
  });
});
