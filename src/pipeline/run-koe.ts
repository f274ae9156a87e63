import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Doc, RejectedRow } from '../types.js';
import { listInputFiles, readFeedback } from '../ingest/index.js';
import { maskMessage, normalizeFeedback } from '../normalize/index.js';
import { loadSourceIdKey } from '../store/privacy-repository.js';
import { openStore } from '../store/open-store.js';
import { createDocumentWriter, findContentHashes, type StoredDoc } from '../store/document-repository.js';
import { finishRun, markInterruptedRuns, recordRunConfig, startRun, type RunCounts, type RunStatus } from '../store/run-repository.js';
import { resolveConfig, type KoeConfig, type KoeConfigInput } from './config.js';
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
  /** Documents whose source id was personal data (an e-mail, a phone) and is stored as a keyed hash. */
  hashedSourceIds: number;
}

/** A rejected row as it is stored and shown: its reason and excerpt masked (mask first, cut after). */
function maskRejectedRow(row: RejectedRow): RejectedRow {
  return { ...row, reason: maskMessage(row.reason), value: row.value === null ? null : maskMessage(row.value) };
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
    config = withTrainedModels(db, resolveConfig(options.config), options.config);
  } catch (err) {
    store.close();
    throw err;
  }
  const counts: RunCounts = { rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  const timings: StageTimings = { readAndNormalize: 0, analyze: 0, write: 0, themes: 0, total: 0 };
  let analyzed = 0;
  let hashedSourceIds = 0;
  let runId: number | null = null;
  let analyzer: Analyzer | null = null;
  let inTransaction = false;
  try {
    const interruptedRuns = markInterruptedRuns(db);
    runId = startRun(db, options.command ?? 'run', options.inputs, describeConfig(config));
    const files = listInputFiles(options.inputs);
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
    const sourceIdKey = loadSourceIdKey(db);
    const activeAnalyzer = analyzer;

    // Batches are analyzed concurrently but written in the order they were read, so a later row with the same
    // id wins, as it would in a sequential run. At most `size + 1` batches are in flight: memory stays flat.
    let writeChain: Promise<void> = Promise.resolve();
    const inFlight: Promise<void>[] = [];

    const dispatch = async (batch: Doc[]): Promise<void> => {
      const byId = new Map<string, Doc>();
      for (const d of batch) byId.set(d.id, d); // the last row with an id wins within a batch too
      const docs = [...byId.values()];
      const known = options.reanalyze ? new Map<string, string>() : findContentHashes(db, docs.map((d) => d.id));
      const changed: Doc[] = [];
      for (const d of docs) {
        if (known.get(d.id) === d.contentHash) {
          writer.touch(d.id);
          counts.unchanged++;
        } else {
          changed.push(d);
        }
      }
      const analyzeStart = performance.now();
      const results = changed.length > 0 ? activeAnalyzer.analyze(changed) : Promise.resolve([] as DocAnalysis[]);
      results.catch(() => {}); // handled when the write chain reaches it
      const written = writeChain.then(async () => {
        const analyses = await results;
        timings.analyze += performance.now() - analyzeStart;
        const w = performance.now();
        db.transaction(() => {
          analyses.forEach((a, i) => {
            const doc = changed[i]!;
            const stored: StoredDoc = { ...doc, ...a, id: doc.id };
            if (writer.write(stored) === 'inserted') counts.inserted++;
            else counts.updated++;
          });
        })();
        analyzed += analyses.length;
        timings.write += performance.now() - w;
        options.onProgress?.({ ...counts, analyzed });
      });
      writeChain = written;
      inFlight.push(written);
      while (inFlight.length > activeAnalyzer.size) await inFlight.shift();
    };

    let batch: Doc[] = [];
    t = performance.now();
    for await (const item of readFeedback(files, config.ingest)) {
      counts.rowsRead++;
      if (!item.ok) {
        counts.rejected++;
        const rejected = maskRejectedRow(item.rejected);
        writer.reject(rejected);
        options.onRejected?.(rejected);
        if (config.strict) throw new StrictModeError(rejected);
        continue;
      }
      const doc = normalizeFeedback(item.row, { sourceIdKey });
      if (doc.sourceIdHashed) hashedSourceIds++;
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
    finishRun(db, runId, status, counts, timings.total);
    log(
      `timings (ms): read+normalize ${Math.round(timings.readAndNormalize)}, analyze ${Math.round(timings.analyze)} ` +
        `(wall, overlapping), write ${Math.round(timings.write)}, themes ${Math.round(timings.themes)}, ` +
        `total ${Math.round(timings.total)}`,
    );
    return { runId, status, ...counts, durationMs: timings.total, timings, themes, interruptedRuns, hashedSourceIds };
  } catch (err) {
    if (inTransaction) db.exec('ROLLBACK');
    // Error messages can quote input (a value, a path): masked before runs.error and stderr see them.
    const message = maskMessage(err instanceof Error ? err.message : String(err));
    if (runId !== null) {
      // Nothing of the run was committed: record the failure with the counts as they were when it stopped.
      finishRun(db, runId, 'failed', counts, performance.now() - started, message);
    }
    throw err instanceof StrictModeError ? err : new RunFailedError(message, runId, err);
  } finally {
    await analyzer?.close();
    store.close();
  }
}
