// koe themes catches up with koe serve: change columns for a period, move, undo and the curation log.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { themesCommand } from '../../src/cli/commands/themes.js';
import { serveCommand } from '../../src/cli/commands/serve.js';
import { UsageError } from '../../src/cli/command.js';
import { openStore } from '../../src/store/open-store.js';
import { updateThemes } from '../../src/pipeline/update-themes.js';
import { captureIo } from '../cli/io.js';
import { ALL, LOGIN, REFUND, addDocs, themeOf } from './theme-fixture.js';

let dir: string;
let db: string;
let login: string;
let refund: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-themes-ws-'));
  db = path.join(dir, 'koe.db');
  const store = openStore(db);
  updateThemes(store.db, await addDocs(store, ALL));
  // Login complaints: one in the baseline week, three in the week looked at.
  store.db.prepare("UPDATE documents SET created_at = '2026-02-20T10:00:00.000Z'").run();
  store.db.prepare("UPDATE documents SET created_at = '2026-03-03T10:00:00.000Z' WHERE id IN ('login-ja-1', 'login-ja-2', 'login-en-1')").run();
  store.db.prepare("UPDATE documents SET created_at = '2026-02-24T10:00:00.000Z' WHERE id = 'login-ja-3'").run();
  login = themeOf(store, LOGIN[0]!.id)!;
  refund = themeOf(store, REFUND[0]!.id)!;
  store.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function koeThemes(...argv: string[]): Promise<{ code: number; out: string }> {
  const io = captureIo();
  const code = await themesCommand.run([...argv, '--db', db], io);
  return { code, out: io.out() };
}

describe('koe themes --since / --until, move, undo, log', () => {
  it('ranks themes by change against their own baseline', async () => {
    const { code, out } = await koeThemes('--since', '2026-03-02', '--until', '2026-03-08');
    expect(code).toBe(0);
    expect(out).toContain('2026-03-02 – 2026-03-08 (UTC): 3 documents');
    // 3 now, baseline 4 weeks holding the other login documents: (1 + 2 in the week of 02-20) / 4
    const first = out.split('\n').find((l) => /^t\d+/.test(l))!;
    expect(first).toMatch(new RegExp(`^${login}\\s+3\\s+`));
    const jsonl = await koeThemes('--since', '2026-03-02', '--format', 'jsonl');
    expect(JSON.parse(jsonl.out.split('\n')[0]!)).toMatchObject({ themeId: login, count: 3 });
    await expect(koeThemes('--since', '2026-13-01')).rejects.toThrow(UsageError);
    await expect(koeThemes('--since', '2026-03-02', '--timezone', 'Nowhere/City')).rejects.toThrow(/unknown time zone/);
  });

  it('moves one document, lists the log, undoes it; refuses a self-merge', async () => {
    expect((await koeThemes('move', 'login-en-2', refund)).out).toContain('done');
    const store = openStore(db);
    expect(themeOf(store, 'login-en-2')).toBe(refund);
    store.close();
    expect((await koeThemes('log')).out).toMatch(new RegExp(`move login-en-2 from ${login} to ${refund}`));
    expect((await koeThemes('undo')).out).toMatch(/^undone \d+: move login-en-2/);
    const after = openStore(db);
    expect(themeOf(after, 'login-en-2')).toBe(login);
    after.close();
    expect((await koeThemes('log')).out).toContain('(undone');
    await expect(koeThemes('merge', login, login)).rejects.toThrow(/into itself/);
    await expect(koeThemes('undo', 'abc')).rejects.toThrow(UsageError);
  });

  it('koe serve refuses a non-loopback host without --token or --read-only, and a short token', async () => {
    await expect(serveCommand.run(['--db', db, '--host', '0.0.0.0', '--port', '0'], captureIo())).rejects.toThrow(/--token/);
    await expect(serveCommand.run(['--db', db, '--token', 'short'], captureIo())).rejects.toThrow(/at least 8/);
    await expect(serveCommand.run(['--db', db, '--lang', 'fr'], captureIo())).rejects.toThrow(/--lang/);
  });
});
