import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openKoe } from '../../src/index.js';

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'mixed-feedback.jsonl');
const CLI_DIR = path.join(import.meta.dirname, '..', '..', 'src', 'cli');

describe('openKoe', () => {
  it('owns one database, here in memory: run, themes, curate, rebuild, query, insights, close', async () => {
    const koe = openKoe(':memory:');
    try {
      const run = await koe.run([FIXTURE], { config: { workers: 0 } });
      expect(run).toMatchObject({ status: 'ok', inserted: 10 });
      expect(koe.themes.coverage()).toMatchObject({ total: 10, pending: 0 });
      const themes = koe.themes.list();
      expect(themes.length).toBeGreaterThan(0);
      const renamed = await koe.themes.curate({ action: 'rename', themeId: themes[0]!.id, label: 'renamed here' });
      expect(renamed).toMatchObject({ applied: true });
      expect(koe.themes.list().find((t) => t.id === themes[0]!.id)!.label).toBe('renamed here');
      const rebuilt = await koe.themes.rebuild();
      expect(rebuilt.runId).toBe(2);
      expect(koe.query('kind-by-product').rows.length).toBeGreaterThan(0);
      expect(koe.insights.metrics().overall).toBeDefined();
      expect(koe.writer()).toBeNull();
      const operations = koe.db.prepare('SELECT operation, status FROM runs ORDER BY id').all();
      expect(operations).toEqual([
        { operation: 'run', status: 'ok' },
        { operation: 'rebuild', status: 'ok' },
      ]);
    } finally {
      koe.close();
    }
  });

  it('is what the CLI is built on: no CLI module imports past the public API (src/index.ts)', () => {
    const offenders: string[] = [];
    for (const dir of [CLI_DIR, path.join(CLI_DIR, 'commands')]) {
      for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
        const src = fs.readFileSync(path.join(dir, f), 'utf8');
        for (const m of src.matchAll(/from '(\.\.\/[^']+)'/g)) {
          const target = path.resolve(dir, m[1]!);
          if (!target.startsWith(CLI_DIR) && target !== path.resolve(CLI_DIR, '..', 'index.js')) offenders.push(`${f}: ${m[1]}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
