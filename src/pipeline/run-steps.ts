// The named steps of `koe run`, each testable alone: read batches → select changed → analyze in order → write
// batch → themes. runKoe (run-koe.ts) strings them together; the store commits after every written batch.
import { performance } from 'node:perf_hooks';
import type { Doc, RejectedRow } from '../types.js';
import { readFeedback } from '../ingest/index.js';
import { maskMessage, normalizeFeedback } from '../normalize/index.js';
import type { IngestOptions } from '../ingest/index.js';
import type { Db } from '../store/open-store.js';
import { findAnalysisState, type DocumentWriter, type StoredDoc } from '../store/document-repository.js';
import type { RunProgressRecord } from '../store/run-repository.js';
import type { AnalyzeBatch, DocAnalysis } from './analyze-batch.js';

/** Rows read from the input, normalized, with the rows rejected among them. */
export interface ReadBatch {
  docs: Doc[];
  rejected: RejectedRow[];
  /** Input rows this batch stands for (documents + rejected). */
  rowsRead: number;
}

/** Thrown by readBatches under `strict` at the first rejected row. */
export class StrictModeError extends Error {
  override name = 'StrictModeError';
  constructor(readonly row: RejectedRow) {
    super(`${row.file}:${row.line}${row.field ? ` (${row.field})` : ''}: ${row.reason} — run stopped by --strict`);
  }
}

export interface ReadBatchesOptions {
  batchSize: number;
  strict?: boolean;
  onRejected?: (row: RejectedRow) => void;
  /** Milliseconds spent reading and normalizing, added up as batches are made. */
  timing?: { ms: number };
  /** The database's key for source ids that are personal data (stored as keyed hashes). */
  sourceIdKey?: Uint8Array | null;
  /** Counts documents whose source id was stored as a keyed hash. */
  hashed?: { sourceIds: number };
}

/** A rejected row as it is stored and shown: its reason and excerpt masked (mask first, cut after). */
export function maskRejectedRow(row: RejectedRow): RejectedRow {
  return { ...row, file: maskMessage(row.file), reason: maskMessage(row.reason), value: row.value === null ? null : maskMessage(row.value) };
}

/** Step 1: streams the input files as batches of `batchSize` documents (memory stays flat). */
export async function* readBatches(files: readonly string[], ingest: IngestOptions, options: ReadBatchesOptions): AsyncGenerator<ReadBatch> {
  let batch: ReadBatch = { docs: [], rejected: [], rowsRead: 0 };
  let t = performance.now();
  const lap = (): void => {
    if (options.timing) options.timing.ms += performance.now() - t;
  };
  for await (const item of readFeedback([...files], ingest)) {
    batch.rowsRead++;
    if (!item.ok) {
      const rejected = maskRejectedRow(item.rejected);
      batch.rejected.push(rejected);
      options.onRejected?.(rejected);
      if (options.strict) throw new StrictModeError(rejected);
      continue;
    }
    const doc = normalizeFeedback(item.row, { sourceIdKey: options.sourceIdKey ?? null });
    if (doc.sourceIdHashed && options.hashed) options.hashed.sourceIds++;
    batch.docs.push(doc);
    if (batch.docs.length >= options.batchSize) {
      lap();
      yield batch;
      batch = { docs: [], rejected: [], rowsRead: 0 };
      t = performance.now();
    }
  }
  lap();
  if (batch.rowsRead > 0) yield batch;
}

/** A batch split into the documents to analyze and those stored already with the same content. */
export interface SelectedBatch extends ReadBatch {
  changed: Doc[];
  unchangedIds: string[];
}

export interface SelectOptions {
  /** Analyze unchanged documents again (after a model change)… */
  reanalyze?: boolean;
  /** …except those these runs (the interrupted runs being finished) analyzed already. */
  analyzedBy?: ReadonlySet<number>;
}

/**
 * Step 2: which documents need analysis. One with the same id and content hash as a stored document is
 * unchanged, so a re-run (or a resumed run, whose committed batches are all unchanged) skips it cheaply.
 * The last row with an id wins within a batch, as in a sequential run.
 */
export function selectChanged(db: Db, batch: ReadBatch, options: SelectOptions = {}): SelectedBatch {
  const byId = new Map<string, Doc>();
  for (const d of batch.docs) byId.set(d.id, d);
  const docs = [...byId.values()];
  const stored = findAnalysisState(db, docs.map((d) => d.id));
  const changed: Doc[] = [];
  const unchangedIds: string[] = [];
  for (const d of docs) {
    const s = stored.get(d.id);
    const same = s !== undefined && s.contentHash === d.contentHash;
    const skip = same && (!options.reanalyze || (s.analysisRunId !== null && (options.analyzedBy?.has(s.analysisRunId) ?? false)));
    if (skip) unchangedIds.push(d.id);
    else changed.push(d);
  }
  return { ...batch, docs, changed, unchangedIds };
}

export interface AnalyzedBatch extends SelectedBatch {
  /** Aligned with `changed`. */
  analyses: DocAnalysis[];
}

/**
 * Step 3: analyzes batches concurrently (up to `inFlight` at once, e.g. one per worker thread plus one) and
 * yields them in the order they were read, so a later row with the same id wins.
 */
export async function* analyzeInOrder(
  batches: AsyncIterable<SelectedBatch>,
  analyze: AnalyzeBatch,
  inFlight: number,
  timing?: { ms: number },
): AsyncGenerator<AnalyzedBatch> {
  const queue: Promise<AnalyzedBatch>[] = [];
  const start = (b: SelectedBatch): Promise<AnalyzedBatch> => {
    const t = performance.now();
    const p = (b.changed.length > 0 ? analyze(b.changed) : Promise.resolve([] as DocAnalysis[])).then((analyses) => {
      if (timing) timing.ms += performance.now() - t;
      return { ...b, analyses };
    });
    p.catch(() => {}); // surfaced when the caller reaches it, in order
    return p;
  };
  try {
    for await (const b of batches) {
      queue.push(start(b));
      while (queue.length > Math.max(0, inFlight - 1)) yield await queue.shift()!;
    }
    while (queue.length > 0) yield await queue.shift()!;
  } finally {
    // Stopped early (an error downstream): let the batches still in flight settle before the analyzer closes.
    await Promise.allSettled(queue);
  }
}

/** What a run has committed so far (the runs row holds the same). */
export type CommittedProgress = RunProgressRecord;

export function emptyProgress(): CommittedProgress {
  return { rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, analyzed: 0, batchesCommitted: 0 };
}

/**
 * Step 4: one transaction per batch — its documents with their analyses (marked theme-pending), the unchanged
 * ones touched, its rejected rows, and the run's progress. A run killed at any point has committed whole batches
 * only, and its runs row says how many.
 */
export function writeBatch(
  db: Db,
  writer: DocumentWriter,
  batch: AnalyzedBatch,
  progress: CommittedProgress,
  recordProgress: (p: CommittedProgress) => void,
): CommittedProgress {
  const next = { ...progress };
  db.transaction(() => {
    for (const row of batch.rejected) writer.reject(row);
    for (const id of batch.unchangedIds) writer.touch(id);
    batch.analyses.forEach((a, i) => {
      const doc = batch.changed[i]!;
      const stored: StoredDoc = { ...doc, ...a, id: doc.id };
      if (writer.write(stored) === 'inserted') next.inserted++;
      else next.updated++;
    });
    next.rowsRead += batch.rowsRead;
    next.rejected += batch.rejected.length;
    next.unchanged += batch.unchangedIds.length;
    next.analyzed += batch.analyses.length;
    next.batchesCommitted++;
    recordProgress(next);
  })();
  return next;
}
