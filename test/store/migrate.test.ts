import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { listMigrations, migrate } from '../../src/store/migrate.js';
import { openStore } from '../../src/store/open-store.js';
import { THEME_PERIOD_COUNTS_SQL } from '../../src/store/theme-step-repository.js';
import { EDITED_ROWS_SQL } from '../../src/store/document-repository.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('koe-migrations-');

describe('migrate', () => {
  it('applies every numbered migration once, in order, and records it', () => {
    const store = openStore(':memory:');
    const versions = (store.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
    expect(versions).toEqual(listMigrations().map((m) => m.version));
    expect(versions[0]).toBe(1);
    // A second pass finds nothing to do.
    expect(migrate(store.db)).toEqual([]);
    store.close();
  });

  it('leaves the database at the last good version when a migration fails', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '001-good.sql'), 'CREATE TABLE a (x INTEGER);');
    fs.writeFileSync(path.join(dir, '002-bad.sql'), 'CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);');
    const db = new Database(':memory:');
    expect(() => migrate(db, dir)).toThrow(/nowhere/);
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(['a', 'schema_migrations']); // b rolled back with its failed migration
    expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1]);
  });

  it("counts a period's documents by theme from the date index alone (017: it carries the id)", () => {
    const store = openStore(':memory:');
    const plan = (store.db
      .prepare(`EXPLAIN QUERY PLAN ${THEME_PERIOD_COUNTS_SQL}`)
      .all({ baselineFrom: '2026-09-13', windowFrom: '2026-11-08', end: '2026-11-15' }) as { detail: string }[]).map((r) => r.detail);
    expect(plan[0]).toMatch(/^SEARCH d USING COVERING INDEX documents_created_at/);
    store.close();
  });

  it("finds a run's new id-less documents from 018's partial index, not by reading every document", () => {
    const store = openStore(':memory:');
    const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${EDITED_ROWS_SQL}`).all({ runId: 2 }) as { detail: string }[]).map((r) => r.detail);
    expect(plan[0]).toMatch(/^SEARCH new USING INDEX documents_idless_new \(first_run_id=\?\)/);
    store.close();
  });

  it('opens file databases in WAL mode with foreign keys on', () => {
    const file = path.join(tempDir(), 'koe.db');
    const store = openStore(file);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    store.close();
  });
});
