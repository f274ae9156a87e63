import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { PACKAGE_ROOT } from '../paths.js';

export const MIGRATIONS_DIR = path.join(PACKAGE_ROOT, 'src', 'store', 'migrations');

export interface MigrationResult {
  version: number;
  name: string;
}

interface MigrationFile {
  version: number;
  name: string;
  sql: string;
}

/** Numbered `NNN-name.sql` files in version order. */
export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}-[a-z0-9-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: Number(f.slice(0, 3)),
      name: f.replace(/\.sql$/, ''),
      sql: fs.readFileSync(path.join(dir, f), 'utf8'),
    }));
}

/**
 * Applies pending migrations, each in one transaction with its record in `schema_migrations`,
 * so a failure leaves the database at the last good version.
 */
export function migrate(db: Database, dir = MIGRATIONS_DIR): MigrationResult[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
  );
  const done: MigrationResult[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of listMigrations(dir)) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    })();
    done.push({ version: m.version, name: m.name });
  }
  return done;
}
