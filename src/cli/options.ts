// Option groups shared by the commands, defined once (as sqlite-utils' `output_options`): the database, the period
// with its time zone, and the row output format. A command spreads a group into its parseArgs options, prints the
// group's usage lines, and reads the values through the group's reader, so that `--since 2026-13-01` or a missing
// `--db` gets the same sentence from every command.
import fs from 'node:fs';
import { UsageError } from './command.js';
import {
  checkTimeZone,
  InsightOptionError,
  NamedQueryError,
  openStore,
  parseDayOption,
  readConfigFile,
  TimeZoneError,
  type Store,
} from '../index.js';

/** `--db PATH`: the database a command reads or writes. */
export const DB_OPTION = { db: { type: 'string' } } as const;

/** One line of a usage block: the flag padded to the command's column, then what it does. */
export function usageLine(flag: string, text: string, column = 18): string {
  return `  ${flag.padEnd(column)}${text}`;
}

export const dbUsage = (column?: number): string => usageLine('--db PATH', 'database written by koe run   [required]', column);

/** `--timezone ZONE` (and `--config FILE`, where the time zone may come from): the zone of days and periods. */
export const TIME_ZONE_OPTIONS = { timezone: { type: 'string' }, config: { type: 'string' } } as const;

/** `--since DAY --until DAY` and the time zone they are read in. */
export const PERIOD_OPTIONS = { since: { type: 'string' }, until: { type: 'string' }, ...TIME_ZONE_OPTIONS } as const;
export const timeZoneUsage = (column?: number): string =>
  usageLine('--timezone ZONE', 'IANA time zone of the days and periods (default: config "timeZone", else UTC)', column);
export const periodUsage = (column?: number): string =>
  [usageLine('--since DAY', 'first day included (YYYY-MM-DD)', column), usageLine('--until DAY', 'last day included (YYYY-MM-DD)', column), timeZoneUsage(column)].join('\n');

/**
 * koe's one `--format` vocabulary: `table` for people (the default of every command that prints), `csv` and `jsonl`
 * for rows a tool reads, `json` for an answer that is one document rather than rows (stats, emerging). Each command
 * takes the ones its output fits; `text` (what stats and emerging called their table before) still reads as table.
 */
export type OutputFormat = 'table' | 'csv' | 'jsonl' | 'json';
export const FORMAT_OPTION = { format: { type: 'string' } } as const;
export const ROW_FORMATS = ['table', 'csv', 'jsonl'] as const;
export type RowFormat = (typeof ROW_FORMATS)[number];

/** "a", "a or b", "a, b or c". */
const orList = (items: readonly string[]): string => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`);

/** The `--format` usage line of a command taking `allowed` (the first is its default). */
export const formatUsage = (column?: number, allowed: readonly OutputFormat[] = ROW_FORMATS): string =>
  usageLine('--format FMT', orList([`${allowed[0]} (default)`, ...allowed.slice(1)]), column);

/** Reads `--format` against the formats a command takes; absent gives `fallback`. */
export function parseFormat<F extends OutputFormat>(value: string | undefined, allowed: readonly F[], fallback: F): F {
  const format = value === 'text' && (allowed as readonly string[]).includes('table') ? 'table' : (value ?? fallback);
  if (!(allowed as readonly string[]).includes(format)) throw new UsageError(`--format must be ${orList(allowed)}, got "${value}"`);
  return format as F;
}

/**
 * Opens an existing database: read-only unless the command writes (`write: true` for curation and follow-up
 * marks), so a command that only reads never changes the file. A database that is not koe's, or needs an upgrade
 * only a write command may make, is refused with a sentence.
 */
export function openDatabase(dbPath: string | undefined, options: { write?: boolean } = {}): Store {
  return openStore(existingDatabase(dbPath), { readonly: options.write !== true });
}

/** The --db path, checked: given, and a file that exists (koe run creates it; nothing else does). */
export function existingDatabase(dbPath: string | undefined): string {
  if (!dbPath) throw new UsageError('--db PATH is required');
  if (!fs.existsSync(dbPath)) throw new UsageError(`no database at ${dbPath} (create it with koe run)`);
  return dbPath;
}

export interface PeriodValues {
  since?: string | undefined;
  until?: string | undefined;
  timezone?: string | undefined;
  config?: string | undefined;
}

/** The period group read and checked: days as YYYY-MM-DD (null when not given) and the time zone. */
export function readPeriod(values: PeriodValues): { since: string | null; until: string | null; timeZone: string } {
  const since = values.since === undefined ? null : asUsage(() => parseDayOption(values.since!, 'since'));
  const until = values.until === undefined ? null : asUsage(() => parseDayOption(values.until!, 'until'));
  if (since !== null && until !== null && since > until) throw new UsageError(`--since ${since} is after --until ${until}`);
  return { since, until, timeZone: resolveTimeZoneOption(values.timezone, values.config) };
}

/**
 * The period time zone of a command: --timezone, else the config file's "timeZone" (--config FILE, or
 * ./koe.config.json when present), else UTC. A bad zone is a usage error naming it.
 */
/**
 * The themes part of the config file (--config, else ./koe.config.json when present): what curation and a rebuild
 * started from koe serve use, as `koe run` would (an encoder named there, the seed, the theme count…).
 */
export function resolveThemeConfigOption(configFile?: string): Record<string, unknown> {
  const file = configFile ?? (fs.existsSync('koe.config.json') ? 'koe.config.json' : undefined);
  if (!file) return {};
  try {
    const themes = readConfigFile(file).themes;
    return themes && typeof themes === 'object' ? { ...(themes as Record<string, unknown>) } : {};
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function resolveTimeZoneOption(flag: string | undefined, configFile?: string): string {
  let zone = flag;
  if (zone === undefined) {
    const file = configFile ?? (fs.existsSync('koe.config.json') ? 'koe.config.json' : undefined);
    if (file) {
      try {
        const value = readConfigFile(file).timeZone;
        if (typeof value === 'string') zone = value;
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
    }
  }
  try {
    return checkTimeZone(zone);
  } catch (err) {
    if (err instanceof TimeZoneError) throw new UsageError(`--timezone: ${err.message}`);
    throw err;
  }
}

export function parseRowFormat(value: string | undefined, fallback: RowFormat = 'table'): RowFormat {
  return parseFormat(value, ROW_FORMATS, fallback);
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
