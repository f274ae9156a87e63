/** What a stored row did to the database, relative to before the run. */
export type WriteOutcome = 'inserted' | 'updated' | 'unchanged';

interface Seen {
  file: string;
  line: number;
  /** Another row of this run had the id before this one. */
  repeated: boolean;
  /** What the last written row with this id counted as (null: not written yet). */
  outcome: WriteOutcome | null;
}

/**
 * Rows of one run by document id, to report duplicates and keep the counts true. The rule: the **last** row with
 * an id wins (as if each file were run after the one before), and every earlier row with that id is reported as a
 * duplicate naming both lines. Counting: a duplicate is counted once as a duplicate, never as stored; the row that
 * wins is counted as new when the id was new before the run, else as updated.
 * Memory: one small entry per document of the run.
 */
export class DuplicateIds {
  private readonly seen = new Map<string, Seen>();

  /** A row with this id was read; returns the place of the earlier row it supersedes, if any. */
  arrive(id: string, file: string, line: number): { file: string; line: number } | null {
    const before = this.seen.get(id);
    if (!before) {
      this.seen.set(id, { file, line, repeated: false, outcome: null });
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
   * A row with this id reached the database (in read order): `outcome` is against the database as it is now —
   * `unchanged` when it already held this content. Returns what to count, and the earlier row's count to take back
   * (that row is a duplicate now), if one was counted.
   */
  settle(id: string, outcome: WriteOutcome): { count: WriteOutcome; takeBack: WriteOutcome | null } {
    const entry = this.seen.get(id);
    if (!entry) return { count: outcome, takeBack: null };
    const takeBack = entry.outcome;
    let count: WriteOutcome = outcome;
    if (outcome === 'unchanged') count = takeBack ?? 'unchanged';
    else if (outcome === 'updated' && takeBack === 'inserted') count = 'inserted';
    entry.outcome = count;
    return { count, takeBack };
  }
}
