import { parseArgs } from 'node:util';
import { EXIT_OK, UsageError, type Command } from '../command.js';
import { describeNamedQuery, listNamedQueries, parseParamArgs, runNamedQuery, getNamedQuery } from '../../index.js';
import { writeOut, writeRows } from '../format.js';
import { asUsage, DB_OPTION, FORMAT_OPTION, formatUsage, openDatabase, parseRowFormat } from '../options.js';

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
${formatUsage(21)}
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
        ...DB_OPTION,
        ...FORMAT_OPTION,
        param: { type: 'string', multiple: true },
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
    const store = openDatabase(values.db);
    try {
      const result = asUsage(() => runNamedQuery(store.db, name, params));
      await writeRows(io, format, result.columns, result.rows);
    } finally {
      store.close();
    }
    return EXIT_OK;
  },
};
