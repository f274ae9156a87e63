import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { RejectedRow } from '../types.js';
import { findUnusableInput, listInputs } from '../ingest/index.js';
import { DuplicateIds, maskMessage, OccurrenceCounter } from '../normalize/index.js';
import { loadSourceIdKey } from '../store/privacy-repository.js';
import { checkpointWal, keepTempInMemory, openStore, paceCheckpoints } from '../store/open-store.js';
import { storageFailure } from '../store/check-database.js';
import { createDocumentWriter, replaceEditedRows, type DuplicateRow } from '../store/document-repository.js';
import { findUnfinishedRun, recordThemeStepCounts, type RunCounts, type RunStatus } from '../store/run-repository.js';
import { countPendingThemeDocs } from '../store/theme-step-repository.js';
import { countThemeDocs } from '../store/theme-repository.js';
import { recordedProblems, recordResumePoint, recordRowsSkipped, START_OF_INPUTS, startResumePoint } from '../store/resume-repository.js';
import { findResumeFrom, identityStateAt, inputsKey, type ResumeFrom } from './run-resume.js';
import { DEFAULT_CLUSTER_SAMPLE } from '../themes/index.js';
import { createProvisionalThemer, earlyThemeStepWatch, type ProvisionalThemer } from './provisional-themes.js';
import type { LeaseHolder } from '../store/write-lease.js';
import { beginOperation, type Operation } from './long-operation.js';
import { resolveConfig, type KoeConfig, type KoeConfigInput } from './config.js';
import { checkConfig } from './check-config.js';
import { createAnalyzer, type AnalyzeBatch } from './analyze-batch.js';
import {
  analyzeInOrder,
  emptyProgress,
  readBatches,
  selectChanged,
  StrictModeError,
  UnusableInputError,
  writeBatch,
  type SelectedBatch,
} from './run-steps.js';

export { UnusableInputError } from './run-steps.js';
import { createWorkerPool } from './worker-pool.js';
import { applyPendingCuration, parseThemeConfig, updateThemes, type ThemeUpdateSummary } from './update-themes.js';
import { embeddingModelId, precomputeEmbeddings, precomputeEncoderVectors } from './embed-documents.js';
import { loadSentenceEncoder } from '../models/sentence-encoder.js';
import { loadActiveModel } from '../store/model-repository.js';
import type { TrainedModel } from '../models/trained-model.js';
import type { Db } from '../store/open-store.js';

export interface RunProgress extends RunCounts {
  /** Documents analyzed so far (new or changed), as committed. */
  analyzed: number;
  /** Batches committed so far. */
  batchesCommitted: number;
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
  /** Called as the run enters a phase: 'analysis' (batches committed one by one), then 'themes'. */
  onPhase?: (phase: 'analysis' | 'themes') => void;
  /** Per-stage notes for --verbose. */
  log?: (message: string) => void;
  /**
   * When another process writes the database: wait up to this many seconds for it (Infinity: as long as it
   * takes); 0 or absent fails at once with a DatabaseBusyError naming it.
   */
  wait?: number;
  /** Told once when the run waits for another writer. */
  onWait?: (holder: LeaseHolder) => void;
  /**
   * Stops the run between batches (Ctrl-C, a scheduler's SIGTERM): the batches committed stay, the run is recorded
   * failed with the reason, and the same command finishes the work. The reason is the signal's name, or any text.
   */
  signal?: AbortSignal;
}

/** A run stopped on request (RunOptions.signal) between its batches. */
export class RunStoppedError extends Error {
  override name = 'RunStoppedError';
  constructor(
    readonly reason: string,
    batchesCommitted: number,
    readonly runId: number | null = null,
  ) {
    super(`stopped by ${reason} after ${batchesCommitted} batch(es) committed; the same command again finishes the work`);
  }
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
  /** Documents this run analyzed (a resumed run analyzes only what the interrupted one had not committed). */
  analyzed: number;
  batchesCommitted: number;
  /** The interrupted run over the same inputs that this run finished, if any. */
  resumedRunId: number | null;
  /**
   * Rows this run did not read again because the interrupted run had committed them (it started at the first
   * uncommitted row). They are in the counts as that run counted them: the counts are those of one whole run.
   */
  rowsSkipped: number;
  status: Exclude<RunStatus, 'running'>;
  durationMs: number;
  timings: StageTimings;
  themes: ThemeUpdateSummary | null;
  /** The theme step a long first run took during its analysis, once it had committed clusterSample documents. */
  earlyThemes: ThemeUpdateSummary | null;
  /** Documents given their nearest theme as their batch was committed (a run at size). */
  provisional: number;
  /** Earlier runs found still marked running (killed) and now marked failed. */
  interruptedRuns: number[];
  /** Stored rows whose rating has no scale: it counts in no metric. */
  unscaledRatings: number;
  /** Documents whose source id was personal data (an e-mail, a phone) and is stored as a keyed hash. */
  hashedSourceIds: number;
}

/**
 * What an operator can do about a failure of the disk under the database (SQLite's SQLITE_FULL, or an I/O error):
 * nothing committed is lost, and the same command finishes the work once there is room.
 */
function diskFailureAdvice(err: unknown, db: string, progress: RunProgress): string {
  const failure = storageFailure(err);
  if (failure !== 'full' && failure !== 'io') return '';
  const kept = progress.batchesCommitted > 0 ? `the ${progress.batchesCommitted} batch(es) committed before it are kept` : 'nothing of this run was committed';
  return ` (writing ${db}${failure === 'full' ? ': the disk is full' : ': is its disk full or read-only?'}); ${kept}: make room and run the same command again to finish`;
}

/** A run that failed: the batches it committed stay (each document with its analysis), and `runs` records the failure and how far it got. */
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

export { StrictModeError };

/** The config as recorded in `runs.config`: a trained model is named by task and version, not copied. */
function describeConfig(config: KoeConfig): unknown {
  const name = (c: Record<string, unknown>): Record<string, unknown> => {
    const model = c.model as { version?: number } | undefined;
    return model ? { ...c, model: `trained v${model.version ?? '?'}` } : c;
  };
  return { ...config, sentiment: name(config.sentiment), kind: name(config.kind) };
}

/** Resident and heap memory of the process now, for --verbose. */
function memoryNote(): string {
  const m = process.memoryUsage();
  const mib = (b: number): string => `${Math.round(b / 2 ** 20)} MiB`;
  return `rss ${mib(m.rss)}, heap ${mib(m.heapUsed)} used of ${mib(m.heapTotal)}`;
}

/** A WAL checkpoint (TRUNCATE) after this many committed batches: 25,000 documents at the default batch size. */
export const CHECKPOINT_EVERY_BATCHES = 50;

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

/** The analyzer of a run: worker threads (given the run's provisional themes to place documents among), or this thread. */
async function startAnalyzer(config: KoeConfig, themer: ProvisionalThemer | null): Promise<Analyzer> {
  const analyzerConfig = { sentiment: config.sentiment, kind: config.kind };
  if (config.workers > 0) return createWorkerPool(analyzerConfig, config.workers, themer?.placementModel ?? null);
  const analyze = await createAnalyzer(analyzerConfig);
  return { analyze, size: 1, close: async () => {} };
}

/**
 * `koe run`: reads the inputs in batches, analyzes new and changed documents (on worker threads), commits each
 * batch with its analysis (marked theme-pending), then updates the themes in one transaction. A run killed at any
 * point leaves whole batches and the themes of the last completed theme step; the same command again skips what
 * was committed (unchanged content) and finishes the work. Under `strict` the whole run is one transaction.
 */
export async function runKoe(options: RunOptions): Promise<RunSummary> {
  const store = openStore(options.db);
  try {
    return await runKoeOn(store.db, options);
  } finally {
    store.close();
  }
}

/** runKoe on an open database (openKoe's `run`; ':memory:' works too). */
export async function runKoeOn(db: Db, options: Omit<RunOptions, 'db'>): Promise<RunSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  checkConfig(options.config ?? {});
  const config = withTrainedModels(db, resolveConfig(options.config), options.config);
  let progress = emptyProgress();
  const reading = { ms: 0 };
  const analyzing = { ms: 0 };
  const timings: StageTimings = { readAndNormalize: 0, analyze: 0, write: 0, themes: 0, total: 0 };
  const hashed = { sourceIds: 0 };
  let analyzer: Analyzer | null = null;
  let inTransaction = false;
  const recorded = (): unknown => ({ ...(describeConfig(config) as object), ...(options.reanalyze ? { reanalyze: true } : {}) });
  // One writer at a time: a second run names the holder and stops (or waits), before it records anything.
  const op: Operation = await beginOperation(db, {
    kind: 'run',
    command: options.command ?? 'run',
    inputs: options.inputs,
    config: recorded(),
    wait: options.wait,
    onWait: options.onWait,
    resumes: (d) => findUnfinishedRun(d, options.inputs, options.reanalyze === true)[0] ?? null,
  });
  const runId = op.runId;
  try {
    const { interruptedRuns } = op;
    const resumes = op.resumesRunId === null ? [] : findUnfinishedRun(db, options.inputs, options.reanalyze === true, op.resumesRunId);
    const { inputs, skipped } = listInputs(options.inputs);
    const files = inputs.map((i) => i.file);
    for (const f of skipped) options.onWarning?.(`${f}: not a supported format (a spreadsheet or archive); skipped — save it as CSV or JSON Lines`);
    // An input that is not feedback at all stops the run before anything is written.
    const unusable = await findUnusableInput(inputs, config.ingest);
    if (unusable && !unusable.ok) throw new UnusableInputError(unusable.rejected);
    if (options.config?.workers === undefined) {
      config.workers = workersFor(files, config.workers);
      op.recordConfig(recorded());
    }
    // A bad theme config, embedding model directory or sentence encoder fails now, not after the whole input was analyzed.
    const themeConfig = parseThemeConfig(config.themes);
    const { embeddingModel, encoder: encoderName } = themeConfig;
    if (embeddingModel !== undefined && !config.skipThemes) embeddingModelId(embeddingModel);
    if (encoderName !== undefined && !config.skipThemes) await loadSentenceEncoder(encoderName);
    log(`run ${runId}: ${files.length} input file(s), batch size ${config.batchSize}, ${config.workers} worker(s)`);
    log(`sentiment: ${describeBackend(config.sentiment)}, kind: ${describeBackend(config.kind)}`);

    // Where this run starts: at the first row the interrupted run did not commit, when the inputs are as it read
    // them; recorded with the counts it carries on, so a kill of this run resumes from here too. Not under
    // --strict, whose one transaction keeps nothing of a failed run.
    let resumeFrom: ResumeFrom | null = null;
    if (!config.strict) {
      const key = inputsKey(inputs, config.ingest);
      const found = findResumeFrom(db, resumes, key);
      resumeFrom = found.from;
      if (resumes.length > 0 && found.why !== null) log(`finishing interrupted run ${resumes[0]} from the start of the inputs (${found.why}): its committed batches are skipped as unchanged`);
      db.transaction(() => {
        startResumePoint(db, runId, key, resumeFrom?.point ?? START_OF_INPUTS);
        if (resumeFrom) {
          progress = { ...resumeFrom.counts, filesRead: files.length };
          recordRowsSkipped(db, runId, resumeFrom.rowsSkipped);
          op.progress(progress);
        }
      })();
    }
    if (resumeFrom) {
      const p = resumeFrom.point;
      log(
        `finishing interrupted run ${resumes[0]} from its resume point: file ${p.fileIndex + 1} of ${files.length}, after its row ${p.fileRows} (line ${p.fileLine}); ` +
          `${resumeFrom.rowsSkipped} rows it committed are not read again`,
      );
      // Their rejected rows and duplicates were recorded by the runs that read them; reported again here.
      const { rejected, duplicates } = recordedProblems(db, resumeFrom.earlierRuns);
      for (const r of rejected) options.onRejected?.(r);
      for (const d of duplicates) options.onDuplicate?.(d);
    }

    // At size, batches are themed as they are committed (provisional-themes.ts); never under --strict's one transaction.
    const themesDuringRun = !config.skipThemes && !config.strict;
    let themer = themesDuringRun ? createProvisionalThemer(db, themeConfig) : null;
    let t = performance.now();
    analyzer = await startAnalyzer(config, themer);
    log(`analyzer ready in ${Math.round(performance.now() - t)} ms${themer && config.workers > 0 ? '; the worker threads place each batch among the themes' : ''}`);

    if (config.strict) {
      // All or nothing: a bad row rolls back every batch (each batch's transaction nests as a savepoint).
      db.exec('BEGIN IMMEDIATE');
      inTransaction = true;
    }
    op.phase('analysis');
    options.onPhase?.('analysis');
    const writer = createDocumentWriter(db, runId, { recordDepartures: options.reanalyze !== true });
    paceCheckpoints(db);
    // The batches' statement journals in memory; each theme step's scratch tables in files (open-store.ts).
    keepTempInMemory(db, true);
    let earlyThemes: ThemeUpdateSummary | null = null;
    // Where the batches' documents were placed among the provisional themes, over the run's themers.
    const placed = { byWorkers: 0, here: 0, notGiven: 0 };
    const addPlaced = (t: ProvisionalThemer | null): void => {
      placed.byWorkers += t?.placed.byWorkers ?? 0;
      placed.here += t?.placed.here ?? 0;
      placed.notGiven += t?.placed.notGiven ?? 0;
    };
    const early = themesDuringRun && themer === null ? earlyThemeStepWatch(db, themeConfig) : null;
    const analyzedBy = new Set(resumes);
    // Identity of id-less rows (file + occurrence) and duplicate ids are kept across the run's batches; a resumed
    // run answers them for the rows it does not read again from what those rows stored.
    const identity = resumeFrom ? identityStateAt(db, resumeFrom.earlierRuns) : { occurrences: new OccurrenceCounter(), duplicates: new DuplicateIds() };
    const { duplicates } = identity;
    let unscaledRatings = 0;
    progress.filesRead = files.length;
    const resumable = !config.strict;
    const read = readBatches(inputs, config.ingest, {
      batchSize: config.batchSize,
      batchChars: config.batchChars,
      strict: config.strict,
      onRejected: options.onRejected,
      onDuplicate: options.onDuplicate,
      onWarning: options.onWarning,
      occurrences: identity.occurrences,
      duplicates,
      resumeAt: resumeFrom?.point,
      timing: reading,
      sourceIdKey: loadSourceIdKey(db),
      hashed,
    });
    async function* selected(): AsyncGenerator<SelectedBatch> {
      for await (const b of read) {
        unscaledRatings += b.unscaledRatings ?? 0;
        yield selectChanged(db, b, { reanalyze: options.reanalyze === true, analyzedBy, duplicates });
      }
    }
    // Calls go to the analyzer of the moment: the worker threads are stopped for an early theme step (below).
    const inFlight = new Set<Promise<unknown>>();
    const analyze: AnalyzeBatch = (docs) => {
      const p = analyzer!.analyze(docs);
      inFlight.add(p);
      void p.then(
        () => inFlight.delete(p),
        () => inFlight.delete(p),
      );
      return p;
    };
    const stopIfAsked = (): void => {
      // (a --strict run's batches are one transaction, rolled back with the rest)
      if (options.signal?.aborted) throw new RunStoppedError(String(options.signal.reason ?? 'request'), resumable ? progress.batchesCommitted : 0, runId);
    };
    for await (const batch of analyzeInOrder(selected(), analyze, analyzer.size + 1, analyzing)) {
      stopIfAsked(); // before writing: the batches analyzed meanwhile are done again by the next run
      const w = performance.now();
      const recordProgress = (p: typeof progress): void => {
        op.progress(p);
        if (resumable && batch.position) recordResumePoint(db, runId, batch.position);
      };
      progress = writeBatch(db, writer, batch, progress, recordProgress, duplicates, themer);
      // Bounded disk: fold the WAL back into the database every so many batches (never inside --strict's one
      // transaction, where a checkpoint cannot pass the open transaction anyway).
      if (!inTransaction && progress.batchesCommitted % CHECKPOINT_EVERY_BATCHES === 0) {
        checkpointWal(db);
        paceCheckpoints(db);
      }
      timings.write += performance.now() - w;
      options.onProgress?.({ ...progress });
      if (early && earlyThemes === null && early.due(progress.analyzed)) {
        // A long first run: a real theme step over the documents committed so far, then later batches are themed.
        const e = performance.now();
        // Worker threads each hold a tokenizer's dictionaries: stopped while the step runs (its memory comes on
        // top of theirs otherwise), started again after it. The batches they were analyzing finish first.
        const restart = config.workers > 0;
        if (restart) {
          await Promise.allSettled([...inFlight]);
          await analyzer!.close();
          analyzer = null;
        }
        // In memory over all of them (just past clusterSample): one projection instead of the streamed rebuild's three.
        const committed = countThemeDocs(db);
        keepTempInMemory(db, false);
        earlyThemes = updateThemes(db, runId, { ...config.themes, clusterSample: Math.max(committed, themeConfig.clusterSample ?? DEFAULT_CLUSTER_SAMPLE) });
        log(`after the early theme step: ${memoryNote()}`);
        recordThemeStepCounts(db, runId, { earlyStepDocuments: earlyThemes.documents });
        addPlaced(themer);
        themer = createProvisionalThemer(db, themeConfig);
        keepTempInMemory(db, true);
        if (restart) {
          const r = performance.now();
          analyzer = await startAnalyzer(config, themer);
          log(`worker threads stopped for the early theme step, started again in ${Math.round(performance.now() - r)} ms${themer ? '; they place each batch among the themes' : ''}`);
        }
        timings.themes += performance.now() - e;
        log(`early theme step (${earlyThemes.mode}, ${earlyThemes.documents} documents, ${earlyThemes.activeThemes} themes): ${JSON.stringify(earlyThemes.timings)} ms`);
      }
    }
    timings.readAndNormalize = reading.ms;
    timings.analyze = analyzing.ms;
    addPlaced(themer);
    if (placed.byWorkers + placed.here + placed.notGiven > 0) {
      log(
        `provisional themes: ${placed.byWorkers} documents placed by the worker threads, ${placed.here} on the main thread; ` +
          `${placed.notGiven} of the workers' batches kept an earlier theme or had none close enough`,
      );
    }
    // Every worker thread is terminated (awaited) before the theme step: none of their memory is held through it.
    await analyzer?.close();
    analyzer = null;
    log(`analysis done, worker threads terminated: ${memoryNote()}`);
    // An id-less row edited in place updates the document it was, rather than adding a second one.
    // A resumed run also settles the rows its interrupted run(s) committed (their new documents are theirs).
    const newDocsOf = resumeFrom ? [...resumeFrom.earlierRuns].reverse().concat(runId) : [runId];
    db.transaction(() => {
      let edited = 0;
      for (const r of newDocsOf) edited += replaceEditedRows(db, r).length;
      if (edited === 0) return;
      progress = { ...progress, inserted: progress.inserted - edited, updated: progress.updated + edited };
      op.progress(progress);
      log(`${edited} id-less row(s) edited in place replaced their earlier version`);
    })();

    stopIfAsked();
    keepTempInMemory(db, false);
    let themes: ThemeUpdateSummary | null = null;
    if (!config.skipThemes) {
      t = performance.now();
      op.phase('themes');
      options.onPhase?.('themes');
      if (embeddingModel !== undefined) await precomputeEmbeddings(db, embeddingModel, { log });
      const encoder = encoderName !== undefined ? (await precomputeEncoderVectors(db, encoderName, { workers: config.workers, log })).encoder : undefined;
      const pending = countPendingThemeDocs(db);
      themes = updateThemes(db, runId, config.themes, encoder ? { encoder } : {});
      recordThemeStepCounts(db, runId, { pending, ...(themes.discovered !== undefined ? { discovered: themes.discovered } : {}) });
      timings.themes += performance.now() - t;
      log(
        `theme step (${themes.mode}, ${themes.documents} documents, ${pending} pending` +
          `${themes.discovered !== undefined ? `, ${themes.discovered} of them unthemed and clustered` : ''}${themes.reread ? `, ${themes.reread.themes} of ${themes.reread.of} themes read again, ${themes.reread.fromStored} brought up to date from their stored figures` : ''}, ${themes.vectorsComputed} vectors computed): ${JSON.stringify(themes.timings)} ms${themes.parts ? ` ${JSON.stringify(themes.parts)}` : ''}`,
      );
    }
    // Curation given during the run after its theme step began (or in a run without one).
    const curation = applyPendingCuration(db, config.themes);
    if (curation.applied > 0) log(`applied ${curation.applied} curation action(s) queued during the run`);
    for (const s of curation.skipped) log(`queued curation not applied: ${s}`);

    if (inTransaction) db.exec('COMMIT');
    inTransaction = false;
    checkpointWal(db);
    timings.total = performance.now() - started;
    const status = progress.rejected > 0 ? 'rejected_rows' : 'ok';
    op.finish(status, progress);
    log(
      `timings (ms): read+normalize ${Math.round(timings.readAndNormalize)}, analyze ${Math.round(timings.analyze)} ` +
        `(wall, overlapping), write ${Math.round(timings.write)}, themes ${Math.round(timings.themes)}, ` +
        `total ${Math.round(timings.total)}`,
    );
    return {
      runId,
      status,
      ...countsOf(progress),
      analyzed: progress.analyzed,
      batchesCommitted: progress.batchesCommitted,
      resumedRunId: resumes[0] ?? null,
      rowsSkipped: resumeFrom?.rowsSkipped ?? 0,
      durationMs: timings.total,
      timings,
      themes,
      earlyThemes,
      provisional: progress.provisional ?? 0,
      interruptedRuns,
      unscaledRatings,
      hashedSourceIds: hashed.sourceIds,
    };
  } catch (err) {
    if (inTransaction) {
      db.exec('ROLLBACK');
      progress = emptyProgress();
    }
    // Error messages can quote input (a value, a path): masked before runs.error and stderr see them.
    const message = maskMessage(err instanceof Error ? err.message : String(err)) + diskFailureAdvice(err, db.name, progress);
    // The batches committed before the failure stay (each with its analysis); the row says how far it got.
    op.fail(err, progress);
    throw err instanceof StrictModeError || err instanceof UnusableInputError || err instanceof RunStoppedError ? err : new RunFailedError(message, runId, err);
  } finally {
    keepTempInMemory(db, false);
    await analyzer?.close();
    op.end();
  }
}

const countsOf = (p: RunCounts): Required<RunCounts> => ({
  rowsRead: p.rowsRead,
  inserted: p.inserted,
  updated: p.updated,
  unchanged: p.unchanged,
  rejected: p.rejected,
  duplicates: p.duplicates ?? 0,
  ratingOnly: p.ratingOnly ?? 0,
  controlChars: p.controlChars ?? 0,
  filesRead: p.filesRead ?? 0,
});
