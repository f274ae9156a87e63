import fs from 'node:fs';
import path from 'node:path';

// Every --out goes through here: a clear sentence (exit 2, no stack) instead of ENOENT from deep inside a
// stream, and never the database itself — `koe report --out koe.db` would otherwise replace it with HTML.

/** An --out that cannot be written: one sentence for the user (exit 2), no stack, no usage hint. */
export class OutPathError extends Error {
  override name = 'OutPathError';
}

/** The files that make up a SQLite database: the file, its WAL, its shared memory and its rollback journal. */
function databaseFiles(db: string): string[] {
  return ['', '-wal', '-shm', '-journal'].map((suffix) => path.resolve(db + suffix));
}

function realOrResolved(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/** Checks an --out path before anything is written: an existing writable folder, not a folder, not the database. */
export function checkOutPath(out: string, db: string | undefined): string {
  if (out.trim() === '') throw new OutPathError('--out needs a file name');
  const target = path.resolve(out);
  if (db) {
    const dbFiles = databaseFiles(realOrResolved(db)).concat(databaseFiles(db));
    if (dbFiles.includes(realOrResolved(target)) || dbFiles.includes(target)) {
      throw new OutPathError(`--out ${out} is the database (or its -wal/-shm file); choose another file`);
    }
  }
  const dir = path.dirname(target);
  if (!fs.existsSync(dir)) throw new OutPathError(`cannot write --out ${out}: the folder ${dir} does not exist`);
  if (!fs.statSync(dir).isDirectory()) throw new OutPathError(`cannot write --out ${out}: ${dir} is not a folder`);
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) throw new OutPathError(`cannot write --out ${out}: it is a folder`);
  try {
    fs.accessSync(fs.existsSync(target) ? target : dir, fs.constants.W_OK);
  } catch {
    throw new OutPathError(`cannot write --out ${out}: permission denied`);
  }
  return target;
}

/** A write error on --out (disk full, removed folder) as a sentence for the user. */
export function outWriteError(out: string, err: unknown): OutPathError {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'the folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOSPC' ? 'the disk is full' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message;
  return new OutPathError(`cannot write --out ${out}: ${why}`);
}
