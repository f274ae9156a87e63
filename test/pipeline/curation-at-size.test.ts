// Curation on a store past clusterSample (as at a million documents, here with clusterSample 16): a move or merge is
// applied by the theme step at size (the log's replay, summaries from the stored vectors), an undo puts documents
// back one by one, and a label or status touches the themes alone. Real kuromoji and SQLite files.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/open-store.js';
import { curateThemes, previewSplit, undoCuration, updateThemes } from '../../src/pipeline/update-themes.js';
import { forgetDocuments } from '../../src/pipeline/forget.js';
import { ALL, addDocs } from '../themes/theme-fixture.js';
import { useTempDirs } from '../support/temp-dirs.js';
import { expectFiguresFollowMembers } from '../support/theme-figures.js';

const tempDir = useTempDirs('koe-curation-at-size-');
const CONFIG = { clusterSample: 16 };
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

async function themedStore(file = ':memory:'): Promise<Store> {
  const s = openStore(file);
  stores.push(s);
  updateThemes(s.db, await addDocs(s, ALL), CONFIG);
  return s;
}

const members = (s: Store, id: string): string[] =>
  s.db.prepare('SELECT doc_id FROM document_themes WHERE rank = 0 AND theme_id = ? ORDER BY doc_id').pluck().all(id) as string[];
const primaryOf = (s: Store, docId: string): string | undefined =>
  s.db.prepare('SELECT theme_id FROM document_themes WHERE rank = 0 AND doc_id = ?').pluck().get(docId) as string | undefined;
/** Counts every write to the assignments from now on (TEMP triggers: this connection only, nothing stored). */
function countAssignmentWrites(s: Store): () => number {
  s.db.exec(`CREATE TEMP TABLE assignment_writes (n INTEGER); INSERT INTO assignment_writes VALUES (0);
    CREATE TEMP TRIGGER count_inserts AFTER INSERT ON main.document_themes BEGIN UPDATE assignment_writes SET n = n + 1; END;
    CREATE TEMP TRIGGER count_deletes AFTER DELETE ON main.document_themes BEGIN UPDATE assignment_writes SET n = n + 1; END;
    CREATE TEMP TRIGGER count_updates AFTER UPDATE ON main.document_themes BEGIN UPDATE assignment_writes SET n = n + 1; END;`);
  return () => s.db.prepare('SELECT n FROM assignment_writes').pluck().get() as number;
}
const largest = (s: Store): string[] => s.db.prepare("SELECT id FROM themes WHERE status = 'active' ORDER BY size DESC, id").pluck().all() as string[];
const logEntry = (s: Store, id: number) =>
  s.db.prepare('SELECT pending, before_state IS NOT NULL AS has_before, undone_at IS NOT NULL AS undone FROM theme_curation WHERE id = ?').get(id);

describe('curation at size', () => {
  it('moves one document through the theme step at size, and undo puts it back', async () => {
    const s = await themedStore();
    const [to, from] = largest(s);
    const doc = members(s, from!)[0]!;
    const centreBefore = s.db.prepare('SELECT centroid FROM themes WHERE id = ?').pluck().get(to) as Buffer;
    const assigned = s.db.prepare('SELECT count(*) FROM document_themes').pluck().get() as number;
    const written = countAssignmentWrites(s);
    const { curationId } = curateThemes(s.db, { action: 'move', docId: doc, themeId: to! }, CONFIG);
    expect(primaryOf(s, doc)).toBe(to);
    expect(written()).toBeLessThan(assigned / 2); // the document's rows, not every assignment again
    expect(logEntry(s, curationId)).toEqual({ pending: 0, has_before: 1, undone: 0 });
    expectFiguresFollowMembers(s.db);
    expect(s.db.prepare('SELECT centroid FROM themes WHERE id = ?').pluck().get(to)).not.toEqual(centreBefore);

    undoCuration(s.db, curationId, CONFIG);
    expect(primaryOf(s, doc)).toBe(from);
    expect(logEntry(s, curationId)).toMatchObject({ undone: 1 });
    expectFiguresFollowMembers(s.db);
    // A later theme step replays the log without the undone move.
    updateThemes(s.db, null, CONFIG);
    expect(primaryOf(s, doc)).toBe(from);
  });

  it('merges two themes in place, and undo gives the merged theme its members back', async () => {
    const s = await themedStore();
    const [into, from] = largest(s);
    const before = { into: members(s, into!), from: members(s, from!) };
    const { curationId } = curateThemes(s.db, { action: 'merge', themeId: into!, from: [from!] }, CONFIG);
    expect(members(s, into!)).toEqual([...before.into, ...before.from].sort());
    expect(s.db.prepare('SELECT status, merged_into FROM themes WHERE id = ?').get(from)).toEqual({ status: 'merged', merged_into: into });
    expectFiguresFollowMembers(s.db);

    undoCuration(s.db, curationId, CONFIG);
    expect(s.db.prepare('SELECT status FROM themes WHERE id = ?').pluck().get(from)).toBe('active');
    expect([members(s, into!), members(s, from!)]).toEqual([before.into, before.from]);
    expectFiguresFollowMembers(s.db);
  });

  it("splits a theme from its own members: the preview saves nothing, the split moves them, undo puts them back", async () => {
    const s = await themedStore();
    const [theme] = largest(s);
    const was = members(s, theme!);
    const assignments = () => s.db.prepare('SELECT doc_id, theme_id, rank FROM document_themes ORDER BY doc_id, rank').all();
    const before = assignments();
    const preview = previewSplit(s.db, theme!, CONFIG);
    expect(preview.children.length).toBeGreaterThanOrEqual(2);
    expect(preview.children.flatMap((c) => c.docIds).sort()).toEqual(was);
    for (const c of preview.children) expect(c.size).toBe(c.docIds.length);
    expect(assignments()).toEqual(before); // nothing saved

    const { themeIds, curationId } = curateThemes(s.db, { action: 'split', themeId: theme! }, CONFIG);
    expect(themeIds).toEqual(preview.children.map((c) => c.id)); // seeded: the split is the preview
    expect(themeIds.map((id) => members(s, id))).toEqual(preview.children.map((c) => [...c.docIds].sort()));
    expect(s.db.prepare('SELECT status FROM themes WHERE id = ?').pluck().get(theme)).toBe('retired');
    expectFiguresFollowMembers(s.db);

    undoCuration(s.db, curationId, CONFIG);
    expect(members(s, theme!)).toEqual(was);
    expect(s.db.prepare('SELECT status FROM themes WHERE id IN (SELECT value FROM json_each(?)) GROUP BY status').pluck().all(JSON.stringify(themeIds))).toEqual(['retired']);
    expectFiguresFollowMembers(s.db);
  });

  it('a theme larger than clusterSample is split on a sample of its members, and every member is placed', async () => {
    const s = await themedStore();
    const live = largest(s);
    curateThemes(s.db, { action: 'merge', themeId: live[0]!, from: live.slice(1) }, CONFIG);
    const all = members(s, live[0]!);
    expect(all.length).toBeGreaterThan(CONFIG.clusterSample); // so the split clusters 16 of them and places the rest
    const preview = previewSplit(s.db, live[0]!, CONFIG);
    expect(preview.children.length).toBeGreaterThanOrEqual(2);
    expect(preview.children.flatMap((c) => c.docIds).sort()).toEqual(all);
    for (const c of preview.children) expect(c.size).toBe(c.docIds.length);
    const { themeIds } = curateThemes(s.db, { action: 'split', themeId: live[0]! }, CONFIG);
    expect(themeIds.map((id) => members(s, id))).toEqual(preview.children.map((c) => [...c.docIds].sort()));
    expectFiguresFollowMembers(s.db);
  });

  it('a rename, an ignore and their undo leave every assignment as it was', async () => {
    const s = await themedStore();
    const [theme] = largest(s);
    const assignments = () => s.db.prepare('SELECT rowid, doc_id, theme_id, rank, score FROM document_themes ORDER BY rowid').all();
    const was = assignments();
    const written = countAssignmentWrites(s);
    const renamed = curateThemes(s.db, { action: 'rename', themeId: theme!, label: 'ログインできない / login fails' }, CONFIG);
    curateThemes(s.db, { action: 'ignore', themeId: theme! }, CONFIG);
    expect(s.db.prepare('SELECT label, label_pinned, status FROM themes WHERE id = ?').get(theme)).toEqual({ label: 'ログインできない / login fails', label_pinned: 1, status: 'ignored' });
    undoCuration(s.db, null, CONFIG);
    expect(s.db.prepare('SELECT status FROM themes WHERE id = ?').pluck().get(theme)).toBe('active');
    undoCuration(s.db, renamed.curationId, CONFIG);
    expect(s.db.prepare('SELECT label_pinned FROM themes WHERE id = ?').pluck().get(theme)).toBe(0);
    expect(assignments()).toEqual(was);
    expect(written()).toBe(0);
  });

  it('koe forget at size: the themes that lost documents are summarized again from the stored vectors', async () => {
    const file = path.join(tempDir(), 'koe.db');
    const s = await themedStore(file);
    const [theme] = largest(s);
    const gone = members(s, theme!).slice(0, 2);
    stores.splice(0).forEach((x) => x.close());
    expect(forgetDocuments({ db: file, docIds: gone, themes: CONFIG }).documents).toBe(2);
    const after = openStore(file);
    stores.push(after);
    expect(members(after, theme!).some((d) => gone.includes(d))).toBe(false);
    expectFiguresFollowMembers(after.db);
  });
});

describe('the theme step at size reads again only the themes a change reached', () => {
  it('reads none when nothing changed, and keeps every figure', async () => {
    const s = await themedStore();
    const rows = () => s.db.prepare('SELECT * FROM themes ORDER BY id').all();
    const before = rows();
    const step = updateThemes(s.db, null, CONFIG);
    expect(step.reread?.themes).toBe(0);
    expect(step.reread?.of).toBeGreaterThan(2);
    expect(rows()).toEqual(before);
  });

  it('a swap of two members keeps both sizes and is still read again (their fingerprints differ)', async () => {
    const s = await themedStore();
    const [a, b] = largest(s).slice(-2); // the smallest two: a step that changed most members reads them all in one pass
    const [x, y] = [members(s, a!)[0]!, members(s, b!)[0]!];
    // As any writer outside the step could: the sizes stay, the members do not.
    s.db.prepare('UPDATE document_themes SET theme_id = ? WHERE doc_id = ? AND rank = 0').run(b, x);
    s.db.prepare('UPDATE document_themes SET theme_id = ? WHERE doc_id = ? AND rank = 0').run(a, y);
    const step = updateThemes(s.db, null, CONFIG);
    expect(step.reread?.themes).toBe(2);
    expectFiguresFollowMembers(s.db);
  });

  it("a night's new documents are added to the stored figures of the themes they join: none is read whole", async () => {
    const s = await themedStore();
    const night = await addDocs(s, [
      { id: 'night-login-ja', text: 'ログインできません。パスワードを入れてもエラーになります。' },
      { id: 'night-login-en', text: "I can't log in, it says my password is wrong.", kind: 'bug' },
      { id: 'night-delivery-ja', text: '注文した荷物がまだ届きません。配送が遅いです。' },
      { id: 'night-refund-en', text: 'I returned the item and still have not received my refund.' },
    ]);
    s.db.prepare('UPDATE documents SET theme_pending = 1 WHERE first_run_id = ?').run(night); // as a run's batches leave them
    const step = updateThemes(s.db, night, CONFIG);
    const joined = ['night-login-ja', 'night-login-en', 'night-delivery-ja', 'night-refund-en'].map((d) => primaryOf(s, d));
    expect(joined).not.toContain(undefined);
    expect(step.reread).toEqual({ themes: 0, fromStored: new Set(joined).size, of: largest(s).length });
    expect(new Set(joined).size).toBeGreaterThanOrEqual(2);
    expectFiguresFollowMembers(s.db);
  });

  it('a theme that gained a member and lost another is read whole', async () => {
    const s = await themedStore();
    const a = primaryOf(s, 'login-ja-1')!; // the theme the night's login complaint joins
    const night = await addDocs(s, [{ id: 'night-login-ja', text: 'ログインできません。パスワードを入れてもエラーになります。' }]);
    s.db.prepare('UPDATE documents SET theme_pending = 1 WHERE first_run_id = ?').run(night);
    const leaving = members(s, a).find((d) => d !== 'login-ja-1')!;
    s.db.prepare('DELETE FROM document_themes WHERE doc_id = ?').run(leaving); // outside the step: its size stays
    const step = updateThemes(s.db, night, CONFIG);
    expect(primaryOf(s, 'night-login-ja')).toBe(a);
    expect(step.reread).toMatchObject({ themes: 1, fromStored: 0 });
    expectFiguresFollowMembers(s.db);
  });

  it('a member analysed again is read again with its theme, though the members are the same', async () => {
    const s = await themedStore();
    const a = largest(s).at(-1); // the smallest: a step that changed most members reads them all in one pass
    const doc = members(s, a!)[0]!;
    const other = s.db.prepare("SELECT CASE sentiment_label WHEN 'negative' THEN 'positive' ELSE 'negative' END FROM analyses WHERE doc_id = ?").pluck().get(doc);
    s.db.prepare('UPDATE analyses SET sentiment_label = ? WHERE doc_id = ?').run(other, doc);
    s.db.prepare('UPDATE documents SET theme_pending = 1 WHERE id = ?').run(doc);
    const step = updateThemes(s.db, null, CONFIG);
    expect(step.reread?.themes).toBe(1);
    expectFiguresFollowMembers(s.db);
  });
});
