// One issue, one theme (issue 15): `koe run` on the bundled sample (data/, real kuromoji, real SQLite), then every
// planted issue of data/README.md is checked by the rule eval:themes counts with (scripts/lib/planted-issues.ts): one
// theme holds at least 60% of the issue's records, that theme is mostly about it, and no other theme holds 10% or
// more. The planted theme of each record comes from the sample's generator, not from koe.
//
// STILL_SPLIT lists the issues that do not land in one theme today (13 of 17 do); each is an `it.fails`, so it fails
// the day the issue lands in one theme and must move to the passing list. Why they split (scripts/diagnose-planted.ts),
// with the concept layer, the stance rules (each stance's graph cut at the resolution for its size) and the graph's
// own sharpening over 20 neighbours together (p = 2.2 on the sample):
// - app-crash: general crashes and freezes join the checkout-crash theme (both are crashes; 79 of 84 there);
// - feature-dark-mode: its requests join the language requests' theme (29 of 33; the two share app, settings, "mode",
//   対応してほしい), also at resolution 0.75. Until session 9 it was the other way round: language requests were read
//   as praise or scattered (15 in the crash theme), too few to form a community, and dark mode stood alone. The kind
//   cues of session 9 read them as requests; feature-language then lands (33 of 34) and dark mode joins it: still 13
//   of 17 at seed 42, but 12.3 over seeds 1–4 (13.0 before). Kept for the kinds (docs/themes.md, *Kept in session 9*);
// - praise-delivery: split in two praise themes (55 and 45 of 119); the 55 share the app-praise theme (78 of the
//   102 app-praise records), so praise-app passes by the rule while that theme is still about both;
// - subscription-cancel: it shares the billing theme (44 of 51): cancelling Premium and being billed for it are
//   written in the same words.
// Concept-based splits, sub-communities and mutual-kNN weights were tried against these four and dropped (figures in
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
  'billing',
  'checkout-crash',
  'delivery-late',
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
const STILL_SPLIT = ['app-crash', 'feature-dark-mode', 'praise-delivery', 'subscription-cancel'];

describe('the sample through koe run: each planted issue in one theme', () => {
  let results: Map<string, PlantedIssueResult>;

  beforeAll(async () => {
    const db = path.join(tempDir(), 'sample.db');
    const sampleConfig = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'data', 'koe.config.json'), 'utf8')) as Record<string, unknown>;
    await runKoe({ db, inputs: [path.join(PACKAGE_ROOT, 'data')], config: { ...sampleConfig, workers: 0 } });
    results = new Map(plantedIssueSpread(plantedThemes(), primaryThemeBySource(db)).map((r) => [r.planted, r]));
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
