// The stored follow-up queue (012): what v_followups lists is kept per document in followup_queue, written by koe's
// batch writer from what it has in hand (followupOf, which must agree with the view followup_queue_rows: every test
// here compares the two) and kept in step by triggers for every other write.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { listMigrations, migrate, MIGRATIONS_DIR } from '../../src/store/migrate.js';
import { useTempDirs } from '../support/temp-dirs.js';
import type { FeedbackKind, RatingValue, SentimentLabel } from '../../src/types.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import type { StoredDoc } from '../../src/store/document-repository.js';
import { useDocumentWriter } from '../support/document-writer.js';

const tempDir = useTempDirs('koe-followup-queue-');
const writerOnMemory = useDocumentWriter();

function doc(id: string, sentiment: SentimentLabel, kind: FeedbackKind, ratings: RatingValue[] = [], text = `${id}: the parcel came two days late.`): StoredDoc {
  const first = ratings[0] ?? null;
  return {
    id, sourceId: id, contentHash: `${id}-${sentiment}-${kind}-${JSON.stringify(ratings)}`, text, lang: 'en', sentences: [text], piiMasked: {},
    createdAt: '2026-12-01T09:00:00.000Z', rating: first?.rating ?? null, ratingScale: first?.scale ?? null, ratings,
    channel: 'email', product: null, source: null, metadata: {}, terms: ['parcel'],
    sentiment: { label: sentiment, score: sentiment === 'negative' ? -0.5 : 0.5, confidence: 0.8, sentences: [0], model: 'rules' },
    emotions: [], kind: { label: kind, confidence: 0.7, model: 'rules' }, stage: null, touchpoint: null,
  };
}

type Db = Store['db'];
const queued = (db: Db): unknown[] => db.prepare('SELECT doc_id, severity, reasons, created_at FROM followup_queue ORDER BY doc_id').all();
/** The queue as it should be: computed afresh from every document's analysis and ratings. */
const recomputed = (db: Db): unknown[] => db.prepare('SELECT doc_id, severity, reasons, created_at FROM followup_queue_rows ORDER BY doc_id').all();
const severities = (db: Db): Record<string, [number, string]> =>
  Object.fromEntries((db.prepare('SELECT doc_id, severity, reasons FROM followup_queue').all() as { doc_id: string; severity: number; reasons: string }[]).map((r) => [r.doc_id, [r.severity, r.reasons]]));

describe('followup_queue', () => {
  it('holds what asks for an answer, with its severity and reasons, once a batch is written', () => {
    const { db, writer } = writerOnMemory();
    writer.batch(() => {
      writer.write(doc('angry-1star', 'negative', 'complaint', [{ scale: 'stars', rating: 1 }]));
      writer.write(doc('calm-detractor', 'neutral', 'question', [{ scale: 'nps', rating: 3 }]));
      writer.write(doc('negative-bug', 'negative', 'bug'));
      writer.write(doc('neutral-bug', 'neutral', 'bug'));
      writer.write(doc('negative-question', 'negative', 'question'));
      writer.write(doc('happy-promoter', 'positive', 'praise', [{ scale: 'nps', rating: 10 }]));
      writer.write(doc('csat-4', 'neutral', 'other', [{ scale: 'csat', rating: 4 }]));
      writer.writeRatingOnly({ ...doc('silent-csat-1', 'neutral', 'other', [{ scale: 'csat', rating: 1 }]), text: '' });
      // Edges of the scales, and a survey answer with two ratings.
      writer.write(doc('nps-6', 'neutral', 'question', [{ scale: 'nps', rating: 6 }]));
      writer.write(doc('nps-7', 'neutral', 'question', [{ scale: 'nps', rating: 7 }]));
      writer.write(doc('stars-3', 'negative', 'other', [{ scale: 'stars', rating: 3 }]));
      writer.write(doc('ces-7', 'neutral', 'other', [{ scale: 'ces', rating: 7, easyEnd: 'low' }]));
      writer.write(doc('survey', 'negative', 'bug', [{ scale: 'csat', rating: 2 }, { scale: 'nps', rating: 0 }]));
    });
    expect(severities(db)).toEqual({
      'angry-1star': [3, 'negative low_stars complaint'],
      'calm-detractor': [2, 'detractor'],
      'negative-bug': [2, 'negative bug'],
      'neutral-bug': [1, 'bug'],
      'negative-question': [1, 'negative'],
      'silent-csat-1': [2, 'dissatisfied'],
      'nps-6': [2, 'detractor'],
      'stars-3': [1, 'negative'],
      survey: [3, 'negative detractor dissatisfied bug'],
    });
    expect(queued(db)).toEqual(recomputed(db));
    // Nothing is left deferred: writes after the batch go through the triggers.
    expect(db.prepare('SELECT count(*) FROM followup_queue_deferred').pluck().get()).toBe(0);
  });

  it('follows a document rewritten by a later batch, in or out of the queue', () => {
    const { db, writer } = writerOnMemory();
    writer.batch(() => {
      writer.write(doc('a', 'negative', 'complaint'));
      writer.write(doc('b', 'positive', 'praise'));
    });
    writer.batch(() => {
      writer.write(doc('a', 'positive', 'praise', [], 'a: it came on time after all.'));
      writer.write(doc('b', 'negative', 'complaint', [{ scale: 'stars', rating: 2 }], 'b: now it is broken.'));
    });
    expect(severities(db)).toEqual({ b: [3, 'negative low_stars complaint'] });
    expect(queued(db)).toEqual(recomputed(db));
  });

  it('stays in step with writes outside koe\'s batches: analyses, ratings, dates and deleted documents', () => {
    const { db, writer } = writerOnMemory();
    writer.batch(() => {
      writer.write(doc('a', 'neutral', 'question'));
      writer.write(doc('b', 'negative', 'bug'));
      writer.write(doc('c', 'neutral', 'other', [{ scale: 'nps', rating: 9 }]));
    });
    expect(Object.keys(severities(db))).toEqual(['b']);

    db.prepare("UPDATE analyses SET sentiment_label = 'negative' WHERE doc_id = 'a'").run();
    expect(severities(db).a).toEqual([1, 'negative']);
    db.prepare("INSERT INTO document_ratings (doc_id, scale, rating, score) VALUES ('a', 'csat', 1, 1)").run();
    expect(severities(db).a).toEqual([3, 'negative dissatisfied']);
    db.prepare("UPDATE document_ratings SET rating = 2, score = 2 WHERE doc_id = 'c' AND scale = 'nps'").run();
    expect(severities(db).c).toEqual([2, 'detractor']);
    db.prepare("DELETE FROM document_ratings WHERE doc_id = 'c'").run();
    expect(severities(db).c).toBeUndefined();
    db.prepare("UPDATE documents SET created_at = '2026-11-01T00:00:00.000Z' WHERE id = 'b'").run();
    expect(db.prepare("SELECT created_at FROM followup_queue WHERE doc_id = 'b'").pluck().get()).toBe('2026-11-01T00:00:00.000Z');
    db.prepare("DELETE FROM analyses WHERE doc_id = 'a'").run();
    expect(severities(db).a).toEqual([2, 'dissatisfied']); // the rating alone still asks for an answer
    db.prepare("DELETE FROM documents WHERE id = 'b'").run();
    expect(severities(db).b).toBeUndefined();
    expect(queued(db)).toEqual(recomputed(db));
  });

  it('a failed batch leaves the queue as it was', () => {
    const { db, writer } = writerOnMemory();
    writer.batch(() => writer.write(doc('a', 'negative', 'bug')));
    expect(() =>
      writer.batch(() => {
        writer.write(doc('b', 'negative', 'bug'));
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(Object.keys(severities(db))).toEqual(['a']);
    expect(db.prepare('SELECT count(*) FROM followup_queue_deferred').pluck().get()).toBe(0);
    // And the next write outside a batch is not mistaken for a deferred one.
    db.prepare("UPDATE analyses SET kind = 'other', sentiment_label = 'neutral' WHERE doc_id = 'a'").run();
    expect(severities(db)).toEqual({});
  });

  it('is filled from the documents a database already holds when it migrates to 012', () => {
    const before = tempDir();
    for (const m of listMigrations().filter((m) => m.version < 12)) fs.copyFileSync(path.join(MIGRATIONS_DIR, `${m.name}.sql`), path.join(before, `${m.name}.sql`));
    const file = path.join(tempDir(), 'old.db');
    const old = new Database(file);
    old.pragma('foreign_keys = ON');
    migrate(old, before);
    old.prepare("INSERT INTO runs (id, started_at, status, command) VALUES (1, '2026-12-06T00:00:00Z', 'ok', 'run')").run();
    // Written as koe 011 stored them (its writer is today's, so plain SQL): the rating trigger (005) adds the rating.
    const insertDoc = old.prepare(
      `INSERT INTO documents (id, content_hash, lang, text, created_at, rating, rating_scale, first_run_id, last_run_id, ingested_at, updated_at)
       VALUES (?, ?, 'en', ?, '2026-12-01T09:00:00.000Z', ?, ?, 1, 1, '2026-12-06T00:00:00Z', '2026-12-06T00:00:00Z')`,
    );
    const insertAnalysis = old.prepare(
      `INSERT INTO analyses (doc_id, sentiment_label, sentiment_score, sentiment_confidence, sentiment_model, kind, kind_confidence, kind_model, run_id, analyzed_at)
       VALUES (?, ?, 0, 0.9, 'rules', ?, 0.9, 'rules', 1, '2026-12-06T00:00:00Z')`,
    );
    for (const [id, sentiment, kind, stars] of [['angry', 'negative', 'complaint', 1], ['fine', 'positive', 'praise', null], ['bug', 'neutral', 'bug', null]] as const) {
      insertDoc.run(id, id, `${id}: the parcel came late.`, stars, stars === null ? null : 'stars');
      insertAnalysis.run(id, sentiment, kind);
    }
    const listedBefore = old.prepare('SELECT doc_id, severity, reasons FROM v_followups ORDER BY doc_id').all();
    old.close();

    const upgraded = openStore(file);
    try {
      expect(severities(upgraded.db)).toEqual({ angry: [3, 'negative low_stars complaint'], bug: [1, 'bug'] });
      // v_followups lists what it listed before, as before.
      expect(upgraded.db.prepare('SELECT doc_id, severity, reasons FROM v_followups ORDER BY doc_id').all()).toEqual(listedBefore);
    } finally {
      upgraded.close();
    }
  });
});
