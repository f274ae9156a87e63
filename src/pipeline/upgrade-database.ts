// `koe upgrade`: the schema changes a newer koe brings (numbered migrations), applied to an existing database on
// their own, as a deploy step before the next cron run. Commands that only read (stats, query, report, serve
// --read-only) never change the file, so after an upgrade of koe they refuse a database that needs one and name this.
// The migrations are applied under the write lease: a run of the older koe still writing is named (or waited for),
// never changed under it. Each migration is its own transaction (migrate.ts), so a failure leaves the last good one.
import fs from 'node:fs';
import { acquireWriteLease, type LeaseHolder } from '../store/write-lease.js';
import { migrate, type MigrationResult } from '../store/migrate.js';
import { pendingMigrations } from '../store/check-database.js';
import { openStore } from '../store/open-store.js';

export interface UpgradeOptions {
  /** Seconds to wait for another process that writes the database (Infinity: as long as it takes; 0: fail at once). */
  wait?: number;
  onWait?: (holder: LeaseHolder) => void;
}

export interface UpgradeResult {
  /** The migrations applied now, in order (empty: the database was up to date). */
  applied: MigrationResult[];
}

/** Applies the pending migrations of the koe database at `path`; throws DatabaseBusyError while another process writes it. */
export async function upgradeDatabase(path: string, options: UpgradeOptions = {}): Promise<UpgradeResult> {
  if (!fs.existsSync(path)) throw new Error(`no database at ${path} (create it with koe run)`);
  const store = openStore(path, { migrate: false });
  try {
    const pending = pendingMigrations(store.db);
    if (pending.length === 0) return { applied: [] };
    // The lease table came with migration 006: a database older than that has no writer to ask.
    const hasLease = store.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'write_lease'`).get() !== undefined;
    const lease = hasLease ? (await acquireWriteLease(store.db, 'koe upgrade', options)).lease : null;
    try {
      return { applied: migrate(store.db) };
    } finally {
      lease?.release();
    }
  } finally {
    store.close();
  }
}
