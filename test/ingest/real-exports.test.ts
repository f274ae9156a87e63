// Real export layouts and damaged files: each preset on a fixture in its layout, the stray-quote swallow case,
// text hygiene (U+FFFD, NUL, invisible-only text), several text fields, dotted JSON paths, HTML, constants, dates.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFeedback, type IngestOptions } from '../../src/ingest/index.js';
import type { IngestItem, RawFeedback, RejectedRow } from '../../src/types.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const preset = (name: string): string => path.join(FIXTURES, 'presets', name);

async function readAll(files: string[], options?: IngestOptions): Promise<IngestItem[]> {
  const items: IngestItem[] = [];
  for await (const item of readFeedback(files, options)) items.push(item);
  return items;
}
const rows = (items: IngestItem[]): RawFeedback[] => items.flatMap((i) => (i.ok ? [i.row] : []));
const rejects = (items: IngestItem[]): RejectedRow[] => items.flatMap((i) => (i.ok || i.fileProblem ? [] : [i.rejected]));
const warnings = (items: IngestItem[]): string[] => items.flatMap((i) => (!i.ok && i.fileProblem === 'warning' ? [i.rejected.reason] : []));

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'koe-exports-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});
function writeTemp(name: string, content: string | Buffer): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('presets, each on a file in its real layout', () => {
  it('google-play: UTF-16LE with BOM, title + text joined, stars, a rating without text kept', async () => {
    const items = await readAll([preset('google-play.csv')], { preset: 'google-play' });
    expect(rejects(items)).toEqual([]);
    expect(warnings(items)).toEqual([]);
    const r = rows(items);
    expect(r).toHaveLength(6);
    expect(r[0]).toMatchObject({
      text: '起動しない\nアップデート後アプリが起動直後に落ちます。',
      createdAt: '2026-11-01T09:12:33.000Z',
      rating: 1,
      ratingScale: 'stars',
      channel: 'google_play',
      product: 'com.koemart.app',
      source: 'google-play-console',
      sourceKey: 'google-play.csv',
    });
    expect(r[0]!.metadata).toMatchObject({ Device: 'SO-51C', 'App Version Name': '5.2.1' });
    expect(r[0]!.metadata).not.toHaveProperty('Review Text');
    // Row 4: stars and no title or text: a rating-only row, not "text is empty".
    expect(r[2]).toMatchObject({ line: 4, text: '', rating: 4, ratings: [{ scale: 'stars', rating: 4 }] });
  });

  it('app-store: "Sep 01, 2026" dates, title + review, the reviewer nickname dropped', async () => {
    const items = await readAll([preset('app-store.csv')], { preset: 'app-store' });
    expect(rejects(items)).toEqual([]);
    const r = rows(items);
    expect(r).toHaveLength(4);
    expect(r[0]).toMatchObject({ createdAt: '2026-09-01T00:00:00.000Z', rating: 2, ratingScale: 'stars', channel: 'app_store', product: 'KoeMart' });
    expect(r[0]!.text).toBe('Crashes on launch\nSince 5.2.0 the app closes right after the splash screen. Please fix!');
    expect(r[2]!.text).toBe('Good, but\nSearch could be smarter, e.g. "milk" should find soy milk.');
    expect(r[0]!.metadata).toEqual({ Version: '5.2.0', Territory: 'JPN' });
    // --timezone still applies to the dates the preset reads
    const jst = rows(await readAll([preset('app-store.csv')], { preset: 'app-store', timezone: '+09:00' }));
    expect(jst[0]!.createdAt).toBe('2026-08-31T15:00:00.000Z');
  });

  it('zendesk: subject + multi-line description, ticket id, Via as channel, requester columns not kept', async () => {
    const items = await readAll([preset('zendesk.csv')], { preset: 'zendesk' });
    expect(rejects(items)).toEqual([]);
    const r = rows(items);
    expect(r.map((x) => x.sourceId)).toEqual(['10231', '10232', '10233']);
    expect(r[0]!.text).toBe('Refund for missing item\nHello,\nmy order A-12345 arrived without the eggs.\nCould you refund them?\n\nThanks, Jane');
    expect(r[0]).toMatchObject({ channel: 'email', source: 'zendesk', createdAt: '2026-11-04T09:15:00.000Z', rating: null });
    expect(Object.keys(r[0]!.metadata).sort()).toEqual(['Priority', 'Satisfaction Score', 'Status', 'Tags', 'Updated at']);
  });

  it('intercom: nested source.body HTML to plain text, rating from conversation_rating, author dropped', async () => {
    const items = await readAll([preset('intercom.jsonl')], { preset: 'intercom' });
    expect(rejects(items)).toEqual([]);
    const r = rows(items);
    expect(r).toHaveLength(3);
    expect(r[0]!.text).toBe('Hi there,\n\nthe app shows "payment failed" but my card was charged & I got no order.');
    expect(r[1]!.text).toBe('配達時間を夜に変更できますか？\nよろしくお願いします。');
    expect(r[2]!.text).toBe('Thanks\nGreat support, thank you!');
    expect(r[0]).toMatchObject({ sourceId: '215468000001', rating: 2, ratingScale: 'csat', channel: 'chat', source: 'intercom', createdAt: '2026-11-04T10:00:00.000Z' });
    expect(r[1]).toMatchObject({ rating: null, ratingScale: null });
    const meta = r[0]!.metadata as { source: Record<string, unknown> };
    expect(meta.source).toEqual({ type: 'conversation', delivered_as: 'customer_initiated' }); // no body, no author
  });

  it('ja-survey: Shift_JIS, NPS and CSAT from their own columns, JST dates, empty comments kept as rating-only', async () => {
    const items = await readAll([preset('ja-survey.csv')], { preset: 'ja-survey' });
    const r = rows(items);
    expect(r.map((x) => x.sourceId)).toEqual(['A001', 'A002', 'A003', 'A004', 'A005']);
    expect(r[0]).toMatchObject({
      text: '配送が早くて助かります',
      createdAt: '2026-11-01T00:00:00.000Z',
      channel: 'survey',
      rating: 9,
      ratingScale: 'nps',
      ratings: [
        { scale: 'nps', rating: 9 },
        { scale: 'csat', rating: 5 },
      ],
    });
    expect(r[2]).toMatchObject({ sourceId: 'A003', text: '', ratings: [{ scale: 'nps', rating: 8 }, { scale: 'csat', rating: 4 }] });
    // A006 has neither a comment nor a rating: that one is rejected, with its line.
    expect(rejects(items)).toEqual([expect.objectContaining({ line: 7, field: 'text', reason: 'text is empty' })]);
  });
});

describe('a CSV with stray quotes', () => {
  it('rejects each broken record with its line and reads every good row after it', async () => {
    const items = await readAll([path.join(FIXTURES, 'stray-quotes.csv')]);
    const r = rows(items);
    // 20 rows, 5 with a quote that never closes on its line: 15 stored, 5 rejected, none swallowed.
    expect(r.map((x) => x.sourceId)).toEqual(['r01', 'r02', 'r03', 'r05', 'r06', 'r07', 'r09', 'r10', 'r11', 'r13', 'r14', 'r16', 'r17', 'r18', 'r20']);
    expect(rejects(items).map((x) => x.line)).toEqual([5, 9, 13, 16, 21]);
    expect(rejects(items)[0]!.reason).toMatch(/stray quote: the quoted field opened on line 5/);
    for (const row of r) expect(row.text).not.toMatch(/2026-11|broken/); // no text holds the next rows' fields
    expect(r.find((x) => x.sourceId === 'r17')!.text).toBe('a good answer\nover two lines');
  });

  it('also catches a stray quote "closed" right before a delimiter, when the record gets too many fields', async () => {
    // The stray quote opens the third column; the quote that "closes" it ends the second column of line 4.
    const text = 'id,text,n\n1,a,"3\n2,fine,2\n3,ends here",3\n4,last,4\n';
    const items = await readAll([writeTemp('count.csv', text)]);
    expect(rows(items).map((x) => x.sourceId)).toEqual(['2', '3', '4']);
    expect(rejects(items).map((x) => x.line)).toEqual([2]);
  });
});

describe('text hygiene', () => {
  it('keeps U+FFFD as text but rejects bytes that are not UTF-8', async () => {
    const good = Buffer.from('id,text\n1,文字化け\uFFFDした注文\n', 'utf8');
    const bad = Buffer.concat([Buffer.from('id,text\n1,ok\n2,bad '), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from(' bytes\n3,ok too\n')]);
    const g = await readAll([writeTemp('fffd.csv', good)]);
    expect(rejects(g)).toEqual([]);
    expect(rows(g)[0]!.text).toBe('文字化け\uFFFDした注文');
    const b = await readAll([writeTemp('bad-bytes.csv', bad)]);
    expect(rows(b).map((x) => x.sourceId)).toEqual(['1', '3']);
    expect(rejects(b)).toEqual([expect.objectContaining({ line: 3, field: 'text', reason: 'undecodable bytes: not valid UTF-8' })]);
  });

  it('rejects a text that is only control or zero-width characters as empty, saying so', async () => {
    const items = await readAll([writeTemp('controls.csv', 'id,text\n1,\u0000\u200B\u0007\n2,ok\n')]);
    expect(rejects(items)).toEqual([expect.objectContaining({ line: 2, field: 'text', reason: 'text is empty after removing 3 control or invisible character(s)' })]);
    expect(rows(items).map((x) => x.sourceId)).toEqual(['2']);
  });

  it('reads UTF-16 without a BOM by its zero bytes', async () => {
    const le = Buffer.from('id,text\n1,こんにちは\n2,hello\n', 'utf16le');
    expect(rows(await readAll([writeTemp('nobom-le.csv', le)])).map((x) => x.text)).toEqual(['こんにちは', 'hello']);
    const be = Buffer.from(le).swap16();
    expect(rows(await readAll([writeTemp('nobom-be.csv', be)])).map((x) => x.text)).toEqual(['こんにちは', 'hello']);
  });
});

describe('field mapping for real layouts', () => {
  it('joins several text columns, skipping empty ones', async () => {
    const file = writeTemp('title-body.csv', 'title,body\nSlow,It takes a minute to open\n,Only a body\nOnly a title,\n');
    const r = rows(await readAll([file], { fieldMap: { text: 'title,body' } }));
    expect(r.map((x) => x.text)).toEqual(['Slow\nIt takes a minute to open', 'Only a body', 'Only a title']);
  });

  it('follows dotted paths into nested JSON and keeps the rest of the object as metadata', async () => {
    const file = writeTemp('nested.jsonl', '{"id":"m1","message":{"body":"Where is my parcel?","lang":"en"},"user":{"plan":"pro"}}\n');
    const r = rows(await readAll([file], { fieldMap: { text: 'message.body' } }));
    expect(r[0]).toMatchObject({ sourceId: 'm1', text: 'Where is my parcel?', metadata: { message: { lang: 'en' }, user: { plan: 'pro' } } });
  });

  it('turns HTML into text when it holds tags, and leaves a lone "<" alone', async () => {
    const file = writeTemp('html.csv', 'id,text\n1,"<p>Order &amp; pay</p><p>broke</p>"\n2,price < 100 and > 50\n');
    const r = rows(await readAll([file]));
    expect(r.map((x) => x.text)).toEqual(['Order & pay\n\nbroke', 'price < 100 and > 50']);
    const off = rows(await readAll([file], { html: false }));
    expect(off[0]!.text).toBe('<p>Order &amp; pay</p><p>broke</p>');
  });

  it('sets a constant for every row, over a column of that name', async () => {
    const file = writeTemp('const.csv', 'text,channel\na,web\nb,\n');
    const r = rows(await readAll([file], { set: { channel: 'app_store', product: 'KoeMart app' } }));
    expect(r.map((x) => [x.channel, x.product])).toEqual([
      ['app_store', 'KoeMart app'],
      ['app_store', 'KoeMart app'],
    ]);
    expect(r[0]!.metadata).toEqual({ channel: 'web' }); // the column is kept, as metadata
  });

  it('reads a date format given as a date-fns pattern', async () => {
    const file = writeTemp('dates.csv', 'text,created_at\na,01.09.2026 14:30\n');
    const r = rows(await readAll([file], { dateFormat: 'dd.MM.yyyy HH:mm', timezone: '+09:00' }));
    expect(r[0]!.createdAt).toBe('2026-09-01T05:30:00.000Z');
  });

  it('reads several ratings per row, CES with its declared direction, and rejects one off its scale', async () => {
    const file = writeTemp('ratings.csv', 'text,推奨,満足,努力\nok,9,4,6\nbad,11,4,6\n');
    const items = await readAll([file], { ratings: { nps: '推奨', csat: '満足', ces: '努力' }, cesEasy: 'high' });
    expect(rows(items)[0]!.ratings).toEqual([
      { scale: 'nps', rating: 9 },
      { scale: 'csat', rating: 4 },
      { scale: 'ces', rating: 6, easyEnd: 'high' },
    ]);
    expect(rejects(items)).toEqual([expect.objectContaining({ line: 3, field: 'nps rating', reason: 'rating 11 is outside the nps scale 0–10' })]);
  });
});

describe('inputs that are not feedback', () => {
  it('calls a file without a text column, a zip-based workbook or a JSON array unusable', async () => {
    const noText = await readAll([writeTemp('notext.csv', 'id,score\n1,5\n')]);
    expect(noText).toEqual([expect.objectContaining({ ok: false, fileProblem: 'unusable' })]);
    const xlsx = await readAll([writeTemp('export.dat', Buffer.from('PK\u0003\u0004\u0014\u0000\u0006\u0000binary'))]);
    expect(xlsx).toEqual([expect.objectContaining({ fileProblem: 'unusable' })]);
    expect((xlsx[0] as { rejected: RejectedRow }).rejected.reason).toMatch(/not a supported format/);
    const array = await readAll([writeTemp('array.jsonl', '[{"text":"a"}]\n')]);
    expect((array[0] as { rejected: RejectedRow }).rejected.reason).toMatch(/JSON array, not JSON Lines/);
  });
});
