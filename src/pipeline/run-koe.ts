import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Doc, RejectedRow } from '../types.js';
import { listInputs, readFeedback } from '../ingest/index.js';
import { DuplicateIds, normalizeFeedback, OccurrenceCounter, type WriteOutcome } from '../normalize/index.js';
import { openStore } from '../store/open-store.js';
import {
  createDocumentWriter,
  findContentHashes,
  replaceEditedRows,
  type DuplicateRow,
  type SourcePlace,
  type StoredDoc,
} from '../store/document-repository.js';
import { finishRun, markInterruptedRuns, recordRunConfig, startRun, type RunCounts, type RunStatus } from '../store/run-repository.js';
import { resolveConfig, type KoeConfig, type KoeConfigInput } from './config.js';
import { checkConfig } from './check-config.js';
import { createAnalyzer, type AnalyzeBatch, type DocAnalysis } from './analyze-batch.js';
import { createWorkerPool } from './worker-pool.js';
import { parseThemeConfig, updateThemes, type ThemeUpdateSummary } from './update-themes.js';
import { embeddingModelId, precomputeEmbeddings } from './embed-documents.js';
import { loadActiveModel } from '../store/model-repository.js';
import type { TrainedModel } from '../models/trained-model.js';
import type { Db } from '../store/open-store.js';

export interface RunProgress extends RunCounts {
  /** Documents analyzed so far (new or changed). */
  analyzed: number;
}

export interface RunOptions {
  /** SQLite database file (created when missing). */
  db: string;
  /** Files or directories to read. */
  inputs: string[];
  config?: KoeConfigInput;
  /** Analyze every document again even when its content is unchanged (after a model change). */
  reanalyze?: boolean;
  /** The command line recorded in `runs.command`. */
  command?: string;
  onRejected?: (row: RejectedRow) => void;
  /** A row superseded by a later row with the same id (the later one is stored). */
  onDuplicate?: (row: DuplicateRow) => void;
  /** A note about an input that is not a rejected row (a mapped column missing, a spreadsheet skipped in a folder). */
  onWarning?: (message: string) => void;
  onProgress?: (progress: RunProgress) => void;
  /** Per-stage notes for --verbose. */
  log?: (message: string) => void;
}

export interface StageTimings {
  readAndNormalize: number;
  analyze: number;
  write: number;
  themes: number;
  total: number;
}

export interface RunSummary extends RunCounts {
  runId: number;
  status: Exclude<RunStatus, 'running'>;
  durationMs: number;
  timings: StageTimings;
  themes: ThemeUpdateSummary | null;
  /** Earlier runs found still marked running (killed) and now marked failed. */
  interruptedRuns: number[];
  /** Stored rows whose rating has no scale: it counts in no metric. */
  unscaledRatings: number;
}

/** An input that is not feedback koe can read (no text column, a spreadsheet): the run stops, nothing is written. */
export class UnusableInputError extends Error {
  override name = 'UnusableInputError';
  constructor(readonly row: RejectedRow) {
    super(`${row.file}${row.line > 0 ? `:${row.line}` : ''}: ${row.reason}`);
  }
}

/** A run that failed: the database is as it was before the run, and `runs` records the failure. */
export class RunFailedError extends Error {
  override name = 'RunFailedError';
  constructor(
    message: string,
    readonly runId: number | null,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/** The first rejected row under `strict`. */
export class StrictModeError extends Error {
  override name = 'StrictModeError';
  constructor(readonly row: RejectedRow) {
    super(`${row.file}:${row.line}${row.field ? ` (${row.field})` : ''}: ${row.reason} — run stopped by --strict`);
  }
}

/** The config as recorded in `runs.config`: a trained model is named by task and version, not copied. */
function describeConfig(config: KoeConfig): unknown {
  const name = (c: Record<string, unknown>): Record<string, unknown> => {
    const model = c.model as { version?: number } | undefined;
    return model ? { ...c, model: `trained v${model.version ?? '?'}` } : c;
  };
  return { ...config, sentiment: name(config.sentiment), kind: name(config.kind) };
}

/** Below this much input, starting worker threads (each loads its own dictionaries) costs more than it saves. */
export const SMALL_INPUT_BYTES = 4 * 1024 * 1024;

/** Worker threads for these inputs when the config does not say: none for small inputs, else the default. */
export function workersFor(files: readonly string[], byDefault: number): number {
  let bytes = 0;
  for (const f of files) bytes += fs.statSync(f).size;
  return bytes < SMALL_INPUT_BYTES ? 0 : byDefault;
}

interface Analyzer {
  analyze: AnalyzeBatch;
  size: number;
  close(): Promise<void>;
}

/**
 * A model trained with `koe train` is used by every later run, unless the config names a backend explicitly
 * (e.g. `--sentiment-model DIR`, or `backend: 'rules'` in koe.config.json to switch the model off).
 */
export function withTrainedModels(db: Db, config: KoeConfig, explicit: KoeConfigInput = {}): KoeConfig {
  const out = { ...config };
  if (explicit.sentiment?.backend === undefined) {
    const model = loadActiveModel(db, 'sentiment');
    if (model) out.sentiment = { ...config.sentiment, backend: 'linear', model };
  }
  if (explicit.kind?.backend === undefined) {
    const model = loadActiveModel(db, 'kind');
    if (model) out.kind = { ...config.kind, backend: 'linear', model };
  }
  return out;
}

/** "rules", "linear" or "linear v3 + sentence encoder use-lite-en" (an encoder costs time per document: say so). */
function describeBackend(stage: { backend?: unknown; model?: unknown }): string {
  const backend = typeof stage.backend === 'string' ? stage.backend : 'rules';
  const model = stage.model as Partial<TrainedModel> | undefined;
  if (backend !== 'linear' || !model) return backend;
  return `linear v${model.version}${model.encoder ? ` + sentence encoder ${model.encoder.name}` : ''}`;
}

async function startAnalyzer(config: KoeConfig): Promise<Analyzer> {
  const analyzerConfig = { sentiment: config.sentiment, kind: config.kind };
  if (config.workers > 0) return createWorkerPool(analyzerConfig, config.workers);
  const analyze = await createAnalyzer(analyzerConfig);
  return { analyze, size: 1, close: async () => {} };
}

/**
 * `koe run`: reads the inputs in batches, analyzes new and changed documents (on worker threads), stores them,
 * then updates the themes. The whole run is one transaction: a failed or killed run leaves the database as it
 * was, and running the same command again does the work once. Unchanged documents are not analyzed again.
 */
export async function runKoe(options: RunOptions): Promise<RunSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const store = openStore(options.db);
  const { db } = store;
  let config: KoeConfig;
  try {
    checkConfig(options.config ?? {});
    config = withTrainedModels(db, resolveConfig(options.config), options.config);
  } catch (err) {
    store.close();
    throw err;
  }
  const counts: Required<RunCounts> = {
    rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, duplicates: 0, ratingOnly: 0, controlChars: 0, filesRead: 0,
  };
  let unscaledRatings = 0;
  const timings: StageTimings = { readAndNormalize: 0, analyze: 0, write: 0, themes: 0, total: 0 };
  let analyzed = 0;
  let runId: number | null = null;
  let analyzer: Analyzer | null = null;
  let inTransaction = false;
  try {
    const interruptedRuns = markInterruptedRuns(db);
    runId = startRun(db, options.command ?? 'run', options.inputs, describeConfig(config));
    const { inputs, skipped } = listInputs(options.inputs);
    const files = inputs.map((i) => i.file);
    counts.filesRead = files.length;
    for (const f of skipped) options.onWarning?.(`${f}: not a supported format (a spreadsheet or archive); skipped — save it as CSV or JSON Lines`);
    if (options.config?.workers === undefined) {
      config.workers = workersFor(files, config.workers);
      recordRunConfig(db, runId, describeConfig(config));
    }
    // A bad theme config or embedding model directory fails now, not after the whole input was analyzed.
    const { embeddingModel } = parseThemeConfig(config.themes);
    if (embeddingModel !== undefined && !config.skipThemes) embeddingModelId(embeddingModel);
    log(`run ${runId}: ${files.length} input file(s), batch size ${config.batchSize}, ${config.workers} worker(s)`);
    log(`sentiment: ${describeBackend(config.sentiment)}, kind: ${describeBackend(config.kind)}`);

    let t = performance.now();
    analyzer = await startAnalyzer(config);
    log(`analyzer ready in ${Math.round(performance.now() - t)} ms`);

    db.exec('BEGIN IMMEDIATE');
    inTransaction = true;
    const writer = createDocumentWriter(db, runId);
    const activeAnalyzer = analyzer;

    // Batches are analyzed concurrently but written in the order they were read, so a later row with the same
    // id wins, as it would in a sequential run. At most `size + 1` batches are in flight: memory stays flat.
    let writeChain: Promise<void> = Promise.resolve();
    const inFlight: Promise<void>[] = [];

    // Every stored row is counted once, in read order, as new, updated or unchanged; a row superseded by a later
    // row with the same id is taken back from those counts and counted as a duplicate instead.
    const settle = (doc: Doc, outcome: WriteOutcome): void => {
      const { count, takeBack } = duplicates.settle(doc.id, outcome, doc.contentHash);
      if (takeBack !== null) counts[takeBack]--;
      counts[count]++;
    };

    const dispatch = async (batch: (Doc & SourcePlace)[]): Promise<void> => {
      const byId = new Map<string, Doc & SourcePlace>();
      for (const d of batch) byId.set(d.id, d); // the last row with an id wins within a batch too
      const docs = [...byId.values()];
      const known = findContentHashes(db, docs.map((d) => d.id));
      const changed: (Doc & SourcePlace)[] = [];
      const unchanged: Doc[] = [];
      for (const d of docs) {
        duplicates.notePreRun(d.id, known.get(d.id) ?? null);
        // A repeated id is decided when it is written: an earlier row of this run may still be on its way.
        if (!options.reanalyze && known.get(d.id) === d.contentHash && !duplicates.repeated(d.id)) {
          writer.touch(d.id);
          unchanged.push(d);
        } else {
          changed.push(d);
        }
      }
      // Ratings without text are stored as they are: nothing to analyze.
      const textual = changed.filter((d) => d.text !== '');
      const analyzeStart = performance.now();
      const results = textual.length > 0 ? activeAnalyzer.analyze(textual) : Promise.resolve([] as DocAnalysis[]);
      results.catch(() => {}); // handled when the write chain reaches it
      const written = writeChain.then(async () => {
        const analyses = await results;
        timings.analyze += performance.now() - analyzeStart;
        const w = performance.now();
        db.transaction(() => {
          for (const doc of unchanged) settle(doc, 'unchanged');
          const sameAsStored = (d: Doc): boolean => duplicates.repeated(d.id) && findContentHashes(db, [d.id]).get(d.id) === d.contentHash;
          analyses.forEach((a, i) => {
            const doc = textual[i]!;
            if (sameAsStored(doc)) {
              writer.touch(doc.id);
              settle(doc, 'unchanged');
              return;
            }
            const stored: StoredDoc = { ...doc, ...a, id: doc.id };
            settle(doc, writer.write(stored));
          });
          for (const doc of changed) {
            if (doc.text !== '') continue;
            if (sameAsStored(doc)) {
              writer.touch(doc.id);
              settle(doc, 'unchanged');
            } else {
              settle(doc, writer.writeRatingOnly(doc));
            }
          }
        })();
        analyzed += analyses.length;
        timings.write += performance.now() - w;
        options.onProgress?.({ ...counts, analyzed });
      });
      writeChain = written;
      inFlight.push(written);
      while (inFlight.length > activeAnalyzer.size) await inFlight.shift();
    };

    // Identity of id-less rows (file + occurrence) and duplicate ids are decided here, in read order.
    const occurrences = new OccurrenceCounter();
    const duplicates = new DuplicateIds();
    let batch: (Doc & SourcePlace)[] = [];
    t = performance.now();
    for await (const item of readFeedback(inputs, config.ingest)) {
      if (!item.ok && item.fileProblem === 'warning') {
        options.onWarning?.(`${item.rejected.file}: ${item.rejected.reason}`);
        continue;
      }
      if (!item.ok && item.fileProblem === 'unusable') throw new UnusableInputError(item.rejected);
      counts.rowsRead++;
      if (!item.ok) {
        counts.rejected++;
        writer.reject(item.rejected);
        options.onRejected?.(item.rejected);
        if (config.strict) throw new StrictModeError(item.rejected);
        continue;
      }
      const doc: Doc & SourcePlace = normalizeFeedback(item.row, occurrences);
      doc.sourceFile = item.row.file;
      doc.sourceLine = item.row.line;
      doc.sourceKey = item.row.sourceKey ?? null;
      counts.controlChars += doc.controlChars ?? 0;
      if (doc.text === '') counts.ratingOnly++;
      if (doc.rating !== null && doc.ratingScale === null) unscaledRatings++;
      const earlier = duplicates.arrive(doc.id, item.row.file, item.row.line);
      if (earlier) {
        const dup: DuplicateRow = { docId: doc.id, file: earlier.file, line: earlier.line, keptFile: item.row.file, keptLine: item.row.line };
        counts.duplicates++;
        writer.duplicate(dup);
        options.onDuplicate?.(dup);
      }
      batch.push(doc);
      if (batch.length >= config.batchSize) {
        timings.readAndNormalize += performance.now() - t;
        await dispatch(batch);
        batch = [];
        t = performance.now();
      }
    }
    timings.readAndNormalize += performance.now() - t;
    if (batch.length > 0) await dispatch(batch);
    await Promise.all(inFlight);
    await writeChain;
    await analyzer.close();
    analyzer = null;
    // An id-less row edited in place updates the document it was, rather than adding a second one.
    const edited = replaceEditedRows(db, runId).length;
    counts.inserted -= edited;
    counts.updated += edited;
    if (edited > 0) log(`${edited} id-less row(s) edited in place replaced their earlier version`);

    let themes: ThemeUpdateSummary | null = null;
    if (!config.skipThemes) {
      t = performance.now();
      if (embeddingModel !== undefined) await precomputeEmbeddings(db, embeddingModel, { log });
      themes = updateThemes(db, runId, config.themes);
      timings.themes = performance.now() - t;
    }

    db.exec('COMMIT');
    inTransaction = false;
    timings.total = performance.now() - started;
    const status = counts.rejected > 0 ? 'rejected_rows' : 'ok';
    const stored = counts.inserted + counts.updated + counts.unchanged;
    if (stored + counts.rejected + counts.duplicates !== counts.rowsRead) {
      log(`accounting: ${counts.rowsRead} rows read but ${stored} stored + ${counts.rejected} rejected + ${counts.duplicates} duplicates`);
    }
    finishRun(db, runId, status, counts, timings.total);
    log(
      `timings (ms): read+normalize ${Math.round(timings.readAndNormalize)}, analyze ${Math.round(timings.analyze)} ` +
        `(wall, overlapping), write ${Math.round(timings.write)}, themes ${Math.round(timings.themes)}, ` +
        `total ${Math.round(timings.total)}`,
    );
    return { runId, status, ...counts, durationMs: timings.total, timings, themes, interruptedRuns, unscaledRatings };
  } catch (err) {
    if (inTransaction) db.exec('ROLLBACK');
    const message = err instanceof Error ? err.message : String(err);
    if (runId !== null) {
      // Nothing of the run was committed: record the failure with the counts as they were when it stopped.
      finishRun(db, runId, 'failed', counts, performance.now() - started, message);
    }
    throw err instanceof StrictModeError || err instanceof UnusableInputError ? err : new RunFailedError(message, runId, err);
  } finally {
    await analyzer?.close();
    store.close();
  }
}
