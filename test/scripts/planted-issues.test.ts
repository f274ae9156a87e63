// The planted-issue measure of eval:themes (scripts/lib/planted-issues.ts): one theme, a split, a swallowed issue.
import { describe, expect, it } from 'vitest';
import { plantedIssueSpread, plantedThemes } from '../../scripts/lib/planted-issues.js';

const planted = (spec: Record<string, number>): Map<string, string> => {
  const out = new Map<string, string>();
  for (const [issue, n] of Object.entries(spec)) for (let i = 0; i < n; i++) out.set(`${issue}-${i}`, issue);
  return out;
};

describe('plantedIssueSpread', () => {
  it('counts an issue in one theme, a split issue and an issue swallowed by another', () => {
    const p = planted({ login: 10, billing: 10, search: 4, noise: 5 });
    const primary = new Map<string, string>();
    for (let i = 0; i < 10; i++) primary.set(`login-${i}`, 't1'); // all in t1
    for (let i = 0; i < 10; i++) primary.set(`billing-${i}`, i < 6 ? 't2' : 't3'); // 60% / 40%: split
    for (let i = 0; i < 4; i++) primary.set(`search-${i}`, 't1'); // inside the login theme
    const byIssue = new Map(plantedIssueSpread(p, primary).map((r) => [r.planted, r]));
    expect(byIssue.get('login')!.inOneTheme).toBe(true);
    expect(byIssue.get('billing')!.inOneTheme).toBe(false);
    expect(byIssue.get('billing')!.reason).toMatch(/split/);
    expect(byIssue.get('search')!.inOneTheme).toBe(false);
    expect(byIssue.has('noise')).toBe(false);
  });

  it('reads the planted theme of every record of data/ from the generator', () => {
    const themes = plantedThemes();
    expect(themes.size).toBe(1526);
    expect(new Set(themes.values()).has('checkout-crash')).toBe(true);
  });
});
