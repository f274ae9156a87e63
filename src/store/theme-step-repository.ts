// The store side of theme steps at size (more analysed documents than clusterSample): assignments stay in
// `document_themes` and are read and written in keyset chunks, never held for the whole corpus. Used by a run's
// provisional themes (nearest theme inside each batch's transaction) and its incremental final step.
import type { Db } from './open-store.js';
import type { Statement } from 'better-sqlite3';
import { byCodeUnits, fromBlob, THEME_DOC_COLUMNS, toThemeDoc, type StoredThemeDoc, type ThemeDocRow } from './theme-repository.js';
import type { FeedbackKind, SentimentLabel } from '../types.js';

/**
 * Gives `docId` the primary theme `themeId` unless it has one already (a document whose text changed keeps its
 * theme until a step moves it, as in an in-memory incremental step). Returns whether it was given.
 */
export function insertPrimaryIfNone(db: Db): (docId: string, themeId: string, score: number) => boolean {
  const insert = db.prepare(
    `INSERT INTO document_themes (doc_id, theme_id, rank, score) SELECT ?, ?, 0, ?
     WHERE NOT EXISTS (SELECT 1 FROM document_themes WHERE doc_id = ? AND rank = 0)`,
  );
  const dropSecondary = db.prepare('DELETE FROM document_themes WHERE doc_id = ? AND theme_id = ? AND rank > 0');
  return (docId, themeId, score) => {
    dropSecondary.run(docId, themeId);
    return insert.run(docId, themeId, score, docId).changes > 0;
  };
}

/** Sets (or replaces) the primary theme of a document; its secondary rows are kept unless they name that theme. */
export function setPrimary(db: Db): (docId: string, themeId: string | null, score: number) => void {
  const drop = db.prepare('DELETE FROM document_themes WHERE doc_id = ? AND (rank = 0 OR theme_id = ?)');
  const insert = db.prepare('INSERT INTO document_themes (doc_id, theme_id, rank, score) VALUES (?, ?, 0, ?)');
  return (docId, themeId, score) => {
    drop.run(docId, themeId ?? '');
    if (themeId !== null) insert.run(docId, themeId, score);
  };
}

/** Moves every primary member of `fromId` to `toId` (a merge); a secondary row of one of them to `toId` goes. */
export function moveMembers(db: Db, fromId: string, toId: string): number {
  db.prepare(
    `DELETE FROM document_themes WHERE rank > 0 AND theme_id = ?
       AND doc_id IN (SELECT doc_id FROM document_themes WHERE theme_id = ? AND rank = 0)`,
  ).run(toId, fromId);
  return db.prepare('UPDATE document_themes SET theme_id = ? WHERE theme_id = ? AND rank = 0').run(toId, fromId).changes;
}

/** Whether any document has `themeId` as its primary theme. */
export function hasPrimaryMembers(db: Db, themeId: string): boolean {
  return db.prepare('SELECT 1 FROM document_themes WHERE theme_id = ? AND rank = 0 LIMIT 1').get(themeId) !== undefined;
}

/** Primary assignments of these documents as stored (documents without one are absent). */
export function loadPrimaries(db: Db, docIds: Iterable<string>): Map<string, { themeId: string; score: number }> {
  const get = db.prepare('SELECT theme_id, score FROM document_themes WHERE doc_id = ? AND rank = 0');
  const out = new Map<string, { themeId: string; score: number }>();
  for (const id of docIds) {
    const r = get.get(id) as { theme_id: string; score: number } | undefined;
    if (r) out.set(id, { themeId: r.theme_id, score: r.score });
  }
  return out;
}

/** Analysed documents waiting for a theme step (theme_pending = 1). */
export function countPendingThemeDocs(db: Db): number {
  return db.prepare('SELECT count(*) FROM documents d JOIN analyses a ON a.doc_id = d.id WHERE d.theme_pending = 1').pluck().get() as number;
}

/** The next pending analysed documents (id order, after `afterId`) with no vector of `modelId` for their text. */
export function pendingDocsWithoutVector(db: Db, modelId: string, afterId: string, limit: number): StoredThemeDoc[] {
  return (
    db
      .prepare(
        `${THEME_DOC_COLUMNS} LEFT JOIN doc_vectors v ON v.doc_id = d.id AND v.model = ?
         WHERE d.theme_pending = 1 AND (v.doc_id IS NULL OR v.content_hash <> d.content_hash) AND d.id > ? ORDER BY d.id LIMIT ?`,
      )
      .all(modelId, afterId, limit) as ThemeDocRow[]
  ).map(toThemeDoc);
}

/** The pending analysed documents that no theme took (no primary theme), with their kind, in id order. */
export function unthemedPendingDocs(db: Db): { id: string; kind: FeedbackKind }[] {
  return db
    .prepare(
      `SELECT d.id, a.kind FROM documents d JOIN analyses a ON a.doc_id = d.id
       WHERE d.theme_pending = 1 AND NOT EXISTS (SELECT 1 FROM document_themes t WHERE t.doc_id = d.id AND t.rank = 0)
       ORDER BY d.id`,
    )
    .all() as { id: string; kind: FeedbackKind }[];
}

/** Cached vectors of `ids` under `modelId`, one row each in order (a zero row where none is cached). */
export function loadVectorRows(db: Db, modelId: string, ids: readonly string[], dim: number): Float32Array {
  const get = db.prepare('SELECT vector FROM doc_vectors WHERE doc_id = ? AND model = ?').pluck();
  const out = new Float32Array(ids.length * dim);
  // Looked up in id order (neighbouring keys share index pages), each written to its own row.
  const order = ids.map((_, i) => i).sort((a, b) => byCodeUnits(ids[a]!, ids[b]!) || a - b);
  for (const i of order) {
    const b = get.get(ids[i]!, modelId) as Buffer | undefined;
    if (b && b.byteLength === dim * 4) out.set(fromBlob(b), i * dim);
  }
  return out;
}

export interface StoredMember {
  docId: string;
  themeId: string;
  sentiment: SentimentLabel | null;
  kind: FeedbackKind | null;
  /** The cached vector under the current model, or null when there is none. */
  vector: Float32Array | null;
}

/** Every primary assignment with the member's sentiment, kind and cached vector, in doc id order, `size` at a time. */
export function* primaryMemberChunks(db: Db, modelId: string, size: number): Generator<StoredMember[]> {
  yield* memberPages(
    db.prepare(
      `SELECT t.doc_id, t.theme_id, a.sentiment_label, a.kind, v.vector FROM document_themes t
       JOIN analyses a ON a.doc_id = t.doc_id
       LEFT JOIN doc_vectors v ON v.doc_id = t.doc_id AND v.model = ?
       WHERE t.rank = 0 AND t.doc_id > ? ORDER BY t.doc_id LIMIT ?`,
    ),
    modelId,
    size,
  );
}

/** Every primary assignment without its member's data (doc id, theme id), in doc id order, `size` at a time. */
export function* primaryAssignmentChunks(db: Db, size: number): Generator<{ docId: string; themeId: string }[]> {
  const page = db.prepare('SELECT doc_id, theme_id FROM document_themes WHERE rank = 0 AND doc_id > ? ORDER BY doc_id LIMIT ?').raw();
  for (let after = ''; ; ) {
    const rows = page.all(after, size) as [string, string][];
    if (rows.length === 0) return;
    after = rows[rows.length - 1]![0];
    yield rows.map(([docId, themeId]) => ({ docId, themeId }));
  }
}

/** The primary members of one theme with their sentiment, kind and cached vector, in doc id order. */
export function* themeMembers(db: Db, modelId: string, themeId: string): Generator<StoredMember> {
  const rows = db
    .prepare(
      `SELECT t.doc_id, a.sentiment_label, a.kind, v.vector FROM document_themes t
       JOIN analyses a ON a.doc_id = t.doc_id
       LEFT JOIN doc_vectors v ON v.doc_id = t.doc_id AND v.model = ?
       WHERE t.theme_id = ? AND t.rank = 0 ORDER BY t.doc_id`,
    )
    .raw()
    .iterate(modelId, themeId) as IterableIterator<[string, SentimentLabel | null, FeedbackKind | null, Buffer | null]>;
  for (const [docId, sentiment, kind, vector] of rows) yield { docId, themeId, sentiment, kind, vector: vector ? fromBlob(vector) : null };
}

/**
 * The primary theme of each pending analysed document that has one (new or re-analysed since the last theme step:
 * the members its theme gained, or kept with new figures), streamed in the store's order.
 */
export function* pendingPrimaries(db: Db): Generator<{ docId: string; themeId: string }> {
  const rows = db
    .prepare(`SELECT t.doc_id, t.theme_id FROM documents d JOIN document_themes t ON t.doc_id = d.id AND t.rank = 0 WHERE d.theme_pending = 1`)
    .raw()
    .iterate() as IterableIterator<[string, string]>;
  for (const [docId, themeId] of rows) yield { docId, themeId };
}

/** pendingPrimaries with each member's sentiment, kind and cached vector under `modelId` (null when none). */
export function* pendingPrimaryMembers(db: Db, modelId: string): Generator<StoredMember> {
  const rows = db
    .prepare(
      `SELECT t.doc_id, t.theme_id, a.sentiment_label, a.kind, v.vector FROM documents d
       JOIN document_themes t ON t.doc_id = d.id AND t.rank = 0
       JOIN analyses a ON a.doc_id = d.id
       LEFT JOIN doc_vectors v ON v.doc_id = d.id AND v.model = ?
       WHERE d.theme_pending = 1`,
    )
    .raw()
    .iterate(modelId) as IterableIterator<[string, string, SentimentLabel | null, FeedbackKind | null, Buffer | null]>;
  for (const [docId, themeId, sentiment, kind, vector] of rows) yield { docId, themeId, sentiment, kind, vector: vector ? fromBlob(vector) : null };
}

/** Members `size` at a time by doc id (keyset paging), from a query taking (model, after doc id, limit). */
function* memberPages(page: Statement, modelId: string, size: number): Generator<StoredMember[]> {
  let after = '';
  for (;;) {
    const rows = page.all(modelId, after, size) as { doc_id: string; theme_id: string; sentiment_label: SentimentLabel | null; kind: FeedbackKind | null; vector: Buffer | null }[];
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.doc_id;
    yield rows.map((r) => ({ docId: r.doc_id, themeId: r.theme_id, sentiment: r.sentiment_label, kind: r.kind, vector: r.vector ? fromBlob(r.vector) : null }));
  }
}

/** Replaces the secondary themes (rank 1, 2 …) of one document. */
export function replaceSecondary(db: Db): (docId: string, themeIds: readonly { themeId: string; score: number }[]) => void {
  const drop = db.prepare('DELETE FROM document_themes WHERE doc_id = ? AND rank > 0');
  const insert = db.prepare('INSERT OR IGNORE INTO document_themes (doc_id, theme_id, rank, score) VALUES (?, ?, ?, ?)');
  return (docId, list) => {
    drop.run(docId);
    list.forEach((a, i) => insert.run(docId, a.themeId, i + 1, a.score));
  };
}

/** Updates the score of a document's primary theme. */
export function setPrimaryScore(db: Db): (docId: string, score: number) => void {
  const update = db.prepare('UPDATE document_themes SET score = ? WHERE doc_id = ? AND rank = 0');
  return (docId, score) => void update.run(score, docId);
}

/** Theme changes this run already recorded (an early theme step): the final step reports against the run's start. */
export function loadRunThemeChanges(db: Db, runId: number): Map<string, { change: string; sizeBefore: number }> {
  const rows = db.prepare('SELECT theme_id, change, size_before FROM theme_changes WHERE run_id = ?').all(runId) as { theme_id: string; change: string; size_before: number }[];
  return new Map(rows.map((r) => [r.theme_id, { change: r.change, sizeBefore: r.size_before }]));
}

/**
 * A rebuild's scratch assignments, in TEMP tables of this connection (outside the database file): the new primary
 * theme (first as a cluster number) and secondary themes of every document, written chunk by chunk, then swapped
 * into `document_themes` inside the rebuild's final transaction. Memory stays flat in the corpus size.
 */
export interface RebuildScratch {
  /** Cluster of each placed document (score 0 until the final centres are known). */
  addClusters(rows: readonly { docId: string; cluster: number }[]): void;
  /** Members per cluster, and per cluster the stored (old) primary themes of its members, counted. */
  clusterOverlap(): { cluster: number; themeId: string | null; n: number }[];
  /** Stored (old) primary assignments counted per theme. */
  oldThemeSizes(): { themeId: string; n: number }[];
  /** The theme of every cluster (clusters not named stay unthemed). */
  setClusterThemes(themeOf: ReadonlyMap<number, string>): void;
  loadPrimaries(docIds: Iterable<string>): Map<string, { themeId: string; score: number }>;
  setPrimary(docId: string, themeId: string | null, score: number): void;
  moveMembers(fromId: string, toId: string): void;
  hasMembers(themeId: string): boolean;
  /** Every placed document with its theme, sentiment, kind and cached vector, in doc id order. */
  memberChunks(modelId: string, size: number): Generator<StoredMember[]>;
  setScore(docId: string, score: number): void;
  setSecondary(docId: string, list: readonly { themeId: string; score: number }[]): void;
  countPlaced(): number;
  /** Inside the caller's transaction: document_themes becomes the scratch assignments. */
  replaceDocumentThemes(): void;
  drop(): void;
}

export function createRebuildScratch(db: Db): RebuildScratch {
  db.exec(`DROP TABLE IF EXISTS temp.rebuild_primary; DROP TABLE IF EXISTS temp.rebuild_secondary;
    CREATE TEMP TABLE rebuild_primary (doc_id TEXT PRIMARY KEY, cluster INTEGER, theme_id TEXT, score REAL NOT NULL DEFAULT 0);
    CREATE INDEX temp.rebuild_primary_theme ON rebuild_primary (theme_id);
    CREATE TEMP TABLE rebuild_secondary (doc_id TEXT NOT NULL, theme_id TEXT NOT NULL, rank INTEGER NOT NULL, score REAL NOT NULL, PRIMARY KEY (doc_id, theme_id));`);
  const insertCluster = db.prepare('INSERT INTO temp.rebuild_primary (doc_id, cluster) VALUES (?, ?)');
  const getPrimary = db.prepare('SELECT theme_id, score FROM temp.rebuild_primary WHERE doc_id = ? AND theme_id IS NOT NULL');
  const upsertPrimary = db.prepare(
    `INSERT INTO temp.rebuild_primary (doc_id, theme_id, score) VALUES (?, ?, ?)
     ON CONFLICT (doc_id) DO UPDATE SET theme_id = excluded.theme_id, score = excluded.score`,
  );
  const clearPrimary = db.prepare('UPDATE temp.rebuild_primary SET theme_id = NULL WHERE doc_id = ?');
  const setScore = db.prepare('UPDATE temp.rebuild_primary SET score = ? WHERE doc_id = ?');
  const dropSecondary = db.prepare('DELETE FROM temp.rebuild_secondary WHERE doc_id = ?');
  const insertSecondary = db.prepare('INSERT OR IGNORE INTO temp.rebuild_secondary (doc_id, theme_id, rank, score) VALUES (?, ?, ?, ?)');
  return {
    addClusters(rows) {
      db.transaction(() => {
        for (const r of rows) insertCluster.run(r.docId, r.cluster);
      })();
    },
    clusterOverlap() {
      return db
        .prepare(
          `SELECT p.cluster, t.theme_id AS themeId, count(*) AS n FROM temp.rebuild_primary p
           LEFT JOIN document_themes t ON t.doc_id = p.doc_id AND t.rank = 0 GROUP BY p.cluster, t.theme_id`,
        )
        .all() as { cluster: number; themeId: string | null; n: number }[];
    },
    oldThemeSizes() {
      return db.prepare('SELECT theme_id AS themeId, count(*) AS n FROM document_themes WHERE rank = 0 GROUP BY theme_id').all() as { themeId: string; n: number }[];
    },
    setClusterThemes(themeOf) {
      db.exec('CREATE TEMP TABLE rebuild_cluster_theme (cluster INTEGER PRIMARY KEY, theme_id TEXT NOT NULL)');
      const insert = db.prepare('INSERT INTO temp.rebuild_cluster_theme (cluster, theme_id) VALUES (?, ?)');
      db.transaction(() => {
        for (const [c, t] of themeOf) insert.run(c, t);
        db.exec('UPDATE temp.rebuild_primary SET theme_id = (SELECT m.theme_id FROM temp.rebuild_cluster_theme m WHERE m.cluster = rebuild_primary.cluster)');
      })();
      db.exec('DROP TABLE temp.rebuild_cluster_theme');
    },
    loadPrimaries(docIds) {
      const out = new Map<string, { themeId: string; score: number }>();
      for (const id of docIds) {
        const r = getPrimary.get(id) as { theme_id: string; score: number } | undefined;
        if (r) out.set(id, { themeId: r.theme_id, score: r.score });
      }
      return out;
    },
    setPrimary(docId, themeId, score) {
      if (themeId === null) clearPrimary.run(docId);
      else upsertPrimary.run(docId, themeId, score);
    },
    moveMembers(fromId, toId) {
      db.prepare('UPDATE temp.rebuild_primary SET theme_id = ? WHERE theme_id = ?').run(toId, fromId);
    },
    hasMembers(themeId) {
      return db.prepare('SELECT 1 FROM temp.rebuild_primary WHERE theme_id = ? LIMIT 1').get(themeId) !== undefined;
    },
    *memberChunks(modelId, size) {
      yield* memberPages(
        db.prepare(
          `SELECT p.doc_id, p.theme_id, a.sentiment_label, a.kind, v.vector FROM temp.rebuild_primary p
           JOIN analyses a ON a.doc_id = p.doc_id
           LEFT JOIN doc_vectors v ON v.doc_id = p.doc_id AND v.model = ?
           WHERE p.theme_id IS NOT NULL AND p.doc_id > ? ORDER BY p.doc_id LIMIT ?`,
        ),
        modelId,
        size,
      );
    },
    setScore(docId, score) {
      setScore.run(score, docId);
    },
    setSecondary(docId, list) {
      dropSecondary.run(docId);
      list.forEach((a, i) => insertSecondary.run(docId, a.themeId, i + 1, a.score));
    },
    countPlaced() {
      return db.prepare('SELECT count(*) FROM temp.rebuild_primary WHERE theme_id IS NOT NULL').pluck().get() as number;
    },
    replaceDocumentThemes() {
      db.exec(`DELETE FROM document_themes;
        INSERT INTO document_themes (doc_id, theme_id, rank, score) SELECT doc_id, theme_id, 0, score FROM temp.rebuild_primary WHERE theme_id IS NOT NULL ORDER BY doc_id;
        INSERT INTO document_themes (doc_id, theme_id, rank, score) SELECT s.doc_id, s.theme_id, s.rank, s.score FROM temp.rebuild_secondary s
          JOIN temp.rebuild_primary p ON p.doc_id = s.doc_id AND p.theme_id IS NOT NULL AND p.theme_id <> s.theme_id ORDER BY s.doc_id, s.rank;`);
    },
    drop() {
      db.exec('DROP TABLE IF EXISTS temp.rebuild_primary; DROP TABLE IF EXISTS temp.rebuild_secondary; DROP TABLE IF EXISTS temp.rebuild_cluster_theme;');
    },
  };
}

/**
 * What identifies a theme's stored figures (themes row aliased `th`): a departure is taken out of the figures it was
 * recorded against, never out of figures a later step or curation wrote again.
 */
const FIGURES_KEY = (th: string): string =>
  `${th}.members_hash || '|' || ${th}.size || '|' || ${th}.centroid_norm || '|' || ${th}.share_negative || '|' || ${th}.kinds || '|' || hex(${th}.centroid)`;

/**
 * Records what a stored member adds to its theme's figures (its vector under the current model, sentiment and kind)
 * before the document is written again (016-theme-departures.sql): only for a member those figures hold (not
 * pending) of a theme whose figures can be added to, with its vector for its stored text.
 */
export function recordDeparture(db: Db): (docId: string) => void {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO theme_departures (doc_id, theme_id, vector, sentiment_label, kind, figures)
     SELECT d.id, dt.theme_id, v.vector, a.sentiment_label, a.kind, ${FIGURES_KEY('th')}
     FROM documents d
     JOIN document_themes dt ON dt.doc_id = d.id AND dt.rank = 0
     JOIN themes th ON th.id = dt.theme_id AND th.members_hash IS NOT NULL AND th.centroid_norm IS NOT NULL AND th.centroid IS NOT NULL
     JOIN analyses a ON a.doc_id = d.id
     JOIN doc_vectors v ON v.doc_id = d.id AND v.content_hash = d.content_hash AND v.model = (SELECT value FROM theme_state WHERE key = 'model_id')
     WHERE d.id = ? AND d.theme_pending = 0`,
  );
  return (docId) => void insert.run(docId);
}

export interface Departure {
  docId: string;
  themeId: string;
  vector: Float32Array;
  sentiment: SentimentLabel | null;
  kind: FeedbackKind | null;
  /** Whether its theme's stored figures are still those it was taken against. */
  current: boolean;
}

/** Every recorded departure, streamed (read before a step changes any theme row). */
export function* departures(db: Db): Generator<Departure> {
  const rows = db
    .prepare(
      `SELECT dep.doc_id, dep.theme_id, dep.vector, dep.sentiment_label, dep.kind, coalesce(dep.figures = ${FIGURES_KEY('th')}, 0) AS current
       FROM theme_departures dep LEFT JOIN themes th ON th.id = dep.theme_id`,
    )
    .raw()
    .iterate() as IterableIterator<[string, string, Buffer, SentimentLabel | null, FeedbackKind | null, number]>;
  for (const [docId, themeId, vector, sentiment, kind, current] of rows) {
    yield { docId, themeId, vector: fromBlob(vector), sentiment, kind, current: current === 1 };
  }
}

/** The latest date of any document (ISO 8601, UTC), or null when none is dated. */
export function latestDocumentTime(db: Db): string | null {
  return (db.prepare('SELECT max(created_at) FROM documents').pluck().get() as string | null) ?? null;
}

/** Documents dated from `from` (inclusive) to `to` (exclusive), ISO bounds (the created_at index). */
export function countDocumentsDated(db: Db, from: string, to: string): number {
  return db.prepare('SELECT count(*) FROM documents WHERE created_at >= ? AND created_at < ?').pluck().get(from, to) as number;
}

/** Documents of the window and the baseline by primary theme: the dates and ids from the date index alone (017). */
export const THEME_PERIOD_COUNTS_SQL = `SELECT dt.theme_id, sum(d.created_at >= @windowFrom), sum(d.created_at < @windowFrom)
  FROM documents d CROSS JOIN document_themes dt ON dt.doc_id = d.id AND dt.rank = 0
  WHERE d.created_at >= @baselineFrom AND d.created_at < @end
  GROUP BY dt.theme_id`;

/**
 * Each theme's primary members dated in a window (`windowFrom` to `end`) and in the baseline before it (from
 * `baselineFrom`): the documents of those days by their date index, then their themes, as koe emerging counts them.
 */
export function themePeriodCounts(db: Db, baselineFrom: string, windowFrom: string, end: string): Map<string, { window: number; baseline: number }> {
  const rows = db
    .prepare(THEME_PERIOD_COUNTS_SQL)
    .raw()
    .all({ baselineFrom, windowFrom, end }) as [string, number, number][];
  return new Map(rows.map(([themeId, window, baseline]) => [themeId, { window, baseline }]));
}

/** The primary members of one theme with their date and cached vector under `modelId` (null when none). */
export function datedThemeMembers(db: Db, modelId: string, themeId: string): { docId: string; createdAt: string | null; vector: Float32Array | null }[] {
  const rows = db
    .prepare(
      `SELECT t.doc_id, d.created_at, v.vector FROM document_themes t
       JOIN documents d ON d.id = t.doc_id
       LEFT JOIN doc_vectors v ON v.doc_id = t.doc_id AND v.model = ?
       WHERE t.theme_id = ? AND t.rank = 0 ORDER BY t.doc_id`,
    )
    .raw()
    .all(modelId, themeId) as [string, string | null, Buffer | null][];
  return rows.map(([docId, createdAt, vector]) => ({ docId, createdAt, vector: vector ? fromBlob(vector) : null }));
}
