import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/command.js';
import { formatTable } from '../../src/cli/format.js';
import { DB_OPTION, openDatabase, PERIOD_OPTIONS, readPeriod, resolveThemeConfigOption, usageLine } from '../../src/cli/options.js';

describe('option groups', () => {
  const period = (argv: string[]) => readPeriod(parseArgs({ args: argv, options: { ...DB_OPTION, ...PERIOD_OPTIONS } }).values);

  it('reads the period group the same way for every command', () => {
    expect(period(['--since', '2026-11-02', '--until', '2026-11-08', '--timezone', 'Asia/Tokyo'])).toEqual({
      since: '2026-11-02',
      until: '2026-11-08',
      timeZone: 'Asia/Tokyo',
    });
    expect(() => period(['--since', '2026-13-01'])).toThrow(new UsageError('--since takes a date YYYY-MM-DD, got "2026-13-01"'));
    expect(() => period(['--since', '2026-11-09', '--until', '2026-11-02'])).toThrow(/--since 2026-11-09 is after --until 2026-11-02/);
    expect(() => period(['--timezone', 'Mars/Olympus'])).toThrow(UsageError);
  });

  it("takes the themes settings koe serve curates and rebuilds with from the config file (koe run's)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-options-'));
    const config = path.join(dir, 'koe.config.json');
    fs.writeFileSync(config, JSON.stringify({ timeZone: 'Asia/Tokyo', themes: { encoder: 'use-lite-en', seed: 7 } }));
    expect(resolveThemeConfigOption(config)).toEqual({ encoder: 'use-lite-en', seed: 7 });
    fs.writeFileSync(config, JSON.stringify({ timeZone: 'Asia/Tokyo' }));
    expect(resolveThemeConfigOption(config)).toEqual({});
    fs.writeFileSync(config, '{ not json');
    expect(() => resolveThemeConfigOption(config)).toThrow(UsageError);
    expect(() => resolveThemeConfigOption(config)).toThrow(/koe\.config\.json: cannot read config/);
    fs.rmSync(dir, { recursive: true });
  });

  it('takes the time zone from the config file when no --timezone is given', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-options-'));
    const config = path.join(dir, 'koe.config.json');
    fs.writeFileSync(config, JSON.stringify({ timeZone: 'Asia/Tokyo' }));
    expect(period(['--config', config]).timeZone).toBe('Asia/Tokyo');
    fs.rmSync(dir, { recursive: true });
  });

  it('refuses a missing --db or a database that does not exist, with a sentence', () => {
    expect(() => openDatabase(undefined)).toThrow(new UsageError('--db PATH is required'));
    expect(() => openDatabase('/nonexistent/koe.db')).toThrow(new UsageError('no database at /nonexistent/koe.db (create it with koe run)'));
  });

  it('pads usage lines to the command’s column', () => {
    expect(usageLine('--db PATH', 'database', 12)).toBe('  --db PATH   database');
  });
});

describe('formatTable', () => {
  it('aligns wide characters, right-aligns numbers and writes at most four decimals', () => {
    const out = formatTable(['theme', 'share'], [
      { theme: '配送遅延', share: 0.123456 },
      { theme: 'login', share: 2 },
    ]);
    expect(out).toBe(['theme      share', '--------  ------', '配送遅延  0.1235', 'login          2', ''].join('\n'));
  });

  it('says so when there are no rows', () => {
    expect(formatTable(['a'], [])).toBe('(no rows)\n');
  });
});
