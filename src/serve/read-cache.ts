// Answers of the workspace's costly reads (a large theme's facets and trend: ≈ 1 s and 0.3 s at a million
// documents), kept until the database changes. A support lead moves back and forth between a theme, its documents
// and the search; between two runs nothing those reads depend on changes, so the second visit needs no second read.
import { documentFacets, FACETS, searchDocuments, type DocumentPage, type DocumentPageOptions, type FacetName, type FacetValue } from '../store/document-search.js';
import type { Db } from '../store/open-store.js';
import { themeDailyCounts } from '../store/theme-details.js';

/** Entries kept: each a facet table or a trend (a few kB) or a page of documents (≈ 50 kB for 50 short texts). */
const DEFAULT_ENTRIES = 128;

export interface ReadCache {
  /** `compute()`'s answer for `key`, computed again only when the database changed since it was kept. */
  get<T>(key: string, compute: () => T): T;
  /**
   * Runs `tasks` (reads through this cache) in the background, each after a quiet time with no request open, so
   * that requests are answered between them; a later call replaces the tasks not yet run. A task that throws is
   * skipped (the request that needs its answer will meet the error itself).
   */
  prefetch(tasks: readonly (() => unknown)[]): void;
  /** Resolves when no prefetch task is left (tests; closing the server). */
  idle(): Promise<void>;
  /** Drops the prefetch tasks not yet run. */
  stop(): void;
  /** A request came in / was answered: prefetching waits until none is open and PREFETCH_QUIET_MS have passed. */
  beginRequest(): void;
  endRequest(): void;
}

/**
 * Quiet time before each prefetch task. A task holds the event loop (up to a second at a million documents), so it
 * waits for the page that asked for it and the style, script and next clicks that follow it to be answered.
 */
export const PREFETCH_QUIET_MS = 200;

/**
 * A cache that is emptied whenever the database changes: `PRAGMA data_version` moves when another connection commits
 * (`koe run`, a curation command), `total_changes()` when this one writes (curation through the workspace).
 */
export function createReadCache(db: Db, entries = DEFAULT_ENTRIES, quietMs = PREFETCH_QUIET_MS): ReadCache {
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  const ownChanges = db.prepare('SELECT total_changes()').pluck();
  const kept = new Map<string, unknown>();
  let version = '';
  let queue: (() => unknown)[] = [];
  let running: Promise<void> | null = null;
  let open = 0;
  let lastActivity = 0;
  const busy = () => open > 0 || performance.now() - lastActivity < quietMs;
  const drain = async (): Promise<void> => {
    while (queue.length > 0) {
      // A pause, not just a turn of the loop, before every task: a request needs several turns (socket, parser,
      // handler) before it is seen as open, and a task run on each of them would hold it for seconds.
      do await new Promise<void>((resolve) => setTimeout(resolve, quietMs));
      while (busy() && queue.length > 0);
      const task = queue.shift(); // taken only now: a later prefetch or stop() may have replaced the queue
      if (!task) break;
      try {
        task();
      } catch {
        // the page that needs this answer reports the error when it is asked for
      }
    }
    running = null;
  };
  return {
    prefetch(tasks) {
      queue = [...tasks];
      running ??= drain();
    },
    idle: () => running ?? Promise.resolve(),
    stop() {
      queue = [];
    },
    beginRequest() {
      open++;
      lastActivity = performance.now();
    },
    endRequest() {
      open = Math.max(0, open - 1);
      lastActivity = performance.now();
    },
    get<T>(key: string, compute: () => T): T {
      const now = `${String(dataVersion.get())}:${String(ownChanges.get())}`;
      if (now !== version) {
        kept.clear();
        version = now;
      }
      if (kept.has(key)) {
        const value = kept.get(key) as T;
        kept.delete(key); // most recently used last
        kept.set(key, value);
        return value;
      }
      const value = compute();
      kept.set(key, value);
      if (kept.size > entries) kept.delete(kept.keys().next().value!);
      return value;
    },
  };
}

/** The filter's asked values in a stable order, for a key (unset ones left out, so {} and {q: null} are one). */
function askedOf(filter: DocumentPageOptions, skip: ReadonlySet<string> = new Set()): [string, unknown][] {
  return Object.entries(filter)
    .filter(([k, v]) => !skip.has(k) && v !== undefined && v !== null)
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

/** searchDocuments (one page and its total) through the workspace's read cache. */
export function cachedSearch(ctx: { db: Db; reads: ReadCache }, options: DocumentPageOptions): DocumentPage {
  return ctx.reads.get(`search ${JSON.stringify(askedOf(options))}`, () => searchDocuments(ctx.db, options));
}

/** A page's place and order, which change no facet. */
const PAGE_ONLY = new Set<string>(['limit', 'offset', 'sort'] satisfies (keyof DocumentPageOptions)[]);

/** documentFacets through the workspace's read cache (the filter, facets and options are the key). */
export function cachedFacets(
  ctx: { db: Db; reads: ReadCache },
  filter: DocumentPageOptions,
  facets: readonly FacetName[] = FACETS,
  options: { limit?: number; periodBy?: 'month' | 'week' } = {},
): Record<FacetName, FacetValue[]> {
  return ctx.reads.get(`facets ${JSON.stringify([askedOf(filter, PAGE_ONLY), facets, options])}`, () => documentFacets(ctx.db, filter, facets, options));
}

/** themeDailyCounts (a theme's trend) through the workspace's read cache. */
export function cachedThemeDailyCounts(ctx: { db: Db; reads: ReadCache }, themeId: string, daySql: string): { day: string; n: number }[] {
  return ctx.reads.get(`daily ${JSON.stringify([themeId, daySql])}`, () => themeDailyCounts(ctx.db, themeId, daySql));
}
