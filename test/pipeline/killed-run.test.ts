import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKoe } from '../../src/pipeline/run-koe.js';
import { analyzedSoFar, RECURRING_OPENINGS as OPENINGS, runAndKill } from '../support/killed-run.js';
import { readDb } from '../support/read-db.js';
import { useTempDirs } from '../support/temp-dirs.js';
import type { Db } from '../../src/store/open-store.js';

const tempDir = useTempDirs('koe-kill-');

const TOTAL = 2000;
const BATCH = 20;

function writeInput(file: string, rows: number): void {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    lines.push(JSON.stringify({ id: `k${i}`, text: `${OPENINGS[i % OPENINGS.length]} (${i})`, created_at: '2026-10-01T00:00:00Z' }));
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

interface RunRow {
  id: number;
  status: string;
  phase: string;
  rows_read: number;
  inserted: number;
  unchanged: number;
  analyzed: number;
  batches_committed: number;
  resumes_run_id: number | null;
}

function state(db: Db) {
  const n = (sql: string): number => db.prepare(sql).pluck().get() as number;
  return {
    documents: n('SELECT count(*) FROM documents'),
    analyses: n('SELECT count(*) FROM analyses'),
    withoutAnalysis: n('SELECT count(*) FROM documents d LEFT JOIN analyses a ON a.doc_id = d.id WHERE a.doc_id IS NULL'),
    pending: n('SELECT count(*) FROM documents WHERE theme_pending = 1'),
    assignments: db.prepare('SELECT doc_id, theme_id FROM document_themes ORDER BY doc_id').all() as { doc_id: string; theme_id: string }[],
    runs: db.prepare('SELECT * FROM runs ORDER BY id').all() as RunRow[],
    integrity: db.pragma('integrity_check', { simple: true }),
    // Documents in the search index (FTS5 keeps one docsize row per indexed document).
    searchIndexed: n('SELECT count(*) FROM documents_fts_docsize'),
  };
}

describe('a run killed half-way', () => {
  it('in the analysis phase keeps its committed batches, and the same command again analyzes only the rest', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'koe.db');
    const input = path.join(dir, 'feedback.jsonl');
    writeInput(input, TOTAL);

    const killed = await runAndKill(['--db', db, '--workers', '0', '--batch-size', String(BATCH), input], (err) => analyzedSoFar(err) >= 10 * BATCH);
    expect(killed.signal).toBe('SIGKILL');

    const after = readDb(db, state);
    const [run] = after.runs;
    // The run row says how far it got, and the database holds exactly that: whole batches, each document with its
    // analysis, all waiting for a theme step.
    expect(run).toMatchObject({ status: 'running', phase: 'analysis' });
    expect(run!.batches_committed).toBeGreaterThanOrEqual(10);
    expect(run!.analyzed).toBe(run!.batches_committed * BATCH);
    expect(run!.analyzed).toBeLessThan(TOTAL);
    expect(after).toMatchObject({ documents: run!.analyzed, analyses: run!.analyzed, withoutAnalysis: 0, pending: run!.analyzed, assignments: [], searchIndexed: run!.analyzed });
    expect(after.integrity).toBe('ok');

    const summary = await runKoe({ db, inputs: [input], config: { workers: 0, batchSize: BATCH } });
    expect(summary.interruptedRuns).toEqual([1]);
    expect(summary.resumedRunId).toBe(1);
    // Nothing committed is read or analyzed again: what the killed run lost was only its batch in flight. The
    // re-run started at the first uncommitted row and its counts are those of one whole run over the input.
    expect(summary).toMatchObject({
      status: 'ok',
      rowsRead: TOTAL,
      rowsSkipped: run!.analyzed,
      unchanged: 0,
      inserted: TOTAL,
      analyzed: TOTAL - run!.analyzed,
    });

    const final = readDb(db, state);
    expect(final).toMatchObject({ documents: TOTAL, analyses: TOTAL, withoutAnalysis: 0, pending: 0, searchIndexed: TOTAL });
    expect(final.assignments.length).toBeGreaterThan(TOTAL / 2);
    // The committed rows were not read again: their documents were last met by the killed run.
    const lastRun = readDb(db, (d) => d.prepare('SELECT last_run_id, count(*) AS n FROM documents GROUP BY last_run_id ORDER BY 1').all());
    expect(lastRun).toEqual([
      { last_run_id: 1, n: run!.analyzed },
      { last_run_id: 2, n: TOTAL - run!.analyzed },
    ]);
    expect(final.runs.map((r) => [r.status, r.analyzed, r.resumes_run_id])).toEqual([
      ['failed', run!.analyzed, null],
      ['ok', TOTAL - run!.analyzed, 1],
    ]);
    expect(final.integrity).toBe('ok');
  });

  it('when the input changed since the kill, finds the committed documents by content hash and adds the new row', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'koe.db');
    const input = path.join(dir, 'feedback.jsonl');
    writeInput(input, TOTAL);
    await runAndKill(['--db', db, '--workers', '0', '--batch-size', String(BATCH), input], (err) => analyzedSoFar(err) >= 5 * BATCH);
    const committed = readDb(db, (d) => d.prepare('SELECT analyzed FROM runs WHERE id = 1').pluck().get() as number);
    // The file is edited before the re-run: one more line at the end.
    fs.appendFileSync(input, JSON.stringify({ id: 'k-extra', text: 'Please add dark mode (extra)' }) + '\n');
    const summary = await runKoe({ db, inputs: [input], config: { workers: 0, batchSize: BATCH } });
    // The input is not what the killed run read: it is read from its start, as without a resume point.
    expect(summary).toMatchObject({ resumedRunId: 1, rowsSkipped: 0, rowsRead: TOTAL + 1, unchanged: committed, analyzed: TOTAL + 1 - committed });
    // Every stored document was seen by the re-run (looked up, found unchanged, touched).
    expect(readDb(db, (d) => d.prepare('SELECT count(*) FROM documents WHERE last_run_id = 2').pluck().get())).toBe(TOTAL + 1);
  });

  it('in the theme step keeps the themes of the step before, and the same command again only redoes the theme step', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'koe.db');
    const half = path.join(dir, 'first-half.jsonl');
    const input = path.join(dir, 'feedback.jsonl');
    writeInput(half, TOTAL / 2);
    writeInput(input, TOTAL);
    await runKoe({ db, inputs: [half], config: { workers: 0, batchSize: 200 } });
    const before = readDb(db, state);
    expect(before.assignments.length).toBeGreaterThan(0);

    const killed = await runAndKill(['--db', db, '--workers', '0', '--batch-size', String(BATCH), input], (err) => err.includes('themes: updating'));
    expect(killed.signal).toBe('SIGKILL');

    const after = readDb(db, state);
    const run = after.runs[1]!;
    expect(run).toMatchObject({ status: 'running', phase: 'themes', rows_read: TOTAL, analyzed: TOTAL / 2, unchanged: TOTAL / 2 });
    // Every document is stored with its analysis; the themes are those of the first run; the new half is pending.
    expect(after).toMatchObject({ documents: TOTAL, analyses: TOTAL, withoutAnalysis: 0, pending: TOTAL / 2 });
    expect(after.assignments).toEqual(before.assignments);
    expect(after.integrity).toBe('ok');

    const summary = await runKoe({ db, inputs: [input], config: { workers: 0, batchSize: BATCH } });
    // Every row was committed by the killed run: none is read again, and the counts are that run's.
    expect(summary).toMatchObject({ status: 'ok', resumedRunId: 2, analyzed: 0, rowsRead: TOTAL, rowsSkipped: TOTAL, unchanged: TOTAL / 2, inserted: TOTAL / 2 });
    expect(summary.themes).not.toBeNull();
    const final = readDb(db, state);
    expect(final).toMatchObject({ documents: TOTAL, analyses: TOTAL, pending: 0 });
    expect(final.assignments.length).toBeGreaterThan(before.assignments.length);
    expect(final.runs.map((r) => r.status)).toEqual(['ok', 'failed', 'ok']);
  });
});
