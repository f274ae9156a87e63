import { describe, expect, it } from 'vitest';
import { countFollowups, followupChunks, listFollowups, markFollowupsDone, pageFollowups, reopenFollowups } from '../../src/insights/followups.js';
import { createFixture } from './fixture-db.js';

function fixture() {
  return createFixture()
    .addThemes([{ id: 't1', label: '返金' }])
    .addDocs([
      // negative → listed
      { id: 'a', sourceId: 'TCK-1', createdAt: '2026-03-01', sentiment: 'negative', theme: 't1', lang: 'ja', text: '返金がまだです。連絡先は[EMAIL]' },
      // NPS detractor though neutral in tone → listed
      { id: 'b', sourceId: 'TCK-2', createdAt: '2026-03-05', sentiment: 'neutral', rating: 4, ratingScale: 'nps' },
      // a bug report → listed
      { id: 'c', sourceId: 'TCK-3', createdAt: '2026-03-09', sentiment: 'neutral', kind: 'bug' },
      // happy promoter → not listed
      { id: 'd', sourceId: 'TCK-4', createdAt: '2026-03-09', sentiment: 'positive', rating: 10, ratingScale: 'nps' },
      // a rating of 4 on the csat scale is not a detractor
      { id: 'e', sourceId: 'TCK-5', createdAt: '2026-03-09', sentiment: 'neutral', rating: 4, ratingScale: 'csat' },
    ]);
}

describe('follow-ups', () => {
  it('lists negative, detractor and bug feedback, oldest first on request, with age and masked text', () => {
    const f = fixture();
    const list = listFollowups(f.db, { asOf: '2026-03-11', sort: 'oldest' });
    expect(list.map((x) => [x.docId, x.sourceId, x.reasons, x.ageDays])).toEqual([
      ['a', 'TCK-1', ['negative'], 10],
      ['b', 'TCK-2', ['detractor'], 6],
      ['c', 'TCK-3', ['bug'], 2],
    ]);
    expect(list[0]).toMatchObject({ themeId: 't1', themeLabel: '返金', status: 'open', text: '返金がまだです。連絡先は[EMAIL]' });
    f.close();
  });

  it('marks handled by document or source id; marks survive a re-run that rewrites the document', () => {
    const f = fixture();
    expect(markFollowupsDone(f.db, ['a', 'TCK-2'], { now: '2026-03-12T00:00:00.000Z' })).toEqual({
      changed: ['a', 'b'],
      unchanged: [],
    });
    expect(markFollowupsDone(f.db, ['a'])).toEqual({ changed: [], unchanged: ['a'] });
    // a re-run upserts the document and its analysis
    f.db.prepare(`UPDATE documents SET text = 'updated', last_run_id = ? WHERE id = 'a'`).run(f.newRun());
    expect(listFollowups(f.db).map((x) => x.docId)).toEqual(['c']);
    expect(listFollowups(f.db, { status: 'done', sort: 'oldest' }).map((x) => x.docId)).toEqual(['a', 'b']);
    expect(countFollowups(f.db)).toEqual({ open: 1, done: 2 });
    f.close();
  });

  it('an unknown id marks nothing and names the id', () => {
    const f = fixture();
    expect(() => markFollowupsDone(f.db, ['a', 'nope'])).toThrow(/no document with id or source id "nope"; nothing marked/);
    expect(countFollowups(f.db)).toEqual({ open: 3, done: 0 });
    f.close();
  });

  it('reopen takes the mark off', () => {
    const f = fixture();
    markFollowupsDone(f.db, ['c']);
    expect(reopenFollowups(f.db, ['c'])).toEqual({ changed: ['c'], unchanged: [] });
    expect(countFollowups(f.db).done).toBe(0);
    f.close();
  });

  it('ranks by severity, then the newest; 1–2 stars always queue; filters by channel, theme, kind and rating', () => {
    const f = fixture().addDocs([
      // 1 star in neutral words (「ポイントがまた消えました。」) still needs an answer
      { id: 's1', createdAt: '2026-03-10', sentiment: 'neutral', rating: 1, ratingScale: 'stars', channel: 'app_store', kind: 'other' },
      // a low rating said in negative words: most severe
      { id: 's2', createdAt: '2026-03-02', sentiment: 'negative', rating: 2, ratingScale: 'stars', channel: 'app_store' },
      { id: 's3', createdAt: '2026-03-10', sentiment: 'positive', rating: 5, ratingScale: 'stars' },
    ]);
    const list = listFollowups(f.db);
    expect(list.map((x) => [x.docId, x.severity])).toEqual([
      ['s2', 3],
      ['s1', 2],
      ['b', 2],
      ['c', 1],
      ['a', 1],
    ]);
    expect(list[1]!.reasons).toEqual(['low_stars']);
    expect(listFollowups(f.db, { channel: 'app_store', rating: 'stars:1' }).map((x) => x.docId)).toEqual(['s1']);
    expect(listFollowups(f.db, { themeId: 't1' }).map((x) => x.docId)).toEqual(['a']);
    expect(listFollowups(f.db, { kind: 'bug' }).map((x) => x.docId)).toEqual(['c']);
    expect(listFollowups(f.db, { since: '2026-03-05', until: '2026-03-09' }).map((x) => x.docId)).toEqual(['b', 'c']);
    expect(() => listFollowups(f.db, { rating: 'x' })).toThrow(/rating must be/);
    f.close();
  });

  it('counts in a page\'s total exactly the follow-ups the filter lists, whatever it filters on', () => {
    const f = fixture().addDocs([
      { id: 's1', createdAt: '2026-03-10', sentiment: 'neutral', rating: 1, ratingScale: 'stars', channel: 'app_store', kind: 'other' },
      { id: 's2', createdAt: '2026-03-02', sentiment: 'negative', rating: 2, ratingScale: 'stars', channel: 'app_store', theme: 't1' },
      { id: 's3', createdAt: '2026-03-10', sentiment: 'positive', rating: 5, ratingScale: 'stars' },
    ]);
    f.db.prepare("INSERT INTO document_ratings (doc_id, scale, rating, score) VALUES ('s1', 'nps', 2, 2)").run();
    markFollowupsDone(f.db, ['s2'], { assignee: 'aiko' });
    const filters = [
      {},
      { status: 'all' as const },
      { status: 'done' as const },
      { rating: 'stars:1-2' },
      { rating: 'stars:1-2', status: 'all' as const },
      { rating: 'nps:0-6' },
      { rating: 'stars:5' },
      { channel: 'app_store', status: 'all' as const },
      { channel: '(none)' },
      { themeId: 't1', status: 'all' as const },
      { themeId: '(none)' },
      { kind: 'bug' },
      { assignee: 'aiko', status: 'all' as const },
      { since: '2026-03-05', until: '2026-03-10', rating: 'stars:1-2' },
    ];
    for (const filter of filters) {
      const listed = listFollowups(f.db, filter).length;
      expect([filter, pageFollowups(f.db, { ...filter, limit: 1 }).total]).toEqual([filter, listed]);
    }
    expect(listFollowups(f.db, { rating: 'stars:1-2', status: 'all' }).map((x) => x.docId)).toEqual(['s2', 's1']);
    f.close();
  });

  it('followupChunks gives every follow-up in the listing order, a chunk at a time', () => {
    const f = fixture();
    const listed = listFollowups(f.db, { status: 'all', sort: 'oldest' });
    const chunks = [...followupChunks(f.db, { status: 'all', sort: 'oldest' }, 2)];
    expect(chunks.every((c) => c.length <= 2)).toBe(true);
    expect(chunks.flat()).toEqual(listed);
    expect([...followupChunks(f.db, { limit: 3 }, 2)].flat()).toEqual(listFollowups(f.db, { limit: 3 }));
    f.close();
  });

  it('masks personal data in a note before it is stored (the assignee, a colleague, is kept as typed)', () => {
    const f = fixture();
    markFollowupsDone(f.db, ['a'], { note: '田中様に０９０－１２３４－５６７８で折り返し済み', assignee: 'aiko' });
    reopenFollowups(f.db, ['b'], { note: 'Emailed her at jane.doe@example.com' });
    const stored = f.db.prepare('SELECT doc_id, note, assignee FROM followups ORDER BY doc_id').all();
    expect(stored).toEqual([
      { doc_id: 'a', note: '<NAME>様に<PHONE>で折り返し済み', assignee: 'aiko' },
      { doc_id: 'b', note: 'Emailed her at <EMAIL>', assignee: null },
    ]);
  });

  it('keeps the note and the assignee through done, reopen and a re-run', () => {
    const f = fixture();
    markFollowupsDone(f.db, ['a'], { note: '返金済み', assignee: 'aiko', now: '2026-03-12T00:00:00.000Z' });
    expect(listFollowups(f.db, { status: 'done' })[0]).toMatchObject({ docId: 'a', note: '返金済み', assignee: 'aiko', doneAt: '2026-03-12T00:00:00.000Z' });
    expect(reopenFollowups(f.db, ['a'], { note: 'customer wrote again' })).toEqual({ changed: ['a'], unchanged: [] });
    f.db.prepare(`UPDATE documents SET text = 'updated', last_run_id = ? WHERE id = 'a'`).run(f.newRun());
    expect(listFollowups(f.db).find((x) => x.docId === 'a')).toMatchObject({ status: 'open', note: 'customer wrote again', assignee: 'aiko', doneAt: null });
    expect(listFollowups(f.db, { assignee: 'aiko' }).map((x) => x.docId)).toEqual(['a']);
    f.close();
  });
});

describe('follow-ups from every rating of a row', () => {
  it('queues a rating-only detractor and a low CSAT that is a row’s second rating; the rating filter reads both', () => {
    const f = createFixture().addDocs([
      // a survey answer with no comment, NPS 3: nothing to analyze, still a detractor to call back
      { id: 'r1', sourceId: 'S-1', createdAt: '2026-03-01', sentiment: 'neutral', text: '' },
      // NPS 8 (passive) first, CSAT 1 second: dissatisfied
      { id: 'r2', sourceId: 'S-2', createdAt: '2026-03-02', sentiment: 'neutral', rating: 8, ratingScale: 'nps' },
      // NPS 9 and CSAT 5: nothing to follow up
      { id: 'r3', sourceId: 'S-3', createdAt: '2026-03-03', sentiment: 'neutral', rating: 9, ratingScale: 'nps' },
    ]);
    f.db.prepare("DELETE FROM analyses WHERE doc_id = 'r1'").run();
    const rate = f.db.prepare('INSERT OR REPLACE INTO document_ratings (doc_id, scale, rating, score) VALUES (?, ?, ?, ?)');
    rate.run('r1', 'nps', 3, 3);
    rate.run('r2', 'csat', 1, 1);
    rate.run('r3', 'csat', 5, 5);
    const list = listFollowups(f.db, { asOf: '2026-03-11', sort: 'oldest' });
    expect(list.map((x) => [x.docId, x.reasons, x.severity])).toEqual([
      ['r1', ['detractor'], 2],
      ['r2', ['dissatisfied'], 2],
    ]);
    expect(listFollowups(f.db, { rating: 'csat:1-2' }).map((x) => x.docId)).toEqual(['r2']);
    expect(listFollowups(f.db, { rating: 'nps:0-6' }).map((x) => x.docId)).toEqual(['r1']);
    f.close();
  });
});
