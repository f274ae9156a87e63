// Curation a support lead does in `koe serve`: move one document, undo any action, a split that survives a
// rebuild, and a self-merge refused. Real kuromoji, real SQLite, the real theme stage.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/open-store.js';
import { CurationError, curateThemes, previewSplit, undoCuration, updateThemes } from '../../src/pipeline/update-themes.js';
import { listCuration } from '../../src/store/theme-repository.js';
import { ALL, DELIVERY, LATER, LOGIN, REFUND, addDocs, themeOf, type FixtureRow } from './theme-fixture.js';

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

async function themedStore(): Promise<Store> {
  const store = openStore(':memory:');
  stores.push(store);
  updateThemes(store.db, await addDocs(store, ALL));
  return store;
}

function majority(store: Store, rows: readonly FixtureRow[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const t = themeOf(store, r.id);
    if (t) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

const labelOf = (store: Store, id: string) => store.db.prepare('SELECT label FROM themes WHERE id = ?').pluck().get(id);
const statusOf = (store: Store, id: string) => store.db.prepare('SELECT status FROM themes WHERE id = ?').pluck().get(id);

describe('curation with undo', () => {
  it('refuses to merge a theme into itself, and names unknown themes as not found', async () => {
    const store = await themedStore();
    const login = majority(store, LOGIN);
    expect(() => curateThemes(store.db, { action: 'merge', themeId: login, from: [login] })).toThrow(/cannot merge theme .* into itself/);
    try {
      curateThemes(store.db, { action: 'rename', themeId: 't999', label: 'x' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CurationError);
      expect((err as CurationError).reason).toBe('not_found');
    }
    expect(listCuration(store.db)).toEqual([]);
  });

  it('moves one document to another theme; the move is replayed by a later run and a rebuild; undo puts it back', async () => {
    const store = await themedStore();
    const login = majority(store, LOGIN);
    const refund = majority(store, REFUND);
    const doc = LOGIN.find((r) => themeOf(store, r.id) === login)!.id;
    curateThemes(store.db, { action: 'move', themeId: refund, docId: doc });
    expect(themeOf(store, doc)).toBe(refund);
    updateThemes(store.db, await addDocs(store, LATER));
    expect(themeOf(store, doc)).toBe(refund);
    updateThemes(store.db, null, {}, { rebuild: true });
    expect(themeOf(store, doc)).toBe(refund);
    const { undone } = undoCuration(store.db);
    expect(undone.action).toMatchObject({ action: 'move', docId: doc, from: login });
    expect(themeOf(store, doc)).toBe(login);
    updateThemes(store.db, null, {}, { rebuild: true });
    expect(themeOf(store, doc)).toBe(login);
    expect(listCuration(store.db)[0]!.undoneAt).not.toBeNull();
  });

  it('undoes a rename (the discovered label comes back) and a merge (both themes come back)', async () => {
    const store = await themedStore();
    const delivery = majority(store, DELIVERY);
    const refund = majority(store, REFUND);
    const before = labelOf(store, delivery);
    curateThemes(store.db, { action: 'rename', themeId: delivery, label: '配送の遅れ' });
    curateThemes(store.db, { action: 'merge', themeId: delivery, from: [refund] });
    expect(majority(store, REFUND)).toBe(delivery);
    // The rename is older but of another kind: it can be undone while the merge stays.
    const rename = listCuration(store.db).find((e) => e.action.action === 'rename')!;
    undoCuration(store.db, rename.id);
    expect(labelOf(store, delivery)).toBe(before);
    undoCuration(store.db);
    expect(statusOf(store, refund)).toBe('active');
    expect(majority(store, REFUND)).toBe(refund);
    expect(majority(store, DELIVERY)).toBe(delivery);
    expect(() => undoCuration(store.db)).toThrow(/nothing to undo/);
  });

  it('refuses to undo an action a later one builds on, naming it', async () => {
    const store = await themedStore();
    const login = majority(store, LOGIN);
    curateThemes(store.db, { action: 'rename', themeId: login, label: 'A' });
    const second = curateThemes(store.db, { action: 'rename', themeId: login, label: 'B' });
    const first = listCuration(store.db).find((e) => e.id !== second.curationId)!;
    expect(() => undoCuration(store.db, first.id)).toThrow(new RegExp(`undo curation action ${second.curationId} .* first`));
  });

  it('a split survives a rebuild, its preview matches what it does, and undo brings the parent back', async () => {
    const store = await themedStore();
    const delivery = majority(store, DELIVERY);
    const refund = majority(store, REFUND);
    curateThemes(store.db, { action: 'merge', themeId: delivery, from: [refund] });
    const preview = previewSplit(store.db, delivery);
    const { themeIds } = curateThemes(store.db, { action: 'split', themeId: delivery });
    expect(preview.children.map((c) => c.id)).toEqual(themeIds);
    const membersBefore = new Map([...DELIVERY, ...REFUND].map((r) => [r.id, themeOf(store, r.id)]));
    for (const c of preview.children) for (const d of c.docIds) expect(membersBefore.get(d) ?? c.id).toBe(c.id);

    updateThemes(store.db, null, {}, { rebuild: true });
    for (const id of themeIds) expect(statusOf(store, id)).toBe('active');
    expect(statusOf(store, delivery)).toBe('retired');
    for (const [doc, theme] of membersBefore) expect(themeOf(store, doc)).toBe(theme);

    undoCuration(store.db);
    expect(statusOf(store, delivery)).toBe('active');
    for (const id of themeIds) expect(statusOf(store, id)).toBe('retired');
    for (const r of [...DELIVERY, ...REFUND]) expect(themeOf(store, r.id)).toBe(delivery);
  });
});
