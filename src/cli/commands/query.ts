import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { EXIT_OK, UsageError, type CliIo, type Command } from '../command.js';
import {
  openStore,
  type Store,
  describeNamedQuery,
  listNamedQueries,
  NamedQueryError,
  parseParamArgs,
  runNamedQuery,
  getNamedQuery,
  InsightOptionError,
  TimeZoneError,
} from '../../index.js';
import { csvLine, displayWidth, writeOut } from '../format.js';

// Small helpers shared by the insight commands (query, trends, emerging, metrics, followups, report).

export type RowFormat = 'table' | 'csv' | 'jsonl';

/**
 * Opens an existing database: read-only unless the command writes (`write: true` for curation and follow-up
 * marks), so a command that only reads never changes the file. A database that is not koe's, or needs an upgrade
 * only a write command may make, is refused with a sentence.
 */
export function openExistingStore(dbPath: string | undefined, options: { write?: boolean } = {}): Store {
  if (!dbPath) throw new UsageError('--db PATH is required');
  if (!fs.existsSync(dbPath)) throw new UsageError(`no database at ${dbPath} (create it with koe run)`);
  return openStore(dbPath, { readonly: options.write !== true });
}

/** Runs library code, turning its option errors into usage errors (printed plainly, exit 2). */
export function asUsage<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof NamedQueryError || err instanceof InsightOptionError || err instanceof TimeZoneError) throw new UsageError(err.message);
    throw err;
  }
}

export function parseRowFormat(value: string | undefined, fallback: RowFormat = 'table'): RowFormat {
  const format = value ?? fallback;
  if (format !== 'table' && format !== 'csv' && format !== 'jsonl') {
    throw new UsageError(`--format must be table, csv or jsonl, got "${format}"`);
  }
  return format;
}

function tableCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  // Numbers as people write them: no trailing zeros, at most 4 decimals.
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(4)));
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v).replace(/\s+/g, ' ');
}

/** An aligned table for a terminal (wide characters count double); numeric columns right-aligned. */
export function formatRowsTable(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  if (rows.length === 0) return '(no rows)\n';
  const cells = rows.map((r) => columns.map((c) => tableCell(r[c])));
  const numeric = columns.map((c) => rows.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === 'number'));
  const widths = columns.map((c, i) => Math.max(displayWidth(c), ...cells.map((row) => displayWidth(row[i]!))));
  const line = (vals: readonly string[]) =>
    vals
      .map((v, i) => {
        const fill = ' '.repeat(Math.max(0, widths[i]! - displayWidth(v)));
        return numeric[i] ? fill + v : v + fill;
      })
      .join('  ')
      .trimEnd();
  return `${[line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')}\n`;
}

/** Writes rows as an aligned table, CSV (header + CRLF) or JSON lines (keys in column order). */
export async function writeRows(
  io: CliIo,
  format: RowFormat,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (format === 'table') {
    await writeOut(io.stdout, formatRowsTable(columns, rows));
    return;
  }
  if (format === 'csv') await writeOut(io.stdout, csvLine([...columns]));
  for (const r of rows) {
    await writeOut(
      io.stdout,
      format === 'csv'
        ? csvLine(columns.map((c) => r[c]))
        : `${JSON.stringify(Object.fromEntries(columns.map((c) => [c, r[c] ?? null])))}\n`,
    );
  }
}

export const queryCommand: Command = {
  name: 'query',
  summary: 'Run a named SQL query (theme-trend, followups, …) with bound parameters; --list shows them all.',
  usage: `koe query --list
koe query NAME --describe
koe query NAME --db PATH [--param NAME=VALUE]... [--format table|csv|jsonl]

Named queries are .sql files in src/store/queries with :named parameters, bound by SQLite (never pasted into
the SQL). For your own SQL, the database has views: v_documents, v_theme_documents, v_ratings, v_followups.

Options:
  --db PATH            database written by koe run   [required to run a query]
  --param NAME=VALUE   a query parameter; repeat for several (see --describe for each query's parameters)
  --format FMT         table (default), csv or jsonl
  --list               list the named queries
  --describe           show a query's description, parameters and columns`,
  examples: [
    'koe query --list',
    'koe query theme-trend --db koe.db --param theme=t3 --param period=month',
    'koe query top-negative-themes --db koe.db --param since=2026-06-01 --format csv > negative.csv',
  ],
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        param: { type: 'string', multiple: true },
        format: { type: 'string' },
        list: { type: 'boolean' },
        describe: { type: 'boolean' },
      },
    });
    if (values.list) {
      const queries = listNamedQueries();
      const width = Math.max(...queries.map((q) => q.name.length));
      for (const q of queries) {
        const params = q.params.map((p) => (p.required ? p.name : `[${p.name}]`)).join(' ');
        await writeOut(io.stdout, `${q.name.padEnd(width)}  ${q.summary}\n${' '.repeat(width + 2)}params: ${params || '(none)'}\n`);
      }
      return EXIT_OK;
    }
    const [name, ...extra] = positionals;
    if (!name) throw new UsageError('give a query name, or --list to see them');
    if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')} (parameters go as --param NAME=VALUE)`);
    if (values.describe) {
      await writeOut(io.stdout, `${describeNamedQuery(asUsage(() => getNamedQuery(name)))}\n`);
      return EXIT_OK;
    }
    const format = parseRowFormat(values.format);
    const params = asUsage(() => parseParamArgs(values.param ?? []));
    asUsage(() => getNamedQuery(name)); // an unknown name fails before the database is opened
    const store = openExistingStore(values.db);
    try {
      const result = asUsage(() => runNamedQuery(store.db, name, params));
      await writeRows(io, format, result.columns, result.rows);
    } finally {
      store.close();
    }
    return EXIT_OK;
  },
};
