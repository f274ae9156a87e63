import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { EXIT_OK, EXIT_REJECTED_ROWS, UsageError, integerFlag, takeWaitFlag, type Command } from '../command.js';
import { DB_OPTION } from '../options.js';
import {
  runOperation,
  describeHolder,
  openStore,
  trainFromLabels,
  trainFromRatings,
  TrainingDataError,
  type TrainReport,
  TRAINED_TASKS,
  type TrainedTask,
  SentenceEncoderError,
  ModelDirectoryError,
} from '../../index.js';

/** Skipped label rows printed one by one before the rest are only counted. */
const MAX_SKIPPED_SHOWN = 20;

function formatReport(task: TrainedTask, report: TrainReport): string {
  const m = report.model;
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const counts = Object.entries(report.labelCounts)
    .map(([label, n]) => `${label} ${n}`)
    .join(' · ');
  const lines = [
    `trained ${task} model v${m.version} on ${m.trainedOn} documents (${counts}) from ${m.labelSource}`,
    `cross-validated (${m.metrics.folds}-fold): accuracy ${pct(m.metrics.accuracy)}, macro-F1 ${m.metrics.macroF1.toFixed(3)}`,
    `  model, no blend:    accuracy ${pct(m.metrics.modelOnly.accuracy)}, macro-F1 ${m.metrics.modelOnly.macroF1.toFixed(3)}`,
  ];
  if (m.metrics.rulesOnly) {
    lines.push(`  rules alone:        accuracy ${pct(m.metrics.rulesOnly.accuracy)}, macro-F1 ${m.metrics.rulesOnly.macroF1.toFixed(3)}`);
  }
  lines.push(
    `  per label F1: ${Object.entries(m.metrics.f1)
      .map(([l, f]) => `${l} ${f.toFixed(3)}`)
      .join(' · ')}`,
    ...(m.encoder ? [`sentence encoder: ${m.encoder.name} (${m.encoder.id}, ${m.encoder.dims} dimensions)`] : []),
    `blend: ${Math.round(m.blendWeight * 100)}% rules + ${Math.round((1 - m.blendWeight) * 100)}% model (chosen by cross-validation)`,
    `active: later koe runs on this database use it (analyze unchanged documents again with --reanalyze)`,
  );
  return lines.join('\n') + '\n';
}

export const trainCommand: Command = {
  name: 'train',
  summary: "Learn sentiment or feedback kind from the team's labels (or from ratings) and use it in later runs.",
  usage: `koe train sentiment|kind --db PATH (--labels FILE | --from-ratings) [options]

Fits a linear model (word and character n-grams, Japanese and English) on the labels, blends it with koe's rules
(weight chosen by 5-fold cross-validation), prints the cross-validated accuracy and macro-F1, and stores it in the
database as the active model for the task.

Labels: sentiment positive | neutral | negative (also pos, neg, neu);
        kind bug | feature_request | question | complaint | praise | other (also feature, "feature request").

Options:
  --db PATH             koe database (created when missing)                       [required]
  --labels FILE         CSV, TSV or JSONL with a text column and a label column
  --from-ratings        sentiment only: use stored documents' ratings as labels
                        (stars/CSAT 1–2 negative, 4–5 positive; NPS 0–6 negative, 9–10 positive)
  --text-field NAME     column with the text (default "text")
  --label-field NAME    column with the label (default "label")
  --id-field NAME       the file names stored documents by this column (source id or koe id) instead of giving text
  --folds N             cross-validation folds (default 5)
  --workers N           training threads, 0 = main thread (default: one per core from 2,000 labelled rows)
  --encoder NAME|DIR    also read a pretrained sentence encoder's vectors: use-lite-en (Universal Sentence
                        Encoder lite, English, shipped as an npm package: offline) or a local transformers.js
                        feature-extraction model directory. Later runs embed with it too (use-lite-en:
                        ≈ 11 ms per English document per worker)
  --encoding ENC        utf8 | shift_jis (default: detected)
  --wait [SECONDS]      when another koe process writes the database, wait for it (default: exit 2 at once)`,
  examples: [
    'koe train sentiment --db koe.db --labels labelled.csv',
    'koe train kind --db koe.db --labels kinds.jsonl --text-field body --label-field kind',
    'koe train sentiment --db koe.db --labels labels.csv --id-field ticket_id',
    'koe train sentiment --db koe.db --from-ratings',
    'koe train sentiment --db koe.db --labels labelled.csv --encoder use-lite-en',
  ],
  async run(rawArgv, io) {
    const { argv, wait } = takeWaitFlag(rawArgv);
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...DB_OPTION,
        labels: { type: 'string' },
        'from-ratings': { type: 'boolean' },
        'text-field': { type: 'string' },
        'label-field': { type: 'string' },
        'id-field': { type: 'string' },
        folds: { type: 'string' },
        workers: { type: 'string' },
        encoder: { type: 'string' },
        encoding: { type: 'string' },
      },
    });
    const task = positionals[0];
    if (!task || !TRAINED_TASKS.includes(task as TrainedTask)) {
      throw new UsageError(`give the task to train: ${TRAINED_TASKS.join(' or ')}${task ? ` (got "${task}")` : ''}`);
    }
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
    if (!values.db) throw new UsageError('--db PATH is required');
    const fromRatings = values['from-ratings'] === true;
    if (!values.labels === !fromRatings) throw new UsageError('give exactly one of --labels FILE or --from-ratings');
    if (fromRatings && task !== 'sentiment') throw new UsageError('--from-ratings trains sentiment only (ratings say nothing about kind)');
    if (values.labels && !fs.existsSync(values.labels)) throw new UsageError(`no labels file at ${values.labels}`);
    const folds = integerFlag('folds', values.folds, 2);
    const threads = integerFlag('workers', values.workers, 0);
    const encoding = values.encoding;
    if (encoding !== undefined && encoding !== 'utf8' && encoding !== 'shift_jis') {
      throw new UsageError(`--encoding must be utf8 or shift_jis, got "${encoding}"`);
    }

    const log = (message: string): void => void io.stderr.write(`${message}\n`);
    const store = openStore(values.db);
    try {
      let report: TrainReport;
      try {
        const operation = {
          kind: 'train' as const,
          command: ['koe', 'train', ...rawArgv].join(' '),
          inputs: values.labels ? [values.labels] : [],
          wait,
          onWait: (holder: Parameters<typeof describeHolder>[0]) => void io.stderr.write(`waiting: the database is being written by ${describeHolder(holder)}\n`),
        };
        report = await runOperation(store.db, operation, () => fromRatings
          ? trainFromRatings(store.db, { folds, threads, encoder: values.encoder, log })
          : trainFromLabels(store.db, task as TrainedTask, values.labels as string, {
              folds,
              threads,
              encoder: values.encoder,
              log,
              textField: values['text-field'],
              labelField: values['label-field'],
              idField: values['id-field'],
              ingest: encoding ? { encoding } : {},
            }));
      } catch (err) {
        if (err instanceof TrainingDataError || err instanceof SentenceEncoderError || err instanceof ModelDirectoryError) {
          throw new UsageError(err.message);
        }
        throw err;
      }
      for (const s of report.skipped.slice(0, MAX_SKIPPED_SHOWN)) {
        io.stderr.write(`skipped ${s.file}:${s.line}${s.field ? ` ${s.field}` : ''}: ${s.reason}${s.value ? ` (${JSON.stringify(s.value)})` : ''}\n`);
      }
      if (report.skipped.length > MAX_SKIPPED_SHOWN) {
        io.stderr.write(`… and ${report.skipped.length - MAX_SKIPPED_SHOWN} more skipped rows\n`);
      }
      io.stdout.write(formatReport(task as TrainedTask, report));
      return report.skipped.length > 0 ? EXIT_REJECTED_ROWS : EXIT_OK;
    } finally {
      store.close();
    }
  },
};
