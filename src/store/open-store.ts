import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { migrate, type MigrationResult } from './migrate.js';
import { checkDatabaseFile, checkKoeDatabase, DatabaseCheckError, pendingMigrations, storageFailure } from './check-database.js';

export type Db = SqliteDatabase;

export interface StoreOptions {
  /** Open without writing: no migrations, no WAL switch. */
  readonly?: boolean;
  /** Open for writing but leave pending migrations for the caller (`koe upgrade` applies them under the write lease). */
  migrate?: boolean;
}

export interface Store {
  readonly db: Db;
  readonly path: string;
  /** Migrations applied when the store was opened (empty when it was up to date). */
  readonly migrations: MigrationResult[];
  close(): void;
}

/** Bytes the WAL file is truncated to after a checkpoint (SQLite's journal_size_limit). */
export const WAL_SIZE_LIMIT = 64 * 2 ** 20;

/**
 * Copies the write-ahead log into the database and truncates it (between a run's batches and after its theme
 * step), so disk use stays near the database's own size. A reader in the middle of a long query can keep part of
 * the log alive: then the checkpoint does what it can now, and the next one finishes.
 */
export function checkpointWal(db: Db): { busy: boolean; logPages: number; checkpointed: number } {
  const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  return { busy: (row?.busy ?? 0) === 1, logPages: row?.log ?? 0, checkpointed: row?.checkpointed ?? 0 };
}

/**
 * How far the WAL may grow before a commit copies it back into the database (SQLite's wal_autocheckpoint, 1,000
 * pages by default): a tenth of the database, between 1,000 pages and the 64 MiB the log is cut back to. A run's
 * batch at size dirties more than 1,000 pages, so by default every commit also copied its pages back (and synced
 * the file twice); a longer log copies a page that several batches changed once. Set again as the database grows.
 * Returns the pages set.
 */
export function paceCheckpoints(db: Db): number {
  const pages = checkpointPages(db.pragma('page_count', { simple: true }) as number, db.pragma('page_size', { simple: true }) as number);
  db.pragma(`wal_autocheckpoint = ${pages}`);
  return pages;
}

/** The WAL pages paceCheckpoints allows for a database of `pageCount` pages of `pageSize` bytes. */
export function checkpointPages(pageCount: number, pageSize: number): number {
  return Math.round(Math.min(WAL_SIZE_LIMIT / pageSize, Math.max(1000, pageCount / 10)));
}

/**
 * Keeps this connection's temporary files in memory (SQLite's temp_store = MEMORY), or in files again (its
 * default). koe run keeps them in memory while it writes its batches: each upsert of a batch (an ON CONFLICT clause
 * and triggers) keeps a statement journal of the pages it changes that the batch had already changed, ≈ 18 pages a
 * document, and SQLite spills a statement journal past 64 KiB to a temporary file: 36 writes per document (18 of 4
 * bytes, 18 of a page), at a million documents a third of the writer's CPU time in system calls. A theme step goes
 * back to files: a rebuild at size keeps its scratch assignments in TEMP tables that must not grow in memory. SQLite
 * refuses the change inside a transaction (then nothing changes: false), and it drops this connection's TEMP tables.
 */
export function keepTempInMemory(db: Db, inMemory: boolean): boolean {
  if (db.inTransaction) return false;
  db.pragma(`temp_store = ${inMemory ? 'MEMORY' : 'DEFAULT'}`);
  return true;
}

/** SQLite's "database disk image is malformed" on opening, said with the file and what can be done. */
function damaged(err: unknown, path: string): unknown {
  if (storageFailure(err) !== 'damaged') return err;
  return new DatabaseCheckError(
    `${path} is damaged (SQLite: ${(err as Error).message}): restore it from a backup; sqlite3's ".recover" command may save what is left of it`,
  );
}

/**
 * Opens (and creates) a koe database: WAL, foreign keys, and every pending migration applied. Refuses a file
 * that is not a koe database and one written by a newer koe (DatabaseCheckError). Read-only: nothing is written.
 * Pass ':memory:' for a throwaway database.
 */
export function openStore(path: string, options: StoreOptions = {}): Store {
  checkDatabaseFile(path);
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  let migrations: MigrationResult[] = [];
  try {
    db.pragma('busy_timeout = 5000');
    // A 64 MiB page cache (SQLite's default is 2 MiB) for every connection: a run's upserts land all over the id
    // index, and a large database otherwise rereads the same pages for every batch (profiled: most of the main
    // thread's write time); readers of a large database (reports, trends, serve) revisit the same pages as well.
    db.pragma('cache_size = -65536');
    // A foreign or newer database is refused before anything is written to it (even the WAL switch).
    checkKoeDatabase(db, path);
    if (options.readonly) {
      const pending = pendingMigrations(db);
      if (pending.length > 0) {
        throw new DatabaseCheckError(
          `${path} needs an upgrade this read-only command will not make (${pending.join(', ')}); run koe upgrade --db ${path} first (any command that writes, such as koe run, upgrades it too)`,
        );
      }
    } else {
      db.pragma('foreign_keys = ON');
      if (path !== ':memory:') db.pragma('journal_mode = WAL');
      // After a checkpoint the WAL file is cut back to this size, so a long run does not keep a large one on disk.
      db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
      db.pragma('synchronous = NORMAL');
      if (options.migrate !== false) migrations = migrate(db);
    }
  } catch (err) {
    db.close();
    throw damaged(err, path);
  }
  return {
    db,
    path,
    migrations,
    close: () => db.close(),
  };
}
