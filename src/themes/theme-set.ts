// The theme set as the stage sees it, and the summaries derived from its assignments (size, share negative,
// kinds, quotes, centroid, labels, categories).
import { loadCategoryNames, loadConceptDictionary } from './concept-dictionary.js';
import { conceptDisplay, docConceptIds, labelGroups } from './label-themes.js';
import { pickQuotes } from './pick-quotes.js';
import { distinctCategoryLabels } from './category-labels.js';
import { dot, normalizeVector, sumOfRows, vectorNorm } from './vector-math.js';
import { membersHash } from './members-hash.js';
import { sphericalKMeans } from './spherical-kmeans.js';
import { seededRandom } from './seeded-random.js';
import type { Theme, ThemeAssignment, ThemeCategory, ThemeDoc } from './theme-types.js';

export interface ThemeSet {
  themes: Theme[];
  /** Primary theme per document id. */
  assignments: Map<string, ThemeAssignment>;
  categories: ThemeCategory[];
  /** Secondary themes per document id, best first (secondary-themes.ts); absent when not computed. */
  secondary?: Map<string, ThemeAssignment[]>;
}

export const isLive = (t: Theme): boolean => t.status === 'active' || t.status === 'ignored';

export function themeNumber(id: string): number {
  const m = /^t(\d+)$/.exec(id);
  return m ? Number(m[1]) : 0;
}

export function nextThemeId(themes: readonly Theme[]): string {
  return `t${themes.reduce((max, t) => Math.max(max, themeNumber(t.id)), 0) + 1}`;
}

export function newTheme(id: string, runId: number | null): Theme {
  return {
    id,
    label: '',
    labelJa: null,
    labelEn: null,
    terms: [],
    categoryId: null,
    status: 'active',
    mergedInto: null,
    size: 0,
    shareNegative: 0,
    kinds: {},
    quotes: [],
    centroid: null,
    labelPinned: false,
    createdRunId: runId,
    updatedRunId: runId,
  };
}

export function cloneTheme(t: Theme): Theme {
  return { ...t, terms: [...t.terms], kinds: { ...t.kinds }, quotes: [...t.quotes], centroid: t.centroid ? Float32Array.from(t.centroid) : null };
}

/** Follows merges to the theme that now holds a merged theme's documents. */
export function resolveTheme(byId: ReadonlyMap<string, Theme>, id: string): Theme | undefined {
  let t = byId.get(id);
  for (let hops = 0; t && t.status === 'merged' && t.mergedInto && hops < 100; hops++) t = byId.get(t.mergedInto);
  return t;
}

export interface SummaryInput {
  docs: readonly ThemeDoc[];
  /** Row of each document in `vectors`. */
  rowOf: ReadonlyMap<string, number>;
  vectors: Float32Array;
  dim: number;
  runId: number | null;
  quotes?: number;
}

/**
 * Recomputes every live theme's centroid, size, negative share, kinds, quotes and (unless pinned) label from the
 * assignments, and re-scores assignments against the new centres. Themes with no documents left are retired.
 * Returns each live theme's members as rows of `docs` (for categories), as SummaryAccumulator.finish does at size.
 */
export function summarizeThemes(set: ThemeSet, input: SummaryInput): { membersOf: Map<string, number[]> } {
  const { docs, rowOf, vectors, dim } = input;
  const docIndex = new Map(docs.map((d, i) => [d.id, i]));
  const membersOf = new Map<string, string[]>();
  for (const a of [...set.assignments.values()].sort((x, y) => (x.docId < y.docId ? -1 : 1))) {
    const list = membersOf.get(a.themeId) ?? [];
    list.push(a.docId);
    membersOf.set(a.themeId, list);
  }
  const live = set.themes.filter(isLive);
  const groups: number[][] = [];
  const rowsOf = new Map<string, number[]>();
  for (const theme of live) {
    const members = (membersOf.get(theme.id) ?? []).filter((d) => docIndex.has(d));
    const before = theme.size;
    if (members.length === 0) {
      theme.status = 'retired';
      theme.size = 0;
      theme.quotes = [];
      if (before !== 0) theme.updatedRunId = input.runId;
      continue;
    }
    const rows = members.map((d) => rowOf.get(d)).filter((r): r is number => r !== undefined);
    const everyVector = rows.length === members.length;
    if (rows.length > 0) {
      const sum = sumOfRows(vectors, dim, rows);
      theme.centroidNorm = everyVector ? vectorNorm(sum) : null;
      theme.centroid = normalizeVector(sum);
    } else theme.centroidNorm = null;
    const centroid = theme.centroid ?? new Float32Array(dim);
    const scored = members.map((d) => {
      const r = rowOf.get(d);
      const score = r === undefined ? 0 : dot(vectors, r * dim, centroid, 0, dim);
      set.assignments.set(d, { docId: d, themeId: theme.id, score });
      return { d, score };
    });
    let negative = 0;
    const kinds: Theme['kinds'] = {};
    for (const d of members) {
      const doc = docs[docIndex.get(d)!]!;
      if (doc.sentiment === 'negative') negative++;
      if (doc.kind) kinds[doc.kind] = (kinds[doc.kind] ?? 0) + 1;
    }
    theme.size = members.length;
    theme.membersHash = everyVector ? membersHash(members) : null; // figures of every member, or not known
    theme.shareNegative = negative / members.length;
    theme.kinds = kinds;
    theme.quotes = pickQuotes(scored.map(({ d, score }) => ({ doc: docs[docIndex.get(d)!]!, score })), input.quotes ?? 3);
    if (before !== theme.size) theme.updatedRunId = input.runId;
    const memberRows = members.map((d) => docIndex.get(d)!);
    groups.push(memberRows);
    rowsOf.set(theme.id, memberRows);
  }
  relabelThemes(set.themes.filter(isLive), docs, groups);
  return { membersOf: rowsOf };
}

/**
 * Labels and terms of the live themes from their member groups (`groups[i]`: rows of `docs` of `themes[i]`); the
 * previous labels are kept where still accurate, and a pinned label stays.
 */
export function relabelThemes(themes: Theme[], docs: readonly ThemeDoc[], groups: number[][]): void {
  const labels = labelGroups(docs, groups, 2, themes.map((t) => ({ labelJa: t.labelJa, labelEn: t.labelEn })));
  themes.forEach((theme, i) => {
    const l = labels[i]!;
    theme.labelJa = l.labelJa;
    theme.labelEn = l.labelEn;
    theme.terms = l.terms;
    if (!theme.labelPinned) theme.label = l.label;
  });
}

/** A concept belongs to a theme when at least this share of the theme's documents mention it. */
export const CATEGORY_CONCEPT_SHARE = 0.3;
export const MIXED_CATEGORY_LABEL = 'その他 / mixed';

/** What a theme's members say in the concept dictionary's terms: how many mention each concept, and its main area. */
export interface ThemeConceptProfile {
  members: number;
  /** Concept id → members that mention it. */
  conceptDf: Map<string, number>;
  /**
   * The area (a category of categories.tsv) most of its members mention, when at least CATEGORY_CONCEPT_SHARE of
   * them do; areas with no name there (general, sentiment, request) are never a theme's area.
   */
  area: string | null;
}

/** Each theme's concept profile over its members (`membersOf`: rows of `docs`, a sample at size). */
export function themeConceptProfiles(
  themes: readonly Theme[],
  docs: readonly ThemeDoc[],
  membersOf: ReadonlyMap<string, readonly number[]>,
): Map<string, ThemeConceptProfile> {
  const dictionary = loadConceptDictionary();
  const categoryNames = loadCategoryNames();
  const out = new Map<string, ThemeConceptProfile>();
  for (const t of themes) {
    const members = membersOf.get(t.id) ?? [];
    const conceptDf = new Map<string, number>();
    const areaDf = new Map<string, number>();
    for (const i of members) {
      const d = docs[i]!;
      const areas = new Set<string>();
      for (const id of docConceptIds(d)) {
        conceptDf.set(id, (conceptDf.get(id) ?? 0) + 1);
        areas.add(dictionary.byId.get(id)!.category);
      }
      for (const a of areas) areaDf.set(a, (areaDf.get(a) ?? 0) + 1);
    }
    // A theme speaks for its main area only (an area joins many concepts, so a side mention reaches the share easily).
    const main = [...areaDf.entries()].filter(([a]) => categoryNames.has(a)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    const area = main && main[1] >= CATEGORY_CONCEPT_SHARE * members.length ? main[0] : null;
    out.set(t.id, { members: members.length, conceptDf, area });
  }
  return out;
}

/**
 * Categories over themes, as a support lead groups them: by the area each theme is mainly about (categories.tsv:
 * late delivery, delivery slots, courier praise → 配送 / delivery; billing, price, wallets → 請求・支払い), so a
 * category is one part of the business whatever the stance or language of its themes. An area with more themes than
 * a category should hold (twice √themes, at least 6) is cut by seeded spherical k-means of their centres; themes of
 * no area are grouped the same way, into about √ of them (cheap at a thousand themes, unlike pairwise linkage).
 * Category ids follow the previous categories by shared themes. `membersOf` gives each theme's members among `docs`,
 * as the summary returns them (summarizeThemes in memory; at size, SummaryAccumulator.finish's sample).
 */
export function categorizeThemes(
  set: ThemeSet,
  docs: readonly ThemeDoc[],
  previous: ReadonlyMap<string, string | null>,
  membersOf: ReadonlyMap<string, readonly number[]>,
  seed = 42,
): void {
  const live = set.themes.filter((t) => t.status === 'active' && t.centroid && t.centroid.length > 0);
  const profiles = themeConceptProfiles(live, docs, membersOf);
  const random = seededRandom(seed);
  const byCentre = (themes: Theme[], k: number): Theme[][] => {
    if (k <= 1 || themes.length <= 1) return [themes];
    const dim = themes[0]!.centroid!.length;
    const m = new Float32Array(themes.length * dim);
    themes.forEach((t, i) => m.set(t.centroid!.subarray(0, dim), i * dim));
    const result = sphericalKMeans(m, dim, themes.map((_, i) => i), Math.min(k, themes.length), random, 20);
    const byCluster = new Map<number, Theme[]>();
    themes.forEach((t, i) => byCluster.set(result.assignment[i]!, [...(byCluster.get(result.assignment[i]!) ?? []), t]));
    return [...byCluster.values()];
  };
  const maxPerCategory = Math.max(6, 2 * Math.ceil(Math.sqrt(live.length)));
  const byArea = new Map<string, Theme[]>();
  const noArea: Theme[] = [];
  for (const t of live) {
    const area = profiles.get(t.id)!.area;
    if (area === null) noArea.push(t);
    else byArea.set(area, [...(byArea.get(area) ?? []), t]);
  }
  const groups: { themes: Theme[]; weight: number }[] = [];
  const add = (themes: Theme[]): void => void groups.push({ themes, weight: themes.reduce((s, t) => s + t.size, 0) });
  for (const area of [...byArea.keys()].sort()) {
    const themes = byArea.get(area)!;
    for (const part of byCentre(themes, Math.ceil(themes.length / maxPerCategory))) add(part);
  }
  if (noArea.length > 0) for (const part of byCentre(noArea, Math.ceil(Math.sqrt(noArea.length)))) add(part);
  groups.sort((a, b) => b.weight - a.weight || (a.themes[0]!.id < b.themes[0]!.id ? -1 : 1));
  // Keep a previous category id when most of its themes are still together.
  const used = new Set<string>();
  let next = set.categories.reduce((max, c) => Math.max(max, Number(c.id.slice(1)) || 0), 0) + 1;
  const categories: ThemeCategory[] = [];
  // Parts cut from one area would all be named after it: each gets what sets it apart, and no two labels are alike.
  const labels = distinctCategoryLabels(
    groups.map((g) => g.themes),
    groups.map((g) => labelFromProfiles(g.themes, profiles)),
    profiles,
    CATEGORY_CONCEPT_SHARE,
  );
  for (const [gi, g] of groups.entries()) {
    const votes = new Map<string, number>();
    for (const t of g.themes) {
      const c = previous.get(t.id);
      if (c) votes.set(c, (votes.get(c) ?? 0) + t.size);
    }
    const candidate = [...votes.entries()].filter(([c]) => !used.has(c)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    const id = candidate ? candidate[0] : `c${next++}`;
    used.add(id);
    categories.push({ id, label: labels[gi]! });
    for (const t of g.themes) t.categoryId = id;
  }
  for (const t of set.themes) if (t.status !== 'active') t.categoryId = t.status === 'ignored' ? t.categoryId : null;
  const known = new Map(set.categories.map((c) => [c.id, c]));
  for (const c of categories) known.set(c.id, c);
  set.categories = [...known.values()];
}

/**
 * A category is named after the concept its themes share (concept dictionary): the concept that belongs to the
 * most of its themes, weighted by size, when it belongs to at least half of that weight and to two themes or more
 * ("配送 / delivery"; one large theme's concept is not the category's: 価格 over price, receipts and dark mode). Else
 * after the area most of them are mainly about, by the same rule (each theme's most mentioned area among the
 * concepts' category column, named in categories.tsv: 配送遅延 and 配達日 are both delivery). Otherwise nothing names
 * them all, and the category says so (MIXED_CATEGORY_LABEL). A category of one theme has that theme's label.
 */
export function categoryLabel(themes: readonly Theme[], docs: readonly ThemeDoc[], membersOf: ReadonlyMap<string, readonly number[]>): string {
  return labelFromProfiles(themes, themeConceptProfiles(themes, docs, membersOf));
}

function labelFromProfiles(themes: readonly Theme[], profiles: ReadonlyMap<string, ThemeConceptProfile>): string {
  // One theme alone is its own category, under its own label (its best terms; a concept a third of it mentions may
  // be a side word: 部屋 / room over a theme of job changes).
  if (themes.length === 1) return themes[0]!.label;
  const dictionary = loadConceptDictionary();
  const categoryNames = loadCategoryNames();
  const conceptWeight = new Map<string, number>();
  const areaWeight = new Map<string, number>();
  // Documents that mention a concept (ties between concepts of the same themes: the more said wins) and the themes
  // it belongs to (a concept of one theme among several is that theme's, not the category's).
  const conceptMentions = new Map<string, number>();
  const conceptThemes = new Map<string, number>();
  let total = 0;
  for (const t of themes) {
    const { members, conceptDf, area } = profiles.get(t.id)!;
    total += members;
    for (const [id, n] of conceptDf) {
      if (n < CATEGORY_CONCEPT_SHARE * members) continue;
      conceptWeight.set(id, (conceptWeight.get(id) ?? 0) + members);
      conceptMentions.set(id, (conceptMentions.get(id) ?? 0) + n);
      conceptThemes.set(id, (conceptThemes.get(id) ?? 0) + 1);
    }
    if (area !== null) areaWeight.set(area, (areaWeight.get(area) ?? 0) + members);
  }
  const best = [...conceptWeight.entries()]
    .filter(([id]) => conceptThemes.get(id)! >= 2)
    .sort((a, b) => b[1] - a[1] || conceptMentions.get(b[0])! - conceptMentions.get(a[0])! || (a[0] < b[0] ? -1 : 1))[0];
  if (best && best[1] * 2 >= total) {
    const c = dictionary.byId.get(best[0])!;
    return [conceptDisplay(c, 'ja'), conceptDisplay(c, 'en')].filter((x): x is string => x !== undefined).join(' / ');
  }
  // No one concept, but one area of them (delay, slots and couriers are all delivery): the area's name.
  const area = [...areaWeight.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  if (area && area[1] * 2 >= total) {
    const name = categoryNames.get(area[0])!;
    return `${name.ja} / ${name.en}`;
  }
  // Several themes with nothing shared are said to be mixed rather than named after one of them (a "サポート /
  // payment" category over unrelated themes).
  return MIXED_CATEGORY_LABEL;
}
