// A resumed run starts at the first input row its interrupted run did not commit (issue 12). The interrupted run
// recorded, with every batch it committed, how far into its inputs that batch reached (store/resume-repository.ts)
// and a key of the inputs as it read them; when the inputs are the same now, the resumed run passes over the
// committed rows without building or normalizing them, carries on the counts the interrupted run committed, and
// answers what the skipped rows would have told it — how many id-less rows with the same content came before, and
// which ids were met already — from the documents those rows left in the database.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { IngestOptions, InputFile } from '../ingest/index.js';
import { DuplicateIds, idOfContent, OccurrenceCounter, type EarlierRow } from '../normalize/index.js';
import type { Db } from '../store/open-store.js';
import {
  committedCounts,
  docsMetBy,
  findResumePoint,
  runsBeforeResumePoint,
  type ResumePoint,
} from '../store/resume-repository.js';
import type { RunProgressRecord } from '../store/run-repository.js';

/** How much of a file's start identifies its content, with its size and modification time. */
export const HEAD_BYTES = 64 * 1024;

function headHash(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    const n = fs.readSync(fd, head, 0, HEAD_BYTES, 0);
    return crypto.createHash('sha256').update(head.subarray(0, n)).digest('hex');
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A key of the inputs as a run reads them: the ingest options (mapping, encoding, format…) and, per file in
 * reading order, its path, source key, size, modification time and a hash of its first 64 KiB. Equal keys: the
 * rows before a recorded point are the rows the interrupted run committed.
 */
export function inputsKey(inputs: readonly InputFile[], ingest: IngestOptions): string {
  const files = inputs.map((i) => {
    const st = fs.statSync(i.file);
    return [i.file, i.sourceKey, st.size, Math.floor(st.mtimeMs), headHash(i.file)];
  });
  return crypto.createHash('sha256').update(JSON.stringify([ingest, files])).digest('hex');
}

/** Where a resumed run starts and what it carries on from the interrupted run. */
export interface ResumeFrom {
  point: ResumePoint;
  /** The interrupted run's committed counts (its own analyzed and batches are not carried). */
  counts: RunProgressRecord;
  /** Rows before the point: counted as the interrupted run counted them, not read again. */
  rowsSkipped: number;
  /** The runs whose committed rows lie before the point (newest first). */
  earlierRuns: number[];
}

/**
 * The point to resume the unfinished `chain` (newest first) from, or null with the reason it reads from the start:
 * the interrupted run recorded no point (older koe, --strict), or its inputs changed since.
 */
export function findResumeFrom(db: Db, chain: readonly number[], key: string): { from: ResumeFrom | null; why: string | null } {
  if (chain.length === 0) return { from: null, why: null };
  const last = chain[0]!;
  const point = findResumePoint(db, last);
  if (!point) return { from: null, why: `run ${last} recorded no resume point` };
  if (point.inputsKey !== key) return { from: null, why: `the inputs (or their ingest options) changed since run ${last}` };
  const counts = committedCounts(db, last);
  return {
    from: {
      point: { fileIndex: point.fileIndex, fileRows: point.fileRows, fileLine: point.fileLine },
      counts,
      rowsSkipped: counts.rowsRead,
      earlierRuns: runsBeforeResumePoint(db, chain),
    },
    why: null,
  };
}

/**
 * The identity state of an uninterrupted run at the resume point, answered from the database: the occurrence of an
 * id-less row's content key continues after the documents the earlier runs stored for that key (occurrences 0, 1, …
 * are contiguous); an id they met is a duplicate when it comes again, counted against the database before them.
 */
export function identityStateAt(db: Db, earlierRuns: readonly number[]): { occurrences: OccurrenceCounter; duplicates: DuplicateIds } {
  const met = docsMetBy(db, earlierRuns);
  const occurrences = new OccurrenceCounter((key) => {
    let n = 0;
    while (met(idOfContent(key, n)) !== null) n++;
    return n;
  });
  const duplicates = new DuplicateIds((id): EarlierRow | null => {
    const d = met(id);
    if (!d) return null;
    // What its row was counted as against the database before the earlier runs, and what that database held: a
    // document they changed no longer shows its earlier content (a later row then counts as updated).
    if (d.insertedByThem) return { file: d.file ?? '', line: d.line ?? 0, outcome: 'inserted', preRunHash: null };
    if (d.writtenByThem) return { file: d.file ?? '', line: d.line ?? 0, outcome: 'updated', preRunHash: undefined };
    return { file: d.file ?? '', line: d.line ?? 0, outcome: 'unchanged', preRunHash: d.contentHash };
  });
  return { occurrences, duplicates };
}
