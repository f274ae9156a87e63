// The workspace's read cache: an answer is kept until the database changes, by this connection or by another
// process's commit (a run landing while koe serve is open), on real SQLite files.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/open-store.js';
import { cachedFacets, cachedThemeDailyCounts, createReadCache } from '../../src/serve/read-cache.js';
import { themeDailyCounts } from '../../src/store/theme-details.js';
import { updateThemes } from '../../src/pipeline/update-themes.js';
import { addDocs, ALL } from '../themes/theme-fixture.js';
import { useTempDirs } from '../support/temp-dirs.js';
import { startServer } from '../../src/serve/start-server.js';

const tempDir = useTempDirs('koe-read-cache-');
const opened: Store[] = [];
const open = (file: string): Store => {
  const store = openStore(file);
  opened.push(store);
  return store;
};
afterEach(() => {
  while (opened.length) opened.pop()!.close();
});

describe('createReadCache', () => {
  it('computes a key once while nothing changes, again after this connection writes', async () => {
    const store = open(path.join(tempDir(), 'koe.db'));
    await addDocs(store, ALL.slice(0, 4));
    const cache = createReadCache(store.db);
    let computed = 0;
    const count = () => cache.get('documents', () => (computed++, store.db.prepare('SELECT count(*) FROM documents').pluck().get() as number));
    expect(count()).toBe(4);
    expect(count()).toBe(4);
    expect(computed).toBe(1);
    store.db.prepare("UPDATE documents SET channel = 'email' WHERE id = ?").run(store.db.prepare('SELECT id FROM documents LIMIT 1').pluck().get());
    expect(count()).toBe(4);
    expect(computed).toBe(2);
  });

  it('sees another connection commit (koe run landing while the workspace is open)', async () => {
    const file = path.join(tempDir(), 'koe.db');
    const writer = open(file);
    await addDocs(writer, ALL.slice(0, 4));
    const reader = open(file);
    const cache = createReadCache(reader.db);
    const count = () => cache.get('documents', () => reader.db.prepare('SELECT count(*) FROM documents').pluck().get() as number);
    expect(count()).toBe(4);
    await addDocs(writer, ALL.slice(4, 7));
    expect(count()).toBe(7);
  });

  it('keeps the most recently used entries', () => {
    const store = open(':memory:');
    const cache = createReadCache(store.db, 2);
    let computed = 0;
    const get = (key: string) => cache.get(key, () => (computed++, key));
    get('a');
    get('b');
    get('a'); // a is now the most recent
    get('c'); // evicts b
    expect(computed).toBe(3);
    get('a');
    expect(computed).toBe(3);
    get('b');
    expect(computed).toBe(4);
  });
});

describe('cachedFacets', () => {
  it('gives documentFacets for the filter, whatever the page and order; a moved channel shows at once', async () => {
    const store = open(':memory:');
    await addDocs(store, ALL);
    const ctx = { db: store.db, reads: createReadCache(store.db) };
    const first = cachedFacets(ctx, { lang: 'en', limit: 10, offset: 0, sort: 'newest' });
    expect(cachedFacets(ctx, { lang: 'en', limit: 50, offset: 50 })).toBe(first); // the same answer, kept
    const english = first.lang.find((v) => v.value === 'en')!.count;
    expect(first.channel).toEqual([{ value: '(none)', count: english }]);
    store.db.prepare("UPDATE documents SET channel = 'email' WHERE lang = 'en'").run();
    const after = cachedFacets(ctx, { lang: 'en' });
    expect(after.channel).toEqual([{ value: 'email', count: english }]);
    expect(cachedFacets(ctx, { lang: 'ja' })).not.toBe(after);
  });
});

describe('cachedThemeDailyCounts', () => {
  it("gives the theme's daily counts, and the new ones once a document's date changes", async () => {
    const store = open(':memory:');
    updateThemes(store.db, await addDocs(store, ALL));
    store.db.prepare("UPDATE documents SET created_at = '2026-03-02T03:00:00.000Z'").run();
    const theme = store.db.prepare('SELECT theme_id FROM document_themes WHERE rank = 0 LIMIT 1').pluck().get() as string;
    const ctx = { db: store.db, reads: createReadCache(store.db) };
    const day = 'substr(d.created_at, 1, 10)';
    const before = cachedThemeDailyCounts(ctx, theme, day);
    expect(before).toEqual(themeDailyCounts(store.db, theme, day));
    expect(cachedThemeDailyCounts(ctx, theme, day)).toBe(before);
    const member = store.db.prepare('SELECT doc_id FROM document_themes WHERE theme_id = ? AND rank = 0 LIMIT 1').pluck().get(theme) as string;
    store.db.prepare("UPDATE documents SET created_at = '2026-03-03T03:00:00.000Z' WHERE id = ?").run(member);
    const after = cachedThemeDailyCounts(ctx, theme, day);
    expect(after).toEqual(themeDailyCounts(store.db, theme, day));
    expect(after.map((d) => d.day)).toEqual(['2026-03-02', '2026-03-03']);
  });
});

describe('prefetch', () => {
  it('runs the tasks one by one after the caller; a later call replaces what is left; a throwing task is skipped', async () => {
    const store = open(':memory:');
    const cache = createReadCache(store.db, 8, 5);
    const ran: string[] = [];
    cache.prefetch([() => ran.push('a'), () => ran.push('b'), () => ran.push('c')]);
    expect(ran).toEqual([]); // nothing before the caller's turn ends
    while (ran.length === 0) await new Promise<void>((resolve) => setTimeout(resolve, 1));
    cache.prefetch([
      () => {
        throw new Error('no such theme');
      },
      () => ran.push('d'),
    ]);
    await cache.idle();
    expect(ran).toEqual(['a', 'd']);
    cache.prefetch([() => ran.push('e')]);
    cache.stop();
    await cache.idle();
    expect(ran).toEqual(['a', 'd']);
  });

  it('waits while a request is open, then runs', async () => {
    const store = open(':memory:');
    const cache = createReadCache(store.db, 8, 5);
    const ran: string[] = [];
    cache.beginRequest();
    cache.prefetch([() => ran.push('facets')]);
    for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setTimeout(resolve, 10));
    expect(ran).toEqual([]);
    cache.endRequest();
    await cache.idle();
    expect(ran).toEqual(['facets']);
  });

  it('koe serve reads the default week ahead as it starts: the first visit of This week computes none of it', async () => {
    const store = open(':memory:');
    updateThemes(store.db, await addDocs(store, ALL));
    const base = createReadCache(store.db, 128, 5);
    const computed: string[] = [];
    const reads = { ...base, get: <T>(key: string, compute: () => T): T => base.get(key, () => (computed.push(key), compute())) };
    const server = await startServer({ db: store.db, port: 0, lang: 'en', reads });
    try {
      await reads.idle();
      expect(computed.filter((k) => k.startsWith('this-week'))).toHaveLength(1);
      computed.length = 0;
      expect((await fetch(`${server.url}/`)).status).toBe(200);
      expect(computed.filter((k) => k.startsWith('this-week'))).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('This week reads ahead what its theme links open: the linked page then computes nothing', async () => {
    const store = open(':memory:');
    updateThemes(store.db, await addDocs(store, ALL));
    const docs = store.db.prepare('SELECT id FROM documents ORDER BY id').pluck().all() as string[];
    const date = store.db.prepare('UPDATE documents SET created_at = ? WHERE id = ?');
    docs.forEach((id, i) => date.run(`2026-03-${String(1 + (i % 14)).padStart(2, '0')}T03:00:00.000Z`, id));
    const base = createReadCache(store.db);
    const computed: string[] = [];
    const reads = { ...base, get: <T>(key: string, compute: () => T): T => base.get(key, () => (computed.push(key), compute())) };
    const server = await startServer({ db: store.db, port: 0, lang: 'en', reads });
    try {
      const week = await (await fetch(`${server.url}/`)).text();
      const links = [...week.matchAll(/<a class="theme-link" href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
      expect(links.length).toBeGreaterThan(1);
      await reads.idle();
      expect(computed.filter((k) => k.startsWith('facets')).length).toBe(links.length);
      computed.length = 0;
      for (const link of links) expect((await fetch(`${server.url}${link}`)).status).toBe(200);
      expect(computed).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
