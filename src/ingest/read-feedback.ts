import path from 'node:path';
import type { IngestItem, RatingScale } from '../types.js';
import { fileProblem } from './build-row.js';
import type { TextEncoding } from './detect-encoding.js';
import { DelimitedRowReader } from './delimited-row-reader.js';
import {
  CONSTANT_FIELDS,
  DEFAULT_MAX_FIELD_BYTES,
  FIELD_NAMES,
  type ConstantField,
  type FieldName,
  type IngestOptions,
  type InputFormat,
} from './ingest-options.js';
import { JsonlRowReader } from './jsonl-row-reader.js';
import { formatFromExtension, type InputFile } from './list-input-files.js';
import { parseUtcOffset } from './parse-date.js';
import { RATING_SCALES } from './parse-rating.js';
import { applyPreset, PRESETS } from './presets.js';
import { readTextChunks } from './read-text-chunks.js';
import { FileContext, type ResolvedOptions, type RowReader } from './row-reader.js';

/** Option mistakes are the caller's, found before any file is opened. */
export function resolveOptions(given: IngestOptions): ResolvedOptions {
  const options = applyPreset(given);
  const offsetMinutes = parseUtcOffset(options.timezone ?? 'Z');
  if (offsetMinutes === null) throw new Error(`timezone must look like +09:00 or Z, got ${JSON.stringify(options.timezone)}`);
  const ratingScale = options.ratingScale ?? null;
  const scales = Object.keys(RATING_SCALES);
  if (ratingScale !== null && !scales.includes(ratingScale)) {
    throw new Error(`ratingScale must be one of ${scales.join(', ')}, got ${JSON.stringify(ratingScale)}`);
  }
  const maxFieldBytes = options.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES;
  if (!(maxFieldBytes > 0)) throw new Error(`maxFieldBytes must be positive, got ${String(options.maxFieldBytes)}`);
  for (const key of Object.keys(options.fieldMap ?? {})) {
    if (!FIELD_NAMES.includes(key as FieldName)) throw new Error(`fieldMap: unknown field "${key}" (fields: ${FIELD_NAMES.join(', ')})`);
  }
  for (const [scale, column] of Object.entries(options.ratings ?? {})) {
    if (!scales.includes(scale)) throw new Error(`ratings: unknown scale "${scale}" (scales: ${scales.join(', ')})`);
    if (typeof column !== 'string' || column.trim() === '') throw new Error(`ratings.${scale} must name a column, got ${JSON.stringify(column)}`);
  }
  for (const [field, value] of Object.entries(options.set ?? {})) {
    if (!CONSTANT_FIELDS.includes(field as ConstantField)) {
      throw new Error(`set: "${field}" cannot be set for a whole input (fields: ${CONSTANT_FIELDS.join(', ')})`);
    }
    if (typeof value !== 'string') throw new Error(`set.${field} must be a string, got ${JSON.stringify(value)}`);
  }
  const cesEasy = options.cesEasy ?? 'low';
  if (cesEasy !== 'low' && cesEasy !== 'high') throw new Error(`cesEasy must be "low" or "high", got ${JSON.stringify(cesEasy)}`);
  const html = options.html ?? 'auto';
  if (html !== 'auto' && typeof html !== 'boolean') throw new Error(`html must be true, false or "auto", got ${JSON.stringify(html)}`);
  const datePatterns = options.dateFormat === undefined ? [] : Array.isArray(options.dateFormat) ? options.dateFormat : [options.dateFormat];
  for (const p of datePatterns) if (typeof p !== 'string' || p.trim() === '') throw new Error(`dateFormat must be a date-fns pattern, got ${JSON.stringify(p)}`);

  // Mappings the preset made and the user did not: a missing column is then no reason for a warning.
  const presetFields = new Set<string>();
  if (given.preset !== undefined) {
    const preset = PRESETS[given.preset].options;
    for (const field of Object.keys(preset.fieldMap ?? {})) if (given.fieldMap?.[field as FieldName] === undefined) presetFields.add(field);
    for (const scale of Object.keys(preset.ratings ?? {})) if (given.ratings?.[scale as RatingScale] === undefined) presetFields.add(`ratings.${scale}`);
  }
  const constants = (options.set ?? {}) as Partial<Record<ConstantField, string>>;
  return {
    mapping: {
      fieldMap: options.fieldMap ?? {},
      ratings: options.ratings ?? {},
      constants: Object.keys(constants),
      presetFields,
      dropFields: options.dropFields ?? [],
    },
    ratingScale,
    cesEasy,
    constants,
    datePatterns,
    html,
    maxFieldBytes,
    offsetMinutes,
  };
}

/** Why the start of a file says it is not delimited text or JSON Lines (null when it may be). */
function notFeedbackText(firstText: string, format: InputFormat | null): string | null {
  const head = firstText.trimStart();
  if (head.startsWith('PK\u0003\u0004')) return 'a zip archive (an .xlsx workbook?) is not a supported format: save it as CSV (UTF-8) or JSON Lines';
  if (head.startsWith('%PDF')) return 'a PDF is not a supported format';
  if (format !== 'csv' && format !== 'tsv' && head.startsWith('[')) return 'a JSON array, not JSON Lines (one object per line): convert it first, e.g. jq -c ".[]"';
  return null;
}

/** The format of a file whose extension says nothing: JSON objects, or whichever of tab and comma the first line uses more. */
function sniffFormat(firstText: string): InputFormat {
  const head = firstText.trimStart();
  if (head.startsWith('{')) return 'jsonl';
  const lineEnd = head.search(/\r|\n/);
  const firstLine = lineEnd === -1 ? head : head.slice(0, lineEnd);
  return firstLine.split('\t').length > firstLine.split(',').length ? 'tsv' : 'csv';
}

function createReader(format: InputFormat, ctx: FileContext): RowReader {
  return format === 'jsonl' ? new JsonlRowReader(ctx) : new DelimitedRowReader(format === 'tsv' ? '\t' : ',', ctx);
}

/**
 * Streams feedback rows from CSV, TSV and JSONL files, in file order, one item per record: a row, or a rejected
 * row naming file, 1-based line, field and reason; a file that is not feedback at all (no text column, a
 * spreadsheet) gives one item with `fileProblem: 'unusable'` and is skipped. Bad rows never stop the reading; only a
 * file that cannot be read throws (IngestFatalError); bad options throw before anything is read. Memory stays
 * flat: the text is decoded and parsed as the bytes arrive and each record is yielded as soon as it is complete.
 * A file given as a path string is identified by its name (see InputFile).
 */
export async function* readFeedback(
  files: (string | InputFile)[],
  options: IngestOptions = {},
  /** Rows of the first file to pass over unbuilt (a resumed run: the rows its interrupted run committed). */
  startAt: { rows: number } = { rows: 0 },
): AsyncGenerator<IngestItem> {
  const resolved = resolveOptions(options);
  const forced = options.format && options.format !== 'auto' ? options.format : null;
  const items: IngestItem[] = [];
  for (const [index, input] of files.entries()) {
    const { file, sourceKey } = typeof input === 'string' ? { file: input, sourceKey: path.basename(input) } : input;
    let encoding: TextEncoding = 'utf8';
    const chunks = readTextChunks(file, options.encoding ?? 'auto', (e) => {
      encoding = e;
    });
    const ctx = new FileContext(file, resolved, () => encoding, sourceKey);
    if (index === 0) ctx.skipRows = startAt.rows;
    let reader: RowReader | null = null;
    const format = forced ?? formatFromExtension(file);
    if (format) reader = createReader(format, ctx);
    let first = true;
    let skipped = false;
    for await (const text of chunks) {
      if (first) {
        first = false;
        const why = notFeedbackText(text, format);
        if (why) {
          ctx.line = 1;
          yield fileProblem(ctx, 'unusable', null, `${why}; file skipped`);
          skipped = true;
          break;
        }
      }
      if (!reader) reader = createReader(sniffFormat(text), ctx);
      reader.push(text, items);
      // One chunk's records at a time (≤ 64 KiB of text): items are handed on as soon as they are parsed.
      for (const item of items) yield item;
      items.length = 0;
      if (reader.stopped) break;
    }
    if (reader && !reader.stopped && !skipped) {
      reader.end(items);
      for (const item of items) yield item;
      items.length = 0;
    }
  }
}

/**
 * The first input that cannot be read as feedback at all (no text column, a spreadsheet, a JSON array), found by
 * reading each file only up to its header or first record: a run checks this before it writes anything.
 */
export async function findUnusableInput(files: (string | InputFile)[], options: IngestOptions = {}): Promise<IngestItem | null> {
  for (const file of files) {
    for await (const item of readFeedback([file], options)) {
      if (!item.ok && item.fileProblem === 'warning') continue;
      if (!item.ok && item.fileProblem === 'unusable') return item;
      break; // a row (or a rejected row) came first: the file is feedback
    }
  }
  return null;
}
