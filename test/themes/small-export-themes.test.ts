// A first upload is often small: a few hundred rows of one export. The bundled app reviews' first 300 lines
// (255 reviews after the header and multi-line rows) through `koe run`, as a support lead's first try would be.
// At this size the kNN graph's neighbourhoods are wide, so praise follows its text less clearly (stance
// assortativity 0.27, against 0.50 for all 625 reviews), and the resolution and LSA rank for 10,000 documents would
// cut it into two themes (delivery, 172 documents, half praise half complaints; payment and search).
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { runKoe } from '../../src/pipeline/run-koe.js';
import { readDb } from '../support/read-db.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('koe-small-export-');

interface ThemeKinds {
  theme: string;
  size: number;
  praise: number;
}

// The largest theme's share moves by a few documents from one random start to the next (16–27% over seeds 42 and
// 1–7, with the code of session 21 as with session 22's), so the catch-all check reads three starts, not one.
const SEEDS = [42, 1, 2];

describe('a small export through koe run', () => {
  const runs: ThemeKinds[][] = [];

  beforeAll(async () => {
    const dir = tempDir();
    const input = path.join(dir, 'reviews.csv');
    const lines = fs.readFileSync(path.join(PACKAGE_ROOT, 'data', 'app-reviews.csv'), 'utf8').split('\n');
    fs.writeFileSync(input, lines.slice(0, 301).join('\n') + '\n');
    for (const seed of SEEDS) {
      const db = path.join(dir, `koe-${seed}.db`);
      await runKoe({ db, inputs: [input], config: { workers: 0, themes: { seed } } });
      runs.push(
        readDb(db, (d) =>
          d
            .prepare(
              `SELECT dt.theme_id AS theme, COUNT(*) AS size, SUM(a.kind = 'praise') AS praise
               FROM document_themes dt JOIN analyses a ON a.doc_id = dt.doc_id WHERE dt.rank = 0 GROUP BY dt.theme_id`,
            )
            .all(),
        ) as ThemeKinds[],
      );
    }
  }, 240_000);

  it('finds the recurring topics, not two catch-alls', () => {
    const largestShares = runs.map((themes) => {
      expect(themes.length).toBeGreaterThanOrEqual(8);
      const total = themes.reduce((n, t) => n + t.size, 0);
      return Math.max(...themes.map((t) => t.size)) / total;
    });
    // the catch-all this guards against held 70% of the documents in one theme
    expect(Math.max(...largestShares)).toBeLessThan(0.3);
    expect(largestShares.reduce((a, b) => a + b, 0) / largestShares.length).toBeLessThan(0.25);
  });

  it('keeps praise apart from the problems it shares words with', () => {
    for (const themes of runs) {
      for (const t of themes) {
        const share = t.praise / t.size;
        expect(share <= 0.2 || share >= 0.8, `${t.theme}: ${t.praise} of ${t.size} praise`).toBe(true);
      }
    }
  });
});
