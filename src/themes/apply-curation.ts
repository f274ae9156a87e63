// Curation by people, replayed in order after every run and rebuild. Actions name theme ids, and ids survive
// runs (kept) and rebuilds (mapped by overlap), so a rename or merge keeps meaning what the person meant.
import { isLive, resolveTheme, type ThemeSet } from './theme-set.js';
import type { CurationAction, Theme } from './theme-types.js';

/**
 * A split made by a person survives re-clustering: a rebuild finds the parent's documents together again and
 * gives the cluster one child's id (the others retire). Each child takes back the documents it was given, as long
 * as they still sit in the parent or a sibling (a later move or merge by a person is replayed after and wins).
 * Old log entries without `parts` cannot be restored and are left as the rebuild found them.
 */
function replaySplit(set: ThemeSet, byId: Map<string, Theme>, action: Extract<CurationAction, { action: 'split' }>): void {
  if (!action.parts) return;
  const family = new Set([action.themeId, ...Object.keys(action.parts)]);
  const parent = byId.get(action.themeId);
  for (const [childId, docIds] of Object.entries(action.parts)) {
    const child = byId.get(childId);
    if (!child || child.status === 'merged') continue;
    let taken = 0;
    for (const docId of docIds) {
      const current = set.assignments.get(docId);
      if (current && !family.has(current.themeId)) continue;
      set.assignments.set(docId, { docId, themeId: childId, score: current?.score ?? 0 });
      taken++;
    }
    if (taken > 0 && child.status === 'retired') {
      child.status = 'active';
      child.mergedInto = null;
    }
  }
  // The parent holds nothing of its own any more: summarizeThemes retires it when it is empty.
  if (parent && parent.status === 'active' && ![...set.assignments.values()].some((a) => a.themeId === parent.id)) parent.status = 'retired';
}

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
        replaySplit(set, byId, action);
        break;
      case 'move': {
        const target = resolveTheme(byId, theme.id);
        if (!target || !isLive(target)) {
          skipped.push(action);
          break;
        }
        const current = set.assignments.get(action.docId);
        set.assignments.set(action.docId, { docId: action.docId, themeId: target.id, score: current?.score ?? 0 });
        break;
      }
    }
  }
  return { skipped };
}
