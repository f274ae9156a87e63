import { parseArgs } from 'node:util';
import { EXIT_OK, integerFlag, UsageError, takeWaitFlag, type Command, type CliIo } from '../command.js';
import { truncate, writeRows } from '../format.js';
import { DB_OPTION, dbUsage, formatUsage, openDatabase, parseRowFormat, PERIOD_OPTIONS, readPeriod } from '../options.js';
import {
  curate,
  rebuildThemes,
  countThemePending,
  countUnthemed,
  listThemes,
  type ThemeListing,
  DatabaseBusyError,
  describeHolder,
  FEEDBACK_KINDS,
  type FeedbackKind,
  type CurationAction,
  CurationError,
  undoCurate,
  listCuration,
  compareThemePeriods,
  type PeriodComparison,
  type ThemeComparison,
  InsightOptionError,
  TimeZoneError,
  withoutMinusZero,
} from '../../index.js';

/** csv / jsonl rows: every field of a theme listing, and of a period comparison (lists and objects as JSON in csv). */
const LISTING_COLUMNS: readonly (keyof ThemeListing)[] = ['id', 'label', 'labelJa', 'labelEn', 'category', 'status', 'size', 'shareNegative', 'kinds', 'terms', 'quotes'];
const COMPARISON_COLUMNS: readonly (keyof ThemeComparison)[] = [
  'themeId', 'label', 'status', 'size', 'count', 'baselineCount', 'baselineAverage', 'change', 'changeRatio', 'negative',
  'shareNegative', 'baselineNegative', 'baselineShareNegative', 'nps', 'csat', 'series', 'isNew',
];

const USAGE = `koe themes --db PATH [--kind KIND] [--limit N] [--format table|csv|jsonl] [--all]
koe themes rename ID LABEL --db PATH
koe themes merge INTO_ID ID... --db PATH
koe themes split ID --db PATH
koe themes ignore ID --db PATH        (unignore ID undoes it)
koe themes pin ID [LABEL] --db PATH   (keeps the label through every later run; unpin ID undoes it)
koe themes move DOC_ID THEME_ID --db PATH   (one document to another theme)
koe themes undo [LOG_ID] --db PATH    (undoes the latest curation action in force, or that one)
koe themes log --db PATH              (the curation log, newest first)
koe themes --db PATH --since DAY [--until DAY] [--timezone ZONE] [--baseline N]   (change against the baseline)
koe themes rebuild --db PATH [--themes N] [--seed S] [--embedding-model DIR | --theme-encoder NAME]

Lists the themes, largest first: size, share negative, label (Japanese / English where both occur) and two
representative quotes. Curation commands are stored in the database and replayed after every run and rebuild.
While a koe run holds the database, rename / merge / ignore / unignore / pin / unpin are queued and applied by
its theme step (split and rebuild say who holds it and exit 2, or wait with --wait).

Options:
${dbUsage(16)}
  --kind KIND     only documents of this kind (${FEEDBACK_KINDS.join(', ')}): request themes, bug themes...
  --limit N       at most N themes (default 20 in a table, all in csv and jsonl)
${formatUsage(16)}
  --all           include ignored themes
  --since DAY     with --until: themes ranked by change in this period against their own baseline (count now,
                  baseline average of the --baseline same-length periods before, change, share negative)
  --until DAY     last day of the period (default: 6 days after --since, or the latest day in the data)
  --baseline N    periods in the baseline (default 4)
  --timezone ZONE IANA time zone of the days (default: config "timeZone", else UTC)
  --themes N      (rebuild) aim for about N themes instead of choosing automatically
  --seed S        (rebuild) random seed (default 42)
  --embedding-model DIR  (rebuild) themes from sentence embeddings of a local transformers.js model
                  (vectors are cached in the database; only new or changed texts are embedded)
  --theme-encoder NAME  (rebuild) words and concepts joined with a sentence encoder's vectors: use-lite-en
                  (English) or a model directory; cached in the database like --embedding-model
  --workers N     (rebuild with --theme-encoder) encoding threads (default: as koe run, one per core up to 4)
  --wait [SECONDS]  (rebuild, curation) wait for another process that writes the database instead of
                  exiting 2 (curation: instead of queueing); without SECONDS as long as it takes`;

function formatListing(themes: ThemeListing[], unthemed: { unthemed: number; total: number }, kind?: FeedbackKind): string {
  const share = unthemed.total ? ((unthemed.unthemed / unthemed.total) * 100).toFixed(1) : '0.0';
  let out = `${themes.length} theme(s)${kind ? ` holding ${kind} feedback` : ''} · ${unthemed.total} documents · ${share}% unthemed\n\n`;
  const sizeWidth = Math.max(4, ...themes.map((t) => String(t.size).length));
  for (const t of themes) {
    const negative = `${Math.round(t.shareNegative * 100)}% neg`;
    const kinds = Object.entries(t.kinds)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 2)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    const status = t.status === 'ignored' ? ' [ignored]' : '';
    out += `${t.id.padEnd(5)} ${String(t.size).padStart(sizeWidth)}  ${negative.padStart(7)}  ${t.label}${status}${kinds ? `  (${kinds})` : ''}\n`;
    for (const q of t.quotes.slice(0, 2)) out += `${' '.repeat(sizeWidth + 17)}“${truncate(q.text.replace(/\s+/g, ' '), 72)}”\n`;
  }
  return out;
}

function formatComparison(cmp: PeriodComparison, themes: readonly ThemeComparison[]): string {
  const p = cmp.period;
  let out =
    `${p.since} – ${p.until} (${cmp.timeZone}): ${p.documents} documents, ${p.negative} negative · baseline ${cmp.baseline.since} – ` +
    `${cmp.baseline.until}: ${cmp.baseline.documents} in ${cmp.baseline.periods} periods of ${p.days} days\n\n`;
  out += `${'id'.padEnd(5)} ${'now'.padStart(5)} ${'before'.padStart(7)} ${'change'.padStart(7)} ${'%'.padStart(6)} ${'neg'.padStart(5)}  label\n`;
  for (const t of themes) {
    const change = withoutMinusZero(`${t.change > 0 ? '+' : ''}${t.change.toFixed(1)}`);
    const ratio = t.changeRatio === null ? (t.count > 0 ? 'new' : '') : `${t.changeRatio > 0 ? '+' : ''}${Math.round(t.changeRatio * 100)}%`;
    const neg = t.shareNegative === null ? '—' : `${Math.round(t.shareNegative * 100)}%`;
    out += `${t.themeId.padEnd(5)} ${String(t.count).padStart(5)} ${t.baselineAverage.toFixed(1).padStart(7)} ${change.padStart(7)} ${ratio.padStart(6)} ${neg.padStart(5)}  ${t.label}${t.status === 'ignored' ? ' [ignored]' : ''}\n`;
  }
  return out;
}

function describeAction(a: CurationAction): string {
  switch (a.action) {
    case 'rename':
      return `rename ${a.themeId} "${a.label}"`;
    case 'pin':
      return `pin ${a.themeId}${a.label ? ` "${a.label}"` : ''}`;
    case 'merge':
      return `merge ${a.from.join(', ')} into ${a.themeId}`;
    case 'split':
      return `split ${a.themeId} into ${(a.into ?? []).join(', ')}`;
    case 'move':
      return `move ${a.docId} from ${a.from ?? '(none)'} to ${a.themeId}`;
    default:
      return `${a.action} ${a.themeId}`;
  }
}

/** Runs a library call whose errors are a person's mistake (unknown id, bad day): printed as usage errors. */
function asCuration<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof CurationError || err instanceof InsightOptionError || err instanceof TimeZoneError) throw new UsageError(err.message);
    throw err;
  }
}

async function asCurationAsync<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof CurationError) throw new UsageError(err.message);
    throw err;
  }
}

function curationFrom(sub: string, args: string[]): CurationAction {
  const need = (n: number, what: string): void => {
    if (args.length < n) throw new UsageError(`koe themes ${sub} needs ${what}`);
  };
  switch (sub) {
    case 'rename':
      need(2, 'ID LABEL');
      return { action: 'rename', themeId: args[0]!, label: args.slice(1).join(' ') };
    case 'merge':
      need(2, 'INTO_ID and at least one ID to merge into it');
      return { action: 'merge', themeId: args[0]!, from: args.slice(1) };
    case 'split':
      need(1, 'ID');
      return { action: 'split', themeId: args[0]! };
    case 'ignore':
    case 'unignore':
    case 'unpin':
      need(1, 'ID');
      return { action: sub, themeId: args[0]! };
    case 'pin':
      need(1, 'ID');
      return args.length > 1 ? { action: 'pin', themeId: args[0]!, label: args.slice(1).join(' ') } : { action: 'pin', themeId: args[0]! };
    case 'move':
      need(2, 'DOC_ID THEME_ID');
      return { action: 'move', themeId: args[1]!, docId: args[0]! };
    default:
      throw new UsageError(`unknown subcommand "${sub}" (rename, merge, split, ignore, unignore, pin, unpin, move, undo, log, rebuild)`);
  }
}

async function run(rawArgv: string[], io: CliIo): Promise<number> {
  const { argv, wait } = takeWaitFlag(rawArgv);
  const onWait = (holder: Parameters<typeof describeHolder>[0]): void =>
    void io.stderr.write(`waiting: the database is being written by ${describeHolder(holder)}\n`);
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...DB_OPTION,
      ...PERIOD_OPTIONS,
      kind: { type: 'string' },
      limit: { type: 'string' },
      format: { type: 'string' },
      all: { type: 'boolean' },
      themes: { type: 'string' },
      seed: { type: 'string' },
      'embedding-model': { type: 'string' },
      'theme-encoder': { type: 'string' },
      workers: { type: 'string' },
      baseline: { type: 'string' },
    },
  });
  const [sub, ...rest] = positionals;
  const store = openDatabase(values.db, { write: sub !== undefined });
  try {
    const db = store.db;
    if (sub === 'rebuild') {
      const config: Record<string, unknown> = {};
      const target = integerFlag('themes', values.themes, 1);
      const seed = values.seed === undefined ? undefined : Number(values.seed);
      if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got "${values.seed}"`);
      if (target) config.themes = target;
      if (seed !== undefined) config.seed = seed;
      const embeddingModel = values['embedding-model'];
      if (embeddingModel) config.embeddingModel = embeddingModel;
      const themeEncoder = values['theme-encoder'];
      if (themeEncoder) config.encoder = themeEncoder;
      const workers = integerFlag('workers', values.workers, 0);
      const summary = await rebuildThemes(db, { config, wait, onWait, ...(workers !== undefined ? { workers } : {}), command: ['koe', 'themes', ...rawArgv].join(' ') });
      const runId = summary.runId;
      io.stdout.write(
        `rebuilt ${summary.themes} themes over ${summary.documents} documents: ${summary.appeared} new, ${summary.retired} retired, ` +
          `${(summary.unthemedShare * 100).toFixed(1)}% unthemed (run ${runId})\n`,
      );
      return EXIT_OK;
    }
    if (sub === 'undo') {
      const id = rest[0] === undefined ? null : Number(rest[0]);
      if (id !== null && (!Number.isInteger(id) || id < 1)) throw new UsageError(`koe themes undo takes a curation log id (koe themes log), got "${rest[0]}"`);
      const { undone } = await asCurationAsync(() => undoCurate(db, id, { wait, onWait }));
      io.stdout.write(`undone ${undone.id}: ${describeAction(undone.action)}\n`);
      return EXIT_OK;
    }
    if (sub === 'log') {
      for (const entry of listCuration(db)) {
        io.stdout.write(`${String(entry.id).padStart(4)}  ${entry.createdAt.slice(0, 16).replace('T', ' ')}  ${describeAction(entry.action)}${entry.undoneAt ? `  (undone ${entry.undoneAt.slice(0, 16).replace('T', ' ')})` : ''}\n`);
      }
      return EXIT_OK;
    }
    if (sub !== undefined) {
      let done: Awaited<ReturnType<typeof curate>>;
      try {
        done = await curate(db, curationFrom(sub, rest), { wait, onWait });
      } catch (err) {
        if (err instanceof UsageError || err instanceof DatabaseBusyError) throw err;
        throw new UsageError((err as Error).message);
      }
      if (!done.applied) {
        io.stdout.write(
          `${sub} ${rest[0]}: queued — the database is being written by ${describeHolder(done.holder)}; ` +
            `applied when its theme step starts\n`,
        );
      } else io.stdout.write(sub === 'split' ? `split ${rest[0]} into ${done.themeIds.join(', ')}\n` : `${sub} ${rest[0]}: done\n`);
      return EXIT_OK;
    }
    const kind = values.kind as FeedbackKind | undefined;
    if (kind !== undefined && !FEEDBACK_KINDS.includes(kind)) {
      throw new UsageError(`--kind must be one of ${FEEDBACK_KINDS.join(', ')}, got "${values.kind}"`);
    }
    const format = parseRowFormat(values.format);
    const limit = integerFlag('limit', values.limit, 1) ?? (format === 'table' ? 20 : undefined);
    if (values.since !== undefined || values.until !== undefined || values.baseline !== undefined) {
      if (kind) throw new UsageError('--kind and --since / --until cannot be combined yet');
      const { since, until, timeZone } = readPeriod(values);
      const cmp = asCuration(() =>
        compareThemePeriods(db, {
          since,
          until,
          timeZone,
          baselinePeriods: integerFlag('baseline', values.baseline, 1) ?? 4,
          includeIgnored: values.all === true,
        }),
      );
      const listed = cmp.themes.slice(0, limit ?? Infinity);
      if (format === 'table') io.stdout.write(formatComparison(cmp, listed));
      else await writeRows(io, format, COMPARISON_COLUMNS, listed);
      return EXIT_OK;
    }
    const themes = listThemes(db, { ...(kind ? { kind } : {}), ...(limit ? { limit } : {}), includeIgnored: values.all === true });
    if (format !== 'table') {
      await writeRows(io, format, LISTING_COLUMNS, themes);
    } else {
      io.stdout.write(formatListing(themes, countUnthemed(db), kind));
      const pending = countThemePending(db);
      if (pending > 0) io.stdout.write(`\n${pending} document(s) stored but not yet through a theme step (a run in progress or interrupted)\n`);
    }
    return EXIT_OK;
  } finally {
    store.close();
  }
}

export const themesCommand: Command = {
  name: 'themes',
  summary: 'List themes (recurring issues and requests); rename, merge, split, ignore, pin; rebuild.',
  usage: USAGE,
  examples: [
    'koe themes --db koe.db',
    'koe themes --db koe.db --kind feature_request --limit 10',
    'koe themes rename t3 "Login problems" --db koe.db',
    'koe themes merge t3 t7 --db koe.db',
    'koe themes --db koe.db --since 2026-11-09 --until 2026-11-15 --timezone Asia/Tokyo',
    'koe themes move rev-00421 t5 --db koe.db',
    'koe themes undo --db koe.db',
    'koe themes rebuild --db koe.db',
    'koe themes rebuild --db koe.db --embedding-model models/multilingual-e5-small',
    'koe themes rebuild --db koe.db --theme-encoder use-lite-en',
  ],
  run,
};
