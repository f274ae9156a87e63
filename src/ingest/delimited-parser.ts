// An incremental RFC 4180 parser: text goes in chunk by chunk, whole records come out. Quoted fields may hold
// delimiters, newlines and doubled quotes; records end at LF, CRLF or CR. Memory is bounded by one record:
// a field over `maxFieldBytes` is dropped (and its record flagged) while the parser keeps scanning for its end.
//
// Record-level recovery: a stray quote opens a quoted field that swallows the lines after it until the next quote
// closes it. The parser notices when a quoted field that ran over a line break closes where no field can end
// (`"…\n…"x`), when the record it belongs to ends up with more fields than the header, or when the file ends inside
// it; then it rejects the record as far as the line the quote opened on, and reads the lines after that line again
// as records. Good rows after a stray quote are never swallowed.

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;

export type RecordProblem =
  | { kind: 'unclosed_quote'; fieldIndex: number; quoteLine: number; excerpt: string }
  /** A quote that opened a field swallowing the next lines, closed by another row's quote (found mid-file). */
  | { kind: 'stray_quote'; fieldIndex: number; quoteLine: number; excerpt: string }
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
  /**
   * Raw text of the current record from earlier chunks (null once it grew past the size limit: no recovery then),
   * and where the record starts in the current chunk (0 when it started in an earlier one).
   */
  private recordRaw: string | null = '';
  private recordStartInChunk = 0;
  /** Offset in the record's raw text of the current quoted field's opening quote. */
  private quoteOffset = 0;
  /** The first quoted field of the record that ran over a line break: its quote's raw offset and line (-1: none). */
  private multilineQuoteOffset = -1;
  private multilineQuoteLine = 0;
  /** Fields a record should have: the header's (the first record's) count, once known; 0: unknown. */
  private expectedFields = 0;

  constructor(
    delimiter: string,
    private readonly maxFieldBytes: number,
  ) {
    if (delimiter.length !== 1) throw new Error(`delimiter must be one character, got ${JSON.stringify(delimiter)}`);
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Records should have this many fields (the header's): a record that swallowed lines has more. */
  expectFields(count: number): void {
    this.expectedFields = count;
  }

  /** Parses `chunk`, appending every record it completes to `out`. */
  push(chunk: string, out: ParsedRecord[]): void {
    this.recordStartInChunk = 0;
    this.parse(chunk, out);
  }

  private parse(chunk: string, out: ParsedRecord[]): void {
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
        if (q === -1) {
          this.carry(chunk);
          return;
        }
        this.state = State.QuoteInQuoted;
        i = q + 1;
        continue;
      }
      if (state === State.QuoteInQuoted) {
        const c = chunk.charCodeAt(i);
        if (c === QUOTE) {
          this.append('"');
          this.state = State.Quoted;
          i++;
          continue;
        }
        if (this.line > this.quoteLine) {
          // The field ran over a line break. Closed right before something that cannot follow a closing quote,
          // its quote was a stray one and this "closing" quote opened another row's field.
          if (c !== delim && c !== LF && c !== CR && c !== SPACE && this.recover(chunk, i, this.quoteOffset, this.quoteLine, out)) return;
          if (this.multilineQuoteOffset < 0) {
            this.multilineQuoteOffset = this.quoteOffset;
            this.multilineQuoteLine = this.quoteLine;
          }
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
        this.startRecord(i);
        if (first === QUOTE) {
          this.state = State.Quoted;
          this.quoteLine = this.line;
          this.quoteOffset = this.rawOffset(i);
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
      if (j === n) {
        this.carry(chunk);
        return;
      }
      this.endField();
      if (c === delim) {
        this.state = State.FieldStart;
        i = j + 1;
        continue;
      }
      if (
        this.multilineQuoteOffset >= 0 &&
        this.expectedFields > 0 &&
        this.fields.length > this.expectedFields &&
        this.recover(chunk, j, this.multilineQuoteOffset, this.multilineQuoteLine, out)
      ) {
        return;
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
    this.carry(chunk); // the chunk ended after a quote or a delimiter, inside a record
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

  private startRecord(i: number): void {
    if (!this.recordStarted) {
      this.recordStarted = true;
      this.recordLine = this.line;
      this.recordRaw = '';
      this.recordStartInChunk = i;
      this.multilineQuoteOffset = -1;
    }
  }

  /** Offset of chunk position `i` in the current record's raw text. */
  private rawOffset(i: number): number {
    return (this.recordRaw?.length ?? 0) + i - this.recordStartInChunk;
  }

  /** The chunk ends inside a record: keep its raw text (up to the size limit) for a recovery. */
  private carry(chunk: string): void {
    if (!this.recordStarted || this.recordRaw === null) return;
    const rest = this.recordStartInChunk === 0 ? chunk : chunk.slice(this.recordStartInChunk);
    this.recordRaw = this.recordRaw.length + rest.length > this.maxFieldBytes ? null : this.recordRaw + rest;
    this.recordStartInChunk = 0;
  }

  /**
   * Rejects the current record up to the end of the line where the quote at raw offset `quoteOffset` opened, then
   * parses what follows that line (and the rest of `chunk` from `i`) again. False when the raw text is not kept.
   */
  private recover(chunk: string, i: number, quoteOffset: number, quoteLine: number, out: ParsedRecord[]): boolean {
    if (this.recordRaw === null) return false;
    const raw = this.recordRaw + chunk.slice(this.recordStartInChunk, i);
    const lineEnd = raw.slice(quoteOffset).search(/\r|\n/);
    if (lineEnd === -1) return false;
    const breakAt = quoteOffset + lineEnd;
    const skip = raw.startsWith('\r\n', breakAt) ? 2 : 1;
    const fieldIndex = this.countFieldsBefore(raw, quoteOffset);
    out.push({
      line: this.recordLine,
      fields: [],
      problem: { kind: 'stray_quote', fieldIndex, quoteLine, excerpt: raw.slice(quoteOffset, Math.min(breakAt, quoteOffset + 200)) },
    });
    this.fields = [];
    this.field = '';
    this.fieldBytes = -1;
    this.fieldOverflow = false;
    this.problem = null;
    this.recordStarted = false;
    this.state = State.FieldStart;
    this.multilineQuoteOffset = -1;
    this.line = quoteLine + 1;
    this.push(raw.slice(breakAt + skip) + chunk.slice(i), out);
    return true;
  }

  /** Which field a quote at `offset` of a record's raw text opens (delimiters before it, outside quotes). */
  private countFieldsBefore(raw: string, offset: number): number {
    let count = 0;
    let quoted = false;
    for (let k = 0; k < offset; k++) {
      const c = raw.charCodeAt(k);
      if (c === QUOTE) quoted = !quoted;
      else if (c === this.delimiter && !quoted) count++;
    }
    return count;
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
    if (this.recordStarted) {
      // The first record is the header: later records should have as many fields (unless told otherwise).
      if (this.expectedFields === 0 && this.problem === null) this.expectedFields = this.fields.length;
      out.push({ line: this.recordLine, fields: this.fields, problem: this.problem });
    }
    this.fields = [];
    this.problem = null;
    this.recordStarted = false;
    this.multilineQuoteOffset = -1;
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
