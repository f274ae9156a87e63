import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { migrate, type MigrationResult } from './migrate.js';

export type Db = SqliteDatabase;

export interface StoreOptions {
  /** Open without writing: no migrations, no WAL switch. */
  readonly?: boolean;
}

export interface Store {
  readonly db: Db;
  readonly path: string;
  /** Migrations applied when the store was opened (empty when it was up to date). */
  readonly migrations: MigrationResult[];
  close(): void;
}

/**
 * Opens (and creates) a koe database: WAL, foreign keys, and every pending migration applied.
 * Pass ':memory:' for a throwaway database.
 */
export function openStore(path: string, options: StoreOptions = {}): Store {
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  let migrations: MigrationResult[] = [];
  if (!options.readonly) {
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrations = migrate(db);
  }
  return {
    db,
    path,
    migrations,
    close: () => db.close(),
  };
}
