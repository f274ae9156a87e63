import { describe, expect, it } from 'vitest';
import { countFollowups, listFollowups, markFollowupsDone, reopenFollowups } from '../../src/insights/followups.js';
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
  it('lists negative, detractor and bug feedback, oldest first, with age and masked text', () => {
    const f = fixture();
    const list = listFollowups(f.db, { asOf: '2026-03-11' });
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
    expect(listFollowups(f.db, { status: 'done' }).map((x) => x.docId)).toEqual(['a', 'b']);
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
});
