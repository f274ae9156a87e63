import type { RatingScale } from '../types.js';

/** The koe fields an input column can be mapped to. */
export type FieldName = 'id' | 'text' | 'created_at' | 'rating' | 'rating_scale' | 'channel' | 'product' | 'source';

export const FIELD_NAMES: readonly FieldName[] = ['id', 'text', 'created_at', 'rating', 'rating_scale', 'channel', 'product', 'source'];

export type InputFormat = 'csv' | 'tsv' | 'jsonl';

export interface IngestOptions {
  /** Input column (or JSONL key) for each koe field, e.g. `{ text: 'body' }`. Defaults to the koe field name. */
  fieldMap?: Partial<Record<FieldName, string>>;
  /** Scale of every rating; a per-row `rating_scale` column wins. */
  ratingScale?: RatingScale | null;
  /** `auto` picks by extension (.csv; .tsv .tab; .jsonl .ndjson .json-lines) and sniffs unknown ones. */
  format?: 'auto' | InputFormat;
  /** `auto`: a BOM decides, else valid UTF-8 is UTF-8, else CP932 (Shift_JIS as Windows writes it). */
  encoding?: 'auto' | 'utf8' | 'shift_jis';
  /** A field (a JSONL line) larger than this rejects its row; it is never buffered whole. Default 1 MiB. */
  maxFieldBytes?: number;
  /** Offset for dates written without one, e.g. `+09:00`. Default `Z` (UTC). */
  timezone?: string;
}

export const DEFAULT_MAX_FIELD_BYTES = 1024 * 1024;

/** A file that cannot be read at all (missing, unreadable, a read error). Bad rows never throw. */
export class IngestFatalError extends Error {
  override name = 'IngestFatalError';
  constructor(
    readonly file: string,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(`${file}: ${message}`);
  }
}
