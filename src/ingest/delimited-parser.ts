// An incremental RFC 4180 parser: text goes in chunk by chunk, whole records come out. Quoted fields may hold
// delimiters, newlines and doubled quotes; records end at LF, CRLF or CR. Memory is bounded by one record:
// a field over `maxFieldBytes` is dropped (and its record flagged) while the parser keeps scanning for its end.

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export type RecordProblem =
  | { kind: 'unclosed_quote'; fieldIndex: number; quoteLine: number; excerpt: string }
  | { kind: 'field_too_large'; fieldIndex: number };

export interface ParsedRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
  problem: RecordProblem | null;
}

const State = {
  FieldStart: 0,
  Unquoted: 1,
  Quoted: 2,
  /** A quote inside a quoted field: either the first of a doubled pair or the closing quote. */
  QuoteInQuoted: 3,
  /** After a closing quote: characters up to the delimiter are kept (lenient, as spreadsheets write them). */
  AfterQuoted: 4,
} as const;
type State = (typeof State)[keyof typeof State];

export class DelimitedParser {
  private readonly delimiter: number;
  private state: State = State.FieldStart;
  private field = '';
  /** UTF-8 size of `field`, computed only once the field might be near the limit (-1: not yet needed). */
  private fieldBytes = -1;
  private fieldOverflow = false;
  private fields: string[] = [];
  private problem: RecordProblem | null = null;
  private recordStarted = false;
  private recordLine = 1;
  private quoteLine = 1;
  private line = 1;
  /** The previous chunk ended with the CR of a record end: a LF at the start of the next one belongs to it. */
  private pendingCR = false;

  constructor(
    delimiter: string,
    private readonly maxFieldBytes: number,
  ) {
    if (delimiter.length !== 1) throw new Error(`delimiter must be one character, got ${JSON.stringify(delimiter)}`);
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Parses `chunk`, appending every record it completes to `out`. */
  push(chunk: string, out: ParsedRecord[]): void {
    const n = chunk.length;
    const delim = this.delimiter;
    let i = 0;
    if (this.pendingCR && n > 0) {
      this.pendingCR = false;
      if (chunk.charCodeAt(0) === LF) i = 1;
    }
    while (i < n) {
      const state = this.state;
      if (state === State.Quoted) {
        const q = chunk.indexOf('"', i);
        const end = q === -1 ? n : q;
        if (end > i) {
          this.line += countNewlines(chunk, i, end);
          this.append(chunk.slice(i, end));
        }
        if (q === -1) return;
        this.state = State.QuoteInQuoted;
        i = q + 1;
        continue;
      }
      if (state === State.QuoteInQuoted) {
        if (chunk.charCodeAt(i) === QUOTE) {
          this.append('"');
          this.state = State.Quoted;
          i++;
          continue;
        }
        this.state = State.AfterQuoted;
      } else if (state === State.FieldStart) {
        const first = chunk.charCodeAt(i);
        if (!this.recordStarted && (first === LF || first === CR)) {
          // A blank line between records.
          this.line++;
          if (first === CR) {
            if (i + 1 < n) {
              if (chunk.charCodeAt(i + 1) === LF) i++;
            } else {
              this.pendingCR = true;
            }
          }
          i++;
          continue;
        }
        this.startRecord();
        if (first === QUOTE) {
          this.state = State.Quoted;
          this.quoteLine = this.line;
          i++;
          continue;
        }
        this.state = State.Unquoted;
      }
      // Unquoted or after a closing quote: everything up to the next delimiter or line break.
      let j = i;
      let c = 0;
      for (; j < n; j++) {
        c = chunk.charCodeAt(j);
        if (c === delim || c === LF || c === CR) break;
      }
      if (j > i) this.append(chunk.slice(i, j));
      if (j === n) return;
      this.endField();
      if (c === delim) {
        this.state = State.FieldStart;
        i = j + 1;
        continue;
      }
      this.endRecord(out);
      this.line++;
      if (c === CR) {
        if (j + 1 < n) {
          if (chunk.charCodeAt(j + 1) === LF) j++;
        } else {
          this.pendingCR = true;
        }
      }
      i = j + 1;
    }
  }

  /** Flushes the last record. An unclosed quote rejects its record; the lines after it are parsed again. */
  end(out: ParsedRecord[]): void {
    this.pendingCR = false;
    if (this.state === State.Quoted) {
      const fieldIndex = this.fields.length;
      // Inside a quoted field every quote was doubled (a single one would have closed it), so re-escaping gives
      // back the raw text. Without the runaway quote, the lines after the one it opened on are ordinary records.
      const raw = this.fieldOverflow ? null : this.field.replaceAll('"', '""');
      const firstBreak = raw === null ? -1 : raw.search(/\r|\n/);
      const excerpt = raw === null ? '' : raw.slice(0, firstBreak === -1 ? 200 : Math.min(firstBreak, 200));
      this.endField();
      this.problem = { kind: 'unclosed_quote', fieldIndex, quoteLine: this.quoteLine, excerpt };
      const quoteLine = this.quoteLine;
      this.endRecord(out);
      this.state = State.FieldStart;
      if (raw === null) return;
      const nl = firstBreak;
      if (nl === -1) return;
      const skip = raw.startsWith('\r\n', nl) ? 2 : 1;
      this.line = quoteLine + 1;
      this.push(raw.slice(nl + skip), out);
      this.end(out);
      return;
    }
    if (this.recordStarted) {
      this.endField();
      this.endRecord(out);
    }
    this.state = State.FieldStart;
  }

  private startRecord(): void {
    if (!this.recordStarted) {
      this.recordStarted = true;
      this.recordLine = this.line;
    }
  }

  private append(s: string): void {
    if (this.fieldOverflow) return;
    this.field += s;
    if (this.fieldBytes >= 0) {
      this.fieldBytes += Buffer.byteLength(s);
    } else if (this.field.length * 3 > this.maxFieldBytes) {
      // One UTF-16 unit is at most 3 UTF-8 bytes, so below this line the exact size is never needed.
      this.fieldBytes = Buffer.byteLength(this.field);
    }
    if (this.fieldBytes > this.maxFieldBytes) {
      this.fieldOverflow = true;
      this.field = '';
      if (!this.problem) this.problem = { kind: 'field_too_large', fieldIndex: this.fields.length };
    }
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.fieldBytes = -1;
    this.fieldOverflow = false;
  }

  private endRecord(out: ParsedRecord[]): void {
    if (this.recordStarted) out.push({ line: this.recordLine, fields: this.fields, problem: this.problem });
    this.fields = [];
    this.problem = null;
    this.recordStarted = false;
    this.state = State.FieldStart;
  }
}

function countNewlines(s: string, from: number, to: number): number {
  let count = 0;
  let k = s.indexOf('\n', from);
  while (k !== -1 && k < to) {
    count++;
    k = s.indexOf('\n', k + 1);
  }
  return count;
}
