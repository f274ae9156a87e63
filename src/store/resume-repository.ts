// Where a run is in its inputs, as committed (migration 010), and what a resumed run needs to know about the rows it
// does not read again: the documents, rejected rows and duplicates the interrupted run(s) committed before that point.
import type { RejectedRow } from '../types.js';
import type { DuplicateRow } from './document-repository.js';
import type { Db } from './open-store.js';
import type { RunProgressRecord } from './run-repository.js';

/** How far into its inputs a run's committed batches reach. */
export interface ResumePoint {
  /** Input files before this one (in reading order) were committed to their end. */
  fileIndex: number;
  /** Rows of that file (stored or rejected) committed. */
  fileRows: number;
  /** The line of the last of them (0: none). */
  fileLine: number;
}

export const START_OF_INPUTS: ResumePoint = { fileIndex: 0, fileRows: 0, fileLine: 0 };

/** Records the run's inputs (by key) and where it starts: call in the same transaction as the counts it starts from. */
export function startResumePoint(db: Db, runId: number, inputsKey: string, point: ResumePoint): void {
  db.prepare('INSERT INTO run_resume_points (run_id, inputs_key, file_index, file_rows, file_line) VALUES (?, ?, ?, ?, ?)').run(
    runId,
    inputsKey,
    point.fileIndex,
    point.fileRows,
    point.fileLine,
  );
}

/** Call inside the transaction of the batch that reached this point. */
export function recordResumePoint(db: Db, runId: number, point: ResumePoint): void {
  db.prepare('UPDATE run_resume_points SET file_index = ?, file_rows = ?, file_line = ? WHERE run_id = ?').run(
    point.fileIndex,
    point.fileRows,
    point.fileLine,
    runId,
  );
}

/** The point a run's committed batches reached, with its inputs key (null: the run recorded none, e.g. before 010). */
export function findResumePoint(db: Db, runId: number): (ResumePoint & { inputsKey: string }) | null {
  const row = db.prepare('SELECT inputs_key, file_index, file_rows, file_line FROM run_resume_points WHERE run_id = ?').get(runId) as
    | { inputs_key: string; file_index: number; file_rows: number; file_line: number }
    | undefined;
  return row ? { inputsKey: row.inputs_key, fileIndex: row.file_index, fileRows: row.file_rows, fileLine: row.file_line } : null;
}

/** The counts a run committed (its runs row, updated with every batch), as a resumed run carries them on. */
export function committedCounts(db: Db, runId: number): RunProgressRecord {
  const r = db
    .prepare(
      `SELECT rows_read, inserted, updated, unchanged, rejected, duplicates, rating_only, control_chars FROM runs WHERE id = ?`,
    )
    .get(runId) as Record<string, number>;
  return {
    rowsRead: r.rows_read!,
    inserted: r.inserted!,
    updated: r.updated!,
    unchanged: r.unchanged!,
    rejected: r.rejected!,
    duplicates: r.duplicates!,
    ratingOnly: r.rating_only!,
    controlChars: r.control_chars!,
    analyzed: 0,
    batchesCommitted: 0,
    provisional: 0,
  };
}

export function recordRowsSkipped(db: Db, runId: number, rows: number): void {
  db.prepare('UPDATE runs SET rows_skipped = ? WHERE id = ?').run(rows, runId);
}

/**
 * The runs whose committed rows lie before a resume point: the latest interrupted run and those it resumed,
 * back to the one that read its inputs from their start (rows_skipped = 0). `chain` is newest first.
 */
export function runsBeforeResumePoint(db: Db, chain: readonly number[]): number[] {
  const skipped = db.prepare('SELECT rows_skipped FROM runs WHERE id = ?').pluck();
  const out: number[] = [];
  for (const id of chain) {
    out.push(id);
    if ((skipped.get(id) as number | undefined ?? 0) === 0) break;
  }
  return out;
}

/** A document an earlier run of the chain met (its last_run_id is one of them), as a resumed run needs it. */
export interface DocMetEarlier {
  file: string | null;
  line: number | null;
  contentHash: string;
  /** Stored first by one of these runs (it did not exist before them). */
  insertedByThem: boolean;
  /** Written (not only seen unchanged) by one of these runs. */
  writtenByThem: boolean;
}

/**
 * A lookup of documents last met by `runIds` (the runs before a resume point): every row they committed left its
 * document with last_run_id set to them (written, or touched as unchanged), and no other document has it.
 */
export function docsMetBy(db: Db, runIds: readonly number[]): (id: string) => DocMetEarlier | null {
  const inList = runIds.map(() => '?').join(',');
  const since = (db.prepare(`SELECT min(started_at) FROM runs WHERE id IN (${inList})`).pluck().get(...runIds) as string | null) ?? '';
  const find = db.prepare(
    `SELECT source_file, source_line, content_hash, first_run_id IN (${inList}) AS inserted, updated_at >= ? AS written
     FROM documents WHERE id = ? AND last_run_id IN (${inList})`,
  );
  return (id) => {
    const r = find.get(...runIds, since, id, ...runIds) as
      | { source_file: string | null; source_line: number | null; content_hash: string; inserted: number; written: number }
      | undefined;
    if (!r) return null;
    return { file: r.source_file, line: r.source_line, contentHash: r.content_hash, insertedByThem: r.inserted === 1, writtenByThem: r.written === 1 };
  };
}

/** The rejected rows and duplicates these runs recorded, in the order they were recorded (to report them again). */
export function recordedProblems(db: Db, runIds: readonly number[]): { rejected: RejectedRow[]; duplicates: DuplicateRow[] } {
  const inList = runIds.map(() => '?').join(',');
  const rejected = db
    .prepare(`SELECT file, line, field, reason, value FROM rejected_rows WHERE run_id IN (${inList}) ORDER BY id`)
    .all(...runIds) as RejectedRow[];
  const duplicates = (
    db
      .prepare(`SELECT doc_id, file, line, kept_file, kept_line FROM duplicate_rows WHERE run_id IN (${inList}) ORDER BY id`)
      .all(...runIds) as { doc_id: string; file: string; line: number; kept_file: string; kept_line: number }[]
  ).map((d) => ({ docId: d.doc_id, file: d.file, line: d.line, keptFile: d.kept_file, keptLine: d.kept_line }));
  return { rejected, duplicates };
}
