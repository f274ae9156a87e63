// Categories over themes (theme-set.ts categorizeThemes): grouped by the area each theme is mainly about, as a support
// lead groups them, and named after it — in memory and in the theme step at size, which knows only a sample of
// each theme's members.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { updateThemes } from '../../src/pipeline/update-themes.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { categorizeThemes, MIXED_CATEGORY_LABEL, newTheme, summarizeThemes, type ThemeSet } from '../../src/themes/theme-set.js';
import type { Theme, ThemeDoc } from '../../src/themes/theme-types.js';
import { createTokenizer, type DocTokenizer } from '../../src/tokenize/index.js';
import { ALL, addDocs, themeDocsWith } from './theme-fixture.js';

let tokenizer: DocTokenizer;
beforeAll(async () => {
  tokenizer = await createTokenizer();
});

const TOPICS: Record<string, string[]> = {
  late: ['荷物がまだ届かない。', '配達が遅れています。', 'My delivery is late again.', 'The parcel has not arrived.'],
  slots: ['配達時間を夜に指定したい。', '配達の時間帯を選べるようにして。', 'Let me choose a delivery time slot.', 'Evening delivery slots please.'],
  refund: ['返金がまだありません。', '返金してください。', 'Still waiting for my refund.', 'Please refund my order.'],
  price: ['価格が高すぎる。', '値段が上がった。', 'The price is too high.', 'Prices went up again.'],
  darkMode: ['ダークモードがほしい。', 'ダークモードに対応してほしい。', 'Dark mode please.', 'Please add a dark mode.'],
};

const LABELS: Record<string, string> = { late: '遅延 / delay', slots: '配達時間 / time slot', refund: '返金 / refund', price: '価格 / price', darkMode: 'ダークモード / dark mode' };

/** A theme per topic with its members' rows, and centres that place unrelated themes side by side (so the areas decide). */
function themeSetOf(topics: readonly string[]): { set: ThemeSet; docs: ThemeDoc[]; membersOf: Map<string, number[]> } {
  const docs: ThemeDoc[] = [];
  const membersOf = new Map<string, number[]>();
  const themes: Theme[] = topics.map((topic, i) => {
    const id = `t${i + 1}`;
    const rows = themeDocsWith(tokenizer, TOPICS[topic]!, topic);
    membersOf.set(id, rows.map((_, k) => docs.length + k));
    docs.push(...rows);
    // Every centre the same: k-means alone could not tell these themes apart.
    return { ...newTheme(id, null), label: LABELS[topic]!, size: rows.length, centroid: Float32Array.from([1, 0, 0]) };
  });
  return { set: { themes, assignments: new Map(), categories: [] }, docs, membersOf };
}

const categoryOf = (set: ThemeSet, themeId: string): string => set.themes.find((t) => t.id === themeId)!.categoryId!;
const labelOf = (set: ThemeSet, categoryId: string): string => set.categories.find((c) => c.id === categoryId)!.label;

describe('categorizeThemes', () => {
  it('groups themes by the area they are about, whatever their centres, and names each group after it', () => {
    const { set, docs, membersOf } = themeSetOf(['late', 'refund', 'slots', 'price', 'darkMode']);
    categorizeThemes(set, docs, new Map(), membersOf);
    const [late, refund, slots, price, darkMode] = ['t1', 't2', 't3', 't4', 't5'].map((id) => categoryOf(set, id));
    expect(slots).toBe(late);
    expect(price).toBe(refund);
    expect(new Set([late, refund, darkMode]).size).toBe(3);
    expect(labelOf(set, late!)).toMatch(/delivery/);
    expect(labelOf(set, refund!)).toBe('請求・支払い / billing and payment');
    // a category of one theme goes by the theme's label
    expect(labelOf(set, darkMode!)).toBe('ダークモード / dark mode');
    expect(set.categories.map((c) => c.label)).not.toContain(MIXED_CATEGORY_LABEL);
  });

  it('keeps a previous category id for the themes that are still together', () => {
    const { set, docs, membersOf } = themeSetOf(['late', 'refund', 'slots']);
    categorizeThemes(set, docs, new Map([['t1', 'c7'], ['t3', 'c7'], ['t2', 'c2']]), membersOf);
    expect(categoryOf(set, 't1')).toBe('c7');
    expect(categoryOf(set, 't3')).toBe('c7');
    expect(categoryOf(set, 't2')).toBe('c2');
  });

  it('cuts an area of more themes than a category should hold by their centres', () => {
    const { set, docs, membersOf } = themeSetOf(['late', 'slots', 'late', 'slots', 'late', 'slots', 'late']);
    // four themes on one side, three on the other: seven delivery themes are more than six
    set.themes.forEach((t, i) => (t.centroid = Float32Array.from(i < 4 ? [1, 0.1 * i, 0] : [0, 1, 0.1 * i])));
    categorizeThemes(set, docs, new Map(), membersOf);
    const ids = set.themes.map((t) => t.categoryId);
    expect(new Set(ids.slice(0, 4)).size).toBe(1);
    expect(new Set(ids.slice(4)).size).toBe(1);
    expect(ids[0]).not.toBe(ids[4]);
  });

  it('takes the members summarizeThemes grouped (the in-memory theme step)', () => {
    const { set, docs, membersOf } = themeSetOf(['late', 'slots', 'refund']);
    for (const [themeId, rows] of membersOf) for (const r of rows) set.assignments.set(docs[r]!.id, { docId: docs[r]!.id, themeId, score: 1 });
    const vectors = new Float32Array(docs.length * 3).map((_, i) => (i % 3 === 0 ? 1 : 0));
    const summary = summarizeThemes(set, { docs, rowOf: new Map(docs.map((d, i) => [d.id, i])), vectors, dim: 3, runId: null });
    categorizeThemes(set, docs, new Map(), summary.membersOf);
    expect(categoryOf(set, 't1')).toBe(categoryOf(set, 't2'));
    expect(labelOf(set, categoryOf(set, 't1'))).toMatch(/delivery/);
  });
});

describe('categories of a theme step at size (more documents than clusterSample)', () => {
  const stores: Store[] = [];
  afterEach(() => {
    for (const s of stores.splice(0)) s.close();
  });

  it('are named from the summary\'s sample of each theme, not "mixed" for want of members', async () => {
    const store = openStore(':memory:');
    stores.push(store);
    const runId = await addDocs(store, ALL);
    const summary = updateThemes(store.db, runId, { clusterSample: 16 });
    expect(summary.mode).toBe('rebuild');
    const rows = store.db
      .prepare(`SELECT t.id, c.label FROM themes t JOIN theme_categories c ON c.id = t.category_id WHERE t.status = 'active'`)
      .all() as { id: string; label: string }[];
    expect(rows.length).toBeGreaterThan(1);
    // login, late delivery, refunds and search requests: each theme's category is named after what it is about
    for (const r of rows) expect(r.label, r.id).not.toBe(MIXED_CATEGORY_LABEL);
  });
});
