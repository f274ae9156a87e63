import { openStore } from '../store/open-store.js';
import { loadSourceIdKey, recordErasure, type ErasureSelector } from '../store/privacy-repository.js';
import { hashSourceId, protectSourceId } from '../normalize/personal-source-id.js';
import { normalizeText } from '../normalize/normalize-text.js';
import { refreshThemeSummaries } from './update-themes.js';
import { DatabaseBusyError, tryAcquireLease } from '../store/write-lease.js';
import type { Db } from '../store/open-store.js';
import {
  currentThemeModelId,
  forgetDocumentsInCuration,
  loadThemeDocsByIds,
  loadThemeModel,
  loadThemesOnly,
  replaceThemeModel,
  saveThemeRows,
} from '../store/theme-repository.js';
import { CONCEPT_PREFIX, getVectorizer, isLive, type FittedVectorizer } from '../themes/index.js';
import { eraseWordsFromTheme, labelWithoutWords } from '../themes/erase-words.js';

// `koe forget`: a customer asks to be forgotten. Every document of theirs goes, with what was derived from it
// (analysis, vectors, theme membership, follow-up mark, the curation log's mentions); the themes they were in are
// summarized again without them (size, quotes, label); the search index merges its segments so no trigram of the
// text is left in it; their words no stored document uses leave the theme space and the labels of retired themes;
// the freed pages are overwritten (secure_delete), the WAL is checkpointed and truncated and the file is rebuilt
// (VACUUM), so their text is not left in the file's bytes. The erasure is recorded — when, how it selected, how many
// — never what.

export interface ForgetOptions {
  /** SQLite database file. */
  db: string;
  /** Source ids as the team knows them (an e-mail or phone id is found through its keyed hash). */
  sourceIds?: readonly string[];
  /** Document ids as koe stores them. */
  docIds?: readonly string[];
  /** Every document whose stored (normalized, masked) text contains this. */
  textContains?: string;
  /** Count what would be erased, erase nothing. */
  dryRun?: boolean;
  /** The theme config (as for koe run) used to summarize themes again. */
  themes?: Record<string, unknown>;
}

export interface ForgetSummary {
  documents: number;
  /** Themes that lost members and were summarized again. */
  themesRefreshed: number;
  /** The erasures row, null for a dry run or when nothing matched. */
  erasureId: number | null;
  dryRun: boolean;
}

export class ForgetError extends Error {
  override name = 'ForgetError';
}

function selectorOf(options: ForgetOptions): ErasureSelector {
  const given = [options.sourceIds?.length ? 'source_id' : null, options.docIds?.length ? 'doc_id' : null, options.textContains ? 'text' : null].filter(
    (s): s is ErasureSelector => s !== null,
  );
  if (given.length !== 1) throw new ForgetError('say what to forget with exactly one of: source ids, document ids, or a text to match');
  return given[0]!;
}

/** The document ids selected, in a temporary table (kept out of the database file). */
function selectDocuments(db: Db, selector: ErasureSelector, options: ForgetOptions): number {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS forget_ids (id TEXT PRIMARY KEY)');
  db.exec('DELETE FROM forget_ids');
  const add = db.prepare('INSERT OR IGNORE INTO forget_ids (id) SELECT id FROM documents WHERE ' + (selector === 'text' ? 'instr(text, ?) > 0' : selector === 'doc_id' ? 'id = ?' : 'source_id = ?'));
  if (selector === 'source_id') {
    const key = loadSourceIdKey(db);
    for (const raw of options.sourceIds ?? []) {
      const id = raw.trim();
      // As stored: the id itself, its keyed hash when it is personal data, and the hash of any other spelling.
      for (const candidate of new Set([id, protectSourceId(id, key).id, hashSourceId(id, key)])) add.run(candidate);
    }
  } else if (selector === 'doc_id') {
    for (const id of options.docIds ?? []) add.run(id.trim());
  } else {
    const needle = normalizeText(options.textContains ?? '');
    if (needle.length < 3) throw new ForgetError('the text to match must be at least 3 characters (after normalization)');
    add.run(needle);
  }
  return (db.prepare('SELECT count(*) FROM forget_ids').pluck().get() as number) ?? 0;
}

/** Erases the selected documents and everything derived from them; see the module comment. */
export function forgetDocuments(options: ForgetOptions): ForgetSummary {
  const selector = selectorOf(options);
  const store = openStore(options.db);
  const { db } = store;
  try {
    const documents = selectDocuments(db, selector, options);
    if (options.dryRun || documents === 0) return { documents, themesRefreshed: 0, erasureId: null, dryRun: options.dryRun === true };
    // One writer at a time: a run in progress would re-add nothing, but its transactions and the VACUUM collide.
    const attempt = tryAcquireLease(db, 'forget');
    if ('busy' in attempt) throw new DatabaseBusyError(attempt.busy);
    const { lease } = attempt;
    try {
      return erase(db, selector, documents, options);
    } finally {
      lease.release();
      db.pragma('wal_checkpoint(TRUNCATE)');
    }
  } finally {
    store.close();
  }
}

/** The erasure itself, under the write lease: delete, summarize themes again, record, rebuild the file. */
function erase(db: Db, selector: ErasureSelector, documents: number, options: ForgetOptions): ForgetSummary {
  // Deleted content is overwritten with zeros instead of left in free pages.
  db.pragma('secure_delete = ON');
  const themeIds = db
    .prepare('SELECT DISTINCT theme_id FROM document_themes WHERE doc_id IN (SELECT id FROM forget_ids)')
    .pluck()
    .all() as string[];
  const erased = new Set(db.prepare('SELECT id FROM forget_ids').pluck().all() as string[]);
  const words = theirWords(db, [...erased]);
  let erasureId = 0;
  db.transaction(() => {
    db.exec('DELETE FROM followups WHERE doc_id IN (SELECT id FROM forget_ids)');
    // Rows superseded by a later row with the same id name the document too.
    db.exec('DELETE FROM duplicate_rows WHERE doc_id IN (SELECT id FROM forget_ids)');
    // analyses, document_themes, document_ratings and doc_vectors go with the document (ON DELETE CASCADE).
    db.exec('DELETE FROM documents WHERE id IN (SELECT id FROM forget_ids)');
    // Quotes name documents by id: none may name an erased one, even before the summaries are redone.
    const themes = db.prepare('SELECT id, quotes FROM themes').all() as { id: string; quotes: string }[];
    const setQuotes = db.prepare('UPDATE themes SET quotes = ? WHERE id = ?');
    for (const t of themes) {
      const quotes = JSON.parse(t.quotes) as string[];
      const kept = quotes.filter((q) => !erased.has(q));
      if (kept.length !== quotes.length) setQuotes.run(JSON.stringify(kept), t.id);
    }
    // The search index was told to forget the text (and any earlier version a later run replaced): FTS5 writes
    // that as a delete marker beside the old entries, which keep the text's trigrams and their positions until a
    // merge takes in both. Merging every segment into one drops them (1M documents: ≈ 2.6 s).
    db.exec("INSERT INTO documents_fts (documents_fts) VALUES ('optimize')");
    const unused = eraseUnusedWords(db, words);
    // The curation log names documents a person moved or split (a move of theirs goes, lists drop them) and keeps
    // labels for undo that may hold their words.
    forgetDocumentsInCuration(db, erased, unused.size > 0 ? (label) => labelWithoutWords(label, unused) ?? '(no distinctive terms)' : null);
    erasureId = recordErasure(db, selector, documents, themeIds.length);
  })();
  if (themeIds.length > 0) refreshThemeSummaries(db, options.themes ?? {});
  db.exec('DROP TABLE forget_ids');
  // The WAL still holds copies of the old pages: checkpoint and truncate it, rebuild the file, and again.
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { documents, themesRefreshed: themeIds.length, erasureId, dryRun: false };
}

interface TheirWords {
  /** Their documents' terms (kuromoji base forms, English lemmas). */
  terms: Set<string>;
  /** The theme space and its words (vocabulary features, concepts aside) that their documents have. */
  space: { vectorizer: FittedVectorizer; features: Set<string> } | null;
}

/**
 * The words of the documents to forget, read before they go: a customer's own words (a name masking missed, a pet, a
 * shop) may be theirs alone, and what was computed from their text keeps them — the theme space (below 200
 * documents it keeps words one document uses) and the labels of themes no longer summarized.
 */
function theirWords(db: Db, ids: readonly string[]): TheirWords {
  const docs = loadThemeDocsByIds(db, ids);
  const terms = new Set(docs.flatMap((d) => d.terms));
  const modelId = currentThemeModelId(db);
  const model = modelId === null ? null : loadThemeModel(db, modelId);
  const vectorizer = model ? getVectorizer(model.backend).load(model) : null;
  if (!vectorizer?.withoutFeatures || !vectorizer.featureOf) return { terms, space: null };
  const features = new Set<string>();
  for (const doc of docs) for (const f of vectorizer.features(doc).keys()) if (!f.startsWith(CONCEPT_PREFIX)) features.add(f);
  return { terms, space: { vectorizer, features } };
}

/**
 * After the documents are deleted: their words that no stored document uses any more leave the theme space (which
 * keeps its id, withoutFeatures: no stored document has them, so every cached vector stays as it is) and the terms
 * and labels of retired and merged themes; returned for the curation log's labels. One pass over the stored terms,
 * ended as soon as every word has another user (a word theirs alone: the whole pass, ≈ 2 s at a million).
 */
function eraseUnusedWords(db: Db, words: TheirWords): Set<string> {
  const unusedTerms = new Set(words.terms);
  const unusedFeatures = new Set(words.space?.features ?? []);
  const space = words.space?.vectorizer;
  // Every stored term's feature once (English stems cost a little; a million documents repeat few distinct terms).
  const featureOfTerm = new Map<string, string>();
  for (const row of db.prepare('SELECT terms FROM analyses WHERE terms IS NOT NULL').pluck().iterate() as IterableIterator<string>) {
    if (unusedTerms.size === 0 && unusedFeatures.size === 0) break;
    for (const t of JSON.parse(row) as string[]) {
      unusedTerms.delete(t);
      if (!space?.featureOf || unusedFeatures.size === 0) continue;
      let f = featureOfTerm.get(t);
      if (f === undefined) featureOfTerm.set(t, (f = space.featureOf(t)));
      unusedFeatures.delete(f);
    }
  }
  if (words.space && unusedFeatures.size > 0) replaceThemeModel(db, words.space.vectorizer.withoutFeatures!(unusedFeatures).serialize());
  if (unusedTerms.size === 0) return unusedTerms;
  const gone = loadThemesOnly(db).themes.filter((t) => !isLive(t) && eraseWordsFromTheme(t, unusedTerms));
  if (gone.length > 0) saveThemeRows(db, { themes: gone, categories: [], assignments: new Map(), secondary: new Map() });
  return unusedTerms;
}
