import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKoe, RunFailedError, StrictModeError, SMALL_INPUT_BYTES, workersFor } from '../../src/pipeline/run-koe.js';
import { openStore } from '../../src/store/open-store.js';
import { exportRecords } from '../../src/store/export-records.js';
import { trainFromLabels, type TrainOptions } from '../../src/pipeline/train.js';
import { readDb } from '../support/read-db.js';
import { useTempDirs } from '../support/temp-dirs.js';

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'mixed-feedback.jsonl');

const tempDir = useTempDirs('koe-run-');

function count(dbPath: string, table: string): number {
  return readDb(dbPath, (db) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
}

// workers: 0 keeps these tests on one kuromoji per test process; the worker pool has its own test below.
const inProcess = { workers: 0, batchSize: 4 };

/**
 * A new database whose active sentiment model was trained on a small labelled set of our own: delivery praise and
 * complaints in both languages.
 */
async function dbWithTrainedSentiment(options: TrainOptions = {}): Promise<string> {
  const dir = tempDir();
  const labels = path.join(dir, 'labels.csv');
  const rows = ['text,label'];
  for (let i = 0; i < 15; i++) {
    rows.push(`"Delivery was quick and the driver was kind, order ${i}",positive`);
    rows.push(`"配達が早くて助かりました ${i}回目",positive`);
    rows.push(`"My parcel is late again, order ${i}",negative`);
    rows.push(`"荷物がまだ届きません ${i}回目",negative`);
  }
  fs.writeFileSync(labels, rows.join('\n') + '\n');
  const db = path.join(dir, 'koe.db');
  const store = openStore(db);
  await trainFromLabels(store.db, 'sentiment', labels, { folds: 3, ...options });
  store.close();
  return db;
}

const sentimentModels = (db: string): string[] => readDb(db, (d) => d.prepare('SELECT DISTINCT sentiment_model FROM analyses').pluck().all() as string[]);

describe('runKoe', () => {
  it('stores every document once with language, sentiment, kind and themes, and masks PII', async () => {
    const db = path.join(tempDir(), 'koe.db');
    const summary = await runKoe({ db, inputs: [FIXTURE], config: inProcess });
    expect(summary).toMatchObject({ status: 'ok', rowsRead: 10, inserted: 10, updated: 0, unchanged: 0, rejected: 0 });

    const records = readDb(db, (d) => [...exportRecords(d)]);
    expect(records.map((r) => r.id).sort()).toEqual(['r1', 'r10', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9']);
    const byId = new Map(records.map((r) => [r.id, r]));
    expect(byId.get('r1')!.lang).toBe('ja');
    expect(byId.get('r2')!.lang).toBe('en');
    expect(byId.get('r2')!.kind).toBe('bug');
    expect(byId.get('r6')!.kind).toBe('feature_request');
    expect(byId.get('r8')!.sentiment!.label).toBe('positive');
    expect(byId.get('r4')!.sentiment!.label).toBe('negative');
    // PII never reaches the database.
    expect(byId.get('r9')!.text).toContain('<EMAIL>');
    expect(byId.get('r9')!.text).not.toContain('taro@example.jp');
    expect(byId.get('r10')!.text).toContain('<PHONE>');
    for (const r of records) {
      expect(['positive', 'neutral', 'negative']).toContain(r.sentiment!.label);
      expect(r.sentiment!.score).toBeGreaterThanOrEqual(-1);
      expect(r.sentiment!.score).toBeLessThanOrEqual(1);
      expect(Array.isArray(r.themes)).toBe(true);
    }
  });

  it('is idempotent: the same input again changes no row and analyzes nothing', async () => {
    const db = path.join(tempDir(), 'koe.db');
    await runKoe({ db, inputs: [FIXTURE], config: inProcess });
    const before = { docs: count(db, 'documents'), analyses: count(db, 'analyses'), links: count(db, 'document_themes') };
    const again = await runKoe({ db, inputs: [FIXTURE], config: inProcess });
    expect(again).toMatchObject({ status: 'ok', inserted: 0, updated: 0, unchanged: 10 });
    expect({ docs: count(db, 'documents'), analyses: count(db, 'analyses'), links: count(db, 'document_themes') }).toEqual(before);
    expect(count(db, 'runs')).toBe(2);
  });

  it('updates a document whose text changed, and adds new ones', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'koe.db');
    await runKoe({ db, inputs: [FIXTURE], config: inProcess });
    const changed = path.join(dir, 'changed.jsonl');
    fs.writeFileSync(
      changed,
      [
        JSON.stringify({ id: 'r1', text: 'ログインできるようになりました。ありがとうございます。', created_at: '2026-10-01T09:00:00Z', channel: 'app_store' }),
        JSON.stringify({ id: 'r11', text: 'How do I change my delivery address?' }),
      ].join('\n'),
    );
    const summary = await runKoe({ db, inputs: [changed], config: inProcess });
    expect(summary).toMatchObject({ inserted: 1, updated: 1, unchanged: 0 });
    expect(count(db, 'documents')).toBe(11);
    const r1 = readDb(
      db,
      (d) =>
        d.prepare(`SELECT d.text, a.sentiment_label FROM documents d JOIN analyses a ON a.doc_id = d.id WHERE d.id = 'r1'`).get() as {
          text: string;
          sentiment_label: string;
        },
    );
    expect(r1.text).toContain('ログインできるようになりました');
    expect(r1.sentiment_label).toBe('positive');
  });

  it('reports rejected rows with file and line, stores the rest, and records them', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'koe.db');
    const csv = path.join(dir, 'tickets.csv');
    fs.writeFileSync(csv, 'id,text,created_at\nt1,配送が遅いです,2026-10-01\nt2,,2026-10-02\nt3,Great support team,not-a-date\nt4,Refund please,2026-10-04\n');
    const rejected: { line: number; field: string | null }[] = [];
    const summary = await runKoe({ db, inputs: [csv], config: inProcess, onRejected: (r) => rejected.push(r) });
    expect(summary).toMatchObject({ status: 'rejected_rows', rowsRead: 4, inserted: 2, rejected: 2 });
    expect(rejected.map((r) => [r.line, r.field])).toEqual([[3, 'text'], [4, 'created_at']]);
    const rows = readDb(db, (d) => d.prepare('SELECT file, line, field FROM rejected_rows ORDER BY line').all());
    expect(rows).toEqual([
      { file: csv, line: 3, field: 'text' },
      { file: csv, line: 4, field: 'created_at' },
    ]);
  });

  it('with strict, fails on the first bad row and leaves the database as it was', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'koe.db');
    await runKoe({ db, inputs: [FIXTURE], config: inProcess });
    const csv = path.join(dir, 'bad.csv');
    fs.writeFileSync(csv, 'id,text\nn1,New feedback that should not land\nn2,\n');
    await expect(runKoe({ db, inputs: [csv], config: { ...inProcess, strict: true } })).rejects.toBeInstanceOf(StrictModeError);
    expect(count(db, 'documents')).toBe(10);
    const last = readDb(db, (d) => d.prepare('SELECT status, error FROM runs ORDER BY id DESC LIMIT 1').get() as { status: string; error: string });
    expect(last.status).toBe('failed');
    expect(last.error).toContain('bad.csv:3');
  });

  it('fails with a clear error for a missing input, recording the failed run', async () => {
    const db = path.join(tempDir(), 'koe.db');
    await expect(runKoe({ db, inputs: ['/nonexistent/feedback.csv'], config: inProcess })).rejects.toThrow(/\/nonexistent\/feedback\.csv/);
    await expect(runKoe({ db, inputs: ['/nonexistent/feedback.csv'], config: inProcess })).rejects.toBeInstanceOf(RunFailedError);
    expect(count(db, 'documents')).toBe(0);
  });

  it('gives the same results on worker threads as on the main thread', async () => {
    const dbMain = path.join(tempDir(), 'main.db');
    const dbWorkers = path.join(tempDir(), 'workers.db');
    await runKoe({ db: dbMain, inputs: [FIXTURE], config: { workers: 0, batchSize: 3 } });
    await runKoe({ db: dbWorkers, inputs: [FIXTURE], config: { workers: 2, batchSize: 3 } });
    const read = (db: string): unknown[] => readDb(db, (d) => [...exportRecords(d)]);
    expect(read(dbWorkers)).toEqual(read(dbMain));
  });

  it('uses the model trained with koe train on later runs, unless a backend is named', async () => {
    const db = await dbWithTrainedSentiment();

    await runKoe({ db, inputs: [FIXTURE], config: inProcess });
    // "rules+linear:v1", or "linear:v1" when cross-validation gives the rules no weight.
    const trained = sentimentModels(db);
    expect(trained).toHaveLength(1);
    expect(trained[0]).toMatch(/^(rules\+)?linear:v1$/);

    // Naming the backend switches the trained model off for that run.
    await runKoe({ db, inputs: [FIXTURE], reanalyze: true, config: { ...inProcess, sentiment: { backend: 'rules' } } });
    expect(sentimentModels(db)).toEqual(['rules']);
  });

  it('embeds with the sentence encoder a trained model reads, in worker threads too, and says so', async () => {
    const db = await dbWithTrainedSentiment({ encoder: 'use-lite-en' });

    const logged: string[] = [];
    await runKoe({ db, inputs: [FIXTURE], config: { workers: 2, batchSize: 3, skipThemes: true }, log: (m) => logged.push(m) });
    expect(logged).toContain('sentiment: linear v1 + sentence encoder use-lite-en, kind: rules');
    const models = sentimentModels(db);
    expect(models).toHaveLength(1);
    expect(models[0]).toMatch(/^(rules\+)?linear:v1$/);
  });

  it('analyzes small inputs on the main thread unless workers are configured', () => {
    const dir = tempDir();
    const small = path.join(dir, 'small.jsonl');
    fs.writeFileSync(small, '{"text": "hello"}\n');
    const large = path.join(dir, 'large.jsonl');
    fs.writeFileSync(large, Buffer.alloc(SMALL_INPUT_BYTES + 1, 0x20));
    expect(workersFor([small], 2)).toBe(0);
    expect(workersFor([small, large], 2)).toBe(2);
  });

  it('ends a batch at batchChars of text as well as at batchSize documents, so long documents make smaller batches', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'long.jsonl');
    // Ten long tickets (≈ 300 characters each) and two short reviews; at 1,000 characters a batch, 4 + 4 + 4 rows.
    const ticket = (i: number): string =>
      `Ticket ${i}: the parcel was left at the wrong address again and the courier marked it as delivered. ` +
      'I have called support three times, each time I was told to wait another two days, and nothing happened. ' +
      'Please refund the order or send a replacement; I am close to cancelling my subscription over this.';
    const rows = [...Array.from({ length: 10 }, (_, i) => ({ id: `t${i}`, text: ticket(i) })), { id: 'r1', text: 'Great app' }, { id: 'r2', text: 'とても便利' }];
    fs.writeFileSync(input, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    expect(ticket(0).length).toBeGreaterThan(250);
    expect(ticket(0).length).toBeLessThan(334);
    const db = path.join(dir, 'koe.db');
    const summary = await runKoe({ db, inputs: [input], config: { workers: 0, batchSize: 500, batchChars: 1000, skipThemes: true } });
    expect(summary).toMatchObject({ rowsRead: 12, inserted: 12, analyzed: 12, batchesCommitted: 3 });
    // The default cap lets the same rows through as one batch.
    const one = await runKoe({ db: path.join(dir, 'one.db'), inputs: [input], config: { workers: 0, skipThemes: true } });
    expect(one).toMatchObject({ inserted: 12, batchesCommitted: 1 });
  });

  it('records the worker count the run used in runs.config', async () => {
    const db = path.join(tempDir(), 'koe.db');
    await runKoe({ db, inputs: [FIXTURE], config: { batchSize: 4, skipThemes: true } });
    const { config } = readDb(db, (d) => d.prepare('SELECT config FROM runs ORDER BY id DESC LIMIT 1').get() as { config: string });
    expect((JSON.parse(config) as { workers: number }).workers).toBe(0);
  });
});
