// Each stored document's primary theme, keyed by its source id: how the evaluations compare koe's themes with the
// labels of their input rows (the gold intent, the planted issue).
import { openStore } from '../../src/store/open-store.js';

export function primaryThemeBySource(db: string): Map<string, string> {
  const store = openStore(db);
  try {
    const rows = store.db
      .prepare('SELECT d.source_id AS s, t.theme_id AS t FROM document_themes t JOIN documents d ON d.id = t.doc_id WHERE t.rank = 0')
      .all() as { s: string; t: string }[];
    return new Map(rows.map((r) => [r.s, r.t]));
  } finally {
    store.close();
  }
}
