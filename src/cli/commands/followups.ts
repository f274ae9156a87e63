import { parseArgs } from 'node:util';
import { EXIT_OK, UsageError, type Command } from '../command.js';
import { countFollowups, listFollowups, markFollowupsDone, reopenFollowups, parseDayOption } from '../../index.js';
import { truncate, writeOut } from '../format.js';
import { asUsage, openExistingStore, parseRowFormat, writeRows } from './query.js';

const COLUMNS = ['doc_id', 'source_id', 'age_days', 'created', 'reasons', 'theme', 'channel', 'status', 'text'];

export const followupsCommand: Command = {
  name: 'followups',
  summary: 'Close the loop: unhappy feedback still waiting for an answer (negative, detractor, bug, complaint).',
  usage: `koe followups --db PATH [--all | --done] [--as-of YYYY-MM-DD] [--limit N] [--format table|csv|jsonl]
koe followups done ID... --db PATH [--note TEXT]
koe followups reopen ID... --db PATH

Lists negative feedback, NPS detractors (0–6), CSAT 1–2, bugs and complaints, oldest first, with the source id
to find the customer in your own system. Text is shown as stored: PII-masked (koe never keeps the raw text).
"done" marks follow-ups handled by koe document id or source id; marks are kept across runs (a re-run never
un-marks). One unknown id marks nothing.

Options:
  --db PATH        database written by koe run   [required]
  --all            open and handled ones (default: open only)
  --done           handled ones only
  --as-of DAY      count ages to this day (default: today)
  --limit N        most rows (default: all)
  --format FMT     table (default), csv or jsonl
  --note TEXT      with done: a note kept with the mark`,
  examples: ['koe followups --db koe.db', 'koe followups done d-8f2c01 TCK-1043 --db koe.db --note "refund sent"'],
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        all: { type: 'boolean' },
        done: { type: 'boolean' },
        'as-of': { type: 'string' },
        limit: { type: 'string' },
        format: { type: 'string' },
        note: { type: 'string' },
      },
    });
    const [action, ...ids] = positionals;
    if (action === 'done' || action === 'reopen') {
      if (ids.length === 0) throw new UsageError(`give the ids to mark: koe followups ${action} ID... --db PATH`);
      const store = openExistingStore(values.db, { write: true });
      try {
        const result = asUsage(() =>
          action === 'done' ? markFollowupsDone(store.db, ids, { note: values.note ?? null }) : reopenFollowups(store.db, ids),
        );
        const verb = action === 'done' ? 'marked done' : 'reopened';
        const already = action === 'done' ? 'already done' : 'were not done';
        const counts = countFollowups(store.db);
        await writeOut(
          io.stdout,
          `${verb}: ${result.changed.length}${result.changed.length ? ` (${result.changed.join(', ')})` : ''}` +
            `${result.unchanged.length ? `; ${already}: ${result.unchanged.join(', ')}` : ''}\n` +
            `open follow-ups: ${counts.open}, handled: ${counts.done}\n`,
        );
      } finally {
        store.close();
      }
      return EXIT_OK;
    }
    if (action !== undefined) throw new UsageError(`unknown action "${action}" (done or reopen, or none to list)`);
    if (values.all && values.done) throw new UsageError('--all and --done exclude each other');
    const format = parseRowFormat(values.format);
    const limit = values.limit === undefined ? undefined : Number(values.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit <= 0)) throw new UsageError(`--limit takes a positive whole number, got "${values.limit}"`);
    const asOf = values['as-of'] === undefined ? null : asUsage(() => parseDayOption(values['as-of']!, 'as-of'));
    const store = openExistingStore(values.db);
    try {
      const list = listFollowups(store.db, { status: values.all ? 'all' : values.done ? 'done' : 'open', asOf, ...(limit ? { limit } : {}) });
      const rows = list.map((f) => ({
        doc_id: f.docId,
        source_id: f.sourceId,
        age_days: f.ageDays,
        created: f.createdAt?.slice(0, 10) ?? null,
        reasons: f.reasons.join(' '),
        theme: f.themeLabel === null ? null : `${f.themeId} ${f.themeLabel}`,
        channel: f.channel,
        status: f.status,
        text: format === 'table' ? truncate(f.text.replace(/\s+/g, ' '), 60) : f.text,
      }));
      await writeRows(io, format, COLUMNS, rows);
      if (format === 'table') {
        const c = countFollowups(store.db);
        await writeOut(io.stdout, `\n${c.open} open, ${c.done} handled. Mark handled: koe followups done ID... --db ${values.db}\n`);
      }
    } finally {
      store.close();
    }
    return EXIT_OK;
  },
};
