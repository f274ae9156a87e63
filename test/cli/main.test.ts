import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { captureIo } from './io.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('koe-cli-');

const FIXTURE = path.join(import.meta.dirname, '..', 'pipeline', 'fixtures', 'mixed-feedback.jsonl');

describe('koe --help', () => {
  it('lists every command', async () => {
    const io = captureIo();
    expect(await main(['--help'], io)).toBe(0);
    for (const c of COMMANDS) expect(io.out()).toContain(c.name);
  });

  // Docs are checked: a command without usage text or a runnable example fails here.
  it.each(COMMANDS.map((c) => [c.name, c] as const))('%s --help has usage and an example', async (name, c) => {
    expect(c.examples.length).toBeGreaterThan(0);
    for (const e of c.examples) expect(e.startsWith(`koe ${name}`)).toBe(true);
    const io = captureIo();
    expect(await main([name, '--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage:');
    expect(io.out()).toContain(c.examples[0]!);
  });
});

describe('exit codes', () => {
  it('2 for an unknown command or a bad flag, naming the problem', async () => {
    let io = captureIo();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.err()).toContain('unknown command "frobnicate"');
    io = captureIo();
    expect(await main(['run', 'x.csv'], io)).toBe(2);
    expect(io.err()).toContain('--db PATH is required');
    io = captureIo();
    expect(await main(['run', '--db', ':memory:', '--rating-scale', 'stars10', 'x.csv'], io)).toBe(2);
    expect(io.err()).toContain('--rating-scale must be one of');
  });

  it('0 for a clean run, 1 when rows were rejected, 2 for an unreadable input', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'koe.db');
    let io = captureIo();
    expect(await main(['run', '--db', db, '--workers', '0', FIXTURE], io)).toBe(0);
    expect(io.err()).toMatch(/read 10 rows — 10 new/);

    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'id,text\nb1,"unclosed quote\nb2,a good row after it\n');
    io = captureIo();
    expect(await main(['run', '--db', db, '--workers', '0', bad], io)).toBe(1);
    expect(io.err()).toContain(`rejected ${bad}:2`);

    io = captureIo();
    expect(await main(['run', '--db', db, '--workers', '0', path.join(dir, 'missing.csv')], io)).toBe(2);
    expect(io.err()).toContain('missing.csv');
  });
});

describe('koe export', () => {
  it('writes nothing but one JSON record per document to stdout', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'koe.db');
    await main(['run', '--db', db, '--workers', '0', '--quiet', FIXTURE], captureIo());
    const io = captureIo();
    expect(await main(['export', '--db', db], io)).toBe(0);
    const lines = io.out().trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const r of records) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['id', 'lang', 'sentiment', 'kind', 'themes', 'created_at', 'channel']));
    }
    expect(new Set(records.map((r) => r.id)).size).toBe(10);
  });

  it('writes CSV with a header to a file', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'koe.db');
    await main(['run', '--db', db, '--workers', '0', '--quiet', FIXTURE], captureIo());
    const out = path.join(dir, 'export.csv');
    const io = captureIo();
    expect(await main(['export', '--db', db, '--format', 'csv', '--out', out], io)).toBe(0);
    expect(io.out()).toBe('');
    const text = fs.readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true); // UTF-8 BOM by default, for Japanese Excel
    expect(text.slice(1).split('\r\n')[0]).toMatch(/^id,lang,text,sentiment_label/);
    expect(text.trimEnd().split('\r\n')).toHaveLength(11);
  });
});

describe('koe stats', () => {
  it('prints a table by default (text is the same), the whole summary as json, and refuses row formats', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'koe.db');
    await main(['run', '--db', db, '--workers', '0', '--quiet', FIXTURE], captureIo());
    const table = captureIo();
    expect(await main(['stats', '--db', db], table)).toBe(0);
    expect(table.out()).toMatch(/^documents {3}10 /);
    const text = captureIo();
    expect(await main(['stats', '--db', db, '--format', 'text'], text)).toBe(0);
    expect(text.out()).toBe(table.out());
    const json = captureIo();
    expect(await main(['stats', '--db', db, '--format', 'json'], json)).toBe(0);
    expect(JSON.parse(json.out())).toMatchObject({ documents: 10 });
    const csv = captureIo();
    expect(await main(['stats', '--db', db, '--format', 'csv'], csv)).toBe(2);
    expect(csv.err()).toContain('--format must be table or json, got "csv"');
  });
});
