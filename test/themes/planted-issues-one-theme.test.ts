// One issue, one theme (issue 15): `koe run` on the bundled sample (data/, real kuromoji, real SQLite), then every
// planted issue of data/README.md is checked by the rule eval:themes counts with (scripts/lib/planted-issues.ts): one
// theme holds at least 60% of the issue's records, that theme is mostly about it, and no other theme holds 10% or
// more. The planted theme of each record comes from the sample's generator, not from koe.
//
// STILL_SPLIT lists the issues that do not land in one theme today (12 of 17 do at koe's seed, 42; 14, 14, 12, 14
// at seeds 1–4); each is an `it.fails`, so it fails the day the issue lands in one theme and must move to the
// passing list. Why they split (scripts/diagnose-planted.ts), with the concept layer, the stance rules (each stance's
// graph cut at the resolution for its size), the graph's own sharpening over 20 neighbours and the emerging split
// (themes/emerging-split.ts) together:
// - checkout-crash: the planted emerging issue. Discovery puts it with the general crashes (both are crashes); the
//   emerging split then sets its surge apart (84 of its 101 records, with the emerging label 決済画面のクラッシュ /
//   checkout), and app-crash is left in one theme of its own (74 of 84). 14 checkout crashes stay with the general
//   crashes: they name the step in words no concept reads as checkout ("place order", 会計, 支払いのとこ), so the
//   split's scan ranks them by "crash" alone;
// - feature-language: discovery puts its English requests in the general crash theme (tied by few words: app,
//   settings, Japanese); the kind split (themes/kind-split.ts) sets them apart, 28 of 34 in a theme of their own,
//   but 4 Japanese requests (言語切り替え, 表示言語を英語に: no concept reads them as the language setting) sit with
//   the dark-mode requests (12%, where the rule allows 10%);
// - praise-app: 14 of its 102 records sit in the delivery-speed praise theme (as at seeds 1, 3 and 4 before);
// - praise-delivery: split in two praise themes (54 and 46 of 119), the 46 in the app-praise theme;
// - subscription-cancel: it shares the billing theme (46 of 51): cancelling Premium and being billed for it are
//   written in the same words.
// Concept-based splits, sub-communities and mutual-kNN weights were tried against these and dropped (figures in
// docs/themes.md, *One issue, one theme*): none lands one more of them without losing another or livedoor's categories.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { runKoe } from '../../src/pipeline/run-koe.js';
import { plantedIssueSpread, plantedThemes, type PlantedIssueResult } from '../../scripts/lib/planted-issues.js';
import { primaryThemeBySource } from '../../scripts/lib/primary-themes.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('koe-planted-');

const ONE_THEME = [
  'app-crash',
  'billing',
  'delivery-late',
  'feature-dark-mode',
  'feature-export',
  'feature-payment',
  'feature-time-slot',
  'login',
  'praise-staff',
  'price',
  'search',
  'support-bad',
];
const STILL_SPLIT = ['checkout-crash', 'feature-language', 'praise-app', 'praise-delivery', 'subscription-cancel'];

/** `koe run` on data/ with the sample's config (and these theme options): where each planted issue landed. */
async function plantedSpreadOfRun(themes: Record<string, unknown> = {}): Promise<Map<string, PlantedIssueResult>> {
  const db = path.join(tempDir(), 'sample.db');
  const sampleConfig = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'data', 'koe.config.json'), 'utf8')) as Record<string, unknown>;
  const sampleThemes = (sampleConfig.themes ?? {}) as Record<string, unknown>;
  await runKoe({ db, inputs: [path.join(PACKAGE_ROOT, 'data')], config: { ...sampleConfig, workers: 0, themes: { ...sampleThemes, ...themes } } });
  return new Map(plantedIssueSpread(plantedThemes(), primaryThemeBySource(db)).map((r) => [r.planted, r]));
}

describe('the sample through koe run: each planted issue in one theme', () => {
  let results: Map<string, PlantedIssueResult>;

  beforeAll(async () => {
    results = await plantedSpreadOfRun();
  }, 180_000);

  it('checks every planted issue of data/README.md, each listed once', () => {
    expect([...results.keys()].sort()).toEqual([...ONE_THEME, ...STILL_SPLIT].sort());
  });

  const where = (r: PlantedIssueResult): string => `${r.planted}: ${r.reason} (${r.spread.slice(0, 4).map((s) => `${s.themeId} ${s.count}`).join(', ')})`;

  for (const issue of ONE_THEME) {
    it(`${issue} lands in one theme`, () => {
      const r = results.get(issue)!;
      expect(r.inOneTheme, where(r)).toBe(true);
    });
  }
  it('keeps the language requests out of the crash theme they were clustered with (the kind split)', async () => {
    const home = (r: Map<string, PlantedIssueResult>, issue: string): string => r.get(issue)!.spread[0]!.themeId;
    expect(home(results, 'feature-language')).not.toBe(home(results, 'app-crash'));
    expect(results.get('app-crash')!.spread[0]!.count).toBeGreaterThanOrEqual(70);
    expect(results.get('feature-language')!.spread[0]!.count).toBeGreaterThanOrEqual(28);
    // Turned off, discovery's own cut stands: the requests share the crashes' theme.
    const without = await plantedSpreadOfRun({ kindSplit: false });
    expect(home(without, 'feature-language')).toBe(home(without, 'app-crash'));
  }, 180_000);

  for (const issue of STILL_SPLIT) {
    it.fails(`${issue} lands in one theme (still split)`, () => {
      const r = results.get(issue)!;
      expect(r.inOneTheme, where(r)).toBe(true);
    });
  }
});
