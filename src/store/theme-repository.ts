// Themes in SQLite (002-themes.sql): the theme set, assignments, curation log, per-run changes, fitted vectorizers
// and cached document vectors. Bulk writes use prepared statements inside the caller's transaction.
import { checkpointWal, type Db } from './open-store.js';
import type { SerializedVectorizer } from '../themes/vectorizer.js';
import type { ThemeSet } from '../themes/theme-set.js';
import type { CurationAction, Theme, ThemeChange, ThemeDoc } from '../themes/theme-types.js';
import type { FeedbackKind, Lang, SentimentLabel } from '../types.js';

export const toBlob = (v: Float32Array): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
export const fromBlob = (b: Buffer): Float32Array => {
  // Copy: the Buffer may be a view into a pool with an unaligned offset.
  const copy = new Uint8Array(b.byteLength);
  copy.set(b);
  return new Float32Array(copy.buffer);
};

export interface StoredThemeDoc extends ThemeDoc {
  contentHash: string;
}

export const THEME_DOC_COLUMNS = 'SELECT d.id, d.text, d.lang, d.content_hash, d.created_at, a.terms, a.sentiment_label, a.kind FROM documents d JOIN analyses a ON a.doc_id = d.id';
export type ThemeDocRow = { id: string; text: string; lang: Lang; content_hash: string; created_at: string | null; terms: string; sentiment_label: SentimentLabel; kind: FeedbackKind };
export const toThemeDoc = (r: ThemeDocRow): StoredThemeDoc => ({
  id: r.id,
  text: r.text,
  lang: r.lang,
  contentHash: r.content_hash,
  terms: parseTerms(r.terms, r.id),
  sentiment: r.sentiment_label,
  kind: r.kind,
  createdAt: r.created_at,
});

/** Every analysed document with what theme discovery needs, in id order. */
export function loadThemeDocs(db: Db): StoredThemeDoc[] {
  return (db.prepare(`${THEME_DOC_COLUMNS} ORDER BY d.id`).all() as ThemeDocRow[]).map(toThemeDoc);
}

/** How many analysed documents theme discovery sees (what loadThemeDocs would return). */
export function countThemeDocs(db: Db): number {
  // Every analysis has its document (a foreign key, ON DELETE CASCADE): counting the analyses alone reads one small
  // index instead of joining the two tables (a million: 0.03 s against 0.5 s, paid by every theme step and curation).
  return db.prepare('SELECT count(*) FROM analyses').pluck().get() as number;
}

/** The ids of every analysed document, in id order (the same order as loadThemeDocs). */
export function listThemeDocIds(db: Db): string[] {
  return db.prepare('SELECT d.id FROM documents d JOIN analyses a ON a.doc_id = d.id ORDER BY d.id').pluck().all() as string[];
}

/** Strings in code-unit order, as SQLite's BINARY collation orders the TEXT keys. */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The analysed documents among `ids`, in id order. */
export function loadThemeDocsByIds(db: Db, ids: readonly string[]): StoredThemeDoc[] {
  const out: StoredThemeDoc[] = [];
  const select = db.prepare(`${THEME_DOC_COLUMNS} WHERE d.id = ?`);
  // Looked up in id order: neighbouring keys share index pages (64,000 ids: 1.0–1.4 s in any order, 0.6 s sorted).
  for (const id of [...ids].sort(byCodeUnits)) {
    const r = select.get(id) as ThemeDocRow | undefined;
    if (r) out.push(toThemeDoc(r));
  }
  return out;
}

/** Every analysed document in id order, `size` at a time (keyset pages), so a large store is never held at once. */
export function* themeDocChunks(db: Db, size: number): Generator<StoredThemeDoc[]> {
  const page = db.prepare(`${THEME_DOC_COLUMNS} WHERE d.id > ? ORDER BY d.id LIMIT ?`);
  let after = '';
  for (;;) {
    const rows = page.all(after, size) as ThemeDocRow[];
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    yield rows.map(toThemeDoc);
  }
}

function parseTerms(json: string, docId: string): string[] {
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    throw new Error(`analyses.terms of document ${docId} is not a JSON array: ${json.slice(0, 60)}`);
  }
}

interface ThemeRow {
  id: string;
  label: string;
  label_ja: string | null;
  label_en: string | null;
  terms: string;
  category_id: string | null;
  status: Theme['status'];
  merged_into: string | null;
  size: number;
  share_negative: number;
  kinds: string;
  quotes: string;
  centroid: Buffer | null;
  members_hash: number | null;
  centroid_norm: number | null;
  label_pinned: number;
  created_run_id: number | null;
  updated_run_id: number | null;
}

function themeFromRow(r: ThemeRow): Theme {
  return {
    id: r.id,
    label: r.label,
    labelJa: r.label_ja,
    labelEn: r.label_en,
    terms: JSON.parse(r.terms) as string[],
    categoryId: r.category_id,
    status: r.status,
    mergedInto: r.merged_into,
    size: r.size,
    shareNegative: r.share_negative,
    kinds: JSON.parse(r.kinds) as Theme['kinds'],
    quotes: JSON.parse(r.quotes) as string[],
    centroid: r.centroid ? fromBlob(r.centroid) : null,
    membersHash: r.members_hash,
    centroidNorm: r.centroid_norm,
    labelPinned: r.label_pinned === 1,
    createdRunId: r.created_run_id,
    updatedRunId: r.updated_run_id,
  };
}

/**
 * The themes and categories without any document's assignment (an empty map): what a theme step at size needs,
 * whose assignments stay in the store (theme-step-repository.ts).
 */
export function loadThemesOnly(db: Db): ThemeSet {
  const themes = (db.prepare('SELECT * FROM themes').all() as ThemeRow[])
    .map(themeFromRow)
    .sort((a, b) => themeNumberOf(a.id) - themeNumberOf(b.id));
  const categories = db.prepare('SELECT id, label FROM theme_categories ORDER BY id').all() as { id: string; label: string }[];
  return { themes, assignments: new Map(), categories, secondary: new Map() };
}

export function loadThemeSet(db: Db): ThemeSet {
  const { themes } = loadThemesOnly(db);
  const assignments: ThemeSet['assignments'] = new Map();
  for (const r of db.prepare('SELECT doc_id, theme_id, score FROM document_themes WHERE rank = 0 ORDER BY doc_id').all() as {
    doc_id: string;
    theme_id: string;
    score: number;
  }[]) {
    assignments.set(r.doc_id, { docId: r.doc_id, themeId: r.theme_id, score: r.score });
  }
  const secondary: NonNullable<ThemeSet['secondary']> = new Map();
  for (const r of db.prepare('SELECT doc_id, theme_id, score FROM document_themes WHERE rank > 0 ORDER BY doc_id, rank').all() as {
    doc_id: string;
    theme_id: string;
    score: number;
  }[]) {
    secondary.set(r.doc_id, [...(secondary.get(r.doc_id) ?? []), { docId: r.doc_id, themeId: r.theme_id, score: r.score }]);
  }
  const categories = db.prepare('SELECT id, label FROM theme_categories ORDER BY id').all() as { id: string; label: string }[];
  return { themes, assignments, categories, secondary };
}

const themeNumberOf = (id: string): number => Number(/^t(\d+)$/.exec(id)?.[1] ?? 0);

/** Replaces the stored theme set with `set` (themes are upserted, never deleted: ids are never reused). */
export function saveThemeSet(db: Db, set: ThemeSet): void {
  saveThemeRows(db, set);
  db.prepare('DELETE FROM document_themes').run();
  const insertAssignment = db.prepare('INSERT INTO document_themes (doc_id, theme_id, rank, score) VALUES (?, ?, ?, ?)');
  for (const a of set.assignments.values()) insertAssignment.run(a.docId, a.themeId, 0, a.score);
  // Secondary themes (rank 1, 2 …) of documents that still have a primary, to themes still active and not the primary.
  const active = new Set(set.themes.filter((t) => t.status === 'active').map((t) => t.id));
  for (const [docId, list] of set.secondary ?? []) {
    const primary = set.assignments.get(docId);
    if (!primary) continue;
    let rank = 1;
    for (const a of list) if (a.themeId !== primary.themeId && active.has(a.themeId)) insertAssignment.run(docId, a.themeId, rank++, a.score);
  }
}

/** Upserts the themes and categories of `set`, leaving every document's assignment as it is. */
export function saveThemeRows(db: Db, set: ThemeSet): void {
  const upsertCategory = db.prepare(
    `INSERT INTO theme_categories (id, label) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET label = excluded.label`,
  );
  for (const c of set.categories) upsertCategory.run(c.id, c.label);
  // Insert themes without merged_into first, then set it: a merge can point at a theme written later.
  const upsertTheme = db.prepare(
    `INSERT INTO themes (id, label, label_ja, label_en, terms, category_id, status, merged_into, size, share_negative,
       kinds, quotes, centroid, members_hash, centroid_norm, label_pinned, created_run_id, updated_run_id)
     VALUES (@id, @label, @labelJa, @labelEn, @terms, @categoryId, @status, NULL, @size, @shareNegative,
       @kinds, @quotes, @centroid, @membersHash, @centroidNorm, @labelPinned, @createdRunId, @updatedRunId)
     ON CONFLICT (id) DO UPDATE SET label = excluded.label, label_ja = excluded.label_ja, label_en = excluded.label_en,
       terms = excluded.terms, category_id = excluded.category_id, status = excluded.status, size = excluded.size,
       share_negative = excluded.share_negative, kinds = excluded.kinds, quotes = excluded.quotes,
       centroid = excluded.centroid, members_hash = excluded.members_hash,
       centroid_norm = excluded.centroid_norm, label_pinned = excluded.label_pinned,
       updated_run_id = excluded.updated_run_id`,
  );
  const setMerged = db.prepare('UPDATE themes SET merged_into = ? WHERE id = ?');
  for (const t of set.themes) {
    upsertTheme.run({
      id: t.id,
      label: t.label,
      labelJa: t.labelJa,
      labelEn: t.labelEn,
      terms: JSON.stringify(t.terms),
      categoryId: t.categoryId,
      status: t.status,
      size: t.size,
      shareNegative: t.shareNegative,
      kinds: JSON.stringify(t.kinds),
      quotes: JSON.stringify(t.quotes),
      centroid: t.centroid ? toBlob(t.centroid) : null,
      membersHash: t.membersHash ?? null,
      centroidNorm: t.centroidNorm ?? null,
      labelPinned: t.labelPinned ? 1 : 0,
      createdRunId: t.createdRunId,
      updatedRunId: t.updatedRunId,
    });
  }
  for (const t of set.themes) setMerged.run(t.mergedInto, t.id);
}

export function saveThemeChanges(db: Db, runId: number, changes: readonly ThemeChange[]): void {
  const insert = db.prepare(
    `INSERT INTO theme_changes (run_id, theme_id, change, size_before, size_after) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (run_id, theme_id) DO UPDATE SET change = excluded.change, size_before = excluded.size_before,
       size_after = excluded.size_after`,
  );
  for (const c of changes) insert.run(runId, c.themeId, c.change, c.sizeBefore, c.sizeAfter);
}

// --- curation ---

/** The curation actions in force (not undone) in order, up to log id `upToId` when given: what every run replays. */
export function loadCuration(db: Db, upToId: number = Number.MAX_SAFE_INTEGER): CurationAction[] {
  const rows = db.prepare('SELECT action, theme_id, args FROM theme_curation WHERE id <= ? AND undone_at IS NULL ORDER BY id').all(upToId) as {
    action: CurationAction['action'];
    theme_id: string;
    args: string;
  }[];
  return rows.map((r) => ({ action: r.action, themeId: r.theme_id, ...(JSON.parse(r.args) as object) }) as CurationAction);
}

/** What a curation action changed, so that undo can put it back. */
export interface CurationBeforeState {
  themes: { id: string; label: string; labelPinned: boolean; status: Theme['status']; mergedInto: string | null }[];
  /** Document → theme before the action (null: it had none). */
  assignments: [string, string | null][];
  /** Themes the action created (split children): undo retires them. */
  created: string[];
}

export interface CurationEntry {
  id: number;
  action: CurationAction;
  createdAt: string;
  undoneAt: string | null;
  before: CurationBeforeState | null;
}

/**
 * Adds an action to the curation log. `pending`: given while a run holds the database, so it is only queued; the
 * run's theme step replays it (every theme step replays the whole log) and marks it applied. `before`: what the
 * action changed, so that undoCuration can put it back.
 */
export function appendCuration(db: Db, action: CurationAction, options: { pending?: boolean; before?: CurationBeforeState | null } = {}): number {
  const { action: name, themeId, ...args } = action;
  const info = db.prepare('INSERT INTO theme_curation (action, theme_id, args, created_at, pending, before_state) VALUES (?, ?, ?, ?, ?, ?)').run(
    name,
    themeId,
    JSON.stringify(args),
    new Date().toISOString(),
    options.pending ? 1 : 0,
    options.before ? JSON.stringify(options.before) : null,
  );
  return Number(info.lastInsertRowid);
}

/** The newest curation log entry's id (0 when none): a theme step replays the log up to here. */
export function lastCurationId(db: Db): number {
  return (db.prepare('SELECT COALESCE(MAX(id), 0) FROM theme_curation').pluck().get() as number) ?? 0;
}

/** Queued curation actions (given during a run) not yet applied to the theme set, oldest first. */
export function loadPendingCuration(db: Db): (CurationAction & { logId: number })[] {
  const rows = db.prepare('SELECT id, action, theme_id, args FROM theme_curation WHERE pending = 1 AND undone_at IS NULL ORDER BY id').all() as {
    id: number;
    action: CurationAction['action'];
    theme_id: string;
    args: string;
  }[];
  return rows.map((r) => ({ logId: r.id, action: r.action, themeId: r.theme_id, ...(JSON.parse(r.args) as object) }) as CurationAction & { logId: number });
}

export function markCurationApplied(db: Db, upToId: number): void {
  db.prepare('UPDATE theme_curation SET pending = 0 WHERE pending = 1 AND id <= ?').run(upToId);
}

/**
 * Ends a theme step, inside its transaction: every document it saw is themed (or unthemed), no longer pending,
 * and the queued curation it replayed (log ids up to `curationUpToId`) is applied.
 */
export function markThemeStepDone(db: Db, curationUpToId: number): void {
  db.prepare('UPDATE documents SET theme_pending = 0 WHERE theme_pending = 1').run();
  // What re-analysed members had added to their themes was taken out of the figures this step wrote, or they were read again.
  db.prepare('DELETE FROM theme_departures').run();
  markCurationApplied(db, curationUpToId);
}

/** Documents stored and analyzed but not yet through a theme step. */
export function countThemePending(db: Db): number {
  return db.prepare('SELECT COUNT(*) FROM documents WHERE theme_pending = 1').pluck().get() as number;
}

/** The curation log, newest first (undone ones included, marked). */
export function listCuration(db: Db, options: { limit?: number } = {}): CurationEntry[] {
  const rows = db
    .prepare('SELECT id, action, theme_id, args, created_at, undone_at, before_state FROM theme_curation ORDER BY id DESC LIMIT ?')
    .all(options.limit ?? 1_000_000) as {
    id: number;
    action: CurationAction['action'];
    theme_id: string;
    args: string;
    created_at: string;
    undone_at: string | null;
    before_state: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    action: { action: r.action, themeId: r.theme_id, ...(JSON.parse(r.args) as object) } as CurationAction,
    createdAt: r.created_at,
    undoneAt: r.undone_at,
    before: r.before_state ? (JSON.parse(r.before_state) as CurationBeforeState) : null,
  }));
}

/** Stores what a queued action changed when it is applied (and its arguments as applied: a move's origin). */
export function recordCurationBefore(db: Db, id: number, action: CurationAction, before: CurationBeforeState): void {
  const { action: _name, themeId: _themeId, ...args } = action;
  db.prepare('UPDATE theme_curation SET before_state = ?, args = ? WHERE id = ?').run(JSON.stringify(before), JSON.stringify(args), id);
}

/**
 * Takes erased documents out of the curation log (koe forget): a move of one of them goes (nothing is left to move
 * or to undo), and a split's parts and every action's before-state drop them; `relabel`, when given, rewrites the
 * theme labels the before-states keep for undo (words that must not stay; a label a person gave is left).
 */
export function forgetDocumentsInCuration(db: Db, docIds: ReadonlySet<string>, relabel: ((label: string) => string) | null = null): void {
  const drop = db.prepare('DELETE FROM theme_curation WHERE id = ?');
  const update = db.prepare('UPDATE theme_curation SET args = ?, before_state = ? WHERE id = ?');
  const quoted = [...docIds].map((id) => JSON.stringify(id)); // as the log's JSON writes them, once
  const named = (text: string | null): boolean => text !== null && quoted.some((q) => text.includes(q));
  const rows = db.prepare('SELECT id, action, args, before_state FROM theme_curation').all() as { id: number; action: string; args: string; before_state: string | null }[];
  for (const r of rows) {
    if (!named(r.args) && !named(r.before_state) && (relabel === null || r.before_state === null)) continue;
    const args = JSON.parse(r.args) as { docId?: string; parts?: Record<string, string[]> };
    if (r.action === 'move' && args.docId !== undefined && docIds.has(args.docId)) {
      drop.run(r.id);
      continue;
    }
    if (args.parts) for (const [child, docs] of Object.entries(args.parts)) args.parts[child] = docs.filter((d) => !docIds.has(d));
    const before = r.before_state === null ? null : (JSON.parse(r.before_state) as CurationBeforeState);
    if (before) {
      before.assignments = before.assignments.filter(([d]) => !docIds.has(d));
      if (relabel) for (const t of before.themes) if (!t.labelPinned) t.label = relabel(t.label);
    }
    const [nextArgs, nextBefore] = [JSON.stringify(args), before ? JSON.stringify(before) : null];
    if (nextArgs !== r.args || nextBefore !== r.before_state) update.run(nextArgs, nextBefore, r.id);
  }
}

export function markCurationUndone(db: Db, id: number): void {
  db.prepare('UPDATE theme_curation SET undone_at = ? WHERE id = ?').run(new Date().toISOString(), id);
}

// --- vectorizer models and cached vectors ---

export function currentThemeModelId(db: Db): string | null {
  return (db.prepare("SELECT value FROM theme_state WHERE key = 'model_id'").pluck().get() as string | undefined) ?? null;
}

/** A string in the current space's params (a JSON path), read without loading the space; null when absent. */
function currentSpaceParam(db: Db, jsonPath: '$.dictionaryVersion' | '$.encoder.name'): string | null {
  const v = db
    .prepare("SELECT json_extract(params, ?) FROM theme_models WHERE id = (SELECT value FROM theme_state WHERE key = 'model_id')")
    .pluck()
    .get(jsonPath);
  return typeof v === 'string' ? v : null;
}

/**
 * The concept dictionary version the current TF-IDF + LSA space was fitted with (its params' dictionaryVersion);
 * null without a space or for a backend that reads no dictionary.
 */
export function currentSpaceDictionaryVersion(db: Db): string | null {
  return currentSpaceParam(db, '$.dictionaryVersion');
}

/** The sentence encoder the current theme space reads (its params' encoder.name), null for a space that reads none. */
export function currentSpaceEncoderName(db: Db): string | null {
  return currentSpaceParam(db, '$.encoder.name');
}

export function loadThemeModel(db: Db, id: string): (SerializedVectorizer & { docCount: number }) | null {
  const r = db.prepare('SELECT id, backend, params, data, doc_count FROM theme_models WHERE id = ?').get(id) as
    | { id: string; backend: string; params: string; data: Buffer | null; doc_count: number }
    | undefined;
  if (!r) return null;
  return { modelId: r.id, backend: r.backend, params: JSON.parse(r.params) as unknown, data: r.data ? fromBlob(r.data) : null, docCount: r.doc_count };
}

/**
 * Stores a fitted model and makes it current; vectors of older models are dropped (they cannot be compared), but
 * not the caches in `alsoKeep` (a sentence encoder's vectors that the model reads).
 */
export function saveThemeModel(db: Db, model: SerializedVectorizer, docCount: number, runId: number | null, alsoKeep: readonly string[] = []): void {
  db.prepare(
    `INSERT INTO theme_models (id, backend, params, data, doc_count, created_run_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`,
  ).run(model.modelId, model.backend, JSON.stringify(model.params), model.data ? toBlob(model.data) : null, docCount, runId, new Date().toISOString());
  db.prepare("INSERT INTO theme_state (key, value) VALUES ('model_id', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(model.modelId);
  const kept = [model.modelId, ...alsoKeep];
  db.prepare(`DELETE FROM doc_vectors WHERE model NOT IN (${kept.map(() => '?').join(', ')})`).run(...kept);
  db.prepare('DELETE FROM theme_models WHERE id <> ?').run(model.modelId);
}

/** Replaces the stored model `model.modelId` (same id: words erased from it, every stored vector unchanged). */
export function replaceThemeModel(db: Db, model: SerializedVectorizer): void {
  db.prepare('UPDATE theme_models SET params = ?, data = ? WHERE id = ?').run(JSON.stringify(model.params), model.data ? toBlob(model.data) : null, model.modelId);
}

/** Cached vectors of a model whose document text is unchanged since they were computed. */
export function loadDocVectors(db: Db, modelId: string): Map<string, { contentHash: string; vector: Float32Array }> {
  const out = new Map<string, { contentHash: string; vector: Float32Array }>();
  for (const r of db.prepare('SELECT doc_id, content_hash, vector FROM doc_vectors WHERE model = ?').iterate(modelId) as Iterable<{
    doc_id: string;
    content_hash: string;
    vector: Buffer;
  }>) {
    out.set(r.doc_id, { contentHash: r.content_hash, vector: fromBlob(r.vector) });
  }
  return out;
}

/** The cached vectors of `modelId` for these documents only (absent: none cached), looked up in id order. */
export function loadDocVectorsByIds(db: Db, modelId: string, ids: readonly string[]): Map<string, { contentHash: string; vector: Float32Array }> {
  const get = db.prepare('SELECT content_hash, vector FROM doc_vectors WHERE doc_id = ? AND model = ?');
  const out = new Map<string, { contentHash: string; vector: Float32Array }>();
  for (const id of [...ids].sort(byCodeUnits)) {
    const r = get.get(id, modelId) as { content_hash: string; vector: Buffer } | undefined;
    if (r) out.set(id, { contentHash: r.content_hash, vector: fromBlob(r.vector) });
  }
  return out;
}

export function saveDocVectors(db: Db, modelId: string, rows: readonly { docId: string; contentHash: string; vector: Float32Array }[]): void {
  const upsert = db.prepare(
    `INSERT INTO doc_vectors (doc_id, model, content_hash, vector) VALUES (?, ?, ?, ?)
     ON CONFLICT (doc_id, model) DO UPDATE SET content_hash = excluded.content_hash, vector = excluded.vector`,
  );
  for (const r of rows) upsert.run(r.docId, modelId, r.contentHash, toBlob(r.vector));
}

/**
 * The same in transactions of `chunk` rows: the vectors are a cache keyed by content hash, valid whatever happens
 * to the theme step after them, so they need not share its transaction (and its write-ahead log).
 */
export function saveDocVectorsChunked(db: Db, modelId: string, rows: readonly { docId: string; contentHash: string; vector: Float32Array }[], chunk = 20_000): void {
  for (let i = 0; i < rows.length; i += chunk) {
    db.transaction(() => saveDocVectors(db, modelId, rows.slice(i, i + chunk)))();
    if (!db.inTransaction) checkpointWal(db);
  }
}

/**
 * The next analysed documents (in id order, after `afterId`) with no cached vector of `modelId` or one computed
 * from an older text: one page at a time, so embedding a large database keeps memory flat.
 */
export function docsWithoutVector(
  db: Db,
  modelId: string,
  afterId: string | null,
  limit: number,
): { id: string; text: string; lang: Lang; contentHash: string }[] {
  return db
    .prepare(
      `SELECT d.id, d.text, d.lang, d.content_hash AS contentHash FROM documents d JOIN analyses a ON a.doc_id = d.id
       LEFT JOIN doc_vectors v ON v.doc_id = d.id AND v.model = ?
       WHERE (v.doc_id IS NULL OR v.content_hash <> d.content_hash) AND d.id > ? ORDER BY d.id LIMIT ?`,
    )
    .all(modelId, afterId ?? '', limit) as { id: string; text: string; lang: Lang; contentHash: string }[];
}

// --- listing ---

export interface ThemeListing {
  id: string;
  label: string;
  labelJa: string | null;
  labelEn: string | null;
  category: string | null;
  status: Theme['status'];
  size: number;
  shareNegative: number;
  kinds: Theme['kinds'];
  terms: string[];
  quotes: { docId: string; text: string; lang: Lang }[];
}

export interface ThemeListingOptions {
  kind?: FeedbackKind;
  limit?: number;
  includeIgnored?: boolean;
}

/**
 * Active themes, largest first. With `kind`, themes are ranked by how many documents of that kind they hold and
 * their size, quotes and negative share are those of that kind only.
 */
export function listThemes(db: Db, options: ThemeListingOptions = {}): ThemeListing[] {
  const statuses = options.includeIgnored ? "('active', 'ignored')" : "('active')";
  const themes = db
    .prepare(
      `SELECT t.*, c.label AS category_label FROM themes t LEFT JOIN theme_categories c ON c.id = t.category_id
       WHERE t.status IN ${statuses}`,
    )
    .all() as (ThemeRow & { category_label: string | null })[];
  const quoteText = db.prepare('SELECT id, text, lang FROM documents WHERE id = ?');
  const kindStats = db.prepare(
    `SELECT COUNT(*) AS n, AVG(a.sentiment_label = 'negative') AS neg FROM document_themes dt JOIN analyses a ON a.doc_id = dt.doc_id
     WHERE dt.theme_id = ? AND dt.rank = 0 AND a.kind = ?`,
  );
  const kindQuotes = db.prepare(
    `SELECT d.id, d.text, d.lang FROM document_themes dt JOIN analyses a ON a.doc_id = dt.doc_id JOIN documents d ON d.id = dt.doc_id
     WHERE dt.theme_id = ? AND dt.rank = 0 AND a.kind = ? ORDER BY dt.score DESC, d.id LIMIT 3`,
  );
  const listed = themes.map((r) => {
    const t = themeFromRow(r);
    let size = t.size;
    let shareNegative = t.shareNegative;
    let quotes = t.quotes.map((id) => quoteText.get(id) as { id: string; text: string; lang: Lang } | undefined).filter((q) => q !== undefined);
    if (options.kind) {
      const s = kindStats.get(t.id, options.kind) as { n: number; neg: number | null };
      size = s.n;
      shareNegative = s.neg ?? 0;
      quotes = kindQuotes.all(t.id, options.kind) as { id: string; text: string; lang: Lang }[];
    }
    return {
      id: t.id,
      label: t.label,
      labelJa: t.labelJa,
      labelEn: t.labelEn,
      category: r.category_label,
      status: t.status,
      size,
      shareNegative,
      kinds: t.kinds,
      terms: t.terms,
      quotes: quotes.map((q) => ({ docId: q.id, text: q.text, lang: q.lang })),
    };
  });
  return listed
    .filter((t) => t.size > 0)
    .sort((a, b) => b.size - a.size || themeNumberOf(a.id) - themeNumberOf(b.id))
    .slice(0, options.limit ?? Infinity);
}

/** Documents without a theme, for the unthemed share. */
export function countUnthemed(db: Db): { unthemed: number; total: number } {
  const total = db.prepare('SELECT COUNT(*) FROM analyses').pluck().get() as number;
  const themed = db.prepare('SELECT COUNT(*) FROM document_themes WHERE rank = 0').pluck().get() as number;
  return { unthemed: total - themed, total };
}
