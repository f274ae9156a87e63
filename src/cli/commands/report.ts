import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT_OK, UsageError, integerFlag, type Command } from '../command.js';
import { collectReportData, renderReportHtml, parseDurationDays } from '../../index.js';
import { writeOut } from '../format.js';
import { asUsage, DB_OPTION, dbUsage, openDatabase, PERIOD_OPTIONS, readPeriod, timeZoneUsage } from '../options.js';
import { checkOutPath, outWriteError } from '../out-path.js';

export const reportCommand: Command = {
  name: 'report',
  summary: 'Write one self-contained HTML report: summary, top themes, emerging issues, journey, follow-ups.',
  usage: `koe report --db PATH --out FILE [--lang ja|en] [--since YYYY-MM-DD] [--until YYYY-MM-DD]
           [--window 7d] [--baseline 8w] [--title TEXT]

One HTML file with inline CSS and SVG charts: it loads nothing from the network and opens offline. Sections:
summary numbers (volume, negative share, NPS, CSAT, CES, follow-ups); every theme ranked by change against its
own baseline (the first ten open, the rest collapsed) with weekly sparklines, share negative, NPS impact (only
from --min-ratings NPS responses) and quotes; emerging issues (window ending on --until, else the latest day in the data);
feature-request themes; journey-stage and touchpoint heat maps with the "moment of truth"; open follow-ups.
Quotes are the stored, PII-masked text.

Options:
${dbUsage(17)}
  --out FILE       where to write the report (e.g. report.html)   [required]
  --lang L         ja (default) or en: the language of the report's own text
  --since DAY      first day covered (default: first day in the data)
  --until DAY      last day covered (default: last day in the data)
  --window DUR     emerging-issue window (default 7d)
  --baseline DUR   emerging-issue baseline (default 8w)
  --title TEXT     page title
${timeZoneUsage(17)}
  --min-ratings N  fewest NPS responses behind a theme's NPS impact (default 10); fewer show the count only`,
  examples: ['koe report --db koe.db --out report.html', 'koe report --db koe.db --out weekly.html --lang en --since 2026-06-01'],
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: {
        ...DB_OPTION,
        ...PERIOD_OPTIONS,
        out: { type: 'string' },
        lang: { type: 'string' },
        window: { type: 'string' },
        baseline: { type: 'string' },
        title: { type: 'string' },
        'min-ratings': { type: 'string' },
      },
    });
    if (!values.out) throw new UsageError('--out FILE is required (e.g. --out report.html)');
    const lang = values.lang ?? 'ja';
    if (lang !== 'ja' && lang !== 'en') throw new UsageError(`--lang must be ja or en, got "${lang}"`);
    const { since, until, timeZone } = readPeriod(values);
    const windowDays = values.window === undefined ? undefined : asUsage(() => parseDurationDays(values.window!, 'window'));
    const baselineDays = values.baseline === undefined ? undefined : asUsage(() => parseDurationDays(values.baseline!, 'baseline'));
    const minRatings = integerFlag('min-ratings', values['min-ratings'], 0);
    checkOutPath(values.out, values.db);
    const store = openDatabase(values.db);
    let html: string;
    try {
      const data = collectReportData(store.db, {
        lang,
        since,
        until,
        ...(windowDays ? { emergingWindowDays: windowDays } : {}),
        ...(baselineDays ? { emergingBaselineDays: baselineDays } : {}),
        ...(values.title ? { title: values.title } : {}),
        timeZone,
        ...(minRatings === undefined ? {} : { minRatings }),
      });
      if (data.dataFrom) {
        await writeOut(io.stderr, `koe report: the feedback goes back to ${data.dataFrom}; the report covers the last ten years, ${data.from} … ${data.to} (--since to choose)\n`);
      }
      html = renderReportHtml(data);
    } finally {
      store.close();
    }
    // Write beside the target and rename, so a reader never sees half a report.
    const tmp = path.join(path.dirname(path.resolve(values.out)), `.${path.basename(values.out)}.tmp-${process.pid}`);
    try {
      fs.writeFileSync(tmp, html, 'utf8');
      fs.renameSync(tmp, values.out);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw outWriteError(values.out, err);
    }
    await writeOut(io.stdout, `report written: ${values.out} (${Math.round(Buffer.byteLength(html) / 1024)} KB)\n`);
    return EXIT_OK;
  },
};
