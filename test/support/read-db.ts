import { openStore, type Db } from '../../src/store/open-store.js';

/** Reads from a koe database through a read-only store, closed again whatever happens. */
export function readDb<T>(dbPath: string, read: (db: Db) => T): T {
  const store = openStore(dbPath, { readonly: true });
  try {
    return read(store.db);
  } finally {
    store.close();
  }
}
