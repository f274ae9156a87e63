// Curation by people, replayed in order after every run and rebuild. Actions name theme ids, and ids survive
// runs (kept) and rebuilds (mapped by overlap), so a rename or merge keeps meaning what the person meant.
import { isLive, resolveTheme, type ThemeSet } from './theme-set.js';
import type { CurationAction } from './theme-types.js';

/** Applies the actions to the set in place; actions naming unknown themes are skipped (reported back). */
export function applyCuration(set: ThemeSet, actions: readonly CurationAction[]): { skipped: CurationAction[] } {
  const byId = new Map(set.themes.map((t) => [t.id, t]));
  const skipped: CurationAction[] = [];
  for (const action of actions) {
    const theme = byId.get(action.themeId);
    if (!theme) {
      skipped.push(action);
      continue;
    }
    switch (action.action) {
      case 'rename':
        theme.label = action.label;
        theme.labelPinned = true;
        break;
      case 'pin':
        if (action.label !== undefined) theme.label = action.label;
        theme.labelPinned = true;
        break;
      case 'unpin':
        theme.labelPinned = false;
        break;
      case 'ignore':
        if (theme.status === 'active') theme.status = 'ignored';
        break;
      case 'unignore':
        if (theme.status === 'ignored') theme.status = 'active';
        break;
      case 'merge': {
        const target = resolveTheme(byId, theme.id);
        if (!target || !isLive(target)) {
          skipped.push(action);
          break;
        }
        for (const fromId of action.from) {
          const from = resolveTheme(byId, fromId);
          if (!from || from.id === target.id) continue;
          for (const a of set.assignments.values()) if (a.themeId === from.id) a.themeId = target.id;
          target.size += from.size;
          from.status = 'merged';
          from.mergedInto = target.id;
          from.size = 0;
        }
        break;
      }
      case 'split':
        // A split took effect when it was made (children are ordinary themes); rebuilds keep it by overlap.
        break;
    }
  }
  return { skipped };
}
