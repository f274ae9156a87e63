import type { Db } from './open-store.js';

/** The database's key for hashing source ids that are personal data (created by migration 007). */
export function loadSourceIdKey(db: Db): Uint8Array {
  const row = db.prepare(`SELECT value FROM koe_secrets WHERE name = 'source_id_key'`).get() as { value: Buffer } | undefined;
  if (!row) throw new Error('this database has no source_id_key (migration 007 did not run)');
  return new Uint8Array(row.value);
}

export type ErasureSelector = 'source_id' | 'doc_id' | 'text';

export interface ErasureRecord {
  id: number;
  erasedAt: string;
  selector: ErasureSelector;
  documents: number;
  themesRefreshed: number;
}

/** Records an erasure: when, how it selected and how many — never which ids or what text. */
export function recordErasure(db: Db, selector: ErasureSelector, documents: number, themesRefreshed: number): number {
  const info = db
    .prepare('INSERT INTO erasures (erased_at, selector, documents, themes_refreshed) VALUES (?, ?, ?, ?)')
    .run(new Date().toISOString(), selector, documents, themesRefreshed);
  return Number(info.lastInsertRowid);
}

export function listErasures(db: Db): ErasureRecord[] {
  const rows = db.prepare('SELECT * FROM erasures ORDER BY id').all() as {
    id: number;
    erased_at: string;
    selector: ErasureSelector;
    documents: number;
    themes_refreshed: number;
  }[];
  return rows.map((r) => ({ id: r.id, erasedAt: r.erased_at, selector: r.selector, documents: r.documents, themesRefreshed: r.themes_refreshed }));
}
