// The named steps of `koe run`, each testable alone: read batches → select changed → analyze in order → write
// batch → themes. runKoe (run-koe.ts) strings them together; the store commits after every written batch.
import { performance } from 'node:perf_hooks';
import type { Doc, RejectedRow } from '../types.js';
import { readFeedback, type InputFile } from '../ingest/index.js';
import { maskMessage, normalizeFeedback, type DuplicateIds, type OccurrenceCounter, type WriteOutcome } from '../normalize/index.js';
import type { IngestOptions } from '../ingest/index.js';
import type { Db } from '../store/open-store.js';
import {
  findAnalysisState,
  findContentHashes,
  type DocumentWriter,
  type DuplicateRow,
  type SourcePlace,
  type StoredDoc,
} from '../store/document-repository.js';
import type { RunProgressRecord } from '../store/run-repository.js';
import { START_OF_INPUTS, type ResumePoint } from '../store/resume-repository.js';
import { themeDocOf, type AnalyzeBatch, type DocAnalysis, type WorkerPlacement } from './analyze-batch.js';
import type { StoredThemeDoc } from '../store/theme-repository.js';
import type { ProvisionalThemer } from './provisional-themes.js';

/** A document with the place of its row. */
export type PlacedDoc = Doc & SourcePlace;

/** Rows read from the input, normalized, with the rows rejected among them. */
export interface ReadBatch {
  docs: PlacedDoc[];
  rejected: RejectedRow[];
  /** Input rows this batch stands for (documents + rejected). */
  rowsRead: number;
  /** Earlier rows superseded by a row of this batch with the same id. */
  duplicateRows?: DuplicateRow[];
  /** Rows with ratings and no text; control characters removed; ratings that have no scale. */
  ratingOnly?: number;
  controlChars?: number;
  unscaledRatings?: number;
  /** How far into the inputs the rows read so far reach, this batch's included (recorded when it is committed). */
  position?: ResumePoint;
}

/** Thrown by readBatches under `strict` at the first rejected row. */
export class StrictModeError extends Error {
  override name = 'StrictModeError';
  constructor(readonly row: RejectedRow) {
    super(`${row.file}:${row.line}${row.field ? ` (${row.field})` : ''}: ${row.reason} — run stopped by --strict`);
  }
}

/** An input that is not feedback koe can read (no text column, a spreadsheet): the run stops. */
export class UnusableInputError extends Error {
  override name = 'UnusableInputError';
  constructor(readonly row: RejectedRow) {
    super(`${row.file}${row.line > 0 ? `:${row.line}` : ''}: ${row.reason}`);
  }
}

export interface ReadBatchesOptions {
  batchSize: number;
  /** A batch also ends once its documents' text reaches this many characters (long documents, smaller batches). */
  batchChars?: number;
  strict?: boolean;
  onRejected?: (row: RejectedRow) => void;
  /** Identity of id-less rows (file + occurrence) across the run's batches. */
  occurrences?: OccurrenceCounter;
  /** Duplicate ids across the run's batches. */
  duplicates?: DuplicateIds;
  onDuplicate?: (row: DuplicateRow) => void;
  /** A note about an input that is not a row (a mapped column missing). */
  onWarning?: (message: string) => void;
  /** Milliseconds spent reading and normalizing, added up as batches are made. */
  timing?: { ms: number };
  /** The database's key for source ids that are personal data (stored as keyed hashes). */
  sourceIdKey?: Uint8Array | null;
  /** Counts documents whose source id was stored as a keyed hash. */
  hashed?: { sourceIds: number };
  /** Start here (a resumed run): earlier files are not opened, the rows before it in its file are not built. */
  resumeAt?: ResumePoint;
}

/** A rejected row as it is stored and shown: its reason and excerpt masked (mask first, cut after). */
export function maskRejectedRow(row: RejectedRow): RejectedRow {
  return { ...row, file: maskMessage(row.file), reason: maskMessage(row.reason), value: row.value === null ? null : maskMessage(row.value) };
}


/**
 * Step 1: streams the input files as batches of `batchSize` documents, or fewer when their text reaches
 * `batchChars` (memory stays flat whatever the length of the documents).
 */
export async function* readBatches(
  files: readonly (string | InputFile)[],
  ingest: IngestOptions,
  options: ReadBatchesOptions,
): AsyncGenerator<ReadBatch> {
  const fresh = (): ReadBatch => ({ docs: [], rejected: [], rowsRead: 0, duplicateRows: [], ratingOnly: 0, controlChars: 0, unscaledRatings: 0 });
  let batch = fresh();
  let batchChars = 0;
  let t = performance.now();
  const lap = (): void => {
    if (options.timing) options.timing.ms += performance.now() - t;
  };
  const from = options.resumeAt ?? START_OF_INPUTS;
  // One file at a time, so each batch knows how far into the inputs it reaches.
  for (let fileIndex = from.fileIndex; fileIndex < files.length; fileIndex++) {
    const skipRows = fileIndex === from.fileIndex ? from.fileRows : 0;
    const at: ResumePoint = fileIndex === from.fileIndex ? { ...from } : { fileIndex, fileRows: 0, fileLine: 0 };
    for await (const item of readFeedback([files[fileIndex]!], ingest, { rows: skipRows })) {
      if (!item.ok && item.fileProblem === 'warning') {
        options.onWarning?.(`${item.rejected.file}: ${item.rejected.reason}`);
        continue;
      }
      if (!item.ok && item.fileProblem === 'unusable') throw new UnusableInputError(item.rejected);
      batch.rowsRead++;
      at.fileRows++;
      at.fileLine = item.ok ? item.row.line : item.rejected.line;
      if (!item.ok) {
        const rejected = maskRejectedRow(item.rejected);
        batch.rejected.push(rejected);
        options.onRejected?.(rejected);
        if (options.strict) throw new StrictModeError(rejected);
        continue;
      }
      const doc: PlacedDoc = normalizeFeedback(item.row, { sourceIdKey: options.sourceIdKey ?? null, occurrences: options.occurrences });
      if (doc.sourceIdHashed && options.hashed) options.hashed.sourceIds++;
      // File names are masked wherever they are stored, as in rejected rows (a name can hold an e-mail address).
      doc.sourceFile = maskMessage(item.row.file);
      doc.sourceLine = item.row.line;
      doc.sourceKey = item.row.sourceKey === undefined ? null : maskMessage(item.row.sourceKey);
      batch.controlChars! += doc.controlChars ?? 0;
      if (doc.text === '') batch.ratingOnly!++;
      if (doc.rating !== null && doc.ratingScale === null) batch.unscaledRatings!++;
      const earlier = options.duplicates?.arrive(doc.id, item.row.file, item.row.line);
      if (earlier) {
        const dup: DuplicateRow = {
          docId: doc.id,
          file: maskMessage(earlier.file),
          line: earlier.line,
          keptFile: maskMessage(item.row.file),
          keptLine: item.row.line,
        };
        batch.duplicateRows!.push(dup);
        options.onDuplicate?.(dup);
      }
      batch.docs.push(doc);
      batchChars += doc.text.length;
      if (batch.docs.length >= options.batchSize || batchChars >= (options.batchChars ?? Infinity)) {
        lap();
        // The batch reaches the row just read; a batch left open at the file's end reaches the file's end.
        batch.position = { ...at };
        yield batch;
        batch = fresh();
        batchChars = 0;
        t = performance.now();
      }
    }
    // This file is read to its end: the next batch committed reaches at least the start of the next one.
    batch.position = { fileIndex: fileIndex + 1, fileRows: 0, fileLine: 0 };
  }
  lap();
  if (batch.rowsRead > 0) yield batch;
}

/** A batch split into the documents to analyze and those stored already with the same content. */
export interface SelectedBatch extends ReadBatch {
  /** Documents with text to analyze. */
  changed: PlacedDoc[];
  unchangedIds: string[];
  /** New or changed documents with ratings and no text: stored as they are, never analyzed. */
  ratingOnlyDocs?: PlacedDoc[];
}

export interface SelectOptions {
  /** Analyze unchanged documents again (after a model change)… */
  reanalyze?: boolean;
  /** …except those these runs (the interrupted runs being finished) analyzed already. */
  analyzedBy?: ReadonlySet<number>;
  /** Duplicate ids of the run: a repeated id is decided when it is written. */
  duplicates?: DuplicateIds;
}

/** The worker threads' placements of a batch's written documents, when every one was placed under `token`. */
function placedByWorkers(placed: readonly (WorkerPlacement | undefined)[], token: string): { vectors: Float32Array; placements: WorkerPlacement[] } | undefined {
  if (placed.length === 0 || !placed.every((p) => p?.token === token)) return undefined;
  const all = placed as WorkerPlacement[];
  const dim = all[0]!.vector.length;
  const vectors = new Float32Array(all.length * dim);
  all.forEach((p, i) => vectors.set(p.vector, i * dim));
  return { vectors, placements: all };
}

/**
 * Step 2: which documents need analysis. One with the same id and content hash as a stored document is
 * unchanged, so a re-run (or a resumed run, whose committed batches are all unchanged) skips it cheaply.
 * The last row with an id wins within a batch, as in a sequential run.
 */
export function selectChanged(db: Db, batch: ReadBatch, options: SelectOptions = {}): SelectedBatch {
  const byId = new Map<string, PlacedDoc>();
  for (const d of batch.docs) byId.set(d.id, d);
  const docs = [...byId.values()];
  const stored = findAnalysisState(db, docs.map((d) => d.id));
  const changed: PlacedDoc[] = [];
  const unchangedIds: string[] = [];
  const ratingOnlyDocs: PlacedDoc[] = [];
  const { duplicates } = options;
  for (const d of docs) {
    const s = stored.get(d.id);
    duplicates?.notePreRun(d.id, s?.contentHash ?? null);
    // An earlier row of this run with the same id may still be on its way to the database: decided when written.
    const repeated = duplicates?.repeated(d.id) ?? false;
    const same = s !== undefined && s.contentHash === d.contentHash && !repeated;
    const skip =
      same && (d.text === '' || !options.reanalyze || (s.analysisRunId !== null && (options.analyzedBy?.has(s.analysisRunId) ?? false)));
    if (skip) unchangedIds.push(d.id);
    else if (d.text === '') ratingOnlyDocs.push(d);
    else changed.push(d);
  }
  return { ...batch, docs, changed, unchangedIds, ratingOnlyDocs };
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
  return {
    rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, analyzed: 0, batchesCommitted: 0,
    duplicates: 0, ratingOnly: 0, controlChars: 0, filesRead: 0, provisional: 0,
  };
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
  duplicates?: DuplicateIds,
  themer?: ProvisionalThemer | null,
): CommittedProgress {
  const next = { ...progress };
  // Every stored row is counted once, as new, updated or unchanged against the database before the run; a row
  // superseded by a later one with the same id is taken back from those counts (it is counted as a duplicate).
  const settle = (doc: { id: string; contentHash: string }, outcome: WriteOutcome): void => {
    const { count, takeBack } = duplicates ? duplicates.settle(doc.id, outcome, doc.contentHash) : { count: outcome, takeBack: null };
    if (takeBack !== null) next[takeBack]--;
    next[count]++;
  };
  const sameAsStored = (d: Doc): boolean =>
    (duplicates?.repeated(d.id) ?? false) && findContentHashes(db, [d.id]).get(d.id) === d.contentHash;
  const written: StoredThemeDoc[] = [];
  const placedBy: (WorkerPlacement | undefined)[] = [];
  writer.batch(() => {
    for (const row of batch.rejected) writer.reject(row);
    for (const row of batch.duplicateRows ?? []) writer.duplicate(row);
    for (const id of batch.unchangedIds) {
      writer.touch(id);
      settle({ id, contentHash: '' }, 'unchanged');
    }
    batch.analyses.forEach((a, i) => {
      const doc = batch.changed[i]!;
      if (sameAsStored(doc)) {
        writer.touch(doc.id);
        settle(doc, 'unchanged');
        return;
      }
      const stored: StoredDoc = { ...doc, ...a, id: doc.id };
      settle(doc, writer.write(stored));
      written.push({ ...themeDocOf(doc, a), contentHash: doc.contentHash });
      placedBy.push(a.placement);
    });
    // At size, each written document gets its nearest theme in this same transaction (provisional-themes.ts), as
    // the worker thread that analysed it placed it when it had these themes.
    if (themer) next.provisional = (next.provisional ?? 0) + themer.assign(written, placedByWorkers(placedBy, themer.placementModel.token));
    for (const doc of batch.ratingOnlyDocs ?? []) {
      if (sameAsStored(doc)) {
        writer.touch(doc.id);
        settle(doc, 'unchanged');
      } else {
        settle(doc, writer.writeRatingOnly(doc));
      }
    }
    next.rowsRead += batch.rowsRead;
    next.rejected += batch.rejected.length;
    next.duplicates = (next.duplicates ?? 0) + (batch.duplicateRows?.length ?? 0);
    next.ratingOnly = (next.ratingOnly ?? 0) + (batch.ratingOnly ?? 0);
    next.controlChars = (next.controlChars ?? 0) + (batch.controlChars ?? 0);
    next.analyzed += batch.analyses.length;
    next.batchesCommitted++;
    recordProgress(next);
  });
  return next;
}
