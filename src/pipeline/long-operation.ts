// One helper records every long operation that writes the database — a run, a themes rebuild, a training — in
// `runs`: it takes the write lease (one writer at a time), marks runs left by dead processes interrupted, records
// the start, progress as it is committed, the finish, or the failure (never left 'running' by a live process).
import { maskMessage } from '../normalize/mask-pii.js';
import type { Db } from '../store/open-store.js';
import {
  finishRun,
  markInterruptedRuns,
  recordRunConfig,
  recordRunProgress,
  setRunPhase,
  startRun,
  type RunPhase,
  type RunProgressRecord,
  type RunStatus,
} from '../store/run-repository.js';
import { acquireWriteLease, type LeaseHolder, type WriteLease } from '../store/write-lease.js';

export type OperationKind = 'run' | 'rebuild' | 'train';

export interface OperationSpec {
  kind: OperationKind;
  /** The command line recorded in runs.command (and named to a second writer). */
  command: string;
  inputs?: string[];
  config?: unknown;
  /** Seconds to wait for another writer (Infinity: as long as it takes); 0 or absent: fail at once. */
  wait?: number;
  onWait?: (holder: LeaseHolder) => void;
  /** Called holding the lease, after interrupted runs are marked: the unfinished run this one finishes, if any. */
  resumes?: (db: Db) => number | null;
}

export interface Operation {
  readonly runId: number;
  readonly lease: WriteLease;
  /** Runs found 'running' whose process was gone, now marked failed. */
  readonly interruptedRuns: number[];
  readonly resumesRunId: number | null;
  phase(phase: RunPhase): void;
  /** Records progress (call inside the transaction that commits it) and keeps the lease alive. */
  progress(p: RunProgressRecord): void;
  recordConfig(config: unknown): void;
  finish(status: Exclude<RunStatus, 'running' | 'failed'>, counts: RunProgressRecord): void;
  fail(error: unknown, counts?: RunProgressRecord): void;
  /** Releases the lease (always call, in a finally). */
  end(): void;
}

const NO_COUNTS: RunProgressRecord = { rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, analyzed: 0, batchesCommitted: 0 };

/** Takes the lease and records the start; throws DatabaseBusyError (naming the holder) without recording anything. */
export async function beginOperation(db: Db, spec: OperationSpec): Promise<Operation> {
  const { lease } = await acquireWriteLease(db, spec.command, { wait: spec.wait, onWait: spec.onWait });
  try {
    const interruptedRuns = markInterruptedRuns(db);
    const resumesRunId = spec.resumes?.(db) ?? null;
    const runId = startRun(db, spec.command, spec.inputs ?? [], spec.config ?? {}, resumesRunId, spec.kind);
    lease.setRunId(runId);
    const started = performance.now();
    let settled = false;
    const op: Operation = {
      runId,
      lease,
      interruptedRuns,
      resumesRunId,
      phase: (phase) => setRunPhase(db, runId, phase),
      progress(p) {
        recordRunProgress(db, runId, p);
        lease.heartbeat();
      },
      recordConfig: (config) => recordRunConfig(db, runId, config),
      finish(status, counts) {
        settled = true;
        finishRun(db, runId, status, counts, performance.now() - started);
      },
      fail(error, counts = NO_COUNTS) {
        if (settled) return;
        settled = true;
        // Masked: an error message can quote an input value (runs.error is stored).
        const message = maskMessage(error instanceof Error ? error.message : String(error));
        try {
          finishRun(db, runId, 'failed', counts, performance.now() - started, message);
        } catch {
          // The failure itself may be why nothing can be written (a full disk): the error that ended the operation
          // is the one to report; the row stays 'running' and the next writer, finding no live process, marks it failed.
        }
      },
      end() {
        if (!settled && db.open) op.fail(new Error('ended without finishing'));
        try {
          lease.release();
        } catch {
          // Not written (a full disk): the lease names this process, and a writer that finds it gone takes it over.
        }
      },
    };
    return op;
  } catch (err) {
    lease.release();
    throw err;
  }
}

/** Runs `work` as a recorded operation: finished 'ok' when it returns, 'failed' (with the error) when it throws. */
export async function runOperation<T>(db: Db, spec: OperationSpec, work: (op: Operation) => Promise<T> | T): Promise<T & { runId: number }> {
  const op = await beginOperation(db, spec);
  try {
    const result = await work(op);
    op.finish('ok', NO_COUNTS);
    return { ...result, runId: op.runId };
  } catch (err) {
    op.fail(err);
    throw err;
  } finally {
    op.end();
  }
}
