import fs from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from 'better-sqlite3';
import { listMigrations, MIGRATIONS_DIR } from './migrate.js';

// Before koe writes to a file it checks that the file is a koe database it understands: a SQLite file with other
// tables and no koe migration record belongs to someone else, and a koe database with migrations this code does not
// know was written by a newer koe (as kysely's migrator refuses a history it does not recognise).

/** The file is not one koe may write: the message says which file and why. */
export class DatabaseCheckError extends Error {
  override name = 'DatabaseCheckError';
}

/** The SQLite header every database file starts with. */
const SQLITE_HEADER = 'SQLite format 3\u0000';

/** A file that exists, is not empty and is not SQLite: refused before better-sqlite3 opens it. */
export function checkDatabaseFile(path: string): void {
  if (path === ':memory:') return;
  if (!fs.existsSync(path)) {
    const folder = dirname(path);
    if (!fs.existsSync(folder)) throw new DatabaseCheckError(`cannot create ${path}: the folder ${folder} does not exist`);
    return;
  }
  const stat = fs.statSync(path);
  if (stat.isDirectory()) throw new DatabaseCheckError(`${path} is a folder, not a koe database`);
  if (stat.size === 0) return;
  const fd = fs.openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    fs.readSync(fd, head, 0, 16, 0);
    if (head.toString('latin1') !== SQLITE_HEADER) throw new DatabaseCheckError(`${path} is not a SQLite database (koe databases are SQLite files)`);
  } finally {
    fs.closeSync(fd);
  }
}

/** Refuses a foreign SQLite database and a koe database newer than this code. */
export function checkKoeDatabase(db: Database, path: string, dir = MIGRATIONS_DIR): void {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'`)
    .pluck()
    .all() as string[];
  if (tables.length === 0) return;
  if (!tables.includes('schema_migrations')) {
    const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '');
    throw new DatabaseCheckError(`${path} is a SQLite database but not a koe database (it has tables ${shown}); koe will not write to it`);
  }
  const known = new Set(listMigrations(dir).map((m) => m.version));
  const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number; name: string }[];
  const unknown = applied.filter((m) => !known.has(m.version));
  if (unknown.length > 0) {
    throw new DatabaseCheckError(
      `${path} was written by a newer koe (migration ${unknown.map((m) => m.name).join(', ')} is unknown to this version); upgrade koe to use it`,
    );
  }
}

/** Migrations this code has that the database has not applied (a read-only open cannot apply them). */
export function pendingMigrations(db: Database, dir = MIGRATIONS_DIR): string[] {
  const hasTable = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get();
  const applied = new Set(hasTable ? (db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]) : []);
  return listMigrations(dir).filter((m) => !applied.has(m.version)).map((m) => m.name);
}

/**
 * What a SQLite error says of the storage under the database, if anything: the disk is full, it could not be written
 * (an I/O error: with no room left even for the WAL's index, a full disk shows as one), or the file is damaged.
 */
export function storageFailure(err: unknown): 'full' | 'io' | 'damaged' | null {
  const code = (err as { code?: string } | null)?.code ?? '';
  if (code === 'SQLITE_FULL') return 'full';
  if (code.startsWith('SQLITE_IOERR')) return 'io';
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return 'damaged';
  return null;
}
