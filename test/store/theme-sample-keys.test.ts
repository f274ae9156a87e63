// Each assignment carries its member key (migration 017, themes/members-hash.ts), so a theme step at size counts every
// theme's members and reads each one's summary sample by one index instead of reading every assignment.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { listMigrations, migrate, MIGRATIONS_DIR } from '../../src/store/migrate.js';
import { openStore, type Db } from '../../src/store/open-store.js';
import { primaryCountsByTheme, setPrimary, themeSample } from '../../src/store/theme-step-repository.js';
import { memberKey, membersHash } from '../../src/themes/members-hash.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('koe-sample-keys-');

const DOC_IDS = Array.from({ length: 30 }, (_, i) => `doc-${String(i).padStart(2, '0')}`);

/** A run, the documents of DOC_IDS and themes t1 / t2, written in plain SQL as koe 016 stored them. */
function addRows(db: Db): void {
  db.prepare("INSERT INTO runs (id, started_at, status, command) VALUES (1, '2026-12-06T00:00:00Z', 'ok', 'run')").run();
  const doc = db.prepare(
    `INSERT INTO documents (id, content_hash, lang, text, first_run_id, last_run_id, ingested_at, updated_at)
     VALUES (?, ?, 'en', 'The parcel came late.', 1, 1, '2026-12-06T00:00:00Z', '2026-12-06T00:00:00Z')`,
  );
  for (const id of DOC_IDS) doc.run(id, id);
  db.prepare("INSERT INTO themes (id, label, size, members_hash) VALUES ('t1', 'late delivery', 20, 12345), ('t2', 'login', 10, 678)").run();
}

describe('member keys of theme assignments', () => {
  it('are given to the assignments a database holds when it migrates to 017, and its fingerprints are dropped', () => {
    const before = tempDir();
    for (const m of listMigrations().filter((m) => m.version < 17)) fs.copyFileSync(path.join(MIGRATIONS_DIR, `${m.name}.sql`), path.join(before, `${m.name}.sql`));
    const file = path.join(tempDir(), 'old.db');
    const old = new Database(file);
    old.pragma('foreign_keys = ON');
    migrate(old, before);
    addRows(old);
    const assign = old.prepare('INSERT INTO document_themes (doc_id, theme_id, rank, score) VALUES (?, ?, ?, 0.5)');
    DOC_IDS.forEach((id, i) => assign.run(id, i < 20 ? 't1' : 't2', 0));
    assign.run('doc-00', 't2', 1); // a secondary theme
    old.close();

    const upgraded = openStore(file);
    try {
      const rows = upgraded.db.prepare('SELECT doc_id, sample_key FROM document_themes').all() as { doc_id: string; sample_key: number }[];
      expect(rows).toHaveLength(31);
      for (const r of rows) expect(r.sample_key).toBe(memberKey(r.doc_id));
      // Sums of FNV-1a hashes before: no longer comparable, so each theme is read whole once at its next step.
      expect(upgraded.db.prepare('SELECT members_hash FROM themes ORDER BY id').pluck().all()).toEqual([null, null]);
    } finally {
      upgraded.close();
    }
  });

  it("count each theme's primary members with their fingerprint, and give its sample as the lowest keys", () => {
    const store = openStore(':memory:');
    try {
      addRows(store.db);
      const give = setPrimary(store.db);
      DOC_IDS.forEach((id, i) => give(id, i % 3 === 0 ? 't2' : 't1', 0.5));
      // A row written by hand, without its key, is given it before the count.
      store.db.prepare("INSERT INTO document_themes (doc_id, theme_id, rank, score) VALUES ('doc-01', 't2', 1, 0.2)").run();
      store.db.prepare("UPDATE document_themes SET sample_key = NULL WHERE doc_id = 'doc-03'").run();

      const t1 = DOC_IDS.filter((_, i) => i % 3 !== 0);
      const t2 = DOC_IDS.filter((_, i) => i % 3 === 0);
      expect(primaryCountsByTheme(store.db)).toEqual(
        new Map([
          ['t1', { size: t1.length, hash: membersHash(t1) }],
          ['t2', { size: t2.length, hash: membersHash(t2) }],
        ]),
      );
      const lowest = (ids: string[], k: number) =>
        ids.map((docId) => ({ docId, key: memberKey(docId) })).sort((a, b) => a.key - b.key || (a.docId < b.docId ? -1 : 1)).slice(0, k);
      const sampleOf = themeSample(store.db, 4);
      expect(sampleOf('t1')).toEqual(lowest(t1, 4));
      expect(sampleOf('t2')).toEqual(lowest(t2, 4));
      expect(sampleOf('t9')).toEqual([]);
    } finally {
      store.close();
    }
  });
});
