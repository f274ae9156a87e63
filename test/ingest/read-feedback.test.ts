import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFeedback, type IngestOptions } from '../../src/ingest/index.js';
import type { IngestItem, RawFeedback, RejectedRow } from '../../src/types.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name: string): string => path.join(FIXTURES, name);

async function readAll(files: string[], options?: IngestOptions): Promise<IngestItem[]> {
  const items: IngestItem[] = [];
  for await (const item of readFeedback(files, options)) items.push(item);
  return items;
}
const rows = (items: IngestItem[]): RawFeedback[] => items.flatMap((i) => (i.ok ? [i.row] : []));
const rejects = (items: IngestItem[]): RejectedRow[] => items.flatMap((i) => (i.ok ? [] : [i.rejected]));

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-ingest-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});
function writeTemp(name: string, content: string | Buffer): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('readFeedback: CSV', () => {
  it('reads a BOM, CRLF, quoted newlines and doubled quotes', async () => {
    const items = await readAll([fixture('quoted-bom.csv')]);
    expect(rejects(items)).toEqual([]);
    const [first, second] = rows(items);
    expect(first).toMatchObject({
      line: 2,
      sourceId: 'q1',
      text: '複数行の\r\nコメント、"引用"付き',
      createdAt: '2026-11-24T00:00:00.000Z',
      rating: 9,
      channel: 'web',
    });
    // the quoted newline makes the second record start on line 4
    expect(second).toMatchObject({ line: 4, sourceId: 'q2', text: 'He said "great", then left', rating: 10 });
  });

  it('rejects an unclosed quote and carries on with the lines after it', async () => {
    const items = await readAll([fixture('unclosed-quote.csv')]);
    expect(rows(items).map((r) => r.sourceId)).toEqual(['u1', 'u3']);
    expect(rejects(items)).toEqual([
      expect.objectContaining({ line: 3, field: 'text', reason: expect.stringContaining('unclosed quote') }),
    ]);
  });

  it('yields nothing for an empty file', async () => {
    expect(await readAll([fixture('empty.csv')])).toEqual([]);
    expect(await readAll([writeTemp('header-only.csv', 'id,text\n')])).toEqual([]);
  });

  it('parses every supported date format (local times at the given offset)', async () => {
    const items = await readAll([fixture('dates.csv')], { timezone: '+09:00' });
    const byId = new Map(rows(items).map((r) => [r.sourceId, r.createdAt]));
    expect(Object.fromEntries(byId)).toEqual({
      d1: '2026-11-24T04:05:00.000Z', // ISO with offset: the option does not apply
      d2: '2026-11-24T04:05:00.000Z', // ISO Z
      d3: '2026-11-24T04:05:00.000Z', // ISO without offset: +09:00
      d4: '2026-11-24T04:05:00.000Z', // 2026/11/24 13:05
      d5: '2026-11-23T15:00:00.000Z', // date only: local midnight
      d6: '2026-11-24T04:05:00.000Z', // 2026-11-24 13:05:00
      d7: '2026-11-24T04:05:00.000Z', // epoch seconds
      d8: '2026-11-24T04:05:00.000Z', // epoch milliseconds
      d11: null, // empty: no date
    });
    expect(rejects(items)).toEqual([
      { file: fixture('dates.csv'), line: 10, field: 'created_at', reason: expect.stringContaining('"yesterday" is not a date'), value: 'yesterday' },
      { file: fixture('dates.csv'), line: 11, field: 'created_at', reason: expect.stringContaining('"2026-02-30" is not a date'), value: '2026-02-30' },
    ]);
  });

  it('checks ratings against their scale; a per-row scale wins over the option', async () => {
    const items = await readAll([fixture('ratings.csv')], { ratingScale: 'nps' });
    expect(rows(items).map((r) => [r.sourceId, r.rating, r.ratingScale])).toEqual([
      ['r1', 10, 'nps'],
      ['r3', 4, 'csat'],
      ['r5', 7, 'ces'],
      ['r7', 4.5, 'stars'],
      ['r10', null, null],
      ['r11', 9, 'nps'],
    ]);
    expect(rejects(items).map((r) => [r.line, r.field, r.reason])).toEqual([
      [3, 'rating', 'rating 11 is outside the nps scale 0–10'],
      [5, 'rating', 'rating 0 is outside the csat scale 1–5'],
      [7, 'rating', 'rating 8 is outside the ces scale 1–7'],
      [9, 'rating_scale', 'unknown rating scale "likert" (expected one of nps, csat, ces, stars)'],
      [10, 'rating', 'rating "great" is not a number'],
    ]);
  });

  it('maps columns by name, keeps the rest as metadata, tolerates short and long rows', async () => {
    const file = writeTemp('mapped.csv', 'Ticket,Body,Score,Agent\nA-1,遅い,3,sato\nA-2,short row\nA-3,long row,4,kato,extra\n');
    const items = await readAll([file], { fieldMap: { id: 'ticket', text: 'body', rating: 'score' }, ratingScale: 'csat' });
    expect(rejects(items)).toEqual([]);
    expect(rows(items).map((r) => [r.sourceId, r.text, r.rating, r.metadata])).toEqual([
      ['A-1', '遅い', 3, { Agent: 'sato' }],
      ['A-2', 'short row', null, {}],
      ['A-3', 'long row', 4, { Agent: 'kato', column_5: 'extra' }],
    ]);
  });

  it('accepts one unambiguous alias for the text column and refuses two', async () => {
    const one = await readAll([writeTemp('alias.csv', 'id,コメント\n1,良い\n')]);
    expect(rows(one)[0]!.text).toBe('良い');
    const two = await readAll([writeTemp('two-aliases.csv', 'id,body,comment\n1,a,b\n')]);
    expect(rejects(two)).toEqual([expect.objectContaining({ line: 1, field: 'text', reason: expect.stringContaining('several columns') })]);
    expect(rows(two)).toEqual([]);
  });

  it('warns once about a mapped column that is missing (a note, not a rejected row), and reads the rows', async () => {
    const items = await readAll([writeTemp('missing-map.csv', 'id,text\n1,ok\n')], { fieldMap: { rating: 'score' } });
    expect(items.filter((i) => !i.ok && i.fileProblem === 'warning')).toHaveLength(1);
    expect(rejects(items)).toEqual([expect.objectContaining({ line: 1, reason: expect.stringContaining('no column for rating ("score")') })]);
    expect(rows(items)).toHaveLength(1);
  });

  it('rejects a row with empty text, naming the field', async () => {
    const items = await readAll([writeTemp('empty-text.csv', 'id,text\n1,  \n2,ok\n')]);
    expect(rejects(items)).toEqual([{ file: path.join(tmp, 'empty-text.csv'), line: 2, field: 'text', reason: 'text is empty', value: null }]);
  });

  it('rejects a 2 MB field without stopping, and reads the next row', async () => {
    const file = writeTemp('big.csv', `id,text\n1,"${'長'.repeat(700_000)}"\n2,after the big one\n`);
    const items = await readAll([file]);
    expect(rejects(items)).toEqual([{ file, line: 2, field: 'text', reason: 'text is larger than 1048576 bytes', value: null }]);
    expect(rows(items).map((r) => r.text)).toEqual(['after the big one']);
  });

  it('masks PII in the excerpt of a rejected value', async () => {
    const items = await readAll([writeTemp('pii-date.csv', 'text,created_at\nhi,call 090-1234-5678\n')]);
    expect(rejects(items)[0]!.value).toBe('call <PHONE>');
  });
});

describe('readFeedback: TSV and JSONL', () => {
  it('reads TSV (extension .tsv) with metadata columns', async () => {
    const items = await readAll([fixture('feedback.tsv')]);
    expect(rows(items).map((r) => [r.sourceId, r.text, r.product, r.metadata])).toEqual([
      ['t1', 'アプリが落ちる', 'iOS', { region: '関東' }],
      ['t2', 'The checkout is slow', 'web', { region: 'kanto' }],
    ]);
    expect(rows(items)[1]!.createdAt).toBe('2025-11-24T16:00:00.000Z');
  });

  it('reads JSONL, keeps nested extras, rejects a broken line and a non-object', async () => {
    const file = fixture('broken-line.jsonl');
    const items = await readAll([file]);
    expect(rows(items).map((r) => [r.line, r.sourceId, r.rating, r.metadata])).toEqual([
      [1, 'j1', 5, { meta: { store: '渋谷', tags: ['delivery'] } }],
      [5, 'j4', null, {}],
    ]);
    expect(rows(items)[1]!.createdAt).toBe('2025-11-24T16:00:00.000Z');
    expect(rejects(items).map((r) => [r.line, r.field, r.reason.split(' (')[0]])).toEqual([
      [2, null, 'not valid JSON'],
      [3, null, 'a JSONL line must be a JSON object, got an array'],
    ]);
  });

  it('sniffs the format of a file with another extension', async () => {
    const jsonl = writeTemp('export.txt', '{"text": "json inside"}\n');
    const tsv = writeTemp('export.dat', 'text\tchannel\ntab inside\tmail\n');
    expect(rows(await readAll([jsonl]))[0]!.text).toBe('json inside');
    expect(rows(await readAll([tsv]))[0]).toMatchObject({ text: 'tab inside', channel: 'mail' });
  });

  it('rejects a JSONL line over the limit without keeping it', async () => {
    const file = writeTemp('big.jsonl', `{"text": "${'x'.repeat(5000)}"}\n{"text": "small"}\n`);
    const items = await readAll([file], { maxFieldBytes: 1000 });
    expect(rejects(items)).toEqual([expect.objectContaining({ line: 1, reason: 'line is larger than 1000 bytes' })]);
    expect(rows(items).map((r) => [r.line, r.text])).toEqual([[2, 'small']]);
  });
});

describe('readFeedback: encodings', () => {
  const japanese = 'id,text,channel\n1,ログインできません。パスワードを再設定しても同じです,アプリ\n2,①対応が早くて助かりました～,電話\n';

  it('detects Shift_JIS (CP932) and decodes it', async () => {
    const file = writeTemp('sjis.csv', iconv.encode(japanese, 'cp932'));
    const items = await readAll([file]);
    expect(rejects(items)).toEqual([]);
    expect(rows(items).map((r) => [r.text, r.channel])).toEqual([
      ['ログインできません。パスワードを再設定しても同じです', 'アプリ'],
      ['①対応が早くて助かりました～', '電話'],
    ]);
  });

  // Files larger than the 64 KiB read chunks, so that multibyte characters and quoted fields straddle chunks.
  for (const encoding of ['cp932', 'utf8'] as const) {
    it(`decodes ${encoding} across read-chunk boundaries`, async () => {
      const body = Array.from({ length: 3000 }, (_, i) => `${i},"日本語の\nフィードバック、${i}番目です",web`).join('\n');
      const file = writeTemp(`large-${encoding}.csv`, iconv.encode(`id,text,channel\n${body}\n`, encoding));
      const items = await readAll([file]);
      expect(rejects(items)).toEqual([]);
      expect(rows(items)).toHaveLength(3000);
      expect(rows(items)[2999]).toMatchObject({ line: 6000, text: '日本語の\nフィードバック、2999番目です' });
    });
  }

  it('honours a forced encoding', async () => {
    const file = writeTemp('forced.csv', iconv.encode(japanese, 'cp932'));
    const items = await readAll([file], { encoding: 'shift_jis' });
    expect(rows(items)).toHaveLength(2);
  });

  it('rejects only the row with undecodable bytes in a UTF-8 file', async () => {
    const good = Buffer.from('id,text\n1,とても使いやすいアプリです\n2,', 'utf8');
    const bad = Buffer.from([0xff, 0xfe]);
    const rest = Buffer.from('壊れた行\n3,最後の行も読めます\n', 'utf8');
    const file = writeTemp('broken-utf8.csv', Buffer.concat([good, bad, rest]));
    const items = await readAll([file]);
    expect(rows(items).map((r) => r.sourceId)).toEqual(['1', '3']);
    expect(rejects(items)).toEqual([expect.objectContaining({ line: 3, field: 'text', reason: 'undecodable bytes: not valid UTF-8' })]);
  });

  it('reads UTF-16LE with a BOM (Excel "Unicode text")', async () => {
    const file = writeTemp('utf16.tsv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('text\tchannel\n良かった\tweb\n', 'utf16le')]));
    expect(rows(await readAll([file]))[0]).toMatchObject({ text: '良かった', channel: 'web' });
  });
});

describe('readFeedback: streaming', () => {
  // A FIFO can only be read as it is written: rows must come out before the writer has finished.
  async function firstRowsFromFifo(name: string, head: string, options?: IngestOptions): Promise<void> {
    const fifo = path.join(tmp, name);
    const { spawnSync } = await import('node:child_process');
    if (spawnSync('mkfifo', [fifo]).status !== 0) return;
    const writer = fs.createWriteStream(fifo);
    try {
      writer.write(head);
      const reader = readFeedback([fifo], options);
      const first = await reader.next();
      expect(first.value).toMatchObject({ ok: true, row: { text: 'first row' } });
      writer.end('2,last row\n');
      let last: IngestItem | undefined;
      for await (const item of reader) last = item;
      expect(last).toMatchObject({ ok: true, row: { text: 'last row' } });
    } finally {
      writer.destroy();
    }
  }

  it('yields the first row while the file is still being written (forced UTF-8)', async () => {
    await firstRowsFromFifo('stream-utf8.csv', 'id,text\n1,first row\n', { encoding: 'utf8' });
  }, 10_000);

  it('yields rows once the 64 KiB sniffing window is read, long before the end (auto encoding)', async () => {
    const padding = Array.from({ length: 3000 }, (_, i) => `p${i},padding row ${i} with some text\n`).join('');
    await firstRowsFromFifo('stream-auto.csv', `id,text\n1,first row\n${padding}`);
  }, 10_000);

  it('throws IngestFatalError naming a file that cannot be read', async () => {
    const missing = path.join(tmp, 'nope.csv');
    await expect(readAll([missing])).rejects.toMatchObject({ name: 'IngestFatalError', file: missing });
  });

  it('rejects bad options before reading', async () => {
    await expect(readAll([fixture('empty.csv')], { timezone: 'JST' })).rejects.toThrow(/timezone/);
    await expect(readAll([fixture('empty.csv')], { fieldMap: { body: 'x' } as never })).rejects.toThrow(/unknown field "body"/);
  });
});

describe('readFeedback from a resume point (rows of the first file passed over unbuilt)', () => {
  // Each case: a file whose rows include rejections the reader recovers from; passing over the first n rows must
  // give exactly the items after them — same lines, same reasons, the same reader state (header, quotes, encoding).
  const cases: [string, string, IngestOptions?][] = [
    ['CSV with stray and unclosed quotes', fixture('stray-quotes.csv')],
    ['JSON Lines with a broken line', fixture('broken-line.jsonl')],
    ['UTF-16LE Google Play export', path.join(FIXTURES, 'presets', 'google-play.csv'), { preset: 'google-play' }],
    ['Shift_JIS survey', path.join(FIXTURES, 'presets', 'ja-survey.csv'), { preset: 'ja-survey' }],
  ];
  it.each(cases)('%s', async (_name, file, options) => {
    const counted = (items: IngestItem[]): IngestItem[] => items.filter((i) => i.ok || i.fileProblem === undefined);
    const all = counted(await readAll([file], options));
    expect(all.length).toBeGreaterThan(2);
    for (let n = 0; n <= all.length; n++) {
      const rest: IngestItem[] = [];
      for await (const item of readFeedback([file], options, { rows: n })) rest.push(item);
      expect(counted(rest)).toEqual(all.slice(n));
    }
  });
});
