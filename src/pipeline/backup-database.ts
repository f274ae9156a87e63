// `koe backup`: a consistent copy of a koe database while runs write it and people read it. Copying the file with
// cp during a run can catch the database between its WAL and its main file (a copy that SQLite calls malformed);
// VACUUM INTO copies what one read transaction sees — the last committed batch, never half of one — into a new,
// compacted file, without taking the write lock (in WAL mode writers go on). The copy is then checked.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { checkDatabaseFile, checkKoeDatabase, DatabaseCheckError } from '../store/check-database.js';

export interface BackupResult {
  out: string;
  bytes: number;
  documents: number;
  /** The newest migration of the copy (its schema version). */
  schema: string | null;
  /** PRAGMA quick_check of the copy: 'ok' or what it found. */
  check: string;
}

/**
 * Copies the koe database at `path` to `out` (a file that must not exist yet) and checks the copy. A database an
 * earlier koe wrote is copied as it is (back up, then `koe upgrade`): only a foreign or a newer one is refused.
 */
export function backupDatabase(path: string, out: string): BackupResult {
  if (fs.existsSync(out)) throw new DatabaseCheckError(`${out} exists: koe backup does not overwrite a file (remove it or choose another name)`);
  checkDatabaseFile(path);
  const source = new Database(path, { readonly: true, fileMustExist: true });
  try {
    checkKoeDatabase(source, path);
    source.prepare('VACUUM INTO ?').run(out);
  } finally {
    source.close();
  }
  const copy = new Database(out, { readonly: true, fileMustExist: true });
  try {
    return {
      out,
      bytes: fs.statSync(out).size,
      documents: copy.prepare('SELECT count(*) FROM documents').pluck().get() as number,
      schema: (copy.prepare('SELECT name FROM schema_migrations ORDER BY version DESC LIMIT 1').pluck().get() as string | undefined) ?? null,
      check: (copy.pragma('quick_check', { simple: true }) as string) ?? 'ok',
    };
  } finally {
    copy.close();
  }
}
