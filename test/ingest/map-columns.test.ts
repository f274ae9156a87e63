import { describe, expect, it } from 'vitest';
import { planColumns, uniqueHeader, valueAt, withoutPaths } from '../../src/ingest/map-columns.js';

describe('planColumns', () => {
  it('matches koe field names case-insensitively and sends the rest to metadata', () => {
    const plan = planColumns(['ID', ' Text ', 'Created_At', 'store']);
    expect(plan.fields).toEqual({ id: { index: 0, path: [] }, created_at: { index: 2, path: [] } });
    expect(plan.text).toEqual([{ index: 1, path: [] }]);
    expect(plan.extra).toEqual([3]);
    expect(plan.textProblem).toBeNull();
  });

  it('prefers the mapping over the default name', () => {
    const plan = planColumns(['text', 'body'], { fieldMap: { text: 'BODY' } });
    expect(plan.text).toEqual([{ index: 1, path: [] }]);
    expect(plan.extra).toEqual([0]); // the unmapped "text" column is just metadata now
  });

  it('uses a lone alias for text, including Japanese ones', () => {
    expect(planColumns(['no', 'ご意見']).text).toEqual([{ index: 1, path: [] }]);
    expect(planColumns(['review']).text).toEqual([{ index: 0, path: [] }]);
  });

  it('explains a missing or ambiguous text column', () => {
    expect(planColumns(['a', 'b']).textProblem).toMatch(/no text column \(columns: a, b\)/);
    expect(planColumns(['comment', 'message']).textProblem).toMatch(/several columns could be the text \(comment, message\)/);
    expect(planColumns(['text'], { fieldMap: { text: 'body' } }).textProblem).toMatch(/no column "body" for text/);
  });

  it('lists mapped columns that are not there', () => {
    expect(planColumns(['text'], { fieldMap: { rating: 'score', channel: 'via' } }).missingMapped).toEqual(['rating ("score")', 'channel ("via")']);
  });

  it('joins several text columns in the order given, and reports one that is missing', () => {
    // Play / App Store: title + body; a comma-separated list works as --text-field gives it.
    const plan = planColumns(['Title', 'Body', 'Date'], { fieldMap: { text: 'title, body, summary' } });
    expect(plan.text).toEqual([
      { index: 0, path: [] },
      { index: 1, path: [] },
    ]);
    expect(plan.missingMapped).toEqual(['text (summary)']);
    expect(plan.extra).toEqual([2]);
  });

  it('follows a dotted name into a nested JSON value, and keeps the rest of that value as metadata', () => {
    const plan = planColumns(['id', 'message', 'author'], { fieldMap: { text: 'message.body' }, dropFields: ['author'] });
    expect(plan.text).toEqual([{ index: 1, path: ['body'] }]);
    expect(plan.extra).toEqual([1]); // message minus its body
    expect(plan.takenPaths.get(1)).toEqual([['body']]);
    expect(valueAt([1, { body: 'hi', lang: 'en' }], plan.text[0]!)).toBe('hi');
    expect(withoutPaths({ body: 'hi', lang: 'en' }, [['body']])).toEqual({ lang: 'en' });
  });

  it('finds one column per rating scale, and leaves constants to the options', () => {
    const plan = planColumns(['回答ID', 'おすすめ度', '満足度', '自由記述', 'channel'], {
      fieldMap: { id: '回答ID', text: '自由記述' },
      ratings: { nps: 'おすすめ度', csat: '満足度', ces: '努力度' },
      constants: ['channel'],
    });
    expect(plan.ratings).toEqual([
      { scale: 'nps', ref: { index: 1, path: [] } },
      { scale: 'csat', ref: { index: 2, path: [] } },
    ]);
    expect(plan.missingMapped).toEqual(['ces rating ("努力度")']);
    expect(plan.fields.channel).toBeUndefined(); // --set channel=… wins over the column
    expect(plan.extra).toEqual([4]);
  });
});

describe('uniqueHeader', () => {
  it('strips a BOM, names empty columns by position and numbers duplicates', () => {
    expect(uniqueHeader(['\uFEFFid', '', 'note', 'note'])).toEqual(['id', 'column_2', 'note', 'note_2']);
  });
});
