/** Exit codes, documented in one place (README "Exit codes"). */
export const EXIT_OK = 0;
/** The run finished, but some input rows were rejected (reported on stderr and in `rejected_rows`). */
export const EXIT_REJECTED_ROWS = 1;
/** Bad arguments, unreadable input, database error: nothing was committed by the failing step. */
export const EXIT_FATAL = 2;

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** True when stderr is a terminal (progress bars only then). */
  isTTY: boolean;
}

/** One `koe` command. The CLI only parses arguments and formats output; the work is a library call. */
export interface Command {
  name: string;
  /** One line for `koe --help`. */
  summary: string;
  /** The usage block for `koe NAME --help` (options, one per line). */
  usage: string;
  /** At least one runnable example, shown in `--help` (a test checks every command has one). */
  examples: string[];
  run(argv: string[], io: CliIo): Promise<number>;
}

/** An error whose message is for the user: printed without a stack, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** An integer flag value of at least `min`, or undefined when the flag was not given; anything else is a UsageError. */
export function integerFlag(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got "${value}"`);
  return n;
}

/**
 * Takes `--wait [SECONDS]` (or `--wait=SECONDS`) out of the arguments: how long to wait for another process that
 * writes the database. Absent: 0 (fail at once, naming it); without a number: as long as it takes.
 */
export function takeWaitFlag(argv: readonly string[]): { argv: string[]; wait: number } {
  const rest: string[] = [];
  let wait = 0;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--wait') {
      const next = argv[i + 1];
      if (next !== undefined && /^\d+(\.\d+)?$/.test(next)) {
        wait = Number(next);
        i++;
      } else wait = Infinity;
    } else if (a.startsWith('--wait=')) {
      const v = a.slice('--wait='.length);
      if (!/^\d+(\.\d+)?$/.test(v)) throw new UsageError(`--wait takes a number of seconds, got "${v}"`);
      wait = Number(v);
    } else rest.push(a);
  }
  return { argv: rest, wait };
}
