import type { IngestItem, RatingScale } from '../types.js';
import type { TextEncoding } from './detect-encoding.js';
import type { ConstantField } from './ingest-options.js';
import type { MappingOptions } from './map-columns.js';
import { parseDate } from './parse-date.js';

/** Options of one read, checked. */
export interface ResolvedOptions {
  mapping: MappingOptions;
  ratingScale: RatingScale | null;
  cesEasy: 'low' | 'high';
  constants: Partial<Record<ConstantField, string>>;
  datePatterns: string[];
  html: 'auto' | boolean;
  maxFieldBytes: number;
  offsetMinutes: number;
}

/** Turns decoded text of one file into rows and rejections, chunk by chunk (synchronously: no per-row promises). */
export interface RowReader {
  push(text: string, out: IngestItem[]): void;
  end(out: IngestItem[]): void;
  /** True once the file cannot yield more rows (e.g. no text column): the caller stops reading it. */
  readonly stopped: boolean;
}

const ENCODING_NAMES: Readonly<Record<TextEncoding, string>> = {
  utf8: 'UTF-8',
  cp932: 'Shift_JIS (CP932)',
  utf16le: 'UTF-16LE',
  utf16be: 'UTF-16BE',
};

/**
 * Stands for bytes the decoder could not read (U+FFFF is a noncharacter, never in real text). U+FFFD, the
 * replacement character, is ordinary text: files that went through mojibake once hold it legitimately.
 */
export const UNDECODABLE = '\uFFFF';

/** How many distinct date strings a file remembers: exports repeat dates (often date-only columns) a lot. */
const DATE_CACHE_SIZE = 4096;

/** What every row of one file shares; `line` is set per row. */
export class FileContext {
  line = 0;
  /**
   * Rows still to pass over without building them (a resumed run starts after the rows its interrupted run
   * committed): they are parsed, so every later row has the same line and the same reader state, but never built.
   */
  skipRows = 0;
  private readonly dates = new Map<string, string | null>();

  constructor(
    readonly file: string,
    readonly options: ResolvedOptions,
    private readonly encoding: () => TextEncoding,
    /** The file's identity for id-less rows (see normalize/document-identity.ts). */
    readonly sourceKey: string = file,
  ) {}

  get ratingScale(): RatingScale | null {
    return this.options.ratingScale;
  }

  /** True (and one fewer to skip) while rows are passed over: the caller drops the row it was about to build. */
  skipping(): boolean {
    if (this.skipRows === 0) return false;
    this.skipRows--;
    return true;
  }

  undecodableReason(): string {
    return `undecodable bytes: not valid ${ENCODING_NAMES[this.encoding()]}`;
  }

  parseDate(value: string): string | null {
    let parsed = this.dates.get(value);
    if (parsed === undefined) {
      parsed = parseDate(value, this.options.offsetMinutes, this.options.datePatterns);
      if (this.dates.size >= DATE_CACHE_SIZE) this.dates.clear();
      this.dates.set(value, parsed);
    }
    return parsed;
  }
}
