#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COMMANDS } from './commands/index.js';
import { EXIT_FATAL, EXIT_OK, UsageError, type CliIo, type Command } from './command.js';
import { maskMessage, DatabaseCheckError, storageFailure } from '../index.js';
import { OutPathError } from './out-path.js';

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `koe (声) — customer feedback in Japanese and English → a queryable theme database, offline.

Usage: koe COMMAND [options]      koe COMMAND --help for its options and examples

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Exit codes: 0 ok · 1 finished, but some input rows were rejected · 2 fatal (bad arguments, unreadable input,
database error, database held by another koe process; a failed run keeps its committed batches and the same
command again finishes it)

Example:
  koe run --db koe.db data/ && koe themes --db koe.db
`;
}

export function commandHelp(c: Command): string {
  return `${c.summary}\n\nUsage: ${c.usage}\n\nExamples:\n${c.examples.map((e) => `  ${e}`).join('\n')}\n`;
}

/** Runs one koe command line; returns the exit code. Tests call this directly. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(helpText());
    return name === undefined ? EXIT_FATAL : EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write('koe 0.1.0\n');
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`koe: unknown command "${name}" (commands: ${COMMANDS.map((c) => c.name).join(', ')})\n`);
    return EXIT_FATAL;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(commandHelp(command));
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    const plain = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    // Messages can quote input values: masked before they reach a terminal or a log.
    io.stderr.write(`koe ${name}: ${maskMessage(e.message)}${storageHint(e)}\n`);
    if (plain) io.stderr.write(`(koe ${name} --help for usage)\n`);
    else if (process.env.KOE_DEBUG && !(e instanceof DatabaseCheckError || e instanceof OutPathError)) io.stderr.write(`${maskMessage(e.stack ?? '')}\n`);
    return EXIT_FATAL;
  }
}

/**
 * SQLite's "database or disk is full", "disk I/O error" and "database disk image is malformed" met mid-command, said
 * as what they mean and what to do (koe run says more itself: what it kept). A full disk can show as either of the
 * first two: with no room left even for the WAL's index, SQLite reports an I/O error.
 */
function storageHint(e: Error): string {
  if (e.message.includes('run the same command again')) return '';
  switch (storageFailure(e) ?? storageFailure(e.cause)) {
    case 'full':
      return ' (the disk holding the database is full: make room and run the same command again)';
    case 'damaged':
      return ' (the database file is damaged: restore it from a backup; sqlite3\'s ".recover" command may save what is left of it)';
    case 'io':
      return ' (the database could not be written: check that its disk has room and is writable, then run the same command again)';
    default:
      return '';
  }
}

function isEntryPoint(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  // `koe export | head`: the reader went away; stop quietly instead of crashing on EPIPE.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr, isTTY: Boolean(process.stderr.isTTY) };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`koe: ${maskMessage(err instanceof Error ? err.message : String(err))}\n`);
      process.exitCode = EXIT_FATAL;
    },
  );
}
