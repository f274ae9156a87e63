// Multi-theme documents: a document about two problems keeps its primary theme (rank 0) and the other one as a
// secondary theme (rank 1, with a score); koe export lists both, primary first.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/open-store.js';
import { curateThemes, updateThemes } from '../../src/pipeline/update-themes.js';
import { exportRecords } from '../../src/store/export-records.js';
import { ALL, addDocs, themeOf, type FixtureRow } from './theme-fixture.js';

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

// Two documents that say two problems of the fixture: delivery first, then login / refund.
const TWO_PROBLEMS: FixtureRow[] = [
  { id: 'both-ja', text: '荷物がまだ届きません。配送状況も更新されません。それと、ログインできません。パスワードを入れてもエラーになります。' },
  { id: 'both-en', text: 'My parcel has still not arrived and the delivery status never updates. Also, I was charged twice and the refund has not come back.' },
];

async function themed(rows: readonly FixtureRow[]): Promise<Store> {
  const store = openStore(':memory:');
  stores.push(store);
  updateThemes(store.db, await addDocs(store, rows));
  return store;
}

const rowsOf = (store: Store, id: string) =>
  store.db.prepare('SELECT theme_id, rank, score FROM document_themes WHERE doc_id = ? ORDER BY rank').all(id) as { theme_id: string; rank: number; score: number }[];

describe('secondary themes', () => {
  it('keeps the second problem of a document as a secondary theme, exported after the primary', async () => {
    const store = await themed([...ALL, ...TWO_PROBLEMS]);
    const login = themeOf(store, 'login-ja-1')!;
    const refund = themeOf(store, 'refund-en-1')!;
    const delivery = themeOf(store, 'delivery-en-1')!;
    expect(new Set([login, refund, delivery]).size).toBe(3);
    const ja = rowsOf(store, 'both-ja');
    expect(ja[0]!.rank).toBe(0);
    expect(ja.map((r) => r.theme_id).sort()).toEqual([delivery, login].sort());
    const en = rowsOf(store, 'both-en');
    expect(en.map((r) => r.theme_id).sort()).toEqual([delivery, refund].sort());
    for (const r of [...ja, ...en].filter((x) => x.rank > 0)) expect(r.score).toBeGreaterThan(0);
    const exported = [...exportRecords(store.db)].find((r) => r.id === 'both-ja')!;
    expect(exported.themes[0]!.id).toBe(ja[0]!.theme_id);
    expect(exported.themes.map((t) => t.id)).toEqual(ja.map((r) => r.theme_id));
  });

  it('gives a document about one problem no secondary theme, and sizes count primary documents only', async () => {
    const store = await themed([...ALL, ...TWO_PROBLEMS]);
    for (const r of ALL.filter((x) => x.id.startsWith('login'))) expect(rowsOf(store, r.id).length).toBe(1);
    const sizes = store.db.prepare("SELECT id, size FROM themes WHERE status = 'active'").all() as { id: string; size: number }[];
    for (const t of sizes) {
      const primary = store.db.prepare('SELECT COUNT(*) FROM document_themes WHERE theme_id = ? AND rank = 0').pluck().get(t.id);
      expect(t.size).toBe(primary);
    }
  });

  it('keeps secondary themes through a curation action (rename)', async () => {
    const store = await themed([...ALL, ...TWO_PROBLEMS]);
    const before = rowsOf(store, 'both-ja');
    curateThemes(store.db, { action: 'rename', themeId: before[0]!.theme_id, label: 'Late parcels' });
    expect(rowsOf(store, 'both-ja')).toEqual(before);
  });
});
