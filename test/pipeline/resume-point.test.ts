// A resumed run starts at the first row its killed run did not commit (run-resume.ts), and still ends exactly as a
// run that was never killed: the identity of id-less rows (their occurrence among identical rows) and duplicate ids
// span the whole input, so rows after the kill must be told what the rows before it were.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKoe } from '../../src/pipeline/run-koe.js';
import { analyzedSoFar, RECURRING_OPENINGS as OPENINGS, runAndKill } from '../support/killed-run.js';
import { readDb } from '../support/read-db.js';
import { useTempDirs } from '../support/temp-dirs.js';
import type { RejectedRow } from '../../src/types.js';
import type { Db } from '../../src/store/open-store.js';

const tempDir = useTempDirs('koe-resume-point-');

const BATCH = 20;
const CONFIG = { workers: 0, batchSize: BATCH };
const CSV_ROWS = 500;
const JSONL_ROWS = 300;
/** Rows of the first version of the CSV (a run before the killed one stored them). */
const V1_ROWS = 100;

const csvCell = (v: string): string => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** Ids of plain rows of the CSV that later rows repeat (rows before the kill point). */
const repeatedCsvRow = (i: number): number => [4, 9, 20, 27, 40, 58, 71, 86, 100, 112, 130, 148][i % 12]!;

type Kind = 'plain' | 'idless' | 'rejected' | 'ratingOnly' | 'repeat';

function csvKind(i: number): Kind {
  if (i % 7 === 3) return 'idless';
  if (i % 50 === 17) return 'rejected';
  if (i % 45 === 11) return 'ratingOnly';
  if (i >= 300 && i % 10 === 0) return 'repeat';
  return 'plain';
}

/**
 * The survey export: plain rows with ids; 特になし / "Nothing to add" without an id every 7th row (identical rows,
 * one document each); rows with neither text nor rating (rejected); ratings without text; and from row 300 on,
 * rows repeating ids of rows 4–148 (the later row wins, the earlier is a duplicate) — half with the same content.
 * `v1`: the first 100 rows as a run before saw them, the odd ones with an older text.
 */
function writeCsv(file: string, v1 = false): void {
  const lines = ['id,text,created_at,channel,rating,rating_scale'];
  const rows = v1 ? V1_ROWS : CSV_ROWS;
  for (let i = 0; i < rows; i++) {
    const kind = csvKind(i);
    let cells: string[];
    if (kind === 'idless') cells = ['', i % 2 === 0 ? '特になし' : 'Nothing to add', '2026-10-01', 'survey', '', ''];
    else if (kind === 'rejected') cells = [`r${i}`, '', '2026-10-01', 'survey', '', ''];
    else if (kind === 'ratingOnly') cells = [`ro${i}`, '', '2026-10-01', 'survey', '4', 'csat'];
    else if (kind === 'repeat') {
      const j = repeatedCsvRow(i / 10);
      cells = [`d${j}`, i % 20 === 0 ? `${OPENINGS[j % OPENINGS.length]} (${j})` : `${OPENINGS[j % OPENINGS.length]} (${j}, written again on row ${i})`, i % 20 === 0 ? '2026-10-01' : '2026-10-02', 'survey', '', ''];
    } else cells = [`d${i}`, `${OPENINGS[i % OPENINGS.length]} (${i}${v1 && i % 2 === 1 ? ', an older text' : ''})`, '2026-10-01', 'survey', '', ''];
    lines.push(cells.map(csvCell).join(','));
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

/** Tickets as JSON Lines: ids, id-less identical rows, a line that is not JSON, and ids the CSV had too. */
function writeJsonl(file: string): void {
  const lines: string[] = [];
  for (let k = 0; k < JSONL_ROWS; k++) {
    if (k % 9 === 4) lines.push(JSON.stringify({ text: '特になし', created_at: '2026-10-03T00:00:00Z' }));
    else if (k % 60 === 30) lines.push('{"id": "broken", "text": ');
    else if (k % 40 === 7) lines.push(JSON.stringify({ id: `d${repeatedCsvRow(k)}`, text: `ticket about row ${repeatedCsvRow(k)} (${k})` }));
    else lines.push(JSON.stringify({ id: `e${k}`, text: `${OPENINGS[(k + 3) % OPENINGS.length]} [${k}]`, created_at: '2026-10-03T00:00:00Z' }));
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

interface Inputs {
  db: string;
  csv: string;
  jsonl: string;
}

/** A database holding the first version of the CSV, and the inputs of the run to come (same paths). */
async function prepare(dir: string): Promise<Inputs> {
  const csv = path.join(dir, 'survey.csv');
  const jsonl = path.join(dir, 'tickets.jsonl');
  const db = path.join(dir, 'koe.db');
  writeCsv(csv, true);
  await runKoe({ db, inputs: [csv], config: CONFIG });
  writeCsv(csv);
  writeJsonl(jsonl);
  return { db, csv, jsonl };
}

const COUNTS = 'rows_read, inserted, updated, unchanged, rejected, duplicates, rating_only, control_chars';

/** A row with its file paths cut to their names (the two databases read the same files from two folders). */
function named<T extends Record<string, unknown>>(rows: unknown[]): T[] {
  return (rows as T[]).map((r) => {
    const out: Record<string, unknown> = { ...r };
    for (const k of ['source_file', 'file', 'kept_file']) if (typeof out[k] === 'string') out[k] = path.basename(out[k]);
    return out as T;
  });
}

function outcome(db: Db) {
  return {
    documents: named(db.prepare('SELECT id, content_hash, source_file, source_line, source_key FROM documents ORDER BY id').all()),
    analyses: db.prepare('SELECT doc_id, kind, sentiment_label FROM analyses ORDER BY doc_id').all(),
    ratings: db.prepare('SELECT doc_id, scale, rating FROM document_ratings ORDER BY doc_id, scale').all(),
    duplicates: named(db.prepare('SELECT doc_id, file, line, kept_file, kept_line FROM duplicate_rows WHERE run_id > 1 ORDER BY file, line, doc_id').all()),
    rejected: named(db.prepare('SELECT file, line, field, reason FROM rejected_rows WHERE run_id > 1 ORDER BY file, line').all()),
    lastRun: db.prepare(`SELECT ${COUNTS} FROM runs ORDER BY id DESC LIMIT 1`).get(),
    pending: db.prepare('SELECT count(*) FROM documents WHERE theme_pending = 1').pluck().get(),
  };
}

const placeOf = (r: RejectedRow): string => `${path.basename(r.file)}:${r.line}`;

/** The run never killed: its outcome, summary and the rejected rows it reported. */
async function uninterrupted() {
  const whole = await prepare(tempDir());
  const rejected: string[] = [];
  const summary = await runKoe({ db: whole.db, inputs: [whole.csv, whole.jsonl], config: CONFIG, onRejected: (r) => rejected.push(placeOf(r)) });
  expect(summary.duplicates).toBeGreaterThan(20);
  return { summary, rejected, outcome: readDb(whole.db, outcome) };
}

describe('a resumed run starting at the first uncommitted row', () => {
  it('ends with exactly the documents, duplicates, rejected rows and counts of a run that was never killed', async () => {
    const { summary: wholeSummary, rejected: wholeRejected, outcome: expected } = await uninterrupted();

    // The same, killed once 200 documents are analyzed (in the CSV, before its repeated ids), then run again.
    const killed = await prepare(tempDir());
    const args = ['--db', killed.db, '--workers', '0', '--batch-size', String(BATCH), killed.csv, killed.jsonl];
    const kill = await runAndKill(args, (err) => analyzedSoFar(err) >= 200);
    expect(kill.signal).toBe('SIGKILL');
    const point = readDb(killed.db, (d) => d.prepare('SELECT file_index, file_rows, file_line FROM run_resume_points WHERE run_id = 2').get()) as {
      file_index: number;
      file_rows: number;
      file_line: number;
    };
    expect(point.file_index).toBe(0);
    expect(point.file_rows).toBeGreaterThan(200);
    expect(point.file_rows).toBeLessThan(300);

    const resumedRejected: string[] = [];
    const summary = await runKoe({ db: killed.db, inputs: [killed.csv, killed.jsonl], config: CONFIG, onRejected: (r) => resumedRejected.push(placeOf(r)) });
    const killedRun = readDb(killed.db, (d) => d.prepare('SELECT rows_read, analyzed FROM runs WHERE id = 2').get()) as { rows_read: number; analyzed: number };
    // It read only what the killed run had not committed, and analyzed nothing twice.
    expect(summary).toMatchObject({ resumedRunId: 2, rowsSkipped: killedRun.rows_read, rowsRead: wholeSummary.rowsRead });
    expect(killedRun.rows_read).toBe(point.file_rows);
    expect(killedRun.analyzed + summary.analyzed).toBe(wholeSummary.analyzed);

    const got = readDb(killed.db, outcome);
    expect(got.documents).toEqual(expected.documents);
    expect(got.analyses).toEqual(expected.analyses);
    expect(got.ratings).toEqual(expected.ratings);
    expect(got.duplicates).toEqual(expected.duplicates);
    expect(got.rejected).toEqual(expected.rejected);
    expect(got.lastRun).toEqual(expected.lastRun);
    expect(got.pending).toBe(0);
    // Every rejected row is reported by the run that finishes the work, the skipped ones too.
    expect(resumedRejected.sort()).toEqual(wholeRejected.sort());

    // The case was the one meant: ids and identical id-less rows on both sides of the resume point.
    const crossing = readDb(killed.db, (d) =>
      d.prepare("SELECT count(*) FROM duplicate_rows WHERE run_id = 3 AND file LIKE '%survey.csv' AND line <= ?").pluck().get(point.file_line),
    ) as number;
    expect(crossing).toBeGreaterThan(3);
    const idless = readDb(killed.db, (d) =>
      d.prepare("SELECT last_run_id, count(*) AS n FROM documents WHERE source_id IS NULL AND text = '特になし' AND source_key = 'survey.csv' GROUP BY 1 ORDER BY 1").all(),
    ) as { last_run_id: number; n: number }[];
    expect(idless.map((r) => r.last_run_id)).toEqual([2, 3]);
  });

  it('killed again while it resumes, the next run starts where that one stopped and still ends as one run', async () => {
    const { summary: wholeSummary, outcome: expected } = await uninterrupted();
    const killed = await prepare(tempDir());
    const args = ['--db', killed.db, '--workers', '0', '--batch-size', String(BATCH), killed.csv, killed.jsonl];
    expect((await runAndKill(args, (err) => analyzedSoFar(err) >= 150)).signal).toBe('SIGKILL');
    expect((await runAndKill(args, (err) => analyzedSoFar(err) >= 300)).signal).toBe('SIGKILL');
    const summary = await runKoe({ db: killed.db, inputs: [killed.csv, killed.jsonl], config: CONFIG });
    const runs = readDb(killed.db, (d) => d.prepare('SELECT id, rows_read, rows_skipped, analyzed, resumes_run_id FROM runs WHERE id > 1 ORDER BY id').all()) as {
      id: number;
      rows_read: number;
      rows_skipped: number;
      analyzed: number;
      resumes_run_id: number | null;
    }[];
    // Run 3 started where run 2 stopped, run 4 where run 3 stopped; each analyzed only its own part.
    expect(runs.map((r) => r.resumes_run_id)).toEqual([null, 2, 3]);
    expect(runs[1]!.rows_skipped).toBe(runs[0]!.rows_read);
    expect(runs[2]!.rows_skipped).toBe(runs[1]!.rows_read);
    expect(runs[2]!.rows_skipped).toBeGreaterThan(runs[1]!.rows_skipped);
    expect(summary.rowsSkipped).toBe(runs[1]!.rows_read);
    expect(runs.reduce((n, r) => n + r.analyzed, 0)).toBe(wholeSummary.analyzed);
    const got = readDb(killed.db, outcome);
    expect(got).toEqual(expected);
  });
});
