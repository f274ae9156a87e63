// The document writer: every rating of a document stored once, whatever the rating trigger (005) wrote for its first
// rating; the search index (FTS5, 008/011) given a batch's new documents at the end of the batch, and kept in step.
import { describe, expect, it } from 'vitest';
import type { RatingValue } from '../../src/types.js';
import type { Store } from '../../src/store/open-store.js';
import type { StoredDoc } from '../../src/store/document-repository.js';
import { useDocumentWriter } from '../support/document-writer.js';
import { searchDocuments } from '../../src/store/document-search.js';

const writerOnMemory = useDocumentWriter();

function doc(id: string, ratings: RatingValue[], text = 'The checkout page keeps timing out.'): StoredDoc {
  const first = ratings[0] ?? null;
  return {
    id, sourceId: id, contentHash: `${id}-${text.length}`, text, lang: 'en', sentences: [text], piiMasked: {},
    createdAt: '2026-12-01T09:00:00.000Z', rating: first?.rating ?? null, ratingScale: first?.scale ?? null, ratings,
    channel: 'email', product: null, source: null, metadata: {}, terms: ['checkout'],
    sentiment: { label: 'negative', score: -0.5, confidence: 0.8, sentences: [-0.5], model: 'rules' },
    emotions: [], kind: { label: 'bug', confidence: 0.7, model: 'rules' }, stage: null, touchpoint: null,
  };
}

const ratingsOf = (db: Store['db'], id: string): unknown[] =>
  db.prepare('SELECT scale, rating, score, easy_end FROM document_ratings WHERE doc_id = ? ORDER BY scale').all(id);

describe('createDocumentWriter ratings', () => {
  it('stores one row per rating of a new document, converting a CES whose easy end is high', () => {
    const { db, writer } = writerOnMemory();
    db.transaction(() => {
      writer.write(doc('stars', [{ scale: 'stars', rating: 2 }]));
      writer.write(doc('survey', [{ scale: 'csat', rating: 4 }, { scale: 'nps', rating: 9 }]));
      writer.write(doc('ces-high', [{ scale: 'ces', rating: 6, easyEnd: 'high' }, { scale: 'nps', rating: 3 }]));
      writer.write(doc('ces-low', [{ scale: 'ces', rating: 2, easyEnd: 'low' }]));
      writer.write(doc('ces-middle', [{ scale: 'ces', rating: 4, easyEnd: 'high' }]));
      writer.write(doc('none', []));
    })();
    expect(ratingsOf(db, 'stars')).toEqual([{ scale: 'stars', rating: 2, score: 2, easy_end: null }]);
    expect(ratingsOf(db, 'survey')).toEqual([
      { scale: 'csat', rating: 4, score: 4, easy_end: null },
      { scale: 'nps', rating: 9, score: 9, easy_end: null },
    ]);
    expect(ratingsOf(db, 'ces-high')).toEqual([
      { scale: 'ces', rating: 6, score: 2, easy_end: 'high' },
      { scale: 'nps', rating: 3, score: 3, easy_end: null },
    ]);
    expect(ratingsOf(db, 'ces-low')).toEqual([{ scale: 'ces', rating: 2, score: 2, easy_end: 'low' }]);
    // The middle of the scale reads the same from either end, but its easy end is still what the input said.
    expect(ratingsOf(db, 'ces-middle')).toEqual([{ scale: 'ces', rating: 4, score: 4, easy_end: 'high' }]);
    expect(ratingsOf(db, 'none')).toEqual([]);
  });

  it('replaces every rating when a stored document is written again', () => {
    const { db, writer } = writerOnMemory();
    db.transaction(() => writer.write(doc('a', [{ scale: 'csat', rating: 2 }, { scale: 'nps', rating: 1 }])))();
    expect(db.transaction(() => writer.write(doc('a', [{ scale: 'stars', rating: 5 }], 'Fixed now, thanks.')))()).toBe('updated');
    expect(ratingsOf(db, 'a')).toEqual([{ scale: 'stars', rating: 5, score: 5, easy_end: null }]);
    db.transaction(() => writer.write(doc('a', [], 'No rating this time.')))();
    expect(ratingsOf(db, 'a')).toEqual([]);
  });
});

describe('createDocumentWriter search index', () => {
  const found = (db: Store['db'], q: string): string[] => searchDocuments(db, { q }).documents.map((d) => d.id).sort();
  // External content FTS5: 'integrity-check' with rank 1 compares the index with the documents table.
  const checkIndex = (db: Store['db']): void => {
    db.prepare("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)").run();
  };

  it('writes a batch in one transaction, indexes its new documents at its end and keeps updated ones in step', () => {
    const { db, writer } = writerOnMemory();
    writer.batch(() => {
      writer.write(doc('a', [], 'The checkout page keeps timing out.'));
      writer.write(doc('b', [], '配送が遅すぎます。'));
      writer.write(doc('c', [], 'Refund arrived quickly, thanks!'));
    });
    expect(found(db, 'checkout')).toEqual(['a']);
    expect(found(db, '配送が')).toEqual(['b']);
    expect(db.prepare('SELECT count(*) FROM search_index_deferred').pluck().get()).toBe(0);
    writer.batch(() => {
      writer.write(doc('a', [], 'The payment page keeps timing out.'));
      writer.write(doc('d', [], 'The checkout button does nothing.'));
    });
    expect(found(db, 'checkout')).toEqual(['d']);
    expect(found(db, 'payment')).toEqual(['a']);
    db.prepare("DELETE FROM documents WHERE id = 'c'").run();
    expect(found(db, 'Refund')).toEqual([]);
    checkIndex(db);
  });

  it('leaves nothing deferred when a batch fails, and later inserts are indexed by the trigger', () => {
    const { db, writer } = writerOnMemory();
    expect(() =>
      writer.batch(() => {
        writer.write(doc('a', [], 'The checkout page keeps timing out.'));
        throw new Error('disk on fire');
      }),
    ).toThrow('disk on fire');
    expect(db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM search_index_deferred').pluck().get()).toBe(0);
    db.transaction(() => writer.write(doc('b', [], 'The checkout button does nothing.')))();
    expect(found(db, 'checkout')).toEqual(['b']);
    checkIndex(db);
  });
});
