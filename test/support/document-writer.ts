import { afterEach } from 'vitest';
import { createDocumentWriter, type DocumentWriter } from '../../src/store/document-repository.js';
import { openStore, type Store } from '../../src/store/open-store.js';

/**
 * A maker of in-memory databases with run 1 started and koe's document writer for it, each closed after its test.
 * Call at module level.
 */
export function useDocumentWriter(): () => { db: Store['db']; writer: DocumentWriter } {
  const stores: Store[] = [];
  afterEach(() => stores.splice(0).forEach((s) => s.close()));
  return () => {
    const store = openStore(':memory:');
    stores.push(store);
    store.db.prepare("INSERT INTO runs (id, started_at, status, command) VALUES (1, '2026-12-06T00:00:00Z', 'running', 'run')").run();
    return { db: store.db, writer: createDocumentWriter(store.db, 1) };
  };
}
