import { parseArgs } from 'node:util';
import { EXIT_FATAL, EXIT_OK, UsageError, type Command } from '../command.js';
import { backupDatabase } from '../../index.js';
import { DB_OPTION, existingDatabase } from '../options.js';
import { checkOutPath } from '../out-path.js';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Copy the database consistently, even while a run writes it, and check the copy.',
  usage: `koe backup --db PATH --out FILE

Writes a compacted copy of the database as one read transaction sees it (SQLite's VACUUM INTO): everything the
runs had committed, never half of a batch, while they go on writing (cp during a run can copy a database SQLite
then calls malformed). FILE must not exist. The copy is checked (PRAGMA quick_check) and opens as any koe
database. A backup holds the customers' feedback as the database does, and koe forget does not reach it: keep
backups no longer than your retention rules allow.

Options:
  --db PATH     database written by koe run   [required]
  --out FILE    the copy to write (a new file)   [required]`,
  examples: ['koe backup --db koe.db --out backups/koe-2026-12-06.db'],
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...DB_OPTION, out: { type: 'string' } } });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const db = existingDatabase(values.db);
    if (values.out === undefined) throw new UsageError('--out FILE is required');
    const out = checkOutPath(values.out, db);
    const r = backupDatabase(db, out);
    io.stdout.write(
      `backed up ${db} to ${r.out}: ${(r.bytes / 2 ** 20).toFixed(1)} MiB, ${r.documents} documents, schema ${r.schema ?? '(none)'}; check: ${r.check}\n`,
    );
    return r.check === 'ok' ? EXIT_OK : EXIT_FATAL;
  },
};
