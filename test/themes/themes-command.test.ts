import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { themesCommand } from '../../src/cli/commands/themes.js';
import { openStore } from '../../src/store/open-store.js';
import { updateThemes } from '../../src/pipeline/update-themes.js';
import { captureIo } from '../cli/io.js';
import { ALL, LOGIN, addDocs, themeOf } from './theme-fixture.js';

let dir: string;
let db: string;
let login: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-themes-cmd-'));
  db = path.join(dir, 'koe.db');
  const store = openStore(db);
  updateThemes(store.db, await addDocs(store, ALL));
  login = themeOf(store, LOGIN[0]!.id)!;
  store.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function koeThemes(...argv: string[]): Promise<{ code: number; out: string }> {
  const io = captureIo();
  const code = await themesCommand.run([...argv, '--db', db], io);
  return { code, out: io.out() };
}

describe('koe themes', () => {
  it('lists themes with size, share negative, a bilingual label and quotes', async () => {
    const { code, out } = await koeThemes();
    expect(code).toBe(0);
    expect(out).toMatch(/4 theme\(s\) · 24 documents · 0\.0% unthemed/);
    expect(out).toMatch(new RegExp(`${login}\\s+6\\s+100% neg\\s+.*ログイン.* / `));
    expect(out).toContain('“');
  });

  it('prints JSON lines with --format jsonl and filters by --kind', async () => {
    const { out } = await koeThemes('--format', 'jsonl', '--kind', 'feature_request');
    const rows = out.trim().split('\n').map((l) => JSON.parse(l) as { size: number; label: string });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.size).toBe(6);
  });

  it('prints the same themes as CSV with --format csv (lists as JSON cells)', async () => {
    const { out } = await koeThemes('--format', 'csv', '--kind', 'feature_request');
    const [header, row, ...rest] = out.trim().split('\r\n');
    expect(header).toBe('id,label,labelJa,labelEn,category,status,size,shareNegative,kinds,terms,quotes');
    expect(rest).toEqual([]);
    expect(row).toMatch(/^t\d+,.*,active,6,/);
    await expect(koeThemes('--format', 'json')).rejects.toThrow('--format must be table, csv or jsonl, got "json"');
  });

  it('renames and pins through subcommands', async () => {
    expect((await koeThemes('rename', login, 'Login', 'problems')).code).toBe(0);
    const { out } = await koeThemes('--format', 'jsonl');
    expect(out).toContain('"label":"Login problems"');
  });

  it('rejects an unknown theme or subcommand with a usage error', async () => {
    await expect(koeThemes('ignore', 't999')).rejects.toThrow(/no theme t999/);
    await expect(koeThemes('frobnicate')).rejects.toThrow(/unknown subcommand/);
  });

  it('rebuilds and keeps ids', async () => {
    const { out } = await koeThemes('rebuild');
    expect(out).toMatch(/rebuilt 4 themes over 24 documents: 0 new/);
  });
});
