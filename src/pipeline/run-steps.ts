// The named steps of `koe run`, each testable alone: read batches → select changed → analyze in order → write
// batch → themes. runKoe (run-koe.ts) strings them together; the store commits after every written batch.
import { performance } from 'node:perf_hooks';
import type { Doc, RejectedRow } from '../types.js';
import { readFeedback } from '../ingest/index.js';
import { normalizeFeedback } from '../normalize/index.js';
import type { IngestOptions } from '../ingest/index.js';
import type { Db } from '../store/open-store.js';
import { findAnalysisState, type DocumentWriter, type StoredDoc } from '../store/document-repository.js';
import type { RunProgressRecord } from '../store/run-repository.js';
import type { AnalyzeBatch, DocAnalysis } from './analyze-batch.js';

/** Rows read from the input, normalized, with the rows rejected among them. */
export interface ReadBatch {
  docs: Doc[];
  rejected: RejectedRow[];
  /** Input rows this batch stands for (documents + rejected + skipped). */
  rowsRead: number;
  /** Rows an interrupted run committed already (see ReadBatchesOptions.skipRows): documents, and rejected rows. */
  skipped?: { documents: number; rejected: number };
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
  /**
   * The first rows of the input, committed by the interrupted run this one finishes (over the same, unchanged
   * files): parsed to keep the count, but neither normalized nor looked up nor written again.
   */
  skipRows?: number;
}

/** Skipped rows are reported in batches this many times larger than a document batch (they cost little). */
const SKIP_BATCH_FACTOR = 20;

/** Step 1: streams the input files as batches of `batchSize` documents (memory stays flat). */
export async function* readBatches(files: readonly string[], ingest: IngestOptions, options: ReadBatchesOptions): AsyncGenerator<ReadBatch> {
  let batch: ReadBatch = { docs: [], rejected: [], rowsRead: 0 };
  let t = performance.now();
  const lap = (): void => {
    if (options.timing) options.timing.ms += performance.now() - t;
  };
  let toSkip = options.skipRows ?? 0;
  for await (const item of readFeedback([...files], ingest)) {
    batch.rowsRead++;
    if (toSkip > 0) {
      toSkip--;
      const skipped = (batch.skipped ??= { documents: 0, rejected: 0 });
      if (item.ok) skipped.documents++;
      else skipped.rejected++;
      if (toSkip === 0 || batch.rowsRead >= options.batchSize * SKIP_BATCH_FACTOR) {
        lap();
        yield batch;
        batch = { docs: [], rejected: [], rowsRead: 0 };
        t = performance.now();
      }
      continue;
    }
    if (!item.ok) {
      batch.rejected.push(item.rejected);
      options.onRejected?.(item.rejected);
      if (options.strict) throw new StrictModeError(item.rejected);
      continue;
    }
    batch.docs.push(normalizeFeedback(item.row));
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
    next.rejected += batch.rejected.length + (batch.skipped?.rejected ?? 0);
    next.unchanged += batch.unchangedIds.length + (batch.skipped?.documents ?? 0);
    next.analyzed += batch.analyses.length;
    next.batchesCommitted++;
    recordProgress(next);
  })();
  return next;
}
