import { describe, expect, it } from 'vitest';
import { contentHash, documentId, normalizeFeedback, OccurrenceCounter } from '../../src/normalize/index.js';
import type { RawFeedback } from '../../src/types.js';

function raw(overrides: Partial<RawFeedback> = {}): RawFeedback {
  return {
    file: 'feedback.csv',
    line: 2,
    sourceId: null,
    text: 'アプリが落ちます。連絡先は０９０－１２３４－５６７８です',
    createdAt: '2026-11-24T04:05:00.000Z',
    rating: 3,
    ratingScale: 'csat',
    channel: ' ａｐｐ ',
    product: 'iOS',
    source: 'survey',
    metadata: { email: 'taro@example.jp', plan: 'pro', nested: { tel: '03-1234-5678' } },
    ...overrides,
  };
}

describe('normalizeFeedback', () => {
  it('normalizes, masks (text and metadata), detects language and splits', () => {
    const doc = normalizeFeedback(raw());
    expect(doc.text).toBe('アプリが落ちます。連絡先は<PHONE>です');
    expect(doc.lang).toBe('ja');
    expect(doc.sentences).toEqual(['アプリが落ちます。', '連絡先は<PHONE>です']);
    expect(doc.channel).toBe('app');
    expect(doc.metadata).toEqual({ email: '<EMAIL>', plan: 'pro', nested: { tel: '<PHONE>' } });
    expect(doc.piiMasked).toEqual({ PHONE: 2, EMAIL: 1 });
    expect(doc.id).toMatch(/^h[0-9a-f]{16}$/);
    expect(doc.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('uses the trimmed source id when there is one', () => {
    const doc = normalizeFeedback(raw({ sourceId: '  T-42 ' }));
    expect(doc.id).toBe('T-42');
    expect(doc.sourceId).toBe('T-42');
  });

  it('gives identical rows the same id (re-runs are idempotent) and different rows different ids', () => {
    const a = normalizeFeedback(raw({ sourceKey: 'feedback.csv' }));
    // The input's identity is its source key (path below the directory given), not the path or the line.
    expect(normalizeFeedback(raw({ file: 'data/feedback.csv', line: 99, sourceKey: 'feedback.csv' })).id).toBe(a.id);
    // The same words in another input are another voice.
    expect(normalizeFeedback(raw({ sourceKey: 'other.csv' })).id).not.toBe(a.id);
    expect(normalizeFeedback(raw({ text: 'アプリが落ちます。' })).id).not.toBe(a.id);
    expect(normalizeFeedback(raw({ createdAt: null })).id).not.toBe(a.id);
    // Full-width and half-width spellings of the same text are the same document once normalized.
    expect(normalizeFeedback(raw({ text: 'アプリが落ちます。連絡先は090-1234-5678です', sourceKey: 'feedback.csv' })).id).toBe(a.id);
  });

  it('numbers identical id-less rows of one run apart by occurrence, the same way on every run', () => {
    const ids = (): string[] => {
      const occurrences = new OccurrenceCounter();
      return [1, 2, 3].map((line) => normalizeFeedback(raw({ line, text: '特になし', sourceKey: 's.csv' }), { occurrences }).id);
    };
    const first = ids();
    expect(new Set(first).size).toBe(3); // three customers, three documents
    expect(ids()).toEqual(first); // a second run gives the same ids
    // A row with an id is that id, whatever the counter says.
    expect(normalizeFeedback(raw({ sourceId: ' T-9 ' }), { occurrences: new OccurrenceCounter() }).id).toBe('T-9');
  });

  it('changes the content hash when the text or rating changes, not when the file does', () => {
    const a = normalizeFeedback(raw({ sourceId: 'T-1' }));
    expect(normalizeFeedback(raw({ sourceId: 'T-1', file: 'x.csv' })).contentHash).toBe(a.contentHash);
    expect(normalizeFeedback(raw({ sourceId: 'T-1', rating: 4 })).contentHash).not.toBe(a.contentHash);
    expect(normalizeFeedback(raw({ sourceId: 'T-1', text: '直りました' })).contentHash).not.toBe(a.contentHash);
  });

  it('documentId follows the documented formula', async () => {
    const { createHash } = await import('node:crypto');
    const row = raw({ channel: 'app', sourceKey: 'feedback.csv', ratings: [{ scale: 'csat', rating: 3 }] });
    const key = createHash('sha256').update(JSON.stringify(['feedback.csv', 'masked', row.createdAt, 'app', 'iOS', 'survey', 3, 'csat=3'])).digest('hex');
    expect(documentId(row, 'masked')).toBe('h' + key.slice(0, 16));
    expect(documentId(row, 'masked', 2)).toBe('h' + createHash('sha256').update(`${key}#2`).digest('hex').slice(0, 16));
    expect(contentHash({ text: 'a', createdAt: null, rating: null, ratingScale: null, channel: null, product: null, source: null })).toHaveLength(64);
  });
});
