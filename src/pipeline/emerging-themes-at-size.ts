// The incremental theme step at size (incremental-themes.ts) sets an emerging part of a theme apart as the in-memory
// step does (themes/emerging-split.ts). Each theme's documents in the window and the baseline are counted in the
// store by the date index (as koe emerging counts them); only the themes that emerge are read — their members'
// dates and cached vectors, one theme at a time — and cut in two.
import type { Db } from '../store/open-store.js';
import { saveThemeRows } from '../store/theme-repository.js';
import { countDocumentsDated, datedThemeMembers, latestDocumentTime, themePeriodCounts } from '../store/theme-step-repository.js';
import { dayNumber, dayText, documentDays, emergingGroups, narrowestEmergingPart, periodBounds, periodsFromCounts, type EmergingSplitOptions } from '../themes/emerging-split.js';
import { newTheme, nextThemeId } from '../themes/theme-set.js';
import type { CurationAction } from '../themes/theme-types.js';
import type { ThemeSet } from '../themes/theme-set.js';
import { mergedThemeIds } from '../themes/update-theme-set.js';

/**
 * Sets each emerging part apart as a new theme of `set` (rows saved, members given it as primary theme with score 0);
 * returns the documents it moved. A theme a person merged into or from is left whole.
 */
export function splitEmergingStored(
  db: Db,
  input: {
    set: ThemeSet;
    modelId: string;
    dim: number;
    options: EmergingSplitOptions | null;
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
  const moved: string[] = [];
  candidates.forEach((theme, g) => {
    if (!emerging[g] || merged.has(theme.id)) return;
    const members = datedThemeMembers(db, input.modelId, theme.id);
    const m = new Float32Array(members.length * dim);
    members.forEach((x, r) => {
      if (x.vector && x.vector.length === dim) m.set(x.vector, r * dim);
    });
    const part = narrowestEmergingPart(members.map((_, r) => r), m, dim, documentDays(members), periods, options);
    if (!part) return;
    const split = newTheme(nextThemeId(set.themes), input.runId);
    set.themes.push(split);
    saveThemeRows(db, set); // the row first: assignments reference it (its summary comes with the step's)
    for (const r of part.rows) {
      input.give(members[r]!.docId, split.id, 0);
      moved.push(members[r]!.docId);
    }
  });
  return moved;
}
