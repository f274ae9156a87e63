import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/open-store.js';
import { curateThemes, updateThemes } from '../../src/pipeline/update-themes.js';
import { loadThemeDocs, loadThemeSet } from '../../src/store/theme-repository.js';
import { getVectorizer, summarizeThemes } from '../../src/themes/index.js';
import { SummaryAccumulator } from '../../src/themes/summary-accumulator.js';
import { cloneTheme } from '../../src/themes/theme-set.js';
import { ALL, addDocs } from '../themes/theme-fixture.js';

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

async function store(): Promise<{ store: Store; runId: number }> {
  const s = openStore(':memory:');
  stores.push(s);
  return { store: s, runId: await addDocs(s, ALL) };
}

describe('theme step above clusterSample (streamed in chunks)', () => {
  it('places every document once, and stores sizes, negative shares and kinds that match its members', async () => {
    const { store: s, runId } = await store();
    const summary = updateThemes(s.db, runId, { clusterSample: 16 });
    expect(summary.mode).toBe('rebuild');
    expect(summary.documents).toBe(ALL.length);
    const assigned = s.db.prepare('SELECT count(*) FROM document_themes').pluck().get() as number;
    expect(assigned + summary.unthemed).toBe(ALL.length);
    expect(summary.vectorsComputed).toBe(ALL.length);
    const themes = s.db.prepare(`SELECT id, size, share_negative, kinds FROM themes WHERE status = 'active'`).all() as { id: string; size: number; share_negative: number; kinds: string }[];
    expect(themes.length).toBeGreaterThan(0);
    for (const t of themes) {
      const members = s.db
        .prepare('SELECT a.sentiment_label, a.kind FROM document_themes dt JOIN analyses a ON a.doc_id = dt.doc_id WHERE dt.theme_id = ?')
        .all(t.id) as { sentiment_label: string; kind: string | null }[];
      expect(t.size).toBe(members.length);
      expect(t.share_negative).toBeCloseTo(members.filter((m) => m.sentiment_label === 'negative').length / members.length, 10);
      const kinds: Record<string, number> = {};
      for (const m of members) if (m.kind) kinds[m.kind] = (kinds[m.kind] ?? 0) + 1;
      expect(JSON.parse(t.kinds)).toEqual(kinds);
    }
    // Seeded: the same command gives the same themes.
    const first = s.db.prepare('SELECT doc_id, theme_id, score FROM document_themes ORDER BY doc_id').all();
    updateThemes(s.db, runId, { clusterSample: 16 }, { rebuild: true });
    expect(s.db.prepare('SELECT doc_id, theme_id, score FROM document_themes ORDER BY doc_id').all()).toEqual(first);
  });
});

describe('a rebuild above clusterSample with curation in the log', () => {
  it('keeps a person\'s merge (members stay together under the target) and sizes that match the members', async () => {
    const { store: s, runId } = await store();
    const config = { clusterSample: 16 };
    updateThemes(s.db, runId, config);
    const [target, from] = s.db.prepare("SELECT id FROM themes WHERE status = 'active' ORDER BY size DESC, id LIMIT 2").pluck().all() as string[];
    const members = (id: string): string[] => s.db.prepare('SELECT doc_id FROM document_themes WHERE rank = 0 AND theme_id = ? ORDER BY doc_id').pluck().all(id) as string[];
    const together = [...members(target!), ...members(from!)].sort();
    curateThemes(s.db, { action: 'merge', themeId: target!, from: [from!] }, config);
    expect(members(target!)).toEqual(together);

    updateThemes(s.db, runId, config, { rebuild: true });
    const merged = s.db.prepare('SELECT status, merged_into FROM themes WHERE id = ?').get(from);
    expect(merged).toEqual({ status: 'merged', merged_into: target });
    expect(members(from!)).toEqual([]);
    expect(members(target!).length).toBeGreaterThanOrEqual(together.length * 0.8);
    const sizes = s.db.prepare("SELECT coalesce(sum(size), 0) FROM themes WHERE status IN ('active', 'ignored')").pluck().get();
    expect(sizes).toBe(s.db.prepare('SELECT count(*) FROM document_themes WHERE rank = 0').pluck().get());
    // Secondary themes point at active themes other than the primary.
    expect(
      s.db
        .prepare(
          `SELECT count(*) FROM document_themes s JOIN document_themes p ON p.doc_id = s.doc_id AND p.rank = 0
           JOIN themes t ON t.id = s.theme_id WHERE s.rank > 0 AND (s.theme_id = p.theme_id OR t.status <> 'active')`,
        )
        .pluck()
        .get(),
    ).toBe(0);
  });
});

/** A themed store's documents, themes and vectors in a space fitted on them. */
async function themedDocs() {
  const { store: s, runId } = await store();
  updateThemes(s.db, runId);
  const docs = loadThemeDocs(s.db);
  const vectorizer = getVectorizer('tfidf-lsa').fit(docs, { seed: 42 });
  return { docs, set: loadThemeSet(s.db), vectors: vectorizer.transform(docs), dim: vectorizer.dim };
}

describe('SummaryAccumulator', () => {
  it('gives the summaries summarizeThemes gives when every member fits in its sample, whatever the chunks', async () => {
    const { docs, set, vectors, dim } = await themedDocs();

    const expected = { ...set, themes: set.themes.map(cloneTheme), assignments: new Map(set.assignments) };
    summarizeThemes(expected, { docs, rowOf: new Map(docs.map((d, i) => [d.id, i])), vectors, dim, runId: null });

    const streamed = { ...set, themes: set.themes.map(cloneTheme), assignments: new Map(set.assignments) };
    const accumulator = new SummaryAccumulator(dim, 42, docs.length);
    for (let s0 = 0; s0 < docs.length; s0 += 7) accumulator.add(streamed, docs.slice(s0, s0 + 7), vectors.subarray(s0 * dim, Math.min(docs.length, s0 + 7) * dim));
    accumulator.finish(streamed, null);

    const view = (t: (typeof set.themes)[number]): unknown => ({
      id: t.id, status: t.status, size: t.size, shareNegative: t.shareNegative, kinds: t.kinds, quotes: t.quotes, label: t.label, terms: t.terms,
    });
    expect(streamed.themes.map(view)).toEqual(expected.themes.map(view));
    streamed.themes.forEach((t, i) => {
      const c = expected.themes[i]!.centroid;
      if (c && t.centroid) for (let k = 0; k < dim; k++) expect(t.centroid[k]).toBeCloseTo(c[k]!, 5);
    });
  });
});

describe('SummaryAccumulator, members counted by id', () => {
  it("gives the summaries of members added whole when the changed themes get their figures and the others keep theirs", async () => {
    const { docs, set, vectors, dim } = await themedDocs();
    const members = [...set.assignments.values()].sort((a, b) => (a.docId < b.docId ? -1 : 1));
    const rowOf = new Map(docs.map((d, i) => [d.id, i]));

    // Reference: every member whole, a sample smaller than the themes so that the reservoir draws.
    const whole = { ...set, themes: set.themes.map(cloneTheme) };
    const reference = new SummaryAccumulator(dim, 7, 3);
    for (const a of members) reference.addMember(a.themeId, docs[rowOf.get(a.docId)!]!, vectors, rowOf.get(a.docId)! * dim);
    reference.fillSampledDocs(new Map(docs.map((d) => [d.id, d])));
    reference.finish(whole, null);

    // Counted: the reference's figures stored on every theme, then one theme's figures spoiled and given again.
    const counted = { ...set, themes: whole.themes.map(cloneTheme) };
    const changed = counted.themes.find((t) => t.size > 3)!;
    changed.shareNegative = -1;
    changed.centroid = new Float32Array(dim);
    const accumulator = new SummaryAccumulator(dim, 7, 3);
    for (const a of members) accumulator.countMember(a.themeId, a.docId);
    for (const a of members.filter((m) => m.themeId === changed.id)) accumulator.addFigures(a.themeId, docs[rowOf.get(a.docId)!]!, vectors, rowOf.get(a.docId)! * dim);
    const sampled = accumulator.sampledIds();
    const sampledVectors = new Float32Array(sampled.length * dim);
    sampled.forEach((id, i) => sampledVectors.set(vectors.subarray(rowOf.get(id)! * dim, (rowOf.get(id)! + 1) * dim), i * dim));
    accumulator.fillSampledVectors(sampledVectors);
    accumulator.fillSampledDocs(new Map(docs.map((d) => [d.id, d])));
    accumulator.finish(counted, null);

    const view = (t: (typeof set.themes)[number]): unknown => ({
      id: t.id, size: t.size, shareNegative: t.shareNegative, kinds: t.kinds, quotes: t.quotes, label: t.label, membersHash: t.membersHash,
      centroid: t.centroid ? [...t.centroid] : null,
    });
    expect(counted.themes.map(view)).toEqual(whole.themes.map(view));
    expect(changed.shareNegative).toBeGreaterThanOrEqual(0);
  });
});

describe('SummaryAccumulator samples', () => {
  it("draws each theme's sample from its own members alone: moving a member to another theme leaves a third's", () => {
    const dim = 2;
    const doc = (id: string) => ({ id, text: id, lang: 'en' as const, terms: [], sentiment: null, kind: null });
    const ids = Array.from({ length: 90 }, (_, i) => `d${String(i).padStart(3, '0')}`);
    const sampleOf = (moved: boolean): string[] => {
      const acc = new SummaryAccumulator(dim, 42, 5);
      // d045 leaves a full theme (a draw) for a small one (none): a draw fewer before c's members come.
      ids.forEach((id, i) => acc.countMember(moved && id === 'd045' ? 'd' : ['a', 'b', 'c'][i % 3]!, doc(id).id));
      return acc.sampledIds();
    };
    const inC = (sample: string[]) => sample.filter((id) => ids.indexOf(id) % 3 === 2).sort();
    expect(inC(sampleOf(true))).toEqual(inC(sampleOf(false)));
    expect(inC(sampleOf(false))).toHaveLength(5);
  });
});

describe('SummaryAccumulator samples, bottom-k', () => {
  const ids = Array.from({ length: 300 }, (_, i) => `d${String(i).padStart(3, '0')}`);
  const sampleOf = (members: readonly string[], order: 'forward' | 'backward' = 'forward'): string[] => {
    const acc = new SummaryAccumulator(2, 42, 20);
    for (const id of order === 'forward' ? members : [...members].reverse()) acc.countMember('a', id);
    return acc.sampledIds().sort();
  };

  it('one member more or less changes a sample by at most one member', () => {
    const all = sampleOf(ids);
    expect(all).toHaveLength(20);
    for (const gone of ['d000', 'd150', all[0]!]) {
      const without = sampleOf(ids.filter((id) => id !== gone));
      expect(without.filter((id) => !all.includes(id)).length).toBeLessThanOrEqual(1);
    }
    const added = sampleOf([...ids, 'd999']);
    expect(added.filter((id) => !all.includes(id)).length).toBeLessThanOrEqual(1);
  });

  it('keeps the same sample whatever order the members come in, and spreads it over them', () => {
    expect(sampleOf(ids, 'backward')).toEqual(sampleOf(ids));
    const positions = sampleOf(ids).map((id) => Number(id.slice(1)));
    expect(Math.min(...positions)).toBeLessThan(75);
    expect(Math.max(...positions)).toBeGreaterThan(225);
  });
});
