import { describe, expect, it } from 'vitest';
import { normalizeFeedback } from '../../src/normalize/index.js';
import { canonicalSourceId, hashSourceId, isPersonalSourceId, protectSourceId } from '../../src/normalize/personal-source-id.js';
import type { RawFeedback } from '../../src/types.js';

const KEY = new Uint8Array(32).fill(7);
const OTHER_KEY = new Uint8Array(32).fill(9);

function raw(overrides: Partial<RawFeedback> = {}): RawFeedback {
  return {
    file: 'feedback.jsonl',
    line: 1,
    sourceId: null,
    text: '配送が遅いです',
    createdAt: null,
    rating: null,
    ratingScale: null,
    channel: null,
    product: null,
    source: null,
    metadata: {},
    ...overrides,
  };
}

describe('every stored field is masked', () => {
  it('channel, product and source', () => {
    const doc = normalizeFeedback(raw({ channel: 'mail from taro@example.jp', product: 'line 03-1234-5678', source: 'ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｃｏｍ' }));
    expect(doc.channel).toBe('mail from <EMAIL>');
    expect(doc.product).toBe('line <PHONE>');
    expect(doc.source).toBe('<EMAIL>');
  });

  it('metadata keys, string values, numbers and values under a personal key', () => {
    const doc = normalizeFeedback(
      raw({ metadata: { 'taro@example.jp': 'yes', payment_ref: 4111111111111111, phone: 9012345678, 電話: '', plan: 'pro', count: 3 } }),
    );
    expect(doc.metadata).toEqual({ '<EMAIL>': 'yes', payment_ref: '<CARD>', phone: '<PHONE>', 電話: '', plan: 'pro', count: 3 });
  });

  it('a label repeated on many rows is masked and counted on every row (its masking is remembered)', () => {
    // The same channel and metadata key on three rows: each document carries its own masked value and count.
    for (let i = 0; i < 3; i++) {
      const doc = normalizeFeedback(raw({ channel: 'mail from taro@example.jp', product: 'app', metadata: { 'line 03-1234-5678': 'web' } }));
      expect(doc.channel).toBe('mail from <EMAIL>');
      expect(doc.product).toBe('app');
      expect(doc.metadata).toEqual({ 'line <PHONE>': 'web' });
      expect(doc.piiMasked).toEqual({ EMAIL: 1, PHONE: 1 });
    }
  });
});

describe('source ids that are personal data', () => {
  const cases: [comment: string, id: string, personal: boolean][] = [
    ['an e-mail address', 'taro@example.jp', true],
    ['a mobile number with hyphens', '090-1234-5678', true],
    ['a mobile number without separators', '09012345678', true],
    ['an international number', '+1 415 555 0100', true],
    ['a ticket id', 'T-2026-0042', false],
    ['a plain counter', '12345', false],
    ['a UUID', '3f2b6c1e-8d4a-4f7e-9a1b-2c3d4e5f6a7b', false],
  ];
  for (const [comment, id, personal] of cases) {
    it(`${comment} → ${personal ? 'hashed' : 'kept'}`, () => {
      expect(isPersonalSourceId(id)).toBe(personal);
      const stored = protectSourceId(id, KEY);
      expect(stored.hashed).toBe(personal);
      if (personal) expect(stored.id).toMatch(/^pid-[0-9a-f]{32}$/);
      else expect(stored.id).toBe(id);
    });
  }

  it('the same customer under the same key is the same id, however the id is spelled', () => {
    expect(hashSourceId('Taro@Example.jp', KEY)).toBe(hashSourceId('taro@example.jp', KEY));
    expect(hashSourceId('090-1234-5678', KEY)).toBe(hashSourceId('09012345678', KEY));
    expect(canonicalSourceId('０９０－１２３４－５６７８')).toBe('09012345678');
    expect(hashSourceId('taro@example.jp', KEY)).not.toBe(hashSourceId('taro@example.jp', OTHER_KEY));
  });

  it('normalizeFeedback stores the hash as the source id and the document id, never the address', () => {
    const doc = normalizeFeedback(raw({ sourceId: 'taro@example.jp' }), { sourceIdKey: KEY });
    expect(doc.sourceId).toBe(hashSourceId('taro@example.jp', KEY));
    expect(doc.id).toBe(doc.sourceId);
    expect(doc.sourceIdHashed).toBe(true);
    expect(JSON.stringify(doc)).not.toContain('taro');
  });
});
