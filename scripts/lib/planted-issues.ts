// Do the sample's planted issues each land in one koe theme? Reads the planted theme of every record from the
// sample generator (scripts/build-sample.ts, the same records as data/) and compares it with koe's primary themes.
//
// A planted issue is "in one theme" when
//   - one koe theme holds at least ONE_THEME_SHARE of its records,
//   - that theme is about it (it is the largest planted issue inside that theme), and
//   - no other koe theme holds SPLIT_SHARE or more of its records (a split, as "late delivery across t2, t19, t25").
// `noise` (thanks, ok, test messages) and `questions` (three unrelated questions) are not issues and are left out.
import { generateSample } from '../build-sample.js';

export const ONE_THEME_SHARE = 0.6;
export const SPLIT_SHARE = 0.1;
const NOT_ISSUES = new Set(['noise', 'questions']);

export interface PlantedIssueResult {
  planted: string;
  records: number;
  /** koe themes holding this issue's records, largest first ('unthemed' for none). */
  spread: { themeId: string; count: number }[];
  inOneTheme: boolean;
  reason: string;
}

/** The planted theme of each sample record, by source id (rev-00001, tkt-00001, nps-00001). */
export function plantedThemes(): Map<string, string> {
  return new Map(generateSample().map((r) => [r.id, r.theme]));
}

/** `primary`: koe's primary theme per source id (documents without a theme are absent). */
export function plantedIssueSpread(planted: ReadonlyMap<string, string>, primary: ReadonlyMap<string, string>): PlantedIssueResult[] {
  const byPlanted = new Map<string, Map<string, number>>();
  const byTheme = new Map<string, Map<string, number>>();
  for (const [sourceId, p] of planted) {
    const t = primary.get(sourceId) ?? 'unthemed';
    const a = byPlanted.get(p) ?? new Map<string, number>();
    a.set(t, (a.get(t) ?? 0) + 1);
    byPlanted.set(p, a);
    const b = byTheme.get(t) ?? new Map<string, number>();
    b.set(p, (b.get(p) ?? 0) + 1);
    byTheme.set(t, b);
  }
  const largest = (m: Map<string, number>): [string, number][] => [...m.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  const out: PlantedIssueResult[] = [];
  for (const [p, themes] of [...byPlanted.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (NOT_ISSUES.has(p)) continue;
    const records = [...themes.values()].reduce((s, n) => s + n, 0);
    const spread = largest(themes).map(([themeId, count]) => ({ themeId, count }));
    const themed = spread.filter((s) => s.themeId !== 'unthemed');
    const top = themed[0];
    let reason = '';
    if (!top || top.count < ONE_THEME_SHARE * records) reason = `largest theme holds ${top ? Math.round((100 * top.count) / records) : 0}%`;
    else if (largest(byTheme.get(top.themeId)!)[0]![0] !== p) reason = `${top.themeId} is mostly ${largest(byTheme.get(top.themeId)!)[0]![0]}`;
    else {
      const second = themed[1];
      if (second && second.count >= SPLIT_SHARE * records) reason = `split: ${second.themeId} holds ${Math.round((100 * second.count) / records)}%`;
    }
    out.push({ planted: p, records, spread, inOneTheme: reason === '', reason });
  }
  return out;
}

/** The second theme some records mention in passing (README: about 6 %), by source id. */
export function plantedAsides(): Map<string, string> {
  return new Map(generateSample().filter((r) => r.aside !== null).map((r) => [r.id, r.aside!]));
}

export interface SecondaryAgreement {
  /** Documents with at least one secondary theme. */
  withSecondary: number;
  /** Secondary memberships whose theme is mostly the record's planted aside. */
  correct: number;
  secondaries: number;
  /** Records with a planted aside that got a secondary theme mostly about it. */
  asidesFound: number;
  asides: number;
}

/**
 * Secondary themes against the planted asides: a secondary theme is right when the planted theme most of its
 * primary documents have is the record's aside.
 */
export function secondaryAgreement(
  planted: ReadonlyMap<string, string>,
  asides: ReadonlyMap<string, string>,
  primary: ReadonlyMap<string, string>,
  secondary: ReadonlyMap<string, readonly string[]>,
): SecondaryAgreement {
  const counts = new Map<string, Map<string, number>>();
  for (const [id, t] of primary) {
    const p = planted.get(id);
    if (!p) continue;
    const m = counts.get(t) ?? new Map<string, number>();
    m.set(p, (m.get(p) ?? 0) + 1);
    counts.set(t, m);
  }
  const majority = new Map([...counts.entries()].map(([t, m]) => [t, [...m.entries()].sort((a, b) => b[1] - a[1])[0]![0]]));
  let correct = 0;
  let secondaries = 0;
  let asidesFound = 0;
  for (const [id, themes] of secondary) {
    secondaries += themes.length;
    const aside = asides.get(id);
    const hits = themes.filter((t) => aside !== undefined && majority.get(t) === aside).length;
    correct += hits;
    if (hits > 0) asidesFound++;
  }
  return { withSecondary: secondary.size, correct, secondaries, asidesFound, asides: asides.size };
}
