import { parseArgs } from 'node:util';
import { EXIT_OK, UsageError, takeWaitFlag, type Command } from '../command.js';
import { describeHolder, upgradeDatabase } from '../../index.js';
import { DB_OPTION, existingDatabase } from '../options.js';

export const upgradeCommand: Command = {
  name: 'upgrade',
  summary: "Bring a database up to this koe's schema (its numbered migrations), as a deploy step.",
  usage: `koe upgrade --db PATH [--wait [SECONDS]]

Applies the schema changes this version of koe brings to a database an earlier version wrote, each migration in
its own transaction, and prints them (or that the database is up to date). Any command that writes (koe run,
themes, train, forget, serve without --read-only) does the same when it opens the database; commands that only read
(stats, export, query, trends, report, serve --read-only…) never change the file, and refuse a database that needs
an upgrade, naming this command. A run of the earlier koe still writing the database is named and the upgrade exits
2 at once, or waits for it with --wait.

Options:
  --db PATH              database written by koe run   [required]
  --wait [SECONDS]       wait for another process that writes the database (no number: as long as it takes)`,
  examples: ['koe upgrade --db koe.db', 'koe upgrade --db koe.db --wait 600'],
  async run(rawArgv, io) {
    const { argv, wait } = takeWaitFlag(rawArgv);
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...DB_OPTION } });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const db = existingDatabase(values.db);
    const { applied } = await upgradeDatabase(db, {
      wait,
      onWait: (holder) => void io.stderr.write(`waiting: the database is being written by ${describeHolder(holder)}\n`),
    });
    io.stdout.write(
      applied.length === 0 ? `${db}: up to date\n` : `${db}: applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}\n`,
    );
    return EXIT_OK;
  },
};
