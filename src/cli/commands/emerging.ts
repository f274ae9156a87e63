import { parseArgs } from 'node:util';
import { EXIT_OK, UsageError, type Command } from '../command.js';
import { findEmerging, type EmergingResult, type Quote, type ThemeTest, parseDayOption, parseDurationDays } from '../../index.js';
import { formatTable, truncate, writeOut, writeRows } from '../format.js';
import { asUsage, DB_OPTION, dbUsage, FORMAT_OPTION, formatUsage, openDatabase, parseFormat, resolveTimeZoneOption, TIME_ZONE_OPTIONS, timeZoneUsage } from '../options.js';

function positiveNumber(value: string | undefined, option: string, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${option} takes a positive ${integer ? 'whole number' : 'number'}, got "${value}"`);
  }
  return n;
}

const COLUMNS = ['theme', 'label', 'window', 'baseline', 'expected', 'ratio', 'p', 'q', 'negative'];
/** csv / jsonl: the fields of each theme tested, as `--format json` names them (quotes only there). */
const EMERGING_COLUMNS: readonly (keyof ThemeTest)[] = ['themeId', 'label', 'windowCount', 'baselineCount', 'expected', 'ratio', 'pValue', 'qValue', 'shareNegative', 'emerging'];

/** Wraps prose at `width` columns with an indent, for the test description. */
function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join(`\n${indent}`);
}

const fmtP = (p: number) => (p < 0.0001 ? p.toExponential(1) : p.toFixed(4));
const quoteLine = (q: Quote) => `      “${truncate(q.text.replace(/\s+/g, ' '), 100)}” (${q.sourceId ?? q.docId}, ${q.createdAt?.slice(0, 10) ?? '—'})\n`;

/** The text report: what was compared, what emerged with its numbers and quotes, and new themes. */
export function formatEmerging(r: EmergingResult, all: boolean): string {
  if (!r.window || !r.baseline) return 'No dated feedback in the database: nothing to compare.\n';
  let out =
    `Window   ${r.window.from} … ${r.window.to}  (${r.window.documents} documents)\n` +
    `Baseline ${r.baseline.from} … ${r.baseline.to}  (${r.baseline.documents} documents)\n` +
    `Test     ${wrap(r.test, 100, '         ')}\n         alpha ${r.options.alpha}, min count ${r.options.minCount}, min ratio ${r.options.minRatio}; ` +
    `${r.tested.length} themes tested.\n\n`;
  if (r.baseline.documents === 0) out += 'No feedback in the baseline period: nothing can be called emerging.\n\n';
  const row = (t: EmergingResult['tested'][number]) => ({
    theme: t.themeId,
    label: truncate(t.label, 28),
    window: t.windowCount,
    baseline: t.baselineCount,
    expected: Number(t.expected.toFixed(2)),
    ratio: t.ratio === null ? 'new' : `×${t.ratio.toFixed(2)}`,
    p: fmtP(t.pValue),
    q: fmtP(t.qValue),
    negative: t.shareNegative === null ? '' : `${Math.round(t.shareNegative * 100)}%`,
  });
  if (r.emerging.length === 0) out += 'Emerging issues: none.\n';
  else {
    out += `Emerging issues (${r.emerging.length}):\n`;
    out += formatTable(COLUMNS, r.emerging.map(row));
    for (const e of r.emerging) {
      out += `  ${e.themeId} ${e.label}\n`;
      for (const q of e.quotes) out += quoteLine(q);
    }
  }
  if (all) out += `\nAll themes tested:\n${formatTable(COLUMNS, r.tested.map(row))}`;
  out += '\n';
  if (r.newThemes.length === 0) out += 'New themes since the last run: none.\n';
  else {
    out += `New themes since the last run (run ${r.newThemes[0]!.runId}):\n`;
    for (const t of r.newThemes) {
      out += `  ${t.themeId} ${t.label}: ${t.size} documents, ${t.windowCount} in the window\n`;
      for (const q of t.quotes) out += quoteLine(q);
    }
  }
  return out;
}

export const emergingCommand: Command = {
  name: 'emerging',
  summary: 'Themes significantly above their own baseline in the recent window, and themes new since the last run.',
  usage: `koe emerging --db PATH [--window 7d] [--baseline 8w] [--min-count 5] [--alpha 0.05] [--min-ratio 1.5]
           [--as-of YYYY-MM-DD] [--all] [--format table|csv|jsonl|json]

"Now" is the latest day in the data (batch data is historic) unless --as-of says otherwise. The window is the
last N days up to it; the baseline the period just before. For each active theme (documents by primary theme),
an exact one-sided test of two Poisson rates compares the window count with the theme's baseline share of all
feedback; Benjamini–Hochberg corrects for the number of themes. A theme emerges when q ≤ alpha, its window count
≥ --min-count, and window / expected ≥ --min-ratio.

Options:
${dbUsage(19)}
  --window DUR       recent window: Nd or Nw (default 7d)
  --baseline DUR     baseline before the window (default 8w)
  --min-count N      least documents in the window (default 5)
  --alpha A          false discovery rate (default 0.05)
  --min-ratio R      least window / expected (default 1.5)
  --as-of DAY        last day of the window (default: latest day in the data)
  --all              also list every theme tested with its numbers
${timeZoneUsage(19)}
${formatUsage(19, ['table', 'csv', 'jsonl', 'json'])}
                     csv / jsonl: one row per emerging theme (with --all, per theme tested), no quotes;
                     json: the whole answer (windows, options, every theme tested, quotes)`,
  examples: ['koe emerging --db koe.db', 'koe emerging --db koe.db --window 14d --baseline 26w --as-of 2026-06-30 --all'],
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: {
        ...DB_OPTION,
        ...TIME_ZONE_OPTIONS,
        window: { type: 'string' },
        baseline: { type: 'string' },
        'min-count': { type: 'string' },
        alpha: { type: 'string' },
        'min-ratio': { type: 'string' },
        'as-of': { type: 'string' },
        all: { type: 'boolean' },
        ...FORMAT_OPTION,
      },
    });
    const format = parseFormat(values.format, ['table', 'csv', 'jsonl', 'json'], 'table');
    const alpha = positiveNumber(values.alpha, 'alpha', false);
    if (alpha !== undefined && alpha >= 1) throw new UsageError(`--alpha must be below 1, got "${values.alpha}"`);
    const options = {
      windowDays: values.window === undefined ? undefined : asUsage(() => parseDurationDays(values.window!, 'window')),
      baselineDays: values.baseline === undefined ? undefined : asUsage(() => parseDurationDays(values.baseline!, 'baseline')),
      minCount: positiveNumber(values['min-count'], 'min-count', true),
      alpha,
      minRatio: positiveNumber(values['min-ratio'], 'min-ratio', false),
      asOf: values['as-of'] === undefined ? null : asUsage(() => parseDayOption(values['as-of']!, 'as-of')),
      timeZone: resolveTimeZoneOption(values.timezone, values.config),
    };
    const store = openDatabase(values.db);
    try {
      const result = findEmerging(store.db, options);
      if (format === 'json') await writeOut(io.stdout, `${JSON.stringify(result, null, 2)}\n`);
      else if (format === 'table') await writeOut(io.stdout, formatEmerging(result, values.all ?? false));
      else {
        const themes: readonly ThemeTest[] = values.all ? result.tested : result.emerging;
        await writeRows(io, format, EMERGING_COLUMNS, themes);
      }
    } finally {
      store.close();
    }
    return EXIT_OK;
  },
};
