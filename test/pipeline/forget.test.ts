import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKoe } from '../../src/pipeline/run-koe.js';
import { forgetDocuments, ForgetError } from '../../src/pipeline/forget.js';
import { openStore } from '../../src/store/open-store.js';
import { markFollowupsDone } from '../../src/insights/followups.js';
import { curateThemes } from '../../src/pipeline/update-themes.js';
import { readDb } from '../support/read-db.js';
import { DatabaseBusyError, tryAcquireLease } from '../../src/store/write-lease.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('koe-forget-');

// The customer's words: unusual enough that finding them in the file's bytes can only mean they are still there.
const CUSTOMER_TEXT = '配送が三週間も遅れて、梱包も潰れていました。クワガタ柄の箱は二度と頼みません。';
const CUSTOMER_ID = 'Hanako.Sato@example.jp';

/** A database with themes: delivery and login complaints in both languages, plus one customer to forget. */
async function databaseWithCustomer(): Promise<string> {
  const dir = tempDir();
  const input = path.join(dir, 'feedback.jsonl');
  const rows: object[] = [];
  for (let i = 0; i < 8; i++) {
    rows.push({ id: `d${i}`, text: `配送が遅れて荷物がまだ届きません。${i}日待っています。`, created_at: `2026-10-0${1 + (i % 9)}T09:00:00Z` });
    rows.push({ id: `e${i}`, text: `My delivery is late again, the parcel has not arrived after ${i + 2} days.`, created_at: `2026-10-0${1 + (i % 9)}T10:00:00Z` });
    rows.push({ id: `l${i}`, text: `ログインできません。パスワードを入れてもエラーになります（${i}回目）。`, created_at: `2026-10-0${1 + (i % 9)}T11:00:00Z` });
  }
  rows.push({ id: CUSTOMER_ID, text: CUSTOMER_TEXT, created_at: '2026-10-05T12:00:00Z', rating: 1, rating_scale: 'stars' });
  fs.writeFileSync(input, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const db = path.join(dir, 'koe.db');
  await runKoe({ db, inputs: [input], config: { workers: 0 } });
  return db;
}

/** Every byte of the database: the file, its WAL and its shared memory. */
function databaseBytes(db: string): Buffer {
  return Buffer.concat(['', '-wal', '-shm'].map((s) => (fs.existsSync(db + s) ? fs.readFileSync(db + s) : Buffer.alloc(0))));
}

describe('koe forget', () => {
  it('erases the customer and everything derived, and their text is gone from the bytes of the file and WAL', async () => {
    const db = await databaseWithCustomer();
    const needle = Buffer.from('クワガタ柄の箱', 'utf8');
    // Hold a reader open so the run's pages are still in the WAL: the test must be able to fail.
    const before = openStore(db);
    const customerDocId = before.db.prepare('SELECT id FROM documents WHERE text LIKE ?').pluck().get('%クワガタ%') as string;
    expect(customerDocId).toMatch(/^pid-/); // the e-mail id was stored as a keyed hash
    expect(before.db.prepare('SELECT count(*) FROM document_ratings WHERE doc_id = ?').pluck().get(customerDocId)).toBe(1);
    // Follow-ups find the customer by the id the team knows, through the same keyed hash.
    expect(markFollowupsDone(before.db, ['hanako.sato@example.jp']).changed).toEqual([customerDocId]);
    // A support lead moved their document to another theme: the curation log names it.
    const elsewhere = before.db.prepare("SELECT id FROM themes WHERE status = 'active' AND id NOT IN (SELECT theme_id FROM document_themes WHERE doc_id = ?) LIMIT 1").pluck().get(customerDocId) as string;
    curateThemes(before.db, { action: 'move', docId: customerDocId, themeId: elsewhere });
    // ...and split that theme: the split's parts and its before-state list the document too.
    const { themeIds: parts } = curateThemes(before.db, { action: 'split', themeId: elsewhere });
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(databaseBytes(db).includes(needle)).toBe(true);
    const space = () => before.db.prepare("SELECT value FROM theme_state WHERE key = 'model_id'").pluck().get() as string;
    const modelBefore = space();
    expect(before.db.prepare('SELECT instr(params, ?) > 0 FROM theme_models WHERE id = ?').pluck().get('"クワガタ"', modelBefore)).toBe(1);
    const vectorsBefore = before.db.prepare('SELECT doc_id, vector FROM doc_vectors WHERE doc_id <> ? ORDER BY doc_id').all(customerDocId);
    before.close();

    const summary = forgetDocuments({ db, sourceIds: ['hanako.sato@example.jp'] }); // spelled as the team has it
    expect(summary).toMatchObject({ documents: 1, dryRun: false });
    expect(summary.themesRefreshed).toBeGreaterThan(0);
    expect(summary.erasureId).toBe(1);

    expect(databaseBytes(db).includes(needle)).toBe(false);
    // Their own word left the theme space too (below 200 documents it keeps words one document uses).
    expect(databaseBytes(db).includes(Buffer.from('クワガタ'))).toBe(false);
    expect(databaseBytes(db).includes(Buffer.from(customerDocId))).toBe(false);
    readDb(db, (d) => {
      const n = (sql: string): number => d.prepare(sql).pluck().get(customerDocId) as number;
      expect(n('SELECT count(*) FROM documents WHERE id = ?')).toBe(0);
      expect(n('SELECT count(*) FROM analyses WHERE doc_id = ?')).toBe(0);
      expect(n('SELECT count(*) FROM document_themes WHERE doc_id = ?')).toBe(0);
      expect(n('SELECT count(*) FROM doc_vectors WHERE doc_id = ?')).toBe(0);
      expect(n('SELECT count(*) FROM followups WHERE doc_id = ?')).toBe(0);
      expect(n('SELECT count(*) FROM document_ratings WHERE doc_id = ?')).toBe(0);
      // Theme sizes and quotes were summarized again from the members that remain.
      const themes = d.prepare(`SELECT id, size, quotes FROM themes WHERE status = 'active'`).all() as { id: string; size: number; quotes: string }[];
      expect(themes.length).toBeGreaterThan(0);
      for (const t of themes) {
        expect(JSON.parse(t.quotes)).not.toContain(customerDocId);
        expect(t.size).toBe(d.prepare('SELECT count(*) FROM document_themes WHERE theme_id = ?').pluck().get(t.id));
      }
      // The move of their document left the log; the split stays, without them.
      expect(d.prepare('SELECT action FROM theme_curation ORDER BY id').pluck().all()).toEqual(['split']);
      // The space keeps its id and every other document its vector: none of them has the words that went.
      expect(d.prepare("SELECT value FROM theme_state WHERE key = 'model_id'").pluck().get()).toBe(modelBefore);
      expect(d.prepare('SELECT doc_id, vector FROM doc_vectors ORDER BY doc_id').all()).toEqual(vectorsBefore);
      expect(d.prepare('SELECT instr(params, ?) > 0 FROM theme_models').pluck().get('"待つ"')).toBe(1); // others' words stay
      // The record says when and how many, never what.
      const erasure = d.prepare('SELECT * FROM erasures').get() as Record<string, unknown>;
      expect(erasure).toMatchObject({ selector: 'source_id', documents: 1 });
      expect(JSON.stringify(erasure)).not.toMatch(/hanako|pid-|クワガタ/i);
      expect(d.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(24);
    });
  }, 60_000);

  it('a dry run counts and changes nothing; a text selector finds documents by their stored text', async () => {
    const db = await databaseWithCustomer();
    const bytes = fs.readFileSync(db);
    expect(forgetDocuments({ db, textContains: 'クワガタ柄', dryRun: true })).toMatchObject({ documents: 1, dryRun: true, erasureId: null });
    expect(fs.readFileSync(db).equals(bytes)).toBe(true);
    expect(forgetDocuments({ db, textContains: 'クワガタ柄' }).documents).toBe(1);
    expect(() => forgetDocuments({ db })).toThrow(ForgetError);
    expect(() => forgetDocuments({ db, textContains: 'ab' })).toThrow(/at least 3 characters/);
  }, 60_000);

  it('waits for no one: a live writer holding the database makes it stop with the holder named, erasing nothing', async () => {
    const db = await databaseWithCustomer();
    const writer = openStore(db);
    const attempt = tryAcquireLease(writer.db, 'run');
    expect('lease' in attempt).toBe(true);
    try {
      expect(() => forgetDocuments({ db, sourceIds: [CUSTOMER_ID] })).toThrow(DatabaseBusyError);
      expect(readDb(db, (d) => d.prepare('SELECT count(*) FROM documents').pluck().get())).toBe(25);
    } finally {
      if ('lease' in attempt) attempt.lease.release();
      writer.close();
    }
  }, 60_000);

  it("leaves none of the text's trigrams in the search index, nor those of a version a later run replaced", async () => {
    const db = await databaseWithCustomer();
    // The customer wrote again under the same id: the stored text changed, the index was told to forget the old one.
    const earlier = 'ヘラクレス柄のマグカップが割れて届きました。';
    const dir = path.dirname(db);
    const again = path.join(dir, 'again.jsonl');
    fs.writeFileSync(again, JSON.stringify({ id: CUSTOMER_ID, text: earlier, created_at: '2026-10-05T12:00:00Z' }) + '\n');
    await runKoe({ db, inputs: [again], config: { workers: 0 } });
    fs.writeFileSync(again, JSON.stringify({ id: CUSTOMER_ID, text: CUSTOMER_TEXT, created_at: '2026-10-05T12:00:00Z' }) + '\n');
    await runKoe({ db, inputs: [again], config: { workers: 0 } });
    const trigramsOnlyTheirs = (text: string, others: string): string[] => {
      const chars = [...text];
      return chars.slice(0, -2).map((_, i) => chars.slice(i, i + 3).join('')).filter((t) => !others.includes(t) && !/[。、]/.test(t));
    };
    const indexBytes = (): Buffer =>
      readDb(db, (d) => Buffer.concat((d.prepare('SELECT block FROM documents_fts_data').pluck().all() as (Buffer | null)[]).filter((b): b is Buffer => b !== null)));
    const others = readDb(db, (d) => (d.prepare("SELECT text FROM documents WHERE text NOT LIKE '%クワガタ%'").pluck().all() as string[]).join('\n'));
    const theirs = [...trigramsOnlyTheirs(CUSTOMER_TEXT, others), ...trigramsOnlyTheirs(earlier, others)];
    expect(theirs.length).toBeGreaterThan(20);
    // The index holds them before (it must be able to fail); trigrams as its terms, whole where no neighbour shares a prefix.
    expect(theirs.filter((t) => indexBytes().includes(Buffer.from(t))).length).toBeGreaterThan(2);

    expect(forgetDocuments({ db, sourceIds: [CUSTOMER_ID] }).documents).toBe(1);
    expect(theirs.filter((t) => indexBytes().includes(Buffer.from(t)))).toEqual([]);
    expect(databaseBytes(db).includes(Buffer.from('ヘラクレス柄'))).toBe(false);
    // Search still works for everyone else.
    expect(readDb(db, (d) => d.prepare(`SELECT count(*) FROM documents_fts WHERE documents_fts MATCH '"配送が遅れて"'`).pluck().get())).toBe(8);
  }, 60_000);
});
