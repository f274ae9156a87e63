/** What a stored row did to the database, relative to before the run. */
export type WriteOutcome = 'inserted' | 'updated' | 'unchanged';

/** `preRun` values that are not a fingerprint. */
const NOT_STORED = -1;
const NOT_LOOKED_UP = -2;

interface Seen {
  file: string;
  line: number;
  /** Another row of this run had the id before this one. */
  repeated: boolean;
  /** What the last written row with this id counted as (null: not written yet). */
  outcome: WriteOutcome | null;
  /** A fingerprint of the content hash the database held before the run (or NOT_STORED / NOT_LOOKED_UP). */
  preRun: number;
}

/** 48 bits of a hex content hash: enough to tell two versions of one document apart, small to keep. */
function fingerprint(contentHash: string): number {
  return parseInt(contentHash.slice(0, 12), 16);
}

/**
 * Rows of one run by document id, to report duplicates and keep the counts true. The rule: the **last** row with
 * an id wins (as if each file were run after the one before), and every earlier row with that id is reported as a
 * duplicate naming both lines. Counting: a duplicate is counted once, as a duplicate, never as stored; the row
 * that wins is counted against the database as it was before the run (new, updated or unchanged), so running the
 * same input again counts every document unchanged. Memory: one small entry per document of the run.
 */
export class DuplicateIds {
  private readonly seen = new Map<string, Seen>();

  /** A row with this id was read; returns the place of the earlier row it supersedes, if any. */
  arrive(id: string, file: string, line: number): { file: string; line: number } | null {
    const before = this.seen.get(id);
    if (!before) {
      this.seen.set(id, { file, line, repeated: false, outcome: null, preRun: NOT_LOOKED_UP });
      return null;
    }
    const earlier = { file: before.file, line: before.line };
    before.file = file;
    before.line = line;
    before.repeated = true;
    return earlier;
  }

  /** True when an earlier row of this run had the id: its stored version is not the one before the run. */
  repeated(id: string): boolean {
    return this.seen.get(id)?.repeated ?? false;
  }

  /**
   * What the database held for this id when its first row of the run was looked up (null: nothing). Only the first
   * call counts: later rows of the id may meet what an earlier row wrote.
   */
  notePreRun(id: string, contentHash: string | null): void {
    const entry = this.seen.get(id);
    if (entry && entry.preRun === NOT_LOOKED_UP) entry.preRun = contentHash === null ? NOT_STORED : fingerprint(contentHash);
  }

  /**
   * A row with this id reached the database (in read order): `outcome` is against the database as it is now.
   * Returns what to count, and the earlier row's count to take back (that row is a duplicate now), if one was
   * counted.
   */
  settle(id: string, outcome: WriteOutcome, contentHash: string): { count: WriteOutcome; takeBack: WriteOutcome | null } {
    const entry = this.seen.get(id);
    if (!entry) return { count: outcome, takeBack: null };
    const takeBack = entry.outcome;
    let count = outcome;
    if (entry.repeated && entry.preRun !== NOT_LOOKED_UP) {
      count = entry.preRun === NOT_STORED ? 'inserted' : entry.preRun === fingerprint(contentHash) ? 'unchanged' : 'updated';
    }
    entry.outcome = count;
    return { count, takeBack };
  }
}
