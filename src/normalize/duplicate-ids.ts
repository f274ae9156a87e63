/** What a stored row did to the database, relative to before the run. */
export type WriteOutcome = 'inserted' | 'updated' | 'unchanged';

/** `preRun` values that are not a fingerprint. */
const NOT_STORED = -1;
const NOT_LOOKED_UP = -2;
/** Stored before the run and changed by it, from a content that is no longer known: a later version counts as updated. */
const CHANGED_FROM_UNKNOWN = -3;

/**
 * The last row with an id that an interrupted run met before the point a resumed run starts at (the resumed run
 * does not read those rows again): its place, what it was counted as, and the content hash the database held
 * before the interrupted run (null: nothing; undefined: it was changed by the run and the earlier hash is gone).
 */
export interface EarlierRow {
  file: string;
  line: number;
  outcome: WriteOutcome;
  preRunHash: string | null | undefined;
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
  // One entry per document of the run, so the entries are columns (typed arrays indexed by the id's slot) rather than
  // an object each: at a million documents the objects alone were ≈ 60 MB of the main thread's heap.
  private readonly slotOf = new Map<string, number>();
  private readonly files: string[] = [];
  private readonly fileIndex = new Map<string, number>();
  private size = 0;
  private fileOf = new Int32Array(1024);
  private lineOf = new Int32Array(1024);
  /** Another row of this run had the id before this one (1). */
  private repeatedOf = new Uint8Array(1024);
  /** What the last written row with this id counted as (0: not written yet; see OUTCOMES). */
  private outcomeOf = new Uint8Array(1024);
  /** A fingerprint of the content hash the database held before the run (or NOT_STORED / NOT_LOOKED_UP). */
  private preRunOf = new Float64Array(1024);

  /**
   * @param earlierRow for a resumed run: the row with this id that the interrupted run met before the resume point,
   *   asked once for each id the first time it arrives (see run-resume.ts).
   */
  constructor(private readonly earlierRow?: (id: string) => EarlierRow | null) {}

  /** A row with this id was read; returns the place of the earlier row it supersedes, if any. */
  arrive(id: string, file: string, line: number): { file: string; line: number } | null {
    let slot = this.slotOf.get(id);
    const fileNo = this.fileNumber(file);
    if (slot === undefined && this.earlierRow) {
      const earlier = this.earlierRow(id);
      if (earlier) slot = this.remember(id, earlier);
    }
    if (slot === undefined) {
      this.grow();
      const at = this.size++;
      this.slotOf.set(id, at);
      this.fileOf[at] = fileNo;
      this.lineOf[at] = line;
      this.preRunOf[at] = NOT_LOOKED_UP;
      return null;
    }
    const earlier = { file: this.files[this.fileOf[slot]!]!, line: this.lineOf[slot]! };
    this.fileOf[slot] = fileNo;
    this.lineOf[slot] = line;
    this.repeatedOf[slot] = 1;
    return earlier;
  }

  /** True when an earlier row of this run had the id: its stored version is not the one before the run. */
  repeated(id: string): boolean {
    const slot = this.slotOf.get(id);
    return slot !== undefined && this.repeatedOf[slot] === 1;
  }

  /**
   * What the database held for this id when its first row of the run was looked up (null: nothing). Only the first
   * call counts: later rows of the id may meet what an earlier row wrote.
   */
  notePreRun(id: string, contentHash: string | null): void {
    const slot = this.slotOf.get(id);
    if (slot !== undefined && this.preRunOf[slot] === NOT_LOOKED_UP) this.preRunOf[slot] = contentHash === null ? NOT_STORED : fingerprint(contentHash);
  }

  /**
   * A row with this id reached the database (in read order): `outcome` is against the database as it is now.
   * Returns what to count, and the earlier row's count to take back (that row is a duplicate now), if one was
   * counted.
   */
  settle(id: string, outcome: WriteOutcome, contentHash: string): { count: WriteOutcome; takeBack: WriteOutcome | null } {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return { count: outcome, takeBack: null };
    const takeBack = OUTCOMES[this.outcomeOf[slot]!] ?? null;
    let count = outcome;
    const preRun = this.preRunOf[slot]!;
    if (this.repeatedOf[slot] === 1 && preRun !== NOT_LOOKED_UP) {
      count = preRun === NOT_STORED ? 'inserted' : preRun === fingerprint(contentHash) ? 'unchanged' : 'updated';
    }
    this.outcomeOf[slot] = OUTCOMES.indexOf(count);
    return { count, takeBack };
  }

  /** An id met before the resume point, as if its row had arrived and been written in this run. */
  private remember(id: string, earlier: EarlierRow): number {
    this.grow();
    const at = this.size++;
    this.slotOf.set(id, at);
    this.fileOf[at] = this.fileNumber(earlier.file);
    this.lineOf[at] = earlier.line;
    this.outcomeOf[at] = OUTCOMES.indexOf(earlier.outcome);
    const pre = earlier.preRunHash;
    this.preRunOf[at] = pre === undefined ? CHANGED_FROM_UNKNOWN : pre === null ? NOT_STORED : fingerprint(pre);
    return at;
  }

  private fileNumber(file: string): number {
    let n = this.fileIndex.get(file);
    if (n === undefined) {
      n = this.files.length;
      this.files.push(file);
      this.fileIndex.set(file, n);
    }
    return n;
  }

  private grow(): void {
    if (this.size < this.lineOf.length) return;
    const grown = <T extends Int32Array | Uint8Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.fileOf = grown(this.fileOf);
    this.lineOf = grown(this.lineOf);
    this.repeatedOf = grown(this.repeatedOf);
    this.outcomeOf = grown(this.outcomeOf);
    this.preRunOf = grown(this.preRunOf);
  }
}

/** Outcome codes of outcomeOf: 0 is "not written yet". */
const OUTCOMES: readonly (WriteOutcome | null)[] = [null, 'inserted', 'updated', 'unchanged'];
