// The incremental theme step at size (incremental-themes.ts) sets an emerging part of a theme apart as the in-memory
// step does (themes/emerging-split.ts). Each theme's documents in the window and the baseline are counted in the
// store by the date index (as koe emerging counts them); only the themes that emerge are read — their members'
// dates and cached vectors, one theme at a time — and cut in two.
import type { Db } from '../store/open-store.js';
import { saveThemeRows } from '../store/theme-repository.js';
import { countDocumentsDated, datedThemeMembers, latestDocumentTime, themePeriodCounts } from '../store/theme-step-repository.js';
import { dayNumber, dayText, documentDays, emergingGroups, narrowestEmergingPart, nearDuplicateParts, periodBounds, periodsFromCounts, UNKNOWN_STANCE, type EmergingSplitOptions } from '../themes/emerging-split.js';
import { newTheme, nextThemeId } from '../themes/theme-set.js';
import type { CurationAction } from '../themes/theme-types.js';
import type { ThemeSet } from '../themes/theme-set.js';
import { mergedThemeIds, stancesOfThemeSummaries } from '../themes/update-theme-set.js';

/**
 * Sets each emerging part apart as a new theme of `set` (rows saved, members given it as primary theme with score 0),
 * parts about one thing as one theme (nearDuplicateParts); returns the documents it moved. A theme a person merged
 * into or from is left whole.
 */
export function splitEmergingStored(
  db: Db,
  input: {
    set: ThemeSet;
    modelId: string;
    dim: number;
    options: EmergingSplitOptions | null;
    /** Discovery's near-duplicate centre cosine: emerging parts this close become one theme. */
    mergeSimilarity: number;
    curation: readonly CurationAction[];
    runId: number | null;
    give: (docId: string, themeId: string, score: number) => void;
  },
): string[] {
  const { set, options, dim } = input;
  if (!options) return [];
  const lastDay = dayNumber(latestDocumentTime(db));
  if (Number.isNaN(lastDay)) return [];
  const { windowFrom, baselineFrom } = periodBounds(lastDay, options);
  const [from, mid, end] = [dayText(baselineFrom), dayText(windowFrom), dayText(lastDay + 1)];
  const periods = periodsFromCounts(lastDay, countDocumentsDated(db, mid, end), countDocumentsDated(db, from, mid), options);
  if (!periods) return [];
  const counts = themePeriodCounts(db, from, mid, end);
  const candidates = set.themes.filter((t) => t.status === 'active');
  const emerging = emergingGroups(candidates.map((t) => counts.get(t.id) ?? { window: 0, baseline: 0 }), periods, options);
  const merged = mergedThemeIds(input.curation);
  const stances = stancesOfThemeSummaries(candidates);
  // Each emerging theme's part, then the parts about one thing joined (nearDuplicateParts): their rows in one matrix.
  const parts: { docIds: string[]; vectors: Float32Array; stance: number }[] = [];
  candidates.forEach((theme, g) => {
    if (!emerging[g] || merged.has(theme.id)) return;
    const members = datedThemeMembers(db, input.modelId, theme.id);
    const m = new Float32Array(members.length * dim);
    members.forEach((x, r) => {
      if (x.vector && x.vector.length === dim) m.set(x.vector, r * dim);
    });
    const part = narrowestEmergingPart(members.map((_, r) => r), m, dim, documentDays(members), periods, options);
    if (!part) return;
    const vectors = new Float32Array(part.rows.length * dim);
    part.rows.forEach((r, k) => vectors.set(m.subarray(r * dim, (r + 1) * dim), k * dim));
    parts.push({ docIds: part.rows.map((r) => members[r]!.docId), vectors, stance: stances.get(theme.id) ?? UNKNOWN_STANCE });
  });
  const all = new Float32Array(parts.reduce((n, p) => n + p.vectors.length, 0));
  const rowsOfPart: number[][] = [];
  let offset = 0;
  for (const p of parts) {
    all.set(p.vectors, offset * dim);
    rowsOfPart.push(p.docIds.map((_, k) => offset + k));
    offset += p.docIds.length;
  }
  const moved: string[] = [];
  for (const group of nearDuplicateParts(rowsOfPart, all, dim, parts.map((p) => p.stance), input.mergeSimilarity)) {
    const split = newTheme(nextThemeId(set.themes), input.runId);
    set.themes.push(split);
    saveThemeRows(db, set); // the row first: assignments reference it (its summary comes with the step's)
    for (const docId of group.flatMap((i) => parts[i]!.docIds)) {
      input.give(docId, split.id, 0);
      moved.push(docId);
    }
  }
  return moved;
}
