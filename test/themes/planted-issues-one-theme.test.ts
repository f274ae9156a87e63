// One issue, one theme (issue 15): `koe run` on the bundled sample (data/, real kuromoji, real SQLite), then every
// planted issue of data/README.md is checked by the rule eval:themes counts with (scripts/lib/planted-issues.ts): one
// theme holds at least 60% of the issue's records, that theme is mostly about it, and no other theme holds 10% or
// more. The planted theme of each record comes from the sample's generator, not from koe.
//
// STILL_SPLIT lists the issues that do not land in one theme today (15 of 17 do at koe's seed, 42; 15.3 on average over seeds 5–44);
// each is an `it.fails`, so it fails the day the issue lands in one theme and must move to the passing list. Why
// they split (scripts/diagnose-planted.ts), with the concept layer, the stance rules (each stance's graph cut at the
// resolution for its size), the graph's own sharpening over 20 neighbours and the emerging split
// (themes/emerging-split.ts) together:
// - praise-delivery: 89 of its 119 records share one theme, but 12 sit in the app praise theme, where the rule allows
//   11 (speed said without a word for delivery: "came earlier than expected", "had it by 3pm"); it lands at 22 of
//   the 40 starts of seeds 5–44, a draw of the seed;
// - subscription-cancel: it shares the billing theme (46 of 51): cancelling Premium and being billed for it are
//   written in the same words.
// Praise of the app lands since session 23: the concept layer's delivery speed knows the Japanese wordings
// (配達が早い, 当日配達, 翌朝には届く, 時間通りに来てくれた), so praise of fast delivery in Japanese meets its English
// twin instead of the general praise of the app, and the praise merge asks for ties three times what chance predicts
// (PRAISE_MERGE_RESOLUTION, update-theme-set.ts), so it joins the app praise's pieces but no longer the two praises;
// and 助かる (relief, said of anything) no longer counts as the support concept `helpful`.
// The dark-mode requests land since session 21: they had shared one theme with the language requests (29 of 33), both
// asking for a display setting in the same words (表示, 設定) and modularity's resolution limit gluing the two small
// groups; the concept layer's language_setting now knows the usual wordings of a language request (言語設定,
// 表示言語, 英語表示, "language switch", "English version"), so a Japanese and an English language request meet
// through it and leave the dark-mode requests alone. With that, the kind split (themes/kind-split.ts) no longer acts
// on the sample at any resolution tried (0.3–1.0: the same themes with it off), so the sample no longer tests it:
// test/themes/kind-split.test.ts does, and that a theme step applies it as the options say.
// The checkout crash (the planted emerging issue) lands since session 20: discovery puts it with the general crashes,
// and the emerging split's scan sets 98 of its 101 records apart (app-crash keeps 73 of 84). Concept-based splits,
// sub-communities and mutual-kNN weights were tried against the others and dropped (figures in docs/themes.md, *One
// issue, one theme*): none lands one more of them without losing another or livedoor's categories.
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
  'checkout-crash',
  'delivery-late',
  'feature-dark-mode',
  'feature-export',
  'feature-language',
  'feature-payment',
  'feature-time-slot',
  'login',
  'praise-app',
  'praise-staff',
  'price',
  'search',
  'support-bad',
];
const STILL_SPLIT = ['praise-delivery', 'subscription-cancel'];

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
  for (const issue of STILL_SPLIT) {
    it.fails(`${issue} lands in one theme (still split)`, () => {
      const r = results.get(issue)!;
      expect(r.inOneTheme, where(r)).toBe(true);
    });
  }
});
