import { parseArgs } from 'node:util';
import { EXIT_OK, integerFlag, UsageError, type Command } from '../command.js';
import { countFollowups, followupChunks, markFollowupsDone, pageFollowups, reopenFollowups, parseDayOption, type Followup, type FollowupSort } from '../../index.js';
import { truncate, writeOut, writeRowChunks, writeRows } from '../format.js';
import { asUsage, DB_OPTION, dbUsage, FORMAT_OPTION, formatUsage, openDatabase, parseRowFormat, PERIOD_OPTIONS, periodUsage, readPeriod } from '../options.js';

/** Rows a table shows without --limit: the most severe first; an export (csv, jsonl) has every one. */
const TABLE_LIMIT = 50;

const COLUMNS = ['doc_id', 'source_id', 'severity', 'age_days', 'created', 'reasons', 'rating', 'theme', 'channel', 'status', 'assignee', 'note', 'text'];

export const followupsCommand: Command = {
  name: 'followups',
  summary: 'Close the loop: unhappy feedback still waiting for an answer (negative, detractor, low rating, bug, complaint).',
  usage: `koe followups --db PATH [--all | --done] [filters] [--sort severity|oldest|newest] [--limit N] [--format table|csv|jsonl]
koe followups done ID... --db PATH [--note TEXT] [--assignee NAME]
koe followups reopen ID... --db PATH [--note TEXT] [--assignee NAME]

Lists negative feedback, NPS detractors (0–6), CSAT 1–2, 1–2 stars, bugs and complaints: the most severe first
(3 = a low rating in negative words, 2 = a low rating or a negative bug / complaint, 1 = the rest), then the
newest, with the source id to find the customer in your own system. Text is shown as stored: PII-masked (koe
never keeps the raw text). "done" marks follow-ups handled by koe document id or source id; marks, notes and
assignees are kept across runs (a re-run never un-marks) and through reopening. One unknown id marks nothing.

Options:
${dbUsage(17)}
  --all            open and handled ones (default: open only)
  --done           handled ones only
${periodUsage(17)}
  --channel NAME   one channel
  --theme ID       one primary theme ("(none)" for unthemed)
  --kind KIND      one feedback kind (bug, complaint, …)
  --rating R       SCALE:VALUE or SCALE:LOW-HIGH, e.g. stars:1-2, nps:0-6
  --assignee NAME  listing: only those assigned to NAME; done/reopen: assign to NAME
  --sort ORDER     severity (default), oldest or newest
  --as-of DAY      count ages to this day (default: today)
  --limit N        most rows (default: 50 in a table, all in csv / jsonl)
${formatUsage(17)}
  --note TEXT      with done / reopen: a note kept with the follow-up (shown in the listing)`,
  examples: [
    'koe followups --db koe.db --since 2026-11-09 --channel app_store --rating stars:1-2',
    'koe followups done d-8f2c01 TCK-1043 --db koe.db --note "refund sent" --assignee aiko',
  ],
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...DB_OPTION,
        ...PERIOD_OPTIONS,
        ...FORMAT_OPTION,
        all: { type: 'boolean' },
        done: { type: 'boolean' },
        'as-of': { type: 'string' },
        limit: { type: 'string' },
        note: { type: 'string' },
        assignee: { type: 'string' },
        channel: { type: 'string' },
        theme: { type: 'string' },
        kind: { type: 'string' },
        rating: { type: 'string' },
        sort: { type: 'string' },
      },
    });
    const [action, ...ids] = positionals;
    if (action === 'done' || action === 'reopen') {
      if (ids.length === 0) throw new UsageError(`give the ids to mark: koe followups ${action} ID... --db PATH`);
      const store = openDatabase(values.db, { write: true });
      try {
        const result = asUsage(() =>
          (action === 'done' ? markFollowupsDone : reopenFollowups)(store.db, ids, {
            ...(values.note === undefined ? {} : { note: values.note }),
            ...(values.assignee === undefined ? {} : { assignee: values.assignee }),
          }),
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
    const limit = integerFlag('limit', values.limit, 1);
    const asOf = values['as-of'] === undefined ? null : asUsage(() => parseDayOption(values['as-of']!, 'as-of'));
    const period = readPeriod(values);
    const store = openDatabase(values.db);
    try {
      const filter = {
        ...period,
        channel: values.channel ?? null,
        themeId: values.theme ?? null,
        kind: values.kind ?? null,
        rating: values.rating ?? null,
        assignee: values.assignee ?? null,
      };
      const status = values.all ? 'all' : values.done ? 'done' : 'open';
      const options = { ...filter, status, asOf, ...(values.sort ? { sort: values.sort as FollowupSort } : {}) } as const;
      const rowOf = (f: Followup) => ({
        doc_id: f.docId,
        source_id: f.sourceId,
        severity: f.severity,
        age_days: f.ageDays,
        created: f.createdAt?.slice(0, 10) ?? null,
        reasons: f.reasons.join(' '),
        rating: f.rating === null ? null : `${f.ratingScale} ${f.rating}`,
        theme: f.themeLabel === null ? null : `${f.themeId} ${format === 'table' ? truncate(f.themeLabel, 24) : f.themeLabel}`,
        channel: f.channel,
        status: f.status,
        assignee: f.assignee,
        note: f.note === null ? null : format === 'table' ? truncate(f.note.replace(/\s+/g, ' '), 30) : f.note,
        text: format === 'table' ? truncate(f.text.replace(/\s+/g, ' '), 60) : f.text,
      });
      if (format !== 'table') {
        // Every one (or --limit), streamed: a whole queue is an export, not a screen.
        const chunks = asUsage(() => followupChunks(store.db, { ...options, ...(limit ? { limit } : {}) }));
        await writeRowChunks(io, format, COLUMNS, (function* () {
          for (const chunk of chunks) yield chunk.map(rowOf);
        })());
        return EXIT_OK;
      }
      // A screen: the most severe first, TABLE_LIMIT of them unless --limit says otherwise.
      const page = asUsage(() => pageFollowups(store.db, { ...options, limit: limit ?? TABLE_LIMIT }));
      await writeRows(io, format, COLUMNS, page.followups.map(rowOf));
      const c = countFollowups(store.db, filter);
      const shown = page.followups.length < page.total ? `Showing ${page.followups.length} of ${page.total}: --limit N for more, --format csv or jsonl for every one. ` : '';
      await writeOut(io.stdout, `\n${c.open} open, ${c.done} handled. ${shown}Mark handled: koe followups done ID... --db ${values.db}\n`);
    } finally {
      store.close();
    }
    return EXIT_OK;
  },
};
