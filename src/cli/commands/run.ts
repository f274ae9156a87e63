import os from 'node:os';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { EXIT_FATAL, EXIT_OK, EXIT_REJECTED_ROWS, UsageError, integerFlag, takeWaitFlag, type CliIo, type Command } from '../command.js';
import { DB_OPTION } from '../options.js';
import {
  CONSTANT_FIELDS,
  describeHolder,
  PRESET_NAMES,
  PRESETS,
  runKoe,
  RunFailedError,
  RunStoppedError,
  UnusableInputError,
  type ConstantField,
  type PresetName,
  type RunProgress,
  type RunSummary,
  readConfigFile,
  type KoeConfigInput,
  type FieldName,
  type IngestOptions,
  type RatingScale,
  type RejectedRow,
} from '../../index.js';

const FIELD_FLAGS: [string, FieldName][] = [
  ['id-field', 'id'],
  ['text-field', 'text'],
  ['created-at-field', 'created_at'],
  ['rating-field', 'rating'],
  ['rating-scale-field', 'rating_scale'],
  ['channel-field', 'channel'],
  ['product-field', 'product'],
  ['source-field', 'source'],
];

const RATING_SCALES: RatingScale[] = ['nps', 'csat', 'ces', 'stars'];
/** Rejected rows printed one by one before the rest are only counted. */
const MAX_REJECTS_SHOWN = 20;

/** `--rating nps=おすすめ度` → ['nps', 'おすすめ度']. */
function parseRatingFlag(value: string): [RatingScale, string] {
  const eq = value.indexOf('=');
  const scale = value.slice(0, eq).trim();
  const column = value.slice(eq + 1).trim();
  if (eq === -1 || !RATING_SCALES.includes(scale as RatingScale) || column === '') {
    throw new UsageError(`--rating must look like SCALE=COLUMN with SCALE one of ${RATING_SCALES.join(', ')}, got "${value}"`);
  }
  return [scale as RatingScale, column];
}

/** `--set channel=app_store` → ['channel', 'app_store']. */
function parseSetFlag(value: string): [ConstantField, string] {
  const eq = value.indexOf('=');
  const field = value.slice(0, eq).trim();
  if (eq === -1 || !CONSTANT_FIELDS.includes(field as ConstantField)) {
    throw new UsageError(`--set must look like FIELD=VALUE with FIELD one of ${CONSTANT_FIELDS.join(', ')}, got "${value}"`);
  }
  return [field as ConstantField, value.slice(eq + 1).trim()];
}

/**
 * The exit code of a finished run (README "Exit codes"): 2 when rows were read and every one was rejected, 1 when
 * some were, else 0 (also for inputs with no rows at all, which the summary warns about).
 */
export function runExitCode(summary: Pick<RunSummary, 'rowsRead' | 'rejected'>): number {
  if (summary.rowsRead > 0 && summary.rejected === summary.rowsRead) return EXIT_FATAL;
  return summary.rejected > 0 ? EXIT_REJECTED_ROWS : EXIT_OK;
}

function progressLine(p: RunProgress, started: number, redraw: boolean): string {
  const secs = (Date.now() - started) / 1000;
  const rate = secs > 0 ? Math.round(p.rowsRead / secs) : 0;
  return `${redraw ? '\r' : ''}  read ${p.rowsRead.toLocaleString('en')} · analyzed ${p.analyzed.toLocaleString('en')} · ` +
    `unchanged ${p.unchanged.toLocaleString('en')} · rejected ${p.rejected.toLocaleString('en')} · ${rate}/s   `;
}

export const runCommand: Command = {
  name: 'run',
  summary: 'Read feedback files into the database: normalize, mask PII, analyze, theme (incremental).',
  usage: `koe run --db PATH [options] INPUT...

INPUT is a .csv, .tsv, .jsonl/.ndjson file or a directory of them (UTF-8, UTF-16 or Shift_JIS, detected).
Running again on the same input adds nothing; changed texts update their documents.

Rows without an id are told apart by file and occurrence: identical words in two rows are two documents, and
a file that grew adds only its new rows. Of rows with the same id in one run, the last is stored and the
earlier ones are reported as duplicates. Every row read is stored, rejected or reported.

Options:
  --db PATH                SQLite database (created when missing)            [required]
  --config FILE            koe.config.json (default: ./koe.config.json when present)
  --preset NAME            a known export layout (below); flags refine it
  --text-field NAMES       input column(s) holding the text (default "text"); several are joined
                           (--text-field title,body); JSONL keys may be dotted paths (message.body).
                           Likewise --id-field, --created-at-field, --rating-field,
                           --rating-scale-field, --channel-field, --product-field, --source-field
  --rating SCALE=COLUMN    one more rating per row (repeatable): --rating nps=おすすめ度 --rating csat=満足度
  --rating-scale SCALE     scale of every rating: nps (0–10), csat (1–5), ces (1–7), stars (1–5)
  --ces-easy low|high      which end of CES 1–7 is easy (default low: 1 = effortless)
  --set FIELD=VALUE        a constant for every row: channel, product or source (--set channel=app_store)
  --date-format PATTERN    date-fns pattern for created_at, e.g. "MMM dd, yyyy" (English month names are
                           understood without it)
  --html / --no-html       turn HTML text into plain text (default: when the text holds HTML tags)
  --format FMT             csv | tsv | jsonl (default: by file extension)
  --encoding ENC           utf8 | shift_jis | utf16le | utf16be (default: detected)
  --timezone OFFSET        offset for dates without one, e.g. +09:00 (default UTC)
  --strict                 fail the whole run (database unchanged) on the first bad row
  --batch-size N           documents per batch (default 500)
  --workers N              analysis threads, 0 = main thread (default: one per core)
  --sentiment-model DIR    use a local transformers.js text-classification model for sentiment
  --themes N               aim for about N themes (default: chosen automatically)
  --embedding-model DIR    themes from sentence embeddings of a local transformers.js model (cached in the db)
  --theme-encoder NAME     themes from words and concepts joined with a sentence encoder's vectors: use-lite-en
                           (English, offline from npm install; ≈ 10 ms an English text a core) or a model DIR
  --no-themes              skip theme discovery
  --reanalyze              analyze unchanged documents again (after changing models or dictionaries)
  --wait [SECONDS]         when another koe process writes the database, wait for it (default: say who
                           holds it and exit 2 at once; without SECONDS: wait as long as it takes)
  --progress               progress on stderr even when it is not a terminal (logs)
  --verbose                per-stage timings on stderr
  --quiet                  no progress, no summary
  --json                   the run's summary as one JSON object on stdout (for monitoring): the library's
                           RunSummary, or {"status": "failed" | "stopped", "runId", "error"} (runId null
                           when the run never started: bad arguments, a damaged database)

Presets (--preset NAME):
${PRESET_NAMES.map((n) => `  ${n.padEnd(12)} ${PRESETS[n].summary}`).join('\n')}

Exit codes: 0 ok (a warning when the inputs hold no rows) · 1 some rows rejected · 2 fatal: bad arguments or
config, an input with no text column or not a supported format (.xlsx), every row rejected`,
  examples: [
    'koe run --db koe.db data/',
    'koe run --db koe.db --text-field body --rating-scale nps survey.csv',
    'koe run --db koe.db --strict --timezone +09:00 tickets.jsonl',
    'koe run --db koe.db --wait 600 tickets.jsonl   # another run holds koe.db: wait up to 10 minutes',
    'koe run --db koe.db --preset google-play reviews_reviews_com.example_202611.csv',
    'koe run --db koe.db --rating nps=おすすめ度 --rating csat=満足度 --text-field ご意見 survey.csv',
    'koe run --db koe.db --text-field title,body --date-format "MMM dd, yyyy" --set channel=app_store reviews.csv',
  ],
  async run(rawArgv, io) {
    try {
      return await runOnce(rawArgv, io);
    } catch (err) {
      // A monitor reading --json learns of every failure from stdout, also one before the run started (bad flags, a
      // database another process holds, an input that is not feedback); the sentence still goes to stderr.
      if (rawArgv.includes('--json')) {
        const runId = err instanceof RunFailedError ? err.runId : null;
        io.stdout.write(JSON.stringify({ status: 'failed', runId, error: err instanceof Error ? err.message : String(err) }) + '\n');
      }
      throw err;
    }
  },
};

async function runOnce(rawArgv: string[], io: CliIo): Promise<number> {
  const { argv, wait } = takeWaitFlag(rawArgv);
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...DB_OPTION,
      config: { type: 'string' },
      ...Object.fromEntries(FIELD_FLAGS.map(([flag]) => [flag, { type: 'string' as const }])),
      'rating-scale': { type: 'string' },
      preset: { type: 'string' },
      rating: { type: 'string', multiple: true },
      'ces-easy': { type: 'string' },
      set: { type: 'string', multiple: true },
      'date-format': { type: 'string' },
      html: { type: 'boolean' },
      'no-html': { type: 'boolean' },
      format: { type: 'string' },
      encoding: { type: 'string' },
      timezone: { type: 'string' },
      strict: { type: 'boolean' },
      'batch-size': { type: 'string' },
      workers: { type: 'string' },
      'sentiment-model': { type: 'string' },
      themes: { type: 'string' },
      'embedding-model': { type: 'string' },
      'theme-encoder': { type: 'string' },
      'no-themes': { type: 'boolean' },
      reanalyze: { type: 'boolean' },
      progress: { type: 'boolean' },
      verbose: { type: 'boolean' },
      quiet: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const dbPath = values.db as string | undefined;
  if (!dbPath) throw new UsageError('--db PATH is required');
  if (positionals.length === 0) throw new UsageError('give at least one INPUT file or directory');

  const configFile = (values.config as string | undefined) ?? (fs.existsSync('koe.config.json') ? 'koe.config.json' : undefined);
  let fileConfig: KoeConfigInput = {};
  if (configFile) {
    try {
      fileConfig = readConfigFile(configFile);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }

  const ingest: IngestOptions = {};
  const fieldMap: NonNullable<IngestOptions['fieldMap']> = {};
  for (const [flag, field] of FIELD_FLAGS) {
    const v = (values as Record<string, string | boolean | undefined>)[flag];
    if (typeof v === 'string' && v) fieldMap[field] = v;
  }
  if (Object.keys(fieldMap).length > 0) ingest.fieldMap = { ...(fileConfig.ingest?.fieldMap ?? {}), ...fieldMap };
  const scale = values['rating-scale'] as string | undefined;
  if (scale !== undefined) {
    if (!RATING_SCALES.includes(scale as RatingScale)) {
      throw new UsageError(`--rating-scale must be one of ${RATING_SCALES.join(', ')}, got "${scale}"`);
    }
    ingest.ratingScale = scale as RatingScale;
  }
  const preset = values.preset as string | undefined;
  if (preset !== undefined) {
    if (!PRESET_NAMES.includes(preset as PresetName)) throw new UsageError(`--preset must be one of ${PRESET_NAMES.join(', ')}, got "${preset}"`);
    ingest.preset = preset as PresetName;
  }
  const ratingFlags = (values.rating as string[] | undefined) ?? [];
  if (ratingFlags.length > 0) ingest.ratings = { ...(fileConfig.ingest?.ratings ?? {}), ...Object.fromEntries(ratingFlags.map(parseRatingFlag)) };
  const setFlags = (values.set as string[] | undefined) ?? [];
  if (setFlags.length > 0) ingest.set = { ...(fileConfig.ingest?.set ?? {}), ...Object.fromEntries(setFlags.map(parseSetFlag)) };
  const cesEasy = values['ces-easy'] as string | undefined;
  if (cesEasy !== undefined) {
    if (cesEasy !== 'low' && cesEasy !== 'high') throw new UsageError(`--ces-easy must be low or high, got "${cesEasy}"`);
    ingest.cesEasy = cesEasy;
  }
  const dateFormat = values['date-format'] as string | undefined;
  if (dateFormat !== undefined) ingest.dateFormat = dateFormat;
  if (values.html && values['no-html']) throw new UsageError('give --html or --no-html, not both');
  if (values.html) ingest.html = true;
  if (values['no-html']) ingest.html = false;
  const format = values.format as string | undefined;
  if (format !== undefined) {
    if (!['csv', 'tsv', 'jsonl'].includes(format)) throw new UsageError(`--format must be csv, tsv or jsonl, got "${format}"`);
    ingest.format = format as IngestOptions['format'];
  }
  const encoding = values.encoding as string | undefined;
  if (encoding !== undefined) {
    if (!['utf8', 'shift_jis', 'utf16le', 'utf16be'].includes(encoding)) {
      throw new UsageError(`--encoding must be utf8, shift_jis, utf16le or utf16be, got "${encoding}"`);
    }
    ingest.encoding = encoding as IngestOptions['encoding'];
  }
  const timezone = values.timezone as string | undefined;
  if (timezone !== undefined) {
    if (!/^(Z|[+-]\d{2}:\d{2})$/.test(timezone)) throw new UsageError(`--timezone must look like +09:00 or Z, got "${timezone}"`);
    ingest.timezone = timezone;
  }

  const flags: KoeConfigInput = { ingest };
  if (values.strict) flags.strict = true;
  const batchSize = integerFlag('batch-size', values['batch-size'] as string | undefined, 1);
  if (batchSize !== undefined) flags.batchSize = batchSize;
  const workers = integerFlag('workers', values.workers as string | undefined, 0);
  if (workers !== undefined) flags.workers = workers;
  const modelDir = values['sentiment-model'] as string | undefined;
  if (modelDir) flags.sentiment = { backend: 'transformer', modelDir };
  const themeCount = integerFlag('themes', values.themes as string | undefined, 1);
  if (themeCount !== undefined) flags.themes = { themes: themeCount };
  const embeddingModel = values['embedding-model'] as string | undefined;
  if (embeddingModel) flags.themes = { ...flags.themes, embeddingModel };
  const themeEncoder = values['theme-encoder'] as string | undefined;
  if (themeEncoder) flags.themes = { ...flags.themes, encoder: themeEncoder };
  if (values['no-themes']) flags.skipThemes = true;

  const quiet = Boolean(values.quiet);
  const showProgress = !quiet && (io.isTTY || Boolean(values.progress));
  // On a terminal the bar redraws in place; in a log each update is a line.
  const eol = io.isTTY ? '' : '\n';
  let shownRejects = 0;
  const started = Date.now();
  const onRejected = (row: RejectedRow): void => {
    if (shownRejects++ < MAX_REJECTS_SHOWN) {
      const field = row.field ? ` ${row.field}:` : '';
      const value = row.value ? ` (${JSON.stringify(row.value)})` : '';
      io.stderr.write(`${showProgress && io.isTTY ? '\r' : ''}rejected ${row.file}:${row.line}:${field} ${row.reason}${value}\n`);
    }
  };

  const onDuplicate = (d: { docId: string; file: string; line: number; keptFile: string; keptLine: number }): void => {
    if (shownRejects++ < MAX_REJECTS_SHOWN) {
      const kept = d.keptFile === d.file ? `line ${d.keptLine}` : `${d.keptFile}:${d.keptLine}`;
      io.stderr.write(`${showProgress && io.isTTY ? '\r' : ''}duplicate ${d.file}:${d.line}: id "${d.docId}" again on ${kept}; the later row is kept\n`);
    }
  };
  const onWarning = (message: string): void => {
    io.stderr.write(`${showProgress && io.isTTY ? '\r' : ''}warning: ${message}\n`);
  };

  // Ctrl-C or a scheduler's SIGTERM: the run stops before writing its next batch, records why and frees the
  // database; a second signal stops at once (what is committed stays either way).
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stop.signal.aborted) process.exit(128 + (os.constants.signals[signal] ?? 15));
    io.stderr.write(`${showProgress && io.isTTY ? '\n' : ''}koe run: ${signal}: stopping before the next batch is written (again to stop at once)\n`);
    stop.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let summary: RunSummary;
  try {
    summary = await runKoe({
    db: dbPath,
    inputs: positionals,
    config: {
      ...fileConfig,
      ...flags,
      // Flags refine the file's nested settings rather than replacing them.
      ingest: { ...(fileConfig.ingest ?? {}), ...ingest },
      sentiment: flags.sentiment ?? fileConfig.sentiment,
      themes: { ...(fileConfig.themes ?? {}), ...(flags.themes ?? {}) },
    },
    reanalyze: Boolean(values.reanalyze),
    command: ['koe', 'run', ...rawArgv].join(' '),
    wait,
    onWait: (holder) => io.stderr.write(`waiting: the database is being written by ${describeHolder(holder)}\n`),
    onRejected,
    onDuplicate,
    onWarning,
    onProgress: showProgress ? (p) => io.stderr.write(progressLine(p, started, io.isTTY) + eol) : undefined,
    onPhase: showProgress ? (phase) => phase === 'themes' && io.stderr.write(`${io.isTTY ? '\n' : ''}  themes: updating…\n`) : undefined,
    log: values.verbose ? (m) => io.stderr.write(`[koe] ${m}\n`) : undefined,
    signal: stop.signal,
    });
  } catch (err) {
    // An input that is not feedback (no text column, a spreadsheet): a sentence, no stack, nothing written.
    if (err instanceof UnusableInputError) throw new UsageError(`${err.message}; nothing was written`);
    if (err instanceof RunStoppedError) {
      // A monitor reading --json learns of the stop from stdout too (a failure: runCommand.run).
      if (values.json) io.stdout.write(JSON.stringify({ status: 'stopped', runId: err.runId, error: err.message }) + '\n');
      io.stderr.write(`koe run: ${err.message}\n`);
      // As a shell reports a process ended by that signal (130 for SIGINT, 143 for SIGTERM).
      return 128 + (os.constants.signals[err.reason as NodeJS.Signals] ?? 15);
    }
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (showProgress && io.isTTY) io.stderr.write('\n');
  if (shownRejects > MAX_REJECTS_SHOWN) {
    io.stderr.write(
      `… and ${shownRejects - MAX_REJECTS_SHOWN} more rejected or duplicate rows (tables rejected_rows, duplicate_rows; run ${summary.runId})\n`,
    );
  }
  if (summary.hashedSourceIds > 0) {
    io.stderr.write(
      `note: ${summary.hashedSourceIds} source id(s) looked like an e-mail address or phone number and are stored as keyed hashes ` +
        `(HMAC-SHA256 with this database's secret); koe forget --source-id and follow-ups accept the original id\n`,
    );
  }
  for (const id of summary.interruptedRuns) {
    io.stderr.write(`note: run ${id} had not finished (killed?) and is now marked failed\n`);
  }
  if (summary.resumedRunId !== null) {
    const how =
      summary.rowsSkipped > 0
        ? `started at its first uncommitted row (its ${summary.rowsSkipped} committed rows were not read again; the counts below are the whole run's)`
        : 'its committed batches were kept (unchanged)';
    io.stderr.write(`note: finished the work of run ${summary.resumedRunId}: ${how}, ${summary.analyzed} documents analyzed now\n`);
  }
  if (summary.themes?.conceptDictionaryChanged) {
    io.stderr.write(
      `note: these themes were found with an older concept dictionary (koe was updated since); new documents are read with the current one. ` +
        `\`koe themes rebuild --db ${dbPath}\` finds them again with it (theme ids carry over by overlap, curation is kept)\n`,
    );
  }
  if (summary.themes?.encoderDropped) {
    io.stderr.write(
      `note: the themes had been found with sentence encoder ${summary.themes.encoderDropped}, and this run found them again without it ` +
        `(no --theme-encoder): give --theme-encoder ${summary.themes.encoderDropped} (or "themes": { "encoder": … } in the config) on every run to keep it\n`,
    );
  }
  if (summary.rowsRead === 0) {
    io.stderr.write(`warning: the inputs hold no rows (${summary.filesRead ?? 0} file(s) read): nothing was stored\n`);
  } else if (summary.rejected === summary.rowsRead) {
    io.stderr.write(`koe run: every one of the ${summary.rowsRead} rows was rejected (see above and rejected_rows, run ${summary.runId}): check the column mapping\n`);
  }
  if (summary.unscaledRatings > 0) {
    io.stderr.write(
      `warning: ${summary.unscaledRatings} rating(s) have no scale and count in no metric: name it with --rating-scale (nps, csat, ces, stars) or a preset\n`,
    );
  }
  if (!quiet) {
    const t = summary.themes;
    const themeText = t ? `; ${t.activeThemes} themes (${t.appeared} new), ${(t.unthemedShare * 100).toFixed(1)}% unthemed` : '';
    const extras = [
      summary.ratingOnly ? `${summary.ratingOnly} of them ratings without text` : '',
      summary.controlChars ? `${summary.controlChars} control characters removed` : '',
    ].filter((x) => x !== '');
    // The summary goes to stderr with the rest of the run's report: stdout stays free for pipelines.
    io.stderr.write(
      `run ${summary.runId}: read ${summary.rowsRead} rows — ${summary.inserted} new, ${summary.updated} updated, ` +
        `${summary.unchanged} unchanged, ${summary.rejected} rejected, ${summary.duplicates ?? 0} duplicates` +
        `${extras.length > 0 ? ` (${extras.join(', ')})` : ''}${themeText} in ${(summary.durationMs / 1000).toFixed(1)} s\n`,
    );
  }
  if (values.json) io.stdout.write(JSON.stringify(summary) + '\n');
  return runExitCode(summary);
}
