import type { AnalyzedDoc, RejectedRow } from '../types.js';
import type { Db } from './open-store.js';

/** What the store keeps of an analyzed document: everything but the token stream. */
export type StoredDoc = Omit<AnalyzedDoc, 'tokens'> & { sourceFile?: string | null; sourceLine?: number | null };

const LOOKUP_CHUNK = 500;

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
  /** Marks an unchanged document as seen by this run. */
  touch(id: string): void;
  reject(row: RejectedRow): void;
}

/**
 * Prepared statements for one run. Call inside a transaction: a document and its analysis are
 * written together or not at all. A written document is marked theme_pending until the next theme step.
 */
export function createDocumentWriter(db: Db, runId: number): DocumentWriter {
  const exists = db.prepare('SELECT 1 FROM documents WHERE id = ?').pluck();
  const upsertDoc = db.prepare(`
    INSERT INTO documents (id, source_id, content_hash, lang, text, sentences, pii_masked, created_at, rating,
      rating_scale, channel, product, source, metadata, source_file, source_line, first_run_id, last_run_id,
      ingested_at, updated_at, theme_pending)
    VALUES (@id, @sourceId, @contentHash, @lang, @text, @sentences, @piiMasked, @createdAt, @rating,
      @ratingScale, @channel, @product, @source, @metadata, @sourceFile, @sourceLine, @runId, @runId, @now, @now, 1)
    ON CONFLICT (id) DO UPDATE SET
      source_id = excluded.source_id, content_hash = excluded.content_hash, lang = excluded.lang,
      text = excluded.text, sentences = excluded.sentences, pii_masked = excluded.pii_masked,
      created_at = excluded.created_at, rating = excluded.rating, rating_scale = excluded.rating_scale,
      channel = excluded.channel, product = excluded.product, source = excluded.source,
      metadata = excluded.metadata, source_file = excluded.source_file, source_line = excluded.source_line,
      last_run_id = excluded.last_run_id, updated_at = excluded.updated_at, theme_pending = 1`);
  const upsertAnalysis = db.prepare(`
    INSERT OR REPLACE INTO analyses (doc_id, sentiment_label, sentiment_score, sentiment_confidence, sentiment_model,
      sentence_scores, emotions, kind, kind_confidence, kind_model, stage, touchpoint, terms, run_id, analyzed_at)
    VALUES (@id, @sentimentLabel, @sentimentScore, @sentimentConfidence, @sentimentModel, @sentenceScores,
      @emotions, @kind, @kindConfidence, @kindModel, @stage, @touchpoint, @terms, @runId, @now)`);
  const touchDoc = db.prepare('UPDATE documents SET last_run_id = ? WHERE id = ?');
  const insertRejected = db.prepare(
    'INSERT INTO rejected_rows (run_id, file, line, field, reason, value) VALUES (?, ?, ?, ?, ?, ?)',
  );

  return {
    write(doc) {
      const now = new Date().toISOString();
      const wasStored = exists.get(doc.id) !== undefined;
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
        runId,
        now,
      });
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
      return wasStored ? 'updated' : 'inserted';
    },
    touch(id) {
      touchDoc.run(runId, id);
    },
    reject(row) {
      insertRejected.run(runId, row.file, row.line, row.field, row.reason, row.value);
    },
  };
}
