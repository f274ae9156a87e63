import type { Db } from './open-store.js';
import { listRuns, type RunRecord } from './run-repository.js';

export interface DatabaseStats {
  documents: number;
  rejectedRows: number;
  firstDate: string | null;
  lastDate: string | null;
  byLang: Record<string, number>;
  bySentiment: Record<string, number>;
  byKind: Record<string, number>;
  byChannel: Record<string, number>;
  byProduct: Record<string, number>;
  activeThemes: number;
  /** Share of documents with no active theme, in [0, 1]. */
  unthemedShare: number;
  /** Documents stored but not yet through a theme step (a run in progress, interrupted, or run with --no-themes). */
  themePending: number;
  lastRuns: RunRecord[];
}

function countBy(db: Db, sql: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of db.prepare(sql).all() as { k: string | null; n: number }[]) out[r.k ?? '(none)'] = r.n;
  return out;
}

/** The summary behind `koe stats`. */
export function collectStats(db: Db): DatabaseStats {
  const documents = (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
  const range = db.prepare('SELECT min(created_at) AS lo, max(created_at) AS hi FROM documents').get() as {
    lo: string | null;
    hi: string | null;
  };
  const themed = (
    db
      .prepare(
        `SELECT count(DISTINCT dt.doc_id) AS n FROM document_themes dt JOIN themes t ON t.id = dt.theme_id
         WHERE t.status = 'active'`,
      )
      .get() as { n: number }
  ).n;
  return {
    documents,
    rejectedRows: (db.prepare('SELECT count(*) AS n FROM rejected_rows').get() as { n: number }).n,
    firstDate: range.lo,
    lastDate: range.hi,
    byLang: countBy(db, 'SELECT lang AS k, count(*) AS n FROM documents GROUP BY lang ORDER BY n DESC'),
    bySentiment: countBy(db, 'SELECT sentiment_label AS k, count(*) AS n FROM analyses GROUP BY k ORDER BY n DESC'),
    byKind: countBy(db, 'SELECT kind AS k, count(*) AS n FROM analyses GROUP BY kind ORDER BY n DESC'),
    byChannel: countBy(db, 'SELECT channel AS k, count(*) AS n FROM documents GROUP BY channel ORDER BY n DESC'),
    byProduct: countBy(db, 'SELECT product AS k, count(*) AS n FROM documents GROUP BY product ORDER BY n DESC'),
    activeThemes: (db.prepare(`SELECT count(*) AS n FROM themes WHERE status = 'active'`).get() as { n: number }).n,
    unthemedShare: documents === 0 ? 0 : (documents - themed) / documents,
    themePending: db.prepare('SELECT count(*) FROM documents WHERE theme_pending = 1').pluck().get() as number,
    lastRuns: listRuns(db, 5),
  };
}
