import { parseArgs } from 'node:util';
import { EXIT_OK, UsageError, type Command } from '../command.js';
import { computeTrends, GRANULARITIES, type Granularity } from '../../index.js';
import { writeRows } from '../format.js';
import { DB_OPTION, dbUsage, FORMAT_OPTION, formatUsage, openDatabase, parseRowFormat, PERIOD_OPTIONS, periodUsage, readPeriod } from '../options.js';

export const trendsCommand: Command = {
  name: 'trends',
  summary: 'Volume, share of all feedback, mean sentiment and share negative per day, ISO week or month.',
  usage: `koe trends --db PATH [--by day|week|month] [--theme ID] [--channel X] [--product Y] [--lang ja|en]
           [--stage S] [--touchpoint T] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--format table|csv|jsonl]

Every period from --since (default: first day in the data) to --until (default: last day) is listed; periods
without feedback show 0. Weeks are ISO 8601 (2026-W05, Monday to Sunday, in --timezone, default UTC). A theme filter counts
documents whose primary theme it is; "share" is the filtered volume over all feedback in the period.

Options:
${dbUsage()}
  --by PERIOD       day, week (default) or month
  --theme ID        only this theme (e.g. t3)
  --channel X       only this channel
  --product Y       only this product
  --lang L          only this language (ja, en, other)
  --stage S         only this journey stage (discover, purchase, delivery, onboarding, use, support, billing, cancel)
  --touchpoint T    only this touchpoint (web, app, store, call_centre, email, chat, delivery)
${periodUsage()}
${formatUsage()}`,
  examples: ['koe trends --db koe.db --by week', 'koe trends --db koe.db --by month --theme t3 --lang ja --format csv'],
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: {
        ...DB_OPTION,
        ...PERIOD_OPTIONS,
        ...FORMAT_OPTION,
        by: { type: 'string' },
        theme: { type: 'string' },
        channel: { type: 'string' },
        product: { type: 'string' },
        lang: { type: 'string' },
        stage: { type: 'string' },
        touchpoint: { type: 'string' },
      },
    });
    const by = (values.by ?? 'week') as Granularity;
    if (!GRANULARITIES.includes(by)) throw new UsageError(`--by must be day, week or month, got "${values.by}"`);
    const format = parseRowFormat(values.format);
    const { since, until, timeZone } = readPeriod(values);
    const store = openDatabase(values.db);
    try {
      if (values.theme && !store.db.prepare('SELECT 1 FROM themes WHERE id = ?').get(values.theme)) {
        throw new UsageError(`no theme "${values.theme}" (koe query top-negative-themes lists themes)`);
      }
      const result = computeTrends(store.db, {
        by,
        since,
        until,
        themeId: values.theme ?? null,
        channel: values.channel ?? null,
        product: values.product ?? null,
        lang: values.lang ?? null,
        stage: values.stage ?? null,
        touchpoint: values.touchpoint ?? null,
        timeZone,
      });
      const round = (x: number | null, digits: number) => (x === null ? null : Number(x.toFixed(digits)));
      const rows = result.points.map((p) => ({
        period: p.period,
        documents: p.documents,
        share: round(p.share, 4),
        negative: p.negative,
        share_negative: round(p.shareNegative, 4),
        mean_sentiment: round(p.meanSentiment, 4),
        all_documents: p.allDocuments,
      }));
      await writeRows(io, format, ['period', 'documents', 'share', 'negative', 'share_negative', 'mean_sentiment', 'all_documents'], rows);
    } finally {
      store.close();
    }
    return EXIT_OK;
  },
};
