import fs from 'node:fs';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { EXIT_OK, UsageError, type Command } from '../command.js';
import { exportRecords, type ExportRecord } from '../../index.js';
import { DB_OPTION, existingDatabase, openDatabase } from '../options.js';
import { csvLine, writeOut } from '../format.js';
import { checkOutPath, outWriteError } from '../out-path.js';

type CsvEncoding = 'utf-8' | 'shift_jis';

/** Byte order mark: Japanese Excel opens a UTF-8 CSV without one as Shift_JIS and shows mojibake. */
const UTF8_BOM = '\uFEFF';

function parseEncoding(value: string | undefined, excel: boolean): CsvEncoding {
  if (value === undefined) return excel ? 'shift_jis' : 'utf-8';
  const v = value.toLowerCase().replace(/[-_]/g, '');
  if (v === 'utf8') return 'utf-8';
  if (v === 'shiftjis' || v === 'sjis' || v === 'cp932') return 'shift_jis';
  throw new UsageError(`--encoding must be utf-8 or shift_jis, got "${value}"`);
}

const CSV_COLUMNS = [
  'id', 'lang', 'text', 'sentiment_label', 'sentiment_score', 'sentiment_confidence', 'emotions', 'kind',
  'kind_confidence', 'theme_id', 'theme_label', 'themes', 'created_at', 'rating', 'rating_scale', 'ratings',
  'channel', 'product', 'source', 'stage', 'touchpoint',
] as const;

function csvValues(r: ExportRecord): unknown[] {
  const primary = r.themes[0];
  return [
    r.id, r.lang, r.text, r.sentiment?.label ?? null, r.sentiment?.score ?? null, r.sentiment?.confidence ?? null,
    r.emotions.join(' '), r.kind, r.kind_confidence, primary?.id ?? null, primary?.label ?? null,
    r.themes.map((t) => t.id).join(' '), r.created_at, r.rating, r.rating_scale,
    Object.entries(r.ratings).map(([scale, value]) => `${scale}:${value}`).join(' '), r.channel, r.product, r.source,
    r.stage, r.touchpoint,
  ];
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'Write every document with its language, sentiment, kind and themes (JSONL or CSV).',
  usage: `koe export --db PATH [--format jsonl|csv] [--out FILE] [--raw] [--excel | --encoding utf-8|shift_jis] [--no-bom]

One record per document (the export contract, see README):
  {"id", "lang", "text", "sentiment": {"label", "score", "confidence"}, "emotions", "kind", "kind_confidence",
   "themes": [{"id", "label"}] (primary first), "created_at", "rating", "rating_scale", "ratings": {SCALE: VALUE}, "channel",
   "product", "source", "stage", "touchpoint"}
A rating-only document (a survey answer with no comment) has "sentiment": null and "kind": null.
Without --out, records go to stdout and nothing else does.

CSV is safe to open in a spreadsheet: a text cell that begins with = + - @, a tab or a carriage return is
prefixed with ' (OWASP "CSV Injection"), so Excel shows it instead of running it; --raw turns that off. CSV is
UTF-8 with a byte order mark, so Japanese Excel opens it correctly; --excel (= --encoding shift_jis, no BOM) is
for older Excel (characters Shift_JIS lacks, such as emoji, become ?). JSONL is written as it is stored.

Options:
  --db PATH        database written by koe run          [required]
  --format FMT     jsonl (default) or csv
  --out FILE       write to FILE instead of stdout (never the database itself)
  --raw            CSV: leave cells that look like formulas as they are
  --encoding ENC   CSV: utf-8 (default, with BOM) or shift_jis
  --excel          CSV: for older Japanese Excel (Shift_JIS)
  --no-bom         CSV in UTF-8 without the byte order mark`,
  examples: [
    'koe export --db koe.db > feedback.jsonl',
    'koe export --db koe.db --format csv --out feedback.csv',
    'koe export --db koe.db --format csv --excel --out feedback-sjis.csv',
  ],
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: {
        ...DB_OPTION,
        format: { type: 'string' },
        out: { type: 'string' },
        raw: { type: 'boolean' },
        encoding: { type: 'string' },
        excel: { type: 'boolean' },
        'no-bom': { type: 'boolean' },
      },
    });
    const dbPath = existingDatabase(values.db);
    const format = values.format ?? 'jsonl';
    if (format !== 'jsonl' && format !== 'csv') throw new UsageError(`--format must be jsonl or csv, got "${format}"`);
    const csvOnly = ['raw', 'encoding', 'excel', 'no-bom'].filter((f) => values[f as keyof typeof values] !== undefined);
    if (format === 'jsonl' && csvOnly.length > 0) throw new UsageError(`--${csvOnly[0]} is for --format csv (JSONL is written as stored)`);
    if (values.excel && values.encoding !== undefined && parseEncoding(values.encoding, false) !== 'shift_jis') {
      throw new UsageError('--excel writes Shift_JIS; it cannot be combined with --encoding utf-8');
    }
    const encoding = parseEncoding(values.encoding, values.excel === true);
    if (values.out) checkOutPath(values.out, dbPath);
    const store = openDatabase(dbPath);
    const csvOptions = { raw: values.raw === true };
    const encode = (chunk: string): string | Buffer => (encoding === 'shift_jis' ? iconv.encode(chunk, 'shift_jis') : chunk);
    const out: NodeJS.WritableStream = values.out ? fs.createWriteStream(values.out) : io.stdout;
    let writeError: unknown = null;
    if (values.out) out.on('error', (err: unknown) => (writeError = err));
    try {
      if (format === 'csv') {
        const bom = encoding === 'utf-8' && !values['no-bom'] ? UTF8_BOM : '';
        await writeOut(out, encode(bom + csvLine([...CSV_COLUMNS], csvOptions)));
      }
      for (const record of exportRecords(store.db)) {
        if (writeError) break;
        await writeOut(out, format === 'csv' ? encode(csvLine(csvValues(record), csvOptions)) : JSON.stringify(record) + '\n');
      }
    } finally {
      store.close();
      if (values.out) await new Promise<void>((resolve) => (out as fs.WriteStream).end(() => resolve()));
    }
    if (writeError && values.out) throw outWriteError(values.out, writeError);
    return EXIT_OK;
  },
};
