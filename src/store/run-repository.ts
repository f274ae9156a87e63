import os from 'node:os';
import type { Db } from './open-store.js';

export type RunStatus = 'running' | 'ok' | 'rejected_rows' | 'failed';

/** rowsRead = inserted + updated + unchanged + rejected + duplicates, for every finished run. */
export interface RunCounts {
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Rows superseded by a later row with the same id in the same run (reported in `duplicate_rows`). */
  duplicates?: number;
  /** Rows read that carry ratings and no text (stored as rating-only documents). */
  ratingOnly?: number;
  /** NUL, control and invisible characters removed from texts. */
  controlChars?: number;
  filesRead?: number;
}

/** The extra counts of migration 005 as SQL values (0 when a caller has none). */
function extraCounts(c: RunCounts): [number, number, number, number] {
  return [c.duplicates ?? 0, c.ratingOnly ?? 0, c.controlChars ?? 0, c.filesRead ?? 0];
}

export interface RunRecord extends RunCounts {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  command: string;
  inputs: string[];
  durationMs: number | null;
  error: string | null;
}

/** Where a run is: reading and analyzing (committing batch by batch), in its theme step, or finished. */
export type RunPhase = 'starting' | 'analysis' | 'themes' | 'done';

/** How far a run got, as committed: updated in the same transaction as each batch. */
export interface RunProgressRecord extends RunCounts {
  analyzed: number;
  batchesCommitted: number;
  /** Documents given their nearest theme inside their batch's transaction (a run at size, migration 009). */
  provisional?: number;
}

/**
 * Records a run as 'running' in its own (autocommitted) statement, so even a killed run leaves a trace, with the
 * process that runs it (pid, host) and the interrupted run it finishes, if any.
 */
export function startRun(
  db: Db,
  command: string,
  inputs: string[],
  config: unknown,
  resumesRunId: number | null = null,
  operation: 'run' | 'rebuild' | 'train' = 'run',
): number {
  const info = db
    .prepare(
      `INSERT INTO runs (started_at, status, command, inputs, config, phase, pid, host, resumes_run_id, operation)
       VALUES (?, 'running', ?, ?, ?, 'starting', ?, ?, ?, ?)`,
    )
    .run(new Date().toISOString(), command, JSON.stringify(inputs), JSON.stringify(config ?? {}), process.pid, os.hostname(), resumesRunId, operation);
  return Number(info.lastInsertRowid);
}

export function setRunPhase(db: Db, runId: number, phase: RunPhase): void {
  db.prepare('UPDATE runs SET phase = ? WHERE id = ?').run(phase, runId);
}

/** Call inside the batch's transaction: the run row then says exactly what is committed. */
export function recordRunProgress(db: Db, runId: number, p: RunProgressRecord): void {
  db.prepare(
    `UPDATE runs SET rows_read = ?, inserted = ?, updated = ?, unchanged = ?, rejected = ?, analyzed = ?,
       batches_committed = ?, duplicates = ?, rating_only = ?, control_chars = ?, files_read = ?, provisional = ? WHERE id = ?`,
  ).run(p.rowsRead, p.inserted, p.updated, p.unchanged, p.rejected, p.analyzed, p.batchesCommitted, ...extraCounts(p), p.provisional ?? 0, runId);
}

/** What a run's theme steps did (migration 009): the early step's documents, the final step's pending and discovered. */
export function recordThemeStepCounts(
  db: Db,
  runId: number,
  counts: { earlyStepDocuments?: number; pending?: number; discovered?: number },
): void {
  if (counts.earlyStepDocuments !== undefined) db.prepare('UPDATE runs SET early_theme_step_documents = ? WHERE id = ?').run(counts.earlyStepDocuments, runId);
  if (counts.pending !== undefined) {
    db.prepare('UPDATE runs SET theme_step_pending = ?, theme_step_discovered = ? WHERE id = ?').run(counts.pending, counts.discovered ?? null, runId);
  }
}

/**
 * The latest run over the same inputs, when it did not finish (killed or failed before its end): the run that
 * starts now finishes its work. Returns its id and the ids it itself resumed (the whole unfinished chain).
 */
export function findUnfinishedRun(db: Db, inputs: readonly string[], reanalyze: boolean, beforeRunId: number = Number.MAX_SAFE_INTEGER): number[] {
  const last = db
    .prepare(`SELECT id, status, phase, config, resumes_run_id FROM runs WHERE operation = 'run' AND inputs = ? AND id <= ? ORDER BY id DESC LIMIT 1`)
    .get(JSON.stringify(inputs), beforeRunId) as { id: number; status: RunStatus; phase: RunPhase | null; config: string; resumes_run_id: number | null } | undefined;
  if (!last || last.status !== 'failed' || last.phase === null || last.phase === 'done') return [];
  const wasReanalyze = (JSON.parse(last.config) as { reanalyze?: boolean }).reanalyze === true;
  if (wasReanalyze !== reanalyze) return [];
  const chain = [last.id];
  let next = last.resumes_run_id;
  const parent = db.prepare('SELECT resumes_run_id FROM runs WHERE id = ?').pluck();
  while (next !== null && !chain.includes(next)) {
    chain.push(next);
    next = (parent.get(next) as number | null | undefined) ?? null;
  }
  return chain;
}

/** Replaces the recorded config once the run has settled what it depends on (e.g. the worker count). */
export function recordRunConfig(db: Db, runId: number, config: unknown): void {
  db.prepare('UPDATE runs SET config = ? WHERE id = ?').run(JSON.stringify(config ?? {}), runId);
}

export function finishRun(
  db: Db,
  runId: number,
  status: Exclude<RunStatus, 'running'>,
  counts: RunCounts,
  durationMs: number,
  error: string | null = null,
): void {
  db.prepare(
    `UPDATE runs SET finished_at = ?, status = ?, rows_read = ?, inserted = ?, updated = ?, unchanged = ?,
       rejected = ?, duplicates = ?, rating_only = ?, control_chars = ?, files_read = ?, duration_ms = ?, error = ?,
       phase = CASE WHEN ? = 'failed' THEN phase ELSE 'done' END WHERE id = ?`,
  ).run(
    new Date().toISOString(),
    status,
    counts.rowsRead,
    counts.inserted,
    counts.updated,
    counts.unchanged,
    counts.rejected,
    ...extraCounts(counts),
    Math.round(durationMs),
    error,
    status,
    runId,
  );
}

/**
 * Runs still marked 'running' were killed. Call only while holding the write lease (write-lease.ts): the lease
 * holder is the one live writer, so any other 'running' row belongs to a process that is gone. Marks them failed
 * so `runs` tells the truth; returns their ids.
 */
export function markInterruptedRuns(db: Db, exceptRunId: number | null = null): number[] {
  const rows = db.prepare(`SELECT id FROM runs WHERE status = 'running' AND id IS NOT ?`).all(exceptRunId) as { id: number }[];
  if (rows.length > 0) {
    db.prepare(
      `UPDATE runs SET status = 'failed', error = 'interrupted: the process ended before the run finished'
       WHERE status = 'running' AND id IS NOT ?`,
    ).run(exceptRunId);
  }
  return rows.map((r) => r.id);
}

interface RunRow {
  id: number;
  started_at: string;
  finished_at: string | null;
  status: RunStatus;
  command: string;
  inputs: string;
  rows_read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  duplicates: number;
  rating_only: number;
  control_chars: number;
  files_read: number;
  duration_ms: number | null;
  error: string | null;
}

export function listRuns(db: Db, limit = 20): RunRecord[] {
  const rows = db.prepare(`SELECT * FROM runs ORDER BY id DESC LIMIT ?`).all(limit) as RunRow[];
  return rows.map((r) => ({
    id: r.id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status,
    command: r.command,
    inputs: JSON.parse(r.inputs) as string[],
    rowsRead: r.rows_read,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    rejected: r.rejected,
    duplicates: r.duplicates,
    ratingOnly: r.rating_only,
    controlChars: r.control_chars,
    filesRead: r.files_read,
    durationMs: r.duration_ms,
    error: r.error,
  }));
}
