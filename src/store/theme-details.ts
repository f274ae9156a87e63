// One theme as the workspace shows it: what it is, where it came from (splits, merges), its neighbours.
import type { Db } from './open-store.js';
import { relatedThemes } from '../themes/related-themes.js';
import type { CurationAction, Theme } from '../themes/theme-types.js';

export interface ThemeSummary {
  id: string;
  label: string;
  status: Theme['status'];
  size: number;
  shareNegative: number;
}

export interface ThemeDetail extends ThemeSummary {
  labelJa: string | null;
  labelEn: string | null;
  labelPinned: boolean;
  mergedInto: string | null;
  terms: string[];
  kinds: Theme['kinds'];
  category: { id: string; label: string } | null;
  /** Themes this one was split into (when it was split) or its siblings' parent (when it came from a split). */
  splitInto: ThemeSummary[];
  splitFrom: ThemeSummary | null;
  /** Themes merged into this one. */
  mergedFrom: ThemeSummary[];
  /** Live themes with the closest centre, most similar first. */
  related: (ThemeSummary & { similarity: number })[];
  /** Other live themes of the same category. */
  sameCategory: ThemeSummary[];
}

interface Row {
  id: string;
  label: string;
  label_ja: string | null;
  label_en: string | null;
  status: Theme['status'];
  merged_into: string | null;
  size: number;
  share_negative: number;
  terms: string;
  kinds: string;
  category_id: string | null;
  category_label: string | null;
  label_pinned: number;
  centroid: Buffer | null;
}

const summary = (r: Row): ThemeSummary => ({ id: r.id, label: r.label, status: r.status, size: r.size, shareNegative: r.share_negative });

function centroidOf(b: Buffer | null): Float32Array | null {
  if (!b) return null;
  const copy = new Uint8Array(b.byteLength);
  copy.set(b);
  return new Float32Array(copy.buffer);
}

/** Every theme in id order (any status), without centres: for pickers and labels. */
export function listThemeSummaries(db: Db, options: { live?: boolean } = {}): ThemeSummary[] {
  const rows = db
    .prepare(`SELECT id, label, status, size, share_negative FROM themes ${options.live ? "WHERE status IN ('active', 'ignored')" : ''}`)
    .all() as Row[];
  return rows.map(summary).sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
}

/** The theme, or null when there is no such id. */
export function getThemeDetail(db: Db, id: string, options: { related?: number } = {}): ThemeDetail | null {
  const rows = db
    .prepare('SELECT t.*, c.label AS category_label FROM themes t LEFT JOIN theme_categories c ON c.id = t.category_id')
    .all() as Row[];
  const self = rows.find((r) => r.id === id);
  if (!self) return null;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const live = rows.filter((r) => r.status === 'active' || r.status === 'ignored');
  const log = (db.prepare('SELECT action, theme_id, args FROM theme_curation WHERE undone_at IS NULL ORDER BY id').all() as {
    action: CurationAction['action'];
    theme_id: string;
    args: string;
  }[]).map((r) => ({ action: r.action, themeId: r.theme_id, ...(JSON.parse(r.args) as object) }) as CurationAction);
  let splitInto: string[] = [];
  let splitFrom: string | null = null;
  for (const a of log) {
    if (a.action !== 'split') continue;
    const children = a.into ?? Object.keys(a.parts ?? {});
    if (a.themeId === id) splitInto = children;
    if (children.includes(id)) splitFrom = a.themeId;
  }
  const related = relatedThemes(
    id,
    live.map((r) => ({ id: r.id, centroid: centroidOf(r.centroid) })).concat(live.some((r) => r.id === id) ? [] : [{ id, centroid: centroidOf(self.centroid) }]),
    options.related ?? 5,
  );
  return {
    ...summary(self),
    labelJa: self.label_ja,
    labelEn: self.label_en,
    labelPinned: self.label_pinned === 1,
    mergedInto: self.merged_into,
    terms: JSON.parse(self.terms) as string[],
    kinds: JSON.parse(self.kinds) as Theme['kinds'],
    category: self.category_id ? { id: self.category_id, label: self.category_label ?? self.category_id } : null,
    splitInto: splitInto.map((c) => byId.get(c)).filter((r): r is Row => r !== undefined).map(summary),
    splitFrom: splitFrom && byId.has(splitFrom) ? summary(byId.get(splitFrom)!) : null,
    mergedFrom: rows.filter((r) => r.status === 'merged' && r.merged_into === id).map(summary),
    related: related.map((x) => ({ ...summary(byId.get(x.id)!), similarity: x.similarity })),
    sameCategory: self.category_id ? live.filter((r) => r.category_id === self.category_id && r.id !== id && r.status === 'active').map(summary) : [],
  };
}

/** Documents of a theme per local day (primary theme): the theme page's trend, read through the theme's index. */
export function themeDailyCounts(db: Db, themeId: string, daySql: string): { day: string; n: number }[] {
  return db
    .prepare(
      `SELECT ${daySql} AS day, count(*) AS n FROM document_themes dt JOIN documents d ON d.id = dt.doc_id
       WHERE dt.theme_id = ? AND dt.rank = 0 AND d.created_at IS NOT NULL GROUP BY day ORDER BY day`,
    )
    .all(themeId) as { day: string; n: number }[];
}
