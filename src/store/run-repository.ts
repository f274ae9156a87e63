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

/** Records a run as 'running' in its own (autocommitted) statement, so even a killed run leaves a trace. */
export function startRun(db: Db, command: string, inputs: string[], config: unknown): number {
  const info = db
    .prepare(`INSERT INTO runs (started_at, status, command, inputs, config) VALUES (?, 'running', ?, ?, ?)`)
    .run(new Date().toISOString(), command, JSON.stringify(inputs), JSON.stringify(config ?? {}));
  return Number(info.lastInsertRowid);
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
       rejected = ?, duplicates = ?, rating_only = ?, control_chars = ?, files_read = ?, duration_ms = ?, error = ?
     WHERE id = ?`,
  ).run(
    new Date().toISOString(),
    status,
    counts.rowsRead,
    counts.inserted,
    counts.updated,
    counts.unchanged,
    counts.rejected,
    counts.duplicates ?? 0,
    counts.ratingOnly ?? 0,
    counts.controlChars ?? 0,
    counts.filesRead ?? 0,
    Math.round(durationMs),
    error,
    runId,
  );
}

/**
 * Runs still marked 'running' were killed (a live run holds the write lock, so none can be running now):
 * mark them failed so `runs` tells the truth. Returns their ids.
 */
export function markInterruptedRuns(db: Db): number[] {
  const rows = db.prepare(`SELECT id FROM runs WHERE status = 'running'`).all() as { id: number }[];
  if (rows.length > 0) {
    db.prepare(
      `UPDATE runs SET status = 'failed', error = 'interrupted: the process ended before the run finished'
       WHERE status = 'running'`,
    ).run();
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
