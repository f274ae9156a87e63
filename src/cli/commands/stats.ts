import { parseArgs } from 'node:util';
import { EXIT_OK, type Command } from '../command.js';
import { collectStats, themesEncoder, themesPredateDictionary } from '../../index.js';
import { formatTable } from '../format.js';
import { DB_OPTION, dbUsage, FORMAT_OPTION, formatUsage, openDatabase, parseFormat } from '../options.js';

function breakdown(title: string, counts: Record<string, number>, total: number): string {
  const parts = Object.entries(counts).map(([k, n]) => `${k} ${n} (${total ? ((n / total) * 100).toFixed(0) : 0}%)`);
  return `${title.padEnd(11)} ${parts.join(' · ') || '—'}\n`;
}

export const statsCommand: Command = {
  name: 'stats',
  summary: 'Summarize the database: documents by language, sentiment, kind, channel; themes; recent runs.',
  usage: `koe stats --db PATH [--format table|json]

Options:
${dbUsage(16)}
${formatUsage(16, ['table', 'json'])}`,
  examples: ['koe stats --db koe.db', 'koe stats --db koe.db --format json'],
  async run(argv, io) {
    const { values } = parseArgs({ args: argv, options: { ...DB_OPTION, ...FORMAT_OPTION } });
    const format = parseFormat(values.format, ['table', 'json'], 'table');
    const store = openDatabase(values.db);
    try {
      const s = { ...collectStats(store.db), themesPredateDictionary: themesPredateDictionary(store.db), themeEncoder: themesEncoder(store.db) };
      if (format === 'json') {
        io.stdout.write(JSON.stringify(s, null, 2) + '\n');
        return EXIT_OK;
      }
      const n = s.documents;
      io.stdout.write(
        `documents   ${n} (${s.firstDate?.slice(0, 10) ?? '—'} … ${s.lastDate?.slice(0, 10) ?? '—'}), ` +
          `${s.rejectedRows} rejected rows on record\n` +
          breakdown('language', s.byLang, n) +
          breakdown('sentiment', s.bySentiment, n) +
          breakdown('kind', s.byKind, n) +
          breakdown('channel', s.byChannel, n) +
          breakdown('product', s.byProduct, n) +
          `themes      ${s.activeThemes} active, ${(s.unthemedShare * 100).toFixed(1)}% of documents unthemed` +
          `${s.themePending > 0 ? ` (${s.themePending} not yet through a theme step)` : ''}\n` +
          (s.themesPredateDictionary
            ? `            found with an older concept dictionary: koe themes rebuild --db ${values.db} finds them again with the current one\n`
            : '') +
          (s.themeEncoder
            ? `            found with sentence encoder ${s.themeEncoder} beside the words: runs keep it with --theme-encoder ${s.themeEncoder} (or themes.encoder in the config)\n`
            : '') +
          `\nrecent runs\n` +
          formatTable(
            ['run', 'started', 'status', 'read', 'new', 'updated', 'unchanged', 'rejected', 'seconds'],
            s.lastRuns.map((r) => ({
              run: r.id,
              started: r.startedAt.slice(0, 19).replace('T', ' '),
              status: r.status,
              read: r.rowsRead,
              new: r.inserted,
              updated: r.updated,
              unchanged: r.unchanged,
              rejected: r.rejected,
              seconds: r.durationMs == null ? null : r.durationMs / 1000,
            })),
          ),
      );
    } finally {
      store.close();
    }
    return EXIT_OK;
  },
};
