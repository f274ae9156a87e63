import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { EXIT_OK, UsageError, type Command } from '../command.js';
import { openStore, exportRecords, type ExportRecord } from '../../index.js';
import { csvLine, writeOut } from '../format.js';

const CSV_COLUMNS = [
  'id', 'lang', 'text', 'sentiment_label', 'sentiment_score', 'sentiment_confidence', 'emotions', 'kind',
  'kind_confidence', 'theme_id', 'theme_label', 'themes', 'created_at', 'rating', 'rating_scale', 'channel',
  'product', 'source', 'stage', 'touchpoint',
] as const;

function csvValues(r: ExportRecord): unknown[] {
  const primary = r.themes[0];
  return [
    r.id, r.lang, r.text, r.sentiment.label, r.sentiment.score, r.sentiment.confidence, r.emotions.join(' '), r.kind,
    r.kind_confidence, primary?.id ?? null, primary?.label ?? null, r.themes.map((t) => t.id).join(' '), r.created_at,
    r.rating, r.rating_scale, r.channel, r.product, r.source, r.stage, r.touchpoint,
  ];
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'Write every document with its language, sentiment, kind and themes (JSONL or CSV).',
  usage: `koe export --db PATH [--format jsonl|csv] [--out FILE]

One record per document (the export contract, see README):
  {"id", "lang", "text", "sentiment": {"label", "score", "confidence"}, "emotions", "kind", "kind_confidence",
   "themes": [{"id", "label"}] (primary first), "created_at", "rating", "rating_scale", "channel", "product",
   "source", "stage", "touchpoint"}
Without --out, records go to stdout and nothing else does.

Options:
  --db PATH        database written by koe run          [required]
  --format FMT     jsonl (default) or csv
  --out FILE       write to FILE instead of stdout`,
  examples: ['koe export --db koe.db > feedback.jsonl', 'koe export --db koe.db --format csv --out feedback.csv'],
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: { db: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
    });
    if (!values.db) throw new UsageError('--db PATH is required');
    const format = values.format ?? 'jsonl';
    if (format !== 'jsonl' && format !== 'csv') throw new UsageError(`--format must be jsonl or csv, got "${format}"`);
    if (!fs.existsSync(values.db)) throw new UsageError(`no database at ${values.db} (create it with koe run)`);
    const store = openStore(values.db, { readonly: true });
    const out = values.out ? fs.createWriteStream(values.out) : io.stdout;
    try {
      if (format === 'csv') await writeOut(out, csvLine([...CSV_COLUMNS]));
      for (const record of exportRecords(store.db)) {
        await writeOut(out, format === 'csv' ? csvLine(csvValues(record)) : JSON.stringify(record) + '\n');
      }
    } finally {
      store.close();
      if (values.out) await new Promise<void>((resolve, reject) => (out as fs.WriteStream).end((err?: Error | null) => (err ? reject(err) : resolve())));
    }
    return EXIT_OK;
  },
};
