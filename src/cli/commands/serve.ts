import { parseArgs } from 'node:util';
import { EXIT_OK, UsageError, integerFlag, type Command } from '../command.js';
import { startServer, UnsafeBindError } from '../../index.js';
import { DB_OPTION, dbUsage, openDatabase, resolveThemeConfigOption, resolveTimeZoneOption, TIME_ZONE_OPTIONS, timeZoneUsage } from '../options.js';
import { writeOut } from '../format.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: "The support lead's workspace: this week's themes, drill-down, search, curation and follow-ups in a browser.",
  usage: `koe serve --db PATH [--port 8080] [--host 127.0.0.1] [--lang ja|en] [--timezone ZONE]
           [--token SECRET | --read-only] [--min-ratings N]

A local web app and JSON API (/api/…, see README) over one koe database: This week (themes ranked by change
against their own baseline, with the counts behind every figure), a page per theme (documents paged, facets,
full-text search in Japanese and English, trend, related themes, curation with undo), follow-ups, search across
all feedback. Nothing is loaded from the network. Stops with Ctrl-C.

Safe by default: it listens on 127.0.0.1 only. Another --host serves other machines and needs --token (every
request then carries it: open the page once with ?token=SECRET, or send Authorization: Bearer SECRET) or
--read-only. Every change is a POST with a CSRF token; the server writes only to the database.

Options:
${dbUsage(17)}
  --port N         port (default 8080; 0 picks a free one)
  --host HOST      address to listen on (default 127.0.0.1)
  --lang L         ja (default) or en: the page language (a switch in the page changes it)
${timeZoneUsage(17)}
  --token SECRET   required on every request (needed for a non-loopback --host unless --read-only)
  --read-only      no curation and no follow-up marks: pages and GET /api only
  --min-ratings N  fewest ratings behind an NPS / CSAT impact figure (default 10)
  --config FILE    koe.config.json for the time zone and the themes settings used by curation and Rebuild themes`,
  examples: ['koe serve --db koe.db', 'koe serve --db koe.db --lang en --timezone Asia/Tokyo --port 8081'],
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: {
        ...DB_OPTION,
        ...TIME_ZONE_OPTIONS,
        port: { type: 'string' },
        host: { type: 'string' },
        lang: { type: 'string' },
        token: { type: 'string' },
        'read-only': { type: 'boolean' },
        'min-ratings': { type: 'string' },
      },
    });
    const lang = values.lang ?? 'ja';
    if (lang !== 'ja' && lang !== 'en') throw new UsageError(`--lang must be ja or en, got "${lang}"`);
    const port = integerFlag('port', values.port, 0) ?? 8080;
    if (port > 65535) throw new UsageError(`--port must be 0–65535, got ${port}`);
    if (values.token !== undefined && values.token.length < 8) throw new UsageError('--token must be at least 8 characters');
    const timeZone = resolveTimeZoneOption(values.timezone, values.config);
    const themeConfig = resolveThemeConfigOption(values.config);
    // --read-only opens the file read-only, as every read-only command does: a database that still needs an
    // upgrade (the search index comes with migration 008) is refused with a sentence, not migrated.
    const store = openDatabase(values.db, { write: !values['read-only'] });
    let server;
    try {
      server = await startServer({
        db: store.db,
        host: values.host ?? '127.0.0.1',
        port,
        lang,
        timeZone,
        token: values.token ?? null,
        readOnly: values['read-only'] ?? false,
        themeConfig,
        minRatings: integerFlag('min-ratings', values['min-ratings'], 0) ?? 10,
      });
    } catch (err) {
      store.close();
      if (err instanceof UnsafeBindError) throw new UsageError(err.message);
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError(`port ${port} is in use: pick another with --port`);
      throw err;
    }
    await writeOut(io.stdout, `koe serve: ${server.url}/  (${values.db}; ${values['read-only'] ? 'read-only' : 'curation on'}; Ctrl-C stops)\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void server.close().then(() => {
          store.close();
          resolve();
        });
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return EXIT_OK;
  },
};
