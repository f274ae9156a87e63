// Full-text search (FTS5 trigram, LIKE under 3 characters), filters, paging and facets over real SQLite.
import { describe, expect, it } from 'vitest';
import { documentFacets, searchDocuments, SearchOptionError } from '../../src/store/document-search.js';
import { createFixture } from '../insights/fixture-db.js';

function fixture() {
  return createFixture()
    .addThemes([{ id: 't1', label: 'ポイント' }, { id: 't2', label: 'refund' }])
    .addDocs([
      { id: 'a', text: 'ポイントがまた消えました。', lang: 'ja', theme: 't1', channel: 'app_store', rating: 1, ratingScale: 'stars', sentiment: 'negative', createdAt: '2026-03-02' },
      { id: 'b', text: '貯めたポイントが使えない', lang: 'ja', theme: 't1', channel: 'email', sentiment: 'negative', createdAt: '2026-03-03' },
      { id: 'c', text: 'Never got my refund', theme: 't2', channel: 'email', sentiment: 'negative', kind: 'complaint', createdAt: '2026-03-04' },
      { id: 'd', text: 'Refund arrived quickly, thanks!', theme: 't2', channel: 'chat', sentiment: 'positive', kind: 'praise', createdAt: '2026-03-20' },
      { id: 'e', text: '神対応でした', lang: 'ja', theme: null, channel: 'chat', sentiment: 'positive', createdAt: '2026-04-01' },
      { id: 'f', text: '100% off? 50_50', theme: null, createdAt: '2026-04-02' },
    ]);
}

describe('several ratings on one document', () => {
  // A survey answer with CSAT and NPS: its first rating is CSAT, and a filter or facet on NPS must still see it.
  function surveyFixture() {
    const f = fixture();
    f.db.prepare("INSERT INTO document_ratings (doc_id, scale, rating, score, easy_end) VALUES ('a', 'nps', 3, 3, NULL)").run();
    return f;
  }

  it('filters by any of a document\'s ratings', () => {
    const f = surveyFixture();
    expect(searchDocuments(f.db, { rating: 'nps:0-6' }).documents.map((d) => d.id)).toEqual(['a']);
    expect(searchDocuments(f.db, { rating: 'stars:1' }).documents.map((d) => d.id)).toEqual(['a']);
    expect(searchDocuments(f.db, { rating: 'nps:9-10' }).documents).toEqual([]);
    f.close();
  });

  it('counts a document under each of its ratings in the rating facet', () => {
    const f = surveyFixture();
    const rating = documentFacets(f.db, {}).rating;
    expect(rating).toEqual([
      { value: '(none)', count: 5 },
      { value: 'nps:3', count: 1 },
      { value: 'stars:1', count: 1 },
    ]);
    // Filtered on NPS, the other facets count the one document that has it.
    expect(documentFacets(f.db, { rating: 'nps:0-6' }).channel).toEqual([{ value: 'app_store', count: 1 }]);
    f.close();
  });
});

describe('searchDocuments', () => {
  it.each([
    // Japanese has no spaces: the trigram index finds any 3+ character substring.
    ['ポイント', ['b', 'a']],
    ['イントが', ['b', 'a']],
    // case-insensitive English
    ['REFUND', ['d', 'c']],
    // every word must occur
    ['refund never', ['c']],
    // under 3 characters: LIKE
    ['対応', ['e']],
    ['消え', ['a']],
    // LIKE wildcards are literal
    ['%', ['f']],
    ['_5', ['f']],
    ['"got my"', ['c']],
  ])('q=%s finds %j', (q, ids) => {
    const f = fixture();
    expect(searchDocuments(f.db, { q, sort: 'newest' }).documents.map((d) => d.id)).toEqual(ids);
    f.close();
  });

  it('filters by theme, channel, rating and period, and pages with a total', () => {
    const f = fixture();
    expect(searchDocuments(f.db, { themeId: 't1', channel: 'email' }).documents.map((d) => d.id)).toEqual(['b']);
    expect(searchDocuments(f.db, { rating: 'stars:1-2' }).documents.map((d) => d.id)).toEqual(['a']);
    expect(searchDocuments(f.db, { since: '2026-03-03', until: '2026-03-20' }).documents.map((d) => d.id)).toEqual(['d', 'c', 'b']);
    expect(searchDocuments(f.db, { themeId: '(none)' }).documents.map((d) => d.id)).toEqual(['f', 'e']);
    const page = searchDocuments(f.db, { limit: 2, offset: 2, sort: 'oldest' });
    expect(page.total).toBe(6);
    expect(page.documents.map((d) => d.id)).toEqual(['c', 'd']);
    f.close();
  });

  it('finds a theme\'s documents in a period the same whether the theme or the period holds fewer documents', () => {
    const f = createFixture()
      .addThemes([{ id: 't1', label: 'delivery' }, { id: 't2', label: 'login' }])
      .addDocs([
        { id: 'd1', theme: 't1', channel: 'email', createdAt: '2026-03-02' },
        { id: 'd2', theme: 't1', channel: 'chat', createdAt: '2026-03-03' },
        { id: 'd3', theme: 't1', channel: 'email', createdAt: '2026-03-10' },
        { id: 'l1', theme: 't2', channel: 'email', createdAt: '2026-03-02' },
        { id: 'l2', theme: 't2', channel: 'email', createdAt: '2026-03-03' },
        { id: 'l3', theme: 't2', channel: 'email', createdAt: '2026-03-04' },
        { id: 'l4', theme: 't2', channel: 'email', createdAt: '2026-03-05' },
      ]);
    f.db.prepare("UPDATE themes SET size = (SELECT count(*) FROM document_themes dt WHERE dt.theme_id = themes.id AND dt.rank = 0)").run();
    // One day holds 2 documents, fewer than t1's 3: read by date. The first week holds 6, more than t1's 3: by theme.
    for (const [since, until, ids] of [['2026-03-02', '2026-03-02', ['d1']], ['2026-03-02', '2026-03-08', ['d2', 'd1']], ['2026-03-09', null, ['d3']]] as const) {
      const page = searchDocuments(f.db, { themeId: 't1', since, until });
      expect([page.total, page.documents.map((d) => d.id)]).toEqual([ids.length, ids]);
    }
    expect(searchDocuments(f.db, { themeId: 't1', since: '2026-03-02', until: '2026-03-03', channel: 'email' }).documents.map((d) => d.id)).toEqual(['d1']);
    f.close();
  });

  it('finds two characters anywhere in a text, its very end too, as LIKE would (through the trigram index, 013)', () => {
    const f = createFixture().addDocs([
      { id: 'end', lang: 'ja', text: '早く返金', createdAt: '2026-03-01' },
      { id: 'mid', lang: 'ja', text: '返金がまだです', createdAt: '2026-03-02' },
      { id: 'only', lang: 'ja', text: '返金', createdAt: '2026-03-03' },
      { id: 'near', lang: 'ja', text: '返品したい', createdAt: '2026-03-04' },
      { id: 'caps-end', text: 'Works OK', createdAt: '2026-03-05' },
      { id: 'ascii-mid', text: 'ok then', createdAt: '2026-03-06' },
      { id: 'pct', text: '50% off', createdAt: '2026-03-07' },
    ]);
    const like = (t: string): string[] =>
      f.db.prepare(`SELECT id FROM documents WHERE text LIKE ? ESCAPE '\\' ORDER BY created_at DESC`).pluck().all(`%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) as string[];
    for (const [q, ids] of [['返金', ['only', 'mid', 'end']], ['ok', ['ascii-mid', 'caps-end']], ['OK', ['ascii-mid', 'caps-end']], ['% ', ['pct']], ['金が', ['mid']], ['xy', []]] as const) {
      const found = searchDocuments(f.db, { q }).documents.map((d) => d.id);
      expect([q, found]).toEqual([q, ids]);
      expect(found).toEqual(like(q));
    }
    // Combined with a longer word and another filter.
    expect(searchDocuments(f.db, { q: '返金 まだです' }).documents.map((d) => d.id)).toEqual(['mid']);
    f.close();
  });

  it('reads days in a time zone: 2026-03-04 09:00 JST is 2026-03-04, 2026-03-03 23:30 UTC is 2026-03-04 in Tokyo', () => {
    const f = createFixture().addDocs([
      { id: 'late', createdAt: '2026-03-03T23:30:00.000Z' },
      { id: 'day', createdAt: '2026-03-03T12:00:00.000Z' },
    ]);
    expect(searchDocuments(f.db, { since: '2026-03-04', until: '2026-03-04' }).total).toBe(0);
    expect(searchDocuments(f.db, { since: '2026-03-04', until: '2026-03-04', timeZone: 'Asia/Tokyo' }).documents.map((d) => d.id)).toEqual(['late']);
    f.close();
  });

  it('rejects bad parameters with a message naming them', () => {
    const f = fixture();
    expect(() => searchDocuments(f.db, { rating: 'five' })).toThrow(SearchOptionError);
    expect(() => searchDocuments(f.db, { since: '03/04/2026' })).toThrow(/since must be a day/);
    expect(() => searchDocuments(f.db, { limit: 0 })).toThrow(/limit/);
    expect(() => searchDocuments(f.db, { timeZone: 'Mars/Olympus' })).toThrow(/unknown time zone/);
    f.close();
  });
});

describe('documentFacets', () => {
  it('counts each facet with the other filters applied, its own left out', () => {
    const f = fixture();
    const facets = documentFacets(f.db, { themeId: 't2', channel: 'email' });
    // channel ignores channel=email: both channels of theme t2 stay visible to switch between
    expect(facets.channel).toEqual([{ value: 'chat', count: 1 }, { value: 'email', count: 1 }]);
    expect(facets.kind).toEqual([{ value: 'complaint', count: 1 }]);
    expect(facets.period).toEqual([{ value: '2026-03', count: 1 }]);
    expect(documentFacets(f.db, { q: 'ポイント' }).rating).toEqual([{ value: '(none)', count: 1 }, { value: 'stars:1', count: 1 }]);
    f.close();
  });

  it("counts a theme's facets in a period the same whether the theme or the period holds fewer documents", () => {
    const f = createFixture()
      .addThemes([{ id: 't1', label: 'delivery' }, { id: 't2', label: 'login' }])
      .addDocs([
        { id: 'd1', theme: 't1', channel: 'email', kind: 'complaint', createdAt: '2026-02-27' },
        { id: 'd2', theme: 't1', channel: 'chat', kind: 'bug', createdAt: '2026-03-02' },
        { id: 'd3', theme: 't1', channel: 'email', kind: 'complaint', createdAt: '2026-03-03' },
        { id: 'd4', theme: 't1', channel: 'email', kind: 'complaint', createdAt: '2026-03-10' },
        { id: 'd5', theme: 't1', channel: 'chat', createdAt: null },
        { id: 'l1', theme: 't2', channel: 'email', createdAt: '2026-03-02' },
        { id: 'l2', theme: 't2', channel: 'email', createdAt: '2026-03-04' },
        { id: 'l3', theme: 't2', channel: 'email', createdAt: '2026-03-05' },
      ]);
    f.db.prepare('UPDATE themes SET size = (SELECT count(*) FROM document_themes dt WHERE dt.theme_id = themes.id AND dt.rank = 0)').run();
    // 2026-03-02 … 03-03 holds 3 documents, fewer than t1's 5: the period's documents are read by date and the period
    // facet apart. 03-02 … 03-08 holds 5 (not fewer): one read of the theme. Both must count alike.
    const months = [{ value: '2026-03', count: 3 }, { value: '2026-02', count: 1 }];
    const short = documentFacets(f.db, { themeId: 't1', since: '2026-03-02', until: '2026-03-03' });
    expect(short.period).toEqual(months);
    expect(short.channel).toEqual([{ value: 'chat', count: 1 }, { value: 'email', count: 1 }]);
    expect(short.kind).toEqual([{ value: 'bug', count: 1 }, { value: 'complaint', count: 1 }]);
    const week = documentFacets(f.db, { themeId: 't1', since: '2026-03-02', until: '2026-03-08' });
    expect(week.period).toEqual(months);
    expect(week.channel).toEqual(short.channel);
    expect(documentFacets(f.db, { themeId: 't1', since: '2026-03-02', until: '2026-03-03' }, ['period'], { periodBy: 'week' }).period).toEqual([
      { value: '2026-03-09', count: 1 },
      { value: '2026-03-02', count: 2 },
      { value: '2026-02-23', count: 1 },
    ]);
    // With another filter the period facet counts with it (chat: d2 in March; the undated d5 in no month).
    expect(documentFacets(f.db, { themeId: 't1', since: '2026-03-02', until: '2026-03-03', channel: 'chat' }).period).toEqual([{ value: '2026-03', count: 1 }]);
    f.close();
  });

  it('counts periods by local month or week; a since / until narrows the other facets, not the period', () => {
    const f = createFixture().addDocs([
      // Sunday 2026-03-01 20:00 UTC is Monday 2026-03-02 05:00 in Tokyo.
      { id: 'sun-night', channel: 'email', createdAt: '2026-03-01T20:00:00.000Z' },
      // Tuesday 2026-03-31 16:00 UTC is already April in Tokyo.
      { id: 'month-end', channel: 'chat', createdAt: '2026-03-31T16:00:00.000Z' },
      { id: 'april', channel: 'chat', createdAt: '2026-04-10T03:00:00.000Z' },
      { id: 'undated', channel: 'phone', createdAt: null },
    ]);
    expect(documentFacets(f.db, {}).period).toEqual([{ value: '2026-04', count: 1 }, { value: '2026-03', count: 2 }]);
    expect(documentFacets(f.db, { timeZone: 'Asia/Tokyo' }).period).toEqual([{ value: '2026-04', count: 2 }, { value: '2026-03', count: 1 }]);
    expect(documentFacets(f.db, {}, ['period'], { periodBy: 'week' }).period).toEqual([
      { value: '2026-04-06', count: 1 },
      { value: '2026-03-30', count: 1 },
      { value: '2026-02-23', count: 1 },
    ]);
    expect(documentFacets(f.db, { timeZone: 'Asia/Tokyo' }, ['period'], { periodBy: 'week' }).period).toEqual([
      { value: '2026-04-06', count: 1 },
      { value: '2026-03-30', count: 1 },
      { value: '2026-03-02', count: 1 },
    ]);
    const april = documentFacets(f.db, { since: '2026-04-01', until: '2026-04-30', timeZone: 'Asia/Tokyo' });
    expect(april.channel).toEqual([{ value: 'chat', count: 2 }]);
    // The period facet leaves its own filter out: every dated month stays visible to switch between.
    expect(april.period).toEqual([{ value: '2026-04', count: 2 }, { value: '2026-03', count: 1 }]);
    f.close();
  });
});
