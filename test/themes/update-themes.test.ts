import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/open-store.js';
import { curateThemes, updateThemes } from '../../src/pipeline/update-themes.js';
import { listThemes } from '../../src/store/theme-repository.js';
import { ALL, DELIVERY, LATER, LOGIN, REFUND, SEARCH_REQUEST, addDocs, themeOf, type FixtureRow } from './theme-fixture.js';

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

async function themedStore(rows: readonly FixtureRow[] = ALL): Promise<{ store: Store; runId: number }> {
  const store = openStore(':memory:');
  stores.push(store);
  const runId = await addDocs(store, rows);
  updateThemes(store.db, runId);
  return { store, runId };
}

/** The theme holding most documents of a group, and the share of the group it holds. */
function majorityTheme(store: Store, rows: readonly FixtureRow[]): { theme: string | undefined; share: number } {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const t = themeOf(store, r.id);
    if (t) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const [theme, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [undefined, 0];
  return { theme, share: n / rows.length };
}

function snapshot(store: Store): unknown {
  return {
    themes: store.db.prepare('SELECT id, label, size, status, quotes FROM themes ORDER BY id').all(),
    assignments: store.db.prepare('SELECT doc_id, theme_id, score FROM document_themes ORDER BY doc_id').all(),
  };
}

describe('updateThemes', () => {
  it('puts Japanese and English feedback about the same problem in one theme', async () => {
    const { store } = await themedStore();
    // Each problem: its majority theme holds most of its documents, Japanese and English alike.
    for (const group of [LOGIN, DELIVERY, REFUND, SEARCH_REQUEST]) {
      const { theme, share } = majorityTheme(store, group);
      expect(theme).toBeDefined();
      expect(share).toBeGreaterThanOrEqual(0.8);
      const langs = group.filter((r) => themeOf(store, r.id) === theme).map((r) => r.id.split('-')[1]);
      expect(new Set(langs)).toEqual(new Set(['ja', 'en']));
    }
    // The login theme's label speaks both languages.
    const login = majorityTheme(store, LOGIN).theme!;
    const row = store.db.prepare('SELECT label, label_ja, label_en FROM themes WHERE id = ?').get(login) as Record<string, string>;
    expect(row.label).toContain(' / ');
    expect(`${row.label_ja} ${row.label_en}`).toMatch(/ログイン|パスワード/);
    expect(`${row.label_ja} ${row.label_en}`).toMatch(/log|password|sign/i);
  });

  it('leaves greetings and sign-offs without a topic unthemed, however many there are', async () => {
    const courtesy: FixtureRow[] = [
      { id: 'hello-en-1', text: 'Hello.' },
      { id: 'hello-en-2', text: 'Hi there, hello!' },
      { id: 'hello-ja-1', text: 'こんにちは。' },
      { id: 'hello-ja-2', text: 'よろしくお願いします。' },
      { id: 'hello-ja-3', text: 'いつもお世話になっております。よろしくお願いいたします。' },
    ];
    const { store } = await themedStore([...ALL, ...courtesy]);
    for (const r of courtesy) expect(themeOf(store, r.id)).toBeUndefined();
    // The same courtesy around a real problem does not keep it from its theme.
    const runId = await addDocs(store, [{ id: 'hello-login-ja', text: 'お世話になっております。ログインできません。よろしくお願いします。' }]);
    updateThemes(store.db, runId);
    expect(themeOf(store, 'hello-login-ja')).toBe(majorityTheme(store, LOGIN).theme);
  });

  it('quotes a theme in each language it holds, in the voice of most of its documents', async () => {
    const praise: FixtureRow = { id: 'login-en-praise', text: 'Logging in with my password is quick and easy now.', sentiment: 'positive' };
    const { store } = await themedStore([...ALL, praise]);
    const login = majorityTheme(store, LOGIN).theme!;
    expect(themeOf(store, praise.id)).toBe(login);
    const quotes = JSON.parse(store.db.prepare('SELECT quotes FROM themes WHERE id = ?').pluck().get(login) as string) as string[];
    expect(quotes).toHaveLength(3);
    // The first two quotes speak both languages of the theme.
    expect(new Set(quotes.slice(0, 2).map((id) => id.split('-')[1]))).toEqual(new Set(['ja', 'en']));
    // The theme is mostly negative: its one praise is not quoted while complaints remain.
    expect(quotes).not.toContain(praise.id);
  });

  it('gives the same themes, ids and assignments for the same input', async () => {
    const a = await themedStore();
    const b = await themedStore();
    expect(snapshot(b.store)).toEqual(snapshot(a.store));
  });

  it('assigns later documents to existing themes and keeps every old assignment', async () => {
    const { store } = await themedStore();
    const before = store.db.prepare('SELECT doc_id, theme_id FROM document_themes ORDER BY doc_id').all();
    const loginTheme = majorityTheme(store, LOGIN).theme;
    const refundTheme = majorityTheme(store, REFUND).theme;
    const runId = await addDocs(store, LATER);
    const summary = updateThemes(store.db, runId);
    expect(summary.mode).toBe('incremental');
    for (const row of before as { doc_id: string; theme_id: string }[]) expect(themeOf(store, row.doc_id)).toBe(row.theme_id);
    expect(themeOf(store, 'later-login-ja')).toBe(loginTheme);
    expect(themeOf(store, 'later-login-en')).toBe(loginTheme);
    expect(themeOf(store, 'later-refund-en')).toBe(refundTheme);
    const grew = store.db.prepare("SELECT theme_id FROM theme_changes WHERE run_id = ? AND change = 'grew'").pluck().all(runId);
    expect(grew).toContain(loginTheme);
    // Vectors of the first run came from the cache.
    expect(summary.vectorsComputed).toBe(LATER.length);
  });

  it('keeps a rename through a later run and a rebuild', async () => {
    const { store } = await themedStore();
    const login = majorityTheme(store, LOGIN).theme!;
    curateThemes(store.db, { action: 'rename', themeId: login, label: 'Login problems' });
    updateThemes(store.db, await addDocs(store, LATER));
    expect(store.db.prepare('SELECT label FROM themes WHERE id = ?').pluck().get(login)).toBe('Login problems');
    updateThemes(store.db, null, {}, { rebuild: true });
    // After the rebuild the id still names the theme that holds the login documents, with the person's label.
    expect(majorityTheme(store, LOGIN).theme).toBe(login);
    expect(store.db.prepare('SELECT label FROM themes WHERE id = ?').pluck().get(login)).toBe('Login problems');
  });

  it('keeps a merge through a later run and a rebuild', async () => {
    const { store } = await themedStore();
    const delivery = majorityTheme(store, DELIVERY).theme!;
    const refund = majorityTheme(store, REFUND).theme!;
    expect(delivery).not.toBe(refund);
    curateThemes(store.db, { action: 'merge', themeId: delivery, from: [refund] });
    expect(majorityTheme(store, REFUND).theme).toBe(delivery);
    expect(store.db.prepare('SELECT status, merged_into FROM themes WHERE id = ?').get(refund)).toEqual({ status: 'merged', merged_into: delivery });
    updateThemes(store.db, await addDocs(store, LATER));
    // A new refund complaint goes where refunds now live.
    expect(themeOf(store, 'later-refund-en')).toBe(delivery);
    updateThemes(store.db, null, {}, { rebuild: true });
    expect(majorityTheme(store, REFUND).theme).toBe(delivery);
    expect(majorityTheme(store, DELIVERY).theme).toBe(delivery);
  });

  it('maps old ids onto the rebuilt themes by overlap', async () => {
    const { store } = await themedStore();
    const before = [LOGIN, DELIVERY, REFUND, SEARCH_REQUEST].map((g) => majorityTheme(store, g).theme);
    updateThemes(store.db, null, {}, { rebuild: true });
    const after = [LOGIN, DELIVERY, REFUND, SEARCH_REQUEST].map((g) => majorityTheme(store, g).theme);
    expect(after).toEqual(before);
  });

  it('hides ignored themes from the listing and keeps them ignored after a rebuild', async () => {
    const { store } = await themedStore();
    const search = majorityTheme(store, SEARCH_REQUEST).theme!;
    curateThemes(store.db, { action: 'ignore', themeId: search });
    expect(listThemes(store.db).map((t) => t.id)).not.toContain(search);
    updateThemes(store.db, null, {}, { rebuild: true });
    expect(store.db.prepare('SELECT status FROM themes WHERE id = ?').pluck().get(search)).toBe('ignored');
  });

  it('splits a theme into sub-themes and retires it', async () => {
    const { store } = await themedStore();
    const delivery = majorityTheme(store, DELIVERY).theme!;
    const refund = majorityTheme(store, REFUND).theme!;
    curateThemes(store.db, { action: 'merge', themeId: delivery, from: [refund] });
    const { themeIds } = curateThemes(store.db, { action: 'split', themeId: delivery });
    expect(themeIds.length).toBeGreaterThanOrEqual(2);
    expect(store.db.prepare('SELECT status FROM themes WHERE id = ?').pluck().get(delivery)).toBe('retired');
    // Every document of the old theme went to one of the children.
    for (const r of [...DELIVERY, ...REFUND]) expect(themeIds).toContain(themeOf(store, r.id));
  });

  it('lists request themes with --kind feature_request counts', async () => {
    const { store } = await themedStore();
    const requests = listThemes(store.db, { kind: 'feature_request' });
    expect(requests[0]?.id).toBe(majorityTheme(store, SEARCH_REQUEST).theme);
    expect(requests[0]?.size).toBeGreaterThanOrEqual(5);
    expect(requests[0]?.quotes.length).toBeGreaterThan(0);
  });
});
