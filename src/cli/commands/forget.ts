import { parseArgs } from 'node:util';
import { EXIT_OK, UsageError, type Command } from '../command.js';
import { forgetDocuments, ForgetError } from '../../index.js';
import { DB_OPTION, existingDatabase } from '../options.js';

export const forgetCommand: Command = {
  name: 'forget',
  summary: 'Erase a customer: their documents and everything derived from them, with the bytes gone from the file.',
  usage: `koe forget --db PATH (--source-id ID... | --doc-id ID... | --text-contains TEXT) [--dry-run]

Erases every document selected, with its analysis, vectors, theme membership, theme quotes and follow-up mark.
The themes it was in are summarized again (size, negative share, quotes, label); a theme left empty is retired.
Deleted pages are overwritten (PRAGMA secure_delete), the WAL is checkpointed and truncated and the file rebuilt
(VACUUM), so the text is gone from the database's bytes. The erasure is recorded in the table erasures — when,
how it selected and how many documents — never the ids or the text.

A source id that was an e-mail address or phone number is stored as a keyed hash: give it as the customer wrote
it (koe hashes it with this database's key to find it). Trained models (koe train) keep word weights, not
documents; retrain after erasures if that matters to you.

Options:
  --db PATH              database written by koe run   [required]
  --source-id ID         the customer's id in the input (repeat for several)
  --doc-id ID            a document id as koe stores it (repeat for several)
  --text-contains TEXT   every document whose stored text contains TEXT (at least 3 characters)
  --dry-run              say how many documents would be erased, erase nothing`,
  examples: [
    'koe forget --db koe.db --source-id taro.yamada@example.jp',
    'koe forget --db koe.db --text-contains "ORDER-2026-0042" --dry-run',
  ],
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: {
        ...DB_OPTION,
        'source-id': { type: 'string', multiple: true },
        'doc-id': { type: 'string', multiple: true },
        'text-contains': { type: 'string' },
        'dry-run': { type: 'boolean' },
      },
    });
    const dbPath = existingDatabase(values.db);
    let summary;
    try {
      summary = forgetDocuments({
        db: dbPath,
        ...(values['source-id'] ? { sourceIds: values['source-id'] } : {}),
        ...(values['doc-id'] ? { docIds: values['doc-id'] } : {}),
        ...(values['text-contains'] !== undefined ? { textContains: values['text-contains'] } : {}),
        dryRun: values['dry-run'] === true,
      });
    } catch (err) {
      if (err instanceof ForgetError) throw new UsageError(err.message);
      throw err;
    }
    if (summary.dryRun) {
      io.stdout.write(`would erase ${summary.documents} document(s); nothing was changed (--dry-run)\n`);
    } else if (summary.documents === 0) {
      io.stdout.write('no document matched; nothing was erased\n');
    } else {
      io.stdout.write(
        `erased ${summary.documents} document(s) with their analyses, vectors, theme membership and follow-up marks; ` +
          `${summary.themesRefreshed} theme(s) summarized again; file rebuilt (erasure ${summary.erasureId} recorded)\n`,
      );
    }
    return EXIT_OK;
  },
};
