import type { AnalyzedDoc, Doc, FeedbackKind, RatingValue, RejectedRow, SentimentLabel } from '../types.js';
import { followupOf } from './followup-queue.js';
import { recordDeparture } from './theme-step-repository.js';
import type { Db } from './open-store.js';

/** Where a document's row was read: file and 1-based line. */
export interface SourcePlace {
  sourceFile?: string | null;
  sourceLine?: number | null;
  /** The input's identity for id-less rows (see normalize/document-id.ts). */
  sourceKey?: string | null;
}

/** What the store keeps of an analyzed document: everything but the token stream. */
export type StoredDoc = Omit<AnalyzedDoc, 'tokens'> & SourcePlace;

/** A row superseded by a later row with the same id in the same run (the later one is stored). */
export interface DuplicateRow {
  docId: string;
  file: string;
  line: number;
  keptFile: string;
  keptLine: number;
}

/** The ratings a document stores: its list, or (documents built before several ratings) its one rating. */
export function ratingsOf(doc: Pick<Doc, 'ratings' | 'rating' | 'ratingScale'>): RatingValue[] {
  if (doc.ratings) return doc.ratings;
  if (doc.rating === null || doc.ratingScale === null) return [];
  return [{ scale: doc.ratingScale, rating: doc.rating }];
}

/** A document_ratings row's values after doc_id: scale, rating as answered, score, easy end (CES only). */
function ratingRow(r: RatingValue): [string, number, number, string | null] {
  return [r.scale, r.rating, ratingScore(r), r.scale === 'ces' ? (r.easyEnd ?? 'low') : null];
}
const sameRow = (a: readonly unknown[], b: readonly unknown[]): boolean => a.every((v, i) => v === b[i]);

/** The value metrics read: CES is kept as effort (1 = very easy … 7 = very hard) whichever end the input called easy. */
export function ratingScore(r: RatingValue): number {
  return r.scale === 'ces' && r.easyEnd === 'high' ? 8 - r.rating : r.rating;
}

const LOOKUP_CHUNK = 500;

/** A run's new id-less documents and the earlier ones at their place: the run's found by 018's partial index. */
export const EDITED_ROWS_SQL = `SELECT old.id AS oldId, new.id AS newId
  FROM documents new
  JOIN documents old ON old.source_key = new.source_key AND old.source_line = new.source_line
    AND old.created_at = new.created_at AND old.id <> new.id
  WHERE new.first_run_id = @runId AND new.source_id IS NULL AND new.source_key IS NOT NULL
    AND old.source_id IS NULL AND old.last_run_id < @runId`;

/**
 * Id-less rows edited in place: a document new in this run whose row sits at the same input, line and date as an
 * id-less document of an earlier run that this run did not see again. The new document replaces the old one (which
 * is deleted with its analysis, ratings and themes), so an edited answer is one document, not two. Rows without a
 * date never match: without it, a new row on a reused line could be another customer. Returns the pairs replaced.
 */
export function replaceEditedRows(db: Db, runId: number): { oldId: string; newId: string }[] {
  const pairs = db.prepare(EDITED_ROWS_SQL).all({ runId }) as { oldId: string; newId: string }[];
  const remove = db.prepare('DELETE FROM documents WHERE id = ?');
  const seen = new Set<string>();
  const replaced: { oldId: string; newId: string }[] = [];
  for (const p of pairs) {
    if (seen.has(p.oldId) || seen.has(p.newId)) continue; // one old document for one new one
    seen.add(p.oldId);
    seen.add(p.newId);
    remove.run(p.oldId);
    replaced.push(p);
  }
  return replaced;
}

/** Content hashes of the documents that already exist, by id (ids not stored are absent). */
export function findContentHashes(db: Db, ids: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
    const chunk = ids.slice(i, i + LOOKUP_CHUNK);
    const placeholders = chunk.map(() => '?').join(',');
    const rows = db
      .prepare(`SELECT id, content_hash FROM documents WHERE id IN (${placeholders})`)
      .all(...chunk) as { id: string; content_hash: string }[];
    for (const r of rows) found.set(r.id, r.content_hash);
  }
  return found;
}

/** Content hash and the run that analyzed it, of the documents that already exist, by id. */
export function findAnalysisState(db: Db, ids: readonly string[]): Map<string, { contentHash: string; analysisRunId: number | null }> {
  const found = new Map<string, { contentHash: string; analysisRunId: number | null }>();
  for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
    const chunk = ids.slice(i, i + LOOKUP_CHUNK);
    const placeholders = chunk.map(() => '?').join(',');
    const rows = db
      .prepare(`SELECT d.id, d.content_hash, a.run_id FROM documents d LEFT JOIN analyses a ON a.doc_id = d.id WHERE d.id IN (${placeholders})`)
      .all(...chunk) as { id: string; content_hash: string; run_id: number | null }[];
    for (const r of rows) found.set(r.id, { contentHash: r.content_hash, analysisRunId: r.run_id });
  }
  return found;
}

export interface DocumentWriter {
  /** Inserts or updates one document with its analysis. Returns whether it was new. */
  write(doc: StoredDoc): 'inserted' | 'updated';
  /** A document with ratings and no text: stored and counted in the metrics, never analyzed or themed. */
  writeRatingOnly(doc: Doc & SourcePlace): 'inserted' | 'updated';
  duplicate(row: DuplicateRow): void;
  /** Marks an unchanged document as seen by this run. */
  touch(id: string): void;
  reject(row: RejectedRow): void;
  /**
   * Runs `writeAll` (the writes of one batch) in one transaction (a savepoint inside an open one) and adds the
   * documents it inserted to the search index in one statement at its end (migration 011: FTS5's cost per statement
   * made one trigger insert per document the larger part of the index's cost).
   */
  batch<T>(writeAll: () => T): T;
}

/**
 * Prepared statements for one run. Call inside a transaction: a document and its analysis are
 * written together or not at all. A written document is marked theme_pending until the next theme step.
 */
export function createDocumentWriter(db: Db, runId: number, options: { recordDepartures?: boolean } = {}): DocumentWriter {
  const exists = db.prepare('SELECT 1 FROM documents WHERE id = ?').pluck();
  // A stored member written again leaves what it added to its theme's figures behind first (theme-step-repository.ts);
  // not when every document is analysed again (--reanalyze): the theme step then reads every member in one pass.
  const depart = options.recordDepartures === true ? recordDeparture(db) : null;
  const upsertDoc = db.prepare(`
    INSERT INTO documents (id, source_id, content_hash, lang, text, sentences, pii_masked, created_at, rating,
      rating_scale, channel, product, source, metadata, source_file, source_line, source_key, first_run_id,
      last_run_id, ingested_at, updated_at, theme_pending)
    VALUES (@id, @sourceId, @contentHash, @lang, @text, @sentences, @piiMasked, @createdAt, @rating,
      @ratingScale, @channel, @product, @source, @metadata, @sourceFile, @sourceLine, @sourceKey, @runId, @runId,
      @now, @now, 1)
    ON CONFLICT (id) DO UPDATE SET
      source_id = excluded.source_id, content_hash = excluded.content_hash, lang = excluded.lang,
      text = excluded.text, sentences = excluded.sentences, pii_masked = excluded.pii_masked,
      created_at = excluded.created_at, rating = excluded.rating, rating_scale = excluded.rating_scale,
      channel = excluded.channel, product = excluded.product, source = excluded.source,
      metadata = excluded.metadata, source_file = excluded.source_file, source_line = excluded.source_line,
      source_key = excluded.source_key,
      last_run_id = excluded.last_run_id, updated_at = excluded.updated_at, theme_pending = 1`);
  const upsertAnalysis = db.prepare(`
    INSERT OR REPLACE INTO analyses (doc_id, sentiment_label, sentiment_score, sentiment_confidence, sentiment_model,
      sentence_scores, emotions, kind, kind_confidence, kind_model, stage, touchpoint, terms, run_id, analyzed_at)
    VALUES (@id, @sentimentLabel, @sentimentScore, @sentimentConfidence, @sentimentModel, @sentenceScores,
      @emotions, @kind, @kindConfidence, @kindModel, @stage, @touchpoint, @terms, @runId, @now)`);
  const touchDoc = db.prepare('UPDATE documents SET last_run_id = ? WHERE id = ?');
  const deleteRatings = db.prepare('DELETE FROM document_ratings WHERE doc_id = ?');
  const insertRating = db.prepare('INSERT INTO document_ratings (doc_id, scale, rating, score, easy_end) VALUES (?, ?, ?, ?, ?)');
  const deleteAnalysis = db.prepare('DELETE FROM analyses WHERE doc_id = ?');
  const notPending = db.prepare('UPDATE documents SET theme_pending = 0 WHERE id = ?');
  const deleteThemes = db.prepare('DELETE FROM document_themes WHERE doc_id = ?');
  const insertDuplicate = db.prepare(
    'INSERT INTO duplicate_rows (run_id, doc_id, file, line, kept_file, kept_line) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const writeDocument = (doc: Doc & SourcePlace, now: string): boolean => {
    const wasStored = exists.get(doc.id) !== undefined;
    if (wasStored) depart?.(doc.id);
    upsertDoc.run({
      id: doc.id,
      sourceId: doc.sourceId,
      contentHash: doc.contentHash,
      lang: doc.lang,
      text: doc.text,
      sentences: JSON.stringify(doc.sentences),
      piiMasked: JSON.stringify(doc.piiMasked),
      createdAt: doc.createdAt,
      rating: doc.rating,
      ratingScale: doc.ratingScale,
      channel: doc.channel,
      product: doc.product,
      source: doc.source,
      metadata: JSON.stringify(doc.metadata),
      sourceFile: doc.sourceFile ?? null,
      sourceLine: doc.sourceLine ?? null,
      sourceKey: doc.sourceKey ?? null,
      runId,
      now,
    });
    const ratings = ratingsOf(doc);
    // A new document holds only the row the rating trigger (005) wrote for its first rating, read as it was
    // answered with CES's easy end low: kept when it is the row the writer would write (all but a CES whose easy end
    // is high), so most rated rows are written once.
    const triggered = !wasStored && doc.rating !== null && doc.ratingScale !== null;
    const first = ratings[0];
    const kept =
      triggered &&
      first !== undefined &&
      sameRow(ratingRow(first), ratingRow({ scale: doc.ratingScale!, rating: doc.rating!, ...(doc.ratingScale === 'ces' ? { easyEnd: 'low' as const } : {}) }));
    if (!kept && (wasStored || triggered)) deleteRatings.run(doc.id);
    for (const r of kept ? ratings.slice(1) : ratings) insertRating.run(doc.id, ...ratingRow(r));
    return wasStored;
  };
  const insertRejected = db.prepare(
    'INSERT INTO rejected_rows (run_id, file, line, field, reason, value) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const lastRowid = db.prepare('SELECT coalesce(max(rowid), 0) FROM documents').pluck();
  const deferIndex = db.prepare('INSERT INTO search_index_deferred (after_rowid) VALUES (?)');
  const indexInserted = db.prepare('INSERT INTO documents_fts (rowid, text) SELECT rowid, text FROM documents WHERE rowid > ?');
  const endDeferral = db.prepare('DELETE FROM search_index_deferred');
  // The follow-up queue (012) likewise: the triggers wait while the batch writes, and each document's queue row is
  // written from what the batch has in hand (followupOf), after its document, analysis and ratings.
  const deferQueue = db.prepare('INSERT INTO followup_queue_deferred (active) VALUES (1)');
  const dropQueued = db.prepare('DELETE FROM followup_queue WHERE doc_id = ?');
  const queue = db.prepare('INSERT INTO followup_queue (doc_id, created_at, severity, reasons) VALUES (?, ?, ?, ?)');
  const endQueueDeferral = db.prepare('DELETE FROM followup_queue_deferred');
  let inBatch = false;
  const queueDocument = (doc: Doc, wasStored: boolean, sentiment: SentimentLabel | null, kind: FeedbackKind | null): void => {
    if (!inBatch) return; // outside a batch the triggers did it
    const f = followupOf(sentiment, kind, ratingsOf(doc));
    if (wasStored) dropQueued.run(doc.id);
    if (f) queue.run(doc.id, doc.createdAt, f.severity, f.reasons);
  };

  return {
    write(doc) {
      const now = new Date().toISOString();
      const wasStored = writeDocument(doc, now);
      upsertAnalysis.run({
        id: doc.id,
        sentimentLabel: doc.sentiment.label,
        sentimentScore: doc.sentiment.score,
        sentimentConfidence: doc.sentiment.confidence,
        sentimentModel: doc.sentiment.model,
        sentenceScores: JSON.stringify(doc.sentiment.sentences),
        emotions: JSON.stringify(doc.emotions),
        kind: doc.kind.label,
        kindConfidence: doc.kind.confidence,
        kindModel: doc.kind.model,
        stage: doc.stage,
        touchpoint: doc.touchpoint,
        terms: JSON.stringify(doc.terms),
        runId,
        now,
      });
      queueDocument(doc, wasStored, doc.sentiment.label, doc.kind.label);
      return wasStored ? 'updated' : 'inserted';
    },
    writeRatingOnly(doc) {
      const wasStored = writeDocument(doc, new Date().toISOString());
      notPending.run(doc.id); // never themed, so never waiting for a theme step
      if (wasStored) {
        // It had a text before: its analysis and themes no longer describe it.
        deleteAnalysis.run(doc.id);
        deleteThemes.run(doc.id);
      }
      queueDocument(doc, wasStored, null, null);
      return wasStored ? 'updated' : 'inserted';
    },
    duplicate(row) {
      insertDuplicate.run(runId, row.docId, row.file, row.line, row.keptFile, row.keptLine);
    },
    touch(id) {
      touchDoc.run(runId, id);
    },
    reject(row) {
      insertRejected.run(runId, row.file, row.line, row.field, row.reason, row.value);
    },
    batch(writeAll) {
      // New rows take rowids above the largest one (no AUTOINCREMENT, nothing deleted meanwhile), so the batch's
      // inserts are exactly the rows above it. A failure rolls the deferral back with the rest of the batch.
      return db.transaction(() => {
        const after = lastRowid.get() as number;
        deferIndex.run(after);
        deferQueue.run();
        inBatch = true;
        try {
          const result = writeAll();
          indexInserted.run(after);
          endDeferral.run();
          endQueueDeferral.run();
          return result;
        } finally {
          inBatch = false;
        }
      })();
    },
  };
}
