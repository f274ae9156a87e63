import { describe, expect, it } from 'vitest';
import { planColumns, uniqueHeader } from '../../src/ingest/map-columns.js';

describe('planColumns', () => {
  it('matches koe field names case-insensitively and sends the rest to metadata', () => {
    const plan = planColumns(['ID', ' Text ', 'Created_At', 'store']);
    expect(plan.fields).toEqual({ id: 0, text: 1, created_at: 2 });
    expect(plan.extra).toEqual([3]);
    expect(plan.textProblem).toBeNull();
  });

  it('prefers the mapping over the default name', () => {
    const plan = planColumns(['text', 'body'], { text: 'BODY' });
    expect(plan.fields.text).toBe(1);
    expect(plan.extra).toEqual([0]); // the unmapped "text" column is just metadata now
  });

  it('uses a lone alias for text, including Japanese ones', () => {
    expect(planColumns(['no', 'ご意見']).fields.text).toBe(1);
    expect(planColumns(['review']).fields.text).toBe(0);
  });

  it('explains a missing or ambiguous text column', () => {
    expect(planColumns(['a', 'b']).textProblem).toMatch(/no text column \(columns: a, b\)/);
    expect(planColumns(['comment', 'message']).textProblem).toMatch(/several columns could be the text \(comment, message\)/);
    expect(planColumns(['text'], { text: 'body' }).textProblem).toMatch(/no column "body" for text/);
  });

  it('lists mapped columns that are not there', () => {
    expect(planColumns(['text'], { rating: 'score', channel: 'via' }).missingMapped).toEqual(['rating', 'channel']);
  });
});

describe('uniqueHeader', () => {
  it('strips a BOM, names empty columns by position and numbers duplicates', () => {
    expect(uniqueHeader(['\uFEFFid', '', 'note', 'note'])).toEqual(['id', 'column_2', 'note', 'note_2']);
  });
});
