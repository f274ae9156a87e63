import type { RatingScale } from '../types.js';

/** The koe fields an input column can be mapped to. */
export type FieldName = 'id' | 'text' | 'created_at' | 'rating' | 'rating_scale' | 'channel' | 'product' | 'source';

export const FIELD_NAMES: readonly FieldName[] = ['id', 'text', 'created_at', 'rating', 'rating_scale', 'channel', 'product', 'source'];

/** The fields a constant can fill for a whole input (`--set channel=app_store`). */
export type ConstantField = 'channel' | 'product' | 'source';
export const CONSTANT_FIELDS: readonly ConstantField[] = ['channel', 'product', 'source'];

export type InputFormat = 'csv' | 'tsv' | 'jsonl';

/** The layouts koe knows by name (see presets.ts). */
export type PresetName = 'google-play' | 'app-store' | 'zendesk' | 'intercom' | 'ja-survey';

export interface IngestOptions {
  /** A known export layout: its mapping applies under every other option given here. */
  preset?: PresetName;
  /**
   * Input column (or JSONL key) for each koe field, e.g. `{ text: 'body' }`. Defaults to the koe field name.
   * `text` may name several columns (`['title', 'body']`): the non-empty ones are joined with a line break.
   * JSONL keys may be dotted paths into nested objects (`message.body`).
   */
  fieldMap?: Partial<Record<FieldName, string | string[]>>;
  /** Several ratings per row: the column of each scale, e.g. `{ nps: 'おすすめ度', csat: '満足度' }`. */
  ratings?: Partial<Record<RatingScale, string>>;
  /** Which end of the CES 1–7 scale is easy: `low` (1 = effortless, the default) or `high` (7 = very easy). */
  cesEasy?: 'low' | 'high';
  /** Scale of every rating; a per-row `rating_scale` column wins. */
  ratingScale?: RatingScale | null;
  /** A constant for every row of the input, e.g. `{ channel: 'app_store' }` (wins over a column of that name). */
  set?: Partial<Record<ConstantField, string>>;
  /** date-fns patterns tried before the built-in ones, e.g. `MMM dd, yyyy` (English month names). */
  dateFormat?: string | string[];
  /** HTML in the text to plain text: `auto` (default) converts texts that hold HTML tags. */
  html?: 'auto' | boolean;
  /** Columns (or JSONL keys, dotted) not kept in metadata, e.g. a reviewer's name. */
  dropFields?: string[];
  /** `auto` picks by extension (.csv; .tsv .tab; .jsonl .ndjson .json-lines) and sniffs unknown ones. */
  format?: 'auto' | InputFormat;
  /** `auto`: a BOM decides, else UTF-16 by its zero bytes, valid UTF-8 is UTF-8, else CP932 (Shift_JIS). */
  encoding?: 'auto' | 'utf8' | 'shift_jis' | 'utf16le' | 'utf16be';
  /** A field (a JSONL line) larger than this rejects its row; it is never buffered whole. Default 1 MiB. */
  maxFieldBytes?: number;
  /** Offset for dates written without one, e.g. `+09:00`. Default `Z` (UTC). */
  timezone?: string;
}

/** Every key of IngestOptions, for the config check (an unknown key is an error naming the valid ones). */
export const INGEST_OPTION_KEYS: readonly (keyof IngestOptions)[] = [
  'preset',
  'fieldMap',
  'ratings',
  'cesEasy',
  'ratingScale',
  'set',
  'dateFormat',
  'html',
  'dropFields',
  'format',
  'encoding',
  'maxFieldBytes',
  'timezone',
];

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
