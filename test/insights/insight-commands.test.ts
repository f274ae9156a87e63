// The insight commands end to end: a fixture database on disk, real argument parsing, output as a person or a
// program reads it. The work itself is tested in the library tests beside this file. Commands are called as
// `main` calls them (usage errors → exit 2 with the message), without importing every other command.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError, type Command } from '../../src/cli/command.js';
import { emergingCommand } from '../../src/cli/commands/emerging.js';
import { followupsCommand } from '../../src/cli/commands/followups.js';
import { metricsCommand } from '../../src/cli/commands/metrics.js';
import { queryCommand } from '../../src/cli/commands/query.js';
import { reportCommand } from '../../src/cli/commands/report.js';
import { trendsCommand } from '../../src/cli/commands/trends.js';
import { buildReportFixture } from '../report/report-fixture.js';

const COMMANDS: Command[] = [queryCommand, trendsCommand, emergingCommand, metricsCommand, followupsCommand, reportCommand];

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.text += chunk.toString('utf8');
    done();
  }
}

async function koe(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const [name, ...rest] = argv;
  const command = COMMANDS.find((c) => c.name === name)!;
  let code: number;
  try {
    code = await command.run(rest, { stdout, stderr, isTTY: false });
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    stderr.write(`koe ${name}: ${err.message}\n`);
    code = 2;
  }
  return { code, out: stdout.text, err: stderr.text };
}

let dir: string;
let db: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-insights-'));
  db = path.join(dir, 'koe.db');
  const f = buildReportFixture();
  f.db.prepare('VACUUM INTO ?').run(db);
  f.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('koe query', () => {
  it('--list names every query with its parameters', async () => {
    const r = await koe('query', '--list');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/theme-trend\s+Documents per period/);
    expect(r.out).toContain('params: theme [period] [since] [until]');
  });

  it('runs with --param and --format jsonl', async () => {
    const r = await koe('query', 'theme-trend', '--db', db, '--param', 'theme=t4', '--param', 'period=month', '--format', 'jsonl');
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      { period: '2026-01', documents: 1, negative: 1, share_negative: 1, mean_sentiment: -0.6 },
      { period: '2026-02', documents: 4, negative: 4, share_negative: 1, mean_sentiment: -0.6 },
      { period: '2026-03', documents: 15, negative: 15, share_negative: 1, mean_sentiment: -0.6 },
    ]);
  });

  it.each([
    // a missing required parameter says which and how
    [['query', 'theme-trend'], /missing parameter theme/],
    // an unknown parameter lists the valid ones
    [['query', 'theme-trend', '--param', 'theme=t1', '--param', 'colour=red'], /unknown parameter colour; its parameters: theme, period, since, until/],
    // an unknown query lists the known ones
    [['query', 'nope'], /unknown query "nope"; known queries: /],
  ])('usage error for %j', async (argv, message) => {
    const r = await koe(...argv, '--db', db);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('csv has a header and quotes fields with commas', async () => {
    const r = await koe('query', 'feature-requests', '--db', db, '--format', 'csv');
    expect(r.out.split('\r\n')[0]).toBe('theme_id,theme_label,requests,documents,share_requests,example');
  });
});

describe('koe trends / emerging / metrics / followups / report', () => {
  it('trends: ISO weeks, every week listed', async () => {
    const r = await koe('trends', '--db', db, '--by', 'week', '--theme', 't4', '--format', 'jsonl');
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l) as { period: string; documents: number });
    expect(rows).toHaveLength(9);
    expect(rows[0]!.period).toBe('2026-W05');
    expect(rows.at(-1)).toMatchObject({ period: '2026-W13', documents: 12 });
  });

  it('emerging: the growing payment-error theme, with its numbers and quotes', async () => {
    const r = await koe('emerging', '--db', db);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Window   2026-03-23 … 2026-03-29');
    expect(r.out).toMatch(/Emerging issues \(1\):[\s\S]*t4\s+決済エラー\s+12\s+8/);
    expect(r.out).toContain('New themes since the last run (run 2):');
    const bad = await koe('emerging', '--db', db, '--window', '1 month');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--window takes a number of days or weeks like 7d or 8w');
  });

  it('emerging speaks the one --format vocabulary: rows as csv / jsonl, the whole answer as json, text as table', async () => {
    const jsonl = await koe('emerging', '--db', db, '--format', 'jsonl');
    const rows = jsonl.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toEqual([expect.objectContaining({ themeId: 't4', label: '決済エラー', windowCount: 12, emerging: true })]);
    const all = await koe('emerging', '--db', db, '--format', 'csv', '--all');
    const lines = all.out.trim().split('\r\n');
    expect(lines[0]).toBe('themeId,label,windowCount,baselineCount,expected,ratio,pValue,qValue,shareNegative,emerging');
    expect(lines.length).toBeGreaterThan(2);
    const json = JSON.parse((await koe('emerging', '--db', db, '--format', 'json')).out) as { emerging: { quotes: unknown[] }[] };
    expect(json.emerging[0]!.quotes.length).toBeGreaterThan(0);
    expect((await koe('emerging', '--db', db, '--format', 'text')).out).toBe((await koe('emerging', '--db', db)).out);
    const bad = await koe('emerging', '--db', db, '--format', 'xml');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--format must be table, csv, jsonl or json, got "xml"');
  });

  it('metrics: overall NPS and the impact ranking', async () => {
    const r = await koe('metrics', '--db', db, '--impact', 'nps', '--format', 'jsonl');
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l) as { theme: string; unhappy: number });
    expect(rows.map((x) => [x.theme, x.unhappy])).toEqual([
      ['t4', 20],
      ['t1', 18],
      ['t2', 0],
    ]);
    const table = await koe('metrics', '--db', db, '--by', 'channel');
    expect(table.out).toMatch(/^NPS {2}-2.2 {2}\(92 responses/);
  });

  it('followups: a table shows the 50 most severe and says how many there are; csv and jsonl list every one', async () => {
    const jsonl = await koe('followups', '--db', db, '--format', 'jsonl');
    const all = jsonl.out.trim().split('\n').map((l) => JSON.parse(l) as { doc_id: string; severity: number });
    expect(all.length).toBeGreaterThan(50);
    const csv = await koe('followups', '--db', db, '--format', 'csv');
    expect(csv.out.trim().split('\r\n')).toHaveLength(all.length + 1); // one header, every follow-up
    const table = await koe('followups', '--db', db);
    const ids = [...table.out.matchAll(/^(doc-\d+)\s/gm)].map((m) => m[1]);
    expect(ids).toEqual(all.slice(0, 50).map((f) => f.doc_id));
    expect(table.out).toContain(`Showing 50 of ${all.length}: --limit N for more, --format csv or jsonl for every one.`);
    const five = await koe('followups', '--db', db, '--limit', '5');
    expect([...five.out.matchAll(/^(doc-\d+)\s/gm)]).toHaveLength(5);
    const limited = await koe('followups', '--db', db, '--format', 'jsonl', '--limit', '7');
    expect(limited.out.trim().split('\n')).toHaveLength(7);
  });

  it('followups: list, mark done by source id, still done after re-opening the database', async () => {
    const before = await koe('followups', '--db', db, '--format', 'jsonl', '--as-of', '2026-04-01', '--sort', 'oldest');
    const first = JSON.parse(before.out.split('\n')[0]!) as { doc_id: string; source_id: string; age_days: number };
    expect(first).toMatchObject({ doc_id: 'doc-0001', source_id: 'src-doc-0001', age_days: 65 });
    const done = await koe('followups', 'done', 'src-doc-0001', '--db', db, '--note', 'refund sent', '--assignee', 'aiko');
    expect(done.out).toContain('marked done: 1 (doc-0001)');
    const after = await koe('followups', '--db', db, '--format', 'jsonl');
    expect(after.out).not.toContain('"doc-0001"');
    const handled = await koe('followups', '--db', db, '--done', '--format', 'jsonl');
    expect(JSON.parse(handled.out.split('\n')[0]!)).toMatchObject({ doc_id: 'doc-0001', note: 'refund sent', assignee: 'aiko', status: 'done' });
    const bad = await koe('followups', '--db', db, '--rating', 'five');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('rating must be SCALE:VALUE');
    const unknown = await koe('followups', 'done', 'nope', '--db', db);
    expect(unknown.code).toBe(2);
  });

  it('report: writes one HTML file', async () => {
    const out = path.join(dir, 'report.html');
    const r = await koe('report', '--db', db, '--out', out, '--lang', 'en');
    expect(r.code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('<section id="emerging">');
  });

  it('every insight command has usage and an example', () => {
    for (const c of COMMANDS) {
      expect(c.usage, c.name).toMatch(new RegExp(`^koe ${c.name} `));
      expect(c.examples.length, c.name).toBeGreaterThan(0);
      for (const ex of c.examples) expect(ex, c.name).toMatch(new RegExp(`^koe ${c.name} `));
    }
  });
});
