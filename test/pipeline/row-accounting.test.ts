// Every row accounted for: rows read = stored (new + updated + unchanged) + rejected + duplicates, in the summary
// and in `runs`; identity of id-less rows (file + occurrence), grown and edited files; duplicate ids; rating-only
// rows; several ratings with CES direction; text hygiene. Real SQLite and kuromoji.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKoe, UnusableInputError, type RunSummary } from '../../src/pipeline/run-koe.js';
import { computeMetrics } from '../../src/insights/cx-metrics.js';
import { exportRecords } from '../../src/store/export-records.js';
import { readDb } from '../support/read-db.js';
import { useTempDirs } from '../support/temp-dirs.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'accounting');
const tempDir = useTempDirs('koe-accounting-');
const inProcess = { workers: 0, batchSize: 2, skipThemes: true };

/** The accounting identity every finished run must satisfy, checked in the summary and in `runs`. */
function expectAccounted(dbPath: string, s: RunSummary): void {
  expect(s.inserted + s.updated + s.unchanged + s.rejected + (s.duplicates ?? 0)).toBe(s.rowsRead);
  type Row = { rows_read: number; inserted: number; updated: number; unchanged: number; rejected: number; duplicates: number };
  const run = readDb(dbPath, (db) => db.prepare('SELECT * FROM runs WHERE id = ?').get(s.runId)) as Row;
  expect(run.inserted + run.updated + run.unchanged + run.rejected + run.duplicates).toBe(run.rows_read);
  expect(run.rows_read).toBe(s.rowsRead);
}

const docCount = (db: string): number => readDb(db, (d) => d.prepare('SELECT count(*) FROM documents').pluck().get() as number);

function copyTo(dir: string, name: string, content?: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content ?? fs.readFileSync(path.join(FIXTURES, name)));
  return file;
}

const surveyConfig = { ...inProcess, ingest: { fieldMap: { text: 'answer', created_at: 'submitted', rating: 'score' }, ratingScale: 'nps' as const } };

describe('id-less rows', () => {
  it('keeps identical answers from different rows apart, and a second run adds nothing', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'koe.db');
    const file = copyTo(dir, 'survey-no-id.csv');
    const first = await runKoe({ db, inputs: [file], config: surveyConfig });
    // Three customers wrote 特になし on the same day with the same score: three voices.
    expect(first).toMatchObject({ rowsRead: 5, inserted: 5, updated: 0, unchanged: 0, rejected: 0, duplicates: 0 });
    expectAccounted(db, first);
    expect(readDb(db, (d) => d.prepare("SELECT count(*) FROM documents WHERE text = '特になし'").pluck().get())).toBe(3);

    const again = await runKoe({ db, inputs: [file], config: surveyConfig });
    expect(again).toMatchObject({ rowsRead: 5, inserted: 0, updated: 0, unchanged: 5 });
    expectAccounted(db, again);
    expect(docCount(db)).toBe(5);
  });

  it('adds only the new rows of a file that grew, including one more identical answer', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'koe.db');
    const file = copyTo(dir, 'survey-no-id.csv');
    await runKoe({ db, inputs: [file], config: surveyConfig });
    fs.appendFileSync(file, '2026-11-01,特になし,8\n2026-11-03,アプリが落ちる,2\n');
    const grown = await runKoe({ db, inputs: [file], config: surveyConfig });
    expect(grown).toMatchObject({ rowsRead: 7, inserted: 2, unchanged: 5, updated: 0 });
    expectAccounted(db, grown);
    expect(docCount(db)).toBe(7);
  });

  it('updates the document of a row edited in place (same file, line and date) instead of adding a second one', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'koe.db');
    const file = copyTo(dir, 'survey-no-id.csv');
    await runKoe({ db, inputs: [file], config: surveyConfig });
    const edited = fs.readFileSync(file, 'utf8').replace('配送が遅い,3', '配送がとても遅い,2');
    fs.writeFileSync(file, edited);
    const run = await runKoe({ db, inputs: [file], config: surveyConfig });
    expect(run).toMatchObject({ rowsRead: 5, inserted: 0, updated: 1, unchanged: 4 });
    expectAccounted(db, run);
    expect(docCount(db)).toBe(5);
    const texts = readDb(db, (d) => d.prepare('SELECT text FROM documents ORDER BY text').pluck().all());
    expect(texts).toContain('配送がとても遅い');
    expect(texts).not.toContain('配送が遅い');
  });

  it('tells the same words in two files apart: each file is its own source', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'koe.db');
    fs.mkdirSync(path.join(dir, 'a'));
    fs.mkdirSync(path.join(dir, 'b'));
    const text = 'text\n特になし\n';
    fs.writeFileSync(path.join(dir, 'a', 'survey.csv'), text);
    fs.writeFileSync(path.join(dir, 'b', 'survey.csv'), text);
    const run = await runKoe({ db, inputs: [dir], config: inProcess });
    expect(run).toMatchObject({ rowsRead: 2, inserted: 2 });
    // The identity is the path below the directory given, so the same run again finds both.
    const again = await runKoe({ db, inputs: [dir], config: inProcess });
    expect(again).toMatchObject({ rowsRead: 2, unchanged: 2, inserted: 0 });
  });
});

describe('duplicate ids in one input', () => {
  it('stores the last row with an id, reports the earlier one with both lines, and counts it once', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'koe.db');
    const file = copyTo(dir, 'duplicate-ids.csv');
    const reported: unknown[] = [];
    const run = await runKoe({ db, inputs: [file], config: inProcess, onDuplicate: (d) => reported.push(d) });
    expect(run).toMatchObject({ rowsRead: 4, inserted: 3, updated: 0, unchanged: 0, rejected: 0, duplicates: 1 });
    expectAccounted(db, run);
    expect(reported).toEqual([{ docId: 't1', file, line: 2, keptFile: file, keptLine: 4 }]);
    const stored = readDb(db, (d) => d.prepare("SELECT text, source_line FROM documents WHERE id = 't1'").get());
    expect(stored).toEqual({ text: 'first version edited', source_line: 4 });
    expect(readDb(db, (d) => d.prepare('SELECT doc_id, line, kept_line FROM duplicate_rows').all())).toEqual([{ doc_id: 't1', line: 2, kept_line: 4 }]);

    // Run again: nothing changed, and the duplicate is reported again (it is still in the file).
    const again = await runKoe({ db, inputs: [file], config: inProcess });
    expect(again).toMatchObject({ rowsRead: 4, inserted: 0, updated: 0, unchanged: 3, duplicates: 1 });
    expectAccounted(db, again);
  });
});

describe('ratings', () => {
  it('stores a rating without text as a rating-only document: in the metrics, not analyzed', async () => {
    const db = path.join(tempDir(), 'koe.db');
    const run = await runKoe({
      db,
      inputs: [path.join(FIXTURES, 'ces-survey.csv')],
      config: { ...inProcess, ingest: { ratings: { ces: 'ease', nps: 'recommend' }, cesEasy: 'high' } },
    });
    expect(run).toMatchObject({ rowsRead: 3, inserted: 3, rejected: 0, ratingOnly: 1 });
    expectAccounted(db, run);
    const analyzed = readDb(db, (d) => d.prepare('SELECT doc_id FROM analyses ORDER BY doc_id').pluck().all());
    expect(analyzed).toEqual(['c1', 'c2']); // c3 has ratings only
    expect(readDb(db, (d) => d.prepare("SELECT text, lang, theme_pending FROM documents WHERE id = 'c3'").get())).toEqual({ text: '', lang: 'other', theme_pending: 0 });
    const metrics = readDb(db, (d) => computeMetrics(d).overall);
    // NPS counts all three answers, the rating-only one too: 10 and 9 promoters, 2 a detractor.
    expect(metrics.nps).toMatchObject({ responses: 3, promoters: 2, detractors: 1 });
    // CES declared 7 = very easy: stored as effort, so the one-call answer (7) is the easiest (1).
    expect(metrics.ces.responses).toBe(3);
    expect(metrics.ces.ces).toBeCloseTo((1 + 7 + 2) / 3, 6);
    const ces = readDb(db, (d) => d.prepare("SELECT doc_id, rating, ces_score, easy_end FROM v_ratings WHERE rating_scale = 'ces' ORDER BY doc_id").all());
    expect(ces).toEqual([
      { doc_id: 'c1', rating: 7, ces_score: 1, easy_end: 'high' },
      { doc_id: 'c2', rating: 1, ces_score: 7, easy_end: 'high' },
      { doc_id: 'c3', rating: 6, ces_score: 2, easy_end: 'high' },
    ]);
    // The export has every document: the rating-only answer with its ratings and nothing scored.
    const exported = readDb(db, (d) => [...exportRecords(d)]);
    expect(exported.map((r) => r.id)).toEqual(['c1', 'c2', 'c3']);
    expect(exported[2]).toMatchObject({ text: '', sentiment: null, kind: null, emotions: [], ratings: { ces: 6, nps: 9 } });
    expect(exported[1]!.ratings).toEqual({ ces: 1, nps: 2 });
  });
});

describe('text hygiene', () => {
  it('removes and counts a NUL, and stores U+FFFD as text', async () => {
    const db = path.join(tempDir(), 'koe.db');
    const run = await runKoe({ db, inputs: [path.join(FIXTURES, 'hygiene.csv')], config: inProcess });
    expect(run).toMatchObject({ rowsRead: 2, inserted: 2, rejected: 0, controlChars: 1 });
    const texts = readDb(db, (d) => d.prepare('SELECT id, text FROM documents ORDER BY id').all());
    expect(texts).toEqual([
      { id: 'n1', text: 'a NUL in the middle' },
      { id: 'n2', text: 'mojibake \uFFFD stays' },
    ]);
    expect(readDb(db, (d) => d.prepare('SELECT control_chars FROM runs WHERE id = ?').pluck().get(run.runId))).toBe(1);
  });
});

describe('inputs that cannot be read as feedback', () => {
  it('fails the run naming the file when it has no text column, and writes nothing', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'koe.db');
    const good = copyTo(dir, 'duplicate-ids.csv');
    const noText = copyTo(dir, 'scores.csv', 'id,score\n1,5\n');
    await expect(runKoe({ db, inputs: [good, noText], config: inProcess })).rejects.toBeInstanceOf(UnusableInputError);
    expect(docCount(db)).toBe(0);
  });

  it('refuses an .xlsx named on the command line', async () => {
    const dir = tempDir();
    const xlsx = copyTo(dir, 'export.xlsx', 'PK\u0003\u0004');
    await expect(runKoe({ db: path.join(dir, 'koe.db'), inputs: [xlsx], config: inProcess })).rejects.toThrow(/Excel workbook \(\.xlsx\) is not a supported format/);
  });
});
